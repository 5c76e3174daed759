"""The embedded server's entry point: `python -m extractor.model.llama_server [--no-extra-buffers] ARGS`
runs llama-cpp-python's OpenAI-compatible server with ARGS.

`--no-extra-buffers` turns off the CPU backend's extra buffer types (the repacked and AMX matrix
layouts) when the installed llama.cpp was built with AMX kernels (`library_has_amx`). Some
virtual machines report AMX through CPUID but fault on its tile instructions: a llama.cpp built
there with `-march=native` then dies on its first completion (a general protection fault in
libggml-cpu), which a user sees as "connection error" on every call. `local.LocalServer` passes
the flag where the CPU reports AMX (`amx_reported`). A build without AMX kernels (e.g.
`CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX512=ON"`, see README) keeps its repacked kernels, which
generate about 15% faster here; elsewhere the server runs as llama-cpp-python ships it.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

__all__ = ["NO_EXTRA_BUFFERS", "amx_reported", "library_has_amx", "main"]

NO_EXTRA_BUFFERS = "--no-extra-buffers"


def amx_reported(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the CPU says it has AMX tiles (Linux's `amx_tile` flag); False where it cannot tell."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(line.startswith("flags") and "amx_tile" in line.split() for line in text.splitlines())


def library_has_amx(system_info: str | None = None) -> bool:
    """Whether the installed llama.cpp has AMX kernels (its system info says `AMX_INT8 = 1`)."""
    if system_info is None:
        import llama_cpp.llama_cpp as lc

        system_info = lc.llama_print_system_info().decode("utf-8", errors="replace")
    return "AMX_INT8 = 1" in system_info


def _without_extra_buffers() -> None:
    import llama_cpp.llama_cpp as lc

    default = lc.llama_model_default_params

    def params():  # type: ignore[no-untyped-def]
        chosen = default()
        chosen.use_extra_bufts = False
        return chosen

    lc.llama_model_default_params = params


def main(argv: list[str]) -> None:
    if NO_EXTRA_BUFFERS in argv:
        argv = [a for a in argv if a != NO_EXTRA_BUFFERS]
        if library_has_amx():
            _without_extra_buffers()
    sys.argv = ["llama_cpp.server", *argv]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])

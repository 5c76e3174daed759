"""The embedded server's entry point: `python -m extractor.model.llama_server [--exit-with-parent]
[--no-extra-buffers] ARGS` runs llama-cpp-python's OpenAI-compatible server with ARGS.

`--exit-with-parent` stops the server when its stdin (a pipe from `local.LocalServer`) closes,
that is when the process that started it is gone, however it died (`exit_with_parent`).

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

import os
import runpy
import signal
import sys
import threading
from pathlib import Path
from typing import BinaryIO

__all__ = ["NO_EXTRA_BUFFERS", "amx_reported", "library_has_amx", "EXIT_WITH_PARENT", "exit_with_parent", "main"]

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


EXIT_WITH_PARENT = "--exit-with-parent"


def exit_with_parent(stream: BinaryIO | None = None) -> threading.Thread:
    """Stop this process when `stream` (stdin: a pipe whose other end only the parent holds) ends.

    The parent stops the server at exit (`atexit`), but a parent killed by a signal (SIGKILL, or
    SIGTERM without a handler) runs no exit hooks, and an orphaned server would keep the cores
    busy with nobody to ask it anything. The kernel closes a dead process's end of the pipe, so
    the read below returns and the server exits at once (not SIGTERM: uvicorn would first finish
    the answer in progress, minutes of both cores for nobody). (Linux's PR_SET_PDEATHSIG would fire when
    the parent *thread* that started the server ends, which a thread pool does at will.)"""
    source = stream if stream is not None else sys.stdin.buffer

    def watch() -> None:
        while source.read(4096):
            pass
        os.kill(os.getpid(), signal.SIGKILL)

    thread = threading.Thread(target=watch, name="exit-with-parent", daemon=True)
    thread.start()
    return thread


def main(argv: list[str]) -> None:
    if EXIT_WITH_PARENT in argv:
        argv = [a for a in argv if a != EXIT_WITH_PARENT]
        exit_with_parent()
    if NO_EXTRA_BUFFERS in argv:
        argv = [a for a in argv if a != NO_EXTRA_BUFFERS]
        if library_has_amx():
            _without_extra_buffers()
    sys.argv = ["llama_cpp.server", *argv]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])

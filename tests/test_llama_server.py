"""The embedded server's launcher: AMX read from /proc/cpuinfo, and the flag that turns the CPU
backend's extra buffer types off where a VM reports AMX and faults on it."""

from pathlib import Path

import pytest

from extractor.model.llama_server import EXIT_WITH_PARENT, NO_EXTRA_BUFFERS, amx_reported, library_has_amx


@pytest.mark.parametrize("flags,expected", [
    ("fpu vme avx2 avx512f amx_bf16 amx_tile amx_int8", True),
    ("fpu vme avx2 avx512f", False),
    ("fpu vme amx_bf16 amx_int8", False),  # no tiles, no tile instructions
    ("fpu vme xamx_tiles", False),  # a whole flag only
])
def test_amx_is_read_from_the_cpu_flags(tmp_path: Path, flags: str, expected: bool) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: {flags}\n\n")
    assert amx_reported(cpuinfo) is expected


def test_no_cpuinfo_means_no_amx(tmp_path: Path) -> None:
    assert amx_reported(tmp_path / "missing") is False


def test_the_server_command_turns_extra_buffers_off_only_where_amx_is_reported(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from extractor.model import local

    seen: list[list[str]] = []

    class Stop(Exception):
        pass

    def popen(cmd, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(cmd)
        raise Stop

    monkeypatch.setattr(local.subprocess, "Popen", popen)
    monkeypatch.setattr(local, "find_model_file", lambda settings: tmp_path / "m.gguf")
    from extractor import Settings

    for reported in (True, False):
        monkeypatch.setattr(local, "amx_reported", lambda: reported)
        with pytest.raises(Stop):
            local.LocalServer(Settings.from_env(env={}, cache_dir=str(tmp_path))).start()
    assert seen[0][1:3] == ["-m", "extractor.model.llama_server"] and NO_EXTRA_BUFFERS in seen[0]
    assert all(EXIT_WITH_PARENT in cmd for cmd in seen)  # never an orphaned server
    assert NO_EXTRA_BUFFERS not in seen[1]


@pytest.mark.parametrize("info,expected", [
    ("CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 1 | AVX512_VNNI = 1 | AMX_INT8 = 1 | OPENMP = 1 | REPACK = 1 | ", True),
    ("CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 1 | AVX512_VNNI = 1 | OPENMP = 1 | REPACK = 1 | ", False),
    ("", False),
])
def test_amx_kernels_are_read_from_the_library_system_info(info: str, expected: bool) -> None:
    """Only a build with AMX kernels loses its extra buffers on an AMX-reporting CPU."""
    assert library_has_amx(info) is expected


def test_the_installed_library_reports_its_kernels() -> None:
    pytest.importorskip("llama_cpp")
    assert isinstance(library_has_amx(), bool)


def test_the_server_process_dies_with_its_parent(tmp_path: Path) -> None:
    """A parent killed by SIGKILL runs no exit hooks: the launcher's child must not outlive it."""
    import os
    import signal
    import subprocess
    import sys
    import time

    child_code = ("import time; from extractor.model.llama_server import exit_with_parent; "
                  "exit_with_parent(); time.sleep(60)")
    parent_code = ("import subprocess, sys, time; "
                   f"p = subprocess.Popen([sys.executable, '-c', {child_code!r}], stdin=subprocess.PIPE); "
                   "print(p.pid, flush=True); time.sleep(60)")
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    try:
        child = int(parent.stdout.readline())  # type: ignore[union-attr]
        time.sleep(1.0)  # the child is watching its stdin
        assert _alive(child)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(child):
            time.sleep(0.1)
        assert not _alive(child), "the server process outlived its killed parent"
    finally:
        parent.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False

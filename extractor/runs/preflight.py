"""Checks made before a batch sends its first request, so that nothing is paid for in vain.

The run store is checked when it is opened (`RunStore`: SQLite, schema version, pages intact) and
claimed (`RunStore.claim`: no other run on it); the paths here. `check_paths`: the output is not
an input file, nor the run store or one of SQLite's files beside it (`-wal`, `-shm`, `-journal`)
or its lock, and the store is not an input: writing the output replaces its file whole, so any
of these would be lost (an input, a store full of paid answers). Files are compared by identity
(the resolved path, or the same file under another name: a hard link). `check_output`: its
folder is created when missing, and a file is created and removed in it, which is the only test
of writability that holds for every case (read-only mounts, immutable folders, root, network
filesystems, quotas). A failure is a ConfigError saying what is wrong and what to do
(`extractor run` exits 2).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from extractor.errors import ConfigError
from extractor.runs.inputs import input_files, kind_of
from extractor.runs.lock import lock_path

__all__ = ["check_not_inputs", "check_output", "check_paths", "is_sqlite", "store_companions"]


def check_output(path: Path | str) -> None:
    """Raise ConfigError unless a file can be written at `path` (its folder is created if missing)."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"the output {path} is a folder: pass a file name, e.g. {path / 'results.jsonl'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=path.parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ConfigError(f"cannot write the output {path} ({exc.strerror or exc}): choose a writable "
                          "-o/--output path (nothing was sent)") from None


def store_companions(store: Path | str) -> dict[str, Path]:
    """The files a run store at `store` is made of, by what they are: SQLite keeps its write-ahead
    log, shared memory and rollback journal beside the resolved path (symlinks followed), and the
    lock (`extractor.runs.lock`) is there too; the name given is listed as well."""
    given, real = Path(store), Path(os.path.realpath(store))
    files = {"run store": given, "run store (resolved)": real, "run store's lock": lock_path(store)}
    for suffix, what in (("-wal", "write-ahead log"), ("-shm", "shared memory"), ("-journal", "journal")):
        files[f"run store's {what}"] = real.with_name(real.name + suffix)
    return files


def check_paths(inputs: Iterable[Path | str], output: Path | str, store: Path | str) -> None:
    """Raise ConfigError when the output is an input file, a SQLite file (another run's store) or
    one of this run store's files, or the store is an input file (see the module's docstring).
    `inputs` as given to `read_inputs`."""
    output, store = Path(output), Path(store)
    check_not_inputs(inputs, {"output": (output, "-o"), "run store": (store, "--store")})
    for what, file in store_companions(store).items():
        if _same_file(output, file):
            raise ConfigError(f"the output {output} is the {what} ({file}): writing the output would replace what "
                              "the store holds. Pass another -o or --store path (nothing was sent)")
    if not _same_file(output, store) and is_sqlite(output):
        raise ConfigError(f"the output {output} is a SQLite file (another run's store?): writing the output would "
                          "replace it and the answers it holds. Pass another -o path (nothing was sent)")


def check_not_inputs(inputs: Iterable[Path | str], written: dict[str, tuple[Path, str]]) -> None:
    """Raise ConfigError when a file to be written (by what it is: its path and the option that
    names it) is one of the input files or a text file's `NAME.json` beside it (by any name)."""
    files = input_files(list(inputs))
    for file in [*files, *(f.with_suffix(".json") for f in files if kind_of(f) == "text")]:
        for what, (path, option) in written.items():
            if _same_file(path, file):
                raise ConfigError(f"the {what} {path} is the input file {file}: writing it would replace your input. "
                                  f"Pass another {option} path (nothing was sent)")


def is_sqlite(path: Path) -> bool:
    """Whether `path` is an existing SQLite database file (by its 16-byte header)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\0"
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    """One file under both names: the same resolved path, or (both existing) the same device and
    inode (a hard link)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False

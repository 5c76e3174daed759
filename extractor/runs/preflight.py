"""Checks made before a batch sends its first request, so that nothing is paid for in vain.

The run store is checked when it is opened (`RunStore`: SQLite, schema version) and claimed
(`RunStore.claim`: no other run on it); the output path here: its folder is created when
missing, and a file is created and removed in it, which is the only test of writability that
holds for every case (read-only mounts, immutable folders, root, network filesystems, quotas).
A failure is a ConfigError saying what is wrong and what to do (`extractor run` exits 2).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from extractor.errors import ConfigError

__all__ = ["check_output"]


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

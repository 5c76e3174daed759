"""One run per store at a time: an exclusive lock on a file beside the store.

Two `extractor run`s on one store would each send every article not yet done, and pay twice.
The lock is `fcntl.flock` on `STORE.lock`, which holds the owner's PID and start time for the
message a second run prints. The kernel releases a flock when its owner dies, however it dies
(SIGKILL included), so a lock file left by a dead process is simply taken over; there is no
staleness to guess. Batch workers do not take it: they run for the process that holds it.
Where `fcntl` is missing (Windows), a PID check of the file's owner stands in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import IO, Any

from extractor.errors import ConfigError

__all__ = ["StoreLock"]


class StoreLock:
    """`acquire()` or ConfigError("... in use by PID n, started at ..."); `release()` when done."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, store: Path | str) -> None:
        if self._handle is not None:
            return
        handle = self.path.open("a+", encoding="utf-8")
        try:
            if not _try_lock(handle):
                raise ConfigError(_in_use(store, _read_owner(handle)))
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps({"pid": os.getpid(), "started": dt.datetime.now().astimezone().isoformat(
                timespec="seconds")}))
            handle.flush()
        except BaseException:
            handle.close()
            raise
        self._handle = handle

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.seek(0)
            handle.truncate()  # a release leaves no owner behind; the empty file is harmless
            handle.close()  # closing drops the flock


def _try_lock(handle: IO[str]) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        owner = _read_owner(handle)
        return not (owner and _alive(int(owner.get("pid", 0))))
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _read_owner(handle: IO[str]) -> dict[str, Any]:
    handle.seek(0)
    try:
        owner = json.loads(handle.read() or "{}")
    except ValueError:
        return {}
    return owner if isinstance(owner, dict) else {}


def _alive(pid: int) -> bool:  # pragma: no cover - Windows only
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _in_use(store: Path | str, owner: dict[str, Any]) -> str:
    who = f"PID {owner.get('pid', '?')}, started at {owner.get('started', '?')}"
    return (f"the run store {store} is in use by {who}: wait for that run to finish (or stop it), "
            "or pass another --store. Two runs on one store would send the same articles twice")

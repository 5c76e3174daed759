"""One run per store at a time: an exclusive lock on the store's file, whatever name it is given.

Two `extractor run`s on one store would each send every article not yet done, and pay twice.
The lock is `fcntl.flock` on `STORE.lock` beside the store's resolved path (`lock_path`: a
symlink to the store, or a store in a symlinked folder, finds the same lock), which holds the
owner's PID and start time for the message a second run prints. On Linux the store file itself
is flocked too: that lock is on the file (its device and inode), so a run through a hard link,
which resolves to another path, is refused as well. SQLite's own locks are POSIX (fcntl) locks,
which Linux keeps apart from flock's; the descriptor holding the flock is closed only after the
store's connection is (`close`), since closing any descriptor of a file drops the POSIX locks
the process holds on it.

The kernel releases a flock when its owner dies, however it dies (SIGKILL included), so a lock
left by a dead process is simply taken over; there is no staleness to guess. Batch workers do
not take it: they run for the process that holds it. Where `fcntl` is missing (Windows), a PID
check of the lock file's owner stands in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from extractor.errors import ConfigError

__all__ = ["StoreLock", "lock_path"]


def lock_path(store: Path | str) -> Path:
    """The lock file of the store at `store`: beside its resolved path (symlinks followed)."""
    real = Path(os.path.realpath(store))
    return real.with_name(real.name + ".lock")


class StoreLock:
    """`acquire()` or ConfigError("... in use by PID n, started at ..."); `release()` when done,
    `close()` once the store's connection is closed."""

    def __init__(self, store: Path | str) -> None:
        self.store = Path(store)
        self.path = lock_path(store)
        self._handle: IO[str] | None = None  # the lock file, open while the lock is held
        self._identity: int | None = None  # a descriptor of the store file itself (Linux), open until close()

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        if self._handle is not None:
            return
        handle = self.path.open("a+", encoding="utf-8")
        try:
            if not _try_lock(handle):
                raise ConfigError(_in_use(self.store, _read_owner(handle)))
            if not self._lock_identity():
                raise ConfigError(_in_use(self.store, {}, by_another_name=True))
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
        if self._identity is not None:
            import fcntl

            fcntl.flock(self._identity, fcntl.LOCK_UN)  # not close(): see the module's docstring

    def close(self) -> None:
        """Release, and close the store file's descriptor: after the store's connection is closed."""
        self.release()
        identity, self._identity = self._identity, None
        if identity is not None:
            os.close(identity)

    def _lock_identity(self) -> bool:
        """Flock the store file itself (Linux; elsewhere flock and SQLite's locks may be one kind)."""
        if not sys.platform.startswith("linux") or not self.store.exists():
            return True
        import fcntl

        if self._identity is None:
            self._identity = os.open(self.store, os.O_RDONLY | os.O_CLOEXEC)
        try:
            fcntl.flock(self._identity, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


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


def _in_use(store: Path | str, owner: dict[str, Any], by_another_name: bool = False) -> str:
    who = (f"another run that opened it by another name (a hard link to {store})" if by_another_name
           else f"PID {owner.get('pid', '?')}, started at {owner.get('started', '?')}")
    return (f"the run store {store} is in use by {who}: wait for that run to finish (or stop it), "
            "or pass another --store. Two runs on one store would send the same articles twice")

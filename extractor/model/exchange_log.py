"""Every model exchange logged to SQLite, as simonw/llm does: what the model answered, for what.

The prompt is not stored: it is rebuilt from the article (identified by its hash) and the
prompt version. What is stored lets anyone re-run the coding layer without the model, or
audit a figure back to the model's own words.

The log is a side record: a write that fails (a full disk, a read-only or corrupt file) warns
once (an ExtractorWarning saying what failed: the disk is full, the folder is not writable) and
turns the log off for the process; it never fails the call it records, and an answer already
paid for stays the caller's (a batch's outcomes are in its run store, not here).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import tempfile
import threading
import time
import warnings
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Iterator

from extractor.errors import ExtractorWarning, redact

__all__ = ["ExchangeLog", "why_unwritable"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS exchanges (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    article_sha256 TEXT NOT NULL,
    article_id TEXT,
    outcome TEXT NOT NULL,          -- ok | error
    model_output TEXT,              -- the validated model-facing JSON (extractor.schema.RawExtraction)
    error TEXT,
    requests INTEGER, prompt_tokens INTEGER, completion_tokens INTEGER, seconds REAL,
    sent_back TEXT                  -- JSON list: the answers that failed validation and went back with a re-ask
);
CREATE INDEX IF NOT EXISTS exchanges_article ON exchanges(article_sha256, model, prompt_version);
"""


# errno values that say why a file could not be written, as a user would put it.
_FULL = {errno.ENOSPC, errno.EDQUOT}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def why_unwritable(path: Path, exc: BaseException) -> str:
    """What stopped a write to the SQLite file `path`, in a user's words, and what to do: the disk
    is full, or the folder (or the file) is not writable; else the error itself. SQLite names the
    cause only sometimes ("unable to open database file" is SQLITE_CANTOPEN whatever the cause),
    so a file is created and removed in the folder to find out (`errno` of that)."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    code = getattr(exc, "errno", None) if isinstance(exc, OSError) else None
    if code not in _FULL | _NOT_WRITABLE and name != "SQLITE_FULL":
        code = _probe(path.parent)
    if name == "SQLITE_FULL" or code in _FULL:
        return (f"the disk holding {path.parent} is full ({exc}). Free space, or set EXTRACTOR_LOG to a path "
                "on another disk")
    if code in _NOT_WRITABLE:
        return (f"the folder {path.parent} is not writable ({os.strerror(code)}). Set EXTRACTOR_LOG to a path "
                "in a folder you can write to")
    if name.startswith("SQLITE_READONLY"):
        return f"the file {path} is read-only ({exc}). Set EXTRACTOR_LOG to another path"
    return f"{type(exc).__name__}: {exc}. Set EXTRACTOR_LOG to another path"


def _probe(folder: Path) -> int | None:
    """The errno of creating a file in `folder`, or None when one can be created."""
    try:
        fd, name = tempfile.mkstemp(prefix=".exchanges.", suffix=".probe", dir=folder)
    except OSError as exc:
        return exc.errno
    os.close(fd)
    with suppress(OSError):
        os.unlink(name)
    return None


_INSERT = ("INSERT INTO exchanges(at, provider, model, prompt_version, article_sha256, article_id, outcome, "
           "model_output, error, requests, prompt_tokens, completion_tokens, seconds, sent_back) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """A log written before `sent_back` existed gets the column (empty for its old rows)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(exchanges)")}
    if "sent_back" not in columns:
        db.execute("ALTER TABLE exchanges ADD COLUMN sent_back TEXT")


class ExchangeLog:
    """One connection per process, WAL: a record costs an insert, not an open and an fsync.
    Several processes (batch workers) may write to the same log. Inside `grouped()` (a batch),
    records are written a group at a time, at most `every` seconds late."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._pending: list[tuple[Any, ...]] | None = None  # rows waiting for their group's commit
        self._every = 0.0
        self._last = 0.0
        self.broken: str | None = None  # why the log stopped writing, once it has
        with self._lock, self._guard():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection().executescript(_SCHEMA)
            _add_missing_columns(self._connection())

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn a failed write into one warning; the log is off for this process after it."""
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            if self._pending is not None:
                self._pending.clear()
            if self.broken is None:
                self.broken = f"{type(exc).__name__}: {exc}"
                warnings.warn(f"the exchange log {self.path} cannot be written: {why_unwritable(self.path, exc)}. "
                              "It is off for the rest of this process; results are unaffected. To run without it, "
                              "set EXTRACTOR_LOG=off", ExtractorWarning, stacklevel=4)

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked worker opens its own
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._pid = os.getpid()
        return self._db

    def record(self, *, provider: str, model: str, prompt_version: str, article_sha256: str, article_id: str | None,
               model_output: Any = None, error: str | None = None, usage: Any = None, seconds: float = 0.0,
               sent_back: list[str] | None = None) -> None:
        """`model_output`: the model-facing answer, as a JSON string or a JSON-able value.
        `sent_back`: the answers, as the model wrote them, that failed validation (re-asked, or the
        last ones of a failure); stored as a JSON list, NULL when there are none."""
        output = model_output if model_output is None or isinstance(model_output, str) else json.dumps(model_output)
        row = (
            time.time(), provider, model, prompt_version, article_sha256, article_id, "error" if error else "ok",
            output, None if error is None else redact(error), getattr(usage, "requests", None),
            getattr(usage, "prompt_tokens", None),
            getattr(usage, "completion_tokens", None), round(seconds, 3),
            json.dumps([redact(a) for a in sent_back]) if sent_back else None,
        )
        with self._lock, self._guard():
            if self.broken is not None:
                return
            if self._pending is None:
                self._connection().execute(_INSERT, row)
                return
            self._pending.append(row)
            if time.monotonic() - self._last >= self._every:
                self._flush()

    @contextmanager
    def grouped(self, every: float = 0.25) -> Iterator[None]:
        """Write records in groups while the block runs (a commit per record is a tenth of a fast
        batch's CPU per answer); everything is written when it ends. A killed process loses at most
        the last `every` seconds of records: the run store, which resuming relies on, commits each
        outcome as before."""
        with self._lock:
            self._pending, self._every, self._last = [], every, time.monotonic()
        try:
            yield
        finally:
            with self._lock:
                with self._guard():
                    self._flush()
                self._pending = None

    def _flush(self) -> None:
        if self._pending and self.broken is None:
            db = self._connection()
            db.execute("BEGIN")
            try:
                db.executemany(_INSERT, self._pending)
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    with suppress(sqlite3.Error):  # a full disk may refuse the rollback too
                        db.execute("ROLLBACK")
                raise
            self._pending.clear()
        self._last = time.monotonic()

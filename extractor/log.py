"""Every model exchange logged to SQLite, as simonw/llm does: what the model answered, for what.

The prompt is not stored: it is rebuilt from the article (identified by its hash) and the
prompt version. What is stored lets anyone re-run the coding layer without the model, or
audit a figure back to the model's own words.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["ExchangeLog"]

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
    requests INTEGER, prompt_tokens INTEGER, completion_tokens INTEGER, seconds REAL
);
CREATE INDEX IF NOT EXISTS exchanges_article ON exchanges(article_sha256, model, prompt_version);
"""


class ExchangeLog:
    """One connection per process, WAL: a record costs an insert, not an open and an fsync.
    Several processes (batch workers) may write to the same log."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        with self._lock:
            self._connection().executescript(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked worker opens its own
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._pid = os.getpid()
        return self._db

    def record(self, *, provider: str, model: str, prompt_version: str, article_sha256: str, article_id: str | None,
               model_output: Any = None, error: str | None = None, usage: Any = None, seconds: float = 0.0) -> None:
        row = (
            time.time(), provider, model, prompt_version, article_sha256, article_id, "error" if error else "ok",
            json.dumps(model_output) if model_output is not None else None, error,
            getattr(usage, "requests", None), getattr(usage, "prompt_tokens", None),
            getattr(usage, "completion_tokens", None), round(seconds, 3),
        )
        with self._lock:
            self._connection().execute(
                "INSERT INTO exchanges(at, provider, model, prompt_version, article_sha256, article_id, outcome, "
                "model_output, error, requests, prompt_tokens, completion_tokens, seconds) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row,
            )

"""The run store: SQLite, one row per input item and one per extraction.

Extractions are keyed by the article's content hash, the model and the prompt version, so a
re-run sends nothing already done, duplicates are extracted once, and a new prompt or model
extracts again. Each outcome is committed as it arrives: a crash loses only calls in flight.

The store is the one record of outcomes: a done extraction is never turned back into a failure
(a later error for the same key, from a duplicate results line or a second engine, is ignored).
Opening checks the file before anything is sent: a file that is not SQLite, a store of another
schema version, or one damaged in any page (`PRAGMA quick_check`) is a ConfigError saying what
to do. `claim()` takes the store's lock (`extractor.runs.lock`): one run per store at a time.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from extractor.errors import ConfigError, redact
from extractor.runs.lock import StoreLock

__all__ = ["RunStore", "extraction_key"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    item_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    key TEXT,
    state TEXT NOT NULL CHECK (state IN ('pending', 'skipped', 'linked')),
    reason TEXT
);
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    result TEXT,
    error TEXT,
    cause TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    incidents INTEGER NOT NULL DEFAULT 0,
    updated REAL NOT NULL
);
"""
# PRAGMA user_version of a store with the schema above. Version 0 with these tables is a store
# written before versions were recorded: the same schema, marked 1 on open.
SCHEMA_VERSION = 1
_COLUMNS = {
    "items": {"item_id", "position", "key", "state", "reason"},
    "extractions": {"key", "sha256", "model", "prompt_version", "state", "result", "error", "cause", "attempts",
                    "requests", "prompt_tokens", "completion_tokens", "incidents", "updated"},
}


def extraction_key(sha256: str, model: str, prompt_version: str) -> str:
    return hashlib.sha256(f"{sha256}\0{model}\0{prompt_version}".encode()).hexdigest()[:32]


class RunStore:
    """Raises ConfigError on open when `path` cannot be a run store (see the module's docstring)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.lock = StoreLock(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)  # workers take turns writing
            _check_schema(self.db, self.path)
            _check_pages(self.db, self.path)
            self.db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a commit survives the process being killed (what resuming relies on); only
            # an OS crash or power loss can lose the last few. FULL would fsync every outcome.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:  # opening writes nothing else
                self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except (sqlite3.Error, OSError) as exc:
            raise ConfigError(f"cannot open the run store {self.path} ({type(exc).__name__}: {exc}): pass a "
                              "writable --store path, or move that file aside") from None

    def claim(self) -> None:
        """Take the store for this run; ConfigError naming the holder when another run has it."""
        try:
            self.lock.acquire()
        except OSError as exc:
            raise ConfigError(f"cannot lock the run store {self.path} ({exc.strerror or exc}): its folder must be "
                              "writable; pass another --store") from None

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self.lock.close()  # after the connection: see extractor.runs.lock

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Many writes, one commit: recording 100,000 items one commit each takes minutes."""
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # items -----------------------------------------------------------------------------
    def put_item(self, item_id: str, position: int, *, key: str | None = None, reason: str | None = None,
                 note: str | None = None) -> None:
        """A skipped item has a `reason`; a linked one (`key`) may carry a `note` for its output record
        (e.g. why its id was renamed)."""
        state = "skipped" if reason else "linked"
        self.db.execute(
            "INSERT INTO items(item_id, position, key, state, reason) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(item_id) DO UPDATE SET position=excluded.position, key=excluded.key, "
            "state=excluded.state, reason=excluded.reason",
            (item_id, position, key, state, reason or note),
        )

    # extractions ---------------------------------------------------------------------------
    def state_of(self, key: str) -> str | None:
        row = self.db.execute("SELECT state FROM extractions WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def ensure(self, key: str, sha256: str, model: str, prompt_version: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO extractions(key, sha256, model, prompt_version, state, updated) "
            "VALUES (?, ?, ?, ?, 'pending', ?)",
            (key, sha256, model, prompt_version, time.time()),
        )

    def done(self, key: str, result_json: str, usage: Any, incidents: int) -> None:
        self.db.execute(
            "UPDATE extractions SET state='done', result=?, error=NULL, cause=NULL, attempts=attempts+1, "
            "requests=requests+?, prompt_tokens=prompt_tokens+?, completion_tokens=completion_tokens+?, "
            "incidents=?, updated=? WHERE key=?",
            (result_json, usage.requests, usage.prompt_tokens, usage.completion_tokens, incidents, time.time(), key),
        )

    def failed(self, key: str, error: str, cause: str, usage: Any | None, attempts: int = 1) -> None:
        """Record a failure: `attempts` is what the error says it made (its message names the same
        number). The tokens are added whatever the state; a done extraction stays done."""
        self.db.execute(
            "UPDATE extractions SET state=CASE WHEN state='done' THEN 'done' ELSE 'failed' END, "
            "error=CASE WHEN state='done' THEN error ELSE ? END, cause=CASE WHEN state='done' THEN cause ELSE ? END, "
            "attempts=CASE WHEN state='done' THEN attempts ELSE ? END, requests=requests+?, "
            "prompt_tokens=prompt_tokens+?, completion_tokens=completion_tokens+?, updated=? WHERE key=?",
            (redact(error), cause, attempts, getattr(usage, "requests", 0), getattr(usage, "prompt_tokens", 0),
             getattr(usage, "completion_tokens", 0), time.time(), key),
        )

    # reading ----------------------------------------------------------------------------
    def settled_since(self, since: float) -> set[str]:
        """Keys of the extractions whose outcome (done or failed) was stored at or after `since`
        (time.time()), by this process or its workers: what a run sent and got back."""
        rows = self.db.execute("SELECT key FROM extractions WHERE state != 'pending' AND updated >= ?", (since,))
        return {key for (key,) in rows}

    def records(self) -> list[dict[str, Any]]:
        """One record per item, in input order: id, state (done/failed/skipped/pending) and its payload."""
        rows = self.db.execute(
            "SELECT i.item_id, i.state, i.reason, e.state, e.result, e.error, e.cause, e.attempts "
            "FROM items i LEFT JOIN extractions e ON e.key = i.key ORDER BY i.position"
        ).fetchall()
        out = []
        for item_id, item_state, reason, state, result, error, cause, attempts in rows:
            note = {"note": reason} if reason and item_state != "skipped" else {}
            if item_state == "skipped":
                out.append({"id": item_id, "state": "skipped", "reason": reason})
            elif state == "done":
                out.append(_done_record(item_id, note, result, attempts))
            elif state == "failed":
                out.append({"id": item_id, "state": "failed", **note, "cause": cause, "error": error,
                            "attempts": attempts})
            else:
                out.append({"id": item_id, "state": "pending", **note})
        return out

    def summary(self) -> dict[str, Any]:
        counts = dict(self.db.execute(
            "SELECT CASE WHEN i.state='skipped' THEN 'skipped' ELSE COALESCE(e.state, 'pending') END, COUNT(*) "
            "FROM items i LEFT JOIN extractions e ON e.key = i.key GROUP BY 1"
        ).fetchall())
        causes = dict(self.db.execute(
            "SELECT cause, COUNT(*) FROM extractions WHERE state='failed' GROUP BY cause").fetchall())
        requests, prompt, completion, incidents = self.db.execute(
            "SELECT COALESCE(SUM(requests),0), COALESCE(SUM(prompt_tokens),0), COALESCE(SUM(completion_tokens),0), "
            "COALESCE(SUM(CASE WHEN state='done' THEN incidents END),0) FROM extractions").fetchone()
        return {
            "items": sum(counts.values()), "done": counts.get("done", 0), "failed": counts.get("failed", 0),
            "skipped": counts.get("skipped", 0), "pending": counts.get("pending", 0), "failures_by_cause": causes,
            "requests": requests, "prompt_tokens": prompt, "completion_tokens": completion, "incidents": incidents,
        }


def _done_record(item_id: str, note: dict[str, str], result: Any, attempts: int | None) -> dict[str, Any]:
    """A done item's output record; a stored result that is not a JSON object (a store edited or
    damaged by hand) is written as failed with the reason, so that the other records still are."""
    try:
        decoded = json.loads(result)
    except (TypeError, ValueError) as exc:
        decoded, problem = None, f"{type(exc).__name__}: {exc}"
    else:
        problem = None if isinstance(decoded, dict) else f"a JSON {type(decoded).__name__}, not an object"
    if problem is None:
        return {"id": item_id, "state": "done", **note, "result": decoded}
    return {"id": item_id, "state": "failed", **note, "cause": "store",
            "error": f"the run store's result for {item_id!r} is not a JSON result ({problem[:200]}): the store was "
                     "damaged or edited; run with a new --store to extract this article again",
            "attempts": attempts or 0}


def _check_pages(db: sqlite3.Connection, path: Path) -> None:
    """Refuse, before anything is sent, a store damaged past its first page (a disk error, a copy cut
    short, bytes overwritten): SQLite finds it only when a query reaches the page, mid-run.
    `PRAGMA quick_check` reads every page (integrity_check's index cross-checks are skipped: it
    is O(pages), about a second per few hundred MB)."""
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems != ["ok"]:
        raise _damaged(path, "; ".join(problems))


def _damaged(path: Path, problem: str) -> ConfigError:
    return ConfigError(
        f"the run store {path} is damaged ({problem}): move it aside and run again (what it holds is sent "
        f"again), or first recover what it holds: sqlite3 {path} .recover | sqlite3 recovered.sqlite, then "
        "pass --store recovered.sqlite")


def _check_schema(db: sqlite3.Connection, path: Path) -> None:
    """Refuse, before anything is sent, a file that is not a run store of this schema version.
    sqlite3 reads a file's header lazily: the first query is what finds a file is not SQLite."""
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type='table'").fetchall())
    except sqlite3.DatabaseError as exc:
        if str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_CORRUPT"):  # SQLite, but damaged
            raise _damaged(path, str(exc)) from None
        raise ConfigError(f"{path} is not a run store ({exc}): pass another --store, or move that file aside") from None
    if version > SCHEMA_VERSION:
        raise ConfigError(f"the run store {path} has schema version {version}, newer than this extractor's "
                          f"{SCHEMA_VERSION}: use the extractor that wrote it, or pass another --store")
    if not tables:
        return  # a new store
    for table, expected in _COLUMNS.items():
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")} if table in tables else set()
        if not expected <= columns:
            raise ConfigError(
                f"{path} is not a run store of this extractor (schema version {SCHEMA_VERSION}): its table "
                f"{table!r} {'lacks ' + ', '.join(sorted(expected - columns)) if columns else 'is missing'}. "
                "Pass another --store, or move that file aside (its results stay readable with sqlite3)")

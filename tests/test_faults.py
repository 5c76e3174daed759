"""Fault injection for the batch runner (issue 13): real processes, real signals, the fake server
on loopback, every wait bounded. Each test is one numbered defect of the issue, named in its
docstring; each failed on the code before the fix."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from extractor.cli.main import app
from extractor.testing import SAMPLE_ANSWER, SAMPLE_SENTENCE, sample_article
from tests.conftest import ROOT
from extractor.testing.server import FakeOpenAI, echo_auth, ok, slow, status

runner = CliRunner()
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

SENTENCE, ANSWER = SAMPLE_SENTENCE, SAMPLE_ANSWER

_article = sample_article


def _articles(tmp_path: Path, n: int, name: str = "articles.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": _article(i), "published": "2020-01-29"}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


def _numbers(server: FakeOpenAI, since: int = 0) -> list[int]:
    return [int(m) for body in server.requests[since:] for m in re.findall(r"Report number (\d+)\.", json.dumps(body))]


def _env(monkeypatch: pytest.MonkeyPatch, server: FakeOpenAI, **extra: str) -> None:
    monkeypatch.setenv("EXTRACTOR_BASE_URL", server.base_url)
    monkeypatch.setenv("EXTRACTOR_MODEL", "fake-model")
    monkeypatch.setenv("EXTRACTOR_TRANSPORT_ATTEMPTS", "2")
    for name, value in extra.items():
        monkeypatch.setenv(name, value)


def _spawn(server: FakeOpenAI, args: list[str], mark: str, **extra: str) -> subprocess.Popen:
    """`extractor run ARGS` in its own process, its environment marked so that its descendants can be found."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EXTRACTOR_BASE_URL": server.base_url,
           "EXTRACTOR_MODEL": "fake-model", "FAULT_TEST_MARK": mark, **extra}
    return subprocess.Popen([sys.executable, "-m", "extractor.cli.main", "run", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _done_ids(store: Path) -> set[str]:
    if not store.exists():
        return set()
    with sqlite3.connect(store, timeout=10) as db:
        try:
            return {r[0] for r in db.execute(
                "SELECT i.item_id FROM items i JOIN extractions e ON e.key=i.key WHERE e.state='done'")}
        except sqlite3.OperationalError:
            return set()


def _wait_for(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds}s waiting for {what}")
        time.sleep(0.05)


def _marked(mark: str) -> list[int]:
    """Live (not zombie) processes whose environment holds FAULT_TEST_MARK=mark."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"FAULT_TEST_MARK={mark}".encode() in environ.split(b"\0") and state not in ("Z", "X"):
            found.append(int(entry))
    return found


def _reap(mark: str) -> None:
    for pid in _marked(mark):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# -- 1. workers die with their parent; a signal to the parent stops the run ------------------------------

@pytest.mark.network
@linux_only
def test_workers_die_with_a_killed_parent_and_the_next_run_sends_nothing_twice(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 1: SIGKILL to the parent of `--workers 2` leaves no worker sending."""
    path, out = _articles(tmp_path, 120), tmp_path / "out.jsonl"
    store, mark = tmp_path / "out.jsonl.run.sqlite", uuid.uuid4().hex
    delay = {"s": 0.3}
    with FakeOpenAI(rule=lambda body: slow(delay["s"], ok(ANSWER))) as server:
        proc = _spawn(server, [str(path), "-o", str(out), "--concurrency", "4", "--workers", "2"], mark)
        try:
            _wait_for(lambda: len(_done_ids(store)) >= 12, 60, "12 articles done")
            proc.send_signal(signal.SIGKILL)
            killed = time.time()
            proc.wait(timeout=10)
            _wait_for(lambda: not _marked(mark), 5, "the workers to die with their parent")
            time.sleep(1.0)
            late = [t - killed for t in server.arrivals if t > killed + 0.5]
            assert not late, f"{len(late)} requests reached the server after the parent was killed"
            done_at_kill, sent_before = _done_ids(store), len(server.requests)
            delay["s"] = 0.0
            _env(monkeypatch, server)
            again = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "16"])
        finally:
            _reap(mark)
    assert again.exit_code == 0, again.output
    resent = {f"a{n}" for n in _numbers(server, sent_before)}
    assert not resent & done_at_kill, "an article stored done before the kill was sent again"
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(f"a{i}" for i in range(120))
    assert {r["state"] for r in records} == {"done"}


@pytest.mark.network
@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_parent_alone_stops_the_workers(signum: int, tmp_path: Path) -> None:
    """Issue 13, item 1: SIGTERM or SIGINT to the parent of `--workers 2` (not to its group) stops
    the run as Ctrl-C does: the workers stop sending, what is done is written, exit 130."""
    path, out = _articles(tmp_path, 80), tmp_path / "out.jsonl"
    store, mark = tmp_path / "out.jsonl.run.sqlite", uuid.uuid4().hex
    with FakeOpenAI(default=slow(0.3, ok(ANSWER))) as server:
        proc = _spawn(server, [str(path), "-o", str(out), "--concurrency", "4", "--workers", "2"], mark)
        try:
            _wait_for(lambda: len(_done_ids(store)) >= 8, 60, "8 articles done")
            proc.send_signal(signum)
            signalled = time.monotonic()
            _, stderr = proc.communicate(timeout=30)
            took = time.monotonic() - signalled
            _wait_for(lambda: not _marked(mark), 5, "the workers to stop")
        finally:
            _reap(mark)
    assert proc.returncode == 130, stderr.decode()
    assert took < 8, f"the run took {took:.1f}s to stop"
    assert len(server.requests) < 80, "the workers went on with the whole batch"
    assert b"interrupted" in stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 80 and sum(r["state"] == "done" for r in records) >= 8


@pytest.mark.network
@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_the_workers_start_stops_them_before_they_send(signum: int, tmp_path: Path) -> None:
    """Issue 13 (third user), item 1: a signal to the parent while its fork server is still making
    the workers (a SIGINT there is ignored) stops the run all the same: nothing reaches the server
    half a second after the signal, exit 130, no process left."""
    path, out, mark = _articles(tmp_path, 200), tmp_path / "out.jsonl", uuid.uuid4().hex
    with FakeOpenAI(default=slow(0.2, ok(ANSWER))) as server:
        proc = _spawn(server, [str(path), "-o", str(out), "--concurrency", "4", "--workers", "2"], mark)
        try:
            _wait_for(lambda: [p for p in _marked(mark) if p != proc.pid], 60, "the fork server to start")
            proc.send_signal(signum)
            signalled = time.time()
            _, stderr = proc.communicate(timeout=30)
            _wait_for(lambda: not _marked(mark), 5, "the workers to stop")
            time.sleep(0.5)
        finally:
            _reap(mark)
    late = [t - signalled for t in server.arrivals if t > signalled + 0.5]
    assert not late, f"{len(late)} requests reached the server after the signal"
    assert proc.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr


def _ppid(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _workers(mark: str, parent: int) -> list[int]:
    """The batch workers of the run `parent`: its marked grandchildren (children of its fork server)."""
    marked = set(_marked(mark))
    return sorted(p for p in marked if p != parent and _ppid(p) in marked and _ppid(p) != parent)


def _summary(stderr: str) -> tuple[int, int]:
    """(sent, pending) as the run's closing lines say them."""
    sent = re.search(r"\((\d+) sent,", stderr)
    pending = re.search(r"(\d+) items pending", stderr)
    assert sent and pending, stderr
    return int(sent.group(1)), int(pending.group(1))


@pytest.mark.network
@linux_only
def test_a_killed_worker_the_summary_counts_what_was_sent_and_says_to_run_again(tmp_path: Path) -> None:
    """Issue 13 follow-up, kind 6: one of 2 workers killed (SIGKILL): the run says how many were
    sent (as the server saw them, less the dead worker's calls in flight) and pending, and to run
    the same command again, not to raise a limit no one set; exit 3."""
    path, out = _articles(tmp_path, 120), tmp_path / "out.jsonl"
    store, mark = tmp_path / "out.jsonl.run.sqlite", uuid.uuid4().hex
    with FakeOpenAI(default=slow(0.15, ok(ANSWER))) as server:
        proc = _spawn(server, [str(path), "-o", str(out), "--concurrency", "4", "--workers", "2"], mark)
        try:
            _wait_for(lambda: len(_done_ids(store)) >= 16 and len(_workers(mark, proc.pid)) == 2, 60,
                      "16 articles done by 2 workers")
            os.kill(_workers(mark, proc.pid)[0], signal.SIGKILL)
            _, stderr = proc.communicate(timeout=60)
        finally:
            _reap(mark)
    text = stderr.decode()
    sent, pending = _summary(text)
    done = len(_done_ids(store))
    assert proc.returncode == 3, text
    assert sent == done < 120 and pending == 120 - done, text
    assert sent <= len(server.requests) <= sent + 4, (sent, len(server.requests))  # + the dead worker's in flight
    stopped = [line for line in text.splitlines() if line.startswith("stopped:")]
    assert len(stopped) == 1 and "exited with code -9" in stopped[0], text
    assert "run the same command again" in stopped[0] and "limit" not in stopped[0], stopped[0]


@pytest.mark.network
def test_a_budget_stop_counts_what_was_sent_and_says_to_raise_the_budget(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 follow-up, kind 6: --max-tokens 400 stops after 3 calls of 150 tokens: "3 sent" (not
    the 10 it meant to send), 7 pending, and the advice names the budget."""
    path, out = _articles(tmp_path, 10), tmp_path / "out.jsonl"
    with FakeOpenAI(default=ok(ANSWER, prompt_tokens=100, completion_tokens=50)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "1", "--max-tokens", "400"])
    assert result.exit_code == 3, result.output
    assert _summary(result.output) == (3, 7) and len(server.requests) == 3, result.output
    assert "higher --max-tokens" in result.output


# -- 2. one run per store ---------------------------------------------------------------------------------

@pytest.mark.network
def test_a_second_run_on_a_store_in_use_is_refused(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 2: the same command started twice: the second exits 2 naming the first's PID,
    and every article is sent once."""
    path, out = _articles(tmp_path, 24), tmp_path / "out.jsonl"
    store, mark = tmp_path / "out.jsonl.run.sqlite", uuid.uuid4().hex
    with FakeOpenAI(default=slow(0.2, ok(ANSWER))) as server:
        first = _spawn(server, [str(path), "-o", str(out), "--concurrency", "2"], mark)
        try:
            _wait_for(lambda: len(_done_ids(store)) >= 2, 60, "the first run to be under way")
            _env(monkeypatch, server)
            second = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "2"])
            first.communicate(timeout=60)
        finally:
            _reap(mark)
    assert second.exit_code == 2, second.output
    assert f"in use by PID {first.pid}, started at " in second.output
    assert first.returncode == 0
    assert sorted(_numbers(server)) == list(range(24)), "an article was sent twice"


@pytest.mark.network
def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 2: a lock whose owner died (SIGKILL: no clean-up) does not block the next run."""
    path, out = _articles(tmp_path, 30), tmp_path / "out.jsonl"
    store, mark = tmp_path / "out.jsonl.run.sqlite", uuid.uuid4().hex
    with FakeOpenAI(default=slow(0.2, ok(ANSWER))) as server:
        dead = _spawn(server, [str(path), "-o", str(out), "--concurrency", "2"], mark)
        try:
            _wait_for(lambda: len(_done_ids(store)) >= 3, 60, "the run to be under way")
            dead.kill()
            dead.wait(timeout=10)
        finally:
            _reap(mark)
        lock = json.loads((tmp_path / "out.jsonl.run.sqlite.lock").read_text())
        assert lock["pid"] == dead.pid  # the dead owner is still written there
        done_at_kill, sent_before = _done_ids(store), len(server.requests)
        _env(monkeypatch, server)
        again = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "4"])
    assert again.exit_code == 0, again.output
    assert not {f"a{n}" for n in _numbers(server, sent_before)} & done_at_kill


def _symlink_to_the_store(store: Path) -> Path:
    (store.parent / "link.sqlite").symlink_to(store)
    return store.parent / "link.sqlite"


def _the_store_through_a_symlinked_folder(store: Path) -> Path:
    (store.parent.parent / "alias").symlink_to(store.parent, target_is_directory=True)
    return store.parent.parent / "alias" / store.name


def _hard_link_to_the_store(store: Path) -> Path:
    os.link(store, store.parent / "other-name.sqlite")
    return store.parent / "other-name.sqlite"


_OTHER_NAMES = [("a symlink", _symlink_to_the_store), ("a symlinked folder", _the_store_through_a_symlinked_folder),
                pytest.param("a hard link", _hard_link_to_the_store, marks=linux_only)]


_HOLD_STORE = """
import sys
from extractor.runs.store import RunStore
store = RunStore(sys.argv[1])
store.claim()
print("claimed", flush=True)
sys.stdin.read()
store.close()
"""


@pytest.mark.parametrize("case,other_name", _OTHER_NAMES)
def test_a_store_in_use_is_refused_under_any_name(case: str, other_name, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 follow-up, kind 2: the lock is on the store's real identity, not the name it is
    given. The first run is another process (as it is in use: SQLite shares a file's state between
    the connections of one process)."""
    from extractor.errors import ConfigError
    from extractor.runs.store import RunStore

    (tmp_path / "runs").mkdir()
    store = tmp_path / "runs" / "store.sqlite"
    RunStore(store).close()
    first = subprocess.Popen([sys.executable, "-c", _HOLD_STORE, str(store)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert first.stdout is not None and first.stdout.readline() == b"claimed\n"
        second = RunStore(other_name(store))
        try:
            with pytest.raises(ConfigError, match="is in use by"):
                second.claim()
            first.communicate(b"", timeout=30)
            second.claim()  # free once the first run ends
            assert second.lock.held
        finally:
            second.close()
    finally:
        first.kill()
        first.wait(timeout=10)


@pytest.mark.network
def test_a_second_run_through_a_symlink_to_the_store_is_refused(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 follow-up, kind 2, end to end: the same run with `--store` a symlink to the first's
    store exits 2 naming the first run; every article is sent once."""
    path, out = _articles(tmp_path, 24), tmp_path / "out.jsonl"
    store, mark = tmp_path / "store.sqlite", uuid.uuid4().hex
    (tmp_path / "link.sqlite").symlink_to(store)
    with FakeOpenAI(default=slow(0.2, ok(ANSWER))) as server:
        first = _spawn(server, [str(path), "-o", str(out), "--store", str(store), "--concurrency", "2"], mark)
        try:
            _wait_for(lambda: len(_done_ids(store)) >= 2, 60, "the first run to be under way")
            _env(monkeypatch, server)
            second = runner.invoke(app, ["run", str(path), "-o", str(tmp_path / "out2.jsonl"), "--store",
                                         str(tmp_path / "link.sqlite"), "--concurrency", "2"])
            first.communicate(timeout=60)
        finally:
            _reap(mark)
    assert second.exit_code == 2, second.output
    assert f"in use by PID {first.pid}, started at " in second.output
    assert sorted(_numbers(server)) == list(range(24)), "an article was sent twice"


# -- 3. duplicate ids --------------------------------------------------------------------------------------

@pytest.mark.network
def test_duplicate_ids_with_different_texts_are_renamed_and_kept(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 3: two items with id "x" and different texts: both answers in the output."""
    path, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "x", "text": _article(1)}, {"id": "x", "text": _article(2)}, {"id": "y", "text": _article(3)},
        {"id": "x", "text": _article(1)},  # the same id and text again: a third item, the answer shared
    ]), encoding="utf-8")
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["x", "x#2", "y", "x#3"]
    assert {r["state"] for r in records} == {"done"}
    texts = {r["id"]: r["result"]["article"]["sha256"] for r in records}
    assert texts["x"] != texts["x#2"] and texts["x"] == texts["x#3"]
    assert "already used" in records[1]["note"] and "note" not in records[0]
    assert sorted(_numbers(server)) == [1, 2, 3]  # the repeated text is sent once
    assert "4 items: 4 done" in result.output


# -- 4. a side write that fails never changes an outcome ----------------------------------------------------

class _DiskFull:
    """A connection whose writes fail as SQLite's do on a full disk; reads and pragmas pass."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def execute(self, sql: str, *args):  # type: ignore[no-untyped-def]
        if sql.lstrip().upper().startswith(("INSERT", "COMMIT")):
            raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, *args)

    def executemany(self, sql: str, rows):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database or disk is full")

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.db, name)


@pytest.mark.network
def test_an_exchange_log_that_cannot_be_written_warns_once_and_changes_no_outcome(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 4: the exchange log on a full disk: every answered article still ends done."""
    from extractor.model.exchange_log import ExchangeLog

    real = ExchangeLog._connection
    monkeypatch.setattr(ExchangeLog, "_connection", lambda self: _DiskFull(real(self)))
    path, out = _articles(tmp_path, 200), tmp_path / "out.jsonl"
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server, EXTRACTOR_LOG=str(tmp_path / "log" / "exchanges.sqlite"))
        with pytest.warns(RuntimeWarning, match="cannot be written") as warned:
            result = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "16"])
    assert result.exit_code == 0, result.output
    assert len([w for w in warned if "exchange log" in str(w.message)]) == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 200 and {r["state"] for r in records} == {"done"}
    assert len(server.requests) == 200


@pytest.fixture
def full_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 256 KiB tmpfs with about 40 KiB free (needs root: skipped where mount is refused)."""
    mount = tmp_path / "full"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.decode().strip()}")
    try:
        (mount / "filler").write_bytes(b"\0" * (216 * 1024))
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.mark.network
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_full_disk_under_the_exchange_log_changes_no_outcome(workers: str, full_disk: Path, tmp_path: Path) -> None:
    """Issue 13, item 4, on a real full filesystem, in a real process; with 2 workers the warning
    is still said once (issue 13, third user, item 7)."""
    path, out, mark = _articles(tmp_path, 150), tmp_path / "out.jsonl", uuid.uuid4().hex
    with FakeOpenAI(default=ok(ANSWER)) as server:
        proc = _spawn(server, [str(path), "-o", str(out), "--concurrency", "8", "--workers", workers], mark,
                      EXTRACTOR_LOG=str(full_disk / "exchanges.sqlite"))
        try:
            _, stderr = proc.communicate(timeout=120)
        finally:
            _reap(mark)
    text = stderr.decode()
    assert proc.returncode == 0, text
    assert text.count("cannot be written") == 1 and "Traceback" not in text
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 150 and {r["state"] for r in records} == {"done"}


def test_a_warning_said_by_each_worker_is_said_once_by_the_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 (third user), item 7: each worker's warnings go to the run's process
    (`_forward_warnings`), which says each text once however many workers said it (`_relay`)."""
    import queue
    import warnings

    from extractor.errors import ExtractorWarning
    from extractor.runs import workers

    events: queue.Queue = queue.Queue()
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)  # undone after the test
    workers._forward_warnings(events)
    for _ in range(2):  # two workers, one log on a full disk
        warnings.warn("the exchange log x cannot be written: the disk is full", ExtractorWarning)
    warnings.warn("another thing", ExtractorWarning)
    sent = [events.get_nowait() for _ in range(events.qsize())]
    assert [kind for kind, _ in sent] == ["warning"] * len(sent) and len(sent) >= 2
    warned: set[str] = set()
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        finished = sum(workers._relay(kind, payload, None, [], warned) for kind, payload in sent + sent)
    assert finished == 0
    assert sorted(str(w.message) for w in said) == ["another thing",
                                                   "the exchange log x cannot be written: the disk is full"]
    assert {w.category for w in said} == {ExtractorWarning}


@pytest.mark.network
@pytest.mark.parametrize("stored,said", [("not json {", "JSONDecodeError"), ("[1, 2]", "a JSON list"),
                                         ('"text"', "a JSON str"), ("", "JSONDecodeError"), (None, "TypeError")])
def test_a_stored_result_that_is_not_json_is_written_as_failed_not_a_crash(stored, said: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                           monkeypatch) -> None:
    """Issue 13 (third user), item 7: a store row whose `result` is not a JSON object (edited or
    damaged) no longer crashes the output write: that item is written failed with the reason, the rest done."""
    path, out, store = _articles(tmp_path, 3), tmp_path / "out.jsonl", tmp_path / "out.jsonl.run.sqlite"
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        assert runner.invoke(app, ["run", str(path), "-o", str(out)]).exit_code == 0
        with sqlite3.connect(store) as db:
            db.execute("UPDATE extractions SET result = ? WHERE key = (SELECT key FROM items WHERE item_id = 'a1')",
                       (stored,))
        again = runner.invoke(app, ["run", str(path), "-o", str(out)])
    assert "Traceback" not in again.output and again.exception is None or isinstance(again.exception, SystemExit)
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert records["a0"]["state"] == records["a2"]["state"] == "done" and len(server.requests) == 3
    assert records["a1"]["state"] == "failed" and records["a1"]["cause"] == "store"
    assert said in records["a1"]["error"] and "--store" in records["a1"]["error"]


def _sqlite_error(message: str, name: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


# Each: the error a write to the log met, words the warning must hold, words it must not.
_UNWRITABLE = [
    ("disk full (SQLite)", _sqlite_error("database or disk is full", "SQLITE_FULL"), "is full", "not writable"),
    ("disk full (ENOSPC)", OSError(errno.ENOSPC, "No space left on device"), "is full", "not writable"),
    ("quota (EDQUOT)", OSError(errno.EDQUOT, "Disk quota exceeded"), "is full", "not writable"),
    ("read-only mount (EROFS)", OSError(errno.EROFS, "Read-only file system"), "is not writable", "Free space"),
    ("permission (EACCES)", OSError(errno.EACCES, "Permission denied"), "is not writable", "Free space"),
    ("immutable (EPERM)", OSError(errno.EPERM, "Operation not permitted"), "is not writable", "Free space"),
    ("a read-only file", _sqlite_error("attempt to write a readonly database", "SQLITE_READONLY"), "is read-only",
     "Free space"),
    ("not a database", _sqlite_error("file is not a database", "SQLITE_NOTADB"), "file is not a database",
     "Free space"),
]


@pytest.mark.parametrize("case,error,said,unsaid", _UNWRITABLE, ids=[c[0] for c in _UNWRITABLE])
def test_an_unwritable_exchange_log_says_what_failed(case: str, error: BaseException, said: str, unsaid: str,
                                                     tmp_path: Path) -> None:
    """Issue 13 follow-up, kind 7: the warning says what failed (the disk is full, the folder is
    not writable) and what to do, not "Free space" for every cause."""
    from extractor.model.exchange_log import why_unwritable

    reason = why_unwritable(tmp_path / "exchanges.sqlite", error)
    assert said in reason and unsaid not in reason and "EXTRACTOR_LOG" in reason, reason


def _read_only_folder(folder: Path):  # type: ignore[no-untyped-def]
    """Make `folder` unwritable for this user (root included: the immutable attribute); returns the undo."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is refused here: {made.stderr.decode().strip()}")
    return lambda: subprocess.run(["chattr", "-i", str(folder)], capture_output=True)


@pytest.mark.network
@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_exchange_log_in_a_read_only_folder_is_one_plain_warning(workers: str, tmp_path: Path) -> None:
    """Issue 13 follow-up, kind 7: one line, `warning: ...`, saying the folder is not writable and how
    to turn the log off; no Python source line, no "Free space"; once per run, workers included."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    undo = _read_only_folder(folder)
    path, out, mark = _articles(tmp_path, 4), tmp_path / "out.jsonl", uuid.uuid4().hex
    try:
        with FakeOpenAI(default=ok(ANSWER)) as server:
            proc = _spawn(server, [str(path), "-o", str(out), "--workers", workers], mark,
                          EXTRACTOR_LOG=str(folder / "exchanges.sqlite"))
            try:
                _, stderr = proc.communicate(timeout=120)
            finally:
                _reap(mark)
    finally:
        undo()
    lines = [line for line in stderr.decode().replace("\r", "\n").splitlines() if "exchange log" in line]
    assert proc.returncode == 0, stderr.decode()
    assert len(lines) == 1 and lines[0].startswith("warning: the exchange log "), lines
    assert "is not writable" in lines[0] and "EXTRACTOR_LOG=off" in lines[0] and "Free space" not in lines[0]
    assert "self.log" not in stderr.decode() and "exchange_log.py" not in stderr.decode()
    assert {json.loads(line)["state"] for line in out.read_text().splitlines()} == {"done"}


# -- 5. checks before the first request ------------------------------------------------------------------

def _not_sqlite(tmp_path: Path) -> list[str]:
    (tmp_path / "store.sqlite").write_text("these are my notes, not a database\n" * 50)
    return ["--store", str(tmp_path / "store.sqlite")]


def _newer_schema(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "store.sqlite") as db:
        db.execute("PRAGMA user_version=99")
        db.execute("CREATE TABLE items (item_id TEXT)")
    return ["--store", str(tmp_path / "store.sqlite")]


def _other_tables(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "store.sqlite") as db:
        db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT)")
    return ["--store", str(tmp_path / "store.sqlite")]


def _output_under_a_file(tmp_path: Path) -> list[str]:
    (tmp_path / "plain-file").write_text("x")
    return ["-o", str(tmp_path / "plain-file" / "out.jsonl"), "--store", str(tmp_path / "s.sqlite")]


@pytest.mark.network
@pytest.mark.parametrize("case,make,message", [
    ("store is not SQLite", _not_sqlite, "is not a run store"),
    ("store of a newer schema", _newer_schema, "schema version 99"),
    ("store of another shape", _other_tables, "lacks item_id"),
    ("output under a file", _output_under_a_file, "cannot write the output"),
])
def test_a_bad_store_or_output_exits_2_before_anything_is_sent(case: str, make, message: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               monkeypatch) -> None:
    """Issue 13, item 5: one line saying what is wrong and what to do, exit 2, no request sent."""
    args = make(tmp_path)
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        out = [] if "-o" in args else ["-o", str(tmp_path / "out.jsonl")]
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 3)), *out, *args])
    assert result.exit_code == 2, (case, result.output)
    assert server.requests == [], f"{case}: requests were sent before the check"
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0] and "Traceback" not in result.output, result.output


@pytest.mark.network
def test_a_read_only_output_folder_exits_2_before_anything_is_sent(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 5: a folder nobody may write to (root included: the immutable attribute)."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True) if os.geteuid() == 0 else None
    if made is None:
        folder.chmod(0o555)
    elif made.returncode != 0:
        pytest.skip(f"chattr +i is refused here: {made.stderr.decode().strip()}")
    try:
        with FakeOpenAI(default=ok(ANSWER)) as server:
            _env(monkeypatch, server)
            result = runner.invoke(app, ["run", str(_articles(tmp_path, 3)), "-o", str(folder / "out.jsonl"),
                                         "--store", str(tmp_path / "s.sqlite")])
    finally:
        if made is not None:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        folder.chmod(0o755)
    assert result.exit_code == 2 and "cannot write the output" in result.output, result.output
    assert server.requests == []


@pytest.mark.network
def test_a_missing_output_folder_is_created(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 5: `-o new/folder/out.jsonl` (the store goes beside it) just works."""
    out = tmp_path / "new" / "folder" / "out.jsonl"
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 3)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 3 and (out.parent / "out.jsonl.run.sqlite").exists()


def _overwritten_mid_file(data: bytes) -> bytes:
    middle = len(data) // 2 // 4096 * 4096
    return data[:middle] + b"\xde\xad\xbe\xef" * 2048 + data[middle + 8192:]


def _cut_short(data: bytes) -> bytes:
    return data[:len(data) * 6 // 10 // 4096 * 4096]


def _one_page_zeroed(data: bytes) -> bytes:
    page = len(data) * 3 // 4 // 4096 * 4096
    return data[:page] + bytes(4096) + data[page + 4096:]


def _damaged_store(tmp_path: Path, articles: int, damage) -> Path:  # type: ignore[no-untyped-def]
    """A run store holding `articles` done articles (those of `_articles`), damaged past its first page."""
    from types import SimpleNamespace

    from extractor.runs.store import RunStore, extraction_key

    store = RunStore(tmp_path / "store.sqlite")
    usage = SimpleNamespace(requests=1, prompt_tokens=100, completion_tokens=50)
    with store.transaction():
        for i in range(articles):
            key = extraction_key(f"{i:064d}", "fake-model", "v")
            store.ensure(key, f"{i:064d}", "fake-model", "v")
            store.put_item(f"a{i}", i, key=key)
            store.done(key, json.dumps({"padding": "x" * 900, "n": i}), usage, 1)
    store.close()
    path = tmp_path / "store.sqlite"
    path.write_bytes(damage(path.read_bytes()))
    return path


@pytest.mark.network
@pytest.mark.parametrize("damage", [_overwritten_mid_file, _cut_short, _one_page_zeroed])
def test_a_store_damaged_in_its_middle_is_refused_before_anything_is_sent(damage, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                          monkeypatch) -> None:
    """Issue 13 follow-up, kind 4: a store whose middle pages are damaged (the first page intact, so
    it opens and has the right schema): one line saying it is damaged and how to recover, exit 2,
    no request; `extractor status` says the same. (Before: a traceback mid-run, exit 1.)"""
    store = _damaged_store(tmp_path, 300, damage)
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 300)), "-o", str(tmp_path / "out.jsonl"),
                                     "--store", str(store)])
        status = runner.invoke(app, ["status", str(store)])
    assert result.exit_code == 2, result.output
    assert server.requests == []
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "is damaged" in errors[0] and ".recover" in errors[0], result.output
    assert "Traceback" not in result.output
    assert status.exit_code == 2 and "is damaged" in status.output, status.output


# Each makes the paths of a run in `tmp_path` (the input is in.jsonl, or the folder docs/ of .txt
# files): the arguments after `run`, and the words of the one error line.
def _output_is_the_input(tmp_path: Path) -> list[str]:
    return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "in.jsonl")]


def _output_is_a_txt_in_an_input_folder(tmp_path: Path) -> list[str]:
    return [str(tmp_path / "docs"), "-o", str(tmp_path / "docs" / "b.txt")]


def _output_is_a_txts_sidecar(tmp_path: Path) -> list[str]:
    (tmp_path / "docs" / "a.json").write_text('{"published": "2020-01-29"}')
    return [str(tmp_path / "docs"), "-o", str(tmp_path / "docs" / "a.json")]


def _output_is_a_symlink_to_the_input(tmp_path: Path) -> list[str]:
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "in.jsonl")
    return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "link.jsonl")]


def _output_is_a_hard_link_to_the_input(tmp_path: Path) -> list[str]:
    os.link(tmp_path / "in.jsonl", tmp_path / "other-name.jsonl")
    return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "other-name.jsonl")]


def _output_in_a_symlinked_folder_is_the_input(tmp_path: Path) -> list[str]:
    (tmp_path / "alias").symlink_to(tmp_path, target_is_directory=True)
    return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "alias" / "in.jsonl")]


def _store_is_the_output(tmp_path: Path) -> list[str]:
    return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--store", str(tmp_path / "o.jsonl")]


def _store_is_an_earlier_output(tmp_path: Path) -> list[str]:
    (tmp_path / "o.jsonl").write_text('{"id": "a0", "state": "pending"}\n')
    return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--store", str(tmp_path / "o.jsonl")]


def _companion(suffix: str):  # type: ignore[no-untyped-def]
    def make(tmp_path: Path) -> list[str]:
        return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / f"s.sqlite{suffix}"), "--store", str(tmp_path / "s.sqlite")]
    return make


def _another_runs_store(name: str):  # type: ignore[no-untyped-def]
    def make(tmp_path: Path) -> list[str]:
        from extractor.runs.store import RunStore

        RunStore(tmp_path / name).close()
        return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / name)]
    return make


def _output_is_a_sqlite_file(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "data.db") as db:
        db.execute("CREATE TABLE t (x)")
    return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "data.db")]


def _store_is_the_input(tmp_path: Path) -> list[str]:
    return [str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--store", str(tmp_path / "in.jsonl")]


_CLOBBERS = [
    ("-o is the input", _output_is_the_input, "is the input file"),
    ("-o is a .txt of an input folder", _output_is_a_txt_in_an_input_folder, "is the input file"),
    ("-o is a .txt's NAME.json", _output_is_a_txts_sidecar, "is the input file"),
    ("-o is a symlink to the input", _output_is_a_symlink_to_the_input, "is the input file"),
    ("-o is a hard link to the input", _output_is_a_hard_link_to_the_input, "is the input file"),
    ("-o is the input through a symlinked folder", _output_in_a_symlinked_folder_is_the_input, "is the input file"),
    ("--store is -o", _store_is_the_output, "is the run store"),
    ("--store is -o, an earlier output", _store_is_an_earlier_output, "is the run store"),
    ("-o is the store's -wal", _companion("-wal"), "write-ahead log"),
    ("-o is the store's -shm", _companion("-shm"), "shared memory"),
    ("-o is the store's -journal", _companion("-journal"), "journal"),
    ("-o is the store's lock", _companion(".lock"), "lock"),
    ("--store is the input", _store_is_the_input, "run store"),
    # issue 13 (third user), item 4: -o names another run's store (by its usual name or any other)
    ("-o is another run's store", _another_runs_store("old.jsonl.run.sqlite"), "SQLite file (another run's store?)"),
    ("-o is a store named .jsonl", _another_runs_store("results.jsonl"), "SQLite file (another run's store?)"),
    ("-o is a SQLite file", _output_is_a_sqlite_file, "SQLite file"),
]


@pytest.mark.network
@pytest.mark.parametrize("case,make,said", _CLOBBERS, ids=[c[0] for c in _CLOBBERS])
def test_an_output_that_would_replace_an_input_or_the_store_is_refused(case: str, make, said: str,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path, monkeypatch) -> None:
    """Issue 13 follow-up, kind 3: `-o` that is an input file (by any name), `--store` that is `-o`,
    `-o` that is one of the store's files: exit 2 before anything is sent, one line saying what to
    do, and every file as it was."""
    _articles(tmp_path, 3, "in.jsonl")
    (tmp_path / "docs").mkdir()
    for name in ("a", "b"):
        (tmp_path / "docs" / f"{name}.txt").write_text(_article(7), encoding="utf-8")
    args = make(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()}
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server, EXTRACTOR_LOG="off")
        result = runner.invoke(app, ["run", *args])
    assert result.exit_code == 2, (case, result.output)
    assert server.requests == [], f"{case}: requests were sent"
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and said in errors[0] and "Traceback" not in result.output, result.output
    assert "nothing was sent" in errors[0]
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()}
    assert after == before, f"{case}: a file was written or changed"


@pytest.mark.parametrize("case,args,said", [
    ("-o is the input", ["IN", "-o", "IN"], "requests file"),
    ("-o is a .txt of the input folder", ["DOCS", "-o", "DOCS/a.txt"], "requests file"),
    ("--manifest is the input", ["IN", "-o", "OUT", "--manifest", "IN"], "manifest"),
])
def test_prepare_refuses_to_write_over_its_input(case: str, args: list[str], said: str, tmp_path: Path) -> None:
    """Issue 13 (third user), item 4: `batch prepare IN -o IN` would replace the articles with the
    requests: exit 2, one line saying which file, every input as it was."""
    path = _articles(tmp_path, 2, "in.jsonl")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(_article(3), encoding="utf-8")
    paths = {"IN": str(path), "OUT": str(tmp_path / "req.jsonl"), "DOCS": str(tmp_path / "docs")}
    argv = [paths.get(a, a.replace("DOCS", paths["DOCS"])) for a in args]
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = runner.invoke(app, ["batch", "prepare", *argv, "--model", "gpt-4o-mini"])
    assert result.exit_code == 2, (case, result.output)
    assert f"the {said}" in result.output and "is the input file" in result.output, result.output
    assert {p: p.read_bytes() for p in before} == before
    assert not (tmp_path / "req.jsonl").exists()


def test_collect_refuses_an_output_that_is_its_results_file(tmp_path: Path) -> None:
    """Issue 13 follow-up, kind 3: `batch collect results.jsonl -o results.jsonl` would replace the
    paid answers with the incidents."""
    results, manifest = tmp_path / "results.jsonl", tmp_path / "m.jsonl"
    results.write_text('{"custom_id": "x", "response": {}}\n')
    manifest.write_text("{}\n")
    result = runner.invoke(app, ["batch", "collect", str(results), "--manifest", str(manifest), "-o", str(results)])
    assert result.exit_code == 2 and "is the input file" in result.output, result.output
    assert results.read_text() == '{"custom_id": "x", "response": {}}\n'
    assert not (tmp_path / "results.jsonl.run.sqlite").exists()


# -- 6. Retry-After that cannot be honoured ------------------------------------------------------------

@pytest.mark.network
def test_a_retry_after_past_the_time_budget_fails_as_transport_in_time(tmp_path: Path) -> None:
    """Issue 13, item 6: `Retry-After: 3600` with a 2-second transport budget: the article fails as
    `transport` within seconds (in a subprocess: the code before the fix waited the hour)."""
    path, out, mark = _articles(tmp_path, 1), tmp_path / "out.jsonl", uuid.uuid4().hex
    with FakeOpenAI(default=status(429, {"retry-after": "3600"})) as server:
        started = time.monotonic()
        proc = _spawn(server, [str(path), "-o", str(out)], mark, EXTRACTOR_TRANSPORT_MAX_SECONDS="2",
                      EXTRACTOR_TRANSPORT_ATTEMPTS="5")
        try:
            _, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("Retry-After: 3600 held the run past its 2-second transport budget")
        finally:
            _reap(mark)
        took = time.monotonic() - started
    assert proc.returncode == 1, stderr.decode()
    record = json.loads(out.read_text())
    assert record["cause"] == "transport" and took < 20
    assert record["attempts"] == len(server.requests) < 5  # the budget, not the attempts, ended it
    assert f"after {record['attempts']} attempt" in record["error"]  # item 11: the message agrees


@pytest.mark.network
@pytest.mark.parametrize("budget,retry_after", [(3, "2.7"), (3, "2"), (2, "1.9"), (2, "1.2"), (3, "3")])
def test_a_retry_after_within_the_budget_waits_only_what_is_left_of_it(budget: int, retry_after: str,
                                                                       tmp_path: Path) -> None:
    """Issue 13 (third user), item 5: with EXTRACTOR_TRANSPORT_MAX_SECONDS=B and a Retry-After
    shorter than B, a second pause is capped at what is LEFT of B (not B), and no request goes out
    after B: before the fix they went at 0, RA, 2 RA and the call failed after about 2 B."""
    path, out, mark = _articles(tmp_path, 1), tmp_path / "out.jsonl", uuid.uuid4().hex
    with FakeOpenAI(default=status(429, {"retry-after": retry_after})) as server:
        proc = _spawn(server, [str(path), "-o", str(out)], mark, EXTRACTOR_TRANSPORT_MAX_SECONDS=str(budget),
                      EXTRACTOR_TRANSPORT_ATTEMPTS="6", EXTRACTOR_LOG="off")
        try:
            _, stderr = proc.communicate(timeout=60)
        finally:
            _reap(mark)
        ended = time.time()
    first = server.arrivals[0]
    late = [round(t - first, 2) for t in server.arrivals if t - first > budget + 0.3]
    assert not late, f"requests went out {late}s after the first, past the {budget}s budget"
    assert ended - first < budget + 1.5, f"the call ended {ended - first:.1f}s after its first request"
    assert proc.returncode == 1, stderr.decode()
    record = json.loads(out.read_text())
    assert record["cause"] == "transport" and record["attempts"] == len(server.requests)


@pytest.mark.parametrize("held,budget,slept", [(9.0, 10.0, 9.0), (9.0, 0.5, 0.5), (20.0, 5.0, 5.0), (0.0, 5.0, 0.0)])
def test_a_shared_pause_is_cut_at_the_calls_deadline(held: float, budget: float, slept: float) -> None:
    """Issue 13 (third user), item 5: the shared 429 pause is slept only up to the call's own
    deadline; a call whose deadline has come is not sent (BudgetSpent, a transport failure)."""
    from extractor.model.transport import BudgetSpent, SharedBackoff, transport_error
    from extractor.testing import FakeClock

    clock = FakeClock()
    backoff = SharedBackoff(cap=60.0, clock=clock)
    backoff.hold(held)
    if slept < budget and held <= budget:
        backoff.wait(deadline=budget)
    else:
        with pytest.raises(BudgetSpent) as spent:
            backoff.wait(deadline=budget)
        assert transport_error(spent.value) is spent.value and "EXTRACTOR_TRANSPORT_MAX_SECONDS" in str(spent.value)
    assert sum(clock.slept) == pytest.approx(slept)


@pytest.mark.network
def test_an_unparsable_retry_after_falls_back_to_the_backoff(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 6: `Retry-After: soon` is ignored (the back-off applies), not a ValueError."""
    answers = iter([status(429, {"retry-after": "soon"}), status(503, {"retry-after": "Fri, 31 Dec 99999"})])
    with FakeOpenAI(rule=lambda body: next(answers, ok(ANSWER))) as server:
        _env(monkeypatch, server, EXTRACTOR_TRANSPORT_ATTEMPTS="3")
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 1)), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "o.jsonl").read_text())["state"] == "done" and len(server.requests) == 3


@pytest.mark.parametrize("headers,seconds", [
    ({"retry-after": "120"}, 120.0), ({"retry-after": "0"}, 0.0), ({"retry-after": "1.5"}, 1.5),
    ({"retry-after": " 7 "}, 7.0), ({"retry-after": "-5"}, 0.0), ({"retry-after": "3600"}, 3600.0),
    ({"retry-after-ms": "1500"}, 1.5), ({"retry-after-ms": "soon", "retry-after": "2"}, 2.0),
    ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # a date in the past: now
    ({"retry-after": "soon"}, None), ({"retry-after": ""}, None), ({"retry-after": "nan"}, None),
    ({"retry-after": "inf"}, None), ({"retry-after": "Fri, 31 Dec 99999"}, None), ({"retry-after": "1 hour"}, None),
    ({}, None), (None, None),
])
def test_retry_after_is_read_or_ignored(headers: dict | None, seconds: float | None) -> None:
    from extractor.model.transport import retry_after_seconds

    assert retry_after_seconds(headers) == seconds


def test_retry_after_as_a_future_http_date() -> None:
    import email.utils

    from extractor.model.transport import retry_after_seconds

    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 27 <= (retry_after_seconds({"retry-after": when}) or 0) <= 30


@pytest.mark.parametrize("asked,elapsed,budget,cap,most", [
    ("3600", 0.0, 5.0, 60.0, 5.0),  # the time budget left
    ("3600", 3.5, 5.0, 60.0, 1.5),
    ("3600", 0.0, 300.0, 60.0, 60.0),  # the back-off's cap
    ("3600", 9.0, 5.0, 60.0, 0.0),  # the budget is spent: no wait (tenacity stops it)
    ("2", 0.0, 300.0, 60.0, 2.0),
])
def test_a_wait_never_passes_the_cap_nor_the_budget(asked: str, elapsed: float, budget: float, cap: float,
                                                     most: float) -> None:
    from types import SimpleNamespace

    from extractor.model.transport import EndpointStatusError, SharedBackoff, Wait

    shared = SharedBackoff(cap=cap)
    error = EndpointStatusError(429, {"retry-after": asked}, b"slow down")
    outcome = SimpleNamespace(exception=lambda: error)
    state = SimpleNamespace(attempt_number=1, outcome=outcome, seconds_since_start=elapsed)
    wait = Wait(cap=cap, shared=shared, budget=budget)(state)
    assert wait <= most + 1e-9 and (asked != "2" or wait >= 2.0)
    assert shared.remaining() <= min(cap, most) + 0.01
    shared.hold(10_000)
    assert shared.remaining() <= cap + 0.01


# -- 7. batch collect: one outcome per custom_id ----------------------------------------------------------

def _result_line(custom_id: str, *, content: dict | None = None, status_code: int = 200, body: dict | None = None) -> str:
    if body is None:
        body = {"id": "c", "object": "chat.completion", "created": 0, "model": "fake-model",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": json.dumps(content)}}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}
    return json.dumps({"id": "r", "custom_id": custom_id, "error": None,
                       "response": {"status_code": status_code, "body": body}})


def test_collect_keeps_one_outcome_per_custom_id_and_never_loses_a_success(tmp_path: Path) -> None:
    """Issue 13, item 7: a success then an error line for one custom_id stays done; an error then a
    success ends done; an engine error in a 200 body is `transport` with the engine's message;
    duplicates are reported and counted once."""
    articles = tmp_path / "in.jsonl"
    articles.write_text("".join(json.dumps({"id": f"a{i}", "text": _article(i), "published": "2020-01-29"}) + "\n"
                                for i in range(4)), encoding="utf-8")
    requests = tmp_path / "requests.jsonl"
    prepared = runner.invoke(app, ["batch", "prepare", str(articles), "-o", str(requests), "--provider", "compatible",
                                   "--base-url", "http://unused/v1", "--model", "fake-model"])
    assert prepared.exit_code == 0, prepared.output
    ids = [json.loads(line)["custom_id"] for line in requests.read_text().splitlines()]
    error = _result_line(ids[0], status_code=500, body={"error": {"message": "engine overloaded"}})
    results = tmp_path / "results.jsonl"
    results.write_text("\n".join([
        _result_line(ids[0], content=ANSWER), error,  # success, then an error for the same request
        _result_line(ids[1], status_code=500, body={"error": {"message": "try later"}}),
        _result_line(ids[1], content=ANSWER),  # an error, then a success
        _result_line(ids[2], body={"object": "error", "message": "This model's maximum context length is 4096",
                                   "type": "BadRequestError", "code": 400}),  # vLLM: an error in a 200 line
        _result_line(ids[3], content=ANSWER), _result_line(ids[3], content=ANSWER),  # a plain duplicate
    ]) + "\n")
    out = tmp_path / "out.jsonl"
    collected = runner.invoke(app, ["batch", "collect", str(results), "--manifest",
                                    str(tmp_path / "requests.manifest.jsonl"), "-o", str(out)])
    assert collected.exit_code == 1, collected.output
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert [records[f"a{i}"]["state"] for i in range(4)] == ["done", "done", "failed", "done"]
    assert records["a2"]["cause"] == "transport" and "maximum context length is 4096" in records["a2"]["error"]
    assert "3 done, 1 failed" in collected.output
    assert "3 custom_ids have more than one result line" in collected.output


# -- 8. secrets never stored nor printed ----------------------------------------------------------------

@pytest.mark.network
@pytest.mark.parametrize("key", ["sk-proj-Zq81bXk2LmN4pQr7sTuV9wXy", "my-private-key-123", "0123456789abcdef"])
def test_a_key_echoed_by_the_server_is_stored_and_printed_nowhere(key: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 8: a 401 whose body quotes the Authorization header: the key is not in the
    output, the run store, the exchange log or anything printed (run and extract)."""
    path, out = _articles(tmp_path, 2), tmp_path / "out.jsonl"
    log = tmp_path / "log" / "exchanges.sqlite"
    article = tmp_path / "one.txt"
    article.write_text(_article(9), encoding="utf-8")
    with FakeOpenAI(default=echo_auth(401)) as server:
        _env(monkeypatch, server, EXTRACTOR_LOG=str(log))
        ran = runner.invoke(app, ["run", str(path), "-o", str(out), "--api-key", key])
        extracted = runner.invoke(app, ["extract", str(article), "--api-key", key])
    assert ran.exit_code == 1 and extracted.exit_code == 1
    assert all(h.get("authorization") == f"Bearer {key}" for h in server.headers)  # it was sent, and echoed
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["cause"] for r in records} == {"refused"} and "[redacted]" in records[0]["error"]
    places = {"output": out.read_bytes(), "run output": ran.output.encode(), "extract output": extracted.output.encode()}
    for file in [*tmp_path.glob("out.jsonl.run.sqlite*"), *log.parent.glob("exchanges.sqlite*")]:
        places[file.name] = file.read_bytes()
    assert len(places) >= 5
    assert not [name for name, data in places.items() if key.encode() in data], "the key leaked"


@pytest.mark.parametrize("text,kept,gone", [
    ('HTTP 401: {"error": "Incorrect API key provided: Bearer sk-abc123def456ghi789"}', "HTTP 401", "sk-abc123"),
    ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc", "Authorization", "eyJhbGci"),
    ("Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization", "dXNlcjpw"),
    ("key sk-proj-AAAAAAAAAAAAAAAAAAAAAAAA is revoked", "is revoked", "sk-proj-AAAA"),
    ("GET /v1?api_key=hunter2hunter2&model=x", "model=x", "hunter2"),
    ('{"api_key": "zzzzzzzzzz", "model": "gpt"}', '"model": "gpt"', "zzzzzzzzzz"),
    ("x-api-key: abcdefghijkl0123", "x-api-key", "abcdefghijkl0123"),
    ("access_token=ya29.a0AfH6SMBx", "access_token", "ya29"),
    ("password: correct-horse-battery", "password", "correct-horse"),
    ("the token was spent: 3 killed, 12 wounded", "3 killed, 12 wounded", "[redacted]"),
    ("Incorrect API key provided: sk-abcd****wxyz", "sk-abcd****wxyz", "[redacted]"),  # already masked: left
    ("no secret here: Bearer of bad news", "Bearer of bad news", "[redacted]"),
])
def test_redact_strips_what_looks_like_a_credential(text: str, kept: str, gone: str) -> None:
    from extractor.errors import redact

    cleaned = redact(text)
    assert kept in cleaned and gone not in cleaned, cleaned


def test_redact_strips_a_configured_key_of_any_shape() -> None:
    from extractor.errors import ExtractionError, redact
    from extractor.settings import Settings

    Settings.from_env(env={}, api_key="Plain.Key-With_no-shape")
    assert redact("server said: Plain.Key-With_no-shape is wrong") == "server said: [redacted] is wrong"
    error = ExtractionError("refused (Plain.Key-With_no-shape)", cause="refused", attempts=1)
    assert "Plain.Key" not in str(error) and redact("3 killed", ("killed",)) == "3 [redacted]"


def _key_forms(key: str) -> set[str]:
    """The key as a server or a library may quote it (written here independently of `redact`)."""
    escaped = json.dumps(key)[1:-1]
    return {key, escaped, escaped.replace("/", "\\/"), json.dumps(escaped)[1:-1], quote(key, safe=""), quote(key)}


def _fragments(data: bytes, key: str, run: int = 8) -> list[str]:
    """Every run of `run` consecutive characters of `key`, in any of its quoted forms, found in `data`."""
    return sorted({form[i:i + run] for form in _key_forms(key) for i in range(len(form) - run + 1)
                   if form[i:i + run].encode() in data})


_ECHOES = [  # how the server gives the key back, the key, and the failure's cause
    ("401, JSON with \\/ as PHP writes it", echo_auth(401, "php"), 'AbC/dEf+GhI=jKl/MnO-pQr"sTu', "refused"),
    ("401, URL-encoded", echo_auth(401, "url"), 'key/with+slash=and"quote-0042', "refused"),
    ("200 whose answer quotes the key (pydantic cuts it short)",
     ok("not json " + "padding " * 8 + "bad key sk-proj-Zq81bXk2LmN4pQr7sTuV9wXyABCDEF"),
     "sk-proj-Zq81bXk2LmN4pQr7sTuV9wXyABCDEF", "validation"),
    ("200 quoting a key that has no key's shape", ok("not json: " + "x" * 60 + " you sent Plain.Opaque.Token.77x today"),
     "Plain.Opaque.Token.77x", "validation"),
]


@pytest.mark.network
@pytest.mark.parametrize("case,step,key,cause", _ECHOES, ids=[c[0] for c in _ECHOES])
def test_a_key_echoed_escaped_or_cut_short_is_stored_and_printed_nowhere(case: str, step: dict, key: str, cause: str,  # type: ignore[no-untyped-def]
                                                                          tmp_path: Path, monkeypatch) -> None:
    """Issue 13 follow-up, kind 1: the key given back JSON-escaped (`\\/`, `\\"`), URL-encoded, or cut
    short by pydantic ("sk-proj...-ABCDEF"): no run of 8 of its characters, in any of those forms,
    reaches the output, the run store, the exchange log or the terminal."""
    path, out = _articles(tmp_path, 2), tmp_path / "out.jsonl"
    log = tmp_path / "log" / "exchanges.sqlite"
    article = tmp_path / "one.txt"
    article.write_text(_article(9), encoding="utf-8")
    with FakeOpenAI(default=step) as server:
        _env(monkeypatch, server, EXTRACTOR_LOG=str(log), EXTRACTOR_REASKS="0")
        ran = runner.invoke(app, ["run", str(path), "-o", str(out), "--api-key", key])
        extracted = runner.invoke(app, ["extract", str(article), "--api-key", key])
    assert ran.exit_code == 1 and extracted.exit_code == 1, ran.output
    assert server.headers[0]["authorization"] == f"Bearer {key}"
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["cause"] for r in records} == {cause} and "[redacted]" in records[0]["error"], records[0]
    places = {"output": out.read_bytes(), "run output": ran.output.encode(), "extract output": extracted.output.encode()}
    for file in [*tmp_path.glob("out.jsonl.run.sqlite*"), *log.parent.glob("exchanges.sqlite*")]:
        places[file.name] = file.read_bytes()
    leaks = {name: found for name, data in places.items() if (found := _fragments(data, key))}
    assert not leaks, f"{case}: parts of the key leaked: {leaks}"


_KEY = 'sk-proj-AbC/dEf+GhI=jKl"MnO_pQr'
# Each: the text as error text may carry the configured key `_KEY`, what must stay, what must go.
_CONFIGURED = [
    ("as is", f"bad key {_KEY} given", "bad key", "AbC/dEf"),
    ("JSON-escaped", f"body {json.dumps({'m': _KEY})}", '"m"', "GhI=jKl"),
    ("JSON with \\/ (PHP)", f"body {json.dumps({'m': _KEY})}".replace("/", "\\/"), '"m"', "dEf+GhI"),
    ("JSON-escaped twice", json.dumps(f"body {json.dumps({'m': _KEY})}"), "body", "dEf+GhI"),
    ("URL-encoded", f"GET /v1?k={quote(_KEY, safe='')}&model=x", "model=x", "dEf%2BGhI"),
    ("URL-encoded, lower-case hex", "k=" + re.sub("%[0-9A-F]{2}", lambda m: m.group().lower(), quote(_KEY, safe="")),
     "k=", "%2fdEf"),
    ("URL form (+ for space)", f"k={quote_plus(_KEY)} end", " end", "GhI%3DjKl"),
    ("its head, cut", f"input_value='{_KEY[:12]}...'", "input_value", "proj-AbC"),
    ("its tail, cut", f"input_value='...{_KEY[-9:]}'", "input_value", "MnO_pQr"),
    ("8 characters of its middle", f"it said {_KEY[10:18]} once", "it said", _KEY[10:18]),
    ("two pieces", f"a {_KEY[:9]} b {_KEY[-9:]} c", " b ", _KEY[-9:]),
]


@pytest.mark.parametrize("case,text,kept,gone", _CONFIGURED, ids=[c[0] for c in _CONFIGURED])
def test_redact_strips_a_configured_key_in_every_form_and_any_long_piece_of_it(case: str, text: str, kept: str,
                                                                               gone: str) -> None:
    """Issue 13 follow-up, kind 1: the configured key escaped (JSON, PHP's `\\/`, twice), URL-encoded,
    or any run of 8+ of its consecutive characters (a message cut short) is redacted."""
    from extractor.errors import redact

    cleaned = redact(text, (_KEY,))
    assert kept in cleaned and gone not in cleaned and "[redacted]" in cleaned, (case, cleaned)
    assert not _fragments(cleaned.encode(), _KEY), (case, cleaned)


@pytest.mark.parametrize("text,kept", [
    ("short runs stay readable: proj-Ab and GhI=jK", "proj-Ab and GhI=jK"),  # 7 characters of the key: kept
    ("3 killed, 12 wounded", "3 killed, 12 wounded"),
])
def test_redact_keeps_runs_of_a_key_shorter_than_8(text: str, kept: str) -> None:
    from extractor.errors import redact

    assert redact(text, (_KEY,)) == text and kept in text


@pytest.mark.parametrize("text,kept,gone", [
    ("input_value='not json bad key sk-proj...-ABCDEF1234567890abcdef'", "input_value='not json bad key ", "ABCDEF1234"),
    ("sk-proj-Zq81bXk2.LmN4pQr7.sTuV9wXy expired", "expired", "LmN4pQr7"),
    ("token sk-ant-api03-abc...xyz-Q9w8e7 given", "given", "Q9w8e7"),
    ("use sk-abcdefgh12. Then retry", "Then retry", "abcdefgh12"),  # a sentence's full stop is not the key's
    ("Authorization: Bearer abc\\/def+ghi\\/jkl==", "Authorization", "def+ghi"),  # a token JSON-escaped
])
def test_redact_strips_key_shaped_tokens_with_dots_inside(text: str, kept: str, gone: str) -> None:
    """Issue 13 follow-up, kind 1: `sk-...` tokens cut with dots (pydantic's "sk-proj...-XYZ") or
    holding them, and JSON-escaped bearer tokens, without a configured key."""
    from extractor.errors import redact

    cleaned = redact(text)
    assert kept in cleaned and gone not in cleaned, cleaned
    assert not cleaned.endswith("[redacted]Then retry")


@given(st.text(alphabet=st.characters(blacklist_characters="[]", blacklist_categories=("Cs",)), min_size=8,
               max_size=40),
       st.text(max_size=30), st.text(max_size=30), st.integers(0, 40), st.integers(8, 40))
def test_redact_leaves_no_run_of_8_of_a_configured_key(key: str, before: str, after: str, at: int, length: int) -> None:
    """Any key, any piece of 8+ of its characters in any quoted form, anywhere: none is left that
    could not be ordinary text (issue 13, third user, item 6: a run of lower-case letters, spaces
    and prose punctuation counts from 12 characters on, so that "required" of a key stays a word)."""
    from extractor.errors import redact

    for form in _key_forms(key):
        piece = form[at:at + length]
        if len(piece) < 8:
            continue
        cleaned = redact(before + piece + after, (key,)).encode()
        left = [run for run in _fragments(cleaned, key) if not set(run) <= _PROSE_CHARS]
        assert not left and not _fragments(cleaned, key, 12), (key, form, piece)


_PROSE_CHARS = set("abcdefghijklmnopqrstuvwxyz .,;:!?'\"()-")


def _b64_inside(prefix: str, key: str) -> str:
    import base64

    return base64.b64encode((prefix + key).encode()).decode()


_LEAK_KEY = "sk-live-Q7rT2vX9zB4nM6pL8kW3"
_ENCODED = [
    ("base64", lambda k: _b64_inside("", k)),
    ("base64 of user:key (Basic)", lambda k: _b64_inside("user:", k)),
    ("base64 of Bearer key", lambda k: _b64_inside("Bearer ", k)),
    ("base64, one byte before", lambda k: _b64_inside("x", k)),
    ("base64 URL-safe, no padding", lambda k: _b64_inside("", k).rstrip("=").replace("+", "-").replace("/", "_")),
    ("all \\u escapes", lambda k: "".join(f"\\u{ord(c):04x}" for c in k)),
    ("all \\u escapes, upper hex", lambda k: "".join(f"\\u{ord(c):04X}" for c in k)),
    ("HTML hex entities", lambda k: "".join(f"&#x{ord(c):x};" for c in k)),
    ("HTML hex entities, upper", lambda k: "".join(f"&#X{ord(c):X};" for c in k)),
    ("HTML decimal entities", lambda k: "".join(f"&#{ord(c)};" for c in k)),
    ("all %XX", lambda k: "".join(f"%{b:02X}" for b in k.encode())),
    ("all %xx", lambda k: "".join(f"%{b:02x}" for b in k.encode())),
]


@pytest.mark.parametrize("case,encode", _ENCODED, ids=[c[0] for c in _ENCODED])
def test_redact_strips_a_configured_key_however_it_is_encoded(case: str, encode) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 (third user), item 6: a 401 body that echoes the key base64-encoded (alone or in a
    Basic/Bearer value), as \\uXXXX escapes, HTML character references or %XX leaks it no more."""
    from extractor.errors import redact

    encoded = encode(_LEAK_KEY)
    cleaned = redact(f'{{"error": "Incorrect API key provided: {encoded}. Check it."}}', (_LEAK_KEY,))
    assert "[redacted]" in cleaned and "Check it." in cleaned and "Incorrect API key provided" in cleaned
    runs = {encoded[i:i + 12] for i in range(len(encoded) - 11)}
    assert not [run for run in runs if run in cleaned], (case, cleaned)


@pytest.mark.parametrize("key", ["sk-no-key-needed", "sk-no-key-required", "no-key", "EMPTY", "none", "dummy",
                                 "not-needed", "sk-xxxxxxxx", "placeholder", "sk-fake-key"])
def test_a_placeholder_key_is_never_remembered(key: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 (third user), item 6: `--api-key sk-no-key-required` made pydantic's "Field
    required" read "Field [redacted]": a placeholder key guards nothing and is not remembered."""
    from extractor import errors

    monkeypatch.setattr(errors, "_known_secrets", set())
    errors.remember_secret(key)
    assert errors._known_secrets == set()
    text = "1 validation error: incidents.0.date Field required; key needed, none given, empty list"
    assert errors.redact(text) == text


@pytest.mark.parametrize("key,text", [
    ("sk-no-key-required", "incidents.0.location Field required [type=missing]"),
    ("my-secret-required-token", "Field required; a token is required here"),
    ("ab12-value-error-xyz9", "1 validation error: value error, bad date"),
    ("Zq81-should-be", "Input should be a valid list"),
])
def test_a_plain_word_that_a_key_holds_stays_in_the_text(key: str, text: str) -> None:
    """Issue 13 (third user), item 6: a run of a key's characters that could be ordinary text
    (lower-case letters, spaces, prose punctuation) under 12 characters is not redacted; the key
    itself still is."""
    from extractor.errors import redact

    assert redact(text, (key,)) == text
    assert "[redacted]" in redact(f"{text} (sent {key})", (key,))


# -- 9. inputs that are not articles ----------------------------------------------------------------------

def _case_10_csv() -> bytes:
    return (FIXTURES_INPUTS / "10-csv-with-bom.csv").read_bytes()


FIXTURES_INPUTS = ROOT / "fixtures" / "inputs"


@pytest.mark.network
def test_case_10_a_spreadsheet_csv_with_a_bom_reads_every_row(tmp_path: Path, monkeypatch) -> None:
    """Issue 11, kind 13, case 10 (../shared/cases/10-csv-with-bom): every row read, ids from the id
    column, all items done (before: the whole file skipped with exit 0)."""
    data = _case_10_csv()
    assert data.startswith(b"\xef\xbb\xbftext,")  # as a spreadsheet program saves it
    path = tmp_path / "input.csv"
    path.write_bytes(data)
    out = tmp_path / "out.jsonl"
    with FakeOpenAI(default=ok({"incidents": []})) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["kabul-1", "gao-2", "goma-3"]
    assert {r["state"] for r in records} == {"done"} and len(server.requests) == 3


@pytest.mark.network
@pytest.mark.parametrize("name,data", [
    ("report.txt", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
    ("articles.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(200)),  # an .xlsx saved as .csv
    ("articles.jsonl", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(100)),  # gzip
    ("articles.csv", b"id,body\n1,Gunmen killed three.\n"),  # no text column
    ("articles.csv", b"id,text\r\n"),  # a header and no rows (issue 11, second report, defect 11)
    ("articles.csv", b"id;text\r"),  # the same as Excel's "CSV (Macintosh)" writes it
])
def test_an_input_that_yields_nothing_because_of_its_format_does_not_exit_0(name: str, data: bytes, tmp_path: Path,
                                                                               monkeypatch) -> None:
    """Issue 13, item 9 / issue 11, kind 13: a PDF, an archive, a CSV without the text column:
    nothing is sent, the reason is said, and the exit code is not 0."""
    path = tmp_path / name
    path.write_bytes(data)
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 1, result.output
    assert server.requests == []
    record = json.loads((tmp_path / "out.jsonl").read_text())
    assert record["state"] == "skipped" and record["reason"]


@pytest.mark.network
def test_a_mac_csv_beside_a_good_file_is_read_and_the_run_does_not_crash(tmp_path: Path, monkeypatch) -> None:
    """Issue 11 (second report), defect 10: rows ended by a lone CR were a traceback that lost
    every other input of the run; now each row is an item and both files are sent."""
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b'id,text\rc1,"Gunmen killed three in Gao on Monday."\r')
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g1", "text": "Gunmen killed two in Gao on Monday."}) + "\n")
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(mac), str(good), "-o", str(tmp_path / "out.jsonl")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert sorted(r["id"] for r in records) == ["c1", "g1"] and server.requests
    assert {r["state"] for r in records} == {"done"}, records


# Each: file name, bytes, and what must be read: [(id, text start, note part)] or [(id, None, reason part)].
_INPUTS = [
    ("bom.csv", "\ufeffid,text\nk1,Gunmen killed three.\n".encode(), [("k1", "Gunmen", None)]),
    ("bom-text-first.csv", "\ufefftext,id\nGunmen killed three.,k1\n".encode(), [("k1", "Gunmen", None)]),
    ("semicolon.csv", "id;text;published\ns1;Gunmen, armed, killed three.;2021-03-04\n".encode(),
     [("s1", "Gunmen, armed", None)]),
    ("tab.csv", "id\ttext\nt1\tGunmen killed three, police said.\n".encode(), [("t1", "Gunmen", None)]),
    ("pipe.csv", "id|text\np1|Gunmen killed three, police said.\n".encode(), [("p1", "Gunmen", None)]),
    ("quoted.csv", 'id;text\nq1;"Gunmen killed three; police said ""no comment""."\n'.encode(),
     [("q1", "Gunmen killed three; police", None)]),
    ("spaced-header.csv", "id , text \nh1,Gunmen killed three.\n".encode(), [("h1", "Gunmen", None)]),
    ("crlf.csv", b"id,text\r\nc1,Gunmen killed three.\r\nc2,Two more.\r\n", [("c1", "Gunmen", None), ("c2", "Two", None)]),
    ("one-latin1-row.csv", "id,text\nu1,Caf\u00e9 attack in Gao\n".encode() + "l1,Caf\u00e9 attack in M\u00e9naka\n".encode("latin-1"),
     [("u1", "Café attack in Gao", None), ("l1", "Café attack in Ménaka", "read as Windows-1252")]),
    ("cp1252-smart-quotes.csv", "id,text\nu1,Caf\u00e9\n".encode() + "w1,\u201cThree killed\u201d \u2013 police\n".encode("cp1252"),
     [("u1", "Café", None), ("w1", "\u201cThree killed\u201d \u2013 police", "Windows-1252")]),
    ("undefined-byte.csv", "id,text\nu1,Caf\u00e9\n".encode() + b"b1,bad \x81 byte \xe9\n",
     [("u1", "Café", None), ("b1", None, "neither UTF-8 nor Windows-1252")]),
    ("cp1252-file.csv", ("id;text\n1;Le caf\u00e9 est ferm\u00e9 \u00e0 Gao, o\u00f9 trois soldats ont \u00e9t\u00e9 tu\u00e9s, "
                         "a d\u00e9clar\u00e9 un porte-parole de l'arm\u00e9e.\n2;Des hommes arm\u00e9s ont attaqu\u00e9 "
                         "un poste pr\u00e8s de M\u00e9naka.\n").encode("cp1252"),
     [("1", "Le café est fermé à Gao", "read as cp1252"), ("2", "Des hommes armés", "read as cp1252")]),
    ("cp1251-file.csv", ("id,text\nr1,\"Трое военнослужащих погибли при обстреле в Донецкой области, сообщили в штабе "
                         "оперативно-тактической группы.\"\n").encode("cp1251"), [("r1", "Трое военнослужащих", "cp1251")]),
    ("utf16.txt", "Gunmen killed three in Kunduz.".encode("utf-16"), [("utf16", "Gunmen", None)]),
    ("bom.txt", "\ufeffGunmen killed three in Kunduz.".encode(), [("bom", "Gunmen", None)]),
    ("bmw.txt", b"BMW recalls cars after a crash killed three in Kunduz.", [("bmw", "BMW recalls", None)]),
    ("page.txt", b"<html><body><p>Gunmen killed three in Kunduz.</p></body></html>", [("page", "<html>", None)]),
    ("ascii.pdf.txt", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", [("ascii.pdf", None, "a PDF document")]),
    ("rtf.txt", b"{\\rtf1\\ansi Gunmen killed three.}", [("rtf", None, "an RTF document")]),
    ("zip.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(64), [("zip", None, "a ZIP archive")]),
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), [("png", None, "image/png")]),
    ("nul.txt", b"Gunmen\x00killed\x00" + bytes(64), [("nul", None, "binary data")]),
    ("latin1.txt", "Caf\u00e9 attack".encode("latin-1"), [("latin1", None, "not UTF-8")]),
    ("bom.jsonl", '\ufeff{"id": "j1", "text": "Gunmen killed three."}\n{"id": "j2", "text": "Two more."}\n'.encode(),
     [("j1", "Gunmen", None), ("j2", "Two", None)]),
    ("xlsx.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(64), [("xlsx.csv", None, "ZIP archive")]),
    ("gz.jsonl", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(64), [("gz.jsonl", None, "gzip archive")]),
    # issue 11 (second report), defects 10-11: Excel's "CSV (Macintosh)" (a lone CR ends a row),
    # headers with a space after the comma, header-only files (one file-scope skip, never "0 items")
    ("mac-cr.csv", b'id,text\rc1,"Gunmen killed three."\r', [("c1", "Gunmen", None)]),
    ("mac-cr-two.csv", b"id,text\rc1,Gunmen killed three.\rc2,Two more.\r", [("c1", "Gunmen", None), ("c2", "Two", None)]),
    ("mac-cr-quoted-newline.csv", b'id,text\rc1,"Gunmen killed\rthree."\r', [("c1", "Gunmen killed\rthree", None)]),
    ("mac-cr-semicolon.csv", b"id;text\rs1;Gunmen, armed, killed three.\r", [("s1", "Gunmen, armed", None)]),
    ("space-after-comma.csv", b'"ID", "Text"\r\nc1, "Gunmen killed three."\r\n', [("c1", "Gunmen", None)]),
    ("space-after-semicolon.csv", b'"id"; "text"\ns1; "Gunmen, armed, killed three."\n', [("s1", "Gunmen, armed", None)]),
    ("header-only-crlf.csv", b"id,text\r\n", [("header-only-crlf.csv", None, "a header and no rows")]),
    ("header-only-lf.csv", b"id,text\n", [("header-only-lf.csv", None, "a header and no rows")]),
    ("header-only-cr.csv", b"id,text\r", [("header-only-cr.csv", None, "a header and no rows")]),
    ("header-only-no-newline.csv", b"id;text;published", [("header-only-no-newline.csv", None, "a header and no rows")]),
    # issue 13 (third user), item 2: the kind of a file is its extension in any case; .ndjson, .tsv, .json
    ("upper.JSONL", b'{"id": "u1", "text": "Gunmen killed three."}\n', [("u1", "Gunmen", None)]),
    ("mixed.Jsonl", b'{"id": "m1", "text": "Gunmen killed three."}\n{"id": "m2", "text": "Two more."}\n',
     [("m1", "Gunmen", None), ("m2", "Two", None)]),
    ("lines.ndjson", b'{"id": "n1", "text": "Gunmen killed three."}\n', [("n1", "Gunmen", None)]),
    ("lines.NDJSON", b'{"id": "n2", "text": "Two more."}\n', [("n2", "Two", None)]),
    ("upper.CSV", b"id,text\nc1,Gunmen killed three.\n", [("c1", "Gunmen", None)]),
    ("mixed.Csv", b"id;text\nc2;Gunmen, armed, killed three.\n", [("c2", "Gunmen, armed", None)]),
    ("upper-header-only.CSV", b"id,text\n", [("upper-header-only.CSV", None, "a header and no rows")]),
    ("tabs.tsv", b"id\ttext\nt1\tGunmen, armed; killed three.\n", [("t1", "Gunmen, armed; killed", None)]),
    ("tabs.TSV", b"id\ttext\tpublished\nt2\tTwo more.\t2020-01-29\n", [("t2", "Two", None)]),
    ("tabs-header-only.tsv", b"id\ttext\n", [("tabs-header-only.tsv", None, "a header and no rows")]),
    ("array.json", b'[{"id": "j1", "text": "Gunmen killed three."}, {"id": "j2", "text": "Two more."}]',
     [("j1", "Gunmen", None), ("j2", "Two", None)]),
    ("array.JSON", '\ufeff[{"ID": "j3", "Text": "Gunmen killed three."}]'.encode(), [("j3", "Gunmen", None)]),
    ("array-with-a-string.json", b'[{"id": "j4", "text": "Gunmen killed three."}, "stray"]',
     [("j4", "Gunmen", None), ("array-with-a-string.json[1]", None, "not a JSON object")]),
    ("object.json", b'{"id": "j5", "text": "Gunmen killed three."}', [("object.json", None, "not a JSON array")]),
    ("lines.json", b'{"id": "j6", "text": "a"}\n{"id": "j7", "text": "b"}\n', [("lines.json", None, "name it .jsonl")]),
    ("number.json", b"42", [("number.json", None, "a JSON int, not a JSON array")]),
    ("gz.json", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(64), [("gz.json", None, "gzip archive")]),
    ("empty-array.json", b"[]", []),
]


@pytest.mark.parametrize("name,data,expected", _INPUTS, ids=[case[0] for case in _INPUTS])
def test_inputs_as_peoples_tools_write_them(name: str, data: bytes, expected: list, tmp_path: Path) -> None:
    """Issue 13, item 9 / issue 11, kind 13: BOMs, sniffed delimiters, legacy encodings (a whole file
    detected, one row read as Windows-1252 or skipped alone), binaries and documents by their first bytes."""
    from extractor.runs.inputs import read_inputs

    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_inputs([path]))
    assert len(items) == len(expected), items
    for item, (item_id, text, said) in zip(items, expected):
        assert item.id.endswith(item_id), (item, item_id)
        if text is None:
            assert item.text is None and said in (item.skip or ""), item
        else:
            assert item.skip is None and (item.text or "").startswith(text), item
            assert (said is None and item.note is None) or (said is not None and said in (item.note or "")), item


def test_a_folder_reads_its_text_files_in_any_case_and_reports_its_subfolders(tmp_path: Path) -> None:
    """Issue 13 (third user), item 2: *.TXT and *.text are read; a subfolder is a skipped item
    saying it was not read (a hidden one, .git and the like, is left alone); other files are not articles."""
    from extractor.runs.inputs import read_inputs

    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / ".git").mkdir()
    for name, text in [("a.txt", "Gunmen killed three."), ("B.TXT", "Two more."), ("c.text", "Four more."),
                       ("D.Text", "Five more."), ("nested/e.txt", "Six more.")]:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "a.json").write_text('{"published": "2020-01-29"}', encoding="utf-8")  # a sidecar, not an input
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    items = list(read_inputs([folder]))
    read = {item.id: item.text for item in items if item.skip is None}
    assert read == {"a": "Gunmen killed three.", "B": "Two more.", "c": "Four more.", "D": "Five more."}
    assert next(item.published for item in items if item.id == "a") == "2020-01-29"
    skipped = [item for item in items if item.skip]
    assert len(skipped) == 1 and skipped[0].id == str(folder / "nested") and skipped[0].scope == "item"
    assert "not read" in skipped[0].skip and "pass it as an input" in skipped[0].skip


@pytest.mark.network
def _as_lines(rows: list[dict]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def _as_table(rows: list[dict], delimiter: str) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["id", "text"], delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.mark.network
@pytest.mark.parametrize("name,write", [
    ("articles.JSONL", _as_lines), ("articles.ndjson", _as_lines), ("articles.NDJSON", _as_lines),
    ("articles.CSV", lambda rows: _as_table(rows, ",")), ("articles.tsv", lambda rows: _as_table(rows, "\t")),
    ("articles.json", json.dumps),
])
def test_a_batch_file_of_any_extension_case_is_not_sent_whole_as_one_article(name: str, write, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                             monkeypatch) -> None:
    """Issue 13 (third user), item 2: `run articles.JSONL` (or .ndjson, .CSV, .tsv, .json) sends
    each article once, never the whole file as one article's text."""
    path = tmp_path / name
    path.write_text(write([{"id": "x1", "text": _article(1)}, {"id": "x2", "text": _article(2)}]), encoding="utf-8")
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert sorted(r["id"] for r in records) == ["x1", "x2"] and len(server.requests) == 2
    assert all('"id"' not in json.dumps(body) for body in server.requests), "the file was sent whole"


def _empty_folder(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    return tmp_path / "in"


def _folder_without_text_files(tmp_path: Path) -> Path:
    folder = _empty_folder(tmp_path)
    (folder / "readme.md").write_text("notes", encoding="utf-8")
    (folder / "data.jsonl").write_text('{"id": "x", "text": "in a folder, not read"}\n', encoding="utf-8")
    return folder


def _folder_with_only_a_subfolder(tmp_path: Path) -> Path:
    folder = _empty_folder(tmp_path)
    (folder / "2024").mkdir()
    (folder / "2024" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    return folder


def _file(name: str, data: bytes):  # type: ignore[no-untyped-def]
    def make(tmp_path: Path) -> Path:
        (tmp_path / name).write_bytes(data)
        return tmp_path / name
    return make


@pytest.mark.network
@pytest.mark.parametrize("case,make,said", [
    ("empty jsonl", _file("a.jsonl", b""), "is empty"),
    ("blank jsonl", _file("a.jsonl", b"\n\n  \n"), "only blank lines"),
    ("empty ndjson", _file("a.ndjson", b""), "is empty"),
    ("empty json array", _file("a.json", b"[]"), "holds no article"),
    ("empty csv", _file("a.csv", b""), "nothing"),
    ("header-only csv", _file("a.csv", b"id,text\n"), "a header and no rows"),
    ("header-only CSV", _file("a.CSV", b"id,text\r\n"), "a header and no rows"),
    ("header-only tsv", _file("a.tsv", b"id\ttext\n"), "a header and no rows"),
    ("empty folder", _empty_folder, "it is empty"),
    ("folder without text files", _folder_without_text_files, "it holds data.jsonl, readme.md"),
    ("folder with only a subfolder", _folder_with_only_a_subfolder, "nothing to extract"),
])
def test_nothing_to_do_exits_1_and_says_what_was_found(case: str, make, said: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch) -> None:
    """Issue 13 (third user), item 3: inputs with no article end the run with exit 1 (never 0),
    saying what was found, and nothing is sent."""
    path = make(tmp_path)
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 1, (case, result.output)
    assert said in result.output, (case, result.output)
    assert server.requests == []


# Issue 11, defect 9: Western text as Excel saves it (Windows-1252), which charset-normalizer ties with other code pages.
WESTERN = [
    "São Tomé: Peña dijo que el ataque fue \u201cbrutal\u201d \u2013 un hecho raro.",
    "Em São Paulo, a polícia disse que três homens armados atacaram a estação; \u201cnão há feridos\u201d.",
    "À Bamako, l\u2019armée a déclaré que trois soldats ont été tués à Ségou \u2013 « une attaque lâche ».",
    "In Köln sagte die Polizei, dass drei Männer bei dem Überfall verletzt wurden \u2013 \u201eschrecklich\u201c.",
    "A Città di Castello la polizia ha detto che tre uomini sono stati uccisi; \u201cè una tragedia\u201d.",
    "A Barcelona, la policia va dir que tres homes van ser detinguts a l\u2019estació \u2013 \u201cés greu\u201d.",
    "Guerrillas killed 3 in Cúcuta; Muñoz\u2019s office said the toll was \u201cfinal\u201d \u2014 no more.",
    "Í Reykjavík sögðu lögreglumenn að þrír hefðu slasast í árásinni á föstudag.",
    "I Århus sagde politiet, at tre mænd blev såret ved angrebet \u2013 \u201cforfærdeligt\u201d.",
    "Gunmen killed five at the café in Asunción, the mayor\u2019s office said \u2022 2021 \u2022 ©Wire",
    "Bogotá: el Ejército informó que la operación en Caquetá dejó dos muertos\u2026 según fuentes.",
    "In Curaçao zei de politie dat drie mannen gewond raakten \u2013 \u2018ernstig\u2019, aldus de woordvoerder.",
]


@pytest.mark.parametrize("text", WESTERN)
def test_a_western_legacy_csv_is_read_as_windows_1252(text: str) -> None:
    """Defect 9 (/tmp/v11/csv/cp1252b.csv): "São Tomé" read as cp1250's "Săo Tomé", "Peña" as "Peńa"."""
    from extractor.runs.decoding import decode_csv

    decoded = decode_csv(f"id;text\n1;{text}\n".encode("cp1252"), "f.csv")
    assert decoded.text == f"id;text\n1;{text}\n"
    assert decoded.note is not None and "read as cp1252" in decoded.note


@pytest.mark.parametrize("text,encoding", [
    ("Трое военнослужащих погибли при обстреле в Донецкой области, сообщили в штабе.", "cp1251"),
    ("Військові повідомили, що троє бійців загинули під час обстрілу в Харківській області.", "cp1251"),  # "Ві" is UTF-8 "³"
    ("Три войника загинаха при нападението, съобщи говорителят на министерството на отбраната.", "cp1251"),
    ("Τρεις στρατιώτες σκοτώθηκαν στην επίθεση, ανακοίνωσε ο εκπρόσωπος του υπουργείου.", "cp1253"),
    ("قتل ثلاثة جنود في هجوم على نقطة تفتيش في محافظة ديالى، بحسب مصدر أمني.", "cp1256"),
    ("Ťažké boje pri Košiciach: ťažko ranení vojaci, povedal hovorca ministerstva.", "cp1250"),  # ť: undefined in 1252
    ("Saldırıda üç asker hayatını kaybetti, Şırnak valiliği açıkladı. Güvenlik güçleri operasyon başlattı.", "cp1254"),
    ("Per išpuolį žuvo trys kariai, pranešė Lietuvos kariuomenės atstovas. Policija pradėjo tyrimą.", "cp1257"),
    ("בתקיפה נהרגו שלושה חיילים, אמר דובר הצבא. המשטרה פתחה בחקירה.", "cp1255"),
    ("در حمله به پاسگاه پليس در هرات سه نفر كشته شدند، مقامات محلي گفتند.", "cp1256"),  # Persian, Arabic letters
])
def test_a_legacy_csv_whose_bytes_say_otherwise_keeps_its_code_page(text: str, encoding: str) -> None:
    from extractor.runs.decoding import decode_csv

    decoded = decode_csv(f"id;text\n1;{text}\n".encode(encoding), "f.csv")
    assert decoded.text == f"id;text\n1;{text}\n", decoded
    assert decoded.note is not None and "cp1252" not in decoded.note


_SEP_ROW = "KABUL, Jan. 29 (Wire) -- Gunmen killed four guards"
_EXCEL = [  # (file bytes, the text of its one row): Excel's "sep=" first line declares the delimiter
    (f"sep=;\nid;text\na1;{_SEP_ROW}\n".encode(), _SEP_ROW),
    (f"sep=;\r\nid;text\r\na1;{_SEP_ROW}\r\n".encode(), _SEP_ROW),
    (f"\ufeffsep=;\nid;text\na1;{_SEP_ROW}\n".encode(), _SEP_ROW),
    (f"sep=,\nid,text\na1,\"{_SEP_ROW}\"\n".encode(), _SEP_ROW),
    (f"sep=\t\nid\ttext\na1\t{_SEP_ROW}\n".encode(), _SEP_ROW),
    (f"sep=|\nid|text\na1|{_SEP_ROW}\n".encode(), _SEP_ROW),
    (f"SEP=;\nid;text\na1;{_SEP_ROW}\n".encode(), _SEP_ROW),
    (f"sep=; \nid;text\na1;{_SEP_ROW}\n".encode(), _SEP_ROW),
    ("sep=;\nid;text\na1;\"Gunmen; police said \u201cfour\u201d\"\n".encode(), "Gunmen; police said \u201cfour\u201d"),
    ("sep=;\nid;text\na1;Peña said São Tomé was calm.\n".encode("cp1252"), "Peña said São Tomé was calm."),
    (f"sep=;\nID;Text;Published\na1;{_SEP_ROW};2020-01-29\n".encode(), _SEP_ROW),
    (f"sep=;\nid;text\na1;{_SEP_ROW}, police said, in a statement\n".encode(), f"{_SEP_ROW}, police said, in a statement"),
]


@pytest.mark.parametrize("data,text", _EXCEL, ids=[str(i) for i in range(len(_EXCEL))])
def test_excels_sep_first_line_declares_the_delimiter(data: bytes, text: str, tmp_path: Path) -> None:
    """Defect 9: Excel's `sep=;` first line was taken for the header (refused, exit 1)."""
    from extractor.runs.inputs import read_inputs

    path = tmp_path / "excel.csv"
    path.write_bytes(data)
    (item,) = list(read_inputs([path]))
    assert (item.id, item.text, item.skip) == ("a1", text, None), item


@pytest.mark.parametrize("header,row,kwargs", [
    ("Text,id", "Gunmen killed three.,k1", {}),
    ("TEXT,ID", "Gunmen killed three.,k1", {}),
    ("ID;Text;Published", "k1;Gunmen killed three.;2021-03-04", {}),
    ("Id\tText", "k1\tGunmen killed three.", {}),
    (" Text , Id ", "Gunmen killed three.,k1", {}),
    ("TeXt|iD", "Gunmen killed three.|k1", {}),
    ("Body,Key", "Gunmen killed three.,k1", {"text_column": "body", "id_column": "key"}),
    ("body,key", "Gunmen killed three.,k1", {"text_column": "Body", "id_column": "KEY"}),
    ("Article Text,id", "Gunmen killed three.,k1", {"text_column": "article text"}),
    ("text,Text,id", "Gunmen killed three.,not this,k1", {}),  # a column named exactly as asked wins
    ("URL,Source,Text,ID", "https://x.org/a,Wire,Gunmen killed three.,k1", {}),
])
def test_the_text_and_id_columns_are_matched_whatever_their_case(header: str, row: str, kwargs: dict,
                                                                 tmp_path: Path) -> None:
    """Defect 9: a "Text" header in capitals was refused ("no column 'text'")."""
    from extractor.runs.inputs import read_inputs

    path = tmp_path / "caps.csv"
    path.write_text(f"{header}\n{row}\n")
    (item,) = list(read_inputs([path], **kwargs))
    assert (item.id, item.text, item.skip) == ("k1", "Gunmen killed three.", None), item
    assert ("Published" not in header or item.published == "2021-03-04") and ("URL" not in header or item.url)


@pytest.mark.network
def test_a_windows_1252_excel_csv_with_a_sep_line_and_capital_headers_runs(tmp_path: Path, monkeypatch) -> None:
    """Defect 9 end to end (as `/tmp/v11/ex.sh run` did it): every row sent as written, exit 0."""
    rows = ["S\u00c3O TOM\u00c9, March 3 (Wire) -- Gunmen killed two guards in S\u00e3o Tom\u00e9; Pe\u00f1a said so.",
            "BOGOT\u00c1 -- Guerrillas killed 3 in C\u00facuta; Mu\u00f1oz\u2019s office said \u201cthree\u201d."]
    path = tmp_path / "excel.csv"
    path.write_bytes(("sep=;\r\nID;Text\r\n" + "".join(f"b{i};\"{r}\"\r\n" for i, r in enumerate(rows, 1)))
                     .encode("cp1252"))
    out = tmp_path / "out.jsonl"
    with FakeOpenAI(default=ok({"incidents": []})) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["b1", "b2"] and {r["state"] for r in records} == {"done"}
    sent = json.dumps(server.requests, ensure_ascii=False)
    assert all(r in sent for r in ("S\u00e3o Tom\u00e9", "Pe\u00f1a", "C\u00facuta", "Mu\u00f1oz\u2019s"))
    assert "cp1252" in result.output and "cp1250" not in result.output


def test_json_lines_keys_are_matched_whatever_their_case(tmp_path: Path) -> None:
    from extractor.runs.inputs import read_inputs

    path = tmp_path / "caps.jsonl"
    path.write_text('{"ID": "j1", "Text": "Gunmen killed three.", "Published": "2021-03-04"}\n')
    (item,) = list(read_inputs([path]))
    assert (item.id, item.text, item.published) == ("j1", "Gunmen killed three.", "2021-03-04")


@pytest.mark.parametrize("ids,expected", [
    (["a", "b"], ["a", "b"]),
    (["x", "x"], ["x", "x#2"]),
    (["x", "x", "x"], ["x", "x#2", "x#3"]),
    (["x", "x#2", "x"], ["x", "x#2", "x#3"]),
    (["x#2", "x", "x"], ["x#2", "x", "x#3"]),
    (["1", "1", "2", "1"], ["1", "1#2", "2", "1#3"]),
    # a user's own ID#n is never taken by a generated name (issue 13 follow-up, kind 7)
    (["x", "x", "x#2"], ["x", "x#3", "x#2"]),
    (["x", "x", "x", "x#2", "x#3"], ["x", "x#4", "x#5", "x#2", "x#3"]),
    (["x#2", "x#2", "x", "x"], ["x#2", "x#2#2", "x", "x#3"]),
    (["a", "a", "a#2", "a#2"], ["a", "a#3", "a#2", "a#2#2"]),
])
def test_unique_ids_renames_repeats_with_a_note(ids: list[str], expected: list[str]) -> None:
    from extractor.runs.inputs import Item, unique_ids

    items = list(unique_ids(Item(id=i, text="t") for i in ids))
    assert [i.id for i in items] == expected
    assert [i.note is not None for i in items] == [a != b for a, b in zip(ids, expected)]


@given(st.lists(st.sampled_from(["a", "b", "a#2", "a#3", "b#2", "x"]), max_size=30))
def test_unique_ids_are_unique_and_keep_order_and_number(ids: list[str]) -> None:
    from extractor.runs.inputs import Item, unique_ids

    out = [i.id for i in unique_ids(Item(id=i, text="t") for i in ids)]
    assert len(out) == len(ids) and len(set(out)) == len(out)
    assert all(o == i or o.startswith(i + "#") for o, i in zip(out, ids))
    assert all(o == i for o, i in zip(out, ids) if ids.count(i) == 1), "an id used once was renamed"


@given(st.text(max_size=40), st.text(max_size=40))
def test_redact_never_leaves_a_configured_key(before: str, after: str) -> None:
    from extractor.errors import redact

    key = "k3y-Th4t-Is-Long-Enough"
    assert key not in redact(before + key + after, (key,))


@given(st.text(max_size=60))
def test_retry_after_never_raises_and_is_never_negative(value: str) -> None:
    from extractor.model.transport import retry_after_seconds

    for name in ("retry-after", "retry-after-ms"):
        seconds = retry_after_seconds({name: value})
        assert seconds is None or seconds >= 0


@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_skipped_with_a_reason(data: bytes) -> None:
    from extractor.runs.decoding import decode_csv, decode_text

    text, error = decode_text(data, "f.txt")
    assert (text is None) != (error is None)
    decoded = decode_csv(data, "f.csv")
    assert decoded.error is not None or isinstance(decoded.text, str)


# -- follow-up kind 5: bad metadata is a skip before sending, never a failed call --------------------------

_READ = [  # a publication date as people's tools write it, and the day it names
    ("2024-03-06", "2024-03-06"), (" 2024-03-06 ", "2024-03-06"), ("2024-03-06T10:00:00Z", "2024-03-06"),
    ("2024-03-06 23:30:00-05:00", "2024-03-06"), ("20240306", "2024-03-06"), ("2024-W10-3", "2024-03-06"),
    ("6 March 2024", "2024-03-06"), ("March 6, 2024", "2024-03-06"), ("06 Mar 2024", "2024-03-06"),
    ("Wed, 06 Mar 2024 10:00:00 GMT", "2024-03-06"),  # RSS (RFC 822)
    ("6 mars 2024", "2024-03-06"), ("13/03/2024", "2024-03-13"), ("03/13/2024", "2024-03-13"),
    ("12/12/2024", "2024-12-12"), ("2024/06/03", "2024-06-03"), ("31.12.2023", "2023-12-31"),
]
_REFUSED = [  # and those that name no day, or two
    ("06/03/2024", "ambiguous (it reads as 6 March 2024 or 3 June 2024)"), ("6/3/24", "ambiguous"),
    ("06.03.2024", "ambiguous"), ("06-03-2024", "ambiguous"), ("03/06/2024", "ambiguous"),
    ("2024-13-01", "no such day"), ("2024-02-30", "no such day"), ("March 2024", "names a day"),
    ("2024", "names a day"), ("yesterday", "names a day"), ("3 days ago", "names a day"),
    ("Tuesday", "names a day"), ("1709712000", "names a day"), ("n/a", "names a day"), ("", "names a day"),
]


@pytest.mark.parametrize("value,day", _READ)
def test_a_publication_date_that_names_one_day_is_read(value: str, day: str) -> None:
    from extractor.text.published import published_date

    assert published_date(value).isoformat() == day


@pytest.mark.parametrize("value,said", _REFUSED)
def test_a_publication_date_that_names_none_or_two_is_refused_asking_for_iso(value: str, said: str) -> None:
    """Issue 13 follow-up, kind 5: "06/03/2024" is 6 March or 3 June: refused, never guessed."""
    from extractor.errors import InputError
    from extractor.text.published import published_date

    with pytest.raises(InputError) as raised:
        published_date(value)
    assert said in str(raised.value) and "ISO 8601 YYYY-MM-DD" in str(raised.value), str(raised.value)


@given(st.dates(min_value=__import__("datetime").date(1900, 1, 1), max_value=__import__("datetime").date(2099, 12, 31)))
def test_a_day_written_iso_by_name_or_numerically_is_read_or_refused_as_ambiguous(day) -> None:  # type: ignore[no-untyped-def]
    from extractor.errors import InputError
    from extractor.text.published import published_date

    assert published_date(day.isoformat()) == day
    assert published_date(f"{day.day} {day:%B} {day.year}") == day
    numeric = f"{day:%d/%m/%Y}"
    if day.day > 12 or day.day == day.month:
        assert published_date(numeric) == day
    else:
        with pytest.raises(InputError, match="ambiguous"):
            published_date(numeric)


@pytest.mark.network
def test_a_csv_with_ambiguous_dates_skips_those_rows_before_sending(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 follow-up, kind 5: rows whose `published` is 06/03/2024 are skipped with the reason
    (write ISO 8601) before anything is sent, never "failed" with cause InputError, never counted
    as sent; an unambiguous 13/03/2024 is read."""
    path, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    rows = [("a", "06/03/2024"), ("b", "06/03/2024"), ("c", "06/03/2024"), ("d", "13/03/2024")]
    path.write_text("id,published,text\n" + "".join(f'{i},{p},"{_article(n)}"\n' for n, (i, p) in enumerate(rows)),
                    encoding="utf-8")
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["state"] for r in records] == ["skipped", "skipped", "skipped", "done"]
    assert all("ambiguous" in r["reason"] and "YYYY-MM-DD" in r["reason"] for r in records[:3]), records[0]
    assert records[3]["result"]["article"]["published"] == "2024-03-13"
    assert _numbers(server) == [3], "a row with a bad date was sent"
    assert "(1 sent," in result.output and "3 skipped" in result.output and "retry" not in result.output


def test_items_made_by_hand_with_a_bad_date_are_skipped_not_sent(tmp_path: Path) -> None:
    """Issue 13 follow-up, kind 5, from Python: `run_batch` with Items not from read_inputs."""
    import asyncio

    from extractor import Extractor
    from extractor.runs.inputs import Item
    from extractor.runs.runner import run_batch
    from extractor.runs.store import RunStore
    from extractor.testing import FakeBackend

    backend = FakeBackend([ANSWER])
    items = [Item(id="bad", text=_article(1), published="06/03/2024"), Item(id="ok", text=_article(2), published="6 March 2024")]
    store = RunStore(tmp_path / "s.sqlite")
    try:
        report = asyncio.run(run_batch(Extractor(backend=backend), items, store))
        records = {r["id"]: r for r in store.records()}
    finally:
        store.close()
    assert records["bad"]["state"] == "skipped" and "ambiguous" in records["bad"]["reason"]
    assert records["ok"]["state"] == "done" and records["ok"]["result"]["article"]["published"] == "2024-03-06"
    assert report.sent == 1


# -- 10. the embedded server's environment ----------------------------------------------------------------

def test_the_embedded_server_gets_only_what_it_needs() -> None:
    """Issue 13, item 10: SEED, API_KEY and the server's other setting names never reach it."""
    from extractor.model.local import server_environment

    user = {"SEED": "some/path", "API_KEY": "abc", "seed": "x", "MODEL": "m.gguf", "PORT": "80", "HOST": "0.0.0.0",
            "N_CTX": "8", "CONFIG_FILE": "/etc/x.json", "VERBOSE": "1", "OPENAI_API_KEY": "sk-x", "AWS_SECRET": "s",
            "PATH": "/usr/bin", "HOME": "/root", "LANG": "C.UTF-8", "LC_ALL": "C", "PYTHONPATH": "/src",
            "VIRTUAL_ENV": "/venv", "CUDA_VISIBLE_DEVICES": "0", "LD_LIBRARY_PATH": "/cuda", "OMP_NUM_THREADS": "2",
            "TMPDIR": "/tmp", "GGML_CUDA_NO_PINNED": "1"}
    env = server_environment(user)
    assert set(env) == {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV", "CUDA_VISIBLE_DEVICES",
                        "LD_LIBRARY_PATH", "OMP_NUM_THREADS", "TMPDIR", "GGML_CUDA_NO_PINNED"}


def test_the_server_settings_names_are_llama_cpps_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The names kept out are the fields llama-cpp-python's server reads, and with SEED=some/path and
    API_KEY in the user's environment its settings still validate, without a key."""
    settings = pytest.importorskip("llama_cpp.server.settings")
    from extractor.model.local import SERVER_SETTING_NAMES, server_environment

    fields = {*settings.ServerSettings.model_fields, *settings.ModelSettings.model_fields,
              *settings.ConfigFileSettings.model_fields, "config_file"}
    assert fields <= SERVER_SETTING_NAMES
    user = {**os.environ, "SEED": "some/path", "API_KEY": "secret-of-the-user", "N_CTX": "many"}
    for name in list(os.environ):
        monkeypatch.delenv(name)
    for name, value in server_environment(user).items():
        monkeypatch.setenv(name, value)
    assert settings.ServerSettings().api_key is None
    assert settings.ModelSettings(model="m.gguf").seed != "some/path"


def test_the_embedded_server_is_started_with_that_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from extractor.model import local
    from extractor.settings import Settings

    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    seen: dict = {}

    class Started(Exception):
        pass

    def popen(cmd, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(kwargs)
        raise Started

    monkeypatch.setenv("SEED", "some/path")
    monkeypatch.setenv("API_KEY", "abc")
    monkeypatch.setattr(local.subprocess, "Popen", popen)
    monkeypatch.setattr(local.importlib.util, "find_spec", lambda name: object())
    with pytest.raises(Started):
        local.LocalServer(Settings.from_env(env={}, local_model_path=model, cache_dir=tmp_path)).start()
    assert "SEED" not in seen["env"] and "API_KEY" not in seen["env"] and seen["env"]["PATH"] == os.environ["PATH"]


# -- 11. attempts agree with the message; --timeout and --api-key ------------------------------------------

@pytest.mark.network
def test_run_takes_timeout_and_api_key(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 11: `run --timeout 0.5` against a server that stalls fails the call as
    `transport` in about a second; `--api-key` is the key sent."""
    with FakeOpenAI(default=slow(3, ok(ANSWER))) as server:
        _env(monkeypatch, server, EXTRACTOR_TRANSPORT_ATTEMPTS="2")
        started = time.monotonic()
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 1)), "-o", str(tmp_path / "o.jsonl"),
                                     "--timeout", "0.5", "--api-key", "sk-test-run-key-0001"])
        took = time.monotonic() - started
    assert result.exit_code == 1, result.output
    record = json.loads((tmp_path / "o.jsonl").read_text())
    assert record["cause"] == "transport" and record["attempts"] == 2 and "after 2 attempts" in record["error"]
    assert took < 3 * 2, took
    assert server.headers[0]["authorization"] == "Bearer sk-test-run-key-0001"

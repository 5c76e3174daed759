"""`extractor run` / `status` through typer's runner, against a real HTTP server on loopback."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli.main import app
from extractor.testing import SAMPLE_ANSWER, SAMPLE_SENTENCE, sample_article
from extractor.runs.inputs import read_inputs
from extractor.testing.server import FakeOpenAI, ok, status

pytestmark = pytest.mark.network
runner = CliRunner()

SENTENCE = SAMPLE_SENTENCE
ANSWER = {"incidents": [{  # the article below is "[D] KABUL, Jan. 29 (Wire) -- [1] Report number i. [2] SENTENCE"
    "when": "Tuesday night", "province": "Kunduz province", "perpetrators": ["Gunmen"], "targets": ["police officers"],
    "event_type": "battle", "claims": [{"claimant": "a police spokesman", "killed": "three", "victims": "police officers"}],
    "sentences": [2],
}]}

_article = sample_article


@pytest.fixture
def batch_input(tmp_path: Path) -> Path:
    lines = [json.dumps({"id": f"a{i}", "text": _article(i), "published": "2020-01-29"}) for i in range(30)]
    lines.insert(3, "{this is not json")
    lines.insert(7, json.dumps({"id": "empty", "text": "   "}))
    lines.insert(9, json.dumps({"id": "dup-of-a0", "text": _article(0), "published": "2020-01-29"}))
    lines.insert(11, json.dumps({"id": "no-text", "body": "wrong column"}))
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with path.open("ab") as handle:
        handle.write(b'{"id": "latin1", "text": "caf\xe9"}\n')
    return path


def _env(monkeypatch: pytest.MonkeyPatch, server: FakeOpenAI) -> None:
    monkeypatch.setenv("EXTRACTOR_BASE_URL", server.base_url)
    monkeypatch.setenv("EXTRACTOR_MODEL", "fake-model")
    monkeypatch.setenv("EXTRACTOR_TRANSPORT_ATTEMPTS", "2")


def _sent(server: FakeOpenAI) -> list[int]:
    """Which articles (by report number) were sent, once per request."""
    return sorted(int(m) for body in server.requests for m in re.findall(r"Report number (\d+)\.", json.dumps(body)))


BROKEN = {5, 6, 7}  # the server answers 500 for these, every time, until repaired


def test_batch_ends_every_item_in_one_state_and_resumes(batch_input: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.jsonl"
    broken = set(BROKEN)

    def rule(body: dict) -> dict | None:
        number = re.search(r"Report number (\d+)\.", json.dumps(body))
        return status(500) if number and int(number.group(1)) in broken else None

    with FakeOpenAI(default=ok(ANSWER), rule=rule) as server:
        _env(monkeypatch, server)
        first = runner.invoke(app, ["run", str(batch_input), "-o", str(out), "--concurrency", "8"])
        assert first.exit_code == 1, first.output
        sent = _sent(server)
        # 30 distinct articles, each sent (the duplicate is not); the broken ones twice (2 attempts).
        assert set(sent) == set(range(30)) and all(sent.count(n) == 2 for n in BROKEN), sent
        records = [json.loads(line) for line in out.read_text().splitlines()]
        assert len(records) == 35
        states = {r["id"]: r["state"] for r in records}
        assert sum(s == "failed" for s in states.values()) == 3
        assert sum(s == "done" for s in states.values()) == 28  # 27 + the duplicate
        skipped = {r["id"]: r["reason"] for r in records if r["state"] == "skipped"}
        assert set(skipped) == {"articles.jsonl:4", "empty", "no-text", "articles.jsonl:35"}
        assert "not valid JSON" in skipped["articles.jsonl:4"] and "empty" in skipped["empty"]
        assert "not UTF-8" in skipped["articles.jsonl:35"]
        failed = {r["id"]: r for r in records if r["state"] == "failed"}
        assert set(failed) == {f"a{n}" for n in BROKEN}, failed
        # EXTRACTOR_TRANSPORT_ATTEMPTS=2: the record's attempts and its message say the same (issue 13, item 11)
        assert all(r["cause"] == "transport" and r["attempts"] == 2 and "after 2 attempts" in r["error"]
                   for r in failed.values()), failed
        by_id = {r["id"]: r for r in records}
        if by_id["a0"]["state"] == "done":
            assert by_id["dup-of-a0"]["result"] == by_id["a0"]["result"]
        assert "3 failed" in first.output and "run the same command again" in first.output

        store = out.with_name(out.name + ".run.sqlite")
        shown = runner.invoke(app, ["status", str(store)])
        summary = json.loads(shown.stdout)
        assert (summary["done"], summary["failed"], summary["skipped"], summary["pending"]) == (28, 3, 4, 0)
        assert summary["failures_by_cause"] == {"transport": 3} and summary["prompt_tokens"] == 2700

        broken.clear()  # the server is repaired
        before = len(_sent(server))
        again = runner.invoke(app, ["run", str(batch_input), "-o", str(out)])
        assert again.exit_code == 0, again.output
        after = _sent(server)
        assert len(after) - before == 3 and all(after.count(n) == 3 for n in BROKEN)  # only the failed ones, once
        records = [json.loads(line) for line in out.read_text().splitlines()]
        assert [r["id"] for r in records].count("a5") == 1 and len(records) == 35
        assert sum(r["state"] == "done" for r in records) == 31

        third = runner.invoke(app, ["run", str(batch_input), "-o", str(out)])
        assert third.exit_code == 0 and len(_sent(server)) == before + 3  # nothing left to send


def test_folder_and_csv_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "one.txt").write_text(_article(1), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00")
    csv_path = tmp_path / "a.csv"
    csv_path.write_text('id,body,url\nx1,"' + _article(2) + '",http://example.org/x1\nx2,,\n', encoding="utf-8")
    items = list(read_inputs([folder, csv_path], text_column="body"))
    assert [(i.id, i.skip is None) for i in items] == [("bad", False), ("one", True), ("x1", True), ("x2", True)]
    assert items[2].url == "http://example.org/x1" and items[3].text == ""
    missing = list(read_inputs([csv_path], text_column="text"))
    assert len(missing) == 1 and "no column 'text'" in (missing[0].skip or "")


def test_status_of_a_missing_store_says_what_to_pass(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", str(tmp_path / "nope.sqlite")])
    assert result.exit_code == 2 and "extractor run" in result.output


def test_killed_run_resumes_without_resending_what_was_done(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from extractor.testing.server import slow

    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": _article(i)}) + "\n" for i in range(20)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    store = tmp_path / "out.jsonl.run.sqlite"
    with FakeOpenAI(default=slow(0.3, ok(ANSWER))) as server:
        env = {**__import__("os").environ, "EXTRACTOR_BASE_URL": server.base_url, "EXTRACTOR_MODEL": "fake-model"}
        proc = subprocess.Popen([sys.executable, "-m", "extractor.cli.main", "run", str(path), "-o", str(out),
                                 "--concurrency", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        done_before: set[str] = set()
        while time.monotonic() < deadline and len(done_before) < 4:
            time.sleep(0.2)
            if store.exists():
                try:
                    with sqlite3.connect(store) as db:
                        done_before = {r[0] for r in db.execute(
                            "SELECT i.item_id FROM items i JOIN extractions e ON e.key=i.key WHERE e.state='done'")}
                except sqlite3.OperationalError:  # the file exists before the run has made its tables
                    continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert 4 <= len(done_before) < 20, "the run should have been killed mid-way"
        with sqlite3.connect(store) as db:
            done_at_kill = {r[0] for r in db.execute(
                "SELECT i.item_id FROM items i JOIN extractions e ON e.key=i.key WHERE e.state='done'")}
        sent_before = len(server.requests)

        monkeypatch.setenv("EXTRACTOR_BASE_URL", server.base_url)
        monkeypatch.setenv("EXTRACTOR_MODEL", "fake-model")
        result = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "4"])
        assert result.exit_code == 0, result.output
        resent = {f"a{n}" for n in (int(m) for body in server.requests[sent_before:]
                                     for m in re.findall(r"Report number (\d+)\.", json.dumps(body)))}
    assert not resent & done_at_kill, "an article done before the kill was sent again"
    assert resent | done_at_kill == {f"a{i}" for i in range(20)}
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(f"a{i}" for i in range(20))  # each exactly once
    assert all(r["state"] == "done" for r in records)


@pytest.mark.parametrize("shape,column", [("acled", "event_date"), ("ucdp", "date_start")])
def test_run_writes_acled_or_ucdp_csv(shape: str, column: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import csv

    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": _article(i), "published": "2020-01-29"}) + "\n"
                            for i in range(3)), encoding="utf-8")
    out = tmp_path / f"out.{shape}.csv"
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(path), "-o", str(out), "--format", shape])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3 and {r[column] for r in rows} == {"2020-01-28"}
    assert "3 incident rows" in result.output


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path), "-o", str(tmp_path / "x"), "--format", "xlsx"])
    assert result.exit_code == 2 and "not one of jsonl, acled, ucdp" in result.output


def _articles(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"{n}.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": _article(i), "published": "2020-01-29"}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


def test_max_tokens_stops_cleanly_and_the_next_run_continues(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, out = _articles(tmp_path, 10), tmp_path / "out.jsonl"
    with FakeOpenAI(default=ok(ANSWER, prompt_tokens=100, completion_tokens=50)) as server:
        _env(monkeypatch, server)
        first = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "1", "--max-tokens", "400"])
        assert first.exit_code == 3, first.output
        assert len(server.requests) == 3 and "--max-tokens 400 reached" in first.output and "7 items pending" in first.output
        states = [json.loads(line)["state"] for line in out.read_text().splitlines()]
        assert states.count("done") == 3 and states.count("pending") == 7
        second = runner.invoke(app, ["run", str(path), "-o", str(out), "--rpm", "6000"])
        assert second.exit_code == 0 and len(server.requests) == 10


def test_max_cost_needs_a_price(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 1)), "-o", str(tmp_path / "o"), "--max-cost", "1"])
    assert result.exit_code == 2 and "no price for model 'fake-model'" in result.output
    prices = tmp_path / "prices.json"
    prices.write_text('{"prices": {"fake-model": [1000000, 0]}}')  # $1 per input token: the first call spends the budget
    monkeypatch.setenv("EXTRACTOR_PRICES", str(prices))
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 5)), "-o", str(tmp_path / "o2"), "--concurrency", "1",
                                     "--max-cost", "50"])
    assert result.exit_code == 3 and len(server.requests) == 1 and "--max-cost 50" in result.output


def test_two_hundred_articles_against_every_failure(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Slow answers, 429 + Retry-After, 500s, malformed JSON, truncated output, dropped connections:
    every article ends done or failed with the right cause, the counts add up, a re-run finishes them."""
    from extractor.testing.server import drop, malformed, slow

    path, out = _articles(tmp_path, 200), tmp_path / "out.jsonl"
    seen: dict[int, int] = {}
    repaired = {"yes": False}
    kinds = {1: "slow", 2: "429 once", 3: "500", 4: "malformed", 5: "truncated", 6: "drop"}

    def rule(body: dict) -> dict | None:
        n = int(re.search(r"Report number (\d+)\.", json.dumps(body)).group(1))  # type: ignore[union-attr]
        seen[n] = seen.get(n, 0) + 1
        kind = kinds.get(n % 10)
        if repaired["yes"] or kind is None:
            return None
        return {
            "slow": slow(0.3, ok(ANSWER)),
            "429 once": status(429, {"retry-after": "0"}) if seen[n] == 1 else ok(ANSWER),
            "500": status(500), "malformed": malformed(), "truncated": ok('{"incidents": [{"summ', finish_reason="length"),
            "drop": drop(),
        }[kind]

    with FakeOpenAI(default=ok(ANSWER), rule=rule) as server:
        _env(monkeypatch, server)
        first = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "32"])
        assert first.exit_code == 1, first.output
        records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
        assert len(records) == 200
        by_kind: dict[str, set] = {}
        for i in range(200):
            r = records[f"a{i}"]
            by_kind.setdefault(kinds.get(i % 10, "ok"), set()).add(r["state"] if r["state"] != "failed" else r["cause"])
        assert by_kind["ok"] == by_kind["slow"] == by_kind["429 once"] == {"done"}
        assert by_kind["500"] == by_kind["drop"] == {"transport"}
        assert by_kind["truncated"] == {"truncated"}
        assert len(by_kind["malformed"]) == 1 and "done" not in by_kind["malformed"]
        summary = json.loads(runner.invoke(app, ["status", str(out) + ".run.sqlite"]).stdout)
        assert (summary["done"], summary["failed"], summary["pending"], summary["items"]) == (120, 80, 0, 200)

        repaired["yes"] = True
        before = dict(seen)
        again = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "32"])
        assert again.exit_code == 0, again.output
        resent = {n for n in seen if seen[n] > before.get(n, 0)}
        assert resent == {i for i in range(200) if i % 10 in (3, 4, 5, 6)}
        assert all(r["state"] == "done" for r in map(json.loads, out.read_text().splitlines()))


def test_a_429_pauses_the_calls_not_yet_sent(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first request gets 429 with Retry-After: 1. The other call already in flight finishes, but
    no new request leaves before the second is up: the calls back off together."""
    import time

    from extractor.testing.server import slow

    from extractor import Extractor

    from extractor.testing import FakeBackend

    Extractor(backend=FakeBackend([ANSWER]), log="off").extract(_article(0))  # load the coding data first
    arrivals: list[float] = []
    start = time.monotonic()

    def rule(body: dict) -> dict | None:
        arrivals.append(time.monotonic() - start)
        return status(429, {"retry-after": "1"}) if len(arrivals) == 1 else None

    with FakeOpenAI(default=slow(0.05, ok(ANSWER)), rule=rule) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 6)), "-o", str(tmp_path / "o.jsonl"), "--concurrency", "2"])
    assert result.exit_code == 0, result.output
    assert len(arrivals) == 7  # 6 articles + the one retry
    since_429 = [t - arrivals[0] for t in arrivals]
    assert since_429[1] < 0.5  # the second call was already on its way
    assert all(t >= 0.95 for t in since_429[2:]), since_429  # everything after waited for Retry-After


def test_tpm_spreads_calls_by_their_expected_tokens(tmp_path: Path) -> None:
    """A token bucket of 3 calls' worth per period lets 3 go at once, then one per third of a period."""
    import asyncio
    import time

    from extractor import Extractor, RunStore, Settings, run_batch
    from extractor.runs.sending import _prompt_overhead

    items = list(read_inputs([_articles(tmp_path, 9)]))
    with FakeOpenAI(default=ok(ANSWER, completion_tokens=40)) as server:
        settings = Settings.from_env(env={}, provider="compatible", base_url=server.base_url, model="fake-model",
                                     log="off", max_tokens=160)
        extractor = Extractor(settings)
        per_call = _prompt_overhead(extractor) + len(items[0].text or "") // 4 + 40
        started = time.monotonic()
        report = asyncio.run(run_batch(extractor, items, RunStore(tmp_path / "s.sqlite"), concurrency=9,
                                       tpm=3 * per_call, rate_period=0.6))
        elapsed = time.monotonic() - started
    assert report.summary["done"] == 9
    assert elapsed >= 0.9, elapsed  # 6 calls over a 3-call bucket draining 3 per 0.6 s: >= 1.2 s ideally
    assert elapsed < 5


def test_parquet_output_holds_the_acled_rows(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pq = pytest.importorskip("pyarrow.parquet")
    from extractor import ACLED_COLUMNS

    out = tmp_path / "incidents.parquet"
    with FakeOpenAI(default=ok(ANSWER)) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 3)), "-o", str(out), "--format", "parquet"])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 3 and table.column_names == list(ACLED_COLUMNS)
    rows = table.to_pylist()
    assert {r["admin1"] for r in rows} == {"Kunduz"} and {r["fatalities"] for r in rows} == {3}
    assert "Wrote 3 incident rows" in result.output


def _in_flight_recorder(delay: float):  # type: ignore[no-untyped-def]
    """A rule answering after `delay`, and the most requests the server held at once: each held
    request takes at least `delay`, so k arrivals within less than `delay` were k held at once."""
    import time

    from extractor.testing.server import slow

    arrivals: list[float] = []
    state = {"most": 0}

    def rule(body: dict) -> dict | None:
        now = time.monotonic()
        arrivals.append(now)
        state["most"] = max(state["most"], sum(1 for t in arrivals if now - t < 0.9 * delay))
        return slow(delay, ok(ANSWER))

    return rule, state


def test_concurrency_bounds_the_requests_the_endpoint_holds(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rule, state = _in_flight_recorder(0.2)
    with FakeOpenAI(rule=rule) as server:
        _env(monkeypatch, server)
        result = runner.invoke(app, ["run", str(_articles(tmp_path, 24)), "-o", str(tmp_path / "o.jsonl"), "--concurrency", "3"])
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 24 and state["most"] == 3


def test_workers_share_one_store_and_the_calls_in_flight(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two worker processes: every article sent once, each ends done in the one store and the output,
    the endpoint never holds more than --concurrency calls, progress counts every item; a re-run sends nothing."""
    rule, state = _in_flight_recorder(0.2)
    path, out = _articles(tmp_path, 40), tmp_path / "out.jsonl"
    with FakeOpenAI(rule=rule) as server:
        _env(monkeypatch, server)
        first = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "4", "--workers", "2"])
        assert first.exit_code == 0, first.output
        assert _sent(server) == list(range(40)) and state["most"] <= 4
        again = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "4", "--workers", "2"])
        assert again.exit_code == 0, again.output
        assert len(server.requests) == 40
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"a{i}" for i in range(40)] and {r["state"] for r in records} == {"done"}
    assert "40/40" in first.output and "40 done, 0 failed" in first.output and "40 sent" in first.output
    assert re.search(r"40/40 \d+\.\d/(s|min) 0 failed", first.output), first.output  # the progress bar's rate
    assert "0 sent, 40 already done" in again.output


def test_workers_keep_the_budget_of_the_whole_run(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """--max-tokens holds across workers: spending is shared, so the run stops near the limit, not at
    twice it, and the next run continues."""
    path, out = _articles(tmp_path, 20), tmp_path / "out.jsonl"
    with FakeOpenAI(default=ok(ANSWER, prompt_tokens=100, completion_tokens=50)) as server:
        _env(monkeypatch, server)
        first = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "2", "--workers", "2",
                                    "--max-tokens", "900"])
        assert first.exit_code == 3, first.output
        sent = len(server.requests)
        assert 6 <= sent <= 8, sent  # 900 tokens = 6 calls of 150; at most one more per worker in flight
        second = runner.invoke(app, ["run", str(path), "-o", str(out), "--concurrency", "2", "--workers", "2"])
        assert second.exit_code == 0, second.output
    assert len(server.requests) == 20 and "--max-tokens 900 reached" in first.output


def test_a_dead_worker_leaves_its_articles_pending_and_says_so() -> None:
    """A worker that dies without reporting: the run ends, says which and what to do."""
    import multiprocessing

    from extractor.runs.workers import _follow

    context = multiprocessing.get_context("spawn")
    events = context.Queue()
    dead = context.Process(target=_exit_with, args=(3,), name="extractor-worker-1")
    reason = _follow([dead], events, None)
    assert reason is not None and "extractor-worker-1 exited with code 3" in reason and "run the same command again" in reason


def _exit_with(code: int) -> None:
    import os

    os._exit(code)


def test_workers_need_a_settings_built_extractor(tmp_path: Path) -> None:
    import asyncio

    from extractor import ConfigError, Extractor, RunStore, run_batch

    from extractor.testing import FakeBackend

    items = list(read_inputs([_articles(tmp_path, 3)]))
    with pytest.raises(ConfigError, match="built-in model backend"):
        asyncio.run(run_batch(Extractor(backend=FakeBackend([ANSWER] * 3), log="off"), items,
                              RunStore(tmp_path / "s.sqlite"), concurrency=2, workers=2))


def _hold_for(until, seconds: float) -> None:  # type: ignore[no-untyped-def]
    from extractor.runs.workers import _SharedBackoff

    _SharedBackoff(until).hold(seconds)


def test_a_429_pause_taken_in_one_worker_holds_the_others() -> None:
    import multiprocessing

    from extractor.runs.workers import _SharedBackoff

    context = multiprocessing.get_context("spawn")
    until = context.Value("d", 0.0, lock=False)
    mine = _SharedBackoff(until)
    assert mine.remaining() == 0
    other = context.Process(target=_hold_for, args=(until, 5.0))
    other.start()
    other.join(timeout=60)
    assert 4.0 < mine.remaining() <= 5.0


def test_openai_without_a_key_exits_2_with_the_fix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(_articles(tmp_path, 2)), "-o", str(tmp_path / "o.jsonl"),
                                 "--provider", "openai", "--model", "gpt-4o-mini"])
    assert result.exit_code == 2, result.output
    assert "needs an API key" in result.output and "OPENAI_API_KEY" in result.output


def test_a_batch_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import asyncio
    import gc

    from extractor import Extractor, RunStore, run_batch

    from extractor.testing import FakeBackend

    before = gc.get_threshold()
    items = list(read_inputs([_articles(tmp_path, 3)]))
    report = asyncio.run(run_batch(Extractor(backend=FakeBackend([ANSWER] * 3), log="off"), items,
                                   RunStore(tmp_path / "s.sqlite"), concurrency=2))
    assert report.summary["done"] == 3
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_every_exchange_of_a_batch_is_in_the_log(workers: int, tmp_path: Path) -> None:
    """A batch writes its log rows in groups: when it ends, every exchange is there, from every worker."""
    import asyncio
    import sqlite3

    from extractor import Extractor, RunStore, Settings, run_batch

    items = list(read_inputs([_articles(tmp_path, 12)]))
    with FakeOpenAI(default=ok(ANSWER)) as server:
        extractor = Extractor(Settings.from_env(env={}, base_url=server.base_url, model="fake-model",
                                                cache_dir=tmp_path / "cache"))
        report = asyncio.run(run_batch(extractor, items, RunStore(tmp_path / "s.sqlite"), concurrency=4, workers=workers))
    assert report.summary["done"] == 12
    with sqlite3.connect(extractor.settings.log_path) as db:
        rows = db.execute("SELECT article_id, outcome, model_output FROM exchanges").fetchall()
    assert sorted(r[0] for r in rows) == sorted(f"a{i}" for i in range(12))
    assert {r[1] for r in rows} == {"ok"} and all(json.loads(r[2])["incidents"] for r in rows)

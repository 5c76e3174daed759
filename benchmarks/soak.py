"""Soak: the batch runner killed again and again against a server that fails in every way (issue 13).

Usage: .venv/bin/python benchmarks/soak.py [--articles 2000] [--kills 5] [--seed 13]

The fake server (extractor/testing/server.py --chaos, in its own process) answers each request at random:
ok 55%, 429 10% (Retry-After 1 s, "soon", none, or 3600 s), 500 7%, 503 7%, malformed JSON 6%,
output cut off 5%, connection dropped 5%, stalled past the client's --timeout 5%; it logs every
request (time, article, answer). `extractor run --workers 2` is SIGKILLed at a random moment
`--kills` times, then run to the end: under the same chaos until nothing is failed or pending
(at most 8 runs).

Reported, from the server's log and the run store: requests per article; articles sent again
after they were stored done (must be 0); whether the output holds each article exactly once;
after each kill, the requests that reached the server more than 0.5 s later (must be 0) and
how long until no process of the killed run was left (a fork server caught importing the
extractor when its parent died finishes that, sends nothing, and exits); wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.testing import SAMPLE_ANSWER as ANSWER, SAMPLE_SENTENCE as SENTENCE  # noqa: E402

RUN_ARGS = ["--concurrency", "32", "--workers", "2", "--timeout", "1"]


def _server(tmp: Path, seed: int, log: Path) -> tuple[subprocess.Popen, str]:
    answer = tmp / "answer.json"
    answer.write_text(json.dumps(ANSWER), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "extractor.testing.server", "--delay", "0.05", "--answer", str(answer),
                             "--chaos", str(seed), "--stall", "3", "--log", str(log)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return proc, proc.stdout.readline().strip()  # type: ignore[union-attr]


def _run(base_url: str, inputs: Path, out: Path, mark: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EXTRACTOR_BASE_URL": base_url, "EXTRACTOR_MODEL": "fake-model",
           "EXTRACTOR_TRANSPORT_ATTEMPTS": "5", "EXTRACTOR_TRANSPORT_MAX_SECONDS": "3", "EXTRACTOR_LOG": "off",
           "SOAK_MARK": mark}
    return subprocess.Popen([sys.executable, "-m", "extractor.cli.main", "run", str(inputs), "-o", str(out), *RUN_ARGS],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _alive(mark: str) -> list[int]:
    """Live (not zombie) processes of a run, found by the mark in their environment (Linux /proc)."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes().split(b"\0")
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"SOAK_MARK={mark}".encode() in environ and state not in ("Z", "X"):
            found.append(int(entry))
    return found


def _done_times(store: Path) -> dict[int, float]:
    with sqlite3.connect(store, timeout=30) as db:
        rows = db.execute("SELECT i.item_id, e.updated FROM items i JOIN extractions e ON e.key=i.key "
                          "WHERE e.state='done'").fetchall()
    return {int(item_id[1:]): updated for item_id, updated in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    inputs, out, log = tmp / "articles.jsonl", tmp / "out.jsonl", tmp / "server.log"
    store = tmp / "out.jsonl.run.sqlite"
    inputs.write_text("".join(json.dumps({"id": f"a{i}", "published": "2020-01-29", "text":
                                          f"KABUL, Jan. 29 (Wire) -- Report number {i}. {SENTENCE}"}) + "\n"
                              for i in range(args.articles)), encoding="utf-8")
    server, base_url = _server(tmp, args.seed, log)
    started = time.monotonic()
    gone, late, done_at_kill, runs = [], [], [], []
    try:
        for kill in range(args.kills):
            mark = uuid.uuid4().hex
            proc = _run(base_url, inputs, out, mark)
            time.sleep(rng.uniform(2.0, 10.0))
            proc.send_signal(signal.SIGKILL)
            killed = time.time()
            proc.wait()
            while _alive(mark) and time.time() - killed < 10:
                time.sleep(0.05)
            gone.append(round(time.time() - killed, 2) if not _alive(mark) else None)
            time.sleep(1.0)
            late.append(sum(1 for line in log.read_text().splitlines() if float(line.split("\t")[0]) > killed + 0.5))
            done_at_kill.append(len(_done_times(store)) if store.exists() else 0)
            print(f"kill {kill + 1}: {done_at_kill[-1]} done so far; {late[-1]} requests after it; no process "
                  f"left after {gone[-1]} s", flush=True)
        for final in range(8):
            mark = uuid.uuid4().hex
            proc = _run(base_url, inputs, out, mark)
            _, stderr = proc.communicate()
            runs.append(proc.returncode)
            print(f"final run {final + 1}: exit {proc.returncode}; {stderr.strip().splitlines()[-1][:200]}", flush=True)
            if proc.returncode == 0:
                break
    finally:
        server.kill()
        server.wait()
    wall = time.monotonic() - started
    _report(args, log, store, out, {"done_at_each_kill": done_at_kill, "requests_after_each_kill": late,
                                    "seconds_until_no_process_left": gone}, runs, wall)


def _report(args: argparse.Namespace, log: Path, store: Path, out: Path, kills: dict[str, list], runs: list[int],
            wall: float) -> None:
    requests = [line.split("\t") for line in log.read_text().splitlines() if line]
    done = _done_times(store)
    resent = {int(n) for t, n, _ in requests if n != "-" and int(n) in done and float(t) > done[int(n)]}
    records = [json.loads(line) for line in out.read_text().splitlines()]
    ids = Counter(r["id"] for r in records)
    states = Counter(r["state"] for r in records)
    print(json.dumps({
        "articles": args.articles, "kills": args.kills, "seed": args.seed,
        "requests": len(requests), "requests_per_article": round(len(requests) / args.articles, 2),
        "answers_by_kind": dict(Counter(kind for _, _, kind in requests)),
        **kills,
        "final_runs_exit_codes": runs, "articles_resent_after_stored_done": len(resent),
        "output_each_article_once": sorted(ids) == sorted(f"a{i}" for i in range(args.articles))
        and set(ids.values()) == {1},
        "output_states": dict(states), "wall_seconds": round(wall, 1),
    }, indent=2))


if __name__ == "__main__":
    main()

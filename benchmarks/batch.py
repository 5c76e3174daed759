"""Batch runner benchmarks against the loopback fake server (extractor/testing/server.py, run in its own
process); no model.

Usage: .venv/bin/python benchmarks/batch.py
1. Throughput at concurrency 1, 8, 32, 128 with a fixed 200 ms answer, as a ratio to the ideal
   (concurrency / latency), in one process and with --workers 2. Each level runs 20 "waves"
   (20 x concurrency articles, 4 s at the ideal rate), so that start-up and the last answers'
   coding do not dominate; the ratio times the whole run, start-up included; "sustained" is the
   rate between the 10th and the 90th percentile of completions, without start-up and tail.
   Then a 12,800-article batch at 128 in flight (100 waves, 64 s at the ideal rate).
2. What the machine allows: a bare aiohttp client that does nothing with an answer but burn a
   fixed CPU time, at 128 in flight against the same server. Our client spends about 1.4 ms of
   CPU per answer (HTTP, validation, coding, SQLite), which places it on this scale.
3. A cached re-run of a finished 1,000-article batch: no model calls, articles per second.
4. The deterministic layer's overhead per article (parse, validate, code, serialize), median,
   on a 5 KB article, with the model replaced by a queued reply.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor import Extractor, RunStore, Settings, run_batch  # noqa: E402
from extractor.testing import SAMPLE_ANSWER, SAMPLE_SENTENCE  # noqa: E402

from extractor.testing import FakeBackend
from extractor.runs.inputs import Item  # noqa: E402

SENTENCE, ANSWER = SAMPLE_SENTENCE, SAMPLE_ANSWER
LATENCY = 0.2


def items(n: int, tag: str) -> list[Item]:
    return [Item(id=f"{tag}{i}", text=f"KABUL, Jan. 29 (Wire) -- Report {tag} {i}. {SENTENCE}", published="2020-01-29")
            for i in range(n)]


@contextmanager
def server_process(latency: float, tmp: Path) -> Iterator[str]:
    """The fake server in its own process, so that it does not compete for this interpreter."""
    answer = tmp / "answer.json"
    answer.write_text(json.dumps(ANSWER), encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-m", "extractor.testing.server", "--delay", str(latency), "--answer", str(answer)],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        yield proc.stdout.readline().strip()  # type: ignore[union-attr]
    finally:
        proc.kill()
        proc.wait()


WAVES = 20
LONG_WAVES = 100  # a 12,800-article batch at 128 in flight: what a long run sustains


async def _bare_client(base_url: str, n: int, concurrency: int, burn_ms: float) -> float:
    """Seconds for `n` requests at `concurrency` from a client that only burns `burn_ms` per answer."""
    import aiohttp

    body = {"model": "fake-model", "messages": [{"role": "user", "content": "x" * 3000}]}
    gate = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency + 4)) as session:
        async def one() -> None:
            async with gate:
                async with session.post(base_url + "/chat/completions", json=body) as response:
                    await response.json()
            await asyncio.sleep(0)
            until = time.process_time() + burn_ms / 1000
            while time.process_time() < until:
                pass

        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        return time.perf_counter() - started


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    os.environ["EXTRACTOR_CACHE_DIR"] = str(tmp)
    with server_process(LATENCY, tmp) as base_url:
        extractor = Extractor(Settings.from_env(env={}, base_url=base_url, model="fake-model",
                                                cache_dir=tmp, timeout=60.0))
        # Warm up: imports, connections, the workers' fork server.
        asyncio.run(run_batch(extractor, items(8, "warm-"), RunStore(tmp / "warm.sqlite"), concurrency=4))
        asyncio.run(run_batch(extractor, items(8, "warm2-"), RunStore(tmp / "warm2.sqlite"), concurrency=4, workers=2))
        print(f"throughput, {LATENCY * 1000:.0f} ms per answer, {WAVES} x concurrency articles per level, "
              f"then a {LONG_WAVES * 128:,}-article batch at 128:")
        for concurrency, waves in ((1, WAVES), (8, WAVES), (32, WAVES), (128, WAVES), (128, LONG_WAVES)):
            for workers in (1, 2):
                if workers > concurrency:
                    continue
                n = waves * concurrency
                store = RunStore(tmp / f"c{concurrency}-w{workers}-{n}.sqlite")
                finished: list[float] = []
                report = asyncio.run(run_batch(extractor, items(n, f"c{concurrency}w{workers}n{n}-"), store,
                                               concurrency=concurrency, workers=workers,
                                               on_done=lambda _id, _state: finished.append(time.perf_counter())))
                assert report.summary["done"] == n, report.summary
                rate = n / report.seconds
                ideal = concurrency / LATENCY
                # Sustained: between the 10th and the 90th percentile of completions (no start-up, no tail).
                low, high = finished[n // 10], finished[n * 9 // 10]
                sustained = (n * 9 // 10 - n // 10) / (high - low) if high > low else float("nan")
                print(f"  concurrency {concurrency:>3}, workers {workers}: {n:>5} articles in {report.seconds:6.2f}s = "
                      f"{rate:6.1f}/s; ideal {ideal:6.1f}/s; ratio {rate / ideal:.2f}; sustained {sustained / ideal:.2f}")
        print("what the machine allows: a bare aiohttp client, 128 in flight, burning a fixed CPU time per answer:")
        for burn_ms in (0.0, 0.7, 1.4):
            seconds = asyncio.run(_bare_client(base_url, WAVES * 128, 128, burn_ms))
            print(f"  {burn_ms:.1f} ms per answer: ratio {WAVES * 128 / seconds / (128 / LATENCY):.2f}")
        store = RunStore(tmp / "cached.sqlite")
        batch = items(1000, "k")
        asyncio.run(run_batch(extractor, batch, store, concurrency=128))
        started = time.perf_counter()
        report = asyncio.run(run_batch(extractor, batch, store, concurrency=128))
        seconds = time.perf_counter() - started
        assert report.sent == 0 and report.cached == 1000
        print(f"cached re-run of 1,000 finished articles: {seconds:.2f}s = {1000 / seconds:.0f} articles/s, 0 model calls")

    body = ("Officials said the security situation in the district had worsened in recent weeks. " * 60)[:4900]
    article = f"KABUL, Jan. 29 (Wire) -- {SENTENCE} {body}"
    timings = []
    for _ in range(200):
        ex = Extractor(Settings.from_env(env={}, log="off"), backend=FakeBackend([ANSWER]))
        started = time.perf_counter()
        ex.extract(article, published="2020-01-29").model_dump_json()
        timings.append(time.perf_counter() - started)
    print(f"deterministic layer on a {len(article)}-character article: median {statistics.median(timings) * 1000:.2f} ms, "
          f"p95 {sorted(timings)[189] * 1000:.2f} ms")


if __name__ == "__main__":
    main()

"""Run many articles: bounded concurrency, a SQLite store for resuming, nothing lost.

Every item ends in exactly one state: done (with its result), failed (with the error, its
cause and the attempts), or skipped (bad input, with the reason). Re-running resumes: done
extractions are not sent again, failed ones are retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterable, Iterator, TextIO

from extractor.text.article import as_text, content_hash
from extractor.model.backends import BatchSession
from extractor.model.tokens import estimate_tokens
from extractor.pipeline import Answer, Extractor
from extractor.runs.costs import cost, price_of
from extractor.errors import ExtractionError, InputError
from extractor.records import ExtractionResult
from extractor.runs.inputs import Item
from extractor.runs.store import RunStore, extraction_key

__all__ = ["BatchReport", "Budget", "BudgetReached", "Limits", "RequestGate", "run_batch", "send"]


# Articles in progress per slot at the endpoint: one waiting on the model, one whose answer is
# being validated and coded (benchmarks/batch.py: more adds memory, not throughput).
IN_PROGRESS_PER_SLOT = 2
# Before any answer is in, an article's answer is expected to take this share of max_tokens
# (for --tpm); the run's mean answer replaces it as answers arrive.
EXPECTED_ANSWER_SHARE = 4
# Allocations between collections of the young generation during a run (Python's default: 700);
# 20,000 measured best at 128 in flight (benchmarks/batch.py), see `_fewer_collections`.
YOUNG_COLLECTION_THRESHOLD = 20_000


@dataclass
class BatchReport:
    sent: int = 0
    cached: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    stopped: str | None = None  # why the run stopped before sending everything (a budget), if it did
    cost: float | None = None  # estimated USD spent by this run's calls; None when the model has no price
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass
class Budget:
    """Stop sending new calls once a run has spent this much; what is in flight finishes."""

    max_tokens: int | None = None
    max_cost: float | None = None
    tokens: int = 0
    cost: float = 0.0

    def add(self, tokens: int, cost: float) -> None:
        self.tokens += tokens
        self.cost += cost

    def exceeded(self) -> str | None:
        if self.max_tokens is not None and self.tokens >= self.max_tokens:
            return f"--max-tokens {self.max_tokens} reached ({self.tokens} tokens spent)"
        if self.max_cost is not None and self.cost >= self.max_cost:
            return f"--max-cost {self.max_cost} reached (about ${self.cost:.4f} spent)"
        return None


async def run_batch(
    extractor: Extractor,
    items: Iterable[Item],
    store: RunStore,
    *,
    concurrency: int = 4,
    workers: int = 1,
    rpm: float | None = None,
    tpm: float | None = None,
    budget: Budget | None = None,
    on_done: Callable[[str, str], None] | None = None,
    rate_period: float = 60.0,
) -> BatchReport:
    """Extract every item not already done in `store`; `on_done(item_id, state)` reports progress.
    The store is claimed for the run (`RunStore.claim`): a store another run holds is a ConfigError.

    At most `concurrency` calls wait on the endpoint at once; answers being coded do not hold a
    slot. `workers` > 1 spreads them over that many processes (`extractor.workers`): worth it
    only when the endpoint answers faster than one process codes (hundreds of calls a second).
    `rpm` caps article calls started per minute and `tpm` the tokens they are expected to spend
    (leaky buckets, aiolimiter; `rate_period` is the minute, shorter in tests). A call's expected
    tokens are its prompt's (characters / 4) plus the mean answer seen so far in this run.
    `budget` stops sending new calls once spent, leaving the rest pending for a later run.
    """
    started = time.perf_counter()
    report = BatchReport()
    budget = budget or Budget()
    claimed_here = not store.lock.held
    store.claim()  # one run per store: ConfigError naming the other run's PID
    try:
        with store.transaction():
            scheduled = _schedule(extractor, items, store, report, on_done)
        report.sent = len(scheduled)
        limits = Limits(concurrency=max(1, concurrency), rpm=rpm, tpm=tpm, rate_period=rate_period)
        if workers > 1 and len(scheduled) > 1:
            from extractor.runs.workers import send_in_workers

            report.stopped = await send_in_workers(extractor, scheduled, store.path, limits, workers, budget, on_done)
        else:
            report.stopped = await send(extractor, scheduled, store, limits, budget, on_done)
    finally:
        if claimed_here:
            store.lock.release()
    report.seconds = time.perf_counter() - started
    report.cost = budget.cost if price_of(extractor.backend.model, extractor.settings.prices_path) is not None else None
    report.summary = store.summary()
    return report


@dataclass(frozen=True)
class Limits:
    concurrency: int = 4
    rpm: float | None = None
    tpm: float | None = None
    rate_period: float = 60.0

    def share(self, part: int, parts: int) -> "Limits":
        """One worker's part: the calls in flight split as evenly as they go, the rates equally."""
        concurrency = self.concurrency // parts + (1 if part < self.concurrency % parts else 0)
        return Limits(concurrency=max(1, concurrency), rpm=self.rpm / parts if self.rpm else None,
                      tpm=self.tpm / parts if self.tpm else None, rate_period=self.rate_period)


def _schedule(extractor: Extractor, items: Iterable[Item], store: RunStore, report: BatchReport,
              on_done: Callable[[str, str], None] | None) -> dict[str, Item]:
    """Record every item in the store; return the extractions still to send, by key."""
    model, version = extractor.backend.model, extractor.prompts.version
    scheduled: dict[str, Item] = {}
    for position, item in enumerate(items):
        if item.skip or item.text is None:
            store.put_item(item.id, position, reason=item.skip or "no text")
            _notify(on_done, item.id, "skipped")
            continue
        try:
            text = as_text(item.text, extractor.settings.max_chars)
        except InputError as exc:
            store.put_item(item.id, position, reason=str(exc))
            _notify(on_done, item.id, "skipped")
            continue
        sha256 = content_hash(text)
        key = extraction_key(sha256, model, version)
        store.ensure(key, sha256, model, version)
        store.put_item(item.id, position, key=key, note=item.note)
        if key in scheduled:
            report.duplicates += 1
            _notify(on_done, item.id, "duplicate")
        elif store.state_of(key) == "done":
            report.cached += 1
            _notify(on_done, item.id, "cached")
        else:
            scheduled[key] = item
    return scheduled


class BudgetReached(Exception):
    """Raised instead of sending an article's first request once the run's budget is spent."""


class RequestGate:
    """The endpoint's slots: `concurrency` requests in flight at most; before an article's first
    request the budget is checked, and each answer's tokens are charged as it arrives, before its
    slot is freed (so --max-tokens 400 at --concurrency 1 sends exactly what 400 tokens allow).

    A backend with a `session` passes every request through `request()`; the slot is freed as
    soon as the answer is in, and the request waiting for it is sent before this answer is
    validated and coded: answers arrive in bursts, and working through a burst first would leave
    the endpoint idle (benchmarks/batch.py).
    """

    def __init__(self, concurrency: int, budget: Budget, model: str, default_answer_tokens: int,
                 prices: Path | None = None) -> None:
        self.slots = asyncio.Semaphore(concurrency)
        self.budget, self.model, self.prices = budget, model, prices
        self.answer_tokens, self.answers = float(default_answer_tokens), 0  # the mean answer, for --tpm

    @contextlib.asynccontextmanager
    async def request(self, first: bool) -> AsyncIterator[Callable[[Any], None]]:
        async with self.slots:
            if first and (reason := self.budget.exceeded()):
                raise BudgetReached(reason)
            yield self.charge
        await asyncio.sleep(0)

    def charge(self, usage: Any) -> None:
        if usage is None:
            return
        if usage.completion_tokens:
            self.answers += 1
            self.answer_tokens += (usage.completion_tokens - self.answer_tokens) / self.answers
        self.budget.add(usage.prompt_tokens + usage.completion_tokens,
                        cost(self.model, usage.prompt_tokens, usage.completion_tokens, self.prices) or 0.0)


async def send(extractor: Extractor, scheduled: dict[str, Item], store: RunStore, limits: Limits, budget: Budget,
               on_done: Callable[[str, str], None] | None) -> str | None:
    """Send the scheduled extractions from this process; returns why it stopped early, if it did."""
    from aiolimiter import AsyncLimiter

    gate = RequestGate(limits.concurrency, budget, extractor.backend.model,
                       extractor.settings.max_tokens // EXPECTED_ANSWER_SHARE, extractor.settings.prices_path)
    rpm, tpm = limits.rpm, limits.tpm
    limiter = AsyncLimiter(rpm, limits.rate_period) if rpm else None
    token_limiter = AsyncLimiter(tpm, limits.rate_period) if tpm else None
    overhead = _prompt_overhead(extractor) if tpm else 0
    stopped: list[str] = []

    async def ask(item: Item, session: BatchSession | None) -> Answer:
        if session is not None:  # the backend passes each of its requests through the gate
            return await extractor.aask(item.text or "", published=item.published, source=item.source,
                                        url=item.url, article_id=item.id, session=session)
        async with gate.request(first=True) as charge:  # a backend without one: the whole call holds a slot
            try:
                answer = await extractor.aask(item.text or "", published=item.published, source=item.source,
                                              url=item.url, article_id=item.id)
            except ExtractionError as exc:
                charge(exc.usage)
                raise
            charge(answer.reply.usage)
            return answer

    async def one(key: str, item: Item, session: BatchSession | None) -> None:
        if limiter is not None:
            await limiter.acquire()
        if token_limiter is not None:
            expected = overhead + estimate_tokens(item.text or "") + int(gate.answer_tokens)
            await token_limiter.acquire(min(expected, tpm or expected))
        try:
            result = extractor.code(await ask(item, session))
        except BudgetReached as exc:
            stopped.append(str(exc))
            return  # stays pending: the next run sends it
        except ExtractionError as exc:
            store.failed(key, str(exc), exc.cause, exc.usage, exc.attempts)
            _notify(on_done, item.id, "failed")
            return
        except Exception as exc:  # noqa: BLE001 - one article's surprise must not stop the batch
            store.failed(key, f"{type(exc).__name__}: {exc}", type(exc).__name__, None)
            _notify(on_done, item.id, "failed")
            return
        store.done(key, result.model_dump_json(), result.usage, len(result.incidents))
        _notify(on_done, item.id, "done")

    queue = iter(scheduled.items())

    async def worker(session: BatchSession | None) -> None:
        for key, item in queue:  # one shared iterator: each free worker takes the next article
            await one(key, item, session)

    if not scheduled:
        return None
    log = extractor.log.grouped() if extractor.log is not None else contextlib.nullcontext()
    with _fewer_collections(), log:
        async with extractor.backend.batch_session(limits.concurrency, gate) as session:
            # Articles in progress: one per slot at the endpoint and as many again whose answers wait
            # to be validated and coded; a task each, not one per article of a 100,000-article run.
            tasks = min(len(scheduled), IN_PROGRESS_PER_SLOT * limits.concurrency)
            await asyncio.gather(*(worker(session) for _ in range(tasks)))
    return stopped[0] if stopped else None


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cyclic collector, at its default thresholds, walks the whole heap (the SDKs, the
    coding tables) every few hundred answers of a fast batch, and the event loop waits: about a
    twentieth of the throughput at 128 in flight (benchmarks/batch.py). For the run, what exists
    already is frozen out of the collector's walks and the young generation is collected less
    often; both are restored after."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(thresholds[0], YOUNG_COLLECTION_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _prompt_overhead(extractor: Extractor) -> int:
    """Estimated tokens of a request without its article: prompts, and the schema if sent."""
    return estimate_tokens(json.dumps(extractor.backend.request_body(extractor.prompts.messages(""))))


def _notify(callback: Callable[[str, str], None] | None, item_id: str, state: str) -> None:
    if callback:
        callback(item_id, state)



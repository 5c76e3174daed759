"""One process's sending loop: the extractions a run still has to send, sent from this process.

It exists apart from the runner because two callers share it: `runner.run_batch` sends from the
run's own process, and each worker process of `workers.send_in_workers` runs the same loop on its
share. Keeping it here lets the runner import the workers and the workers import only this.

What holds for every sender: at most `Limits.concurrency` requests wait on the endpoint
(`RequestGate`); `--rpm` and `--tpm` are leaky buckets (aiolimiter); the `Budget` is checked
before an article's first request and charged as each answer arrives; every article ends done or
failed in the run store, except one refused by the spent budget (`BudgetReached`), which stays
pending for a later run.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterator

from extractor.errors import ExtractionError
from extractor.model.backends import BatchSession
from extractor.model.tokens import estimate_tokens
from extractor.pipeline import Answer, Extractor
from extractor.runs.costs import cost
from extractor.runs.inputs import Item
from extractor.runs.store import RunStore

__all__ = ["Budget", "BudgetReached", "Limits", "OnDone", "RequestGate", "notify", "send"]

# Articles in progress per slot at the endpoint: one waiting on the model, one whose answer is
# being validated and coded (benchmarks/batch.py: more adds memory, not throughput).
IN_PROGRESS_PER_SLOT = 2
# Before any answer is in, an article's answer is expected to take this share of max_tokens
# (for --tpm); the run's mean answer replaces it as answers arrive.
EXPECTED_ANSWER_SHARE = 4
# Allocations between collections of the young generation during a run (Python's default: 700);
# 20,000 measured best at 128 in flight (benchmarks/batch.py), see `_fewer_collections`.
YOUNG_COLLECTION_THRESHOLD = 20_000

OnDone = Callable[[str, str], None]
"""Progress callback: (item id, state), state one of done, failed, skipped, cached, duplicate."""


def notify(callback: OnDone | None, item_id: str, state: str) -> None:
    """Report one item's outcome to `callback`, if there is one."""
    if callback:
        callback(item_id, state)


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


@dataclass(frozen=True)
class Limits:
    """How hard one sender may press the endpoint: calls in flight, article calls started and
    tokens expected per `rate_period` seconds (a minute; shorter in tests)."""

    concurrency: int = 4
    rpm: float | None = None
    tpm: float | None = None
    rate_period: float = 60.0

    def share(self, part: int, parts: int) -> "Limits":
        """One worker's part: the calls in flight split as evenly as they go, the rates equally."""
        concurrency = self.concurrency // parts + (1 if part < self.concurrency % parts else 0)
        return Limits(concurrency=max(1, concurrency), rpm=self.rpm / parts if self.rpm else None,
                      tpm=self.tpm / parts if self.tpm else None, rate_period=self.rate_period)


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
               on_done: OnDone | None) -> str | None:
    """Send the scheduled extractions (by extraction key) from this process, each outcome stored
    in `store` as it comes; returns why it stopped early (the budget), if it did."""
    if not scheduled:
        return None
    sender = _Sender(extractor, store, limits, budget, on_done)
    queue = iter(scheduled.items())  # one shared iterator: each free task takes the next article
    log = extractor.log.grouped() if extractor.log is not None else contextlib.nullcontext()
    with _fewer_collections(), log:
        async with extractor.backend.batch_session(limits.concurrency, sender.gate) as session:
            # Articles in progress: one per slot at the endpoint and as many again whose answers wait
            # to be validated and coded; a task each, not one per article of a 100,000-article run.
            tasks = min(len(scheduled), IN_PROGRESS_PER_SLOT * limits.concurrency)
            await asyncio.gather(*(sender.work(queue, session) for _ in range(tasks)))
    return sender.stopped[0] if sender.stopped else None


class _Sender:
    """The state one `send` shares between its tasks: the gate, the rate limiters, the store,
    and the budget's reason to stop once one task has met it."""

    def __init__(self, extractor: Extractor, store: RunStore, limits: Limits, budget: Budget,
                 on_done: OnDone | None) -> None:
        from aiolimiter import AsyncLimiter

        settings = extractor.settings
        self.extractor, self.store, self.on_done = extractor, store, on_done
        self.gate = RequestGate(limits.concurrency, budget, extractor.backend.model,
                                settings.max_tokens // EXPECTED_ANSWER_SHARE, settings.prices_path)
        self.tpm = limits.tpm
        self.calls = AsyncLimiter(limits.rpm, limits.rate_period) if limits.rpm else None
        self.tokens = AsyncLimiter(limits.tpm, limits.rate_period) if limits.tpm else None
        self.overhead = _prompt_overhead(extractor) if limits.tpm else 0
        self.stopped: list[str] = []

    async def work(self, queue: Iterator[tuple[str, Item]], session: BatchSession | None) -> None:
        for key, item in queue:
            await self.one(key, item, session)

    async def one(self, key: str, item: Item, session: BatchSession | None) -> None:
        """Extract one article and store its outcome; one article's surprise never stops the batch."""
        await self.wait_for_rates(item)
        try:
            result = self.extractor.code(await self.ask(item, session))
        except BudgetReached as exc:
            self.stopped.append(str(exc))
            return  # stays pending: the next run sends it
        except ExtractionError as exc:
            self.store.failed(key, str(exc), exc.cause, exc.usage, exc.attempts)
            notify(self.on_done, item.id, "failed")
            return
        except Exception as exc:  # noqa: BLE001 - one article's surprise must not stop the batch
            self.store.failed(key, f"{type(exc).__name__}: {exc}", type(exc).__name__, None)
            notify(self.on_done, item.id, "failed")
            return
        self.store.done(key, result.model_dump_json(), result.usage, len(result.incidents))
        notify(self.on_done, item.id, "done")

    async def wait_for_rates(self, item: Item) -> None:
        """--rpm: one call; --tpm: the prompt's expected tokens plus the mean answer so far."""
        if self.calls is not None:
            await self.calls.acquire()
        if self.tokens is not None:
            expected = self.overhead + estimate_tokens(item.text or "") + int(self.gate.answer_tokens)
            await self.tokens.acquire(min(expected, self.tpm or expected))

    async def ask(self, item: Item, session: BatchSession | None) -> Answer:
        extractor = self.extractor
        if session is not None:  # the backend passes each of its requests through the gate
            return await extractor.aask(item.text or "", published=item.published, source=item.source,
                                        url=item.url, article_id=item.id, session=session)
        async with self.gate.request(first=True) as charge:  # a backend without one: the whole call holds a slot
            try:
                answer = await extractor.aask(item.text or "", published=item.published, source=item.source,
                                              url=item.url, article_id=item.id)
            except ExtractionError as exc:
                charge(exc.usage)
                raise
            charge(answer.reply.usage)
            return answer


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

"""Run many articles: bounded concurrency, a SQLite store for resuming, nothing lost.

Every item ends in exactly one state: done (with its result), failed (with the error, its
cause and the attempts), or skipped (bad input, with the reason). Re-running resumes: done
extractions are not sent again, failed ones are retried.

The runner schedules (records every item, finds what is still to send) and hands the sending to
`runs.sending` in this process, or to `runs.workers` over several.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable

from extractor.errors import InputError
from extractor.pipeline import Extractor
from extractor.runs.costs import price_of
from extractor.runs.inputs import Item, checked
from extractor.runs.sending import Budget, Limits, OnDone, notify, send
from extractor.runs.store import RunStore, extraction_key
from extractor.runs.tally import sent_in_run, stop_advice
from extractor.runs.workers import send_in_workers
from extractor.text.article import as_text, content_hash

__all__ = ["BatchReport", "run_batch"]


@dataclass
class BatchReport:
    """What one `run_batch` did: articles sent, found done already, duplicates of another item."""

    sent: int = 0
    cached: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    stopped: str | None = None  # why the run stopped before sending everything (a budget, a worker died), if it did
    advice: str | None = None  # what to do about what it left pending (extractor.runs.tally.stop_advice)
    cost: float | None = None  # estimated USD spent by this run's calls; None when the model has no price
    summary: dict[str, Any] = field(default_factory=dict)


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
    on_done: OnDone | None = None,
    rate_period: float = 60.0,
) -> BatchReport:
    """Extract every item not already done in `store`; `on_done(item_id, state)` reports progress.
    The store is claimed for the run (`RunStore.claim`): a store another run holds is a ConfigError.

    At most `concurrency` calls wait on the endpoint at once; answers being coded do not hold a
    slot. `workers` > 1 spreads them over that many processes (`runs.workers`): worth it
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
        sending = time.time()
        limits = Limits(concurrency=max(1, concurrency), rpm=rpm, tpm=tpm, rate_period=rate_period)
        if workers > 1 and len(scheduled) > 1:
            report.stopped = await send_in_workers(extractor, scheduled, store.path, limits, workers, budget, on_done)
        else:
            report.stopped = await send(extractor, scheduled, store, limits, budget, on_done)
    finally:
        if claimed_here:
            store.lock.release()
    report.seconds = time.perf_counter() - started
    report.cost = budget.cost if price_of(extractor.backend.model, extractor.settings.prices_path) is not None else None
    report.summary = store.summary()
    report.sent = sent_in_run(store, scheduled, sending)  # what was sent and came back, not what was meant to be
    if report.stopped:
        report.advice = stop_advice(report.summary["pending"], budget.exceeded() is not None)
    return report


def _schedule(extractor: Extractor, items: Iterable[Item], store: RunStore, report: BatchReport,
              on_done: OnDone | None) -> dict[str, Item]:
    """Record every item in the store; return the extractions still to send, by key."""
    model, version = extractor.backend.model, extractor.prompts.version
    scheduled: dict[str, Item] = {}
    for position, item in enumerate(items):
        item = checked(item)  # items made by hand, not read_inputs: bad metadata is a skip, not a call
        if item.skip or item.text is None:
            store.put_item(item.id, position, reason=item.skip or "no text")
            notify(on_done, item.id, "skipped")
            continue
        try:
            text = as_text(item.text, extractor.settings.max_chars)
        except InputError as exc:
            store.put_item(item.id, position, reason=str(exc))
            notify(on_done, item.id, "skipped")
            continue
        sha256 = content_hash(text)
        key = extraction_key(sha256, model, version)
        store.ensure(key, sha256, model, version)
        store.put_item(item.id, position, key=key, note=item.note)
        if key in scheduled:
            report.duplicates += 1
            notify(on_done, item.id, "duplicate")
        elif store.state_of(key) == "done":
            report.cached += 1
            notify(on_done, item.id, "cached")
        else:
            scheduled[key] = item
    return scheduled

"""What a batch run did, counted where it is recorded, and what to do about what it left undone.

"Sent" is the articles whose call this run made and whose outcome (done or failed) it stored in
the run store, not the articles it meant to send: a run stopped by its budget, or one whose
worker died (killed, out of memory), sent fewer, and the rest stay pending. The calls a dead
worker had in flight were made but their answers are lost; the next run sends them again.

Why a run stopped decides what the user should do: a budget (--max-tokens, --max-cost) was
reached, so a higher one continues; a worker died, so the same command sends the rest.
"""

from __future__ import annotations

from typing import Iterable

from extractor.runs.store import RunStore

__all__ = ["sent_in_run", "stop_advice"]


def sent_in_run(store: RunStore, scheduled: Iterable[str], since: float) -> int:
    """How many of the `scheduled` extraction keys got an outcome stored at or after `since`
    (time.time() when the run started sending)."""
    return len(store.settled_since(since).intersection(scheduled))


def stop_advice(pending: int, budget_reached: bool) -> str:
    """What to do after a run stopped early with `pending` items left unsent: raise the budget it
    reached; else (a worker died, and its reason says to run again) only how many are left."""
    if budget_reached:
        return (f"{pending} items pending: run the same command with a higher --max-tokens / --max-cost to "
                "continue (nothing done is sent again)")
    return f"{pending} items pending (nothing done is sent again)"

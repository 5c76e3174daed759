"""A batch over several processes, for endpoints that answer faster than one process can code.

One Python process validates, grounds, codes and stores a few hundred answers a second; vLLM on
a GPU or a hosted API at 100+ calls in flight answers faster than that, and then the process's
event loop, busy coding, is late to read the answers and to send the calls that take their
slots. `send_in_workers` splits the extractions still to send round-robin over worker
processes, each running the same sender as a one-process batch (`sending.send`) with its share of
the calls in flight and of the rate limits, each writing its outcomes to the run store itself
(SQLite in WAL mode: writers take turns, each commit small). Shared between the workers: the
budget (tokens and cost spent, so --max-tokens / --max-cost hold for the run), the 429 pause (a
Retry-After seen by one holds back all), and progress, relayed to the parent in small batches.

Workers come from a fork server that has already imported the extractor and warmed its tables
(`runs.preload`), so a worker starts in milliseconds after the first. A worker that dies
leaves its unsent extractions pending: the next run sends them, and the run says so.

Workers never outlive the run (`_die_with_parent`): each holds the read end of a pipe whose
only writer is the run's process, and a thread waiting on it ends the worker the moment the
run's process is gone, however it went (SIGKILL included); on Linux PR_SET_PDEATHSIG also ends
it with its fork server. Orphans would go on sending, and a second run would send their
articles again. A run interrupted (Ctrl-C, SIGINT or SIGTERM to its process alone) passes the
interrupt on to its workers, as Ctrl-C to the process group does, and waits for them briefly;
an interrupt while the workers are still starting starts no more, and a worker made after it
(or while the fork server ignored SIGINT) sees the shared `halt` flag and sends nothing.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

from extractor.errors import ConfigError
from extractor.model.backends import InstructorBackend
from extractor.model.transport import MAX_PAUSE, SharedBackoff
from extractor.pipeline import Extractor
from extractor.runs.inputs import Item
from extractor.runs.sending import Budget, Limits, OnDone, send
from extractor.runs.store import RunStore

__all__ = ["send_in_workers"]

_FINISHED = "\0finished"


def _context() -> Any:
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows: each worker imports all
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extractor.runs.preload"])
    return context


class _SharedBudget(Budget):
    """The run's budget, its spending in shared memory: every worker sees the run's total."""

    def __init__(self, max_tokens: int | None, max_cost: float | None, spent: Any) -> None:
        super().__init__(max_tokens, max_cost)
        self.spent = spent

    def add(self, tokens: int, cost: float) -> None:
        with self.spent.get_lock():
            self.spent[0] += tokens
            self.spent[1] += cost

    def exceeded(self) -> str | None:
        self.tokens, self.cost = int(self.spent[0]), float(self.spent[1])
        return super().exceeded()


class _SharedBackoff(SharedBackoff):
    """The 429 pause in shared memory (time.monotonic is one clock for all processes)."""

    def __init__(self, until: Any, cap: float = MAX_PAUSE) -> None:
        self._until = until
        self.cap = cap

    @property  # type: ignore[override]
    def until(self) -> float:
        return float(self._until.value)

    @until.setter
    def until(self, value: float) -> None:
        self._until.value = value


class _Progress:
    """Progress events, sent to the parent a batch at a time: one message per answer would cost
    the worker a lock and a pickle each, at hundreds a second."""

    def __init__(self, events: Any, every: float = 0.1) -> None:
        self.events, self.every, self.pending, self.last = events, every, [], time.monotonic()

    def __call__(self, item_id: str, state: str) -> None:
        self.pending.append((item_id, state))
        if time.monotonic() - self.last >= self.every:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.events.put(("progress", self.pending))
            self.pending = []
        self.last = time.monotonic()


def _die_with_parent(lifeline: Any) -> None:
    """End this worker when the run's process is gone: `lifeline` is the read end of a pipe whose
    only writer is that process, so it reads EOF as the process dies, however it dies. Linux
    also gets PR_SET_PDEATHSIG (the fork server's death, which follows the run's, sends SIGKILL)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the pipe still holds
            pass

    def watch() -> None:
        try:
            lifeline.recv_bytes()
        except (EOFError, OSError):
            pass
        os.kill(os.getpid(), signal.SIGKILL)  # no clean-up: in-flight calls are lost, as the run's are

    threading.Thread(target=watch, name="extractor-lifeline", daemon=True).start()


def _forward_warnings(events: Any) -> None:
    """Send this worker's warnings to the run's process, which says each once (`_relay`): the
    exchange log's "cannot be written" would otherwise be printed once per worker."""
    def show(message: Any, category: type[Warning], *_: Any, **__: Any) -> None:
        events.put(("warning", (category, str(message))))

    warnings.showwarning = show


def _check_halt(halt: Any) -> None:
    """KeyboardInterrupt if the run was interrupted before this worker could hear it: a SIGINT
    that lands while the fork server is still making the worker (SIGINT ignored there) is lost,
    so the run sets `halt` first and each worker looks at it before it sends anything."""
    if halt is not None and halt.value:
        raise KeyboardInterrupt


def _worker(settings: Any, prompts: Any, shard: list[tuple[str, Item]], store_path: str, limits: Limits,
            budget_limits: tuple[int | None, float | None], spent: Any, until: Any, events: Any,
            lifeline: Any = None, halt: Any = None) -> None:
    if lifeline is not None:
        _die_with_parent(lifeline)
    _forward_warnings(events)
    stopped: str | None = None
    error: str | None = None
    progress = _Progress(events)
    try:
        _check_halt(halt)
        extractor = Extractor(settings, prompts=prompts)
        extractor.backend.backoff = _SharedBackoff(until, min(MAX_PAUSE, settings.transport_max_seconds))
        store = RunStore(store_path)
        _check_halt(halt)
        try:
            stopped = asyncio.run(send(extractor, dict(shard), store, limits, _SharedBudget(*budget_limits, spent),
                                       progress))
        finally:
            store.close()
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        error = f"{type(exc).__name__}: {exc}"
    progress.flush()
    events.put((_FINISHED, (stopped, error)))


async def send_in_workers(extractor: Extractor, scheduled: dict[str, Item], store_path: Path, limits: Limits,
                          workers: int, budget: Budget, on_done: OnDone | None) -> str | None:
    """Send `scheduled` from `workers` processes; returns why the run stopped early, if it did."""
    settings = _worker_settings(extractor)
    workers = max(1, min(workers, limits.concurrency, len(scheduled)))
    context = _context()
    spent = context.Array("d", [float(budget.tokens), float(budget.cost)])
    until = context.Value("d", 0.0, lock=False)
    events = context.Queue()
    lifeline, alive = context.Pipe(duplex=False)  # the workers read; only this process writes
    halt = context.Value("b", 0, lock=False)  # set once the run is interrupted (`_check_halt`)
    processes = [
        context.Process(target=_worker, daemon=True, name=f"extractor-worker-{n + 1}", args=(
            settings, extractor.prompts, shard, str(store_path), limits.share(n, workers),
            (budget.max_tokens, budget.max_cost), spent, until, events, lifeline, halt))
        for n, shard in enumerate(_shards(scheduled, workers))
    ]
    stop = _Stop(halt)
    try:
        outcome = await asyncio.get_running_loop().run_in_executor(None, _follow, processes, events, on_done, stop,
                                                                   (lifeline, alive))
    except BaseException:  # Ctrl-C or SIGTERM to this process: stop the workers as Ctrl-C to the group would
        stop.set()
        _interrupt(processes)
        raise
    budget.tokens, budget.cost = int(spent[0]), float(spent[1])
    return outcome


class _Stop(threading.Event):
    """The run's interrupt, seen by `_follow` (this process) and by each worker (`halt`)."""

    def __init__(self, halt: Any) -> None:
        super().__init__()
        self.halt = halt

    def set(self) -> None:
        self.halt.value = 1
        super().set()


def _worker_settings(extractor: Extractor) -> Any:
    """The settings each worker builds its Extractor from; ConfigError for an Extractor that was
    given its backend (a worker could not rebuild it)."""
    if not isinstance(extractor.backend, InstructorBackend):
        raise ConfigError("workers > 1 needs the built-in model backend (an Extractor built from settings): "
                          "run with one worker")
    settings = extractor.settings
    if extractor.backend.provider == "local":
        # One embedded model server for all workers: started here, its address passed on.
        settings = settings.replace(local_server_url=extractor.backend.endpoint_url())
    if extractor.log is not None and extractor.log.broken:  # this process has said so once: not once per worker
        settings = settings.replace(log="off")
    return settings


def _shards(scheduled: dict[str, Item], workers: int) -> list[list[tuple[str, Item]]]:
    """The extractions dealt round-robin: each worker gets as many as the others, give or take one."""
    shards: list[list[tuple[str, Item]]] = [[] for _ in range(workers)]
    for n, pair in enumerate(scheduled.items()):
        shards[n % workers].append(pair)
    return shards


def _interrupt(processes: list[Any]) -> None:
    for process in processes:
        if process.pid is not None and process.is_alive():
            try:
                os.kill(process.pid, signal.SIGINT)
            except ProcessLookupError:
                pass


def _follow(processes: list[Any], events: Any, on_done: OnDone | None,
            stop: threading.Event | None = None, lifeline: tuple[Any, Any] | None = None) -> str | None:
    """Start the workers and relay their progress until each has finished or died, or `stop` is
    set (the run was interrupted): then the workers get a few seconds to stop, and are killed.
    `lifeline`, the workers' pipe (read end, write end): this process's read end is closed once
    the workers have their copies, its write end last (closing it ends any worker still there)."""
    for process in processes:
        if stop is not None and stop.is_set():
            break  # interrupted while the workers were starting: start no more
        process.start()
        if stop is not None and stop.is_set():  # the interrupt came while this one was starting
            _interrupt([process])
    if lifeline is not None:
        lifeline[0].close()
    running = len(processes)
    reasons: list[str] = []
    warned: set[str] = set()
    try:
        while running and not (stop is not None and stop.is_set()):
            try:
                kind, payload = events.get(timeout=0.1)
            except queue.Empty:
                if not any(p.is_alive() for p in processes) and events.empty():
                    reasons.extend(f"{p.name} exited with code {p.exitcode}; its unsent articles stay pending: run "
                                   "the same command again" for p in processes if p.exitcode)
                    break
                continue
            running -= _relay(kind, payload, on_done, reasons, warned)
    finally:
        _reap(processes, interrupted=stop is not None and stop.is_set())
        if lifeline is not None:
            lifeline[1].close()
    return reasons[0] if reasons else None


def _relay(kind: str, payload: Any, on_done: OnDone | None, reasons: list[str], warned: set[str] | None = None) -> int:
    """Pass one worker event on: progress to `on_done`, a warning to this process's warnings (each
    text once: `warned` holds those said), a worker's end (and why it stopped early, if it did) to
    `reasons`. Returns how many workers this event says have finished (0 or 1)."""
    if kind == "warning":
        category, message = payload
        if warned is None or message not in warned:
            if warned is not None:
                warned.add(message)
            warnings.warn(message, category, stacklevel=2)
        return 0
    if kind == "progress":
        for item_id, state in payload:
            if on_done is not None:
                on_done(item_id, state)
        return 0
    if kind != _FINISHED:
        return 0
    stopped, error = payload
    if error:
        reasons.append(f"a worker failed ({error}); its unsent articles stay pending: run again")
    elif stopped:
        reasons.append(stopped)
    return 1


def _reap(processes: list[Any], interrupted: bool) -> None:
    """Wait for each worker (briefly after an interrupt); kill one still there."""
    for process in processes:
        if process.pid is None:  # never started (the run was interrupted first)
            continue
        process.join(timeout=2 if interrupted else 10)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)

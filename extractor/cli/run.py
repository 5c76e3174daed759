"""`extractor run` (a batch into one output file, resumable through its run store) and
`extractor status` (what a run store holds).

`run` checks everything it can before the first request (format, settings, price for
--max-cost, the store and the output path: exit 2), runs under a progress bar with SIGTERM
taken as Ctrl-C (exit 130, what is done written), writes the output whole, and exits 1 when
something failed or could not be read, 3 when a budget or a dead worker stopped it.
"""

from __future__ import annotations

import asyncio
import json
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

import typer

from extractor.cli.options import (
    API_KEY, BASE_URL, MODEL, PROVIDER, TIMEOUT, build_extractor, check_format, default_store, fail, open_store,
)
from extractor.errors import ExtractorError
from extractor.pipeline import Extractor
from extractor.runs.inputs import Item
from extractor.runs.runner import BatchReport
from extractor.runs.store import RunStore

__all__ = ["run", "status"]


def run(
    inputs: list[Path] = typer.Argument(..., help="A folder of .txt files, .txt files, .jsonl or .csv files with a text column."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the results (written whole or not at all)."),
    out_format: str = typer.Option("jsonl", "--format", help="jsonl: one line per input item, in input order, with its state; acled / ucdp: a CSV of the incidents, one row each, shaped like those datasets; parquet: the ACLED-shaped rows as Parquet (extra `parquet`)."),
    store: Optional[Path] = typer.Option(None, "--store", help="SQLite run store (default: OUTPUT.run.sqlite). Re-running with the same store resumes."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, help="Model calls in flight at once (waiting on the endpoint; answers being coded do not hold a slot). At 64+ against a fast endpoint, add --workers 2."),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes sharing the calls in flight (and --rpm/--tpm, split evenly). Worth raising only when the endpoint answers hundreds of calls a second (vLLM on a GPU, a hosted API at --concurrency 100+) and cores are free: one process validates and codes 500-600 answers/s. No use with the embedded local model."),
    rpm: Optional[float] = typer.Option(None, "--rpm", min=0.1, help="At most this many article calls started per minute (re-asks not counted)."),
    tpm: Optional[float] = typer.Option(None, "--tpm", min=1, help="At most this many tokens per minute (each call counted at its prompt's size plus the mean answer so far)."),
    max_tokens: Optional[int] = typer.Option(None, "--max-tokens", min=1, help="Stop sending new calls once this run has spent this many tokens; the rest stays pending."),
    max_cost: Optional[float] = typer.Option(None, "--max-cost", min=0.0, help="Stop once the estimated cost (USD, price table: EXTRACTOR_PRICES) reaches this."),
    text_column: str = typer.Option("text", "--text-column", help="JSONL/CSV column holding the article text."),
    id_column: str = typer.Option("id", "--id-column", help="JSONL/CSV column holding the article id ('published', 'source', 'url' are taken when present)."),
    model: Optional[str] = MODEL,
    base_url: Optional[str] = BASE_URL,
    provider: Optional[str] = PROVIDER,
    timeout: Optional[float] = TIMEOUT,
    api_key: Optional[str] = API_KEY,
) -> None:
    """Extract a batch. Every item ends done, failed (with the cause) or skipped (with the reason);
    re-running the same command sends only what is not done yet. Exits 1 if any item failed or an
    input file could not be read, 2 on bad options, settings, store or output path (checked before
    anything is sent), 3 if a --max-tokens / --max-cost budget (or a worker that died) stopped the
    run, 130 when interrupted (Ctrl-C, SIGINT or SIGTERM)."""
    from extractor.runs.inputs import read_inputs

    check_format(out_format)
    extractor = build_extractor(model, base_url, provider, timeout, api_key)
    _check_price_known(extractor, max_cost)
    run_store = open_store(store or default_store(output), output, inputs)
    try:
        items = list(read_inputs(inputs, text_column=text_column, id_column=id_column))
        _exit_if_nothing_to_do(items, inputs)
        _say_input_notes(items)
        with _sigterm_as_interrupt():
            report = _run_with_progress(extractor, items, run_store, output, out_format, concurrency=concurrency,
                                        workers=workers, rpm=rpm, tpm=tpm, max_tokens=max_tokens, max_cost=max_cost)
        written = _write(run_store, output, out_format)
    finally:
        run_store.close()
    _say_summary(report, written, output, out_format)
    _exit_unless_finished(report, items)


def status(store: Path = typer.Argument(..., help="The run store (OUTPUT.run.sqlite).")) -> None:
    """Show what a run has done, failed, skipped and has pending, with token totals, as JSON."""
    if not store.exists():
        raise fail(f"{store} does not exist: pass the run store written by `extractor run`", 2)
    try:
        run_store = RunStore(store)
    except ExtractorError as exc:
        raise fail(exc, 2) from None
    typer.echo(json.dumps(run_store.summary(), indent=2))
    run_store.close()


def _check_price_known(extractor: Extractor, max_cost: float | None) -> None:
    """--max-cost needs the model's price (`runs.costs`); exit 2 before anything is sent if there is none."""
    from extractor.runs.costs import price_of

    if max_cost is not None and price_of(extractor.backend.model, extractor.settings.prices_path) is None:
        raise fail(f"no price for model {extractor.backend.model!r}, so --max-cost cannot be kept: "
                   "add it to a prices file and set EXTRACTOR_PRICES", 2)


def _run_with_progress(extractor: Extractor, items: list[Item], run_store: RunStore, output: Path, out_format: str,
                       *, max_tokens: int | None, max_cost: float | None, **limits: Any) -> BatchReport:
    """`run_batch` under a progress bar; an interrupt writes what is done and exits 130."""
    from extractor.runs.runner import run_batch
    from extractor.runs.sending import Budget

    with _progress_bar() as progress:
        task = progress.add_task("extracting", total=len(items), failed=0)
        failures = {"n": 0}

        def on_done(_item_id: str, state: str) -> None:
            if state == "failed":
                failures["n"] += 1
            progress.update(task, advance=1, failed=failures["n"])

        try:
            return asyncio.run(run_batch(extractor, items, run_store, on_done=on_done,
                                         budget=Budget(max_tokens=max_tokens, max_cost=max_cost), **limits))
        except ExtractorError as exc:  # settings that only a call can check (an OpenAI key, the local model)
            progress.stop()
            raise fail(exc, 2) from None
        except KeyboardInterrupt:
            progress.stop()
            written = _write(run_store, output, out_format)
            typer.echo(f"interrupted: {written} records written to {output}; run the same command again to finish",
                       err=True)
            raise typer.Exit(130) from None


def _progress_bar() -> Any:
    """Done of total, items a second (or a minute), failures, time spent and left, on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
               _rate_column(), TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn())
    # A 10-minute window for the rate and the ETA: on the local model an article takes a minute.
    return Progress(*columns, console=Console(stderr=True), transient=False, speed_estimate_period=600)


def _rate_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second, or per minute when slower than one a second."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            if not speed:
                return Text("-/s")
            return Text(f"{speed:.1f}/s" if speed >= 1 else f"{speed * 60:.1f}/min")

    return RateColumn()


def _write(run_store: RunStore, output: Path, out_format: str) -> int:
    """Write the output from the store (whole or not at all); a failure exits 2, the store kept."""
    from extractor.outputs.files import write_output

    try:
        return write_output(run_store.records(), output, out_format)
    except (ExtractorError, OSError) as exc:
        raise fail(f"{exc}; the results are safe in the run store {run_store.path}: free space or fix the "
                   "path, then run the same command again (nothing will be sent again)", 2) from None


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM to this process stops the run as Ctrl-C does (what is done is written, workers
    stop, exit 130), instead of ending it where it stands."""
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda *_: signal.raise_signal(signal.SIGINT))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_if_nothing_to_do(items: list[Item], inputs: list[Path]) -> None:
    """Exit 1 before anything is sent or written when the inputs hold no item at all (an empty
    JSONL, an empty folder or one without text files): a run that did nothing is not a success."""
    if not items:
        from extractor.runs.inputs import found_in

        raise fail(f"nothing to do: {found_in(inputs)}. Pass the files that hold the articles "
                   "(.txt/.text, .jsonl/.ndjson, .json, .csv/.tsv) or a folder of .txt files", 1)


def _say_input_notes(items: list[Item]) -> None:
    """One line per input file that could not be read, and a count of renamed ids / guessed encodings."""
    for item in items:
        if item.scope == "file":
            typer.echo(f"skipped: {item.skip}", err=True)
    noted = [item for item in items if item.note]
    if noted:
        typer.echo(f"note: {len(noted)} items have a note in the output (e.g. {noted[0].id}: {noted[0].note})", err=True)


def _say_summary(report: BatchReport, written: int, output: Path, out_format: str) -> None:
    """The run's line on stderr: outcomes, what was sent, tokens (all runs), cost, time, output."""
    summary = report.summary
    cost = "" if report.cost is None else f"; this run about ${report.cost:.4f}"
    typer.echo(
        f"{summary['items']} items: {summary['done']} done, {summary['failed']} failed, {summary['skipped']} skipped "
        f"({report.sent} sent, {report.cached} already done, {report.duplicates} duplicates); "
        f"{summary['incidents']} incidents; tokens {summary['prompt_tokens']} in / {summary['completion_tokens']} out "
        f"(all runs){cost}; "
        f"{report.seconds:.1f}s. Wrote {written} {'records' if out_format == 'jsonl' else 'incident rows'} to {output}.",
        err=True,
    )
    if summary["failures_by_cause"]:
        typer.echo(f"failures by cause: {summary['failures_by_cause']}; run the same command again to retry them", err=True)


def _exit_unless_finished(report: BatchReport, items: list[Item]) -> None:
    """Exit 3 when a budget (or a dead worker) stopped the run, 1 when something failed or was
    left unread; return (exit 0) when everything ended done or skipped for its own reasons."""
    summary = report.summary
    if report.stopped:
        typer.echo(f"stopped: {report.stopped}; {report.advice}", err=True)
        raise typer.Exit(3)
    if summary["failed"] or _unreadable(items, summary):
        raise typer.Exit(1)


def _unreadable(items: list[Item], summary: dict[str, Any]) -> bool:
    """A format problem left something undone: a whole input file unread, or nothing to extract at all."""
    if any(item.scope == "file" for item in items):
        typer.echo("some input files could not be read (see above): fix them and run again", err=True)
        return True
    if items and summary["skipped"] == summary["items"]:
        typer.echo("nothing to extract: every input item was skipped (see the reasons in the output)", err=True)
        return True
    return False

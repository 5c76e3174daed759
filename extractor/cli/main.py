"""Command line: a thin layer over the Python API."""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

from extractor.pipeline import Extractor
from extractor.errors import ExtractionError, ExtractorError, InputError, redact
from extractor.settings import Settings

app = typer.Typer(help="Extract validated, source-grounded conflict incidents from news articles.", no_args_is_help=True)
model_app = typer.Typer(help="The embedded local model's file: where it is, and fetching it.", no_args_is_help=True)
app.add_typer(model_app, name="model")


def _register_batch() -> None:
    from extractor.cli.batch import app as batch_app

    app.add_typer(batch_app, name="batch")

_MODEL = typer.Option(None, "--model", help="Model name (EXTRACTOR_MODEL). Default: the embedded local model.")
_BASE_URL = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (EXTRACTOR_BASE_URL).")
_PROVIDER = typer.Option(None, "--provider", help="auto | local | openai | compatible (EXTRACTOR_PROVIDER). The API key comes from OPENAI_API_KEY.")
_TIMEOUT = typer.Option(None, "--timeout", min=0.1, help="Seconds one request may take before it is retried (EXTRACTOR_TIMEOUT, default 600).")
_API_KEY = typer.Option(None, "--api-key", help="API key for the endpoint (EXTRACTOR_API_KEY or OPENAI_API_KEY); never printed or stored.")


def _settings(model: str | None, base_url: str | None, provider: str | None, timeout: float | None = None,
              api_key: str | None = None) -> Settings:
    return Settings.from_env(model=model, base_url=base_url, provider=provider, timeout=timeout, api_key=api_key)


def _error(message: object, code: int) -> typer.Exit:
    """Print `error: MESSAGE` (credentials stripped) to stderr; the Exit to raise."""
    typer.echo(f"error: {redact(str(message))}", err=True)
    return typer.Exit(code)


@app.command()
def extract(
    files: list[str] = typer.Argument(..., help="Article text files (UTF-8), or - for standard input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD, anchors relative dates when the article has no dateline."),
    indent: Optional[int] = typer.Option(None, "--indent", help="Pretty-print the JSON with this indent (default: one line per article)."),
    pretty: bool = typer.Option(False, "--pretty", help="Print a readable table per article instead of JSON."),
    model: Optional[str] = _MODEL,
    base_url: Optional[str] = _BASE_URL,
    provider: Optional[str] = _PROVIDER,
    timeout: Optional[float] = _TIMEOUT,
    api_key: Optional[str] = _API_KEY,
) -> None:
    """Print each article's result as JSON, one per line. A file that fails gives an error record
    (and exit code 1 at the end); the other files still run."""
    try:
        extractor = Extractor(_settings(model, base_url, provider, timeout, api_key))
        if published:
            dt.date.fromisoformat(published)
    except (ExtractorError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    failed = 0
    for name in files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            result = extractor.extract(data, published=published, article_id=Path(name).stem if name != "-" else "stdin", source=None)
            if pretty:
                _print_table(name, result)
            else:
                typer.echo(result.model_dump_json(indent=indent))
        except (OSError, InputError, ExtractionError) as exc:
            failed += 1
            record = {"file": name, "error": type(exc).__name__, "message": redact(str(exc))}
            if isinstance(exc, ExtractionError):
                record.update(cause=exc.cause, attempts=exc.attempts)
            typer.echo(json.dumps(record, indent=indent))
            typer.echo(f"error: {name}: {redact(str(exc))}", err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
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
    model: Optional[str] = _MODEL,
    base_url: Optional[str] = _BASE_URL,
    provider: Optional[str] = _PROVIDER,
    timeout: Optional[float] = _TIMEOUT,
    api_key: Optional[str] = _API_KEY,
) -> None:
    """Extract a batch. Every item ends done, failed (with the cause) or skipped (with the reason);
    re-running the same command sends only what is not done yet. Exits 1 if any item failed or an
    input file could not be read, 2 on bad options, settings, store or output path (checked before
    anything is sent), 3 if a --max-tokens / --max-cost budget (or a worker that died) stopped the
    run, 130 when interrupted (Ctrl-C, SIGINT or SIGTERM)."""
    from extractor.runs.costs import price_of
    from extractor.runs.inputs import read_inputs
    from extractor.runs.preflight import check_output
    from extractor.runs.store import RunStore

    _check_format(out_format)
    try:
        extractor = Extractor(_settings(model, base_url, provider, timeout, api_key))
    except ExtractorError as exc:
        raise _error(exc, 2) from None
    if max_cost is not None and price_of(extractor.backend.model, extractor.settings.prices_path) is None:
        raise _error(f"no price for model {extractor.backend.model!r}, so --max-cost cannot be kept: "
                     "add it to a prices file and set EXTRACTOR_PRICES", 2)
    try:  # before anything is sent: the store opens, is a run store, is ours alone; the output can be written
        run_store = RunStore(store or output.with_name(output.name + ".run.sqlite"))
        run_store.claim()
        check_output(output)
    except ExtractorError as exc:
        raise _error(exc, 2) from None
    try:
        items = list(read_inputs(inputs, text_column=text_column, id_column=id_column))
        _say_input_notes(items)
        with _sigterm_as_interrupt():
            report = _run_with_progress(extractor, items, run_store, output, out_format, concurrency=concurrency,
                                        workers=workers, rpm=rpm, tpm=tpm, max_tokens=max_tokens, max_cost=max_cost)
        written = _write(run_store, output, out_format)
        summary = report.summary
    finally:
        run_store.close()
    typer.echo(
        f"{summary['items']} items: {summary['done']} done, {summary['failed']} failed, {summary['skipped']} skipped "
        f"({report.sent} sent, {report.cached} already done, {report.duplicates} duplicates); "
        f"{summary['incidents']} incidents; tokens {summary['prompt_tokens']} in / {summary['completion_tokens']} out "
        f"(all runs){_cost_text(report.cost)}; "
        f"{report.seconds:.1f}s. Wrote {written} {'records' if out_format == 'jsonl' else 'incident rows'} to {output}.",
        err=True,
    )
    if summary["failures_by_cause"]:
        typer.echo(f"failures by cause: {summary['failures_by_cause']}; run the same command again to retry them", err=True)
    if report.stopped:
        typer.echo(f"stopped: {report.stopped}; {summary['pending']} items pending. Run again (with a higher limit) to continue.", err=True)
        raise typer.Exit(3)
    if summary["failed"] or _unreadable(items, summary):
        raise typer.Exit(1)


def _run_with_progress(extractor: Extractor, items: list, run_store, output: Path, out_format: str,  # type: ignore[no-untyped-def]
                       *, max_tokens: int | None, max_cost: float | None, **limits):
    """`run_batch` under a progress bar; an interrupt writes what is done and exits 130."""
    import asyncio

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from extractor.runs.runner import Budget, run_batch

    failures = {"n": 0}
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
               _rate_column(), TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn())
    # A 10-minute window for the rate and the ETA: on the local model an article takes a minute.
    with Progress(*columns, console=_stderr_console(), transient=False, speed_estimate_period=600) as progress:
        task = progress.add_task("extracting", total=len(items), failed=0)

        def on_done(_item_id: str, state: str) -> None:
            if state == "failed":
                failures["n"] += 1
            progress.update(task, advance=1, failed=failures["n"])

        try:
            return asyncio.run(run_batch(extractor, items, run_store, on_done=on_done,
                                         budget=Budget(max_tokens=max_tokens, max_cost=max_cost), **limits))
        except ExtractorError as exc:  # settings that only a call can check (an OpenAI key, the local model)
            progress.stop()
            raise _error(exc, 2) from None
        except KeyboardInterrupt:
            progress.stop()
            written = _write(run_store, output, out_format)
            typer.echo(f"interrupted: {written} records written to {output}; run the same command again to finish",
                       err=True)
            raise typer.Exit(130) from None


def _write(run_store, output: Path, out_format: str) -> int:  # type: ignore[no-untyped-def]
    from extractor.outputs.files import write_output

    try:
        return write_output(run_store.records(), output, out_format)
    except (ExtractorError, OSError) as exc:
        raise _error(f"{exc}; the results are safe in the run store {run_store.path}: free space or fix the "
                     "path, then run the same command again (nothing will be sent again)", 2) from None


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM to this process stops the run as Ctrl-C does (what is done is written, workers
    stop, exit 130), instead of ending it where it stands."""
    import signal

    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda *_: signal.raise_signal(signal.SIGINT))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _say_input_notes(items: list) -> None:  # type: ignore[type-arg]
    """One line per input file that could not be read, and a count of renamed ids / guessed encodings."""
    for item in items:
        if item.scope == "file":
            typer.echo(f"skipped: {item.skip}", err=True)
    noted = [item for item in items if item.note]
    if noted:
        typer.echo(f"note: {len(noted)} items have a note in the output (e.g. {noted[0].id}: {noted[0].note})", err=True)


def _unreadable(items: list, summary: dict) -> bool:  # type: ignore[type-arg]
    """A format problem left something undone: a whole input file unread, or nothing to extract at all."""
    if any(item.scope == "file" for item in items):
        typer.echo("some input files could not be read (see above): fix them and run again", err=True)
        return True
    if items and summary["skipped"] == summary["items"]:
        typer.echo("nothing to extract: every input item was skipped (see the reasons in the output)", err=True)
        return True
    return False


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., help="Gold set: a folder of ID.json annotations beside ID.txt articles (fixtures/gold), or a MUC-4 set folder (e.g. ../shared/datasets/muc4/dev)."),
    predictions: Path = typer.Argument(..., help="JSONL predictions: `extractor run` output, ExtractionResult lines, or {id, incidents: [flat incidents]}."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole report (with per-article details) as JSON."),
    details: bool = typer.Option(False, "--details", help="Also list each article's matches and misses."),
) -> None:
    """Score predicted incidents against gold ones: incident precision, recall and F1 (a pair needs
    dates within a day and a shared place name), then field accuracy on the matched pairs."""
    from extractor.evaluation.scoring import FIELDS, evaluate, load_gold, load_predictions

    try:
        if any(gold.glob("key-*")):
            from extractor.evaluation.muc4 import load_muc4

            predicted = load_predictions(predictions)
            articles = load_muc4(gold, ids=sorted(predicted))
        else:
            articles = load_gold(gold)
            predicted = load_predictions(predictions)
    except (OSError, ValueError, KeyError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    report = evaluate(articles, predicted)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(width=120)
    summary = Table(title=f"{report.articles} articles: {report.gold} gold, {report.predicted} predicted, {report.matched} matched")
    for column in ("precision", "recall", "F1", "evidence verbatim"):
        summary.add_column(column)
    summary.add_row(f"{report.precision:.3f}", f"{report.recall:.3f}", f"{report.f1:.3f}",
                    "-" if report.evidence_verbatim is None else f"{report.evidence_verbatim:.3f}")
    console.print(summary)
    fields = Table(title="field accuracy on matched pairs")
    for name in FIELDS:
        fields.add_column(name)
    fields.add_row(*("-" if report.field_accuracy[f] is None else f"{report.field_accuracy[f]:.2f}" for f in FIELDS))
    console.print(fields)
    if report.missing_predictions:
        typer.echo(f"no prediction for {len(report.missing_predictions)} article(s): {', '.join(report.missing_predictions)}")
    if details:
        for a in report.details:
            wrong = sorted({k for p in a.pairs for k, ok in p["fields"].items() if not ok})
            typer.echo(f"{a.id}: gold {a.gold}, predicted {a.predicted}, matched {a.matched}"
                       f"{'; missed gold ' + str(a.unmatched_gold) if a.unmatched_gold else ''}"
                       f"{'; extra predicted ' + str(a.unmatched_predicted) if a.unmatched_predicted else ''}"
                       f"{'; wrong: ' + ', '.join(wrong) if wrong else ''}")


@app.command()
def report(
    results: Path = typer.Argument(..., help="Results JSONL: `extractor run` output or ExtractionResult lines (`extractor extract`)."),
    output: Path = typer.Option(..., "-o", "--output", help="The HTML file to write (one self-contained file)."),
    articles: list[Path] = typer.Option([], "--articles", help="The articles the results came from (folder, .txt, .jsonl, .csv, as given to `run`), to show the text with its evidence highlighted. Repeatable."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="A gold folder (fixtures/gold): mark each incident as matching gold or not, and list the gold incidents missed. Its articles' texts are used too."),
    text_column: str = typer.Option("text", "--text-column", help="JSONL/CSV column holding the article text."),
    id_column: str = typer.Option("id", "--id-column", help="JSONL/CSV column holding the article id."),
) -> None:
    """Write an HTML review page: each article's text with the evidence highlighted, beside its
    incident cards (date, place, type, actors, claims, fatality ranges, warnings). Click a card to
    highlight its evidence; filter by event type and country."""
    from extractor.text.article import content_hash
    from extractor.outputs.files import write_text_atomic
    from extractor.evaluation.scoring import load_gold
    from extractor.runs.inputs import read_inputs
    from extractor.records import ExtractionResult
    from extractor.evaluation.review import ReviewArticle, render_report

    try:
        texts = {i.id: i.text for i in read_inputs(articles, text_column=text_column, id_column=id_column) if i.text}
        gold_articles = {a.id: a for a in load_gold(gold)} if gold else {}
        lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    texts.update({k: a.text for k, a in gold_articles.items() if k not in texts})
    items = []
    for record in lines:
        if "state" in record:  # `extractor run` output
            result = ExtractionResult.model_validate(record["result"]) if record.get("result") else None
            error = None if result else f"{record['state']}: {record.get('error') or record.get('reason') or ''}"
            item_id = record["id"]
        else:
            result, error = ExtractionResult.model_validate(record), None
            item_id = result.article.id or result.article.sha256[:12]
        text = texts.get(item_id)
        if text is not None and result is not None and content_hash(text) != result.article.sha256:
            text = None  # not the text these offsets point into
        gold_incidents = gold_articles[item_id].incidents if item_id in gold_articles else None
        items.append(ReviewArticle(id=item_id, text=text, result=result, error=error, gold=gold_incidents))
    write_text_atomic(output, render_report(items, title=f"extractor review: {results.name}"))
    shown = sum(1 for i in items if i.text is not None)
    typer.echo(f"wrote {output}: {len(items)} articles ({shown} with their text), "
               f"{sum(len(i.result.incidents) for i in items if i.result)} incidents", err=True)


def _check_format(out_format: str) -> None:
    from extractor.outputs.files import OUTPUT_FORMATS

    if out_format not in OUTPUT_FORMATS:
        typer.echo(f"error: --format {out_format!r} is not one of {', '.join(OUTPUT_FORMATS)}", err=True)
        raise typer.Exit(2)


def _cost_text(cost: float | None) -> str:
    return "" if cost is None else f"; this run about ${cost:.4f}"


@app.command()
def status(store: Path = typer.Argument(..., help="The run store (OUTPUT.run.sqlite).")) -> None:
    """Show what a run has done, failed, skipped and has pending, with token totals, as JSON."""
    from extractor.runs.store import RunStore

    if not store.exists():
        typer.echo(f"error: {store} does not exist: pass the run store written by `extractor run`", err=True)
        raise typer.Exit(2)
    try:
        run_store = RunStore(store)
    except ExtractorError as exc:
        raise _error(exc, 2) from None
    typer.echo(json.dumps(run_store.summary(), indent=2))
    run_store.close()


def _range(r) -> str:  # type: ignore[no-untyped-def]
    if r is None:
        return ""
    low, high = r.total.low, r.total.high
    return f"{low}" if low == high else f"{low}-{high} (best {r.total.best})"


def _print_table(name: str, result) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{name}: {len(result.incidents)} incident(s), {result.seconds:.0f}s, {result.model}")
    for column in ("date", "where", "type", "who -> whom", "killed", "wounded", "claims", "evidence", "warnings"):
        table.add_column(column)
    for i in result.incidents:
        where = ", ".join(x for x in (i.location.place, i.location.admin2, i.location.admin1, i.location.country) if x)
        kind = f"{i.event_type.value if i.event_type else '?'} / {i.sub_event_type.value if i.sub_event_type else '?'}"
        actors = f"{', '.join(a.canonical for a in i.perpetrators)} -> {', '.join(a.canonical for a in i.targets)}"
        table.add_row(str(i.date.value or f"? ({i.date.text})"), where, kind, actors, _range(i.fatalities),
                      _range(i.injuries), str(len(i.claims)), str(len(i.evidence)), str(len(i.warnings)))
    Console(width=200).print(table)
    if result.rejected:
        typer.echo(f"  not grounded, not returned as fact: {len(result.rejected)} ({result.rejected[0].reason})")


def _rate_column():  # type: ignore[no-untyped-def]
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second, or per minute when slower than one a second."""

        def render(self, task):  # type: ignore[no-untyped-def]
            speed = task.finished_speed or task.speed
            if not speed:
                return Text("-/s")
            return Text(f"{speed:.1f}/s" if speed >= 1 else f"{speed * 60:.1f}/min")

    return RateColumn()


def _stderr_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


@model_app.command("path")
def model_path() -> None:
    """Print the model file the embedded local model would serve (assembling a shipped one if needed)."""
    from extractor.model.local import find_model_file

    try:
        typer.echo(str(find_model_file(Settings.from_env())))
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


@model_app.command("download")
def model_download(
    repo: Optional[str] = typer.Option(None, "--repo", help="Hugging Face repo id (EXTRACTOR_LOCAL_MODEL_REPO)."),
    filename: Optional[str] = typer.Option(None, "--file", help="GGUF file in that repo (EXTRACTOR_LOCAL_MODEL_FILE)."),
) -> None:
    """Download the local model's GGUF file from the Hugging Face hub into its cache."""
    from extractor.model.local import download_model

    try:
        path = download_model(Settings.from_env(local_model_repo=repo, local_model_file=filename))
    except Exception as exc:  # noqa: BLE001 - network and hub errors all end the same way
        typer.echo(f"error: download failed ({type(exc).__name__}: {exc}). Check the repo id and your network, "
                   "or set EXTRACTOR_LOCAL_MODEL to a file you have.", err=True)
        raise typer.Exit(1) from None
    typer.echo(str(path))


_register_batch()

if __name__ == "__main__":  # pragma: no cover
    app()

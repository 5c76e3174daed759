"""`extractor batch ...`: offline batches through the OpenAI Batch API or vLLM's run-batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional

import typer

from extractor.cli.options import PROVIDER, build_extractor, check_format, default_store, fail, open_store
from extractor.errors import ExtractorError
from extractor.runs.batchapi import CollectReport

__all__ = ["app"]

app = typer.Typer(
    help="Offline batches: prepare a requests file (OpenAI Batch API format, also run by vLLM's "
         "run-batch), submit/status/fetch it on the OpenAI Batch API, and collect a results file from "
         "either engine into incidents through the same validation and coding as `extractor run`.",
    no_args_is_help=True,
)

# --model and --base-url say what they are for a batch engine; --provider is the online commands'.
_MODEL = typer.Option(None, "--model", help="Model name (EXTRACTOR_MODEL), e.g. gpt-4o-mini, or the name vLLM serves.")
_BASE_URL = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint (EXTRACTOR_BASE_URL).")


@app.command()
def prepare(
    inputs: list[Path] = typer.Argument(..., help="Articles, as for `extractor run`: a folder of .txt, .txt, .jsonl or .csv files."),
    output: Path = typer.Option(..., "-o", "--output", help="The requests file to write (JSONL, one request per distinct article)."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="Where to keep the items and their texts for `collect` (default: OUTPUT with .manifest.jsonl)."),
    text_column: str = typer.Option("text", "--text-column", help="JSONL/CSV column holding the article text."),
    id_column: str = typer.Option("id", "--id-column", help="JSONL/CSV column holding the article id."),
    model: Optional[str] = _MODEL,
    base_url: Optional[str] = _BASE_URL,
    provider: Optional[str] = PROVIDER,
) -> None:
    """Write the requests for a batch engine. Each body is what `extractor run` would send first for
    that article with the same model and settings; duplicates become one request, bad inputs none."""
    from extractor.runs.batchapi import prepare as prepare_requests
    from extractor.runs.inputs import read_inputs

    from extractor.runs.preflight import check_not_inputs

    extractor = build_extractor(model, base_url, provider)
    manifest = manifest or _manifest_for(output)
    try:
        check_not_inputs(inputs, {"requests file": (output, "-o"), "manifest": (manifest, "--manifest")})
    except ExtractorError as exc:
        raise fail(exc, 2) from None
    try:
        report = prepare_requests(extractor, read_inputs(inputs, text_column=text_column, id_column=id_column), output, manifest)
    except (ExtractorError, OSError) as exc:
        raise fail(exc) from None
    typer.echo(f"{report.items} items: {report.requests} requests written to {output} ({report.duplicates} duplicates, "
               f"{len(report.skipped)} skipped); manifest {manifest}. Model {extractor.backend.model}, "
               f"prompt {extractor.prompts.version}.", err=True)
    for item_id, reason in report.skipped.items():
        typer.echo(f"skipped {item_id}: {reason}", err=True)


def _batch_api(call: Callable[[], dict], failure: str, config_code: int = 2) -> dict:
    """Run one Batch API call; our own errors exit `config_code`, the SDK's exit 1 saying what the API answered."""
    try:
        return call()
    except ExtractorError as exc:
        raise fail(exc, config_code) from None
    except Exception as exc:  # noqa: BLE001 - the SDK's errors all end the same way
        raise fail(f"{failure} ({type(exc).__name__}: {exc})", 1) from None


def _manifest_for(requests: Path) -> Path:
    return requests.with_name(requests.name.removesuffix(".jsonl") + ".manifest.jsonl")


@app.command()
def submit(
    requests: Path = typer.Argument(..., help="The requests file from `extractor batch prepare`."),
    model: Optional[str] = _MODEL,
    base_url: Optional[str] = _BASE_URL,
    provider: Optional[str] = PROVIDER,
) -> None:
    """Upload the requests and start an OpenAI batch (24 h window). Prints the batch as JSON; keep its id."""
    from extractor.runs.batchapi import submit as submit_batch

    extractor = build_extractor(model, base_url, provider)
    batch = _batch_api(lambda: submit_batch(extractor, requests), "the Batch API refused")
    typer.echo(json.dumps(batch, indent=2))
    typer.echo(f"submitted batch {batch['id']}: follow it with `extractor batch status {batch['id']}`", err=True)


@app.command()
def status(
    batch_id: str = typer.Argument(..., help="The batch id `submit` printed."),
    model: Optional[str] = _MODEL,
    base_url: Optional[str] = _BASE_URL,
    provider: Optional[str] = PROVIDER,
) -> None:
    """Show a batch's state and request counts as JSON."""
    from extractor.runs.batchapi import batch_status

    extractor = build_extractor(model, base_url, provider)
    batch = _batch_api(lambda: batch_status(extractor, batch_id), f"could not read batch {batch_id}")
    typer.echo(json.dumps(batch, indent=2))


@app.command()
def fetch(
    batch_id: str = typer.Argument(..., help="The batch id `submit` printed."),
    output: Path = typer.Option(..., "-o", "--output", help="The results file to write (answers and error lines together)."),
    model: Optional[str] = _MODEL,
    base_url: Optional[str] = _BASE_URL,
    provider: Optional[str] = PROVIDER,
) -> None:
    """Download a completed batch's results for `extractor batch collect`."""
    from extractor.runs.batchapi import fetch as fetch_results

    extractor = build_extractor(model, base_url, provider)
    batch = _batch_api(lambda: fetch_results(extractor, batch_id, output), f"could not fetch batch {batch_id}", 1)
    counts = batch.get("request_counts") or {}
    typer.echo(f"wrote {output}: {counts.get('completed', '?')} completed, {counts.get('failed', '?')} failed requests", err=True)


@app.command()
def collect(
    results: Path = typer.Argument(..., help="A results file: OpenAI Batch API output or vLLM run-batch output."),
    manifest: Path = typer.Option(..., "--manifest", help="The manifest `prepare` wrote beside the requests."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the incidents (as `extractor run` does)."),
    out_format: str = typer.Option("jsonl", "--format", help="jsonl | acled | ucdp | parquet, as for `extractor run`."),
    store: Optional[Path] = typer.Option(None, "--store", help="Run store (default: OUTPUT.run.sqlite). `extractor run` with this store re-runs online only what failed or had no result."),
) -> None:
    """Validate and code every answer like an online one. Exits 1 when some failed or had no result:
    run `extractor run INPUT -o OUTPUT --store STORE` with the same model to finish them online."""
    from extractor.outputs.files import write_output
    from extractor.runs.batchapi import collect as collect_results

    check_format(out_format)
    run_store = open_store(store or default_store(output), output, [results, manifest])
    try:
        report = collect_results(results, manifest, run_store)
        written = write_output(run_store.records(), output, out_format)
    except (ExtractorError, OSError, ValueError) as exc:
        raise fail(exc) from None
    finally:
        run_store.close()
    typer.echo(f"{report.done} done, {report.failed} failed {report.failures_by_cause or ''}, {report.skipped} skipped, "
               f"{len(report.no_result)} without a result; wrote {written} to {output}", err=True)
    _say_collect_problems(report)
    if report.failed or report.no_result:
        typer.echo("finish them online: extractor run INPUT... -o OUTPUT --store "
                   f"{store or default_store(output)} --model MODEL", err=True)
        raise typer.Exit(1)


def _say_collect_problems(report: CollectReport) -> None:
    """Lines on stderr for what a results file held besides outcomes: unreadable lines, results of
    no request in this manifest, custom_ids answered more than once."""
    if report.bad_lines:
        typer.echo(f"unreadable result lines: {report.bad_lines[:20]}", err=True)
    if report.unknown:
        typer.echo(f"{report.unknown} results match no request of this manifest (another batch?)", err=True)
    if report.missing_parts:
        typer.echo(f"{len(report.missing_parts)} long articles lack a part's result (collected only whole): "
                   + "; ".join(f"{item}: {', '.join(ids)}" for item, ids in list(report.missing_parts.items())[:20]),
                   err=True)
    if report.duplicates:
        typer.echo(f"{len(report.duplicates)} custom_ids have more than one result line (one outcome kept each, a "
                   f"success over an error): {report.duplicates[:20]}", err=True)

"""Command line: a thin layer over the Python API."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .core import Extractor
from .errors import ExtractionError, ExtractorError, InputError
from .settings import Settings

app = typer.Typer(help="Extract validated, source-grounded conflict incidents from news articles.", no_args_is_help=True)
model_app = typer.Typer(help="The embedded local model's file: where it is, and fetching it.", no_args_is_help=True)
app.add_typer(model_app, name="model")

_MODEL = typer.Option(None, "--model", help="Model name (EXTRACTOR_MODEL). Default: the embedded local model.")
_BASE_URL = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (EXTRACTOR_BASE_URL).")
_PROVIDER = typer.Option(None, "--provider", help="auto | local | openai | compatible (EXTRACTOR_PROVIDER). The API key comes from OPENAI_API_KEY.")


def _settings(model: str | None, base_url: str | None, provider: str | None) -> Settings:
    return Settings.from_env(model=model, base_url=base_url, provider=provider)


@app.command()
def extract(
    files: list[str] = typer.Argument(..., help="Article text files (UTF-8), or - for standard input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD, anchors relative dates when the article has no dateline."),
    indent: Optional[int] = typer.Option(None, "--indent", help="Pretty-print the JSON with this indent (default: one line per article)."),
    model: Optional[str] = _MODEL,
    base_url: Optional[str] = _BASE_URL,
    provider: Optional[str] = _PROVIDER,
) -> None:
    """Print each article's result as JSON, one per line. A file that fails gives an error record
    (and exit code 1 at the end); the other files still run."""
    try:
        extractor = Extractor(_settings(model, base_url, provider))
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
            typer.echo(result.model_dump_json(indent=indent))
        except (OSError, InputError, ExtractionError) as exc:
            failed += 1
            record = {"file": name, "error": type(exc).__name__, "message": str(exc)}
            if isinstance(exc, ExtractionError):
                record.update(cause=exc.cause, attempts=exc.attempts)
            typer.echo(json.dumps(record, indent=indent))
            typer.echo(f"error: {name}: {exc}", err=True)
    if failed:
        raise typer.Exit(1)


@model_app.command("path")
def model_path() -> None:
    """Print the model file the embedded local model would serve (assembling a shipped one if needed)."""
    from .local import find_model_file

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
    from .local import download_model

    try:
        path = download_model(Settings.from_env(local_model_repo=repo, local_model_file=filename))
    except Exception as exc:  # noqa: BLE001 - network and hub errors all end the same way
        typer.echo(f"error: download failed ({type(exc).__name__}: {exc}). Check the repo id and your network, "
                   "or set EXTRACTOR_LOCAL_MODEL to a file you have.", err=True)
        raise typer.Exit(1) from None
    typer.echo(str(path))


if __name__ == "__main__":  # pragma: no cover
    app()

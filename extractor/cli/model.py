"""`extractor model ...`: the embedded local model's file, where it is and fetching it."""

from __future__ import annotations

from typing import Optional

import typer

from extractor.cli.options import fail
from extractor.errors import ExtractorError
from extractor.settings import Settings

__all__ = ["app"]

app = typer.Typer(help="The embedded local model's file: where it is, and fetching it.", no_args_is_help=True)


@app.command("path")
def model_path() -> None:
    """Print the model file the embedded local model would serve (assembling a shipped one if needed)."""
    from extractor.model.local import find_model_file

    try:
        typer.echo(str(find_model_file(Settings.from_env())))
    except ExtractorError as exc:
        raise fail(exc, 1) from None


@app.command("download")
def model_download(
    repo: Optional[str] = typer.Option(None, "--repo", help="Hugging Face repo id (EXTRACTOR_LOCAL_MODEL_REPO)."),
    filename: Optional[str] = typer.Option(None, "--file", help="GGUF file in that repo (EXTRACTOR_LOCAL_MODEL_FILE)."),
) -> None:
    """Download the local model's GGUF file from the Hugging Face hub into its cache."""
    from extractor.model.local import download_model

    try:
        path = download_model(Settings.from_env(local_model_repo=repo, local_model_file=filename))
    except Exception as exc:  # noqa: BLE001 - network and hub errors all end the same way
        raise fail(f"download failed ({type(exc).__name__}: {exc}). Check the repo id and your network, "
                   "or set EXTRACTOR_LOCAL_MODEL to a file you have.", 1) from None
    typer.echo(str(path))

"""What the command groups share: the model options (--model, --base-url, --provider, --timeout,
--api-key), building the Extractor from them, the one way a command fails (`error: ...` on
stderr, credentials stripped, an exit code), the --format check, and the run store: its default
path and opening it for a run (`run`, `batch collect`).

Exit codes (the package's): 0 done, 1 some articles failed, 2 bad input or settings, 3 stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import typer

from extractor.errors import ExtractorError, redact
from extractor.pipeline import Extractor
from extractor.runs.store import RunStore
from extractor.settings import Settings

__all__ = ["API_KEY", "BASE_URL", "MODEL", "PROVIDER", "TIMEOUT", "build_extractor", "check_format",
           "default_store", "fail", "open_store"]

MODEL = typer.Option(None, "--model", help="Model name (EXTRACTOR_MODEL). Default: the embedded local model.")
BASE_URL = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (EXTRACTOR_BASE_URL).")
PROVIDER = typer.Option(None, "--provider", help="auto | local | openai | compatible (EXTRACTOR_PROVIDER). The API key comes from OPENAI_API_KEY.")
TIMEOUT = typer.Option(None, "--timeout", min=0.1, help="Seconds one request may take before it is retried (EXTRACTOR_TIMEOUT, default 600).")
API_KEY = typer.Option(None, "--api-key", help="API key for the endpoint (EXTRACTOR_API_KEY or OPENAI_API_KEY); never printed or stored.")


def fail(message: object, code: int = 2) -> typer.Exit:
    """Print `error: MESSAGE` (credentials stripped) to stderr; the Exit to raise (2: bad input or
    settings, 1: a call or a download that failed)."""
    typer.echo(f"error: {redact(str(message))}", err=True)
    return typer.Exit(code)


def build_extractor(model: str | None, base_url: str | None, provider: str | None, timeout: float | None = None,
                    api_key: str | None = None) -> Extractor:
    """The Extractor for these options (None: the environment's setting, then the default);
    bad settings exit 2 saying what to set."""
    try:
        return Extractor(Settings.from_env(model=model, base_url=base_url, provider=provider, timeout=timeout,
                                           api_key=api_key))
    except ExtractorError as exc:
        raise fail(exc, 2) from None


def check_format(out_format: str) -> None:
    """Exit 2 unless --format names an output format (`outputs.files.OUTPUT_FORMATS`)."""
    from extractor.outputs.files import OUTPUT_FORMATS

    if out_format not in OUTPUT_FORMATS:
        raise fail(f"--format {out_format!r} is not one of {', '.join(OUTPUT_FORMATS)}", 2)


def default_store(output: Path) -> Path:
    """The run store beside an output file when --store is not given: OUTPUT.run.sqlite."""
    return output.with_name(output.name + ".run.sqlite")


def open_store(path: Path, output: Path, inputs: Iterable[Path | str] = ()) -> RunStore:
    """The run store at `path`, claimed for this run, once the output is known writable: all
    checked before anything is sent. An output that is one of the `inputs` or the store (by any
    name), a store that is not one or is another run's, or an output that cannot be written exits 2
    (the store closed again)."""
    from extractor.runs.preflight import check_output, check_paths

    try:
        check_paths(inputs, output, path)
        run_store = RunStore(path)
    except ExtractorError as exc:
        raise fail(exc, 2) from None
    try:
        run_store.claim()
        check_output(output)
    except ExtractorError as exc:
        run_store.close()
        raise fail(exc, 2) from None
    return run_store

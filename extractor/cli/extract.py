"""`extractor extract`: a few articles, each result printed as JSON (or a table) as it comes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from extractor.cli.options import API_KEY, BASE_URL, MODEL, PROVIDER, TIMEOUT, build_extractor, fail
from extractor.text.published import published_date
from extractor.errors import ExtractionError, InputError, redact
from extractor.pipeline import Extractor
from extractor.records import Casualties, ExtractionResult

__all__ = ["extract"]


def extract(
    files: list[str] = typer.Argument(..., help="Article text files (UTF-8), or - for standard input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD, anchors relative dates when the article has no dateline."),
    indent: Optional[int] = typer.Option(None, "--indent", help="Pretty-print the JSON with this indent (default: one line per article)."),
    pretty: bool = typer.Option(False, "--pretty", help="Print a readable table per article instead of JSON."),
    model: Optional[str] = MODEL,
    base_url: Optional[str] = BASE_URL,
    provider: Optional[str] = PROVIDER,
    timeout: Optional[float] = TIMEOUT,
    api_key: Optional[str] = API_KEY,
) -> None:
    """Print each article's result as JSON, one per line. A file that fails gives an error record
    (and exit code 1 at the end); the other files still run."""
    extractor = build_extractor(model, base_url, provider, timeout, api_key)
    if published:
        try:
            published_date(published)  # InputError: not a date, or an ambiguous one ("06/03/2024")
        except ValueError as exc:
            raise fail(exc, 2) from None
    failed = sum(not _extract_one(extractor, name, published, indent, pretty) for name in files)
    if failed:
        raise typer.Exit(1)


def _extract_one(extractor: Extractor, name: str, published: str | None, indent: int | None, pretty: bool) -> bool:
    """Print one file's result, or its error record (stdout) and line (stderr); whether it worked."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        result = extractor.extract(data, published=published, article_id=Path(name).stem if name != "-" else "stdin", source=None)
        if pretty:
            _print_table(name, result)
        else:
            typer.echo(result.model_dump_json(indent=indent))
    except (OSError, InputError, ExtractionError) as exc:
        record: dict[str, Any] = {"file": name, "error": type(exc).__name__, "message": redact(str(exc))}
        if isinstance(exc, ExtractionError):
            record.update(cause=exc.cause, attempts=exc.attempts)
        typer.echo(json.dumps(record, indent=indent))
        typer.echo(f"error: {name}: {redact(str(exc))}", err=True)
        return False
    return True


def _range(r: Casualties | None) -> str:
    """A casualty count as the table shows it: `3`, or `3-5 (best 4)`; empty when none."""
    if r is None:
        return ""
    total = r.total
    return f"{total.low}" if total.low == total.high else f"{total.low}-{total.high} (best {total.best})"


def _print_table(name: str, result: ExtractionResult) -> None:
    """One row per incident: date, place, type, actors, casualties and how much backs it."""
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

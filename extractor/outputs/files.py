"""Output files: one record per article as JSON Lines, ACLED- or UCDP-shaped CSV, Parquet.

Every file is written atomically (beside its target, then renamed over it), so a reader never
sees half a file and a crash mid-write leaves the previous one. The writers take the run's
records (`RunStore.records()`: dicts with `id`, `state` and, when done, `result`), not the
store itself: outputs come after runs in the pipeline and know nothing of SQLite.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Protocol, runtime_checkable

from extractor.errors import ConfigError
from extractor.outputs.rows import ACLED_COLUMNS, UCDP_COLUMNS, acled_row, ucdp_row
from extractor.records import ExtractionResult

__all__ = ["OUTPUT_FORMATS", "write_output", "write_jsonl", "write_csv", "write_parquet", "write_text_atomic", "atomic_file"]

OUTPUT_FORMATS = ("jsonl", "acled", "ucdp", "parquet")

Record = dict[str, Any]


@runtime_checkable
class RecordSource(Protocol):
    """Anything with the run's records in input order (a `RunStore`)."""

    def records(self) -> Iterable[Record]: ...


Records = Iterable[Record] | RecordSource


def _records(source: Records) -> Iterable[Record]:
    return source.records() if isinstance(source, RecordSource) else source

_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_file(path: Path | str, binary: bool = False) -> Iterator[IO[Any]]:
    """A file that appears whole or not at all; a missing parent folder is created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes it private; the output should read like any new file
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path | str, text: str) -> None:
    with atomic_file(path) as out:
        out.write(text)


def _done_results(records: Records) -> Iterator[ExtractionResult]:
    for record in _records(records):
        if record["state"] == "done":
            yield ExtractionResult.model_validate(record["result"])


def write_jsonl(records: Records, path: Path | str) -> int:
    """One line per item, in input order: done with its result, failed with its cause, skipped with its reason."""
    count = 0
    with atomic_file(path) as out:
        for record in _records(records):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_csv(records: Records, path: Path | str, shape: str) -> int:
    """One row per incident of the done items, ACLED- or UCDP-shaped (`shape`: 'acled' or 'ucdp')."""
    columns, row = {"acled": (ACLED_COLUMNS, acled_row), "ucdp": (UCDP_COLUMNS, ucdp_row)}[shape]
    count = 0
    with atomic_file(path) as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for result in _done_results(records):
            for incident in result.incidents:
                writer.writerow(row(incident, result))
                count += 1
    return count


def write_parquet(records: Records, path: Path | str) -> int:
    """The ACLED-shaped incident rows as Parquet (needs the `parquet` extra: pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("Parquet output needs pyarrow: pip install 'extractor[parquet]'") from None
    rows = [acled_row(incident, result) for result in _done_results(records) for incident in result.incidents]
    table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string()) for c in ACLED_COLUMNS})
    with atomic_file(path, binary=True) as out:
        pq.write_table(table, out)
    return len(rows)


def write_output(records: Records, path: Path | str, out_format: str) -> int:
    """jsonl (one record per item), acled / ucdp (CSV of incidents) or parquet (ACLED-shaped incidents).
    Returns the number of lines (jsonl) or incident rows written."""
    if out_format == "jsonl":
        return write_jsonl(records, path)
    if out_format == "parquet":
        return write_parquet(records, path)
    if out_format in ("acled", "ucdp"):
        return write_csv(records, path, out_format)
    raise ConfigError(f"output format {out_format!r} is not one of {', '.join(OUTPUT_FORMATS)}")

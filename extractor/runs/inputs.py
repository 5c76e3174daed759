"""Batch inputs: a folder of .txt files, .txt files, JSONL or CSV with a text column.

A .txt file may have a `NAME.json` beside it whose `published`, `source` and `url` are taken
(so a gold folder, whose annotations carry the publication date, reads as a batch input).

Reading never stops at a bad record: a file that is not UTF-8, a malformed JSONL line or a
CSV row without text becomes an item with a skip reason, and the rest is read.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

__all__ = ["Item", "read_inputs"]


@dataclass(frozen=True)
class Item:
    id: str
    text: str | None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    skip: str | None = None  # why this item cannot be extracted; None when it can


def _decode(raw: bytes, where: str) -> tuple[str | None, str | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"{where} is not UTF-8 text (byte {exc.start})"


def _from_record(record: dict, where: str, text_column: str, id_column: str) -> Item:
    item_id = str(record.get(id_column) or where)
    text = record.get(text_column)
    if not isinstance(text, str):
        return Item(id=item_id, text=None, skip=f"{where} has no text in column {text_column!r}")
    get = lambda k: (str(record[k]) if record.get(k) not in (None, "") else None)  # noqa: E731
    return Item(id=item_id, text=text, published=get("published"), source=get("source"), url=get("url"))


def read_inputs(paths: list[Path], *, text_column: str = "text", id_column: str = "id") -> Iterator[Item]:
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.glob("*.txt")):
                yield from read_inputs([child], text_column=text_column, id_column=id_column)
        elif not path.exists():
            yield Item(id=str(path), text=None, skip=f"{path} does not exist")
        elif path.suffix == ".jsonl":
            yield from _jsonl(path, text_column, id_column)
        elif path.suffix == ".csv":
            yield from _csv(path, text_column, id_column)
        else:
            text, error = _decode(path.read_bytes(), str(path))
            meta = _sidecar(path)
            yield Item(id=path.stem, text=text, skip=error, published=meta.get("published"),
                       source=meta.get("source"), url=meta.get("url"))


def _sidecar(path: Path) -> dict[str, str]:
    """`published`, `source`, `url` from NAME.json beside NAME.txt, when it is there and readable."""
    beside = path.with_suffix(".json")
    if not beside.is_file():
        return {}
    try:
        data = json.loads(beside.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data[k]) for k in ("published", "source", "url") if isinstance(data.get(k), (str, int))}


def _jsonl(path: Path, text_column: str, id_column: str) -> Iterator[Item]:
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, 1):
            where = f"{path.name}:{lineno}"
            line, error = _decode(raw, where)
            if error:
                yield Item(id=where, text=None, skip=error)
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Item(id=where, text=None, skip=f"{where} is not valid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                yield Item(id=where, text=None, skip=f"{where} is not a JSON object")
                continue
            yield _from_record(record, where, text_column, id_column)


def _csv(path: Path, text_column: str, id_column: str) -> Iterator[Item]:
    text, error = _decode(path.read_bytes(), str(path))
    if error or text is None:
        yield Item(id=str(path), text=None, skip=error)
        return
    csv.field_size_limit(1 << 26)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or text_column not in reader.fieldnames:
        yield Item(id=str(path), text=None, skip=f"{path} has no column {text_column!r} (columns: {reader.fieldnames})")
        return
    for rowno, row in enumerate(reader, 2):
        where = f"{path.name}:{rowno}"
        if None in row:  # more cells than the header has names
            yield Item(id=str(row.get(id_column) or where), text=None, skip=f"{where} has more cells than the header")
            continue
        yield _from_record(row, where, text_column, id_column)

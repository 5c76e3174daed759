"""Batch inputs: a folder of text files, text files, JSONL, a JSON array, CSV or TSV with a text column.

The kind of a file is its extension, whatever its case (`_KINDS`): `.jsonl`/`.ndjson` are JSON
Lines, `.csv`, `.tsv` (tab-separated), `.json` an array of objects (anything else in it is
refused with the reason), and any other file one article's text. A folder stands for its
`.txt`/`.text` files (any case); a folder inside it is not read but reported as a skipped item,
so that nothing in it is silently left out.

A .txt file may have a `NAME.json` beside it whose `published`, `source` and `url` are taken
(so a gold folder, whose annotations carry the publication date, reads as a batch input).

Reading never stops at a bad record: a file that is not text, a malformed JSONL line, a CSV
row without text or a `published` that is not a date naming one day (`checked`) becomes an item
with a skip reason, and the rest is read. Files come as
people's tools write them (`extractor.runs.decoding`): a UTF-8 byte-order mark is dropped, a
CSV's rows may end in CRLF, LF or a lone CR (Excel's "CSV (Macintosh)"), a space may follow
each delimiter (`"ID", "Text"`), a header-only CSV is one file-scope skip (nothing to do), its delimiter is sniffed (or taken from the `sep=;` first line Excel writes and reads), a
legacy-encoded CSV (Windows-1252 and the like) is decoded with a note, and a PDF, archive or other
binary file is skipped with a reason before any model call. Column names (a CSV header's, a JSON
line's keys) are matched without regard to case or surrounding spaces: "Text" is the text column.
An item whose whole file could not be read has `scope="file"`: the runner's exit code says so.

Ids are unique within a run (`unique_ids`): a repeated id is renamed `ID#2`, `ID#3`, ... (never
a name another input item has) with a note, so that no item's output line (or paid answer) is
lost to another with the same id.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Literal

from extractor.errors import InputError
from extractor.runs.decoding import decode_csv, decode_text, legacy_row, not_text
from extractor.text.published import published_date

__all__ = ["TEXT_SUFFIXES", "Item", "checked", "found_in", "input_files", "kind_of", "read_inputs", "unique_ids"]


@dataclass(frozen=True)
class Item:
    id: str
    text: str | None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    skip: str | None = None  # why this item cannot be extracted; None when it can
    note: str | None = None  # something the user should know about a readable item (a renamed id, a guessed encoding)
    scope: Literal["item", "file"] = "item"  # "file": the whole input file could not be read


def read_inputs(paths: list[Path], *, text_column: str = "text", id_column: str = "id") -> Iterator[Item]:
    """Every item of every input, in order, with unique ids and checked metadata (`checked`)."""
    return unique_ids(checked(item) for item in _read(paths, text_column, id_column))


def checked(item: Item) -> Item:
    """`item` with its `published` as ISO 8601, or skipped with the reason when that is not a date
    naming one day ("06/03/2024" names two: `extractor.text.published`). Bad metadata is found
    here, before anything is sent; the model call would only fail on it, and be counted as sent."""
    if item.skip or item.published is None:
        return item
    try:
        day = published_date(item.published)
    except InputError as exc:
        return replace(item, skip=f"{item.id}: {exc}")
    return replace(item, published=day.isoformat())


def unique_ids(items: Iterable[Item]) -> Iterator[Item]:
    """Rename each repeated id to ID#n, the first n that names no other input item (a user's own
    "x#2" keeps its name), saying so in the item's note. Two input items with one id would
    otherwise share one output line: one paid answer would be lost. Reads all items first."""
    items = list(items)
    taken = {item.id for item in items}
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            n = 2
            while f"{item.id}#{n}" in taken:
                n += 1
            renamed = f"{item.id}#{n}"
            taken.add(renamed)
            note = f"id {item.id!r} was already used by an earlier input item: renamed {renamed!r}"
            item = replace(item, id=renamed, note=f"{note}; {item.note}" if item.note else note)
        seen.add(item.id)
        yield item


_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".json": "json"}
TEXT_SUFFIXES = (".txt", ".text")  # the files a folder stands for, whatever their case


def kind_of(path: Path) -> str:
    """"jsonl", "csv", "tsv", "json" or "text": how `path` is read, by its extension in any case."""
    return _KINDS.get(path.suffix.lower(), "text")


def input_files(paths: list[Path]) -> list[Path]:
    """The files `paths` name, in reading order: a folder stands for its text files by name
    (`TEXT_SUFFIXES`, any case); its subfolders are not files (`_subfolders` reports them)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()))
        else:
            files.append(path)
    return files


def found_in(paths: list[Path]) -> str:
    """What `paths` hold, for a run that found no article in them: each path with why it gave
    none ("x.jsonl is empty", "folder in/ has no .txt or .text file (it holds notes.md)")."""
    said = []
    for path in map(Path, paths):
        if path.is_dir():
            others = sorted(p.name for p in path.iterdir() if not p.name.startswith("."))
            held = f" (it holds {', '.join(others[:5])}{' ...' if len(others) > 5 else ''})" if others else " (it is empty)"
            said.append(f"folder {path} has no {' or '.join(TEXT_SUFFIXES)} file{held}")
        elif path.is_file() and not path.read_bytes().strip():
            said.append(f"{path} is empty" if path.stat().st_size == 0 else f"{path} holds only blank lines")
        else:
            said.append(f"{path} holds no article")
    return "; ".join(said)


def _subfolders(paths: list[Path]) -> Iterator[Item]:
    """A skipped item for each (not hidden) folder inside an input folder: it is not read, and says so."""
    for path in map(Path, paths):
        if path.is_dir():
            for sub in sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")):
                yield Item(id=str(sub), text=None, skip=f"{sub} is a folder inside the input folder {path}: "
                                                        "its files were not read; pass it as an input to read them")


def _read(paths: list[Path], text_column: str, id_column: str) -> Iterator[Item]:
    for path in input_files(paths):
        if not path.exists():
            yield Item(id=str(path), text=None, skip=f"{path} does not exist", scope="file")
            continue
        kind = kind_of(path)
        if kind == "jsonl":
            yield from _jsonl(path, text_column, id_column)
        elif kind in ("csv", "tsv"):
            yield from _csv(path, text_column, id_column, "\t" if kind == "tsv" else None)
        elif kind == "json":
            yield from _json_array(path, text_column, id_column)
        else:
            yield _text_file(path)
    yield from _subfolders(paths)


def _json_array(path: Path, text_column: str, id_column: str) -> Iterator[Item]:
    """Each object of a JSON array as an item; a file that is not an array is one file-scope skip."""
    raw = path.read_bytes()
    data, what = None, not_text(raw[:8192])
    if not what:
        try:
            data = json.loads(raw.decode("utf-8-sig"))
            what = f"a JSON {type(data).__name__.replace('dict', 'object')}"
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            what = f"not valid UTF-8 JSON ({exc}; one object a line is JSON Lines: name it .jsonl)"
    if not isinstance(data, list):
        yield Item(id=str(path), text=None, scope="file",
                   skip=f"{path} is {what}, not a JSON array of articles: write [{{\"id\": ..., \"text\": ...}}, ...] "
                        "or JSON Lines (.jsonl)")
        return
    for n, record in enumerate(data):
        where = f"{path.name}[{n}]"
        if isinstance(record, dict):
            yield _from_record(record, where, text_column, id_column)
        else:
            yield Item(id=where, text=None, skip=f"{where} is not a JSON object")


def _text_file(path: Path) -> Item:
    raw = path.read_bytes()
    text, error = decode_text(raw, str(path))
    meta = _sidecar(path)
    return Item(id=path.stem, text=text, skip=error, published=meta.get("published"), source=meta.get("source"),
                url=meta.get("url"))


def _sidecar(path: Path) -> dict[str, str]:
    """`published`, `source`, `url` from NAME.json beside NAME.txt, when it is there and readable."""
    beside = path.with_suffix(".json")
    if not beside.is_file():
        return {}
    try:
        data = json.loads(beside.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data[k]) for k in ("published", "source", "url") if isinstance(data.get(k), (str, int))}


_FIELDS = ("published", "source", "url")


def _as_asked(names: Iterable[str], text_column: str, id_column: str) -> dict[str, str]:
    """Each column name that differs from one asked for only in case or surrounding spaces ("Text",
    " ID "), mapped to the name asked for; a name written exactly as asked is never displaced."""
    names = list(names)
    exact = set(names)
    mapping = {}
    for asked in (text_column, id_column, *_FIELDS):
        if asked in exact:
            continue
        same = [n for n in names if n.strip().casefold() == asked.strip().casefold()]
        if same:
            mapping[same[0]] = asked
    return mapping


def _from_record(record: dict, where: str, text_column: str, id_column: str, note: str | None = None) -> Item:
    renamed = _as_asked([k for k in record if isinstance(k, str)], text_column, id_column)
    record = {renamed.get(k, k): v for k, v in record.items()} if renamed else record
    item_id = str(record.get(id_column) or where)
    text = record.get(text_column)
    if not isinstance(text, str):
        return Item(id=item_id, text=None, skip=f"{where} has no text in column {text_column!r}")
    get = lambda k: (str(record[k]) if record.get(k) not in (None, "") else None)  # noqa: E731
    return Item(id=item_id, text=text, published=get("published"), source=get("source"), url=get("url"), note=note)


def _jsonl(path: Path, text_column: str, id_column: str) -> Iterator[Item]:
    with path.open("rb") as handle:
        kind = not_text(handle.read(8192))
        if kind:
            yield Item(id=str(path), text=None, skip=f"{path} is {kind}, not JSON Lines", scope="file")
            return
        handle.seek(0)
        for lineno, raw in enumerate(handle, 1):
            where = f"{path.name}:{lineno}"
            try:  # JSON text is UTF-8 (RFC 8259); a byte-order mark before the first line is dropped
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield Item(id=where, text=None, skip=f"{where} is not UTF-8 text (byte {exc.start})")
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


def _csv(path: Path, text_column: str, id_column: str, delimiter: str | None = None) -> Iterator[Item]:
    """Every row of a CSV file as an item (`delimiter` None: sniffed; a tab for .tsv). A file that cannot be parsed as CSV, that has no text
    column or that has a header and no rows becomes one `scope="file"` item (the run exits 1)."""
    decoded = decode_csv(path.read_bytes(), str(path))
    if decoded.error is not None:
        yield Item(id=str(path), text=None, skip=decoded.error, scope="file")
        return
    csv.field_size_limit(1 << 26)
    text, declared = _excel_separator(decoded.text)
    try:
        yield from _csv_rows(path, text, declared, text_column, id_column, decoded.note, delimiter)
    except csv.Error as exc:  # what the csv module cannot read at all: this file alone is skipped
        yield Item(id=str(path), text=None, scope="file",
                   skip=f"{path} could not be read as CSV ({exc}): save it as CSV (UTF-8)")


def _csv_rows(path: Path, text: str, declared: str | None, text_column: str, id_column: str,
              file_note: str | None, delimiter: str | None = None) -> Iterator[Item]:
    delimiter = declared or delimiter or _delimiter(text, text_column)
    # newline="": "\r\n", "\n" and a lone "\r" (Excel's "CSV (Macintosh)") all end a row;
    # skipinitialspace: `"ID", "Text"` names the columns ID and Text, as spreadsheets read it
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    if reader.fieldnames is not None:
        names = [name.strip() for name in reader.fieldnames]
        renamed = _as_asked(names, text_column, id_column)
        reader.fieldnames = [renamed.get(name, name) for name in names]
    if reader.fieldnames is None or text_column not in reader.fieldnames:
        yield Item(id=str(path), text=None, scope="file",
                   skip=f"{path} has no column {text_column!r} (columns: {reader.fieldnames}): "
                        "name the text column with --text-column")
        return
    rows = 0
    for rows, row in enumerate(reader, 1):
        where = f"{path.name}:{rows + (2 if declared else 1)}"
        row, note, error = legacy_row(row, where, file_note)
        if error or None in row:  # None: more cells than the header has names
            yield Item(id=str(row.get(id_column) or where), text=None,
                       skip=error or f"{where} has more cells than the header")
            continue
        yield _from_record(row, where, text_column, id_column, note)
    if rows == 0:
        yield Item(id=str(path), text=None, scope="file",
                   skip=f"{path} has a header and no rows: nothing to extract; add rows or leave the file out")


_EXCEL_SEP = re.compile(r"\A\s*sep=(.)[ \t]*\r?\n", re.IGNORECASE)


def _excel_separator(text: str) -> tuple[str, str | None]:
    """The text after an Excel `sep=;` first line, and the delimiter it declares (None without one).
    Excel writes that line when asked for a CSV another locale can open, and reads it back."""
    m = _EXCEL_SEP.match(text)
    return (text[m.end():], m.group(1)) if m else (text, None)


def _delimiter(text: str, text_column: str) -> str:
    """The delimiter that makes the header name `text_column`: csv.Sniffer's guess first, then
    the usual ones (spreadsheets write ';' where the decimal mark is a comma, and tabs)."""
    header = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]  # a lone "\r" ends a line too (Mac CSV)
    try:
        sniffed = [csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter]
    except csv.Error:
        sniffed = []
    for delimiter in (*sniffed, ",", ";", "\t", "|"):
        row = next(csv.reader([header], delimiter=delimiter, skipinitialspace=True), [])
        names = [name.strip().casefold() for name in row]
        if text_column.strip().casefold() in names:
            return delimiter
    return sniffed[0] if sniffed else ","

"""Input bytes as people's tools write them, to text, or a reason why they are not text.

- A byte-order mark is dropped (UTF-8, as spreadsheet programs write it) or followed (UTF-16
  and UTF-32, as Windows Notepad's "Unicode" writes it).
- A file that is not text is recognised by its first bytes before any model call: PDF, RTF
  and PostScript by their ASCII signatures (an ASCII-only PDF decodes as UTF-8, so decoding
  alone would send it to the model); archives, images and other binaries by NUL or undecodable
  bytes, named by `filetype` (magic numbers) where it knows them. `filetype` never decides that
  text is binary on its own: "BMW recalls..." starts like a BMP image.
- A CSV that is not UTF-8: when some of its lines are wholly valid UTF-8 beyond ASCII (not
  merely a pair of legacy bytes that happens to be a UTF-8 sequence: cp1251 "Ві" is UTF-8 "³"), the
  file is UTF-8 and only the rows that are not are read as Windows-1252 (the usual culprit: a row pasted
  from another program), each with a note, or skipped with a reason; when none are, the whole
  file is in a legacy encoding, detected by `charset-normalizer` (Windows-1252, -1251, -1256 ...)
  and read with a note on each item. Windows-1252 (what Excel writes in Western Europe and the
  Americas) is preferred over the other single-byte code pages unless the bytes say otherwise:
  against another Windows or ISO 8859 code page when its reading scores as well as the detector's
  pick (no more mess, no less coherence: the detector cannot tell "São Tomé" from cp1250's "Săo
  Tomé"); against a DOS or Mac code page (a detector's guess on a short text, not what spreadsheets
  write today) when it has no more mess; never when it leaves one of the bytes undefined.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "not_text", "decode_text", "decode_csv", "legacy_row", "legacy_encoding"]

# Text formats that are documents, not articles: their signatures are ASCII.
_DOCUMENTS = (
    (b"%PDF-", "a PDF document", "convert it to text first (e.g. pdftotext)"),
    (b"{\\rtf", "an RTF document", "save it as plain text (UTF-8) first"),
    (b"%!PS", "a PostScript document", "convert it to text first (e.g. ps2ascii)"),
)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_ARCHIVES = {"zip": "a ZIP archive (or a .docx / .xlsx / .odt document, which are ZIP files)",
             "gz": "a gzip archive", "bz2": "a bzip2 archive", "xz": "an xz archive", "7z": "a 7-Zip archive",
             "rar": "a RAR archive", "tar": "a tar archive", "zst": "a Zstandard archive"}
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})  # C0 controls other than tab, newline, form feed, return
LEGACY = "cp1252"  # Windows-1252: what a row that is not UTF-8 in a UTF-8 file almost always is


@dataclass(frozen=True)
class Decoded:
    text: str = ""
    note: str | None = None  # said on every item of the file (a detected legacy encoding)
    error: str | None = None  # the whole file cannot be read: why, and what to do


def _bom(raw: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if raw.startswith(bom)), None)


def not_text(head: bytes) -> str | None:
    """What a file whose first bytes are `head` is, with advice, when it is not text; None for
    text (UTF-8 or not: the decoders decide that). Shapes: 'a PDF document: convert it ...'."""
    stripped = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    for signature, kind, advice in _DOCUMENTS:
        if stripped.startswith(signature):
            return f"{kind}: {advice}"
    if _bom(head) not in (None, "utf-8-sig"):
        return None  # UTF-16 / UTF-32 text: NUL bytes are expected
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    binary = b"\x00" in head or controls > max(2, len(head) // 10)  # text has the odd escape or bell, not more
    if not (binary or not _utf8_prefix(head)):
        return None
    import filetype

    kind = filetype.guess(head)
    if kind is not None:
        name = _ARCHIVES.get(kind.extension) or f"a binary file ({kind.mime})"
        return f"{name}: extract the article text first"
    if binary:
        return "binary data (NUL or control bytes), not text: pass the article as text"
    return None  # undecodable but not binary: legacy-encoded text


def _utf8_prefix(head: bytes) -> bool:
    """Whether `head` is UTF-8 so far (a sequence cut at the end of the sample is not an error)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def decode_text(raw: bytes, where: str) -> tuple[str | None, str | None]:
    """An article file's text and None, or None and why it cannot be read (a .txt file must be
    UTF-8, with or without a byte-order mark, or UTF-16/32 with one)."""
    kind = not_text(raw[:8192])
    if kind:
        return None, f"{where} is {kind}"
    codec = _bom(raw) or "utf-8"
    try:
        return raw.decode(codec), None
    except UnicodeDecodeError as exc:
        return None, f"{where} is not {'UTF-8' if codec == 'utf-8' else codec.upper()} text (byte {exc.start})"


def decode_csv(raw: bytes, where: str) -> Decoded:
    """A CSV file's text. Rows that are not UTF-8 in a UTF-8 file keep their bytes as surrogate
    escapes, for `legacy_row` to read or skip one by one."""
    kind = not_text(raw[:8192])
    if kind:
        return Decoded(error=f"{where} is {kind}, not CSV")
    codec = _bom(raw) or "utf-8-sig"
    try:
        return Decoded(text=raw.decode(codec))
    except UnicodeDecodeError:
        if codec != "utf-8-sig":
            return Decoded(error=f"{where} is not {codec.upper()} text: save it as CSV (UTF-8)")
    if _some_lines_utf8(raw):
        return Decoded(text=raw.decode("utf-8-sig", errors="surrogateescape"))  # each row decides
    return _legacy_file(raw, where)


def _some_lines_utf8(raw: bytes) -> bool:
    """Whether some line is wholly valid UTF-8 with bytes beyond ASCII: a UTF-8 file with rows
    pasted from elsewhere, not a legacy file with a byte pair that happens to be UTF-8."""
    for line in raw.removeprefix(codecs.BOM_UTF8).split(b"\n"):
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return True
    return False


def _legacy_file(raw: bytes, where: str) -> Decoded:
    encoding = legacy_encoding(raw)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return Decoded(error=f"{where} is not UTF-8 and its encoding could not be told: save it as CSV (UTF-8)")
    return Decoded(text=text.removeprefix("\ufeff"),
                   note=f"{where} is not UTF-8: read as {encoding} (detected); save it as CSV (UTF-8) to be sure")


# Chaos (charset-normalizer's share of odd characters) Windows-1252 may have beyond the detector's
# pick when its reading is the more coherent one: es.csv of the issue-13 tests reads 0.013 vs 0.0.
CHAOS_IF_MORE_COHERENT = 0.05
TIE = 1e-3  # scores of charset-normalizer this close are a tie
# Single-byte code pages that tools write today (Windows', ISO 8859, KOI8); others are DOS's and the old Mac's.
_WRITTEN_TODAY = re.compile(r"^(?:cp125\d|iso8859_\d+|latin_1|koi8_[ru])$")


_CENTRAL_EUROPEAN = {"cp1250", "iso8859_2"}
# Windows-1252's punctuation past ASCII: curly quotes, dashes, ellipsis, euro, no-break space, guillemets.
_WESTERN_MARKS = set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u00a0\u00ab\u00bb\u00b0\u00ba\u00aa")


def _letters_in_cp1252(raw: bytes) -> bool:
    """Whether each byte past ASCII reads in Windows-1252 as a letter or common punctuation. A
    Polish or Czech file in Windows-1250 would show symbols there ("ą" is 1252's "¹", "ł" its "³")."""
    high = {b for b in raw if b >= 0x80}
    return bool(high) and all(c.isalpha() or c in _WESTERN_MARKS for c in bytes(sorted(high)).decode(LEGACY, "replace"))


def legacy_encoding(raw: bytes) -> str:
    """The single-byte code page of a file that is not UTF-8: charset-normalizer's pick, or
    Windows-1252 where its reading ties with that pick (see the module docstring)."""
    from charset_normalizer import from_bytes

    from charset_normalizer.utils import is_multi_byte_encoding

    best = from_bytes(raw).best()
    if best is None or best.encoding == LEGACY or LEGACY in best.could_be_from_charset:
        return LEGACY
    western = from_bytes(raw, cp_isolation=[LEGACY]).best()  # None: a byte cp1252 leaves undefined, or mess
    if western is None or is_multi_byte_encoding(best.encoding):
        return best.encoding
    if western.coherence > best.coherence and western.chaos <= best.chaos + CHAOS_IF_MORE_COHERENT:
        return LEGACY  # reads more like a language, at the cost of a stray symbol or two ("São", not "Săo")
    if best.encoding in _CENTRAL_EUROPEAN and _letters_in_cp1252(raw):
        return LEGACY  # every byte past ASCII is a Western letter or mark ("ã", "ê", "ç"): Excel in Western Europe
    if western.chaos > best.chaos + TIE:
        return best.encoding
    written_today = _WRITTEN_TODAY.match(best.encoding)
    return LEGACY if not written_today or western.coherence >= best.coherence - TIE else best.encoding


def legacy_row(row: dict, where: str, file_note: str | None) -> tuple[dict, str | None, str | None]:
    """(row, note, error): a row of a UTF-8 file whose bytes were not UTF-8 read as Windows-1252
    with a note, or an error saying why it is skipped; any other row as it is, with the file's note."""
    if not any(isinstance(v, str) and _escaped(v) for v in row.values()):
        return row, file_note, None
    fixed = {}
    for name, value in row.items():
        if isinstance(value, str) and _escaped(value):
            try:
                value = value.encode("utf-8", errors="surrogateescape").decode(LEGACY)
            except UnicodeDecodeError as exc:
                return _replaced(row), None, (f"{where} is neither UTF-8 nor Windows-1252 text (byte {exc.start} of "
                                              f"column {name!r}): fix that row, or save the file as CSV (UTF-8)")
        fixed[name] = value
    return fixed, f"{where} is not UTF-8: read as Windows-1252; save the file as CSV (UTF-8) to be sure", None


def _replaced(row: dict) -> dict:
    """The row with each undecodable byte as U+FFFD, for an id that must still be stored and shown."""
    return {k: v.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace") if isinstance(v, str)
            else v for k, v in row.items()}


def _escaped(value: str) -> bool:
    return any(0xDC80 <= ord(c) <= 0xDCFF for c in value)

"""Input checks before any model call, and the article as a person reads it.

The article must be non-empty text under the size limit. What the model reads and the coding
rules work on is its **reading** (`read`): the text a person sees, in Unicode NFC without
invisible characters (`grounding.readable`), with HTML tags and character references turned
into what a browser shows (`markup`). Each character of the reading knows where it came from,
so evidence found in the reading is reported at offsets into the text exactly as given
(`Reading.to_source`): `article[start:end] == span.text` always holds for what the user passed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from extractor.errors import ArticleTooLargeError, EmptyArticleError, NotTextError
from extractor.records import ArticleMeta, Incident, Span
from extractor.text.grounding import readable
from extractor.text.markup import decode_entities, has_entities, looks_like_html, visible_text
from extractor.text.published import published_date

__all__ = ["as_text", "article_meta", "content_hash", "Reading", "read"]


def as_text(text: str | bytes, max_chars: int) -> str:
    """The article as str, or an InputError saying why it cannot be read. Never altered:
    evidence offsets index exactly this string."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NotTextError(f"byte {exc.start} is {bytes(text)[exc.start:exc.start + 1]!r}") from None
    if not isinstance(text, str):
        raise NotTextError(f"got {type(text).__name__}, expected str or UTF-8 bytes")
    if "\x00" in text:
        raise NotTextError("it contains NUL characters, as binary files do")
    if not text.strip():
        raise EmptyArticleError()
    if len(text) > max_chars:
        raise ArticleTooLargeError(len(text), max_chars)
    return text


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_meta(
    text: str, *, published: dt.date | str | None, source: str | None, url: str | None, article_id: str | None
) -> ArticleMeta:
    if isinstance(published, str):
        published = published_date(published)  # InputError: not a date, or one that names two days
    if isinstance(published, dt.datetime):
        published = published.date()
    return ArticleMeta(
        id=article_id, source=source, url=url, published=published, sha256=content_hash(text), chars=len(text)
    )


@dataclass(frozen=True)
class Reading:
    """An article as given (`source`) and as read (`text`). `starts[i]`..`ends[i]` is the part of
    `source` that character i of `text` came from; both are None when `text` is `source`.
    `form` says what was done: "text" (nothing), "unicode" (NFC, invisible characters removed),
    "entities" (character references decoded) or "html" (the visible text of a page)."""

    source: str
    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None
    form: str = "text"

    def to_source(self, span: Span) -> Span:
        """`span` (offsets into `text`) as offsets into `source`; its text is the source's. A span
        whose source differs from what was read is a normalized match, not an exact one."""
        if self.starts is None or self.ends is None or span.end <= span.start:
            return span
        start, end = self.starts[span.start], self.ends[span.end - 1]
        text = self.source[start:end]
        match = "normalized" if span.match == "exact" and text != span.text else span.match
        return Span(start=start, end=end, text=text, match=match)

    def in_source(self, incidents: list[Incident]) -> list[Incident]:
        """The incidents with their evidence spans pointing into `source`."""
        if self.starts is None:
            return incidents
        return [i.model_copy(update={"evidence": [self.to_source(s) for s in i.evidence]}) for i in incidents]

    def note(self) -> str | None:
        """What the result should say about how the article was read, if anything but plain text."""
        if self.form == "html":
            return (f"the article is HTML: read as the text a person sees ({len(self.text):,} characters); "
                    "evidence offsets index the HTML as given")
        if self.form == "entities":
            return "the article has HTML character references (&...;): read as the characters they stand for"
        return None


def read(source: str) -> Reading:
    """The article as a person reads it (see the module docstring). Raises EmptyArticleError when
    nothing of it is visible (an HTML page of scripts and navigation only)."""
    if looks_like_html(source):
        form, (text, starts, ends) = "html", visible_text(source)
    elif has_entities(source):
        form, (text, starts, ends) = "entities", decode_entities(source)
    else:
        form, text, starts, ends = "text", source, None, None
    clean = readable(text)
    if clean is not None:
        text, inner_starts, inner_ends = clean
        if starts is None or ends is None:
            form, starts, ends = "unicode", inner_starts, inner_ends
        else:
            starts, ends = [starts[i] for i in inner_starts], [ends[i - 1] for i in inner_ends]
    if not text.strip():
        raise EmptyArticleError()
    return Reading(source=source, text=text, starts=starts, ends=ends, form=form)

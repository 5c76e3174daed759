"""Input checks before any model call: the article must be non-empty text under the size limit."""

from __future__ import annotations

import datetime as dt
import hashlib

from extractor.errors import ArticleTooLargeError, EmptyArticleError, InputError, NotTextError
from extractor.records import ArticleMeta

__all__ = ["as_text", "article_meta", "content_hash"]


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
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError:
            raise InputError(f"published={published!r} is not a date: pass YYYY-MM-DD or a datetime.date") from None
    if isinstance(published, dt.datetime):
        published = published.date()
    return ArticleMeta(
        id=article_id, source=source, url=url, published=published, sha256=content_hash(text), chars=len(text)
    )

"""Evidence quotes mapped back to character offsets of the article.

A fact we cannot point at in the article is not a fact. Matching is exact first, then
tolerant of what copying changes without changing meaning: Unicode form (NFD vs NFC) and
characters no reader sees (soft hyphen, zero-width space/joiner, byte-order mark), runs of
whitespace (no-break spaces included), curly vs straight quotes, the various dashes, letter
case (quotes of 20+ characters); then fuzzy (rapidfuzz), where a quote that matches a
sentence of the article (or two adjacent ones) with a similarity of at least
FUZZY_THRESHOLD out of 100 stands for that sentence, and a long quote that aligns with part of a
sentence (PARTIAL_THRESHOLD) stands for that part. Offsets always index the original
article text, and a span's `text` is the article's, never the model's copy.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from extractor.records import Span

__all__ = ["Span", "locate", "normalize", "readable", "INVISIBLE", "sentence_spans", "sentence_at", "FUZZY_THRESHOLD"]

# Similarity (rapidfuzz ratio, 0-100) above which a mis-copied quote is taken as the sentence it
# copies. 90 lets through a dropped word or a typo in a 100-character sentence, not a changed number
# in a short one.
FUZZY_THRESHOLD = 90.0
# A quote of PARTIAL_MIN_CHARS or more that aligns with part of one sentence at PARTIAL_THRESHOLD
# or better (rapidfuzz partial_ratio) stands for that part: copying a sentence without its
# dateline or attribution, or with a word changed, is not inventing it.
PARTIAL_MIN_CHARS = 40
PARTIAL_THRESHOLD = 95.0

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)


# Characters a reader never sees (Unicode format characters that news copy carries): soft hyphen,
# zero-width space, non-joiner and joiner, word joiner, byte-order mark / zero-width no-break space,
# left-to-right and right-to-left marks, Mongolian vowel separator.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u180e")
# Spaces that look like a space (no-break, thin, narrow no-break, ideographic ...): read as one.
_SPACES = {ch: " " for ch in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
_ODD = re.compile("[" + "".join(sorted(INVISIBLE | set(_SPACES))) + "]")


def readable(text: str) -> tuple[str, list[int], list[int]] | None:
    """`text` as read: NFC, without invisible characters, every kind of space a plain space; and
    for each of its characters the [start, end) of the characters of `text` it came from (a
    composed "é" from "e" + U+0301 covers both). None when `text` is already that form (the
    common case, checked without copying)."""
    if text.isascii() or (unicodedata.is_normalized("NFC", text) and not _ODD.search(text)):
        return None
    text_spaced = text.translate(str.maketrans(_SPACES))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1  # a cluster: one character and the combining marks (or invisible characters) after it
        while j < n and (unicodedata.combining(text[j]) or text[j] in INVISIBLE):
            j += 1
        composed = unicodedata.normalize("NFC", "".join(c for c in text_spaced[i:j] if c not in INVISIBLE))
        out.append(composed)
        starts.extend([i] * len(composed))
        ends.extend([j] * len(composed))
        i = j
    return "".join(out), starts, ends


def normalize(text: str) -> tuple[str, list[int]]:
    """Canonical form of `text` and, for each of its characters, the index it came from."""
    clean = readable(text)
    if clean is not None:
        folded, origin = normalize(clean[0])
        return folded, [clean[1][i] for i in origin]
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(text.translate(_TRANSLATE)):
        if ch.isspace():
            pending_space = bool(out)
            continue
        if ch == "-" and out and out[-1] == "-":
            pending_space = False
            continue  # "--" is how plain text writes a dash
        if ch == "-" and out and out[-1] == " ":
            # "word - word" and "word—word" are the same dash.
            out.pop()
            index.pop()
        if pending_space and not (ch == "-" or (out and out[-1] == "-")):
            out.append(" ")
            index.append(i - 1)
        pending_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


def _lower(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _clean_quote(quote: str) -> str:
    q = quote.strip()
    # Models often wrap a quote in quotation marks or end it with a stray ellipsis.
    while len(q) > 2 and q[0] in "\"'\u201c\u2018" and q[-1] in "\"'\u201d\u2019":
        q = q[1:-1].strip()
    return q.rstrip(".\u2026").strip() if q.endswith(("...", "\u2026")) else q


def locate(quote: str, article: str) -> Span | None:
    """The first place `quote` occurs in `article`, or None."""
    q = _clean_quote(quote)
    if not q:
        return None
    start = article.find(q)
    if start >= 0:
        return Span(start=start, end=start + len(q), text=q, match="exact")
    norm_article, index = normalize(article)
    norm_quote, _ = normalize(q)
    if not norm_quote:
        return None
    pos = norm_article.find(norm_quote)
    if pos < 0 and len(norm_quote) >= 20:
        # A quote that starts mid-sentence is often capitalized ("An unknown man threw ..." for "...,
        # an unknown man threw ..."). Lower-casing keeps every index here (per character, one to one).
        pos = _lower(norm_article).find(_lower(norm_quote))
    if pos >= 0:
        begin, stop = index[pos], _past_marks(article, index[pos + len(norm_quote) - 1] + 1)
        return Span(start=begin, end=stop, text=article[begin:stop], match="normalized")
    return _fuzzy(norm_quote, article)


def _past_marks(article: str, stop: int) -> int:
    """A span ends after the combining marks of its last letter ("Se\u0301gou" ends after U+0301)."""
    while stop < len(article) and unicodedata.combining(article[stop]):
        stop += 1
    return stop


def _fuzzy(norm_quote: str, article: str) -> Span | None:
    """The sentence (or pair of adjacent sentences) the quote copies, if similar enough."""
    if len(norm_quote) < 20:
        return None  # short quotes differ in what matters (a number, a name): never fuzzy
    sentences = sentence_spans(article)
    candidates = [*sentences, *((a[0], b[1]) for a, b in zip(sentences, sentences[1:]))]
    best, best_score = None, 0.0
    for begin, end in candidates:
        score = fuzz.ratio(_lower(norm_quote), _lower(normalize(article[begin:end])[0]))  # all-caps wires
        if score > best_score:
            best, best_score = (begin, end), score
    if best is not None and best_score >= FUZZY_THRESHOLD:
        return Span(start=best[0], end=best[1], text=article[best[0]:best[1]], match="fuzzy")
    return _fuzzy_part(norm_quote, article, sentences)


def _fuzzy_part(norm_quote: str, article: str, sentences: list[tuple[int, int]]) -> Span | None:
    """A long quote that copies part of a sentence: the model dropped the dateline before it or the
    attribution after it ("..., on Sunday." for "..., on Sunday, the local mayor said on Tuesday.").
    The span is the part of the article the quote aligns with."""
    if len(norm_quote) < PARTIAL_MIN_CHARS:
        return None
    best: tuple[float, int, int] | None = None
    for begin, end in sentences:
        norm_sentence, index = normalize(article[begin:end])
        if len(norm_sentence) <= len(norm_quote):
            continue
        aligned = fuzz.partial_ratio_alignment(_lower(norm_quote), _lower(norm_sentence))
        if aligned is None or aligned.score < PARTIAL_THRESHOLD:
            continue
        if aligned.dest_end - aligned.dest_start < 0.9 * len(norm_quote):
            continue
        start, stop = begin + index[aligned.dest_start], _past_marks(article, begin + index[aligned.dest_end - 1] + 1)
        if best is None or aligned.score > best[0]:
            best = (aligned.score, start, stop)
    if best is None:
        return None
    _, start, stop = best
    while start < stop and not article[start].isalnum() and article[start] not in "\"'\u201c\u2018(":
        start += 1  # an alignment may take in the dash or space before the sentence's first word
    return Span(start=start, end=stop, text=article[start:stop], match="fuzzy")


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n")
_CLOCK_ABBREV = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_ABBREV = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Capt|Sgt|Gov|Sen|Rep|St|No|U\.S|U\.N)\.$")


@lru_cache(maxsize=32)
def sentence_spans(article: str) -> tuple[tuple[int, int], ...]:
    """Sentence boundaries, good enough to find an evidence quote's neighbours. Cached: grounding
    and several coding rules ask for the same article's sentences."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(article):
        if _ABBREV.search(article[start:m.start()]) or (_CLOCK_ABBREV.search(article[start:m.start()])
                                                         and article.startswith("(", m.end())):
            continue  # "at 5 a.m. (2100 GMT Monday), killing five": the note of the time, not a new sentence
        if article[start:m.start()].strip():
            spans.append(_trim(article, start, m.start()))
        start = m.end()
    if article[start:].strip():
        spans.append(_trim(article, start, len(article)))
    return tuple(spans)


def sentence_at(article: str, offset: int) -> tuple[int, int] | None:
    for begin, end in sentence_spans(article):
        if begin <= offset < end:
            return begin, end
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

"""The article as the model sees it: the dateline apart, then numbered sentences, one a line.

The model points at sentences by number instead of copying them (issue 12: copying is where a
small model goes wrong, and what costs its output tokens), so every quote built from a number is
the article's own text. The dateline is the report's, not an incident's: it is shown as `[D]` and
never counts as the sentence that places or dates an incident (`text.dateline.header_end`: the
dateline and, in a MUC-4 message, the bracketed tags after it up to [TEXT]).

    >>> numbered = number_sentences("KABUL, Jan. 29 (Xinhua) -- Gunmen killed two. Police said so.")
    >>> print(numbered.render())
    [D] KABUL, Jan. 29 (Xinhua) --
    [1] Gunmen killed two.
    [2] Police said so.

Offsets index the text as given (the sentence boundaries are `text.grounding.sentence_spans`);
the rendering only folds a sentence's line breaks and runs of spaces into one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from extractor.text.dateline import header_end
from extractor.text.grounding import normalize, sentence_spans

__all__ = ["NumberedArticle", "number_sentences", "is_aggregate", "occurs_in", "plan_parts"]

# A sentence that sums up several incidents ("... killed in Baghlan and Kunduz provinces over the
# past two days"): it is no single incident's own sentence (ACLED codes each event once; a
# round-up's toll would count its events twice).
_AGGREGATE = re.compile(
    r"\bover the (?:past|last) (?:\w+ ){0,2}(?:days|weeks)\b|\bconsecutive days\b|\bseparate (?:attacks|incidents|clashes)\b"
    r"|\b(?:two|three|four|several|\d+) (?:provinces|districts|attacks|incidents)\b|\b\w+ and \w+ provinces\b",
    re.IGNORECASE,
)


def is_aggregate(sentence: str) -> bool:
    """True for a sentence that sums up several incidents ('... in Baghlan and Kunduz provinces
    over the past two days')."""
    return bool(_AGGREGATE.search(sentence))


def _fold(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class NumberedArticle:
    """`text` as the dateline span and 1-based numbered sentence spans (start, end offsets)."""

    text: str
    dateline: tuple[int, int] | None
    spans: tuple[tuple[int, int], ...]

    @property
    def count(self) -> int:
        return len(self.spans)

    def span(self, number: int) -> tuple[int, int]:
        """Offsets of sentence `number` (1-based). Raises IndexError for a number it does not have."""
        if not 1 <= number <= len(self.spans):
            raise IndexError(f"sentence {number} does not exist (1..{len(self.spans)})")
        return self.spans[number - 1]

    def sentence(self, number: int) -> str:
        begin, end = self.span(number)
        return self.text[begin:end]

    @property
    def dateline_text(self) -> str:
        return self.text[self.dateline[0]:self.dateline[1]] if self.dateline else ""

    @cached_property
    def aggregates(self) -> frozenset[int]:
        """Numbers of the sentences that sum up several incidents."""
        return frozenset(n for n in range(1, self.count + 1) if is_aggregate(self.sentence(n)))

    def render(self, numbers: Iterable[int] | None = None) -> str:
        """The prompt text: `[D] dateline` (when there is one), then `[n] sentence` a line, for
        `numbers` (all by default; a part keeps the article's own numbers)."""
        lines = [f"[D] {_fold(self.dateline_text)}"] if self.dateline else []
        for n in numbers if numbers is not None else range(1, self.count + 1):
            lines.append(f"[{n}] {_fold(self.sentence(n))}")
        return "\n".join(lines)


def number_sentences(text: str) -> NumberedArticle:
    """Split `text` into its dateline and numbered sentences (pure; offsets into `text`)."""
    end = header_end(text)
    dateline = None
    if end:
        start = len(text) - len(text.lstrip())
        dateline = (start, end)
    spans: list[tuple[int, int]] = []
    for begin, stop in sentence_spans(text):
        if stop <= end:
            continue
        begin = max(begin, end)
        while begin < stop and text[begin].isspace():
            begin += 1
        if text[begin:stop].strip():
            spans.append((begin, stop))
    return NumberedArticle(text=text, dateline=dateline, spans=tuple(spans))


def _canonical(text: str) -> str:
    """Case, Unicode quote/dash forms and whitespace folded (grounding's `normalize`), so that a
    copy of all-caps or re-spaced text still matches."""
    return normalize(text)[0].casefold()


def occurs_in(words: str, passage: str) -> bool:
    """True when `words` (a copy from the article) occur in `passage` up to case, Unicode quote and
    dash forms and whitespace; a copy that cuts a word in two does not count."""
    needle, hay = _canonical(words).strip(" .,;:"), _canonical(passage)
    if not needle:
        return False
    pattern = (r"(?<!\w)" if needle[0].isalnum() else "") + re.escape(needle) + (r"(?!\w)" if needle[-1].isalnum() else "")
    return re.search(pattern, hay) is not None


def plan_parts(article: NumberedArticle, *, max_chars: int, max_sentences: int, overlap: int = 2) -> list[range]:
    """The sentence numbers to show in each request when the whole article would not fit: parts of
    consecutive sentences, each under `max_chars` of rendered text and `max_sentences` sentences
    (the answer grows with the sentences shown), each starting `overlap` sentences before the
    previous one ended, so that an incident told across the seam is seen whole in one part.

    One part (all sentences) when everything fits; a sentence longer than `max_chars` is a part of
    its own. Raises ValueError when `max_sentences <= overlap` (the parts would not advance)."""
    if max_sentences <= overlap:
        raise ValueError(f"max_sentences ({max_sentences}) must exceed overlap ({overlap})")
    sizes = [len(_fold(article.sentence(n))) + 8 for n in range(1, article.count + 1)]
    parts: list[range] = []
    first = 1
    while first <= article.count:
        last, used = first, sizes[first - 1]
        while last < article.count and last - first + 1 < max_sentences and used + sizes[last] <= max_chars:
            used += sizes[last]
            last += 1
        parts.append(range(first, last + 1))
        if last == article.count:
            break
        first = max(first + 1, last + 1 - overlap)
    return parts or [range(1, 1)]

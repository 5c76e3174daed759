"""Counts as written ("at least 13", "two dozen", "1,200-1,500", "scores") turned into ranges.

The model copies the phrase; this module decides what it means, the same way every time. The
words come from `text.vocabulary` (qualifiers and the bound each sets, number words, vague
quantities and their ACLED values, range connectors): `parse_count` reads a phrase with them, and
`count_pattern` generates from them the regular expression that finds counts in a sentence, so
the evidence and the model's copy are read by one vocabulary.

Grammar of a count: [qualifier] (number [range-connector number] [suffix] | opener number
(joiner | range-connector) number | vague word) [[joiner] upper-qualifier-or-hedge number], where a number is digits
("1,200", "1.200", "1 200", "1.5 million") or words ("twenty-one", "one hundred and five", "two
dozen", "half a dozen", "a couple of"). The last part closes a lower bound: "at least 12 and as many
as 20" is 12..20.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.records import CountRange
from extractor.text.vocabulary import (
    ALTERNATIVE, ARTICLES, BOUND_JOINERS, DISTANCE_UNITS, DOZEN, HEDGES, NONE_WORDS, PAIR_WORDS, QUALIFIERS, RANGE_DASHES,
    RANGE_OPENERS, RANGE_WORDS, SCALES, SUFFIX_QUALIFIERS, TENS, THOUSANDS_SEPARATORS, UNITS, UPPER_BOUNDS, VAGUE,
    Bound, bound_range, words_pattern,
)

__all__ = ["CountRange", "parse_count", "VAGUE", "words_to_number", "count_pattern"]

Reading = tuple[int | None, int | None, bool]  # (low, high, approximate)

_DASH = "[" + "".join(re.escape(d) for d in RANGE_DASHES) + "]"
# A dash between digits, or one with spaces around it, or any dash but the hyphen, joins a range;
# a hyphen between words joins the words of one number ("twenty-one", "20-odd").
_RANGE_DASH = re.compile(rf"(?<=\d)\s*{_DASH}\s*(?=\d)|\s+{_DASH}\s+|[{''.join(RANGE_DASHES[1:])}]")
_SCALE_WORDS = words_pattern([*SCALES, "billion"])
_UNIT_WORDS = words_pattern(list(DISTANCE_UNITS))
_SPACES = "".join(re.escape(s) for s in THOUSANDS_SEPARATORS if s.isspace())
# Digits grouped in thousands, one separator per number (THOUSANDS_SEPARATORS): "1,200,000" (with
# decimals: "1,200.5"), "1.200" (not "1.200 million", a decimal), "1 200" (not "25 100 km"). No
# group: "1200", "1.5".
_GROUPED = (rf"(?<![\d.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d|,\d)"
            rf"|(?<![\d.,])\d{{1,3}}(?:\.\d{{3}})+(?!\d|[.,]\d|\s*(?:{_SCALE_WORDS})\b)"
            rf"|(?<![\d.,])\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?!\d|[.,]\d|\s*(?:{_UNIT_WORDS})\b)")
_TOKEN = re.compile(rf"(?P<grouped>{_GROUPED})|\d+(?:\.\d+)?|[a-z]+", re.IGNORECASE)
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
# A letter typed for a digit ("1,5OO", "2O", "l5"): the number cannot be read, so no count is read
# (not 1 from "1,5OO"); the model is asked again, or the claim is refused.
_MISTYPED = re.compile(r"\d[,.]?[OIl]+(?![A-Za-z])|\do+(?![A-Za-z])|(?<![A-Za-z])[Ol][,.]?\d")


def _plain(token: re.Match[str]) -> str:
    """A token lower case; a number grouped in thousands without its separators ("1 200", "1.200",
    "1,200.5" -> "1200", "1200", "1200.5")."""
    text = token.group(0)
    if not token.group("grouped"):
        return text.lower()
    if "," in text or not re.search(r"\d\.\d{3}", text):
        return re.sub(r"[^\d.]", "", text)
    return re.sub(r"\D", "", text)


def _tokens(text: str) -> list[str]:
    """Lower-case words and numbers without separators; every range dash becomes the word "to"."""
    joined = _RANGE_DASH.sub(f" {RANGE_WORDS[0]} ", text)
    return [_plain(m) for m in _TOKEN.finditer(joined)]


def _phrases(table: dict[str, object]) -> dict[str, list[tuple[tuple[str, ...], object]]]:
    """Phrases of a table by their first word, longest first ("no less than" before "no")."""
    index: dict[str, list[tuple[tuple[str, ...], object]]] = {}
    for phrase, value in sorted(table.items(), key=lambda pv: -len(pv[0].split())):
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append((words, value))
    return index


_QUALIFIER_INDEX = _phrases(QUALIFIERS)  # type: ignore[arg-type]
_SUFFIX_INDEX = _phrases(SUFFIX_QUALIFIERS)  # type: ignore[arg-type]
_VAGUE_INDEX = _phrases(VAGUE)  # type: ignore[arg-type]
_UPPER_WORDS: dict[str, Bound] = {**{q: b for q, b in QUALIFIERS.items() if b in UPPER_BOUNDS},
                                  **{h: Bound.at_most for h in HEDGES}}
_UPPER_INDEX = _phrases(_UPPER_WORDS)  # type: ignore[arg-type]


def _phrase_at(index: dict[str, list[tuple[tuple[str, ...], object]]], toks: list[str], i: int) -> tuple[object, int] | None:
    """(value, index after) of the longest phrase of `index` starting at toks[i], or None."""
    for words, value in index.get(toks[i], ()) if i < len(toks) else ():
        if tuple(toks[i:i + len(words)]) == words:
            return value, i + len(words)
    return None


# -- numbers -------------------------------------------------------------------------------------

def words_to_number(words: list[str]) -> tuple[int, int] | None:
    """Read a number from the start of `words`: (value, words consumed) or None.

    `words` are lower case, a hyphenated number split ("twenty-one" -> "twenty", "one") and
    separators gone ("1,200" -> "1200"). Reads "21", "twenty one", "one hundred and five",
    "two thousand three hundred", "1.5 million", "a dozen", "two dozen", "half a dozen",
    "a couple of", "none".
    """
    if not words:
        return None
    if words[0] in NONE_WORDS:
        return NONE_WORDS[words[0]], 1
    if words[0] == "half" and words[1:2] and words[1] in ARTICLES and words[2:3] == [DOZEN[0]]:
        return DOZEN[1] // 2, 3
    pair = _pair(words)
    if pair is not None:
        return pair
    cardinal = _cardinal(words)
    if cardinal is None:
        return None
    value, used = cardinal
    if words[used:used + 1] == [DOZEN[0]]:
        return value * DOZEN[1], used + 1  # "two dozen" is complete: nothing composes after it
    return value, used


def _pair(words: list[str]) -> tuple[int, int] | None:
    """"a couple of", "a pair of", "couple", "a single": the pair word's value and the words used."""
    start = 1 if words[0] in ARTICLES else 0
    word = words[start] if start < len(words) else ""
    if word not in PAIR_WORDS:
        return None
    used = start + 1
    return PAIR_WORDS[word], used + (words[used:used + 1] == ["of"])


def _cardinal(words: list[str]) -> tuple[int, int] | None:
    """A cardinal number of digits or number words at the start of `words`; "a" counts as one
    only before a scale word or "dozen" ("a hundred", "a dozen")."""
    total, group, last, used, i = 0.0, 0.0, "", 0, 0
    if words[0] in ARTICLES:
        if words[1:2] and (words[1] in SCALES or words[1] == DOZEN[0]):
            group, last, used, i = 1, "unit", 1, 1
        else:
            return None
    while i < len(words):
        step = _number_step(words, i, last)
        if step is None:
            break
        kind, value = step
        if kind == "and":
            i += 1
            continue
        total, group = _combine(total, group, kind, value)
        last, i = kind, i + 1
        used = i
    if not last:
        return None
    value = total + group
    return (int(value), used) if value == int(value) else None


def _number_step(words: list[str], i: int, last: str) -> tuple[str, float] | None:
    """The kind ("digits", "unit", "tens", "hundred", "scale", "and") and value of words[i] where
    it continues the number read so far (`last`: the kind before it), or None where it ends it."""
    w = words[i]
    fresh = last in ("", "hundred", "scale")
    if not last and _DECIMAL.fullmatch(w):
        return "digits", float(w)
    if w in UNITS and (fresh or (last == "tens" and 0 < UNITS[w] < 10)):
        return "unit", UNITS[w]
    if w in TENS and fresh:
        return "tens", TENS[w]
    if w in SCALES:
        # "two hundred", "two thousand", "three hundred thousand"; never "hundred hundred"
        after = ("digits", "unit", "tens") if SCALES[w] == 100 else ("digits", "unit", "tens", "hundred")
        return (("hundred" if SCALES[w] == 100 else "scale"), SCALES[w]) if last in after else None
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w == "and" and last in ("hundred", "scale") and (nxt in UNITS or nxt in TENS):
        return "and", 0  # "one hundred and five"
    return None


def _combine(total: float, group: float, kind: str, value: float) -> tuple[float, float]:
    if kind == "hundred":
        return total, group * value
    if kind == "scale":
        return total + group * value, 0
    return total, group + value


# -- counts --------------------------------------------------------------------------------------

def parse_count(text: str | None) -> CountRange | None:
    """The first quantity in `text` as a range, or None when the text holds no quantity.

    >>> parse_count("at least 13").low, parse_count("more than 30").low, parse_count("1,200-1,500").high
    (13, 31, 1500)
    """
    if text is None or not text.strip() or _MISTYPED.search(text):
        return None
    raw = text.strip()
    toks = _tokens(raw)
    for start in range(len(toks)):
        reading = _reading_at(toks, start)
        if reading is not None:
            low, high, approximate = reading
            return CountRange(low=low, high=high, text=raw, approximate=approximate)
    return None


def _reading_at(toks: list[str], start: int) -> Reading | None:
    """The count that starts at toks[start] (with its qualifier), or None."""
    qualified = _phrase_at(_QUALIFIER_INDEX, toks, start)
    bound, i = qualified if qualified else (None, start)
    if i < len(toks) and toks[i] in RANGE_OPENERS:
        return _opened_range(toks, i)
    vague = _vague_at(toks, i)
    if vague is not None:
        return vague if bound in (None, Bound.about, Bound.at_least, Bound.more_than) else None
    number = words_to_number(toks[i:])
    if number is None:
        # "some" before no number is the vague word, not the qualifier
        return _vague_at(toks, start) if qualified else None
    n, used = number
    return _after_number(toks, i + used, n, bound)  # type: ignore[arg-type]


def _after_number(toks: list[str], j: int, n: int, bound: Bound | None) -> Reading:
    """What follows a number: a suffix qualifier ("or more"), a second number ("to 15", "or
    three"), an upper bound ("and as many as 20"), or nothing (the qualifier before it decides)."""
    suffix = _phrase_at(_SUFFIX_INDEX, toks, j)
    if suffix is not None and bound is None:
        return bound_range(suffix[0], n)  # type: ignore[arg-type]
    if j < len(toks) and toks[j] in (*RANGE_WORDS, ALTERNATIVE):
        second = words_to_number(toks[j + 1:])
        if second is not None and (toks[j] == ALTERNATIVE or n <= second[0]):
            low, high = min(n, second[0]), max(n, second[0])
            return low, high, toks[j] == ALTERNATIVE or bound is Bound.about
    low, high, approximate = bound_range(bound or Bound.exact, n)
    upper = _upper_bound_at(toks, j) if high is None or bound in (None, Bound.about) else None
    if low is not None and upper is not None and low <= upper:
        return low, upper, approximate
    return low, high, approximate


def _upper_bound_at(toks: list[str], j: int) -> int | None:
    """The most of "[and|but|or] (as many as | up to | possibly ...) N" at toks[j], or None."""
    k = j + 1 if toks[j:j + 1] and toks[j] in BOUND_JOINERS else j
    found = _phrase_at(_UPPER_INDEX, toks, k)
    if found is None:
        return None
    bound, after = found
    number = words_to_number(toks[after:])  # type: ignore[arg-type]
    return bound_range(bound, number[0])[1] if number is not None else None  # type: ignore[arg-type]


def _opened_range(toks: list[str], i: int) -> Reading | None:
    """"between 10 and 15", "from 10 to 15"; an opener without a second number reads its number."""
    first = words_to_number(toks[i + 1:])
    if first is None:
        return None
    n, used = first
    j = i + 1 + used
    # "between 12 and 15", and as often "between 12-15", "between 12 to 15" (a dash reads as "to")
    if toks[j:j + 1] and toks[j] in (RANGE_OPENERS[toks[i]], *RANGE_WORDS):
        second = words_to_number(toks[j + 1:])
        if second is not None and n <= second[0]:
            return n, second[0], False
    return bound_range(Bound.exact, n)


def _vague_at(toks: list[str], i: int) -> Reading | None:
    found = _phrase_at(_VAGUE_INDEX, toks, i)
    if found is None:
        return None
    (low, high), after = found  # type: ignore[misc]
    # "a few" / "some" followed by a number is a qualifier, not a vague count.
    return None if words_to_number(toks[after:]) is not None else (low, high, True)


# -- the pattern that finds counts in text -------------------------------------------------------

@lru_cache(maxsize=1)
def count_pattern() -> str:
    """A regular expression (no groups; compile it with re.IGNORECASE) that matches a count as
    written in a sentence, qualifier, range and suffix included, generated from the vocabulary:
    every phrase it matches is read by `parse_count` with the same words."""
    scales = words_pattern([*SCALES, DOZEN[0]])
    word = rf"(?:{words_pattern([*UNITS, *TENS, *SCALES, DOZEN[0]])})\b"
    articles = words_pattern(ARTICLES)
    digits = rf"(?:{_GROUPED}|\d+(?:\.\d+)?)(?:\s+(?:{scales})\b)?"
    words = (rf"half\s+(?:{articles})\s+{DOZEN[0]}\b|(?:{articles})\s+(?:{words_pattern(list(PAIR_WORDS))})\b(?:\s+of\b)?"
             rf"|(?:(?:{articles})\s+(?={scales}))?{word}(?:(?:\s+and\s+|\s+|-){word})*")
    number = rf"(?:{digits}|{words})"
    joiner = rf"(?:\s*{_DASH}\s*|\s+(?:{words_pattern([*RANGE_WORDS, ALTERNATIVE])})\s+)"
    opened = "|".join(rf"{opener}\s+{number}(?:\s+{join}\s+|\s*{_DASH}\s*|\s+(?:{words_pattern(list(RANGE_WORDS))})\s+){number}"
                      for opener, join in RANGE_OPENERS.items())
    single_suffix = [s for s in SUFFIX_QUALIFIERS if " " not in s]
    multi_suffix = [s for s in SUFFIX_QUALIFIERS if " " in s]
    suffix = rf"(?:\s+(?:{words_pattern(multi_suffix)})\b|(?:\s+|-)(?:{words_pattern(single_suffix)})\b)?"
    quantity = rf"(?:{opened}|{number}(?:{joiner}{number})?{suffix}|(?:{words_pattern(list(VAGUE))})\b)"
    upper = (rf"(?:\s*,)?\s+(?:(?:{words_pattern(list(BOUND_JOINERS))})\s+)?(?:{words_pattern(list(_UPPER_WORDS))})"
             rf"\s+{number}")
    closing = [q for q, b in QUALIFIERS.items() if b in UPPER_BOUNDS]
    opening = [q for q in QUALIFIERS if q not in closing]
    # an upper bound closes a lower one or a plain number, never another upper bound ("up to 30, possibly 40")
    return (rf"(?:(?:{words_pattern(closing)})\s+{quantity}"
            rf"|(?:(?:{words_pattern(opening)})\s+)?{quantity}(?:{upper})?)")

"""Counts as written ("at least 13", "two dozen", "scores") turned into ranges.

The model copies the phrase; this module decides what it means, the same way every time.
Vague words take fixed values (ACLED's codebook where it gives one); see VAGUE.
"""

from __future__ import annotations

import re

from extractor.records import CountRange

__all__ = ["CountRange", "parse_count", "VAGUE", "words_to_number"]


# Vague quantities, as coded by ACLED where its codebook gives a value ("dozens" 12,
# "hundreds" 100, "several"/"a few" 3, "many" 10); "scores" (not in the codebook) as 20.
VAGUE: dict[str, tuple[int, int | None]] = {
    "a few": (3, None),
    "few": (3, None),
    "several": (3, None),
    "a number of": (3, None),
    "some": (3, None),
    "many": (10, None),
    "dozens": (12, None),
    "scores": (20, None),
    "hundreds": (100, None),
    "thousands": (1000, None),
}

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "couple": 2, "pair": 2,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "dozen": 12}
_NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES) | {"and", "half", "of"}

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[a-z]+", re.IGNORECASE)


def words_to_number(words: list[str]) -> tuple[int, int] | None:
    """Read a number from the start of `words`: returns (value, words consumed) or None.

    Handles "twenty-one" (pre-split), "a dozen", "two dozen", "half a dozen", "one hundred and five".
    """
    total, current, used, seen = 0, 0, 0, False
    i = 0
    if len(words) >= 3 and words[0] == "half" and words[1] in ("a", "an") and words[2] == "dozen":
        return 6, 3
    while i < len(words):
        w = words[i]
        if w.isdigit() and not seen:
            current, seen, used = int(w), True, i + 1
        elif w in _UNITS and (not seen or (current % 10 == 0 and current >= 20 and _UNITS[w] < 10 and w not in ("a", "an", "no"))):
            if w in ("a", "an", "couple", "pair") and not seen:
                # "a" is a number only before a scale word: "a dozen", "a hundred", "a couple of".
                nxt = words[i + 1] if i + 1 < len(words) else ""
                if nxt not in _SCALES and w in ("a", "an") and nxt not in ("couple", "few"):
                    return None
            current += _UNITS[w]
            seen, used = True, i + 1
        elif w in _TENS and (not seen or current % 100 == 0 and current > 0 or current == 0 and not seen):
            current += _TENS[w]
            seen, used = True, i + 1
        elif w in _SCALES and seen:
            scale = _SCALES[w]
            if scale == 12 or scale == 100:
                current = max(current, 1) * scale
                if scale == 12:
                    used = i + 1
                    # "two dozen" is complete; nothing else composes with dozen.
                    return total + current, used
            else:
                total += max(current, 1) * scale
                current = 0
            used = i + 1
        elif w in ("and", "of") and seen:
            pass  # "one hundred and five", "a couple of"
        elif w == "couple" and seen:
            current, used = 2, i + 1
        else:
            break
        i += 1
    if not seen:
        return None
    return total + current, used


_QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("at", "least"), "min"), (("no", "fewer", "than"), "min"), (("no", "less", "than"), "min"),
    (("a", "minimum", "of"), "min"),
    (("more", "than"), "over"), (("over",), "over"), (("upwards", "of"), "over"),
    (("in", "excess", "of"), "over"),
    (("nearly",), "under"), (("almost",), "under"), (("less", "than"), "under"),
    (("fewer", "than"), "under"), (("just", "under"), "under"), (("under",), "under"),
    (("up", "to"), "upto"), (("as", "many", "as"), "upto"), (("at", "most"), "upto"),
    (("about",), "approx"), (("around",), "approx"), (("some",), "approx"),
    (("approximately",), "approx"), (("roughly",), "approx"), (("an", "estimated"), "approx"),
    (("estimated",), "approx"), (("nearly", "a"), "under"),
    (("between",), "between"),
]


# Qualifiers by their first word, in table order (so "nearly" is tried before "nearly a").
_QUALIFIERS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in _QUALIFIERS:
    _QUALIFIERS_BY_FIRST.setdefault(_words[0], []).append((_words, _kind))


def _tokens(text: str) -> list[str]:
    return [t.lower().replace(",", "") for t in _TOKEN.findall(text.replace("-", " "))]


def parse_count(text: str | None) -> CountRange | None:
    """The first quantity in `text` as a range, or None when the text holds no quantity.

    >>> parse_count("at least 13").low, parse_count("more than 30").low
    (13, 31)
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    # "13-15" and "13 to 15" before the hyphen is split away as a word joiner.
    m = re.search(r"\b(\d+)\s*(?:-|–|to)\s*(\d+)\b", raw)
    if m and int(m.group(1)) <= int(m.group(2)):
        return CountRange(low=int(m.group(1)), high=int(m.group(2)), text=raw)
    toks = _tokens(raw)
    for start in range(len(toks)):
        kind, skip = None, 0
        for words, k in _QUALIFIERS_BY_FIRST.get(toks[start], ()):
            if tuple(toks[start:start + len(words)]) == words:
                kind, skip = k, len(words)
                break
        rest = toks[start + skip:]
        vague = _vague_at(rest)
        if vague is not None and (kind is None or kind in ("approx", "over", "min")):
            low, high = vague
            return CountRange(low=low, high=high, text=raw, approximate=True)
        parsed = words_to_number(rest)
        if parsed is None:
            continue
        n, used = parsed
        if kind == "between":
            after = rest[used:]
            if after[:1] == ["and"]:
                second = words_to_number(after[1:])
                if second:
                    return CountRange(low=n, high=second[0], text=raw)
            kind = None
        if kind is None:
            after = rest[used:]
            if after[:1] == ["or"] and (second := words_to_number(after[1:])):
                return CountRange(low=min(n, second[0]), high=max(n, second[0]), text=raw, approximate=True)
            if after[:1] == ["to"] and (second := words_to_number(after[1:])):
                return CountRange(low=n, high=second[0], text=raw)
            return CountRange(low=n, high=n, text=raw)
        if kind == "min":
            return CountRange(low=n, high=None, text=raw)
        if kind == "over":
            return CountRange(low=n + 1, high=None, text=raw)
        if kind == "under":
            return CountRange(low=None, high=max(n - 1, 0), text=raw)
        if kind == "upto":
            return CountRange(low=None, high=n, text=raw)
        return CountRange(low=n, high=n, text=raw, approximate=True)
    return None


_VAGUE_LONGEST_FIRST = sorted(((p.split(), v) for p, v in VAGUE.items()), key=lambda pv: -len(pv[0]))


_VAGUE_BY_FIRST: dict[str, list[tuple[list[str], tuple[int, int | None]]]] = {}
for _phrase, _value in _VAGUE_LONGEST_FIRST:
    _VAGUE_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _value))


def _vague_at(toks: list[str]) -> tuple[int, int | None] | None:
    for words, value in _VAGUE_BY_FIRST.get(toks[0], ()) if toks else ():
        if toks[: len(words)] == words:
            # "a few" / "some" followed by a number is a qualifier, not a vague count.
            return None if words_to_number(toks[len(words):]) is not None else value
    return None

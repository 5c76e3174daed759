"""Digits of every script read as ASCII digits: one normalization shared by every reader of numbers.

Persian ("۱۳۹۹/۱۰/۱۱"), Arabic-Indic ("١٤٤٢/٠٥/١٦"), Devanagari ("२०७७"), Bengali, fullwidth and
the other decimal digits of Unicode (general category Nd, `unicodedata.decimal`) mean what 0-9
mean; a reader that ignores them misreads a Solar Hijri date as a Gregorian year 1399, or a count
as absent. The mapping is one code point for one code point, so offsets into the normalized text
are offsets into the original: a match found in `ascii_digits(s)` is quoted from `s` itself.
"""

from __future__ import annotations

import unicodedata

__all__ = ["ascii_digits"]


def ascii_digits(text: str) -> str:
    """`text` with each decimal digit of any script (Unicode Nd) replaced by its ASCII digit; the
    same length as `text`, every other character kept. ASCII text is returned as it is."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and c.isdecimal() else c for c in text)

"""The report's dateline: the one reader of where it ends and of the date it gives.

A wire report opens with its place and date: "KABUL, Jan. 29 (Xinhua) --", "GAO, Mali, Tuesday
(Wire) --", "Mogadishu, 3 March 2021 (SONNA) \u2013", "KABUL (Pajhwok):", and as the MUC-4 messages
(wires of the 1990s) write it, "SAN SALVADOR, 9 JAN 90 (RADIO CADENA ...) -- [REPORT] [...] [TEXT]".
What it says is the report's date and place, never by itself an incident's. Three readers need it:
`text.sentences` shows it apart as `[D]` (with a MUC-4 header's bracketed tags: `header_end`), the
coding stage leaves it out of an incident's evidence (`dateline_end`: `coding.dates`,
`coding.casualty_phrases`, `coding.places`), and `coding.dates.find_anchor` counts relative dates
from its date (`dated_datelines`, `weekday_dateline`). They read it here, the same way, once: the
text stage owns it because the numbering (text) comes before coding, which may import it.

    >>> text = "KABUL, Jan. 29 (Xinhua) -- Gunmen killed two."
    >>> text[:dateline_end(text)]
    'KABUL, Jan. 29 (Xinhua) --'
    >>> [m["month"] for m in dated_datelines(text)]
    ['Jan']
"""

from __future__ import annotations

import re

from extractor.text.digits import ascii_digits
from extractor.text.vocabulary import MONTH_PATTERN, WEEKDAY_PATTERN

__all__ = ["dateline_end", "header_end", "dated_datelines", "weekday_dateline"]

_UPPER = "A-ZÀ-ÖØ-Þ"
_ANY_MONTH = MONTH_PATTERN.replace("?P<month>", "?:")
# A dateline's place: "GAO, Mali, ", "ISLAMABAD, Pakistan" + a line break, "ISLAMABAD" + a line break
# (a city in capitals, then a country); the date may follow a weekday ("Tuesday, May 2, 2023").
_CITY = rf"[{_UPPER}][{_UPPER} .'\-]+(?:,[ \t]*|[ \t]*\n\s*)(?:[{_UPPER}][\w .'\-]+(?:,[ \t]*|[ \t]*\n\s*))?"
_TITLE_CITY = rf"[{_UPPER}][\w.'\-]+(?: [{_UPPER}][\w.'\-]+)*,[ \t]*(?:[{_UPPER}][\w .'\-]+,[ \t]*)?"  # "Mogadishu, "
_ON_DAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_AGENCY_DASH = r"\s*(?:\([^)]{1,40}\))?\s*(?:--|-|\u2014|\u2013|:)"
# "KABUL, Jan. 29 (Xinhua) --", "ABUJA, Nigeria, Tuesday, May 2, 2023 (Wire) --": month first.
_MONTH_DAY = re.compile(
    r"^[ \t]*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?"
    rf"(?:{_CITY}|{_TITLE_CITY}(?={_ON_DAY}{_ANY_MONTH}))?{_ON_DAY}"
    + MONTH_PATTERN + r"\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?(?:" + _AGENCY_DASH + r"|[ \t]*$)",
    re.MULTILINE,
)
# "Mogadishu, 3 March 2021 (SONNA) \u2013", "ISLAMABAD\n29 January 2020": day first, with the year.
_DAY_MONTH = re.compile(
    rf"^[ \t]*(?:{_CITY}|{_TITLE_CITY}(?={_ON_DAY}\d))?{_ON_DAY}(?P<day>\d{{1,2}})\s+" + MONTH_PATTERN
    + r"\s+(?P<year>\d{4})\b(?:" + _AGENCY_DASH + r"|[ \t]*$)?", re.MULTILINE
)
# "LIMA, 9 JAN 90 (EFE) -- [TEXT]": a day-first dateline, as wires of the 1990s (MUC-4) write it.
_DAY_MONTH_DASH = re.compile(
    rf"^[ \t]*[{_UPPER}][{_UPPER} .'\-]+,\s*\d{{1,2}}\s+[A-Za-z]{{3,9}}\.?\s+\d{{2,4}}\s*(?:\([^)]{{1,40}}\))?\s*(?:--|-|\u2014|\u2013)"
    r"(?:\s*\[TEXT\])?"
)
# "SAN SALVADOR, 9 JAN 90 (RADIO CADENA AVANCE) --", "LIMA, 09 JANUARY 1990 (EFE) --": day first as
# the MUC-4 wires write it, the month in capitals (or not) and the year in two digits or four; read
# for its date only (where it ends is `_DAY_MONTH_DASH`'s). The dash after it is required: "9 JAN 90
# PEOPLE" in a sentence is no dateline.
_WIRE_DAY_MONTH = re.compile(
    rf"^[ \t]*(?:date\s+\d{{4}}-\d{{2}}-\d{{2}}\s+)?[{_UPPER}][{_UPPER} .'\-]+(?:\s*\([{_UPPER}][^()\n]{{0,40}}\))?,\s*"
    rf"(?P<day>\d{{1,2}})\s+(?i:{MONTH_PATTERN})\s+(?P<year>\d{{4}}|\d{{2}})\b" + _AGENCY_DASH,
    re.MULTILINE,
)
# "GAO, Mali, Tuesday (Wire) --": a dateline that names the weekday alone (the latest such day on or
# before the publication date); "KABUL (Pajhwok):" one that names no date at all.
_WEEKDAY = re.compile(rf"^[ \t]*(?:{_CITY}|{_TITLE_CITY}){WEEKDAY_PATTERN}(?:{_AGENCY_DASH})", re.MULTILINE)
_NO_DATE = re.compile(rf"^[ \t]*[{_UPPER}][{_UPPER} .'\-]{{2,}}(?:,\s*[{_UPPER}][\w .'\-]+)?"
                      r"\s*(?:\([^)]{1,40}\)\s*(?:--|-|\u2014|\u2013|:)|(?:--|\u2014|\u2013))")
# Any other wire dateline: an optional metadata line (" date 2020-02-01"), the place in capitals
# (with its country in brackets: "ROME (ITALY)") up to a comma, a date (a digit) or "NO DATE", an
# optional (agency), and a dash ("--", em or en dash, " - "): "TEGUCIGALPA, 7 FEB (REUTER) --",
# "NO CITY (PERU), NO DATE --". Without the digit or NO DATE an all-caps sentence ("... STATION,
# KNOWN AS TEXACO - LOS CONGOS") would read as one.
_WIRE = re.compile(
    r"\A\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?"
    r"[A-Z][A-Z\u00C0-\u00DE .'\-]*(?:\s*\([A-Z][^()\n]{0,40}\))?,(?=[^\n]{0,60}?(?:\d|NO DATE))"
    r"[^\n.!?]{0,60}?(?:\b[A-Z][a-z]{2,3}\.[^\n.!?]{0,40}?)?"
    r"(?:\s*\([^()\n]{1,60}\))?\s*(?:--|\u2014|\u2013|\s-)(?=\s|\[)"
)
_FORMS = (_MONTH_DAY, _DAY_MONTH, _DAY_MONTH_DASH, _WEEKDAY, _NO_DATE, _WIRE)  # the first that matches
# A byline on its own line before the dateline ("By Jane Doe, Associated Press\nKABUL, ..."): part of
# the report's header, so the dateline after it still opens the report.
_BYLINE = re.compile(r"\A[ \t]*(?:By|BY)[ \t]+[^\n]{1,80}\n")
# A MUC-4 header's bracketed tags after the dash, up to [TEXT], [EXCERPT(S)] or [SUMMARY]:
# "BOGOTA, 9 JAN 90 (INRAVISION TELEVISION CADENA 1) -- [REPORT] [...] [TEXT]".
_TAGS = re.compile(r"(?:\s*\[[^\[\]]{1,320}\])*?\s*\[(?:TEXT|EXCERPTS?|SUMMARY)\]")
_MAX_TAGS = 600  # characters after the dash in which a MUC-4 header's tags end


def dateline_end(text: str) -> int:
    """Where a dateline that opens `text` (an article or one of its sentences) ends, or 0 when it
    opens with none ("GAO, Mali, April 18 (Wire) -- " ends after the dash)."""
    text = ascii_digits(text)  # same length: the offset indexes `text` as given
    skip = _byline_end(text)
    for form in _FORMS:
        if m := form.match(text[skip:]):
            return skip + m.end()
    return 0


def _byline_end(text: str) -> int:
    """Where a byline line that opens `text` ends (0 without one): a dateline may follow it."""
    m = _BYLINE.match(text)
    return m.end() if m else 0


def header_end(text: str) -> int:
    """Where the report's header ends: its dateline and, in a MUC-4 message, the bracketed tags after
    it up to [TEXT]; 0 when it has no dateline. What `text.sentences` shows apart as `[D]`."""
    end = dateline_end(text)
    if not end:
        return 0
    tags = _TAGS.match(text, end)
    if tags and tags.end() - end <= _MAX_TAGS:
        end = tags.end()
    return end


def dated_datelines(head: str) -> list[re.Match[str]]:
    """The datelines in `head` (an article's opening, digits in ASCII) that name a month and day,
    month first and then day first, each with the groups `month`, `day` and `year` (None when not
    written; two digits in a MUC-4 wire's "9 JAN 90", whose century `find_anchor` chooses; the month
    as written, in capitals there): what `coding.dates.find_anchor` dates the report by."""
    return [m for form in (_MONTH_DAY, _DAY_MONTH, _WIRE_DAY_MONTH) if (m := form.search(head))]


def weekday_dateline(head: str) -> re.Match[str] | None:
    """A dateline opening `head` that names the weekday alone ("GAO, Mali, Tuesday (Wire) --"), with
    the group `weekday`; None otherwise."""
    return _WEEKDAY.match(head, _byline_end(head))

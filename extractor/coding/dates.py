"""Dates as written resolved against the article's anchor (its dateline or publication date).

A small model does not do date arithmetic; this module does, the same way every time.
A weekday means the latest such day on or before the anchor. Without an anchor, relative
expressions stay unresolved rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractor.text.vocabulary import NUMBER_WORDS

__all__ = ["offset_from_other", "Anchor", "DateValue", "find_anchor", "resolve", "find_expressions", "MONTHS", "WEEKDAYS"]

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


class Anchor(BaseModel):
    model_config = ConfigDict(frozen=True)

    date: dt.date
    source: Literal["dateline", "published", "metadata"]
    text: str


class DateValue(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: dt.date
    end: dt.date | None = None
    precision: Literal["day", "week", "month"]
    text: str


_DATELINE = re.compile(
    r"^[ \t]*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?"
    r"(?:[A-Z][A-Z .'\-]+,\s*(?:[A-Z][A-Za-z .]+,\s*)?)?"
    + _MONTH + r"\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?\s*(?:\([^)]{1,40}\))?\s*(?:--|-|\u2014|\u2013)",
    re.MULTILINE,
)
_DATELINE_DMY = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z .'\-]+,\s*)?(?P<day>\d{1,2})\s+" + _MONTH + r"\s+(?P<year>\d{4})\b", re.MULTILINE
)
_METADATA = re.compile(r"^\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)


def _year_for(month: int, day: int, near: dt.date) -> dt.date:
    """The month/day nearest `near` (a dateline 'Dec. 31' on a Jan. 2 publication is last year's)."""
    options = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - near).days))


def find_anchor(article: str, published: dt.date | None = None) -> Anchor | None:
    """The date relative expressions count from: dateline, else publication date, else a metadata line."""
    head = article[:400]
    meta = _METADATA.search(head)
    meta_date = dt.date.fromisoformat(meta.group("iso")) if meta else None
    for pattern in (_DATELINE, _DATELINE_DMY):
        m = pattern.search(head)
        if not m:
            continue
        month, day = MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
        if m.group("year"):
            date = dt.date(int(m.group("year")), month, day)
        else:
            near = published or meta_date
            if near is None:
                continue
            date = _year_for(month, day, near)
        return Anchor(date=date, source="dateline", text=m.group(0).strip())
    if published:
        return Anchor(date=published, source="published", text=published.isoformat())
    if meta_date:
        return Anchor(date=meta_date, source="metadata", text=meta.group(0).strip())  # type: ignore[union-attr]
    return None


def _latest_weekday(weekday: int, anchor: dt.date) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


_EXPLICIT_MDY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b", re.IGNORECASE)
_EXPLICIT_DMY = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?\b", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_RELATIVE: list[tuple[re.Pattern[str], int, str]] = [
    (re.compile(r"\bthe day before yesterday\b", re.I), -2, "day"),
    (re.compile(r"\byesterday\b|\blast night\b|\bovernight\b|\bthe (?:previous|preceding) day\b|\bthe day before\b", re.I), -1, "day"),
    (re.compile(r"\btoday\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b|\bearlier in the day\b", re.I), 0, "day"),
    (re.compile(r"\blast week\b|\bearlier this week\b|\bthis week\b", re.I), -7, "week"),
]
_MONTHLY = re.compile(r"\b(?P<which>earlier this month|this month|last month|early this month|late last month)\b", re.I)


def _explicit(text: str, anchor: dt.date | None) -> tuple[bool, DateValue | None]:
    """(found, value) for an ISO or written-out date; value None when it needs an anchor we lack."""
    if m := _ISO.search(text):
        return True, DateValue(value=dt.date(int(m["year"]), int(m["month"]), int(m["day"])), precision="day", text=text)
    for pattern in (_EXPLICIT_MDY, _EXPLICIT_DMY):
        if m := pattern.search(text):
            month, day = MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
            if m["year"]:
                return True, DateValue(value=dt.date(int(m["year"]), month, day), precision="day", text=text)
            if anchor is None:
                return True, None
            # A date without a year is the latest such date on or before the anchor.
            year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
            return True, DateValue(value=dt.date(year, month, day), precision="day", text=text)
    return False, None


def resolve(expression: str | None, anchor: dt.date | None) -> DateValue | None:
    """Resolve one expression; None when it names no date or needs an anchor we lack."""
    if not expression or not expression.strip():
        return None
    text = expression.strip()
    try:
        matched, explicit = _explicit(text, anchor)
    except ValueError:  # "JAN 90" read as January 90th, "Feb. 30": not a date
        matched, explicit = False, None
    if matched:
        return explicit
    if anchor is None:
        return None
    weekdays = re.findall(_WEEKDAY, text, flags=re.I)
    if len(weekdays) >= 2 and re.search(r"\bbetween\b|\bfrom\b|\bto\b|\buntil\b|\band\b", text, re.I):
        first, last = (_latest_weekday(WEEKDAYS[w.lower()], anchor) for w in (weekdays[0], weekdays[-1]))
        if first > last:
            first -= dt.timedelta(days=7)
        return DateValue(value=first, end=last, precision="week" if (last - first).days > 1 else "day", text=text)
    if weekdays:
        return DateValue(value=_latest_weekday(WEEKDAYS[weekdays[0].lower()], anchor), precision="day", text=text)
    for pattern, offset, precision in _RELATIVE:
        if pattern.search(text):
            return DateValue(value=anchor + dt.timedelta(days=offset), precision=precision, text=text)  # type: ignore[arg-type]
    if m := _MONTHLY.search(text):
        first_of_month = anchor.replace(day=1)
        if m["which"].lower().endswith("last month"):
            last_month_end = first_of_month - dt.timedelta(days=1)
            return DateValue(value=last_month_end.replace(day=1), end=last_month_end, precision="month", text=text)
        return DateValue(value=first_of_month, end=anchor, precision="month", text=text)
    return _dateparser(text, anchor)


# dateparser reads many more forms ("three days ago", "the 27th", "27/01/2020"), but it also
# reads junk as dates ("may" the verb, "now"); it is asked only when the text has a digit, a
# number of days "ago", or a month name, and only after our own rules found nothing.
_DATEPARSER_WORTHY = re.compile(r"\d|\bago\b|" + _MONTH.replace("?P<month>", "?:").replace("May|", "May(?=\\s+\\d)|"), re.IGNORECASE)


def _dateparser(text: str, anchor: dt.date) -> DateValue | None:
    if not _DATEPARSER_WORTHY.search(text):
        return None
    import dateparser

    parsed = dateparser.parse(
        text, languages=["en"],
        settings={"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time()), "PREFER_DATES_FROM": "past"},
    )
    if parsed is None:
        return None
    return DateValue(value=parsed.date(), precision="day", text=text)


# "a day later", "two days earlier": number words from the shared vocabulary.
_NUMBERS = {"a": 1, **NUMBER_WORDS}
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

_FINDER = re.compile(  # every alternative starts at a word boundary: no "Monday" inside another word
    r"\b(?:(?:early|late|on|last|this|in the wee hours of|the early hours of|overnight|since)\s+)*"
    + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\bthe (?:day before|previous day|preceding day|next day|following day|same day)\b|\ba day (?:later|earlier)\b"
    r"|\b(?:" + _NUMBER_WORD + r"|\d+) days (?:later|earlier)\b"
    r"|\bthe day before yesterday\b|\byesterday\b|\blast night\b|\bovernight\b|\btoday\b|\btonight\b|\blast week\b|\blast month\b|\bearlier this (?:week|month)\b"
    r"|\b" + _MONTH.replace("?P<month>", "?:") + r"\s+\d{1,2}(?:,?\s+\d{4})?",
    re.IGNORECASE,
)
_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|confirmed|added|stated)\s*$", re.I)


_FROM_OTHER = re.compile(
    r"\b(?:(?P<before>the day before|the (?:previous|preceding) day)|(?P<after>the (?:next|following) day)"
    r"|(?P<same>the same day)|(?P<n>a|" + _NUMBER_WORD + r"|\d+) days? (?P<dir>later|earlier|before))\b",
    re.IGNORECASE,
)


def offset_from_other(expression: str | None) -> int | None:
    """Days from the incident reported before, for expressions that count from it ("the day before",
    "a day later", "the same day", "two days later"); None for any other expression."""
    if not expression or not (m := _FROM_OTHER.search(expression)) or re.search(r"yesterday", expression, re.I):
        return None
    if m["before"]:
        return -1
    if m["after"]:
        return 1
    if m["same"]:
        return 0
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
    return n if m["dir"].lower() == "later" else -n


def find_expressions(sentence: str) -> list[str]:
    """Date expressions in a sentence, leaving out the date of a statement ('officials said Wednesday')."""
    found = []
    for m in _FINDER.finditer(sentence):
        if _REPORTING.search(sentence[: m.start()]):
            continue
        found.append(m.group(0).strip())
    return found

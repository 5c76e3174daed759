"""Dates as written resolved against the article's anchor (its dateline or publication date).

A small model does not do date arithmetic; this module does, the same way every time.
A weekday means the latest such day on or before the anchor. Without an anchor, relative
expressions stay unresolved rather than guessed. A date written with month or year precision
("in March 2021", "late last month", "last year") is that month or year (ACLED time_precision 3,
UCDP date_prec 4 or 5), never a day borrowed from the anchor; "the first week of May" is that
week. Solar and lunar Hijri dates are converted by `calendars`; Ethiopian and Nepali dates, seasons
("in the spring") and vague periods ("in recent weeks") are left unresolved with a warning that says
so, as is any date expression these rules cannot read: an unreadable date is never silent. The
dateline is the report's date and place: a date expression inside it is never the event's
(`text.dateline`, the one reader of datelines, says where it ends and gives the anchor its date),
and a resolved date more than a year before the anchor, or after it, is kept but warned about as
suspect (`date_of_incident`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractor.coding.background import reports_event
from extractor.coding.calendars import (
    CALENDAR_EXPRESSION, HINT_WORDS, PLAUSIBLE_DAYS, UNREAD_EXPRESSION, WORDS, latin_month_names, other_calendar,
    unread_calendar,
)
from extractor.records import ResolvedDate
from extractor.text.dateline import dated_datelines, dateline_end, weekday_dateline
from extractor.text.digits import ascii_digits
from extractor.text.vocabulary import MONTH_PATTERN, MONTHS, NUMBER_WORDS, WEEKDAY_PATTERN, WEEKDAYS

__all__ = ["offset_from_other", "Anchor", "DateValue", "find_anchor", "resolve", "find_expressions",
           "date_of_incident", "SUSPECT_DAYS"]

_MONTH = MONTH_PATTERN
_WEEKDAY = WEEKDAY_PATTERN


class Anchor(BaseModel):
    model_config = ConfigDict(frozen=True)

    date: dt.date
    source: Literal["dateline", "published", "metadata"]
    text: str


class DateValue(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: dt.date
    end: dt.date | None = None
    precision: Literal["day", "week", "month", "year"]
    text: str
    note: str | None = None  # how it was read, when that is worth saying (another calendar)


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


def _dateline_year(written: str, near: dt.date | None, today: dt.date) -> int:
    """A dateline's year as written. Four digits are the year. Two ("9 JAN 90": the MUC-4 wires of
    1989-90) take the century that puts the year nearest `near` (the publication date the caller
    gave, or a metadata line) when there is one; else a pivot: 19YY when YY is past next year's last
    two digits (no report is dated further ahead than that), else 20YY ("25" is 2025, "90" 1990)."""
    year = int(written)
    if len(written) == 4:
        return year
    if near is not None:
        return min((1900 + year, 2000 + year), key=lambda y: abs(y - near.year))
    return 1900 + year if year > today.year % 100 + 1 else 2000 + year


def find_anchor(article: str, published: dt.date | None = None, today: dt.date | None = None) -> Anchor | None:
    """The date relative expressions count from: dateline, else publication date, else a metadata line.
    `today` (the clock's date when not given) only sets the century of a two-digit dateline year
    when neither a publication date nor a metadata line does (`_dateline_year`)."""
    head = ascii_digits(article[:400])
    meta = _METADATA.search(head)
    meta_date = dt.date.fromisoformat(meta.group("iso")) if meta else None
    for m in dated_datelines(head):
        month, day = MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
        if m.group("year"):
            year = _dateline_year(m.group("year"), published or meta_date, today or dt.date.today())
            try:
                date = dt.date(year, month, day)
            except ValueError:  # "31 FEB 90": not a date, so no anchor from it
                continue
        else:
            near = published or meta_date
            if near is None:
                continue
            date = _year_for(month, day, near)
        return Anchor(date=date, source="dateline", text=article[m.start():m.end()].strip())
    near = published or meta_date
    if near is not None and (m := weekday_dateline(head)):
        date = _latest_weekday(WEEKDAYS[m["weekday"].lower()], near)
        return Anchor(date=date, source="dateline", text=article[m.start():m.end()].strip())
    if published:
        return Anchor(date=published, source="published", text=published.isoformat())
    if meta_date:
        return Anchor(date=meta_date, source="metadata", text=article[meta.start():meta.end()].strip())  # type: ignore[union-attr]
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
    return _resolve(expression, anchor)[0]


def _resolve(expression: str | None, anchor: dt.date | None) -> tuple[DateValue | None, str | None]:
    """(value, why not) for one expression: the reason is given when it names a date we could not read."""
    if not expression or not expression.strip():
        return None, None
    written = expression.strip()
    readable = re.sub(r"\s+", " ", latin_month_names(ascii_digits(written)))  # "۱۱ جدی ۱۳۹۹" is "11 Jadi 1399"
    value, why = _resolve_ascii(readable, anchor)
    return (value.model_copy(update={"text": written}) if value else None), why


def _resolve_ascii(text: str, anchor: dt.date | None) -> tuple[DateValue | None, str | None]:
    if why := unread_calendar(text) or _vague(text):
        return None, why
    if converted := other_calendar(text, anchor):
        if converted.value is None:
            return None, converted.note
        return DateValue(value=converted.value, end=converted.end, precision=converted.precision, text=text,  # type: ignore[arg-type]
                         note=converted.note), None
    return _gregorian(text, anchor), None


def _gregorian(text: str, anchor: dt.date | None) -> DateValue | None:
    try:
        matched, explicit = _explicit(text, anchor)
    except ValueError:  # "JAN 90" read as January 90th, "Feb. 30": not a date
        matched, explicit = False, None
    if matched:
        return explicit
    if (week := _week_of_month(text, anchor)) is not None:
        return week
    if (period := _period(text, anchor)) is not None or anchor is None:
        return period
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
    return _ago(text, anchor) or _dateparser(text, anchor)


# Month and year precision. Month names must be capitalized here ("may" is a verb); a part of the
# period narrows it: early / the beginning of = days 1-10 (months Jan-Apr of a year), mid = 11-20
# (May-Aug), late / the end of = 21-end (Sep-Dec), as ACLED codes "beginning/end of the month".
_PART = r"(?:(?P<part>(?i:early|mid|late|the (?:beginning|start|middle|end) of))[\s-]+)?"
_IN = r"(?:(?i:in|during|since|from|at|by)\s+)?"  # "at the beginning of April"
_MONTH_PERIOD = re.compile(r"^" + _IN + _PART + _MONTH + r"(?:,?\s+(?:of\s+)?(?P<year>\d{4}))?$")
_YEAR_PERIOD = re.compile(r"^" + _IN + _PART + r"(?P<year>(?:1[89]|20)\d{2})$")
# "in 2020-21", "in 2019/20", "2019-2020": the two years, at year precision (never a day of one).
_YEARS_PERIOD = re.compile(r"^" + _IN + r"(?P<year>(?:1[89]|20)\d{2})\s*(?:[-/\u2013]|to|and|or)\s*(?P<last>\d{2}|\d{4})$")
# "in April or May", "in March-April 2021", "between March and May": from the first month to the last.
_MONTHS_PERIOD = re.compile(
    r"^(?:(?i:between)\s+|" + _IN + r")" + _MONTH + r"\s*(?:[-/\u2013]|(?i:or|and|to|through|until))\s*"
    + _MONTH.replace("?P<month>", "?P<last_month>") + r"(?:,?\s+(?:of\s+)?(?P<year>\d{4}))?$"
)
_RELATIVE_PERIOD = re.compile(
    r"^(?:in\s+|during\s+)?" + _PART + r"(?P<which>(?:earlier |later )?this|last|the previous) (?P<unit>month|year)$",
    re.IGNORECASE,
)
_THIRDS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}


def _window(first: dt.date, last: dt.date, part: str | None, unit: str) -> tuple[dt.date, dt.date]:
    """The part of a month or year that "early", "mid", "late" name (ACLED: beginning/end of the month)."""
    if not part:
        return first, last
    third = _THIRDS[part.split()[-2] if part.lower().startswith("the ") else part.lower()]
    if unit == "month":
        bounds = [(1, 10), (11, 20), (21, last.day)][third]
        return first.replace(day=bounds[0]), first.replace(day=bounds[1])
    months = [(1, 4), (5, 8), (9, 12)][third]
    return first.replace(month=months[0]), _month_last(first.year, months[1])


def _month_last(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def _period(text: str, anchor: dt.date | None) -> DateValue | None:
    """A month or a year, whole or in part: "in March 2021", "early March", "late last month", "in 2019"."""
    text = re.sub(r"\s+", " ", text.strip().rstrip(".,"))
    unit, first, last, part = _named_period(text, anchor)
    if first is None or last is None:
        return None
    first, last = _window(first, last, part, unit)
    if anchor is not None and first <= anchor < last:
        last = anchor  # "this month", "earlier this year": up to the report, never after it
    return DateValue(value=first, end=last, precision="month" if unit == "month" else "year", text=text)


def _named_period(text: str, anchor: dt.date | None) -> tuple[str, dt.date | None, dt.date | None, str | None]:
    """(unit, first day, last day, part) of the period `text` names; (.., None, None, None) if none."""
    if m := _MONTH_PERIOD.match(text):
        month = MONTHS[m["month"].lower().rstrip(".")]
        if m["year"]:
            year = int(m["year"])
        elif anchor is not None:  # a month (or part of one) without a year: the latest on or before the anchor
            start = _window(dt.date(anchor.year, month, 1), _month_last(anchor.year, month), m["part"], "month")[0]
            year = anchor.year if start <= anchor else anchor.year - 1
        else:
            return "month", None, None, None
        return "month", dt.date(year, month, 1), _month_last(year, month), m["part"]
    if m := _MONTHS_PERIOD.match(text):
        return _months_span(m, anchor)
    if (m := _YEARS_PERIOD.match(text)) and 0 < (last := _full_year(m["year"], m["last"])) - int(m["year"]) <= 10:
        return "year", dt.date(int(m["year"]), 1, 1), dt.date(last, 12, 31), None
    if m := _YEAR_PERIOD.match(text):
        year = int(m["year"])
        return "year", dt.date(year, 1, 1), dt.date(year, 12, 31), m["part"]
    if (m := _RELATIVE_PERIOD.match(text)) and anchor is not None:
        back = 0 if m["which"].lower().endswith("this") else 1
        if m["unit"].lower() == "month":
            first = (anchor.replace(day=1) - dt.timedelta(days=1)).replace(day=1) if back else anchor.replace(day=1)
            return "month", first, _month_last(first.year, first.month), m["part"]
        year = anchor.year - back
        return "year", dt.date(year, 1, 1), dt.date(year, 12, 31), m["part"]
    return "", None, None, None


def _full_year(first: str, last: str) -> int:
    """The second year of "2020-21" (2021) or "2019-2020" (2020)."""
    return int(first[:2] + last) if len(last) == 2 else int(last)


def _months_span(m: re.Match[str], anchor: dt.date | None) -> tuple[str, dt.date | None, dt.date | None, str | None]:
    """(unit, first day, last day, part) of "April or May [2021]": from the first month's first day to
    the last month's last day (into the next year when the last month comes first in the calendar);
    without a year, the latest such span that began on or before the anchor."""
    first_month = MONTHS[m["month"].lower().rstrip(".")]
    last_month = MONTHS[m["last_month"].lower().rstrip(".")]
    if m["year"]:
        year = int(m["year"]) - (1 if last_month < first_month else 0)  # "December-January 2021": Dec. 2020
    elif anchor is not None:
        year = anchor.year if dt.date(anchor.year, first_month, 1) <= anchor else anchor.year - 1
    else:
        return "month", None, None, None
    last_year = year + (1 if last_month < first_month else 0)
    return "month", dt.date(year, first_month, 1), _month_last(last_year, last_month), None


# "a year ago", "six months ago", "three weeks ago", "two days ago": counted back from the anchor, at
# the precision of the unit counted (ACLED: a date no more precise than the report gives).
_AGO = re.compile(r"^(?:(?i:about|some|around|nearly|almost|over|more than)\s+)?(?P<n>(?i:a|an|\d+|"
                  + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
                  + r"))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago|earlier|before)$")


def _ago(text: str, anchor: dt.date) -> DateValue | None:
    """The period `text` ("six months ago") names, counted back from the anchor; None for other text."""
    m = _AGO.match(re.sub(r"\s+", " ", text.strip().rstrip(".,")))
    if not m:
        return None
    n = 1 if m["n"].lower() in ("a", "an") else int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"].lower()]
    unit = m["unit"].lower()
    if unit == "day":
        return DateValue(value=anchor - dt.timedelta(days=n), precision="day", text=text)
    if unit == "week":
        start = anchor - dt.timedelta(days=7 * n)
        return DateValue(value=start - dt.timedelta(days=3), end=start + dt.timedelta(days=3), precision="week", text=text)
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 - n
        year, month = divmod(months, 12)
        return DateValue(value=dt.date(year, month + 1, 1), end=_month_last(year, month + 1), precision="month", text=text)
    year = anchor.year - n
    return DateValue(value=dt.date(year, 1, 1), end=dt.date(year, 12, 31), precision="year", text=text)


# "the first week of May", "the last week of March 2021", "the second week of last month": days 1-7,
# 8-14, 15-21, 22-28, or the month's last seven, precision week (ACLED time_precision 2).
_WEEK_OF = re.compile(
    r"^(?:(?i:in|during|over)\s+)?(?i:the)\s+(?P<nth>(?i:first|second|third|fourth|last|final))\s+(?i:week)\s+(?i:of)\s+"
    r"(?:(?P<rel>(?i:this|last|the previous))\s+(?i:month)|" + _MONTH + r"(?:,?\s+(?:of\s+)?(?P<year>\d{4}))?)$"
)
_NTH_WEEK = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def _week_of_month(text: str, anchor: dt.date | None) -> DateValue | None:
    """A week named by its place in a month; a month without a year is the latest whose week began
    on or before the anchor, and the week ends at the anchor at the latest."""
    if not (m := _WEEK_OF.match(re.sub(r"\s+", " ", text.strip().rstrip(".,")))):
        return None
    if m["rel"]:
        if anchor is None:
            return None
        first = anchor.replace(day=1)
        month_first = first if m["rel"].lower() == "this" else (first - dt.timedelta(days=1)).replace(day=1)
        candidates = [month_first]
    elif m["year"]:
        candidates = [dt.date(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], 1)]
    elif anchor is None:
        return None
    else:
        month = MONTHS[m["month"].lower().rstrip(".")]
        candidates = [dt.date(anchor.year, month, 1), dt.date(anchor.year - 1, month, 1)]
    for month_first in candidates:
        last_day = _month_last(month_first.year, month_first.month)
        nth = _NTH_WEEK.get(m["nth"].lower())
        start = month_first + dt.timedelta(days=7 * nth) if nth is not None else last_day - dt.timedelta(days=6)
        end = start + dt.timedelta(days=6)
        if anchor is None or start <= anchor or month_first is candidates[-1]:
            end = min(end, anchor) if anchor is not None and start <= anchor else end
            return DateValue(value=start, end=end, precision="week", text=text)
    return None


# Periods that name no dates: seasons (they differ by hemisphere and custom: "the rainy season") and
# vague spans ("in recent weeks", "a few days ago"). Read as unresolved, with the reason.
_SEASON_WORDS = r"spring|summer|autumn|winter|monsoon|(?:rainy|dry|harvest|lean|fighting) season"
_SEASON = (r"\b(?:(?:in|during|over|through|throughout|since)\s+(?:the\s+)?|(?:this|last|earlier this|later this)\s+)"
           r"(?:(?:early|late|mid)[\s-]+)?(?:" + _SEASON_WORDS + r")\b(?:\s+of\s+\d{4})?"
           r"|\b(?:in|during)\s+the\s+fall\b(?:\s+of\s+\d{4})?(?!\s+of)|\b(?:this|last)\s+fall\b")
_SEASON_RE = re.compile(_SEASON, re.IGNORECASE)
_VAGUE_RE = re.compile(
    r"\bin\s+recent\s+(?:days|weeks|months|years)\b|\brecent(?:ly)?\b|\b(?:a few|several|some|many|a couple of)\s+(?:days|weeks|months|years)\s+(?:ago|earlier|before)\b"
    r"|(?:^|\b(?:just|only)\s+)(?:days|weeks|months|years)\s+(?:ago|earlier)\b"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:few\s+|several\s+|couple of\s+)?(?:days|weeks|months|years)\b",
    re.IGNORECASE,
)


def _vague(text: str) -> str | None:
    """Why a season or a vague span is left unresolved; None for any other text."""
    if m := _SEASON_RE.search(text):
        return (f"{m.group(0)!r} is a season, which names no dates (they differ by hemisphere and custom): "
                "unresolved; code the date by hand")
    if m := _VAGUE_RE.search(text):
        return f"{m.group(0)!r} is a vague period, not a date: unresolved; code the date by hand"
    return None


# dateparser reads many more forms ("three days ago", "the 27th", "27/01/2020"), but it also
# reads junk as dates ("may" the verb, "now"); it is asked only when the text has a digit, a
# number of days "ago", or a month name, and only after our own rules found nothing.
_DATEPARSER_WORTHY = re.compile(r"\d|\bago\b|" + _MONTH.replace("?P<month>", "?:").replace("May|", "May(?=\\s+\\d)|"), re.IGNORECASE)


def _dateparser(text: str, anchor: dt.date) -> DateValue | None:
    if not _DATEPARSER_WORTHY.search(text):
        return None
    import dateparser

    parsed = dateparser.parse(  # REQUIRE_PARTS: a text without a day gets none borrowed from the anchor
        text, languages=["en"],
        settings={"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time()), "PREFER_DATES_FROM": "past",
                  "REQUIRE_PARTS": ["day"]},
    )
    if parsed is None:
        return None
    return DateValue(value=parsed.date(), precision="day", text=text)


# "a day later", "two days earlier": number words from the shared vocabulary.
_NUMBERS = {"a": 1, **NUMBER_WORDS}
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

_ANY_MONTH = _MONTH.replace("?P<month>", "?:")
# Without a number beside it, "may" is the verb: only "May" or "MAY" is the month.
_NAMED_MONTH = _ANY_MONTH.replace("May|", "(?-i:May|MAY)|")
_FINDER = re.compile(  # every alternative starts at a word boundary: no "Monday" inside another word
    r"\b(?:(?:early|late|on|last|this|in the wee hours of|the early hours of|overnight|since)\s+)*"
    + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\bthe (?:day before|previous day|preceding day|next day|following day|same day)\b|\ba day (?:later|earlier)\b"
    r"|\b(?:" + _NUMBER_WORD + r"|\d+) days (?:later|earlier)\b"
    r"|\b(?:a|an|" + _NUMBER_WORD + r"|\d+) (?:day|week|month|year)s? ago\b"
    r"|\bthe day before yesterday\b|\byesterday\b|\blast night\b|\bovernight\b|\btoday\b|\btonight\b|\blast week\b|\blast month\b|\bearlier this (?:week|month)\b"
    r"|\b" + _ANY_MONTH + r"\s+\d{1,2}(?!\d)(?:,?\s+\d{4})?",
    re.IGNORECASE,
)
# Months and years as periods, and day-first dates: asked only of a sentence with a month's name,
# "month", "year" or a year in it (the alternation is slow to try at every word).
_PERIOD_FINDER = re.compile(  # first the month spans: the first alternative that matches is taken
    r"\b(?:(?:in|during|between)\s+)?" + _NAMED_MONTH + r"\s*(?:[-/\u2013]|\s(?:or|and|to|through|until)\s)\s*"
    + _ANY_MONTH + r"(?:,?\s+\d{4})?\b"
    r"|\b(?:(?:in|during)\s+)?(?:(?:early|mid|late)[\s-]+)?" + _ANY_MONTH + r"\s+(?:of\s+)?\d{4}\b"
    r"|\b(?:(?:in|during)\s+(?:(?:early|mid|late)[\s-]+)?|(?:early|mid|late)[\s-]+)" + _NAMED_MONTH + r"(?![\w.]|\s+\d)"
    r"|\b\d{1,2}\s+(?:of\s+)?" + _ANY_MONTH + r"(?:,?\s+\d{4})?"
    r"|\b(?:in|during)\s+(?:(?:early|mid|late)\s+)?(?:19|20)\d{2}(?:\s*[-/\u2013]\s*(?:\d{4}|\d{2})(?![\d/\-]))?\b"
    r"|\b(?:at|in|by)\s+the\s+(?:beginning|start|middle|end)\s+of\s+" + _ANY_MONTH + r"(?:,?\s+(?:of\s+)?\d{4})?\b"
    r"|\b(?:(?:early|late)\s+)?(?:last|this|earlier this|the previous) (?:month|year)\b"
    r"|\b(?:(?:in|during|over)\s+)?the\s+(?:first|second|third|fourth|last|final)\s+week\s+of\s+"
    r"(?:(?:this|last|the previous)\s+month|" + _ANY_MONTH + r"(?:,?\s+(?:of\s+)?\d{4})?)",
    re.IGNORECASE,
)
_PERIOD_WORDS = frozenset({*MONTHS, "month", "year", *(str(y) for y in range(1800, 2100))})
_CALENDAR_FINDER = re.compile(CALENDAR_EXPRESSION, re.IGNORECASE)
_UNREAD_FINDER = re.compile(UNREAD_EXPRESSION)
_SEASON_FINDER = re.compile(_SEASON, re.IGNORECASE)
_SEASON_HINTS = frozenset({"spring", "summer", "autumn", "winter", "monsoon", "season", "fall"})
# The verbs that make a statement; the day next to one is the statement's ("condemned today the
# assassination", "police on Monday said").
_STATEMENT_VERBS = (r"said|says|told|announced|reported|confirmed|added|stated|demanded|denounced|condemned|"
                    r"urged|declared|deplored|disclosed|revealed")
# The day of a statement, written after its verb: "officials said Wednesday", "said in a statement
# on Monday", "told Reuters on Monday", "told reporters on Monday", "according to police on
# Tuesday", "according to a police statement on Monday", "In a statement on Monday, police said",
# "Speaking to reporters on Monday, ...". Not "said that on Monday
# gunmen ...", "said Taliban on Monday killed ...", "said in a raid on Monday ...", "according to
# police the attack on Monday ...": there the day is the event's.
_REPORTING = re.compile(
    r"\b(?i:(?:" + _STATEMENT_VERBS + r")"
    r"(?:\s+in\s+an?\s+(?:\w+\s+)?statement(?:\s+(?:released|issued|posted))?)?)\s*$"
    r"|\b(?i:told)\s+(?:(?!(?i:that|on|in|at|of)\b)[A-Z][\w.]*|(?i:reporters|journalists))(?:\s+(?i:by\s+tele?phone))?\s*$"
    r"|\b(?i:according\s+to)\s+(?i:the\s+)?[\w.]+(?:\s+[\w.]+)?\s*$"
    r"|\b(?i:according\s+to\s+an?\s+(?:\w+\s+)?statement)\s*$"
    r"|^\W*(?i:in\s+an?\s+(?:\w+\s+)?statement|speaking\s+to\s+(?:reporters|journalists))\s*$")
# The day a statement was made, written before its verb: "police on Monday said ...", "THE MNR TODAY
# DEMANDED AN INQUIRY INTO THE ASSASSINATION" (see `_statement_day`).
_REPORTED_AFTER = re.compile(r"\s*(?:" + _STATEMENT_VERBS + r")\b(?!\s+by\b)", re.I)


def _statement_day(sentence: str, start: int, end: int) -> bool:
    """Whether the date expression at sentence[start:end] is the day a statement was made: right
    after a reporting verb ("officials said Wednesday"), or right before one whose subject is all
    that comes before it ("Police on Monday said ..."). Not when an event was told before it
    ("three were killed on Monday said police"), nor a passive ("an explosion on Monday reported
    by local media"), nor after a comma ("killed on Monday, said a local official")."""
    before = sentence[dateline_end(sentence):start]
    if _REPORTING.search(before):
        return True
    return bool(_REPORTED_AFTER.match(sentence, end)) and not reports_event(before)


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
    """Date expressions in a sentence, leaving out the dateline and the date of a statement
    ('officials said Wednesday', 'police on Monday said')."""
    original, sentence = sentence, ascii_digits(sentence)  # same length: spans index `original`
    skip = dateline_end(sentence)
    matches = list(_FINDER.finditer(sentence, skip))
    words = set(WORDS.findall(sentence.lower()))
    if not _PERIOD_WORDS.isdisjoint(words):
        matches += _PERIOD_FINDER.finditer(sentence, skip)
    if not HINT_WORDS.isdisjoint(words) or re.search(r"\b[EBV]\.\s?[CS]\.", sentence):
        # the calendars' long alternations, only where they can match
        matches += [*_CALENDAR_FINDER.finditer(sentence, skip), *_UNREAD_FINDER.finditer(sentence, skip)]
    if not _SEASON_HINTS.isdisjoint(words):
        matches += _SEASON_FINDER.finditer(sentence, skip)
    kept: list[re.Match[str]] = []
    for m in sorted(matches, key=lambda m: (m.start(), -m.end())):  # the longest at a place; no overlaps
        if (not kept or m.start() >= kept[-1].end()) and not _statement_day(sentence, m.start(), m.end()):
            kept.append(m)
    return [original[m.start():m.end()].strip() for m in kept]


SUSPECT_DAYS = PLAUSIBLE_DAYS  # a resolved date further before the anchor than this, or after it, is suspect


def date_of_incident(when: str | None, sentences: list[str], article: str,
                     anchor: Anchor | None) -> tuple[ResolvedDate, list[str]]:
    """The incident's date: the model's `when` if the incident's own evidence says it (outside a
    dateline), else the first date expression of the evidence; with warnings where the two
    disagree, where a date in another calendar was read or could not be, and where it is suspect."""
    anchor_date = anchor.date if anchor else None
    own = [s[dateline_end(s):] for s in sentences]
    from_evidence = [e for s in own for e in find_expressions(s)]
    model_when = when if when and when.lower() in " ".join(own).lower() else None
    warnings = [f"the model's date {when!r} is not in {_where(when, sentences, article)}; used the evidence instead"] \
        if when and not model_when else []
    if model_when and _only_statement_days(model_when, own):
        warnings.append(f"the model's date {when!r} is the day of a statement, not the event's; used the evidence instead")
        model_when = None
    chosen, reasons = None, []
    for expression in ([model_when] if model_when else []) + from_evidence:
        chosen, why = _resolve(expression, anchor_date)
        reasons += [why] if why and why not in reasons else []
        if chosen:
            break
    warnings += reasons if chosen else []
    if chosen and from_evidence and model_when and chosen.text == model_when:
        other = resolve(from_evidence[0], anchor_date)
        if other and other.value != chosen.value:
            warnings.append(f"evidence says {from_evidence[0]!r} ({other.value}); kept the model's {model_when!r} ({chosen.value})")
    if chosen is None:
        expression = _counted_from_other([model_when] if model_when else [], from_evidence) \
            or model_when or (from_evidence[0] if from_evidence else None)
        return _without_date(expression, anchor), warnings + reasons + _why_none(expression, anchor, bool(reasons))
    chosen, shifted = _local_day(chosen, own)
    warnings += [n for n in (chosen.note, shifted, _suspect(chosen, anchor_date)) if n]
    return ResolvedDate(value=chosen.value, end=chosen.end, precision=chosen.precision, text=chosen.text,
                        anchor=anchor_date), warnings


def _only_statement_days(when: str, sentences: list[str]) -> bool:
    """Whether every place the evidence says `when` is a statement's day (`_statement_day`)."""
    places = [(s, m.start(), m.end()) for s in sentences for m in re.finditer(re.escape(when), s, re.IGNORECASE)]
    return bool(places) and all(_statement_day(s, start, end) for s, start, end in places)


# A time-zone note: local time, then the same moment in GMT with, past midnight there, GMT's day.
# FBIS: "AT 2230 [0230 GMT ON 12 JANUARY]"; wires: "at 0500 (2100 GMT on Jan. 11)", "at 5 a.m.
# (2100 GMT Monday)".
_CLOCK = r"(?:2[0-3]|[01]?\d)(?::?[0-5]\d)?(?!\d)(?:\s*[ap]\.?m\.?)?"
_GMT_NOTE = re.compile(r"\b(?P<local>" + _CLOCK + r")(?:\s*(?:hours?|hrs|local time))?[^\[\]()\n]{0,12}?(?P<open>[\[(])\s*"
                       r"(?P<gmt>" + _CLOCK + r")\s*(?:GMT|UTC)\b[^\])]*[\])]", re.IGNORECASE)


def _minutes(clock: str) -> int | None:
    """Minutes after midnight of "2230", "22:30", "5 a.m.", "11:30 pm"; None for a bare "5"."""
    m = re.fullmatch(r"(\d{1,2}):?(\d{2})?\s*(?:([ap])\.?m\.?)?", clock.strip(), re.IGNORECASE)
    if not m or (m[2] is None and m[3] is None):
        return None
    hours = int(m[1])
    if m[3]:  # 12-hour clock: 12 a.m. is midnight, 12 p.m. noon
        hours = hours % 12 + (12 if m[3].lower() == "p" else 0)
    return hours * 60 + int(m[2] or 0)


def _local_day(chosen: DateValue, sentences: list[str]) -> tuple[DateValue, str | None]:
    """The local day of a date read only from a time-zone note: "AT 2230 [0230 GMT ON 12 JANUARY]"
    happened on 11 January where it happened (ACLED and UCDP code the local day). The shift is the
    one that keeps local time within 12 hours of GMT (a zone of GMT+13 or +14 is not told apart).
    A date the evidence also says outside such a note, or a date not to the day, is left as it is.
    Returns the date and a note when shifted."""
    said = chosen.text.lower()
    if chosen.precision != "day" or any(said in _GMT_NOTE.sub(" ", s).lower() for s in sentences):
        return chosen, None
    for s, m in ((s, m) for s in sentences for m in _GMT_NOTE.finditer(s)):
        local, gmt = _minutes(m["local"]), _minutes(m["gmt"])
        note = s[m.start("open"):m.end()].lower()  # "[0230 GMT ON 12 JANUARY]": GMT's day is said in it
        if not (said in note or note in said) or local is None or gmt is None:
            continue
        minutes = local - gmt
        shift = -1 if minutes > 12 * 60 else 1 if minutes < -12 * 60 else 0
        if not shift:
            return chosen, None
        value = chosen.value + dt.timedelta(days=shift)
        return chosen.model_copy(update={"value": value}), (
            f"{chosen.text!r} is GMT's day in the note on {m['local']} local time: the local day is {value}")
    return chosen, None


def _counted_from_other(model: list[str], evidence: list[str]) -> str | None:
    """Of unresolved date expressions, the first that counts from the incident before ("A day later,
    on New Year's Eve": "a day later"), which `coding.incident` resolves from that incident's date;
    the model's "on New Year's Eve" alone stays unread (issue 12, gold g03)."""
    return next((e for e in model + evidence if offset_from_other(e) is not None), None)


def _without_date(expression: str | None, anchor: Anchor | None) -> ResolvedDate:
    """The date of an incident none of whose date expressions could be read (unresolved), or that has
    none: then the report's date (the anchor) as the latest it can be, at week precision (ACLED 2)."""
    anchor_date = anchor.date if anchor else None
    if not expression and anchor is not None:
        return ResolvedDate(value=anchor.date, precision="week", text=anchor.text, anchor=anchor_date)
    return ResolvedDate(text=expression, anchor=anchor_date)


def _why_none(expression: str | None, anchor: Anchor | None, explained: bool) -> list[str]:
    """The warning that goes with `_without_date`: an unread date is never silent."""
    if expression and anchor is None:
        return [f"{expression!r} is relative and the article has no dateline or publication date: unresolved"]
    if not expression and anchor is not None:
        return [f"no date of its own in this incident's evidence: the report's date ({anchor.date}, "
                f"{anchor.source}) as the latest it can be, precision week"]
    if not expression:
        return ["no date expression found for this incident"]
    return [] if explained else [f"{expression!r} could not be read as a date: unresolved; code the date by hand"]


def _where(when: str, sentences: list[str], article: str) -> str:
    if any(when.lower() in s[:dateline_end(s)].lower() for s in sentences):
        return "this incident's evidence outside the dateline (the dateline's date is the report's)"
    return "the article" if when.lower() not in article.lower() else "this incident's evidence"


def _suspect(value: DateValue, anchor: dt.date | None) -> str | None:
    """A date after the report, or more than a year before it, is more likely misread than true."""
    if anchor is None:
        return None
    if value.value > anchor:
        return f"the date {value.value} is after the report's ({anchor}): suspect, check it"
    if (anchor - (value.end or value.value)).days > SUSPECT_DAYS:
        return f"the date {value.value} is more than a year before the report's ({anchor}): suspect, check it"
    return None

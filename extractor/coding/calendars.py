"""Dates in the Solar Hijri and the lunar Hijri calendars, as Afghan, Iranian and Arab sources write them.

Afghan and Iranian reports date events in the Solar Hijri calendar, numerically ("1399/10/11",
"11/10/1399") or with month names: the Iranian Persian names ("9 Bahman 1398") or the Afghan
Dari zodiac names ("9 Dalw 1398"). Arab and other sources use the lunar Hijri calendar
("1 Ramadan 1441", "Ramadan 1441 AH"). Conversions are the libraries': `jdatetime` (the Solar
Hijri / Jalali calendar of Iran and Afghanistan) and `hijridate` (lunar Hijri by the Umm al-Qura
tables, years 1343-1500 AH). A numeric date names no calendar: both are tried and the one
that falls nearest the anchor, on or before it, is taken (Solar 1399 is 2020-21, lunar 1399
is 1979). What cannot be converted (an invalid day, a year out of the tables, a date with no
year and no anchor) is left unresolved, with the reason. Ethiopian dates are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, NamedTuple

__all__ = ["Converted", "SOLAR_MONTHS", "LUNAR_MONTHS", "other_calendar", "may_hold_other_calendar", "CALENDAR_EXPRESSION",
           "HINT_WORDS", "WORDS"]

# Solar Hijri months: the Iranian (Persian) names and the Afghan (Dari) zodiac names, as transliterated.
SOLAR_MONTHS = {
    "farvardin": 1, "ordibehesht": 2, "khordad": 3, "tir": 4, "mordad": 5, "amordad": 5, "shahrivar": 6,
    "mehr": 7, "aban": 8, "azar": 9, "dey": 10, "dei": 10, "bahman": 11, "esfand": 12, "esfend": 12,
    "hamal": 1, "sawr": 2, "saur": 2, "sowr": 2, "jawza": 3, "jauza": 3, "jowza": 3, "saratan": 4, "asad": 5,
    "sunbula": 6, "sonbola": 6, "sunbulah": 6, "mizan": 7, "aqrab": 8, "qaws": 9, "qaus": 9, "jadi": 10,
    "jaddi": 10, "dalw": 11, "dalv": 11, "hut": 12, "hoot": 12,
}
LUNAR_MONTHS = {
    "muharram": 1, "safar": 2, "rabi al-awwal": 3, "rabi' al-awwal": 3, "rabi ul-awwal": 3, "rabi i": 3,
    "rabi al-thani": 4, "rabi' al-thani": 4, "rabi al-akhir": 4, "rabi ul-akhir": 4, "rabi ii": 4,
    "jumada al-awwal": 5, "jumada al-ula": 5, "jumada i": 5, "jumada al-thani": 6, "jumada al-akhirah": 6,
    "jumada ii": 6, "rajab": 7, "sha'ban": 8, "shaban": 8, "ramadan": 9, "ramazan": 9, "shawwal": 10,
    "dhu al-qadah": 11, "dhul qadah": 11, "dhu al-qa'dah": 11, "zul qadah": 11, "dhu al-hijjah": 12,
    "dhul hijjah": 12, "zul hijjah": 12,
}


def _key(name: str) -> str:
    return re.sub(r"[\s'\u2019-]+", " ", name.lower()).strip()


_MONTH_OF = {**{_key(k): ("lunar Hijri", v) for k, v in LUNAR_MONTHS.items()},
             **{_key(k): ("Solar Hijri", v) for k, v in SOLAR_MONTHS.items()}}


def _names(months: dict[str, int]) -> str:
    """An alternation of the month names; their words joined by any run of spaces, hyphens or apostrophes."""
    return "|".join(r"[\s'\u2019-]*".join(map(re.escape, re.split(r"[\s'-]+", m))) for m in sorted(months, key=len, reverse=True))


_SOLAR = _names(SOLAR_MONTHS)
_LUNAR = _names(LUNAR_MONTHS)
_YEAR = r"(?P<year>1[34]\d\d)"
_ERA = r"(?:\s*(?:A\.?H\.?|S\.?H\.?|H\.?S\.?)\b)?"
_NUMERIC = re.compile(
    r"\b(?:(?P<y>1[34]\d\d)[/.\-](?P<m>\d{1,2})[/.\-](?P<d>\d{1,2})|(?P<d2>\d{1,2})[/.\-](?P<m2>\d{1,2})[/.\-](?P<y2>1[34]\d\d))\b"
)
# Capitalized names only: "hut", "asad" and "safar" are also words and names in English text.
_NAMED = re.compile(
    rf"(?:\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>(?=[A-Z])(?i:{_SOLAR}|{_LUNAR}))"
    rf"|\b(?P<month2>(?=[A-Z])(?i:{_SOLAR}|{_LUNAR}))\s+(?P<day2>\d{{1,2}})\b(?!\d|/))"
    rf"(?:,?\s+{_YEAR})?{_ERA}"
    rf"|\b(?P<month3>(?=[A-Z])(?i:{_SOLAR}|{_LUNAR}))\s+(?P<year3>1[34]\d\d){_ERA}",
)
CALENDAR_EXPRESSION = rf"\b1[34]\d\d[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}\b|\b\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]1[34]\d\d\b" \
                      rf"|\b\d{{1,2}}\s+(?:{_SOLAR}|{_LUNAR})(?:,?\s+1[34]\d\d)?\b|\b(?:{_SOLAR}|{_LUNAR})\s+(?:\d{{1,2}}(?:,?\s+1[34]\d\d)?|1[34]\d\d)\b"


# Words (lower case) one of which a Solar or lunar Hijri date holds: a month's first word or a year 1300-1499.
HINT_WORDS = frozenset({re.split(r"[\s'-]+", m)[0] for m in (*SOLAR_MONTHS, *LUNAR_MONTHS)} | {str(y) for y in range(1300, 1500)})
WORDS = re.compile(r"[a-z]+|\d+")


def may_hold_other_calendar(text: str) -> bool:
    """A cheap test before the long patterns (they are slow to try at every word)."""
    return not HINT_WORDS.isdisjoint(WORDS.findall(text.lower()))


class Converted(NamedTuple):
    """A date read in another calendar: the Gregorian first day (None when it could not be
    converted), the last day for a month, its precision, and a note saying what was read."""

    value: dt.date | None
    end: dt.date | None
    precision: str
    note: str


def _solar(year: int, month: int, day: int) -> dt.date:
    import jdatetime

    return jdatetime.date(year, month, day).togregorian()


def _lunar(year: int, month: int, day: int) -> dt.date:
    from hijridate import Hijri

    g = Hijri(year, month, day).to_gregorian()
    return dt.date(g.year, g.month, g.day)


def _month_end(convert: Callable[[int, int, int], dt.date], year: int, month: int) -> dt.date:
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return convert(*following, 1) - dt.timedelta(days=1)


_CALENDARS: dict[str, Callable[[int, int, int], dt.date]] = {"Solar Hijri": _solar, "lunar Hijri": _lunar}


def _year_in(calendar: str, anchor: dt.date) -> int:
    if calendar == "Solar Hijri":
        import jdatetime

        return jdatetime.date.fromgregorian(date=anchor).year
    from hijridate import Gregorian

    return Gregorian(anchor.year, anchor.month, anchor.day).to_hijri().year


def other_calendar(text: str, anchor: dt.date | None) -> Converted | None:
    """The Solar or lunar Hijri date written in `text`, converted; None when it writes none."""
    if not may_hold_other_calendar(text):
        return None
    if m := _NUMERIC.search(text):
        year, month, day = (int(m["y"]), int(m["m"]), int(m["d"])) if m["y"] else (int(m["y2"]), int(m["m2"]), int(m["d2"]))
        return _numeric(m.group(0), year, month, day, anchor)
    if m := _NAMED.search(text):
        return _named(m, anchor)
    return None


def _numeric(written: str, year: int, month: int, day: int, anchor: dt.date | None) -> Converted:
    if anchor is None:
        return Converted(None, None, "day", f"{written!r} is a Solar or lunar Hijri date; without the article's date "
                                            "the calendar cannot be told: unresolved")
    options = []
    for calendar, convert in _CALENDARS.items():
        try:
            options.append((convert(year, month, day), calendar))
        except (ValueError, OverflowError):
            continue
    if not options:
        return Converted(None, None, "day", f"{written!r} is not a valid Solar or lunar Hijri date: unresolved")
    # on or before the anchor first, then nearest to it
    value, calendar = min(options, key=lambda o: (o[0] > anchor, abs((anchor - o[0]).days)))
    return Converted(value, None, "day", f"{written!r} read in the {calendar} calendar: {value.isoformat()}")


def _named(m: re.Match[str], anchor: dt.date | None) -> Converted:
    calendar, month = _MONTH_OF[_key(m["month"] or m["month2"] or m["month3"])]
    convert = _CALENDARS[calendar]
    written = m.group(0).strip()
    day = int(m["day"] or m["day2"] or 0)
    year = int(m["year"] or m["year3"] or 0)
    if not year:
        if anchor is None:
            return Converted(None, None, "day", f"{written!r} ({calendar}) has no year and the article no date: unresolved")
        year = _year_in(calendar, anchor)
    try:
        if not day:
            first = convert(year, month, 1)
            return Converted(first, _month_end(convert, year, month), "month",
                             f"{written!r} read in the {calendar} calendar: the month from {first.isoformat()}")
        value = convert(year, month, day)
        if anchor is not None and not (m["year"] or m["year3"]) and value > anchor:
            value = convert(year - 1, month, day)  # a date without a year is the latest on or before the anchor
    except (ValueError, OverflowError) as exc:
        return Converted(None, None, "day", f"{written!r} is not a valid {calendar} date ({exc}): unresolved")
    return Converted(value, None, "day", f"{written!r} read in the {calendar} calendar: {value.isoformat()}")

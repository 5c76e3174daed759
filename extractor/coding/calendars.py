"""Dates in the Solar Hijri and the lunar Hijri calendars, as Afghan, Iranian and Arab sources write them;
Ethiopian and Nepali dates recognised and left unread.

Afghan and Iranian reports date events in the Solar Hijri calendar, numerically ("1399/10/11",
"11/10/1399") or with month names: the Iranian Persian names ("9 Bahman 1398") or the Afghan
Dari zodiac names ("9 Dalw 1398"). Arab and other sources use the lunar Hijri calendar
("1 Ramadan 1441", "Ramadan 1441 AH"). Conversions are the libraries': `jdatetime` (the Solar
Hijri / Jalali calendar of Iran and Afghanistan) and `hijridate` (lunar Hijri by the Umm al-Qura
tables, years 1343-1500 AH).

A numeric date names neither its calendar nor, when the year comes last, its order: every reading
(Solar and lunar; day/month and month/day) is tried. A reading is *plausible* when it falls on the
anchor or at most `PLAUSIBLE_DAYS` before it (a report tells of what happened, lately); of the
plausible ones the nearest before the anchor is taken, and a second plausible reading is warned
about. When none is plausible the reading nearest the anchor is taken (and `dates` warns that it is
suspect): Solar 1400 is 2021-22, lunar 1400 is 1979-80. A month named without a year ("the month of
Dey", "during Ramadan") is the latest such month that began on or before the anchor.

What cannot be converted (an invalid day, a year out of the tables, a date with no year and no
anchor) is left unresolved, with the reason. Dates in the Ethiopian calendar ("Tahsas 22, 2013
E.C.") and the Nepali Bikram Sambat ("2077 Poush 17", "2077/09/17 BS") are recognised by their
month names or era and left unresolved with a warning (`unread_calendar`): no well-kept library
reads them both, and a wrong conversion would be worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, NamedTuple

__all__ = ["Converted", "SOLAR_MONTHS", "LUNAR_MONTHS", "ETHIOPIAN_MONTHS", "NEPALI_MONTHS", "PLAUSIBLE_DAYS",
           "other_calendar", "unread_calendar", "may_hold_other_calendar", "CALENDAR_EXPRESSION", "UNREAD_EXPRESSION",
           "HINT_WORDS", "WORDS"]

# A reading this many days before its anchor, or fewer, is plausible; further before it, or after it,
# it is suspect (`dates.SUSPECT_DAYS` is this figure).
PLAUSIBLE_DAYS = 366

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
# Calendars recognised but not read: the Ethiopian months (as Ethiopian media transliterate them) and
# the Nepali Bikram Sambat months (as Nepali media do).
ETHIOPIAN_MONTHS = (
    "Meskerem", "Meskerm", "Tikimt", "Tikemt", "Tekemt", "Tikimit", "Hidar", "Hedar", "Tahsas", "Tahesas", "Tir",
    "Ter", "Yekatit", "Yakatit", "Megabit", "Magabit", "Miyazya", "Miyaziya", "Miazia", "Ginbot", "Genbot", "Sene",
    "Senie", "Hamle", "Hamlie", "Nehase", "Nehasse", "Pagume", "Pagumen", "Puagme",
)
NEPALI_MONTHS = (
    "Baisakh", "Baishakh", "Vaisakh", "Jestha", "Jeth", "Jeshtha", "Asar", "Ashadh", "Asadh", "Shrawan", "Saun",
    "Sawan", "Bhadra", "Bhadau", "Ashwin", "Asoj", "Aswin", "Kartik", "Kattik", "Mangsir", "Marga", "Poush",
    "Paush", "Push", "Pus", "Magh", "Falgun", "Phalgun", "Phagun", "Chaitra", "Chait",
)


# The months as Persian and Arabic sources write them, in their own script: read as the names above.
SCRIPT_MONTHS = {
    "فروردین": "Farvardin", "اردیبهشت": "Ordibehesht", "خرداد": "Khordad", "تیر": "Tir", "مرداد": "Mordad",
    "شهریور": "Shahrivar", "مهر": "Mehr", "آبان": "Aban", "آذر": "Azar", "دی": "Dey", "بهمن": "Bahman",
    "اسفند": "Esfand", "حمل": "Hamal", "ثور": "Sawr", "جوزا": "Jawza", "سرطان": "Saratan", "اسد": "Asad",
    "سنبله": "Sunbula", "میزان": "Mizan", "عقرب": "Aqrab", "قوس": "Qaws", "جدی": "Jadi", "دلو": "Dalw",
    "حوت": "Hut", "محرم": "Muharram", "صفر": "Safar", "ربیع الاول": "Rabi al-Awwal", "ربیع الثانی": "Rabi al-Thani",
    "جمادی الاولی": "Jumada al-Awwal", "جمادی الثانیه": "Jumada al-Thani", "رجب": "Rajab", "شعبان": "Shaban",
    "رمضان": "Ramadan", "شوال": "Shawwal", "ذیقعده": "Dhu al-Qadah", "ذیحجه": "Dhu al-Hijjah",
}
# Arabic and Persian letters that differ only in their form (yeh, kaf, alef with hamza, teh marbuta).
_SCRIPT_FORMS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "ة": "ه"})
_SCRIPT_MONTH = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, SCRIPT_MONTHS), key=len, reverse=True))
                           + r")(?!\w)")


def latin_month_names(text: str) -> str:
    """`text` with month names written in Persian or Arabic script ("۱۱ جدی ۱۳۹۹") in their Latin
    transliteration ("۱۱ Jadi ۱۳۹۹"), for the readers above; other text as it is."""
    if text.isascii():
        return text
    return _SCRIPT_MONTH.sub(lambda m: f" {SCRIPT_MONTHS[m.group(0)]} ", text.translate(_SCRIPT_FORMS)).strip()


def _key(name: str) -> str:
    return re.sub(r"[\s'\u2019-]+", " ", name.lower()).strip()


_MONTH_OF = {**{_key(k): ("lunar Hijri", v) for k, v in LUNAR_MONTHS.items()},
             **{_key(k): ("Solar Hijri", v) for k, v in SOLAR_MONTHS.items()}}


def _names(months: dict[str, int] | tuple[str, ...]) -> str:
    """An alternation of the month names; their words joined by any run of spaces, hyphens or apostrophes."""
    return "|".join(r"[\s'\u2019-]*".join(map(re.escape, re.split(r"[\s'-]+", m))) for m in sorted(months, key=len, reverse=True))


_SOLAR = _names(SOLAR_MONTHS)
_LUNAR = _names(LUNAR_MONTHS)
_YEAR = r"(?P<year>1[34]\d\d)"
_ERA = r"(?:\s*(?:A\.?H\.?|S\.?H\.?|H\.?S\.?)\b)?"
_NUMERIC = re.compile(
    r"\b(?:(?P<y>1[34]\d\d)[/.\-](?P<m>\d{1,2})[/.\-](?P<d>\d{1,2})|(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y2>1[34]\d\d))\b"
)
# "the month of Dey", "during Ramadan", "in Muharram": a month without a day or a year.
_MONTH_ALONE = (r"(?:(?:in|during)\s+(?:the\s+(?:holy\s+)?month\s+of\s+)?|the\s+(?:holy\s+)?month\s+of\s+)"
                r"(?P<month4>(?=[A-Z])(?i:{names}))\b(?![\u2019'-]|\s*\d)")
# Capitalized names only: "hut", "asad" and "safar" are also words and names in English text.
_NAMED = re.compile(
    rf"(?:\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>(?=[A-Z])(?i:{_SOLAR}|{_LUNAR}))"
    rf"|\b(?P<month2>(?=[A-Z])(?i:{_SOLAR}|{_LUNAR}))\s+(?P<day2>\d{{1,2}})\b(?!\d|/))"
    rf"(?:,?\s+{_YEAR})?{_ERA}"
    rf"|\b(?P<month3>(?=[A-Z])(?i:{_SOLAR}|{_LUNAR}))\s+(?P<year3>1[34]\d\d){_ERA}"
    r"|\b" + _MONTH_ALONE.format(names=f"{_SOLAR}|{_LUNAR}"),
)
# What `dates.find_expressions` looks for (case-insensitively): the forms above; a month alone only after
# "the month of" or "during" ("in Asad" may be a man).
CALENDAR_EXPRESSION = rf"\b1[34]\d\d[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}\b|\b\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]1[34]\d\d\b" \
                      rf"|\b\d{{1,2}}\s+(?:{_SOLAR}|{_LUNAR})(?:,?\s+1[34]\d\d)?\b|\b(?:{_SOLAR}|{_LUNAR})\s+(?:\d{{1,2}}(?:,?\s+1[34]\d\d)?|1[34]\d\d)\b" \
                      rf"|\b(?:the\s+(?:holy\s+)?month\s+of|during)\s+(?:{_SOLAR}|{_LUNAR})\b(?![\u2019'-])"

# Ethiopian and Nepali dates: a month name with a day or a year of 19xx/20xx, or a numeric date with its era.
_UNREAD_ERA = (r"(?P<era>E\.\s?C\.?|\bEC\b|B\.\s?S\.?|\bBS\b|V\.\s?S\.?|\bVS\b"
               r"|\(?(?:in the )?(?:Ethiopian|Nepali|Bikram Sambat|Vikram Samvat)(?: calendar)?\)?)")
_UNREAD_MONTH = rf"(?P<umonth>\b(?:{_names(ETHIOPIAN_MONTHS)}|{_names(NEPALI_MONTHS)}))\b"
_UNREAD_YEAR = r"(?:19|20)\d\d"
UNREAD_EXPRESSION = (
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_UNREAD_MONTH}(?:,?\s+{_UNREAD_YEAR})?"
    rf"|{_UNREAD_MONTH.replace('umonth', 'umonth2')}\s+(?:\d{{1,2}}\b(?!/)(?:,?\s+{_UNREAD_YEAR})?|{_UNREAD_YEAR})"
    rf"|\b{_UNREAD_YEAR}\s+{_UNREAD_MONTH.replace('umonth', 'umonth3')}(?:\s+\d{{1,2}}\b)?)(?:,?\s*{_UNREAD_ERA})?"
    rf"|\b(?:{_UNREAD_YEAR}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]{_UNREAD_YEAR})\s*"
    + _UNREAD_ERA.replace("?P<era>", "?P<era2>")
)
_UNREAD = re.compile(UNREAD_EXPRESSION)
_ETHIOPIAN = frozenset(m.lower() for m in ETHIOPIAN_MONTHS)

# Words (lower case) one of which a date in these calendars holds: a month's first word, a year 1300-1499,
# or an era's name.
HINT_WORDS = frozenset({re.split(r"[\s'-]+", m)[0] for m in (*SOLAR_MONTHS, *LUNAR_MONTHS)}
                       | {m.lower() for m in (*ETHIOPIAN_MONTHS, *NEPALI_MONTHS)}
                       | {"ec", "bs", "vs", "ethiopian", "nepali", "sambat", "samvat"}
                       | {str(y) for y in range(1300, 1500)})
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


def unread_calendar(text: str) -> str | None:
    """Why a date in a calendar that is not read (Ethiopian, Nepali) is left unresolved; None when
    `text` writes none. Shapes: "'Tahsas 22, 2013 E.C.' is a date in the Ethiopian calendar, ..."."""
    if not may_hold_other_calendar(text) and not re.search(r"\b[EBV]\.\s?[CS]\.", text):
        return None
    m = _UNREAD.search(text)
    if not m:
        return None
    month = (m["umonth"] or m["umonth2"] or m["umonth3"] or "").lower()
    era = (m["era"] or m["era2"] or "").lower()
    if month and not era and month in SOLAR_MONTHS and not re.search(_UNREAD_YEAR, m.group(0)):
        return None  # "11 Tir" without an Ethiopian year or era: the Solar Hijri month
    ethiopian = "ethiopian" in era or era.startswith("e") or (month in _ETHIOPIAN and not era)
    calendar = "Ethiopian" if ethiopian else "Nepali (Bikram Sambat)"
    return (f"{m.group(0).strip()!r} is a date in the {calendar} calendar, which is not read: unresolved; "
            "code its date by hand")


def other_calendar(text: str, anchor: dt.date | None) -> Converted | None:
    """The Solar or lunar Hijri date written in `text`, converted; None when it writes none."""
    if not may_hold_other_calendar(text):
        return None
    if m := _NUMERIC.search(text):
        if m["y"]:
            readings = [(int(m["y"]), int(m["m"]), int(m["d"]), "")]
        else:
            a, b, year = int(m["a"]), int(m["b"]), int(m["y2"])
            readings = [(year, b, a, "day/month/year")] + ([(year, a, b, "month/day/year")] if a != b else [])
        return _numeric(m.group(0), readings, anchor)
    if m := _NAMED.search(text):
        return _named(m, anchor)
    return None


class _Reading(NamedTuple):
    value: dt.date
    calendar: str
    order: str


def _readings(written: str, fields: list[tuple[int, int, int, str]]) -> list[_Reading]:
    """Every valid reading of a numeric date: each calendar, each order of its day and month."""
    out = []
    for year, month, day, order in fields:
        for calendar, convert in _CALENDARS.items():
            try:
                out.append(_Reading(convert(year, month, day), calendar, order))
            except (ValueError, OverflowError):
                continue
    return out


def _numeric(written: str, fields: list[tuple[int, int, int, str]], anchor: dt.date | None) -> Converted:
    if anchor is None:
        return Converted(None, None, "day", f"{written!r} is a Solar or lunar Hijri date; without the article's date "
                                            "the calendar cannot be told: unresolved")
    readings = _readings(written, fields)
    if not readings:
        return Converted(None, None, "day", f"{written!r} is not a valid Solar or lunar Hijri date: unresolved")
    plausible = sorted((r for r in readings if 0 <= (anchor - r.value).days <= PLAUSIBLE_DAYS),
                       key=lambda r: (anchor - r.value).days)
    chosen = plausible[0] if plausible else min(readings, key=lambda r: abs((anchor - r.value).days))
    note = f"{written!r} read in the {chosen.calendar} calendar{_as(chosen)}: {chosen.value.isoformat()}"
    others = [r for r in plausible[1:] if r.value != chosen.value]
    if others:
        note += "; also plausible: " + ", ".join(f"{r.value.isoformat()} ({r.calendar}{_as(r)})" for r in others) \
                + ": check it"
    return Converted(chosen.value, None, "day", note)


def _as(reading: _Reading) -> str:
    return f", as {reading.order}" if reading.order else ""


def _named(m: re.Match[str], anchor: dt.date | None) -> Converted:
    calendar, month = _MONTH_OF[_key(m["month"] or m["month2"] or m["month3"] or m["month4"])]
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
            return _month(written, calendar, year, month, anchor if m["month4"] else None)
        value = convert(year, month, day)
        if anchor is not None and not (m["year"] or m["year3"]) and value > anchor:
            value = convert(year - 1, month, day)  # a date without a year is the latest on or before the anchor
    except (ValueError, OverflowError) as exc:
        return Converted(None, None, "day", f"{written!r} is not a valid {calendar} date ({exc}): unresolved")
    return Converted(value, None, "day", f"{written!r} read in the {calendar} calendar: {value.isoformat()}")


def _month(written: str, calendar: str, year: int, month: int, anchor: dt.date | None) -> Converted:
    """A whole month; given the anchor (a month written without a year), the latest that began on or
    before it, ending at the anchor at the latest. Raises ValueError for a year out of the tables."""
    convert = _CALENDARS[calendar]
    first = convert(year, month, 1)
    if anchor is not None and first > anchor:
        year, first = year - 1, convert(year - 1, month, 1)
    end = _month_end(convert, year, month)
    end = min(end, anchor) if anchor is not None else end
    return Converted(first, end, "month", f"{written!r} read in the {calendar} calendar: the month from {first.isoformat()}")

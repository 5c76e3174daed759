"""An article's publication date as given with it (metadata: `published=`, a CSV or JSONL column,
a sidecar file), read the same way on every path into the pipeline.

ISO 8601 (`2024-03-06`, also with a time after it) is read as is. Another form is read only when
it names one day whatever the writer's convention: "6 March 2024", "March 6, 2024",
"Wed, 06 Mar 2024 10:00:00 GMT", "13/03/2024". A form that names two days ("06/03/2024": 6 March
where the day comes first, 3 June in the US) is refused, never guessed: relative dates in the
article are resolved against this day, so a wrong guess moves every incident. Relative words
("yesterday") and bare timestamps are refused too: they name no day of their own.
The other forms are read by `dateparser` (the library the coding layer reads dates with).
"""

from __future__ import annotations

import datetime as dt
import re

from extractor.errors import InputError

__all__ = ["published_date"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)")
# The conventions a numeric date may be written in: day first (most of the world), month first
# (the US), year first (East Asia, ISO-like with slashes).
_ORDERS = ("DMY", "MDY", "YMD")
_WRITE_ISO = "write it as ISO 8601 YYYY-MM-DD"


def published_date(value: str) -> dt.date:
    """The day `value` names; InputError saying why not and to write ISO 8601 when it names none
    or two (see the module's docstring)."""
    text = value.strip()
    if _ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise InputError(f"published={value!r} is not a date (no such day): {_WRITE_ISO}") from None
    with_time = _iso_basic(text)
    if with_time is not None:
        return with_time
    days = sorted(set(_readings(text)))
    if not days:
        raise InputError(f"published={value!r} is not a date that names a day: {_WRITE_ISO}")
    if len(days) > 1:
        readings = " or ".join(f"{d.day} {d:%B %Y}" for d in days)
        raise InputError(f"published={value!r} is ambiguous (it reads as {readings}): {_WRITE_ISO}, "
                         f"e.g. {days[0].isoformat()}")
    return days[0]


def _iso_basic(text: str) -> dt.date | None:
    """ISO 8601's other forms (`20240306`, `2024-03-06T10:00:00+01:00`, `2024-W10-3`), or None."""
    if not text[:4].isdigit():
        return None
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _readings(text: str) -> list[dt.date]:
    """The day `text` names under each convention of `_ORDERS` (absolute dates only, every part given)."""
    import dateparser

    days = []
    for order in _ORDERS:
        parsed = dateparser.parse(text, settings={
            "DATE_ORDER": order, "REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
            "PARSERS": ["absolute-time"]})
        if parsed is not None:
            days.append(parsed.date())
    return days

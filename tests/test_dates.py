import datetime as dt

import pytest
from hypothesis import given, strategies as st

from extractor.coding.dates import find_anchor, find_expressions, resolve

WED = dt.date(2020, 1, 29)  # a Wednesday


@pytest.mark.parametrize("article,published,expected,source", [
    ("KABUL, Jan. 29 (Xinhua) -- Taliban fighters ...", dt.date(2020, 1, 29), dt.date(2020, 1, 29), "dateline"),
    ("KABUL, Jan. 29 (Xinhua) — Taliban fighters ...", dt.date(2020, 2, 1), dt.date(2020, 1, 29), "dateline"),
    (" date 2020-02-01 KABUL, Jan. 29 (Xinhua) — More than ...", None, dt.date(2020, 1, 29), "dateline"),
    ("BAGHDAD, Dec. 31 (Reuters) - ...", dt.date(2021, 1, 2), dt.date(2020, 12, 31), "dateline"),
    ("MOGADISHU, Somalia, March 3, 2021 (AP) -- ...", None, dt.date(2021, 3, 3), "dateline"),
    ("29 January 2020\nGunmen attacked ...", None, dt.date(2020, 1, 29), "dateline"),
    ("MOGADISHU, Somalia (AP) -- Gunmen attacked ...", dt.date(2021, 3, 3), dt.date(2021, 3, 3), "published"),
    ("Gunmen attacked a bus.", dt.date(2021, 3, 3), dt.date(2021, 3, 3), "published"),
    (" date 2020-02-01 Gunmen attacked a bus.", None, dt.date(2020, 2, 1), "metadata"),
])
def test_find_anchor(article: str, published: dt.date | None, expected: dt.date, source: str) -> None:
    anchor = find_anchor(article, published)
    assert anchor is not None and (anchor.date, anchor.source) == (expected, source)


def test_no_anchor() -> None:
    assert find_anchor("Gunmen attacked a bus.", None) is None


@pytest.mark.parametrize("expression,value,end,precision", [
    ("early Wednesday", "2020-01-29", None, "day"),
    ("on Wednesday", "2020-01-29", None, "day"),
    ("Tuesday night", "2020-01-28", None, "day"),
    ("in the wee hours of Tuesday", "2020-01-28", None, "day"),
    ("on Monday evening", "2020-01-27", None, "day"),
    ("late Thursday", "2020-01-23", None, "day"),
    ("Sunday", "2020-01-26", None, "day"),
    ("today", "2020-01-29", None, "day"),
    ("this morning", "2020-01-29", None, "day"),
    ("yesterday", "2020-01-28", None, "day"),
    ("last night", "2020-01-28", None, "day"),
    ("the day before yesterday", "2020-01-27", None, "day"),
    ("overnight", "2020-01-28", None, "day"),
    ("overnight Tuesday", "2020-01-28", None, "day"),
    ("the day before", "2020-01-28", None, "day"),
    ("on the previous day", "2020-01-28", None, "day"),
    ("on Jan. 27", "2020-01-27", None, "day"),
    ("27 January", "2020-01-27", None, "day"),
    ("on December 30", "2019-12-30", None, "day"),
    ("March 3, 2019", "2019-03-03", None, "day"),
    ("2020-01-25", "2020-01-25", None, "day"),
    ("between Monday and Wednesday", "2020-01-27", "2020-01-29", "week"),
    ("last week", "2020-01-22", None, "week"),
    ("earlier this month", "2020-01-01", "2020-01-29", "month"),
    ("last month", "2019-12-01", "2019-12-31", "month"),
    # Forms our own rules leave to dateparser:
    ("three days ago", "2020-01-26", None, "day"),
    ("2 days ago", "2020-01-27", None, "day"),
    ("on the 27th", "2020-01-27", None, "day"),
    ("27/01/2020", "2020-01-27", None, "day"),
    ("3rd of March", "2019-03-03", None, "day"),
])
def test_resolve(expression: str, value: str, end: str | None, precision: str) -> None:
    r = resolve(expression, WED)
    assert r is not None, expression
    assert (r.value.isoformat(), r.end.isoformat() if r.end else None, r.precision) == (value, end, precision)
    assert r.text == expression


@pytest.mark.parametrize("expression", ["Tuesday night", "yesterday", "on Jan. 27", "last month"])
def test_relative_dates_need_an_anchor(expression: str) -> None:
    assert resolve(expression, None) is None


def test_explicit_year_needs_no_anchor() -> None:
    assert resolve("March 3, 2019", None).value == dt.date(2019, 3, 3)  # type: ignore[union-attr]


@pytest.mark.parametrize("expression", ["", None, "recently", "in the past", "police may have known", "now", "mid-January"])
def test_unresolvable(expression: str | None) -> None:
    assert resolve(expression, WED) is None


@pytest.mark.parametrize("sentence,expected", [
    ("The Taliban attacked a checkpoint on Tuesday night killing 12 police.", ["on Tuesday night"]),
    ("killing 12 police in the wee hours of Tuesday, officials said Wednesday.", ["in the wee hours of Tuesday"]),
    ("Gunmen stormed the village yesterday, police said.", ["yesterday"]),
    ("The attack happened on Jan. 27.", ["Jan. 27"]),
    ("No date here.", []),
])
def test_find_expressions(sentence: str, expected: list[str]) -> None:
    assert find_expressions(sentence) == expected


def test_dateparser_is_not_asked_when_our_rules_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser

    monkeypatch.setattr(dateparser, "parse", lambda *a, **k: pytest.fail("dateparser asked for 'Tuesday night'"))
    assert resolve("Tuesday night", WED).value == dt.date(2020, 1, 28)  # type: ignore[union-attr]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.sampled_from(["Monday", "early Tuesday", "Wednesday night", "on Thursday", "late Friday", "Saturday",
                        "Sunday morning", "yesterday", "last night", "last week", "last month", "three days ago",
                        "on Jan. 5", "27 December", "earlier this month"]))
def test_a_relative_date_is_never_after_its_anchor(anchor: dt.date, expression: str) -> None:
    r = resolve(expression, anchor)
    assert r is not None and r.value <= anchor and (r.end is None or r.value <= r.end <= anchor)


@pytest.mark.parametrize("expression,offset", [
    ("The day before", -1), ("the previous day", -1), ("a day later", 1), ("A day later, on New Year's Eve", 1),
    ("the next day", 1), ("On the same day", 0), ("two days later", 2), ("3 days earlier", -3),
    ("the day before yesterday", None), ("yesterday", None), ("on Friday", None), ("", None), (None, None),
])
def test_expressions_that_count_from_another_incident(expression, offset) -> None:  # type: ignore[no-untyped-def]
    from extractor.coding.dates import offset_from_other

    assert offset_from_other(expression) == offset


@pytest.mark.parametrize("expression", ["9 JAN 90", "JAN 90", "Feb. 30", "2020-02-31", "on 31 April"])
def test_impossible_days_are_not_dates_and_do_not_crash(expression: str) -> None:
    import datetime as dt

    from extractor.coding.dates import resolve

    value = resolve(expression, dt.date(1990, 1, 9))
    assert value is None or value.value <= dt.date(1990, 1, 9)

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


# Day-first datelines as the MUC-4 wires (1989-90 radio and wire transcripts) write them: the month
# in capitals, a two- or four-digit year, an agency in brackets or none, tags after the dash.
MUC4_DATELINES = [
    "SAN SALVADOR, 9 JAN 90 (RADIO CADENA AVANCE) -- [REPORT] [MILITARY COMMUNIQUE] [TEXT] URBAN TERRORISTS",
    "LIMA, 9 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED YESTERDAY.",
    "LIMA, 09 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED YESTERDAY.",
    "SAN SALVADOR, 9 JAN 90 -- [TEXT] SOLDIERS CLASHED WITH A GUERRILLA UNIT.",
    "LIMA, 9 JANUARY 1990 (EFE) -- [TEXT] A BOMB EXPLODED YESTERDAY.",
    "LIMA, 9 Jan 1990 (EFE) -- A bomb exploded yesterday.",
    "LIMA, 9 Jan 1990 -- A bomb exploded yesterday.",
    "ROME (ITALY), 9 JAN 90 -- [INTERVIEW WITH RUBEN ZAMORA] [EXCERPT] THE FMLN WANTS PEACE.",
    "SAN SALVADOR, Jan. 9, 1990 (AP) -- Soldiers clashed with guerrillas.",
]


@pytest.mark.parametrize("article", MUC4_DATELINES)
@pytest.mark.parametrize("published", [None, dt.date(1990, 1, 9)])
def test_a_day_first_wire_dateline_is_the_anchor(article: str, published: dt.date | None) -> None:
    anchor = find_anchor(article, published, today=dt.date(2026, 11, 30))
    assert anchor is not None and (anchor.date, anchor.source) == (dt.date(1990, 1, 9), "dateline")
    # a written date or a relative one in the report then counts from it, the year inferred
    assert resolve("ON 7 JANUARY", anchor.date).value == dt.date(1990, 1, 7)  # type: ignore[union-attr]
    assert resolve("YESTERDAY", anchor.date).value == dt.date(1990, 1, 8)  # type: ignore[union-attr]


@pytest.mark.parametrize("dateline,published,today,year", [
    ("LIMA, 9 JAN 90 (EFE) --", None, dt.date(2026, 11, 30), 1990),
    ("LIMA, 9 JAN 25 (EFE) --", None, dt.date(2026, 11, 30), 2025),
    ("LIMA, 9 JAN 27 (EFE) --", None, dt.date(2026, 11, 30), 2027),  # next year: the pivot
    ("LIMA, 9 JAN 28 (EFE) --", None, dt.date(2026, 11, 30), 1928),
    ("LIMA, 9 JAN 28 (EFE) --", dt.date(2028, 1, 9), dt.date(2026, 11, 30), 2028),  # the publication date decides
    ("LIMA, 9 JAN 90 (EFE) --", dt.date(1990, 1, 10), dt.date(2089, 1, 1), 1990),
    (" date 1990-01-09 LIMA, 9 JAN 90 (EFE) --", None, dt.date(2089, 1, 1), 1990),  # so does a metadata line
])
def test_a_two_digit_dateline_year_takes_its_century(dateline: str, published: dt.date | None, today: dt.date,
                                                     year: int) -> None:
    anchor = find_anchor(dateline + " [TEXT] A BOMB EXPLODED.", published, today=today)
    assert anchor is not None and anchor.date == dt.date(year, 1, 9)


@pytest.mark.parametrize("article", [
    "LIMA, 31 FEB 90 (EFE) -- [TEXT] A BOMB EXPLODED.",  # no such day: no anchor from it
    "THE ARMY SAID 9 JAN 90 GUERRILLAS DIED.",  # a date in a sentence is no dateline
    "FIVE PEOPLE, 9 JAN 90 WITNESSES SAID, DIED.",
])
def test_what_is_not_a_day_first_dateline(article: str) -> None:
    assert find_anchor(article, None) is None


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


@pytest.mark.parametrize("expression", ["", None, "recently", "in the past", "police may have known", "now", "in May",
                                        "may"])
def test_unresolvable(expression: str | None) -> None:
    assert resolve(expression, WED) is None or expression == "in May"  # "in May" is a month (below), "may" is not


@pytest.mark.parametrize("sentence,expected", [
    ("The Taliban attacked a checkpoint on Tuesday night killing 12 police.", ["on Tuesday night"]),
    ("killing 12 police in the wee hours of Tuesday, officials said Wednesday.", ["in the wee hours of Tuesday"]),
    ("Gunmen stormed the village yesterday, police said.", ["yesterday"]),
    ("The attack happened on Jan. 27.", ["Jan. 27"]),
    ("No date here.", []),
    # a statement's day written before its verb is the statement's, not the event's
    ("Police on Monday said gunmen killed three people on Sunday.", ["on Sunday"]),
    ("THE MNR TODAY DEMANDED AN INQUIRY INTO THE CRIME PERPETRATED ON 12 JANUARY IN GUATEMALA.", ["12 JANUARY"]),
    ("The army on Tuesday denounced the shelling of Goma.", []),
    # ... and written after a verb of statement other than "said"
    ("THE GUATEMALAN FOREIGN MINISTRY CONDEMNED TODAY THE ASSASSINATION OF HECTOR OQUELI.", []),
    ("The government denounced on Monday the killing of three aid workers on Saturday.", ["on Saturday"]),
    ("Rights groups demanded Tuesday an inquiry into the shooting.", []),
    ("The rebels declared on Friday a ceasefire after clashes on Thursday.", ["on Thursday"]),
    ("Gunmen on Monday attacked a bus near Garissa.", ["on Monday"]),
    ("The rebels yesterday, officials said, burned the market.", ["yesterday"]),
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


@pytest.mark.parametrize("expression,expected", [
    ("9 JAN 90", "1990-01-09"),  # MUC-4's day-month-year: a real date
    ("JAN 90", None),  # not January 90th; a month without its year spelled out is not read as one
    ("Feb. 30", None), ("2020-02-31", None), ("on 31 April", None),  # impossible days
])
def test_impossible_days_are_not_dates_and_do_not_crash(expression: str, expected: str | None) -> None:
    import datetime as dt

    from extractor.coding.dates import resolve

    value = resolve(expression, dt.date(1990, 1, 9))
    assert (value.value.isoformat() if value else None) == expected


# -- month and year precision (issue 11, kind 2): never a day borrowed from the anchor --------------------------------

JUNE10 = dt.date(2021, 6, 10)


@pytest.mark.parametrize("expression,value,end,precision", [
    ("in March 2021", "2021-03-01", "2021-03-31", "month"),
    ("March 2021", "2021-03-01", "2021-03-31", "month"),
    ("in Sept. 2020", "2020-09-01", "2020-09-30", "month"),
    ("in February 2020", "2020-02-01", "2020-02-29", "month"),
    ("in March", "2021-03-01", "2021-03-31", "month"),
    ("in December", "2020-12-01", "2020-12-31", "month"),  # no year: the latest December on or before the anchor
    ("in June", "2021-06-01", "2021-06-10", "month"),  # the anchor's month: up to the anchor, never after it
    ("early March", "2021-03-01", "2021-03-10", "month"),
    ("mid-January", "2021-01-11", "2021-01-20", "month"),
    ("late March 2021", "2021-03-21", "2021-03-31", "month"),
    ("at the end of April", "2021-04-21", "2021-04-30", "month"),
    ("the beginning of May", "2021-05-01", "2021-05-10", "month"),
    ("this month", "2021-06-01", "2021-06-10", "month"),
    ("earlier this month", "2021-06-01", "2021-06-10", "month"),
    ("early this month", "2021-06-01", "2021-06-10", "month"),
    ("last month", "2021-05-01", "2021-05-31", "month"),
    ("late last month", "2021-05-21", "2021-05-31", "month"),
    ("the previous month", "2021-05-01", "2021-05-31", "month"),
    ("in 2019", "2019-01-01", "2019-12-31", "year"),
    ("during 2020", "2020-01-01", "2020-12-31", "year"),
    ("last year", "2020-01-01", "2020-12-31", "year"),
    ("late last year", "2020-09-01", "2020-12-31", "year"),
    ("this year", "2021-01-01", "2021-06-10", "year"),
    ("earlier this year", "2021-01-01", "2021-06-10", "year"),
    ("early 2020", "2020-01-01", "2020-04-30", "year"),
])
def test_a_month_or_a_year_is_never_given_a_day(expression: str, value: str, end: str, precision: str) -> None:
    if expression.startswith("at the end"):
        expression = expression[3:]
    r = resolve(expression, JUNE10)
    assert r is not None, expression
    assert (r.value.isoformat(), r.end.isoformat() if r.end else None, r.precision) == (value, end, precision)


def test_a_month_with_its_year_needs_no_anchor_and_without_it_stays_unresolved() -> None:
    assert resolve("in March 2021", None).precision == "month"  # type: ignore[union-attr]
    assert resolve("in 2019", None).precision == "year"  # type: ignore[union-attr]
    assert resolve("in March", None) is None and resolve("last year", None) is None


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.sampled_from(["in March", "early March", "mid-July", "late December", "this month", "last month",
                        "late last month", "earlier this month", "last year", "this year", "early this month"]))
def test_a_period_without_a_year_ends_on_or_before_its_anchor(anchor: dt.date, expression: str) -> None:
    r = resolve(expression, anchor)
    assert r is not None and r.precision in ("month", "year") and r.end is not None
    assert r.value <= r.end <= anchor


def test_dateparser_borrows_no_day_for_a_month() -> None:
    r = resolve("Sept 2019", JUNE10)  # our rule; dateparser would have said 2019-09-10
    assert r is not None and (r.value, r.precision) == (dt.date(2019, 9, 1), "month")


# -- the dateline is the report's date (kind 3) -----------------------------------------------------------------

@pytest.mark.parametrize("sentence,expected", [
    ("GAO, Mali, April 18 (Wire) -- Suspected jihadists ambushed a convoy near Ansongo on Tuesday.", ["on Tuesday"]),
    ("KABUL, Jan. 29 (Xinhua) \u2014 Gunmen killed four guards on Tuesday night.", ["on Tuesday night"]),
    ("MOGADISHU, Somalia, March 3, 2021 (AP) -- A car bomb exploded yesterday.", ["yesterday"]),
    ("BAGHDAD, Dec. 31 (Reuters) - Rockets hit the Green Zone late Wednesday.", ["late Wednesday"]),
    ("NIAMEY, Aug. 29 (Wire) -- Gunmen killed 17 villagers in Zanwara, the mayor said.", []),
    ("BENI, Democratic Republic of Congo, March 8 (Wire) -- Rebels killed eight farmers on Wednesday.", ["on Wednesday"]),
    ("SÉGOU, Mali, June 14 (Wire) -- Gunmen killed seven villagers on Sunday.", ["on Sunday"]),
    (" date 2020-02-01 KABUL, Jan. 29 (Xinhua) \u2014 Taliban fighters attacked early Wednesday.", ["early Wednesday"]),
    ("ADEN, Yemen, May 2 (Wire) -- Clashes broke out in March 2021 and again on Friday.", ["in March 2021", "on Friday"]),
    ("TRIPOLI, Libya, Feb. 3 (Wire) -- Militias clashed in Abu Salim on Feb. 1, residents said.", ["Feb. 1"]),
    ("Militias clashed on Jan. 27 in Tripoli.", ["Jan. 27"]),  # no dateline: a date is the event's
])
def test_a_date_inside_the_dateline_is_not_the_events(sentence: str, expected: list[str]) -> None:
    assert find_expressions(sentence) == expected


@pytest.mark.parametrize("when,expected_value,fragment", [
    (None, dt.date(2024, 4, 16), None),  # case 07b: the Tuesday before the Thursday dateline
    ("April 18", dt.date(2024, 4, 16), "dateline"),  # the model copied the dateline's date
    ("on Tuesday", dt.date(2024, 4, 16), None),
])
def test_the_incident_date_skips_the_dateline(when: str | None, expected_value: dt.date, fragment: str | None) -> None:
    from extractor.coding.dates import Anchor, date_of_incident

    sentence = ("GAO, Mali, April 18 (Wire) -- Suspected jihadists ambushed an army supply convoy near Ansongo in Gao "
                "region on Tuesday, killing three soldiers, the army said in a statement.")
    anchor = find_anchor(sentence, dt.date(2024, 4, 18))
    assert isinstance(anchor, Anchor)
    date, warnings = date_of_incident(when, [sentence], sentence, anchor)
    assert date.value == expected_value
    assert (fragment is None and not warnings) or any(fragment in w for w in warnings if fragment)


# -- other calendars (kind 5) ----------------------------------------------------------------------------------

JAN2 = dt.date(2021, 1, 2)


@pytest.mark.parametrize("expression,value,end,precision", [
    ("on 1399/10/11", "2020-12-31", None, "day"),  # case 15: Solar Hijri, numeric
    ("11/10/1399", "2020-12-31", None, "day"),  # day first
    ("1399-10-11", "2020-12-31", None, "day"),  # not ISO: year 1399 is Solar Hijri here
    ("on 9 Dalw 1398", "2020-01-29", None, "day"),  # Afghan (Dari) month name
    ("Dalw 9, 1398", "2020-01-29", None, "day"),
    ("9 Bahman 1398", "2020-01-29", None, "day"),  # Iranian month name
    ("Jadi 10, 1399", "2020-12-30", None, "day"),
    ("on 12 Dey", "2021-01-01", None, "day"),  # no year: the latest on or before the anchor
    ("on 20 Dey", "2020-01-10", None, "day"),  # would be after the anchor this year: last year's
    ("in Bahman 1398", "2020-01-21", "2020-02-19", "month"),
    ("1 Ramadan 1441", "2020-04-24", None, "day"),  # lunar Hijri
    ("Ramadan 1441 AH", "2020-04-24", "2020-05-23", "month"),
    ("12 Rabi al-Awwal 1442", "2020-10-29", None, "day"),
    ("15 Sha\u2019ban 1441", "2020-04-08", None, "day"),
    ("1442/05/18", "2021-01-02", None, "day"),  # numeric lunar Hijri: the calendar whose date is nearest the anchor
])
def test_solar_and_lunar_hijri_dates_are_converted(expression: str, value: str, end: str | None, precision: str) -> None:
    r = resolve(expression, JAN2)
    assert r is not None, expression
    assert (r.value.isoformat(), r.end.isoformat() if r.end else None, r.precision) == (value, end, precision)
    assert r.note and "Hijri calendar" in r.note


@pytest.mark.parametrize("expression,fragment", [
    ("on 1399/13/40", "not a valid"),
    ("1399/10/11", "cannot be told"),  # no anchor: Solar or lunar?
    ("30 Esfand 1398", "not a valid"),  # 1398 was not a leap year
    ("9 Dalw", "no year"),
])
def test_an_unreadable_calendar_date_is_left_unresolved_with_a_reason(expression: str, fragment: str) -> None:
    from extractor.coding.dates import Anchor, date_of_incident

    anchor = None if fragment in ("cannot be told", "no year") else Anchor(date=JAN2, source="published", text="x")
    date, warnings = date_of_incident(expression, [f"A rocket hit a house on {expression}."], "x", anchor)
    assert date.value is None and any(fragment in w for w in warnings), warnings


@pytest.mark.parametrize("when,fragment", [
    ("on 1 Ramadan 1440", "more than a year before"),
    ("in 2015", "more than a year before"),
    ("on March 3, 2022", "after the report"),
    ("on Dec. 31", None),
    ("last year", None),
])
def test_a_date_far_from_the_anchor_is_suspect(when: str, fragment: str | None) -> None:
    from extractor.coding.dates import Anchor, date_of_incident

    anchor = Anchor(date=JAN2, source="published", text="2021-01-02")
    date, warnings = date_of_incident(when, [f"Gunmen attacked a post {when}."], "x", anchor)
    assert date.value is not None
    suspect = [w for w in warnings if "suspect" in w]
    assert (fragment is None and not suspect) or (fragment is not None and fragment in suspect[0])


# -- issue 11, defect 5: which calendar a numeric date is in; calendars not read; vague periods ----------------------

@pytest.mark.parametrize("expression,anchor,value,calendar", [
    # Solar Hijri when that reading is on or just before the anchor, whatever the lunar one says
    ("1400/10/11", dt.date(2022, 1, 2), "2022-01-01", "Solar Hijri"),
    ("1400/10/11", JAN2, "2022-01-01", "Solar Hijri"),  # neither plausible: the nearest (suspect: after the anchor)
    ("10/11/1399", JAN2, "2020-12-31", "Solar Hijri"),  # month/day/year: 1399/10/11, two days before the dateline
    ("11/10/1399", JAN2, "2020-12-31", "Solar Hijri"),  # day/month/year
    ("11.10.1399", JAN2, "2020-12-31", "Solar Hijri"),
    ("1399-10-11", JAN2, "2020-12-31", "Solar Hijri"),
    ("1399/1/1", dt.date(2020, 3, 25), "2020-03-20", "Solar Hijri"),  # Nowruz
    ("1401/06/30", dt.date(2022, 9, 22), "2022-09-21", "Solar Hijri"),
    ("5/7/1402", dt.date(2023, 9, 30), "2023-09-27", "Solar Hijri"),  # 1402/5/7 is plausible too: the nearer
    ("1398/10/11", JAN2, "2020-01-01", "Solar Hijri"),  # a year and a day before: the nearest reading
    # lunar Hijri only when its reading is the plausible one
    ("1442/05/18", JAN2, "2021-01-02", "lunar Hijri"),
    ("1441/9/1", dt.date(2020, 4, 30), "2020-04-24", "lunar Hijri"),
    ("10/1/1443", dt.date(2021, 8, 20), "2021-08-18", "lunar Hijri"),  # Ashura
    ("1445/3/12", dt.date(2023, 10, 1), "2023-09-27", "lunar Hijri"),
    ("1400/1/1", dt.date(1979, 11, 25), "1979-11-20", "lunar Hijri"),  # an old report: lunar 1400 was 1979
])
def test_a_numeric_hijri_date_is_read_in_the_calendar_that_lands_on_or_just_before_the_anchor(
        expression: str, anchor: dt.date, value: str, calendar: str) -> None:
    r = resolve(expression, anchor)
    assert r is not None and r.value.isoformat() == value, (expression, r)
    assert r.note and f"the {calendar} calendar" in r.note


def test_two_plausible_readings_are_warned_about() -> None:
    from extractor.coding.calendars import other_calendar

    # 1/2/1399: 1399/2/1 (2020-04-20) and 1399/1/2 (2020-03-21) are both within a year before the anchor
    converted = other_calendar("1/2/1399", dt.date(2020, 6, 1))
    assert converted is not None and converted.value == dt.date(2020, 4, 20)
    assert "also plausible: 2020-03-21" in converted.note


@pytest.mark.parametrize("expression,anchor,value,end", [
    ("in the month of Dey", JAN2, "2020-12-21", "2021-01-02"),  # the month so far: it ends at the anchor
    ("the month of Dey", dt.date(2021, 6, 10), "2020-12-21", "2021-01-19"),
    ("during the month of Bahman", JAN2, "2020-01-21", "2020-02-19"),
    ("in the month of Jadi", dt.date(2021, 3, 1), "2020-12-21", "2021-01-19"),
    ("during Ramadan", dt.date(2021, 6, 10), "2021-04-13", "2021-05-12"),
    ("in Ramadan", JAN2, "2020-04-24", "2020-05-23"),
    ("during the holy month of Ramadan", dt.date(2021, 4, 20), "2021-04-13", "2021-04-20"),
    ("in Muharram", dt.date(2021, 9, 1), "2021-08-09", "2021-09-01"),
    ("the month of Shawwal", dt.date(2021, 6, 10), "2021-05-13", "2021-06-10"),
    ("during Dhul Hijjah", dt.date(2021, 1, 2), "2020-07-22", "2020-08-19"),
])
def test_a_month_of_another_calendar_without_its_year_is_the_latest_on_or_before_the_anchor(
        expression: str, anchor: dt.date, value: str, end: str) -> None:
    r = resolve(expression, anchor)
    assert r is not None and r.precision == "month", (expression, r)
    assert (r.value.isoformat(), r.end.isoformat() if r.end else None) == (value, end)


@pytest.mark.parametrize("expression,calendar", [
    ("on Tahsas 22, 2013 E.C.", "Ethiopian"),
    ("22 Tahsas 2013", "Ethiopian"),
    ("Meskerem 17, 2014 EC", "Ethiopian"),
    ("on Tir 5, 2013", "Ethiopian"),  # Tir is a Solar month too; the year 2013 is Ethiopian
    ("in Yekatit 2015", "Ethiopian"),
    ("on 12/04/2013 E.C.", "Ethiopian"),
    ("Hamle 5, 2015 (Ethiopian calendar)", "Ethiopian"),
    ("on Ginbot 20", "Ethiopian"),
    ("on 2077 Poush 17", "Nepali"),
    ("Poush 17, 2077", "Nepali"),
    ("17 Magh 2077 B.S.", "Nepali"),
    ("on 2077/09/17 BS", "Nepali"),
    ("Baisakh 12, 2072", "Nepali"),
    ("2080-06-15 V.S.", "Nepali"),
    ("Asoj 3, 2080 Bikram Sambat", "Nepali"),
])
def test_dates_in_calendars_not_read_are_unresolved_with_a_warning(expression: str, calendar: str) -> None:
    from extractor.coding.dates import Anchor, date_of_incident

    anchor = Anchor(date=JAN2, source="published", text="2021-01-02")
    for when in (expression, None):  # the model's date, or only the evidence's
        date, warnings = date_of_incident(when, [f"Gunmen attacked a post {expression}, police said."], "x", anchor)
        assert date.value is None, (expression, date)
        assert any(f"the {calendar}" in w and "not read" in w for w in warnings), (expression, warnings)


@pytest.mark.parametrize("expression,kind", [
    ("in the spring", "season"), ("last summer", "season"), ("during the winter", "season"),
    ("in the autumn of 2020", "season"), ("in the fall", "season"), ("during the rainy season", "season"),
    ("this monsoon", "season"), ("in early spring", "season"), ("over the summer", "season"),
    ("during the dry season", "season"),
    ("in recent weeks", "vague"), ("recently", "vague"), ("a few days ago", "vague"), ("several weeks ago", "vague"),
    ("in the past few days", "vague"), ("over the last several months", "vague"), ("weeks ago", "vague"),
])
def test_vague_periods_are_unresolved_with_a_warning(expression: str, kind: str) -> None:
    from extractor.coding.dates import Anchor, date_of_incident

    anchor = Anchor(date=JAN2, source="published", text="2021-01-02")
    date, warnings = date_of_incident(expression, [f"Gunmen attacked a post {expression}, police said."], "x", anchor)
    assert date.value is None and date.text == expression, (expression, date)
    assert any(("a season" if kind == "season" else "a vague period") in w for w in warnings), warnings


@pytest.mark.parametrize("sentence", [
    "The Taliban launched their spring offensive on Monday.",  # a season's adjective, not the event's date
    "The fall of Kabul was mourned at a rally on Monday.",
    "Arab Spring protests were recalled on Monday.",
])
def test_seasons_are_found_only_as_periods(sentence: str) -> None:
    assert find_expressions(sentence) == ["on Monday"]


@pytest.mark.parametrize("expression,value,end", [
    ("in the first week of May", "2021-05-01", "2021-05-07"),
    ("the second week of May", "2021-05-08", "2021-05-14"),
    ("during the third week of March", "2021-03-15", "2021-03-21"),
    ("the fourth week of February", "2021-02-22", "2021-02-28"),
    ("the last week of April", "2021-04-24", "2021-04-30"),
    ("the final week of December", "2020-12-25", "2020-12-31"),
    ("in the first week of June", "2021-06-01", "2021-06-07"),  # the anchor's month
    ("the second week of June", "2021-06-08", "2021-06-10"),  # a week the anchor falls in ends at the anchor
    ("the third week of June", "2020-06-15", "2020-06-21"),  # after the anchor this year: last year's
    ("the first week of May 2020", "2020-05-01", "2020-05-07"),
    ("the last week of February 2020", "2020-02-23", "2020-02-29"),  # a leap year
    ("the first week of last month", "2021-05-01", "2021-05-07"),
    ("the last week of last month", "2021-05-25", "2021-05-31"),
    ("in the first week of this month", "2021-06-01", "2021-06-07"),
])
def test_a_week_of_a_month_is_that_week(expression: str, value: str, end: str) -> None:
    r = resolve(expression, JUNE10)
    assert r is not None and r.precision == "week", (expression, r)
    assert (r.value.isoformat(), r.end.isoformat() if r.end else None) == (value, end)
    assert find_expressions(f"Gunmen attacked a post {expression}, police said.") == [expression]


@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz 0123456789/,."), min_size=1, max_size=30))
def test_a_date_that_is_not_read_is_never_silent(when: str) -> None:
    from extractor.coding.dates import Anchor, date_of_incident

    anchor = Anchor(date=JAN2, source="published", text="2021-01-02")
    sentence = f"Gunmen attacked a post {when}."
    date, warnings = date_of_incident(when, [sentence], sentence, anchor)
    assert date.value is not None or warnings, (when, date)


# -- digits of other scripts (issue 11, second report, defect 2) ---------------------------------------------

@pytest.mark.parametrize("expression,value,calendar", [
    ("on \u06f1\u06f3\u06f9\u06f9/\u06f1\u06f0/\u06f1\u06f1", "2020-12-31", "Solar Hijri"),  # Persian digits
    ("on \u0661\u0664\u0664\u0662/\u0660\u0665/\u0661\u0666", "2020-12-31", "lunar Hijri"),  # Arabic-Indic digits
    ("\u06f1\u06f1/\u06f1\u06f0/\u06f1\u06f3\u06f9\u06f9", "2020-12-31", "Solar Hijri"),  # day first
    ("\u06f1\u06f3\u06f9\u06f9-\u06f1\u06f0-\u06f1\u06f1", "2020-12-31", "Solar Hijri"),
    ("on 11 Jadi \u06f1\u06f3\u06f9\u06f9", "2020-12-31", "Solar Hijri"),  # mixed: Latin day, Persian year
    ("on \u06f9 Dalw \u06f1\u06f3\u06f9\u06f8", "2020-01-29", "Solar Hijri"),
    ("\u0661 Ramadan \u0661\u0664\u0664\u0661", "2020-04-24", "lunar Hijri"),
    ("\u06f1\u06f2 Rabi al-Awwal \u06f1\u06f4\u06f4\u06f2", "2020-10-29", "lunar Hijri"),
])
def test_digits_of_other_scripts_are_read_as_digits_in_other_calendars(expression: str, value: str, calendar: str) -> None:
    r = resolve(expression, JAN2)
    assert r is not None and r.value.isoformat() == value and r.precision == "day", (expression, r)
    assert r.note and calendar in r.note and r.text == expression


@pytest.mark.parametrize("expression,value", [
    ("on \u0663 March \u0662\u0660\u0662\u0661", "2021-03-03"),  # Arabic-Indic
    ("March \u06f3, \u06f2\u06f0\u06f2\u06f1", "2021-03-03"),  # Persian
    ("\u0968\u0966\u0968\u0967-\u0966\u0969-\u0966\u0969", "2021-03-03"),  # Devanagari ISO
    ("\uff12\uff10\uff12\uff11-\uff10\uff13-\uff10\uff13", "2021-03-03"),  # fullwidth
    ("on \u09e9 March \u09e8\u09e6\u09e8\u09e7", "2021-03-03"),  # Bengali
    ("\u0663 March", "2021-03-03"),  # no year: the latest before the anchor
    ("on March \u06f3", "2021-03-03"),
    ("\u06f3 of March \u06f2\u06f0\u06f2\u06f1", "2021-03-03"),
])
def test_digits_of_other_scripts_are_read_as_digits_in_gregorian_dates(expression: str, value: str) -> None:
    r = resolve(expression, dt.date(2021, 3, 5))
    assert r is not None and r.value.isoformat() == value and r.precision == "day", (expression, r)
    sentence = f"Gunmen attacked a post {expression}, police said."
    found = find_expressions(sentence)
    assert "March" not in expression or (found and found[0] in expression), (sentence, found)  # quoted as written


@pytest.mark.parametrize("article,expected", [
    ("KABUL, Jan. \u06f2 (Wire) -- Gunmen ...", dt.date(2021, 1, 2)),
    ("KABUL, \u0662 January \u0662\u0660\u0662\u0661 (Wire) -- Gunmen ...", dt.date(2021, 1, 2)),
    ("GAO, Mali, April \u0661\u0668 (Wire) -- Gunmen ...", dt.date(2020, 4, 18)),
    ("date \u0662\u0660\u0662\u0661-\u0660\u0661-\u0660\u0662\nGunmen ...", dt.date(2021, 1, 2)),
])
def test_a_dateline_in_other_digits_is_the_anchor(article: str, expected: dt.date) -> None:
    published = None if article.startswith("date") else expected + dt.timedelta(days=2)  # metadata: the last resort
    anchor = find_anchor(article, published)
    assert anchor is not None and anchor.date == expected and anchor.text in article, anchor


def test_ascii_digits_keeps_the_length_and_every_other_character() -> None:
    from extractor.text.digits import ascii_digits

    for text in ["\u06f1\u06f3\u06f9\u06f9/\u06f1\u06f0", "\u0661\u0664 \u0642\u062a\u0644\u0649", "abc 12", "\uff15\u0e52\u1042"]:
        out = ascii_digits(text)
        assert len(out) == len(text) and all(c.isascii() for c in out if c.isdecimal())
    assert ascii_digits("\uff15\u0e52\u1042 km") == "522 km"


# -- dateline forms (issue 11, second report, defect 6) ------------------------------------------------------

@pytest.mark.parametrize("article,published,expected,anchor_text", [
    ("ABUJA, Nigeria, Tuesday, May 2, 2023 (Wire) -- Bandits killed eight villagers on Sunday.", None,
     dt.date(2023, 5, 2), "ABUJA, Nigeria, Tuesday, May 2, 2023 (Wire) --"),  # a weekday before the date
    ("GAO, Mali, Tuesday (Wire) -- Jihadists ambushed a convoy on Sunday.", dt.date(2024, 4, 17),
     dt.date(2024, 4, 16), "GAO, Mali, Tuesday (Wire) --"),  # the weekday alone: the latest on or before publication
    ("Mogadishu, 3 March 2021 (SONNA) \u2013 Al-Shabaab militants killed two teachers.", None,
     dt.date(2021, 3, 3), "Mogadishu, 3 March 2021 (SONNA) \u2013"),  # a city in title case, day first, en dash
    ("Mogadishu, Somalia, March 3, 2021 (AP) -- Militants killed two.", None, dt.date(2021, 3, 3),
     "Mogadishu, Somalia, March 3, 2021 (AP) --"),
    ("ISLAMABAD, Pakistan\nJuly 7, 2023\n\nMilitants killed four soldiers yesterday.", None, dt.date(2023, 7, 7),
     "ISLAMABAD, Pakistan\nJuly 7, 2023"),  # over two lines
    ("ISLAMABAD\n29 January 2020\n\nMilitants killed four soldiers yesterday.", None, dt.date(2020, 1, 29),
     "ISLAMABAD\n29 January 2020"),
    ("ISLAMABAD\nJanuary 29, 2020\n\nMilitants killed four soldiers yesterday.", None, dt.date(2020, 1, 29),
     "ISLAMABAD\nJanuary 29, 2020"),
    ("KANO, Nigeria, Friday, 5 March 2021 (Wire) -- Gunmen killed three.", None, dt.date(2021, 3, 5),
     "KANO, Nigeria, Friday, 5 March 2021 (Wire) --"),
    ("KABUL (Pajhwok): Unknown gunmen shot dead three shopkeepers.", dt.date(2021, 3, 8), dt.date(2021, 3, 8),
     "2021-03-08"),  # no date in it: the publication date
])
def test_dateline_forms_are_the_anchor(article: str, published: dt.date | None, expected: dt.date,
                                       anchor_text: str) -> None:
    anchor = find_anchor(article, published)
    assert anchor is not None and anchor.date == expected and anchor.text == anchor_text, anchor


@pytest.mark.parametrize("sentence,dateline", [
    ("ABUJA, Nigeria, Tuesday, May 2, 2023 (Wire) -- Bandits killed eight villagers on Sunday.",
     "ABUJA, Nigeria, Tuesday, May 2, 2023 (Wire) --"),
    ("GAO, Mali, Tuesday (Wire) -- Jihadists ambushed a convoy on Sunday.", "GAO, Mali, Tuesday (Wire) --"),
    ("Mogadishu, 3 March 2021 (SONNA) \u2013 Militants killed two teachers.", "Mogadishu, 3 March 2021 (SONNA) \u2013"),
    ("KABUL (Pajhwok): Unknown gunmen shot dead three shopkeepers.", "KABUL (Pajhwok):"),
    ("KABUL -- Unknown gunmen shot dead three shopkeepers.", "KABUL --"),
    ("ISLAMABAD\n29 January 2020\n\nMilitants killed four.", "ISLAMABAD\n29 January 2020"),
    ("MAIDUGURI, Nigeria, Aug 14 (Reuters) - Insurgents killed 12 farmers.", "MAIDUGURI, Nigeria, Aug 14 (Reuters) -"),
    ("Police said on Tuesday (Wire) -- that gunmen killed three.", ""),  # not a dateline: no place in capitals
    ("Gunmen killed three in Gao on Tuesday - police said.", ""),
])
def test_where_a_dateline_ends(sentence: str, dateline: str) -> None:
    from extractor.text.dateline import dateline_end

    assert sentence[:dateline_end(sentence)] == dateline


@pytest.mark.parametrize("article,when,expected,warned", [
    ("ABUJA, Nigeria, Tuesday, May 2, 2023 (Wire) -- Bandits killed eight villagers in Gusau on Sunday.", None,
     dt.date(2023, 4, 30), None),
    ("GAO, Mali, Tuesday (Wire) -- Jihadists ambushed a convoy near Ansongo on Sunday, killing three.", None,
     dt.date(2024, 4, 14), None),
    ("Mogadishu, 3 March 2021 (SONNA) \u2013 Militants killed two teachers in Baidoa last Thursday.", "last Thursday",
     dt.date(2021, 2, 25), None),
    ("Mogadishu, 3 March 2021 (SONNA) \u2013 Militants killed two teachers in Baidoa.", "3 March 2021",
     dt.date(2021, 3, 3), "dateline"),  # the model copied the dateline's date: warned, week precision
    ("MAIDUGURI, Nigeria, Aug 14 (Reuters) - Insurgents killed 12 farmers near Dikwa.", "Aug 14",
     dt.date(2022, 8, 14), "dateline"),
    ("ISLAMABAD\n29 January 2020\n\nMilitants killed four soldiers yesterday.", "yesterday", dt.date(2020, 1, 28), None),
    ("GAO, Mali, Tuesday (Wire) -- Jihadists ambushed a convoy on Tuesday.", "Tuesday", dt.date(2024, 4, 16), None),
    ("KABUL (Pajhwok): Gunmen shot dead three shopkeepers on Saturday night.", "on Saturday night",
     dt.date(2024, 4, 13), None),
])
def test_the_dateline_forms_are_not_the_events_date(article: str, when: str | None, expected: dt.date,
                                                    warned: str | None) -> None:
    from extractor.coding.dates import date_of_incident

    published = dt.date(2022, 8, 14) if "Aug 14" in article else dt.date(2024, 4, 17)
    anchor = find_anchor(article, published)
    date, warnings = date_of_incident(when, [article], article, anchor)
    assert date.value == expected, (date, warnings)
    if warned:
        assert any(warned in w for w in warnings) and date.precision == "week", (date, warnings)


# -- no day borrowed from the anchor (issue 11, second report, defect 5) -------------------------------------

MAR10 = dt.date(2021, 3, 10)


@pytest.mark.parametrize("expression,value,end,precision", [
    ("in 2020-21", "2020-01-01", "2021-03-10", "year"),  # two years; the second cut at the report
    ("in 2019/20", "2019-01-01", "2020-12-31", "year"),
    ("2019-2020", "2019-01-01", "2020-12-31", "year"),
    ("during 2018\u201319", "2018-01-01", "2019-12-31", "year"),
    ("a year ago", "2020-01-01", "2020-12-31", "year"),
    ("about a year ago", "2020-01-01", "2020-12-31", "year"),
    ("two years ago", "2019-01-01", "2019-12-31", "year"),
    ("six months ago", "2020-09-01", "2020-09-30", "month"),
    ("a month ago", "2021-02-01", "2021-02-28", "month"),
    ("three weeks ago", "2021-02-14", "2021-02-20", "week"),
    ("a week ago", "2021-02-28", "2021-03-06", "week"),
    ("two days ago", "2021-03-08", None, "day"),
    ("at the beginning of April", "2020-04-01", "2020-04-10", "month"),  # days 1-10 (coding-rules: early)
    ("at the start of April", "2020-04-01", "2020-04-10", "month"),
    ("at the end of February", "2021-02-21", "2021-02-28", "month"),
    ("in April or May", "2020-04-01", "2020-05-31", "month"),  # both months
    ("in April or May 2020", "2020-04-01", "2020-05-31", "month"),
    ("in March-April 2021", "2021-03-01", "2021-03-10", "month"),  # cut at the report
    ("in January-February 2021", "2021-01-01", "2021-02-28", "month"),
    ("between January and February", "2021-01-01", "2021-02-28", "month"),
    ("in December-January 2021", "2020-12-01", "2021-01-31", "month"),  # across the new year
])
def test_a_period_never_borrows_a_day_from_the_anchor(expression: str, value: str, end: str | None,
                                                      precision: str) -> None:
    r = resolve(expression, MAR10)
    assert r is not None, expression
    assert (r.value.isoformat(), r.end.isoformat() if r.end else None, r.precision) == (value, end, precision)


@pytest.mark.parametrize("sentence,expected", [
    ("Gunmen raided Tessalit in 2020-21, officials said.", ["in 2020-21"]),
    ("Gunmen raided Tessalit in 2019/20, officials said.", ["in 2019/20"]),
    ("Gunmen raided Tessalit at the beginning of April, a UN report said.", ["at the beginning of April"]),
    ("Gunmen raided Tessalit at the start of April 2021, a UN report said.", ["at the start of April 2021"]),
    ("Gunmen raided Tessalit three weeks ago, a UN report said.", ["three weeks ago"]),
    ("Gunmen raided Tessalit a year ago, a UN report said.", ["a year ago"]),
    ("Gunmen raided Tessalit six months ago, a UN report said.", ["six months ago"]),
    ("Gunmen raided Tessalit in April or May, police said.", ["in April or May"]),
    ("Gunmen raided Tessalit in March-April 2021, police said.", ["in March-April 2021"]),
    ("Attacks rose between March and May, police said.", ["between March and May"]),
])
def test_periods_are_found_whole_in_the_evidence(sentence: str, expected: list[str]) -> None:
    assert find_expressions(sentence) == expected


@pytest.mark.parametrize("expression,value,calendar", [
    ("on \u06f1\u06f1 \u062c\u062f\u06cc \u06f1\u06f3\u06f9\u06f9", "2020-12-31", "Solar Hijri"),  # ۱۱ جدی ۱۳۹۹ (Dari)
    ("\u06f9 \u062f\u0644\u0648 \u06f1\u06f3\u06f9\u06f8", "2020-01-29", "Solar Hijri"),  # ۹ دلو ۱۳۹۸
    ("\u06f9 \u0628\u0647\u0645\u0646 \u06f1\u06f3\u06f9\u06f8", "2020-01-29", "Solar Hijri"),  # ۹ بهمن ۱۳۹۸ (Iranian)
    ("\u06f1\u06f2 \u062f\u06cc", "2021-01-01", "Solar Hijri"),  # ۱۲ دی: no year
    ("\u0661 \u0631\u0645\u0636\u0627\u0646 \u0661\u0664\u0664\u0661", "2020-04-24", "lunar Hijri"),  # ١ رمضان ١٤٤١
    ("\u0641\u064a \u0661 \u0631\u0645\u0636\u0627\u0646 \u0661\u0664\u0664\u0661", "2020-04-24", "lunar Hijri"),  # في ...
    ("11 \u062c\u062f\u064a 1399", "2020-12-31", "Solar Hijri"),  # Arabic yeh for the Persian one
    ("\u06f1\u06f0 \u062c\u062f\u06cc\u060c \u06f1\u06f3\u06f9\u06f9", "2020-12-30", "Solar Hijri"),  # with a Persian comma
])
def test_month_names_in_persian_and_arabic_script_are_read(expression: str, value: str, calendar: str) -> None:
    r = resolve(expression, JAN2)
    assert r is not None and r.value.isoformat() == value and r.text == expression, (expression, r)
    assert r.note and calendar in r.note


@pytest.mark.parametrize("sentence,when,offset", [
    ("A day later, on New Year's Eve, an unknown man threw a grenade at a police van.", "on New Year's Eve", 1),
    ("Two days later, during the Eid holiday, gunmen attacked a checkpoint.", "during the Eid holiday", 2),
    ("The same day, at the height of the festival, a bomb exploded in the market.", "at the height of the festival", 0),
    ("The next day, on Christmas, gunmen attacked a church.", "on Christmas", 1),
])
def test_an_unread_date_keeps_what_counts_from_the_incident_before(sentence: str, when: str, offset: int) -> None:
    """The model's 'on New Year's Eve' cannot be read without a year; 'a day later' can, from the
    incident before (code_incidents), so it is the expression kept."""
    from extractor.coding.dates import date_of_incident, offset_from_other

    date, _ = date_of_incident(when, [sentence], sentence, None)
    assert date.value is None and offset_from_other(date.text) == offset


@pytest.mark.parametrize("when,sentence,expected,shifted", [
    # FBIS translations give local time, then GMT in brackets: past midnight in GMT, GMT's day is the next one
    ("on 12 January", "THE FIRST BOMB ATTACK OCCURRED AT 2230 [0230 GMT ON 12 JANUARY] IN FRONT OF THE MINISTRY.",
     "1990-01-11", True),
    (None, "THE SECOND ATTACK OCCURRED AT 2335 [0335 GMT ON 12 JANUARY], AFTER THE CABINET LEFT.", "1990-01-11", True),
    ("12 January", "Rebels attacked the post at 2300 hours [0400 GMT, 12 January].", "1990-01-11", True),
    # east of GMT, late in GMT's day: the local day is the next one
    ("11 January", "The shelling began at 0130 [2230 GMT 11 January] in Kabul.", "1990-01-12", True),
    # round brackets and wire forms (a new-user check), and the note copied whole as the model's when
    ("12 January", "THE BOMB WENT OFF AT 2230 (0230 GMT ON 12 JANUARY).", "1990-01-11", True),
    ("Jan. 11", "Militants stormed the hotel at 0500 (2100 GMT on Jan. 11), officials said.", "1990-01-12", True),
    ("Jan. 11", "The blast came at 5 a.m. (2100 GMT on Jan. 11) near the market.", "1990-01-12", True),
    ("0230 GMT ON 12 JANUARY", "THE FIRST BOMB ATTACK OCCURRED AT 2230 [0230 GMT ON 12 JANUARY].", "1990-01-11", True),
    ("AT 2230 [0230 GMT ON 12 JANUARY]", "THE FIRST BOMB ATTACK OCCURRED AT 2230 [0230 GMT ON 12 JANUARY].",
     "1990-01-11", True),
    # same day in both: nothing to shift
    ("on 11 January", "THE BOMB WENT OFF AT 1830 [2230 GMT ON 11 JANUARY].", "1990-01-11", False),
    # the local day written before the note is the local day (a second new-user check)
    ("11 JANUARY", "THE BOMB WENT OFF AT 2230 11 JANUARY [0430 GMT 12 JANUARY].", "1990-01-11", False),
    ("Thursday", "Rockets hit the airport at 0130 local time on Thursday (2130 GMT Wednesday).", "1990-01-11", False),
    # the day is also said outside the note: that is the local day
    ("on 11 January", "ON 11 JANUARY AT 2230 [0230 GMT ON 12 JANUARY] A BOMB WENT OFF.", "1990-01-11", False),
    ("on 12 January", "A BOMB WENT OFF ON 12 JANUARY; POLICE ARRIVED AT 0230 GMT.", "1990-01-12", False),
])
def test_a_date_read_from_a_gmt_note_is_the_local_day(when: str | None, sentence: str, expected: str,
                                                     shifted: bool) -> None:
    from extractor.coding.dates import Anchor, date_of_incident

    anchor = Anchor(date=dt.date(1990, 1, 12), source="dateline", text="LA PAZ, 12 JAN 90")
    date, warnings = date_of_incident(when, [sentence], sentence, anchor)
    assert str(date.value) == expected, warnings
    assert any("GMT's day" in w for w in warnings) is shifted, warnings


@pytest.mark.parametrize("sentence,expected", [
    # the event's day, however the attribution follows (a new-user check of the statement-day rule)
    ("Five villagers were killed on Monday, said a local official in Maiduguri.", ["on Monday"]),
    ("Five were killed in Maiduguri on Monday said police.", ["on Monday"]),
    ("The attack on Monday, claimed by Islamic State, killed five soldiers.", ["on Monday"]),
    ("The bombing on Monday, condemned by the United Nations, killed five.", ["on Monday"]),
    ("An explosion on Monday reported by local media killed two people.", ["on Monday"]),
    ("POLICE SAID THAT ON MONDAY GUNMEN ATTACKED THE POST.", ["ON MONDAY"]),
    # a second new-user check: the event's day after "said" and a subject, in an event, after "according to"
    ("Officials said Taliban on Monday killed five policemen in Kunduz province.", ["on Monday"]),
    ("POLICE SAID GUERRILLAS YESTERDAY KILLED FIVE PEASANTS.", ["YESTERDAY"]),
    ("Police said in a raid on Monday they killed five militants.", ["on Monday"]),
    ("According to police the attack on Monday killed five people.", ["on Monday"]),
    ("Violence on Monday claimed five lives in the north.", ["on Monday"]),
    ("The army said in a written statement on Monday that gunmen attacked a post on Sunday.", ["on Sunday"]),
    ("The governor told reporters on Monday that bandits killed 12 people on Saturday.", ["on Saturday"]),
    ("A resident told AFP by telephone on Monday that the shelling began on Sunday.", ["on Sunday"]),
    ("The army said in a statement released on Monday that the raid took place on Friday.", ["on Friday"]),
    ("Five people died on Sunday, according to a police statement on Monday.", ["on Sunday"]),
    ("In a statement on Monday, police said gunmen attacked the village on Saturday.", ["on Saturday"]),
    ("KABUL, March 13 (Reuters) - In a statement on Monday, police said gunmen attacked a post on Saturday.",
     ["on Saturday"]),
    ("Speaking to reporters on Monday, the mayor said the blast happened on Sunday.", ["on Sunday"]),
    # the statement's day, before or after its verb
    ("The army said in a statement on Monday that gunmen attacked a post on Sunday.", ["on Sunday"]),
    ("He told Reuters on Monday that the attack happened on Saturday.", ["on Saturday"]),
    ("Gunmen killed three villagers, according to police on Tuesday.", []),
    ("Officials said Wednesday that gunmen attacked the convoy on Tuesday.", ["on Tuesday"]),
])
def test_a_statements_day_is_told_from_the_events(sentence: str, expected: list[str]) -> None:
    assert find_expressions(sentence) == expected


@pytest.mark.parametrize("when,sentence,expected", [
    ("on Monday", "Police on Monday said gunmen killed five villagers in Garissa on Sunday.", "1990-01-07"),
    ("TODAY", "THE MNR TODAY DEMANDED AN INQUIRY INTO THE CRIME PERPETRATED ON 6 JANUARY IN GUATEMALA.", "1990-01-06"),
    ("on Monday", "Gunmen killed five villagers in Garissa on Monday, police said.", "1990-01-08"),
])
def test_the_models_when_is_not_a_statements_day(when: str, sentence: str, expected: str) -> None:
    from extractor.coding.dates import Anchor, date_of_incident

    anchor = Anchor(date=dt.date(1990, 1, 9), source="dateline", text="9 JAN 90")
    date, warnings = date_of_incident(when, [sentence], sentence, anchor)
    assert str(date.value) == expected, warnings

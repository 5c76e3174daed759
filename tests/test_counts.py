import pytest
from hypothesis import given, strategies as st

from extractor.text.counts import VAGUE, parse_count

CASES = [
    # (as written, low, high, approximate)
    ("12", 12, 12, False),
    ("1,200", 1200, 1200, False),
    ("three", 3, 3, False),
    ("twenty-one", 21, 21, False),
    ("seventy five", 75, 75, False),
    ("one hundred and five", 105, 105, False),
    ("a dozen", 12, 12, False),
    ("two dozen", 24, 24, False),
    ("half a dozen", 6, 6, False),
    ("at least 13", 13, None, False),
    ("At least 13 troopers", 13, None, False),
    ("no fewer than 20", 20, None, False),
    ("more than 30", 31, None, False),
    ("More than two dozen", 25, None, False),
    ("over 100", 101, None, False),
    ("nearly 40", None, 39, False),
    ("almost 50", None, 49, False),
    ("about 20", 20, 20, True),
    ("some 20", 20, 20, True),
    ("around 15", 15, 15, True),
    ("an estimated 50", 50, 50, True),
    ("up to 10", None, 10, False),
    ("as many as 60", None, 60, False),
    ("5 to 7", 5, 7, False),
    ("5-7", 5, 7, False),
    ("between 10 and 15", 10, 15, False),
    ("two or three", 2, 3, True),
    ("12 police", 12, 12, False),
    ("15 bodied behind", 15, 15, False),
    ("several", 3, None, True),
    ("a few", 3, None, True),
    ("many", 10, None, True),
    ("dozens", 12, None, True),
    ("scores of people", 20, None, True),
    ("hundreds", 100, None, True),
]


@pytest.mark.parametrize("text,low,high,approximate", CASES)
def test_parse_count(text: str, low: int | None, high: int | None, approximate: bool) -> None:
    r = parse_count(text)
    assert r is not None, text
    assert (r.low, r.high, r.approximate) == (low, high, approximate)
    assert r.text == text


@pytest.mark.parametrize("text", [None, "", "   ", "police", "unknown", "the attackers"])
def test_no_count(text: str | None) -> None:
    assert parse_count(text) is None


def test_vague_values_are_acleds() -> None:
    assert VAGUE["dozens"][0] == 12 and VAGUE["hundreds"][0] == 100 and VAGUE["several"][0] == 3


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["", "at least ", "more than ", "about ", "nearly ", "up to "]))
def test_low_never_exceeds_high(n: int, qualifier: str) -> None:
    r = parse_count(f"{qualifier}{n}")
    assert r is not None
    if r.low is not None and r.high is not None:
        assert r.low <= r.high


@given(st.integers(min_value=0, max_value=10**4), st.integers(min_value=0, max_value=10**4))
def test_ranges_are_ordered(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b)
    r = parse_count(f"{lo} to {hi}")
    assert r is not None and (r.low, r.high) == (lo, hi)


# Issue 11 (kind 6): "between" with a dash or "to" keeps its top, as "between ... and" does.
BETWEEN = [
    ("between 12-15", 12, 15),
    ("between 12–15", 12, 15),
    ("between 12 - 15", 12, 15),
    ("between 12 to 15", 12, 15),
    ("between 1,200-1,500", 1200, 1500),
    ("between 1,200 and 1,500", 1200, 1500),
    ("Between twenty-five to thirty", 25, 30),
    ("from 12-15", 12, 15),
    ("between 40—50 people", 40, 50),
    ("between 5 to 7 soldiers", 5, 7),
]


@pytest.mark.parametrize("text,low,high", BETWEEN)
def test_between_keeps_its_top_whatever_joins_the_ends(text: str, low: int, high: int) -> None:
    r = parse_count(text)
    assert r is not None and (r.low, r.high, r.approximate) == (low, high, False)


@pytest.mark.parametrize("text", ["between 12-15", "between 1,200-1,500", "between 12 to 15", "from 12–15"])
def test_the_count_pattern_finds_the_whole_between_range(text: str) -> None:
    import re

    from extractor.text.counts import count_pattern
    sentence = f"Gunmen killed {text} villagers in Kajuru on Monday."
    assert re.search(count_pattern(), sentence, re.IGNORECASE).group(0) == text  # type: ignore[union-attr]


# A letter typed for a digit: the number cannot be read, so no count (not 1 from "1,5OO").
MISTYPED = ["1,5OO", "1,5oo", "2O", "1O0", "l5", "O5", "at least 1,2OO", "3O killed", "1.5OO"]


@pytest.mark.parametrize("text", MISTYPED)
def test_a_letter_typed_for_a_digit_is_no_count(text: str) -> None:
    assert parse_count(text) is None


@pytest.mark.parametrize("text,low", [("3 lorries", 3), ("10 soldiers", 10), ("12 Iraqis", 12), ("40 Oromo", 40),
                                      ("5 officers", 5), ("2 lorries", 2), ("20 of them", 20), ("8 local men", 8)])
def test_a_number_before_a_word_with_those_letters_is_still_read(text: str, low: int) -> None:
    r = parse_count(text)
    assert r is not None and r.low == low


@pytest.mark.parametrize("text,low,high", [
    ("۱۲", 12, 12), ("at least ١٥", 15, None), ("۱,۲۰۰-۱,۵۰۰", 1200, 1500), ("more than ٣٠", 31, None),
    ("१२", 12, 12), ("between ৫ and ৮", 5, 8), ("up to ๒๐", None, 20), ("٧", 7, 7),
])
def test_digits_of_other_scripts_are_digits(text: str, low: int | None, high: int | None) -> None:
    """Persian, Arabic-Indic, Devanagari, Bengali and Thai digits read as the numbers they are."""
    count = parse_count(text)
    assert count is not None and (count.low, count.high) == (low, high)

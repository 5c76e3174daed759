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

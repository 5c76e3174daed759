"""One vocabulary, read the same by every reader: each qualifier, range form and vague word goes
through the model-answer check (`parse_count` on the model's copy) and the evidence finder
(`find_casualties` on a sentence holding it), and both must give the same range."""

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extractor.coding.casualty_phrases import find_casualties
from extractor.model.schema import RawClaim
from extractor.text.counts import parse_count
from extractor.text.vocabulary import QUALIFIERS, SUFFIX_QUALIFIERS, VAGUE, fold

DOCS = Path(__file__).resolve().parent.parent / "docs" / "coding-rules.md"

# Each qualifier's meaning, written by hand (not computed from the vocabulary): (phrase, low, high, approximate).
QUALIFIED = [
    ("at least 12", 12, None, False),
    ("no fewer than 12", 12, None, False),
    ("no less than 12", 12, None, False),
    ("not fewer than 12", 12, None, False),
    ("not less than 12", 12, None, False),
    ("a minimum of 12", 12, None, False),
    ("at a minimum 12", 12, None, False),
    ("more than 20", 21, None, False),
    ("over 20", 21, None, False),
    ("upwards of 20", 21, None, False),
    ("upward of 20", 21, None, False),
    ("in excess of 20", 21, None, False),
    ("well over 20", 21, None, False),
    ("just over 20", 21, None, False),
    ("above 20", 21, None, False),
    ("at most 30", None, 30, False),
    ("not more than 30", None, 30, False),
    ("no more than 30", None, 30, False),
    ("up to 30", None, 30, False),
    ("as many as 30", None, 30, False),
    ("a maximum of 30", None, 30, False),
    ("fewer than 40", None, 39, False),
    ("less than 40", None, 39, False),
    ("under 40", None, 39, False),
    ("just under 40", None, 39, False),
    ("nearly 40", None, 39, False),
    ("almost 40", None, 39, False),
    ("close to 40", None, 39, False),
    ("about 50", 50, 50, True),
    ("around 50", 50, 50, True),
    ("some 50", 50, 50, True),
    ("roughly 50", 50, 50, True),
    ("approximately 50", 50, 50, True),
    ("an estimated 50", 50, 50, True),
    ("estimated 50", 50, 50, True),
    ("an approximate 50", 50, 50, True),
    ("circa 50", 50, 50, True),
    ("as few as 12", 12, None, False),
    # after the number
    ("12 or more", 12, None, False),
    ("30-plus", 30, None, False),
    ("20 or so", 20, 20, True),
    ("twenty-odd", 20, 20, True),
    # qualifiers with number words and separators
    ("No less than twelve", 12, None, False),
    ("In excess of 1,000", 1001, None, False),
    ("more than a dozen", 13, None, False),
    ("nearly two dozen", None, 23, False),
    ("at least one hundred and five", 105, None, False),
    ("up to 1.5 million", None, 1_500_000, False),
]

# Ranges in every written form.
RANGES = [
    ("1,200-1,500", 1200, 1500, False),
    ("1,200 - 1,500", 1200, 1500, False),
    ("1,200\u20131,500", 1200, 1500, False),  # en dash
    ("1,200 \u2013 1,500", 1200, 1500, False),
    ("1,200\u20141,500", 1200, 1500, False),  # em dash
    ("1,200 to 1,500", 1200, 1500, False),
    ("between 1,200 and 1,500", 1200, 1500, False),
    ("from 1,200 to 1,500", 1200, 1500, False),
    ("1200-1500", 1200, 1500, False),
    ("12-15", 12, 15, False),
    ("12 \u2212 15", 12, 15, False),  # minus sign
    ("twelve to fifteen", 12, 15, False),
    ("between two and five", 2, 5, False),
    ("two or three", 2, 3, True),
    ("20 or 30", 20, 30, True),
    ("about 1,200-1,500", 1200, 1500, True),
]

# Digits grouped in thousands as news in several languages writes them: comma, full stop, space,
# no-break space, narrow no-break space, thin space.
THOUSANDS = [
    ("1 200", 1200, 1200, False),
    ("1\u00a0200", 1200, 1200, False),
    ("1\u202f200", 1200, 1200, False),
    ("1\u2009200", 1200, 1200, False),
    ("12 000", 12000, 12000, False),
    ("1 200 000", 1_200_000, 1_200_000, False),
    ("1.200", 1200, 1200, False),
    ("1.200.000", 1_200_000, 1_200_000, False),
    ("1 200\u20131 500", 1200, 1500, False),
    ("1\u00a0200\u20131\u00a0500", 1200, 1500, False),
    ("1\u202f200 to 1\u202f500", 1200, 1500, False),
    ("between 1 200 and 1 500", 1200, 1500, False),
    ("1.200-1.500", 1200, 1500, False),
    ("more than 1 000", 1001, None, False),
    ("1.5 million", 1_500_000, 1_500_000, False),  # a decimal before a scale word
    ("1.200 million", 1_200_000, 1_200_000, False),
]

# A lower bound closed by an upper one: one range.
BOUNDED = [
    ("at least 12 and as many as 20", 12, 20, False),
    ("at least 12, possibly 20", 12, 20, False),
    ("more than 30 but fewer than 50", 31, 49, False),
    ("as few as 12 and as many as 20", 12, 20, False),
    ("12, perhaps 20", 12, 20, False),
    ("at least 12 and up to 20", 12, 20, False),
    ("no fewer than 12 and possibly 20", 12, 20, False),
    ("at least a dozen, maybe 20", 12, 20, False),
    ("over 100, possibly 150", 101, 150, False),
    ("at least 12 but not more than 20", 12, 20, False),
    ("some 12, or even 20", 12, 20, True),
    ("at least twelve and as many as twenty", 12, 20, False),
    ("at least 1 200 and as many as 1 500", 1200, 1500, False),
]

# Vague quantities (ACLED's values where its codebook gives one).
VAGUE_WORDS = [
    ("a few", 3, None, True),
    ("several", 3, None, True),
    ("a number of", 3, None, True),
    ("some", 3, None, True),
    ("many", 10, None, True),
    ("dozens", 12, None, True),
    ("scores", 20, None, True),
    ("hundreds", 100, None, True),
    ("thousands", 1000, None, True),
    ("few", 3, None, True),
]

ALL = QUALIFIED + RANGES + THOUSANDS + BOUNDED + VAGUE_WORDS


def _sentences(phrase: str) -> list[tuple[str, str]]:
    """Three shapes news writes a toll in: subject first, verb first (killed and wounded)."""
    capitalized = phrase[0].upper() + phrase[1:]
    return [
        (f"{capitalized} police officers were killed when insurgents stormed a station, a spokesman said.", "killed"),
        (f"Gunmen opened fire on a market on Sunday, killing {phrase} civilians, officials said.", "killed"),
        (f"The blast tore through the bus, wounding {phrase} passengers.", "wounded"),
    ]


@pytest.mark.parametrize("phrase,low,high,approximate", ALL)
def test_the_answer_check_and_the_evidence_finder_read_the_same_range(phrase, low, high, approximate) -> None:  # type: ignore[no-untyped-def]
    answer = parse_count(phrase)
    assert answer is not None and (answer.low, answer.high, answer.approximate) == (low, high, approximate), phrase
    assert RawClaim(claimant="police", killed=phrase).killed == phrase  # the schema accepts it as a count
    for sentence, kind in _sentences(phrase):
        [found] = find_casualties(sentence)
        assert found.kind == kind, sentence
        assert (found.count.low, found.count.high) == (low, high), sentence
        assert found.count.text.lower() == phrase.lower(), sentence  # the whole phrase, qualifier included


def test_every_word_of_the_vocabulary_is_in_the_tables() -> None:
    """A qualifier added to the vocabulary needs its meaning written here and in the docs."""
    written = {p.lower() for p, *_ in ALL}
    for qualifier in QUALIFIERS:
        assert any(w.startswith(qualifier + " ") for w in written), qualifier
    for suffix in SUFFIX_QUALIFIERS:
        assert any(suffix in w for w in written), suffix
    assert set(VAGUE) <= written


def test_the_docs_table_lists_every_qualifier() -> None:
    section = DOCS.read_text(encoding="utf-8").split("## Counts")[1].split("\n## ")[0]
    for word in [*QUALIFIERS, *VAGUE]:
        assert f'"{word}' in section or f'"{word[0].upper()}{word[1:]}' in section, word
    for suffix in SUFFIX_QUALIFIERS:
        assert f"N {suffix}" in section or f"N-{suffix}" in section, suffix


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(QUALIFIERS)))
def test_any_number_under_any_qualifier_reads_the_same_in_both(n: int, qualifier: str) -> None:
    phrase = f"{qualifier} {n:,}"
    answer = parse_count(phrase)
    [found] = find_casualties(f"Officials said {phrase} people were killed in the attack.")
    assert answer is not None and (found.count.low, found.count.high) == (answer.low, answer.high)


@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=0, max_value=10**5),
       st.sampled_from(["{a:,}-{b:,}", "{a:,} - {b:,}", "{a:,}\u2013{b:,}", "{a:,} to {b:,}", "between {a:,} and {b:,}"]))
def test_any_range_form_reads_low_to_high(a: int, b: int, form: str) -> None:
    lo, hi = min(a, b), max(a, b)
    phrase = form.format(a=lo, b=hi)
    answer = parse_count(phrase)
    assert answer is not None and (answer.low, answer.high) == (lo, hi), phrase
    [found] = find_casualties(f"Fighters killed {phrase} civilians, a United Nations official said.")
    assert (found.count.low, found.count.high) == (lo, hi), phrase


@pytest.mark.parametrize("sentence,low", [
    ("Gunmen killed 25 100 km north of Kabul.", 25),
    ("Gunmen killed 12 300 metres from the base.", 12),
    ("Gunmen killed 1 200 people.", 1200),
])
def test_a_distance_after_a_space_is_not_a_thousands_group(sentence: str, low: int) -> None:
    [found] = find_casualties(sentence)
    assert found.count.low == low


@given(st.integers(min_value=1_000, max_value=10**7), st.sampled_from([",", ".", " ", "\u00a0", "\u202f", "\u2009"]))
def test_any_thousands_separator_reads_the_number(n: int, separator: str) -> None:
    phrase = f"{n:,}".replace(",", separator)
    answer = parse_count(phrase)
    assert answer is not None and (answer.low, answer.high) == (n, n), phrase
    [found] = find_casualties(f"Fighters killed {phrase} civilians, a United Nations official said.")
    assert (found.count.low, found.count.high) == (n, n), phrase


@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=0, max_value=10**5),
       st.sampled_from(["at least {a} and as many as {b}", "at least {a}, possibly {b}", "more than {a} but fewer than {b}"]))
def test_a_lower_and_an_upper_bound_read_as_one_range(a: int, b: int, form: str) -> None:
    lo, hi = min(a, b), max(a, b) + 2
    phrase = form.format(a=lo, b=hi)
    answer = parse_count(phrase)
    assert answer is not None and answer.low is not None and answer.high is not None and answer.low <= answer.high
    assert answer.high >= hi - 1 and answer.low <= lo + 1, phrase


@pytest.mark.parametrize("name,folded", [
    ("Pul-e-Khumrī", "pul e khumri"),
    ("Tillabéri", "tillaberi"),
    ("Nord-Kivu", "north kivu"),
    ("Sud Kivu", "south kivu"),
    ("El Fasher", "al fasher"),
    ("Côte d'Ivoire", "cote d ivoire"),
    ("  KUNDUZ ", "kunduz"),
    ("", ""),
])
def test_fold(name: str, folded: str) -> None:
    assert fold(name) == folded
    assert fold(name, joined=True) == folded.replace(" ", "")

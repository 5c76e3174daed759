"""The words every reader shares, each concept defined once: numbers, count qualifiers and the
bound each sets, vague quantities, range connectors, place-level words, name folding, country
aliases.

Readers are built from these tables, never written again beside them:
- `text.counts.parse_count` reads the model's copy of a count ("no less than 12") and
  `text.counts.count_pattern` generates the regular expression with which
  `coding.casualty_phrases.find_casualties` finds counts in the evidence, from the same tables;
- `coding.dates` reads number words ("two days later") from NUMBER_WORDS, and it, `text.dateline` and
  `coding.background` read month and weekday names from MONTHS, WEEKDAYS and their patterns;
- `coding.places` strips and ranks place-level words, `evaluation.scoring` drops them when it
  compares names; both compare names through `fold`;
- `coding.gazetteer` adds COUNTRY_ALIASES to `countrynames` and compares names with `fold`.

A word added here is read the same way everywhere: `tests/test_vocabulary.py` runs every
qualifier and range form through both the model-answer check and the evidence finder.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

__all__ = [
    "words_pattern",
    "UNITS", "TENS", "SCALES", "DOZEN", "NUMBER_WORDS", "NONE_WORDS", "PAIR_WORDS", "ARTICLES",
    "THOUSANDS_SEPARATORS", "DISTANCE_UNITS", "NAME_NUMBER_WORDS",
    "Bound", "QUALIFIERS", "SUFFIX_QUALIFIERS", "bound_range", "VAGUE", "UPPER_BOUNDS", "HEDGES", "BOUND_JOINERS",
    "RANGE_DASHES", "RANGE_WORDS", "RANGE_OPENERS", "ALTERNATIVE",
    "ADMIN1_WORDS", "ADMIN2_WORDS", "UNRANKED_UNIT_WORDS", "SETTLEMENT_WORDS", "SITE_WORDS",
    "CAPITAL_WORDS", "PLURAL_LEVEL_WORDS", "LEVEL_WORDS", "COMPASS_WORDS", "FOREIGN_COMPASS",
    "fold", "COUNTRY_ALIASES", "NOT_ONE_AFTER_ARTICLE", "NEARBY_WORDS", "NOT_NAME_WORDS",
    "MONTHS", "WEEKDAYS", "MONTH_PATTERN", "WEEKDAY_PATTERN", "FEATURE_WORDS", "COUNTRY_ACRONYMS",
]

# -- numbers -------------------------------------------------------------------------------------

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# "hundred" multiplies what is before it; "thousand" and "million" close a group ("two thousand three hundred").
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# "a dozen", "two dozen", "half a dozen": nothing composes after it.
DOZEN = ("dozen", 12)
# Numbers that stand alone: "none", "no" (as in "no one"); "a couple of", "a pair of".
NONE_WORDS: dict[str, int] = {"no": 0, "none": 0}
PAIR_WORDS: dict[str, int] = {"couple": 2, "pair": 2, "single": 1}
# "a"/"an" is one only before a scale, "dozen" or a pair word: "a hundred", "a dozen", "a couple of".
ARTICLES = ("a", "an")
NUMBER_WORDS: dict[str, int] = {**UNITS, **TENS}
# After "killed a"/"wounded an" these open a quantity or a time, not one victim: "killed a total of
# 12", "a number of", "a handful of", "wounded an unknown number", "killed a day after".
NOT_ONE_AFTER_ARTICLE = ("total", "number", "few", "dozen", "further", "half", "score", "handful", "couple", "pair",
                         "hundred", "thousand", "million", "group", "lot", "unknown", "undisclosed", "estimated",
                         "additional", "day", "week", "month", "year", "time", "series")
# How digits are grouped in thousands, as news in several languages writes them: "1,200" (English),
# "1.200" (German, Spanish, Italian ...), "1 200" with a space, a no-break space or a narrow no-break
# space (French, SI). A group is exactly three digits; "1.5 million" and "1.200 million" are decimals.
THOUSANDS_SEPARATORS = (",", ".", " ", "\u00a0", "\u202f", "\u2009")
# Units of distance: after a number grouped with a space they end the count ("killed 25 100 km
# north of Kabul" is 25 dead).
DISTANCE_UNITS = ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre",
                  "metres", "meter", "meters", "m")
# Words that, capitalized before a number, make it part of a name, not a count: "Route 7", "Camp 3",
# "Sector 4", "Flight 752", "Resolution 2719" ("On Route 7 militants killed two soldiers" reports two
# dead). Lower case ("the camp 30 people fled to") is prose and leaves the number a count.
NAME_NUMBER_WORDS = (
    "Route", "Highway", "Road", "Street", "Camp", "Block", "Sector", "Zone", "Checkpoint", "Kilometre", "Kilometer",
    "Km", "KM", "Gate", "Building", "Unit", "Battalion", "Brigade", "Division", "Regiment", "Phase", "Ward",
    "Precinct", "Station", "Post", "Base", "Flight", "Resolution", "Article", "No.", "Number", "Mile", "Terminal",
)


# -- count qualifiers ----------------------------------------------------------------------------

class Bound(str, Enum):
    """What a qualifier says of the count N it qualifies (the rule is `bound_range`)."""

    exact = "exact"  # N..N
    at_least = "at_least"  # N..open
    more_than = "more_than"  # N+1..open
    at_most = "at_most"  # open..N
    less_than = "less_than"  # open..N-1
    about = "about"  # N..N, approximate


# Words before a count, as news writes them. "nearly"/"almost" N say fewer than N died ("nearly 40"
# is at most 39); "up to"/"as many as" N allow N; "some" N is "about" N (ACLED codes the figure).
QUALIFIERS: dict[str, Bound] = {
    "at least": Bound.at_least, "no fewer than": Bound.at_least, "no less than": Bound.at_least,
    "not fewer than": Bound.at_least, "not less than": Bound.at_least, "a minimum of": Bound.at_least,
    "at a minimum": Bound.at_least,
    "more than": Bound.more_than, "over": Bound.more_than, "upwards of": Bound.more_than,
    "upward of": Bound.more_than, "in excess of": Bound.more_than, "well over": Bound.more_than,
    "just over": Bound.more_than, "above": Bound.more_than,
    "at most": Bound.at_most, "not more than": Bound.at_most, "no more than": Bound.at_most,
    "up to": Bound.at_most, "as many as": Bound.at_most, "a maximum of": Bound.at_most,
    "fewer than": Bound.less_than, "less than": Bound.less_than, "under": Bound.less_than,
    "just under": Bound.less_than, "nearly": Bound.less_than, "almost": Bound.less_than,
    "close to": Bound.less_than,
    "as few as": Bound.at_least,
    "about": Bound.about, "around": Bound.about, "some": Bound.about, "roughly": Bound.about,
    "approximately": Bound.about, "an estimated": Bound.about, "estimated": Bound.about,
    "an approximate": Bound.about, "circa": Bound.about,
}
# Words after a count: "12 or more", "20 or so", "20-odd", "30-plus".
SUFFIX_QUALIFIERS: dict[str, Bound] = {
    "or more": Bound.at_least, "plus": Bound.at_least, "or so": Bound.about, "odd": Bound.about,
}


# A lower bound followed by an upper one is one range: "at least 12 and as many as 20" (12..20),
# "at least 12, possibly 20", "more than 30 but fewer than 50", "12, perhaps 20". The second part is
# an upper-bound qualifier (UPPER_BOUNDS) or a hedge (HEDGES: the figure is the most anyone claims),
# optionally after a joiner.
UPPER_BOUNDS: tuple[Bound, ...] = (Bound.at_most, Bound.less_than)
HEDGES = ("possibly", "perhaps", "maybe", "probably", "even", "potentially")
BOUND_JOINERS = ("and", "but", "or")


def bound_range(bound: Bound, n: int) -> tuple[int | None, int | None, bool]:
    """(low, high, approximate) of a count N under `bound`; None is an open end."""
    if bound is Bound.at_least:
        return n, None, False
    if bound is Bound.more_than:
        return n + 1, None, False
    if bound is Bound.at_most:
        return None, n, False
    if bound is Bound.less_than:
        return None, max(n - 1, 0), False
    return n, n, bound is Bound.about


# Vague quantities, as coded by ACLED where its codebook gives a value ("dozens" 12, "hundreds"
# 100, "several"/"a few" 3, "many" 10); "scores" (not in the codebook) as 20. (low, high).
VAGUE: dict[str, tuple[int, int | None]] = {
    "a few": (3, None),
    "few": (3, None),
    "several": (3, None),
    "a number of": (3, None),
    "some": (3, None),
    "many": (10, None),
    "dozens": (12, None),
    "scores": (20, None),
    "hundreds": (100, None),
    "thousands": (1000, None),
}

# -- ranges --------------------------------------------------------------------------------------

# "1,200-1,500", "1,200 - 1,500", "1,200–1,500" (en dash), "1,200—1,500", "1,200 to 1,500",
# "between 1,200 and 1,500", "from 1,200 to 1,500"; "two or three" is a range too, approximate.
RANGE_DASHES = ("-", "\u2013", "\u2014", "\u2012", "\u2212")
RANGE_WORDS = ("to",)
RANGE_OPENERS: dict[str, str] = {"between": "and", "from": "to"}  # opener -> the word joining the ends
ALTERNATIVE = "or"


# -- dates ---------------------------------------------------------------------------------------

# Month and weekday names as English news writes them (Gregorian; other calendars' months are
# `coding.calendars`'). MONTH_PATTERN and WEEKDAY_PATTERN are the regular expressions, with the named
# groups `month` and `weekday`, that `text.dateline` and `coding.dates` read them with.
MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS: dict[str, int] = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
                            "sunday": 6}
MONTH_PATTERN = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                 r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
WEEKDAY_PATTERN = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


# -- places --------------------------------------------------------------------------------------

# Words that say a name's administrative level, as news writes them ("LGA" in capitals). The model's
# `province` and `district` are these levels' admin1 and admin2. A reader may require lower case
# ("Islamic State" is no state: `coding.places` finds admin words after a name in lower case only).
ADMIN1_WORDS = ("province", "region", "state", "governorate")
ADMIN2_WORDS = ("district", "county", "township", "municipality", "local government area", "LGA", "territory")
# First-level in some countries, second-level in others (a French département is admin2, a Senegalese
# one admin2, a Beninese one admin1): stripped from names, never used to give a level.
UNRANKED_UNIT_WORDS = ("department", "prefecture")
SETTLEMENT_WORDS = ("area", "village", "town", "city", "neighbourhood", "neighborhood", "hamlet")
# Part of a place's name ("Abu Shouk camp"): kept in names, left out only when names are compared.
SITE_WORDS = ("camp", "zone")
CAPITAL_WORDS = ("capital", "provincial")
# "in the neighbourhood", "at the same market": the place a report has just named, not a new one.
NEARBY_WORDS = ("neighbourhood", "neighborhood", "area", "village", "town", "city", "district", "camp", "market",
                "locality", "hamlet", "settlement")
PLURAL_LEVEL_WORDS = ("provinces", "districts")
LEVEL_WORDS = (ADMIN1_WORDS + ADMIN2_WORDS + UNRANKED_UNIT_WORDS + SETTLEMENT_WORDS + CAPITAL_WORDS
               + PLURAL_LEVEL_WORDS)
# Words that open a sentence capitalized before a level word but never name a unit: "The county
# commissioner said", "This province has", "A district official", "Each village". Without them
# "The" became an admin2 (a tester's Kenyan report: "Kargi, The, Kenya").
NOT_NAME_WORDS = ("the", "this", "that", "these", "those", "a", "an", "each", "every", "another", "any", "no",
                  "its", "their", "his", "her", "our", "your", "my", "which", "whose", "what", "same",
                  "some", "all", "both", "other", "local", "entire", "whole", "neighbouring",
                  "neighboring", "nearby", "rural", "remote")
# Words that, capitalized after a country's name, make it part of another place's name: "Jordan
# Valley", "Niger Delta", "Niger State", "Congo River" (`gazetteer.countries_in`, `coding.places`).
# Not "City" ("Kuwait City" lies in its country) nor "Road" ("Pakistan Road Blast Kills 5", a headline).
FEATURE_WORDS = ("Valley", "River", "Delta", "Basin", "Strait", "State")
# Capitalized acronyms news writes for countries ("the UAE", "DRC"); any other short word in capitals
# ("EST", "CAF", "NAM", "AND" in a headline) is not taken as an ISO code.
COUNTRY_ACRONYMS = ("US", "USA", "UK", "UAE", "DRC", "RDC", "CAR", "KSA", "PRC", "ROK", "DPRK")
COMPASS_WORDS = ("north", "south", "east", "west")
# Compass words as French and Spanish names write them ("Nord-Kivu", "Sud", "Norte de Santander").
FOREIGN_COMPASS: dict[str, str] = {"nord": "north", "sud": "south", "est": "east", "ouest": "west",
                                   "norte": "north", "sur": "south"}
# The Arabic article as transliterated: "El Fasher" and "Al Fasher" are one name.
_ARTICLE_VARIANTS = {"el": "al"}


def words_pattern(words: tuple[str, ...] | list[str]) -> str:
    """Words and phrases as a regex alternation (no group), longest first, any whitespace inside."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(name: str | None, *, drop: frozenset[str] = frozenset(), joined: bool = False) -> str:
    """A name as names are compared: accents, case and punctuation gone, foreign compass words in
    English, a leading "el" as "al", words in single spaces ("Nord-Kivu" -> "north kivu").

    `drop`: words left out (e.g. level words when comparing a gold admin1 with a predicted one).
    `joined`: no spaces at all, for index keys where "Pul-e Khumri" and "Pul-e-Khumri" must meet.
    """
    if not name:
        return ""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [FOREIGN_COMPASS.get(w, w) for w in _NOT_ALNUM.split(ascii_) if w and w not in drop]
    if words and words[0] in _ARTICLE_VARIANTS:
        words[0] = _ARTICLE_VARIANTS[words[0]]
    return ("" if joined else " ").join(words)


# -- countries -----------------------------------------------------------------------------------

# News forms of country names that `countrynames` (which `coding.gazetteer` asks first) lacks,
# mapped to the ISO alpha-2 code: the only hand-kept country names.
COUNTRY_ALIASES: dict[str, str] = {
    "Republic of Congo": "CG", "Congo Republic": "CG", "Lao PDR": "LA", "KSA": "SA", "Gaza": "PS",
    "Gaza Strip": "PS", "West Bank": "PS", "Falklands": "FK", "Palestinian Territories": "PS",
    "Burkina": "BF", "RDC": "CD", "DRCongo": "CD", "Centrafrique": "CF", "Eire": "IE", "ROK": "KR",
    "Macau": "MO",
}

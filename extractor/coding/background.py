"""What an article says that is not this incident: sentences that sum up several incidents,
background tolls, and passages that report no event at all.

- An **aggregate** sums up incidents the article lists separately ("... in Baghlan and Kunduz
  provinces over the past two consecutive days"): its figures would count those deaths twice.
- A **context toll** is a conflict's, a group's or a period's dead ("more than 1,000 killed since
  2015", "this year's attacks have killed 300", "the conflict has claimed 5,000 lives", "the group,
  which has killed thousands"): background, never an incident's fatalities (ACLED codes each
  event's own deaths). Read per clause: "Gunmen killed five villagers on Monday, bringing the number
  killed this year to 300" reports five. A superlative is not a toll: "the deadliest attack since
  2015" dates a comparison, and its sentence still reports the event.
- **Event words**: without one (a killing, attack, clash, bombing, protest, arrest, abduction,
  looting ...) a passage reports no event ACLED codes: a meeting, statement or visit.
"""

from __future__ import annotations

import re

from extractor.coding.dates import MONTHS

__all__ = ["is_aggregate", "reports_event", "in_context_toll", "is_background", "clause_bounds"]

_AGGREGATE = re.compile(
    r"\bover the (?:past|last) (?:\w+ ){0,2}(?:days|weeks)\b|\bconsecutive days\b|\bseparate (?:attacks|incidents|clashes)\b"
    r"|\b(?:two|three|four|several|\d+) (?:provinces|districts|attacks|incidents)\b|\b\w+ and \w+ provinces\b",
    re.IGNORECASE,
)
_EVENT_WORDS = re.compile(
    r"\b(?:kill|dead|death|died|die|wound|injur|hurt|attack|clash|fight|battle|bomb|blast|explo|shell|shot|shoot|"
    r"gunfire|fired|opened fire|storm|raid|ambush|abduct|kidnap|hostage|protest|demonstrat|rall(?:y|ied)|riot|march|"
    r"arrest|detain|seiz|captur|loot|burn|torch|destroy|strike|assassinat|execut|behead|massacre|mortar|rocket|"
    r"missile|grenade|landmine|mine|ied|suicide|offensive|assault|overr[au]n|retak|lynch|rap(?:e|ed)|beat|stab|"
    r"casualt|bodies|victim|sit-in|strike)",
    re.IGNORECASE,
)

_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
_PERIOD = r"(?:years?|months?|decades?)"
# Words that make a figure a running total: since when, over which period, of which conflict.
_TOLL_MARKERS = re.compile(
    r"\bsince\b"
    rf"|(?<!earlier )(?<!early )(?<!late )(?<!later )\bthis\s+(?:year|month)\b|\b(?:last|past)\s+year\b"
    rf"|\bin\s+(?:19|20)\d\d\b|\bin\s+(?:{_MONTH_NAMES})\s+(?:alone|so far)\b|\bto\s+date\b"
    rf"|\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+){{0,2}}{_PERIOD}\b|\b(?:a|the\s+past)\s+decade\b"
    r"|\b(?:war|conflict|insurgency|violence|crisis|uprising|campaign|unrest|rebellion|bloodshed|revolt|militancy|"
    r"jihad|civil\s+war)\s+(?:has|have|had)\s+(?:so\s+far\s+|now\s+|already\s+|since\s+\w+\s+)?(?:claimed|killed|left|cost)\b"
    r"|\bwhich\s+(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|left|cost)\b",
    re.IGNORECASE,
)
# "the deadliest attack since 2015", "the worst violence this year": a comparison, not a total.
_SUPERLATIVE = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|highest|first|latest|most\s+\w+)\b"
    r"(?:\s+[\w'-]+){0,6}?\s+(?:since\s+[\w'-]+(?:\s+[\w'-]+)?|this\s+(?:year|month)|(?:last|past)\s+year|to\s+date"
    r"|in\s+(?:years|decades|(?:19|20)\d\d))",
    re.IGNORECASE,
)
# Where one clause of a sentence ends and the next begins.
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|,\s|\s[-\u2013\u2014]{1,2}\s|\s(?=(?:and|but|while|whereas|bringing|raising|taking|after|when|as)\s)",
    re.IGNORECASE,
)


def is_aggregate(sentence: str) -> bool:
    """A sentence that sums up several incidents ('... in Baghlan and Kunduz provinces over the past two days')."""
    return bool(_AGGREGATE.search(sentence))


def reports_event(text: str) -> bool:
    """Whether `text` holds a word of a violent or political event ACLED codes."""
    return bool(_EVENT_WORDS.search(text))


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause(s) of `sentence` that hold sentence[start:end]: from the clause break before
    `start` to the one after `end`."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = _CLAUSE_BREAK.search(sentence, end)
    return (before[-1] if before else 0), (after.start() if after else len(sentence))


def _has_toll_marker(clause: str) -> bool:
    return bool(_TOLL_MARKERS.search(_SUPERLATIVE.sub(" ", clause)))


def in_context_toll(sentence: str, start: int, end: int) -> bool:
    """Whether the figure at sentence[start:end] is a running total of a conflict, group or period."""
    begin, stop = clause_bounds(sentence, start, end)
    return _has_toll_marker(sentence[begin:stop])


def _clauses(sentence: str) -> list[str]:
    cuts = [0, *(p for m in _CLAUSE_BREAK.finditer(sentence) for p in (m.start(), m.end())), len(sentence)]
    return [sentence[a:b] for a, b in zip(cuts[::2], cuts[1::2])]


def is_background(sentence: str) -> bool:
    """A sentence that gives a context toll and reports nothing else: every clause of it that
    names an event is a toll ("More than 1,000 people have been killed since 2015, the UN says")."""
    clauses = _clauses(sentence)
    tolls = [c for c in clauses if _has_toll_marker(c)]
    return bool(tolls) and all(c in tolls for c in clauses if reports_event(c))

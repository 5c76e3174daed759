"""Casualty phrases found in evidence sentences, to check the model's claims against.

A small model omits claims and takes figures from the wrong sentence. The evidence sentences
are grounded, so the figures they state ("killing 12 police and wounding three others",
"at least 13 troopers ... have been confirmed dead") are read here, with their subjects and,
where the sentence says it, who said so.

A number is a casualty figure only where it counts the dead or wounded:
- not the attackers in "About 200 bandits killed 12 villagers" (the subject of an active
  "killed" that has an object is who killed, not who died);
- not a date or a dateline ("KABUL, Jan. 29 -- Gunmen killed four", "29 January 2020 - ...",
  "In 2019 militants ..."), nor part of a name ("On Route 7 militants killed two soldiers");
- not a background toll or another, earlier event's dead (`coding.background`).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from extractor.coding.background import in_context_toll, in_other_event
from extractor.text.counts import CountRange, count_pattern, parse_count
from extractor.text.dateline import dateline_end
from extractor.text.vocabulary import MONTHS, NAME_NUMBER_WORDS, NOT_ONE_AFTER_ARTICLE, NUMBER_WORDS, words_pattern

__all__ = ["CasualtyPhrase", "find_casualties", "attribution"]

# Counts as written, qualifiers, ranges and vague words included: generated from the vocabulary
# that `parse_count` reads the model's copies with, so a phrase found here reads the same there.
_COUNT = count_pattern()
_KILLED = r"(?:killed|dead|died|slain|lost their lives|perished|bodies|bodied|body|dead bodies)"
_WOUNDED = r"(?:wounded|injured|hurt)"

# A word that can be part of a casualty phrase's subject: not a number, not another clause.
_SUBJECT_WORD = (r"(?!(?:and|or)\s+(?:wound|injur|kill|leav)|(?:leaving|killing|wounding|injuring|after|when|while|"
                 r"during|but|in|at|on|present|behind)\b)(?!\d)")

# "<count> <subject> (have been|were|...) (confirmed )?(killed|dead|wounded)"
_SUBJECT_FIRST = re.compile(
    rf"\b(?P<count>{_COUNT})\s+(?P<subject>(?:{_SUBJECT_WORD}[\w'’-]+\s+){{0,10}}?)"
    rf"(?P<aux>(?:have|has|had)\s+been\s+|were\s+|was\s+|are\s+|)"
    rf"(?:confirmed\s+|reportedly\s+|also\s+)?(?P<verb>{_KILLED}|{_WOUNDED})\b",
    re.IGNORECASE,
)
# Killing told by how it was done: "shot dead two miners", "gunned down a journalist", "mowed down four farmers".
_KILLING_HOW = r"shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down|mowed\s+down|mowing\s+down"
# "killing 12 police", "wounding three others", "leaving 15 bodies behind", "and wounding eight, police said"
_VERB_FIRST = re.compile(
    rf"\b(?P<verb>killing|killed|{_KILLING_HOW}|wounding|wounded|injuring|injured|leaving)\s+(?P<count>{_COUNT})(?:\s+|(?=[,;.]))"
    rf"(?P<subject>(?:{_SUBJECT_WORD}[\w'’-]+\s*){{0,4}})",
    re.IGNORECASE,
)

# One victim written with an article: "shot dead a shepherd", "killed a child and wounded three
# other people", "wounding a police officer". Not a quantity or a time ("killed a total of 12"), nor
# the first of a list of victims ("killed a mother and her two children").
_MORE_VICTIMS = rf"(?:and|,)\s+(?:his|her|their|its|an?|\d|(?:{words_pattern(list(NUMBER_WORDS))})\b)"
_ONE = re.compile(
    rf"\b(?P<verb>killing|killed|{_KILLING_HOW}|wounding|wounded|injuring|injured)\s+(?P<count>an?)\s+"
    rf"(?!(?:{words_pattern(list(NOT_ONE_AFTER_ARTICLE))})\b)"
    rf"(?P<subject>(?:(?!(?:and|or)\b){_SUBJECT_WORD}[\w'’-]+\b\s*){{1,3}}?)(?!\w|\s*{_MORE_VICTIMS})",
    re.IGNORECASE,
)

# "put the toll at 17", "raised the death toll to 16", "a higher toll of 21 dead"
_TOLL = re.compile(rf"\b(?:death\s+)?toll\s+(?:at|to|of)\s+(?P<count>{_COUNT})(?P<subject>)(?P<verb>)", re.IGNORECASE)


# What follows an active "killed" / "wounded" that has an object: "200 bandits killed 12 villagers",
# "gunmen killed a soldier". "this" / "that" are left out: "five soldiers killed this week" is passive.
_OBJECT = re.compile(rf"\s+(?:{_COUNT}|(?:a|an|the|his|her|their|its|our|him|them|himself|herself|themselves)\b)",
                     re.IGNORECASE)
_MONTH_WORDS = words_pattern(list(MONTHS))
_BEFORE_MONTH = re.compile(rf"\s*(?:{_MONTH_WORDS})\b", re.IGNORECASE)
_AFTER_MONTH = re.compile(rf"\b(?:{_MONTH_WORDS})\.?\s*$", re.IGNORECASE)
_AFTER_NAME = re.compile(rf"\b(?:{words_pattern(list(NAME_NUMBER_WORDS))})\s*$")  # case-sensitive: "Route 7"
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
_BEFORE_YEAR = re.compile(r"\b(?:in|since|of|by|until|till|from|early|late|mid|during|before|after)\s*[-\s]?$",
                          re.IGNORECASE)


def _not_a_count(sentence: str, start: int, end: int) -> bool:
    """Whether the number at sentence[start:end] is a date or part of a name: "Jan. 29", "29 January",
    "in 2019", "Route 7"."""
    before, after = sentence[:start], sentence[end:]
    if _AFTER_MONTH.search(before) or _BEFORE_MONTH.match(after) or _AFTER_NAME.search(before):
        return True
    return bool(_YEAR.fullmatch(sentence[start:end]) and _BEFORE_YEAR.search(before))


def _agent_count(m: re.Match[str], sentence: str) -> bool:
    """Whether a subject-first match counts who acted, not who died: "200 bandits killed 12 villagers"."""
    verb = m.group("verb").lower()
    return (not m.group("aux") and verb in ("killed", "wounded", "injured", "hurt")
            and _OBJECT.match(sentence, m.end()) is not None)


class CasualtyPhrase(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str  # "killed" | "wounded"
    count: CountRange
    subject: str
    start: int
    end: int


def _kind(verb: str, subject: str) -> str | None:
    v = verb.lower()
    if v in ("wounding", "wounded", "injuring", "injured", "hurt"):
        return "wounded"
    if v == "leaving":
        return "killed" if re.search(r"\b(?:bod(?:y|ies|ied)|dead)\b", subject, re.I) else None
    return "killed"


def find_casualties(sentence: str) -> list[CasualtyPhrase]:
    """Casualty figures stated in one sentence, in order, without duplicates. A figure in a clause
    that gives a background toll ("... have killed 300 this year") or another event's dead ("a year
    after they killed 80") is not one of them, nor a number of who acted, of a date or of a name
    (see the module doc). A dateline that opens the sentence is not read."""
    head = dateline_end(sentence)
    sentence = " " * head + sentence[head:]  # same length: offsets still index the sentence
    found: list[CasualtyPhrase] = []
    for pattern in (_VERB_FIRST, _SUBJECT_FIRST, _ONE, _TOLL):
        for m in pattern.finditer(sentence):
            phrase = _phrase(m, pattern, sentence)
            if phrase is not None and not any(f.start <= m.start("count") < f.end for f in found):
                found.append(phrase)
    return sorted(found, key=lambda f: f.start)


def _phrase(m: re.Match[str], pattern: re.Pattern[str], sentence: str) -> CasualtyPhrase | None:
    """The casualty figure of one match, or None where the match is no figure of this event."""
    count = parse_count("one" if pattern is _ONE else m.group("count"))
    if (count is None or _not_a_count(sentence, m.start("count"), m.end("count"))
            or in_context_toll(sentence, m.start(), m.end()) or in_other_event(sentence, m.start("count"))):
        return None
    subject = m.group("subject").strip()
    if pattern is _SUBJECT_FIRST and (re.search(r"\b(?:and|or)$", subject) or _agent_count(m, sentence)):
        return None  # "killed 21 people and wounded ...": another clause's verb; "200 bandits killed 12 ...": the killers
    kind = "killed" if pattern is _TOLL else _kind(m.group("verb"), subject if pattern in (_VERB_FIRST, _ONE) else m.group("verb"))
    if kind is None:
        return None
    if m.group("verb").lower() == "leaving":
        subject = f"{subject} left behind"
    return CasualtyPhrase(kind=kind, count=count, subject=subject, start=m.start(), end=m.end())


_ATTRIBUTION = [
    re.compile(r",\s*(?P<who>[^,]{3,120}?)\s+(?:has|have|had)?\s*(?:confirmed|said|says|told [\w ]+|reported|claimed)\.?\s*$", re.I),
    re.compile(r"^(?P<who>[A-Z][^,]{2,120}?)\s+(?:has |have |had )?(?:confirmed|said|says|told [\w ]+|claimed|reported)\s+that\b"),
    re.compile(r"\baccording to (?P<who>[^,.]{3,100})", re.I),
]


def attribution(sentence: str) -> str | None:
    """Who the sentence says is the source of its figures, as written; None when unattributed."""
    for pattern in _ATTRIBUTION:
        m = pattern.search(sentence.strip())
        if m:
            return m.group("who").strip()
    return None

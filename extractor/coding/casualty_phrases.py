"""Casualty phrases found in evidence sentences, to check the model's claims against.

A small model omits claims and takes figures from the wrong sentence. The evidence sentences
are grounded, so the figures they state ("killing 12 police and wounding three others",
"at least 13 troopers ... have been confirmed dead") are read here, with their subjects and,
where the sentence says it, who said so.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from extractor.coding.background import in_context_toll
from extractor.text.counts import CountRange, count_pattern, parse_count

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
    rf"\b(?P<count>{_COUNT})\s+(?P<subject>(?:{_SUBJECT_WORD}[\w'’-]+\s+){{0,8}}?)(?:(?:have|has|had)\s+been\s+|were\s+|was\s+|are\s+|)"
    rf"(?:confirmed\s+|reportedly\s+|also\s+)?(?P<verb>{_KILLED}|{_WOUNDED})\b",
    re.IGNORECASE,
)
# "killing 12 police", "wounding three others", "leaving 15 bodies behind", "and wounding eight, police said"
_VERB_FIRST = re.compile(
    rf"\b(?P<verb>killing|killed|wounding|wounded|injuring|injured|leaving)\s+(?P<count>{_COUNT})(?:\s+|(?=[,;.]))"
    rf"(?P<subject>(?:{_SUBJECT_WORD}[\w'’-]+\s*){{0,4}})",
    re.IGNORECASE,
)


# "put the toll at 17", "raised the death toll to 16", "a higher toll of 21 dead"
_TOLL = re.compile(rf"\b(?:death\s+)?toll\s+(?:at|to|of)\s+(?P<count>{_COUNT})(?P<subject>)(?P<verb>)", re.IGNORECASE)


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
    that gives a background toll ("... have killed 300 this year") is not one of them."""
    found: list[CasualtyPhrase] = []
    for pattern in (_VERB_FIRST, _SUBJECT_FIRST, _TOLL):
        for m in pattern.finditer(sentence):
            count = parse_count(m.group("count"))
            if count is None or in_context_toll(sentence, m.start(), m.end()):
                continue
            subject = m.group("subject").strip()
            kind = "killed" if pattern is _TOLL else _kind(m.group("verb"), subject if pattern is _VERB_FIRST else m.group("verb"))
            if kind is None:
                continue
            if pattern is _SUBJECT_FIRST and re.search(r"\b(?:and|or)$", subject):
                continue  # "killed 21 people and wounded ...": the verb belongs to another clause
            if m.group("verb").lower() == "leaving":
                subject = f"{subject} left behind"
            if any(f.start <= m.start("count") < f.end for f in found):
                continue
            found.append(CasualtyPhrase(kind=kind, count=count, subject=subject, start=m.start(), end=m.end()))
    return sorted(found, key=lambda f: f.start)


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

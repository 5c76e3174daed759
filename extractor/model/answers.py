"""A pointed answer made whole: the parts of a long article merged, then turned into the shape the
coding layer reads (`RawExtraction`), and a coded incident's summary written from its fields.

The coding layer reads incidents with evidence quotes. A pointed incident's quotes are its cited
sentences, cut from the article by their offsets, so every quote is the article's own text
(issue 12: "evidence verbatim 1.00 by construction"). Nothing here reads the text for meaning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from extractor.model.backends import ModelReply
from extractor.model.schema import RawClaim, RawExtraction, RawIncident
from extractor.model.pointed import PointedClaim, PointedExtraction, PointedIncident
from extractor.records import Incident, ResolvedDate, Usage
from extractor.text.sentences import NumberedArticle

__all__ = ["to_raw", "raw_incident", "merge_parts", "Seen", "attach_unplaced", "combine_replies", "describe"]


def to_raw(answer: PointedExtraction, article: NumberedArticle) -> RawExtraction:
    """The coding layer's shape: evidence = the cited sentences' text (in article order), no
    summary (`describe` writes one from the coded incident), a claim without a claimant
    'unattributed' (as the previous prompt asked the model to write)."""
    return RawExtraction(incidents=[raw_incident(i, article) for i in answer.incidents])


def raw_incident(incident: PointedIncident, article: NumberedArticle) -> RawIncident:
    """One pointed incident in the coding layer's shape (see `to_raw`)."""
    return RawIncident(
        summary="", when=incident.when, place=incident.place, district=incident.district,
        province=incident.province, country=incident.country, perpetrators=incident.perpetrators,
        targets=incident.targets, event_type=incident.event_type,
        claims=[RawClaim(claimant=c.claimant or "unattributed", killed=c.killed, wounded=c.wounded, victims=c.victims)
                for c in incident.claims],
        evidence=[article.sentence(n) for n in sorted(incident.sentences)],
    )


def merge_parts(answers: list[PointedExtraction], article: NumberedArticle) -> PointedExtraction:
    """One answer from the answers to the parts of a long article (`text.sentences.plan_parts`):
    an incident that cites a sentence an earlier part's incident cites (the parts overlap) is that
    incident, told across the seam. A summing-up sentence is no incident's own, so sharing one
    does not make two incidents one; nor does sharing a sentence within one answer."""
    merged: list[PointedIncident] = []
    warnings: list[str] = []
    for answer in answers:
        earlier = len(merged)
        for incident in answer.incidents:
            own = set(incident.sentences) - article.aggregates
            twin = next((i for i in range(earlier) if own & set(merged[i].sentences)), None)
            if twin is None:
                merged.append(incident)
            else:
                merged[twin] = _combine(merged[twin], incident)
        warnings += answer.warnings
    return PointedExtraction.with_warnings(merged, warnings, [s for a in answers for s in a.set_aside])


@dataclass(frozen=True)
class Seen:
    """What the coding layer makes of one pointed incident, for `attach_unplaced`."""

    names: frozenset[str] = frozenset()
    """Its place names below the country (lower case) that its own sentences reporting an event hold."""
    day: dt.date | None = None
    """Its coded date."""
    dated: bool = False
    """It has a date: a coded one, or one counted from the incident before ("the same day")."""
    written: bool = False
    """It names a date expression of its own, read or not ("ON 7 JANUARY" in a report without an
    anchor; "later" is none): an incident that says when it happened is no follow-up, whether or
    not that date resolves."""
    there: bool = False
    """Its sentences place it where the report was ("in the neighbourhood"), on a day they name."""
    rejected: bool = False
    """The coding layer rejects it (no event): it stands alone, and is reported as rejected."""


def attach_unplaced(answer: PointedExtraction, see: Callable[[PointedIncident], Seen],
                    article: NumberedArticle) -> tuple[PointedExtraction, list[str]]:
    """An incident that names no place of its own is part of the one the report told before it;
    one whose own sentences another incident already cites is that incident, reported twice.

    A small model reports a sentence that adds a toll, a claim or a denial ("A security source gave
    a higher toll of 21", "The army denied that civilians died") as an incident of its own, with
    no place and often the day the statement was made (issue 12: 10 of the 15 extra incidents on
    the gold set). ACLED codes no event without a location, and the report places it: the incident
    before it. `see` says what the coding layer makes of an incident (`Seen`); the rules are
    `_joined_to`'s. The first incident of a report, having none before it, stays as it is."""
    ordered = sorted(answer.incidents, key=lambda i: min(i.sentences, default=0))
    kept: list[PointedIncident] = []
    notes: list[str] = []
    for incident in ordered:
        twin, why = _joined_to(incident, kept, see, article)
        if twin is None or twin == "there":
            if twin == "there":  # where the incident before happened, on a day of its own
                incident = incident.model_copy(update={f: getattr(kept[-1], f) for f in ("place", "district", "province", "country")})
                notes.append(f"the incident of sentence(s) {_listed(incident.sentences)} happened where the one "
                             f"of sentence(s) {_listed(kept[-1].sentences)} did, on another day: placed there")
            kept.append(incident)
            continue
        notes.append(f"the incident of sentence(s) {_listed(incident.sentences)} {why}: taken as part of the incident "
                     f"of sentence(s) {_listed(kept[twin].sentences)}")
        kept[twin] = _combine(kept[twin], incident)
    return PointedExtraction.with_warnings(kept, answer.warnings, answer.set_aside), notes


def _joined_to(incident: PointedIncident, kept: list[PointedIncident], see: Callable[[PointedIncident], Seen],
               article: NumberedArticle) -> tuple[int | str | None, str]:
    """Which kept incident this one is part of (an index; "there": its own, at the place before;
    None: its own), and why. It is part of one that
    - cites every sentence of its own; or shares one with it and names no other place (the same
      fight told again, with the day a resident spoke);
    - comes last before it, when it names no place in a sentence of its own that reports an event
      ("Djibo has been under a blockade" places no toll revision), unless it says it happened there
      on another day ("Police launched an operation in the neighbourhood on Monday");
    - comes last before it, when it names a place but no date of its own, read or not (a hospital's
      count "said later" is the attack's; "clashed near San Vicente on 7 January" is its own even
      when the report's date is unknown and so that day cannot be read)."""
    own = set(incident.sentences) - article.aggregates
    twin = next((i for i, k in enumerate(kept) if own and own <= set(k.sentences)), None)
    if twin is not None or not kept:
        return twin, "cites only sentences of another"
    seen = see(incident)
    if seen.rejected:
        return None, ""
    twin = next((i for i, k in enumerate(kept) if own & set(k.sentences) and seen.names <= see(k).names), None)
    if twin is not None:
        return twin, "shares a sentence with another and names no other place"
    if not seen.names:
        before = see(kept[-1])
        if seen.there and seen.day and before.day and seen.day != before.day:
            return "there", ""
        return len(kept) - 1, "names no place"
    return (None, "") if seen.dated or seen.written else (len(kept) - 1, "has no date")


def _listed(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def _combine(a: PointedIncident, b: PointedIncident) -> PointedIncident:
    """`a` told further by `b`: sentences and names united, `a`'s value kept where both have one."""
    def union(x: list, y: list) -> list:
        return list(dict.fromkeys([*x, *y]))

    scalars = {f: getattr(a, f) or getattr(b, f) for f in ("when", "place", "district", "province", "country", "event_type")}
    claims: list[PointedClaim] = a.claims + [c for c in b.claims if c not in a.claims]
    return PointedIncident(sentences=sorted(set(a.sentences) | set(b.sentences)), **scalars,
                           perpetrators=union(a.perpetrators, b.perpetrators), targets=union(a.targets, b.targets),
                           claims=claims)


def combine_replies(replies: list[ModelReply], article: NumberedArticle) -> ModelReply:
    """The replies to an article's parts as one: answers merged, usage, attempts and warnings summed."""
    if len(replies) == 1:
        return replies[0]
    answers = [r.extraction for r in replies]
    if not all(isinstance(a, PointedExtraction) for a in answers):
        raise TypeError("only pointed answers come in parts")
    usage = sum((r.usage for r in replies), Usage())
    warnings = [w for r in replies for w in r.warnings]
    return ModelReply(extraction=merge_parts(answers, article), usage=usage,  # type: ignore[arg-type]
                      attempts=sum(r.attempts for r in replies), warnings=list(dict.fromkeys(warnings)),
                      raw=[text for r in replies for text in r.raw],
                      sent_back=[text for r in replies for text in r.sent_back])


_WHAT = {
    "battle": "Battle", "explosion_remote_violence": "Explosion", "violence_against_civilians": "Violence against civilians",
    "protest": "Protest", "riot": "Riot", "strategic_development": "Strategic development",
}


def describe(incident: Incident) -> str:
    """A one-line summary from the coded fields, e.g. 'Battle: Taliban fighters against
    security checkpoints in Dasht-e-Archi, Kunduz, Afghanistan on 2020-01-29'."""
    what = _WHAT.get(incident.event_type.value if incident.event_type else "", "Incident")
    who = ", ".join(dict.fromkeys(a.name for a in incident.perpetrators))  # one name may be two actors
    whom = ", ".join(dict.fromkeys(a.name for a in incident.targets))
    loc = incident.location
    where = ", ".join(dict.fromkeys(p for p in (loc.place, loc.admin2, loc.admin1, loc.country) if p))
    text = what + (f": {who}" if who else "") + (f" against {whom}" if whom else "")
    text += f" in {where}" if where else ""
    return text + (f" {_when(incident.date)}" if incident.date.value else "")


def _when(date: ResolvedDate) -> str:
    """'on 2020-01-29', 'in 2021-03' (month precision), 'in 2021' (year), 'in the week of 2020-01-27':
    never a day the article did not give (case 07)."""
    value = date.value
    assert value is not None
    if date.precision == "month":
        return f"in {value:%Y-%m}"
    if date.precision == "year":
        return f"in {value:%Y}"
    if date.precision == "week":
        return f"in the week of {value.isoformat()}"
    return f"on {value.isoformat()}"

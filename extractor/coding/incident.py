"""The model's copies in, coded incidents out: every value computed here traces to article text.

The model's fields are hints; the grounded evidence sentences are the facts. Where the two
disagree, the evidence wins and a warning says so. `code_incident` is a sequence of named steps:

1. `ground_evidence`: each quote located in the article; quotes not found, instructions to a
   machine or the reader (`text.instructions`), sentences that sum up several incidents and
   background tolls (`coding.background`) are not evidence, nor, beside the incident's own report,
   a sentence that opens on a separate event ("In a separate attack ..."). An incident whose only evidence was an
   instruction is re-grounded on the report of the same place, day and actors (`reground`), if
   the article has one; otherwise an incident left without evidence is rejected, with the reason.
2. `reports_event`: evidence that names no event (a meeting, a statement) is rejected.
3. `code_date`, `code_location` (`coding.places`; the model's `district` and `province` become
   `admin2` and `admin1`), `code_actors`.
4. `code_claims`: each claim's figure read as a range; a figure found in the article only in
   aggregates, background tolls, another event's clause or instructions is not counted.
   `cross_check` then compares the claims with the figures the evidence states.
5. `check_event_type` (`coding.events`) and the fatality ranges (`coding.fatalities`).

`code_incidents` codes an article's incidents in order, merges those that report one event
(`coding.same_event`) and moves a claim filed with the wrong incident to the one whose report its
sentence continues (`coding.claim_home`).
"""

from __future__ import annotations

from pathlib import Path

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

from extractor.coding.actors import canonical_actors, unique_actors
from extractor.coding.background import (
    in_context_toll, is_background, opens_separate_event, other_event_words, reports_death, reports_event,
)
from extractor.coding.casualty_phrases import CasualtyPhrase, attribution, find_casualties
from extractor.coding.claim_home import rehome_claims
from extractor.coding.dates import Anchor, date_of_incident, offset_from_other
from extractor.coding import gazetteer
from extractor.coding.events import check_event_type, ucdp_type
from extractor.coding.fatalities import claimant_side, casualty_ranges, victim_group
from extractor.coding.places import clean_place, code_location
from extractor.coding.same_event import combine_claims, merge_incidents, same_event
from extractor.model.schema import RawClaim, RawIncident
from extractor.records import Actor, Claim, CountRange, Incident, Location, RejectedIncident, ResolvedDate
from extractor.text.counts import parse_count
from extractor.text.grounding import Span, locate, sentence_at
from extractor.text.sentences import is_aggregate  # one rule for the model stage and coding
from extractor.text.instructions import instruction_spans, report_units, unit_at
from extractor.text.vocabulary import NUMBER_WORDS

__all__ = [
    "code_incidents", "code_incident", "is_aggregate", "ground_evidence", "reground", "code_date", "code_actors",
    "code_claims", "cross_check", "not_reported", "instruction_warnings", "Grounded",
]

_GROUP_OF_KIND = {"state_forces": "security_forces", "civilians": "civilians"}


class Grounded(NamedTuple):
    """An incident's usable evidence: spans in article order, their sentences (instructions blanked
    out), warnings, and why each located quote that is not evidence was dropped."""

    spans: list[Span]
    sentences: list[str]
    warnings: list[str]
    dropped: list[str]  # "instruction" | "aggregate" | "toll", one per located quote not used
    found_any: bool


# -- 1. evidence ---------------------------------------------------------------------------------

def _inside(span: tuple[int, int], spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _sentence(article: str, span: Span) -> str:
    """The sentence around `span` (a bracketed note between sentences is not part of it:
    `text.instructions.report_units`), with any instruction inside it blanked out (same length)."""
    sentence = sentence_at(article, span.start) or (span.start, span.end)
    begin, end = unit_at(article, span.start) or sentence
    end = max(end, min(span.end, sentence[1]))  # a quote over a note keeps the rest of its sentence
    text = article[begin:end]
    for a, b in instruction_spans(article):
        if a < end and b > begin:
            lo, hi = max(a, begin) - begin, min(b, end) - begin
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


def _unusable(article: str, span: Span) -> str | None:
    """Why a located quote is not evidence of one incident, or None when it is."""
    bounds = sentence_at(article, span.start) or (span.start, span.end)
    if _inside((span.start, span.end), instruction_spans(article)) or _inside(bounds, instruction_spans(article)):
        return "instruction"
    sentence = _sentence(article, span)
    if is_aggregate(sentence):
        return "aggregate"
    if is_background(sentence):
        return "toll"
    return None


_DROPPED = {
    "instruction": "evidence that instructs the reader or a machine (not a report), not used",
    "aggregate": "evidence that sums up several incidents, not used",
    "toll": "evidence that gives a background toll (a conflict's or a period's dead), not used",
}


def ground_evidence(quotes: list[str], article: str) -> Grounded:
    """Locate each quote and keep those that are evidence of one incident (see the module doc)."""
    warnings: list[str] = []
    spans: list[Span] = []
    dropped: list[str] = []
    found_any = False
    for quote in quotes:
        span = locate(quote, article)
        found_any = found_any or span is not None
        reason = _unusable(article, span) if span is not None else None
        if span is None:
            warnings.append(f"evidence not found in the article, dropped: {quote[:80]!r}")
        elif reason is not None:
            dropped.append(reason)
            warnings.append(f"{_DROPPED[reason]}: {span.text[:80]!r}")
        elif span not in spans:
            spans.append(span)
    spans.sort(key=lambda s: s.start)
    sentences = [_sentence(article, s) for s in spans]
    # after this incident's first sentence, one that opens on another event is that event's; the
    # first may open this one ("In a separate attack, bandits on Monday abducted 30 students")
    separate = [i > 0 and opens_separate_event(t.strip()) for i, t in enumerate(sentences)]
    if any(separate):
        warnings += [f"evidence that reports a separate event (it opens on another one), not this incident's, "
                     f"not used: {span.text[:80]!r}" for span, apart in zip(spans, separate) if apart]
        spans = [span for span, apart in zip(spans, separate) if not apart]
        sentences = [t for t, apart in zip(sentences, separate) if not apart]
    return Grounded(spans, sentences, warnings, dropped, found_any)


# "GOMA, Democratic Republic of Congo, Jan. 22 (Wire) -- ": the report's, not the event's sentence.
_DATELINE_HEAD = re.compile(r"[A-Z][A-Z .'\-]+,[^\n]{0,120}?\s(?:--|\u2014|\u2013)\s*")


def reground(raw: RawIncident, article: str) -> Span | None:
    """For an incident whose evidence was an instruction: the first sentence of the article that
    reports an event at the incident's place and names its day or one of its perpetrators (the
    model's other fields came from the report the instruction sits beside). None if none does."""
    place = clean_place(raw.place or raw.district or raw.province)
    if not place:
        return None
    cues = [raw.when] if raw.when else []
    cues += [w for p in raw.perpetrators for w in re.findall(r"[A-Za-z][\w'-]{3,}", p)]
    for begin, end in report_units(article):
        head = _DATELINE_HEAD.match(article, begin, end)
        begin = head.end() if head else begin
        text = article[begin:end]
        span = Span(start=begin, end=end, text=text, match="exact")
        if (place.lower() in text.lower() and any(c.lower() in text.lower() for c in cues)
                and reports_event(text) and _unusable(article, span) is None):
            return span
    return None


_REJECTED = {
    "instruction": ("its only evidence is a sentence that instructs the reader or a machine, not a report of an "
                    "event, and no report in the article matches it"),
    "aggregate": "its only evidence sums up incidents listed elsewhere in the article",
    "toll": "its only evidence gives a background toll (a conflict's or a period's dead), not an event",
}


def _rejection(grounded: Grounded, raw: RawIncident) -> str:
    if not raw.evidence:
        return "the model gave no evidence sentence for it"
    for reason in ("instruction", "aggregate", "toll"):
        if reason in grounded.dropped:
            return _REJECTED[reason]
    return "no evidence for it could be found in the article"


def _grounded_or_rejected(raw: RawIncident, article: str) -> tuple[RawIncident, Grounded] | RejectedIncident:
    """Steps 1 and 2: the evidence to code from (re-grounded if need be), or the rejection."""
    grounded = ground_evidence(raw.evidence, article)
    if not grounded.spans and "instruction" in grounded.dropped and (span := reground(raw, article)) is not None:
        note = (f"its evidence was an instruction; re-grounded on the report of the same place and day: "
                f"{span.text[:80]!r} (summary replaced by it)")
        raw = raw.model_copy(update={"summary": unicodedata.normalize("NFC", span.text)})
        grounded = grounded._replace(spans=[span], sentences=[_sentence(article, span)],
                                     warnings=grounded.warnings + [note])
    if not grounded.spans:
        return RejectedIncident(reason=_rejection(grounded, raw), raw=raw.model_dump(mode="json"))
    if not reports_event(" ".join(grounded.sentences)) and not any(c.killed or c.wounded for c in raw.claims):
        return RejectedIncident(
            reason="its evidence reports no violent or political event (a meeting, statement or background)",
            raw=raw.model_dump(mode="json"),
        )
    return raw, grounded


# -- 3. date, place, actors ----------------------------------------------------------------------

def code_date(raw: RawIncident, sentences: list[str], article: str, anchor: Anchor | None) -> tuple[ResolvedDate, list[str]]:
    """The incident's date from its own evidence (`coding.dates.date_of_incident`)."""
    return date_of_incident(raw.when, sentences, article, anchor)


def code_actors(raw: RawIncident, country: str | None, actors: Path | None = None) -> tuple[list[Actor], list[Actor]]:
    """Perpetrators and targets with canonical names and ACLED kinds, each actor once."""
    perpetrators = unique_actors([a for p in raw.perpetrators for a in canonical_actors(p, country, actors)])
    targets = unique_actors([a for t in raw.targets for a in canonical_actors(t, country, actors)])
    return perpetrators, targets


# -- 4. claims -----------------------------------------------------------------------------------

def _occurrences(phrase: str, article: str) -> list[tuple[int, int]]:
    """Where the article writes a claimed figure: the phrase itself, else its number alone."""
    words = r"\s+".join(map(re.escape, phrase.split()))
    hits = [m.span() for m in re.finditer(rf"(?<!\w){words}(?!\w)", article, re.IGNORECASE)]
    if hits:
        return hits
    number = next((w for w in re.findall(r"\w+(?:,\d{3})*", phrase) if w[0].isdigit() or w.lower() in NUMBER_WORDS), None)
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(number)}(?!\w)", article, re.IGNORECASE)] if number else []


def _occurrence_kind(article: str, start: int, end: int) -> tuple[str, str]:
    """What the figure at article[start:end] is ("report", "instruction", "aggregate", "toll",
    "other_event") and, for another event's, the words that say so."""
    bounds = sentence_at(article, start) or (start, end)
    if _inside((start, end), instruction_spans(article)):
        return "instruction", ""
    sentence = article[bounds[0]:bounds[1]]
    if is_aggregate(sentence):
        return "aggregate", ""
    if in_context_toll(sentence, start - bounds[0], end - bounds[0]):
        return "toll", ""
    words = other_event_words(sentence, start - bounds[0])
    if words is not None:
        return "other_event", words
    return "report", ""


_NOT_REPORTED = {
    "aggregate": "comes from a sentence that sums up several incidents; not counted again",
    "toll": "is a background toll (a conflict's or a period's dead), not this incident's; not counted",
    "instruction": "comes from a sentence that instructs the reader or a machine, not a report; not counted",
    "other_event": "counts another, earlier event's dead ({words!r}), not this incident's; not counted",
}


def not_reported(phrase: str | None, article: str) -> str | None:
    """Why a claimed figure is not this incident's: the article writes it only in aggregates,
    background tolls, another event's clause or instructions. None when it reports it (or does not
    write it at all)."""
    if phrase is None or parse_count(phrase) is None:
        return None
    kinds = [_occurrence_kind(article, a, b) for a, b in _occurrences(phrase, article)]
    if not kinds or any(kind == "report" for kind, _ in kinds):
        return None
    kind, words = kinds[0]
    return _NOT_REPORTED[kind].format(words=words[:80])


def _victims(words: str | None, perpetrators: list[str], target_kinds: set[str]) -> str:
    """The victims' group from their words; failing that, from the targets when all are of one kind."""
    group = victim_group(words, perpetrators)
    if group == "unknown" and len(target_kinds) == 1:
        group = _GROUP_OF_KIND.get(next(iter(target_kinds)), "unknown")
    return group


def _claim(raw: RawClaim, perpetrators: list[str], target_kinds: set[str]) -> Claim:
    return Claim(
        claimant=raw.claimant, side=claimant_side(raw.claimant, perpetrators),
        killed=parse_count(raw.killed), wounded=parse_count(raw.wounded), victims=raw.victims,
        victim_group=_victims(raw.victims or raw.killed or raw.wounded, perpetrators, target_kinds),
    )


def code_claims(raw: RawIncident, article: str, target_kinds: set[str]) -> tuple[list[Claim], list[str]]:
    """The model's claims as ranges, without those whose figure the article writes only in
    aggregates, background tolls, another event's clause or instructions."""
    claims, warnings = [], []
    for c in raw.claims:
        reason = not_reported(c.killed, article) or not_reported(c.wounded, article)
        if reason:
            warnings.append(f"claim {c.killed or c.wounded!r} by {c.claimant!r} {reason}")
            continue
        claims.append(_claim(c, raw.perpetrators, target_kinds))
    return claims, warnings


def _same(a: CountRange | None, b: CountRange | None) -> bool:
    return a is not None and b is not None and (a.low, a.high) == (b.low, b.high)


def _add_stated(claims: list[Claim], phrase: CasualtyPhrase, sentence: str, perpetrators: list[str],
                target_kinds: set[str]) -> list[Claim]:
    """A figure the evidence states and no claim carries, as a claim attributed as the sentence
    attributes it: joined to that claimant's claim lacking this kind of figure, if any."""
    claimant = attribution(sentence) or "unattributed"
    group = _victims(phrase.subject, perpetrators, target_kinds)
    out = list(claims)
    twin = next((i for i, c in enumerate(out) if c.claimant == claimant and getattr(c, phrase.kind) is None
                 and c.victim_group in (group, "unknown")), None)
    if twin is not None:
        out[twin] = out[twin].model_copy(update={phrase.kind: phrase.count})
    else:
        out.append(Claim(claimant=claimant, side=claimant_side(claimant, perpetrators), victims=phrase.subject,
                         victim_group=group, **{phrase.kind: phrase.count}))  # type: ignore[arg-type]
    return out


def _regroup(claim: Claim, phrases: list[CasualtyPhrase], perpetrators: list[str],
             target_kinds: set[str]) -> tuple[Claim, list[str]]:
    """A claim's figure stated in the evidence takes the victims the evidence gives it: "leaving 15
    bodies behind" are the attackers, whatever the model's `victims` said (warned where they differ;
    an unknown group is filled silently)."""
    for phrase in phrases:
        if not _same(getattr(claim, phrase.kind), phrase.count):
            continue
        group = _victims(phrase.subject, perpetrators, set())
        if group in ("unknown", claim.victim_group):
            return claim, []
        note = (f"victims of {phrase.count.text!r} are {group} by the evidence ({phrase.subject!r}), not "
                f"{claim.victim_group} ({claim.victims!r}); used the evidence")
        return claim.model_copy(update={"victim_group": group}), [note] if claim.victim_group != "unknown" else []
    return claim, []


def _mark_unstated(claim: Claim, phrases: list[CasualtyPhrase]) -> tuple[Claim, list[str]]:
    """A claim whose figures the evidence never states is kept, not counted (`in_evidence` False).
    One with one figure stated and the other not keeps the stated one, counted, and drops the other:
    "at least eight" killed is stated, the "eight" wounded the model put beside it is not (issue 12,
    gold g02, g07: flagging the whole claim left its stated toll, the lowest, uncounted)."""
    given = [kind for kind in ("killed", "wounded") if getattr(claim, kind) is not None]
    unstated = [kind for kind in given if phrases
                and not any(_same(getattr(claim, kind), p.count) for p in phrases if p.kind == kind)]
    texts = {kind: getattr(claim, kind).text for kind in unstated}
    if unstated and len(unstated) < len(given):
        return claim.model_copy(update=dict.fromkeys(unstated)), [
            f"{kind} {texts[kind]!r} claimed by {claim.claimant!r} is not stated in this incident's evidence; "
            "dropped from the claim, its stated figure counted" for kind in unstated]
    warnings = [f"{kind} {texts[kind]!r} claimed by {claim.claimant!r} is not stated in this incident's evidence; "
                "kept, not counted" for kind in unstated]
    return (claim.model_copy(update={"in_evidence": False}) if warnings else claim), warnings


def no_death_no_killed(claims: list[Claim], texts: list[str]) -> tuple[list[Claim], list[str]]:
    """Where the evidence reports no death, a claim's `killed` figure is dropped (the claim too when
    it has no other): the model put the abducted, the arrested or the displaced there ("abducted 12
    pupils and a teacher": issue 12, gold g14)."""
    if not texts or reports_death(" ".join(texts)):
        return claims, []
    kept = [c.model_copy(update={"killed": None}) if c.killed else c for c in claims]
    notes = [f"killed {c.killed.text!r} by {c.claimant!r}: the evidence reports no death; not counted"
             for c in claims if c.killed]
    return [c for c in kept if c.killed or c.wounded], notes


def cross_check(claims: list[Claim], sentences: list[str], perpetrators: list[str],
                target_kinds: set[str]) -> tuple[list[Claim], list[str]]:
    """Compare the model's claims with the figures the evidence sentences state: a stated figure no
    claim carries is added; a claimed figure the evidence never states is kept but flagged."""
    warnings: list[str] = []
    phrases = [(p, s) for s in sentences for p in find_casualties(s)]
    out = list(claims)
    for phrase, sentence in phrases:
        if any(_same(getattr(c, phrase.kind), phrase.count) for c in out):
            continue
        out = _add_stated(out, phrase, sentence, perpetrators, target_kinds)
        warnings.append(f"{phrase.kind} {phrase.count.text!r} ({attribution(sentence) or 'unattributed'}) is stated "
                        "in the evidence but was not among the model's claims; added")
    checked = []
    for claim in out:
        regrouped, group_notes = _regroup(claim, [p for p, _ in phrases], perpetrators, target_kinds)
        marked, notes = _mark_unstated(regrouped, [p for p, _ in phrases])
        checked.append(marked)
        warnings += group_notes + notes
    return combine_claims(checked), warnings


# -- the incident --------------------------------------------------------------------------------

def code_incident(raw: RawIncident, article: str, anchor: Anchor | None,
                  actors: Path | None = None) -> Incident | RejectedIncident:
    """One reported incident coded from its grounded evidence, or rejected with the reason.
    `actors`: the user's actor alias file (Settings.actors_path), read before the shipped table."""
    checked = _grounded_or_rejected(raw, article)
    if isinstance(checked, RejectedIncident):
        return checked
    raw, grounded = checked
    evidence_text = " ".join(grounded.sentences)
    date, date_warnings = code_date(raw, grounded.sentences, article, anchor)
    location, place_warnings = code_location(
        place=raw.place, district=raw.district, province=raw.province, country=raw.country,
        evidence=evidence_text, article=article, before=article[:grounded.spans[0].start] if grounded.spans else "",
    )
    if not placed_below_country(raw, location) and not _shouted(evidence_text):
        place_warnings = place_warnings + [NO_PLACE_NAMED]
    perpetrators, targets = code_actors(raw, location.country, actors)
    target_kinds = {a.kind for a in targets if a.kind}
    claims, claim_warnings = code_claims(raw, article, target_kinds)
    claims, check_warnings = cross_check(claims, grounded.sentences, raw.perpetrators, target_kinds)
    claims, death_notes = no_death_no_killed(claims, grounded.sentences + [span.text for span in grounded.spans])
    return _assemble(raw, date, location, perpetrators, targets, claims, grounded,
                     grounded.warnings + claim_warnings + check_warnings + death_notes + date_warnings + place_warnings)


# The warning that marks an incident neither the coder nor the model placed below the country;
# `code_incidents` rejects it unless an incident merged into it brought a place.
NO_PLACE_NAMED = "neither the evidence nor the answer names a place below the country"


def placed_below_country(raw: RawIncident, location: Location) -> bool:
    """Whether the coded location, or failing it the model's answer, names a place below the country.

    Why: ACLED codes no event without a location below the country; "180 social leaders were
    killed in Colombia last year" is a tally, not an incident (issue 12, gold g25, where the model
    gave the country as the place). A place the model named that the coder could not place (a
    shouted wire report's "SAN MIGUEL DEPARTMENT") still counts: the coder's miss is no evidence
    that the report names no place."""
    if location.place or {location.admin1, location.admin2} - {None, location.country}:
        return True  # a place named as its country ("Singapore", "GUATEMALA") is the city: `coding.places`
        # drops a place that is only the country
    return any(hint and gazetteer.country(hint) is None for hint in (raw.place, raw.district, raw.province))


def _assemble(raw: RawIncident, date: ResolvedDate, location: Location, perpetrators: list[Actor],
              targets: list[Actor], claims: list[Claim], grounded: Grounded, warnings: list[str]) -> Incident:
    """Step 5: the event type checked against the rules, UCDP's type, the fatality ranges."""
    perp_kinds = {a.kind for a in perpetrators if a.kind}
    target_kinds = {a.kind for a in targets if a.kind}
    event_type, sub_event_type, type_warnings = check_event_type(
        raw.event_type, raw.sub_event_type, perp_kinds, target_kinds, " ".join(grounded.sentences)
    )
    return Incident(
        summary=raw.summary, date=date, location=location, perpetrators=perpetrators, targets=targets,
        event_type=event_type, sub_event_type=sub_event_type, ucdp_violence=ucdp_type(perp_kinds, target_kinds),
        claims=claims, fatalities=casualty_ranges(claims, "killed"), injuries=casualty_ranges(claims, "wounded"),
        evidence=grounded.spans, warnings=warnings + type_warnings,
    )



# -- the article ---------------------------------------------------------------------------------

def instruction_warnings(article: str) -> list[str]:
    """The result's warning that the article holds instructions to a reader or a machine."""
    spans = instruction_spans(article)
    if not spans:
        return []
    first = " ".join(article[spans[0][0]:spans[0][1]].split())
    return [f"the article contains {len(spans)} sentence(s) that instruct the reader or a machine rather than "
            f"report (possible prompt injection), e.g. {first[:100]!r}; nothing was coded from them"]


def code_incidents(raws: list[RawIncident], article: str, anchor: Anchor | None,
                   actors: Path | None = None) -> tuple[list[Incident], list[RejectedIncident]]:
    """Code each incident; merge those the model split that report one event (`same_event`); move
    misfiled claims (`claim_home`)."""
    incidents: list[Incident] = []
    rejected: list[RejectedIncident] = []
    for raw in raws:
        coded = code_incident(raw, article, anchor, actors)
        if isinstance(coded, RejectedIncident):
            rejected.append(coded)
            continue
        if incidents:
            coded = _count_from_previous(coded, incidents)
        twin = next((i for i, inc in enumerate(incidents) if same_event(inc, coded)), None)
        if twin is None:
            incidents.append(coded)
        else:
            incidents[twin] = merge_incidents(incidents[twin], coded)
    kept, unplaced = _unplaced_rejected(rehome_claims(incidents, article))
    return kept, rejected + unplaced


def _shouted(text: str) -> bool:
    """Whether the text is written in capitals (an old wire report): places are read by their
    capitals, so the coder finding none there is no evidence that the report names none."""
    return sum(c.isupper() for c in text) > 0.5 * max(1, sum(c.isalpha() for c in text))


def _unplaced_rejected(incidents: list[Incident]) -> tuple[list[Incident], list[RejectedIncident]]:
    """The incidents left with no place below the country (`NO_PLACE_NAMED`) rejected, with the
    reason. After merging, so that a follow-up without a place still joins the incident it continues."""
    unplaced = [i for i in incidents if NO_PLACE_NAMED in i.warnings
                and not {i.location.admin1, i.location.admin2, i.location.place} - {None, i.location.country}]
    rejected = [RejectedIncident(reason="it names no place below the country (ACLED codes no such event)",
                                 raw={"summary": i.summary, "evidence": [e.text for e in i.evidence]}) for i in unplaced]
    return [i for i in incidents if i not in unplaced], rejected


def _count_from_previous(incident: Incident, before: list[Incident]) -> Incident:
    """'The day before', 'a day later', 'the same day' in a later incident count from the incident
    the article reported just before it, not from the dateline."""
    offset = offset_from_other(incident.date.text)
    start = incident.evidence[0].start if incident.evidence else None
    earlier = [i for i in before if i.evidence and start is not None and i.evidence[0].start < start and i.date.value]
    if offset is None or not earlier:
        return incident
    previous = max(earlier, key=lambda i: i.evidence[0].start)
    value = previous.date.value + dt.timedelta(days=offset)  # type: ignore[operator]
    date = incident.date.model_copy(update={"value": value, "end": None, "precision": "day"})
    note = f"{incident.date.text!r} counted from the incident reported before it ({previous.date.value})"
    return incident.model_copy(update={"date": date, "warnings": incident.warnings + [note]})

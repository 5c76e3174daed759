"""The model's copies in, coded incidents out: every value computed here traces to article text.

The model's fields are hints; the grounded evidence sentences are the facts. Where the two
disagree, the evidence wins and a warning says so.
"""

from __future__ import annotations

import datetime as dt

import re

from extractor.coding.actors import canonical_actors
from extractor.coding.casualties import attribution, find_casualties
from extractor.text.counts import parse_count
from extractor.coding.dates import Anchor, find_expressions, offset_from_other, resolve
from extractor.coding.events import check_event_type, ucdp_type
from extractor.coding.fatalities import claimant_side, code_casualties, victim_group
from extractor.text.grounding import Span, locate, sentence_at
from extractor.text.sentences import is_aggregate  # one rule for the model stage and coding
from extractor.coding.places import code_location
from extractor.records import Claim, Incident, RejectedIncident, ResolvedDate
from extractor.model.schema import RawIncident

__all__ = ["code_incidents", "code_incident", "is_aggregate"]

# Words without which a passage reports no event ACLED codes: a meeting, statement, visit or
# background is not an incident, whatever a small model makes of it.
_EVENT_WORDS = re.compile(
    r"\b(?:kill|dead|death|died|die|wound|injur|hurt|attack|clash|fight|battle|bomb|blast|explo|shell|shot|shoot|"
    r"gunfire|fired|opened fire|storm|raid|ambush|abduct|kidnap|hostage|protest|demonstrat|rall(?:y|ied)|riot|march|"
    r"arrest|detain|seiz|captur|loot|burn|torch|destroy|strike|assassinat|execut|behead|massacre|mortar|rocket|"
    r"missile|grenade|landmine|mine|ied|suicide|offensive|assault|overr[au]n|retak|lynch|rap(?:e|ed)|beat|stab|"
    r"casualt|bodies|victim|sit-in|strike)",
    re.IGNORECASE,
)
_GROUP_OF_KIND = {"state_forces": "security_forces", "civilians": "civilians"}


def _sentence(article: str, span: Span) -> str:
    bounds = sentence_at(article, span.start)
    return article[bounds[0]:bounds[1]] if bounds else span.text


def _code_date(raw: RawIncident, sentences: list[str], article: str, anchor: Anchor | None) -> tuple[ResolvedDate, list[str]]:
    warnings: list[str] = []
    anchor_date = anchor.date if anchor else None
    from_evidence = [e for s in sentences for e in find_expressions(s)]
    evidence_text = " ".join(sentences).lower()
    model_when = raw.when if raw.when and raw.when.lower() in evidence_text else None
    if raw.when and not model_when:
        where = "the article" if raw.when.lower() not in article.lower() else "this incident's evidence"
        warnings.append(f"the model's date {raw.when!r} is not in {where}; used the evidence instead")
    chosen = None
    for expression in ([model_when] if model_when else []) + from_evidence:
        value = resolve(expression, anchor_date)
        if value:
            chosen = value
            break
    if chosen and from_evidence and model_when and chosen.text == model_when:
        other = resolve(from_evidence[0], anchor_date)
        if other and other.value != chosen.value:
            warnings.append(f"evidence says {from_evidence[0]!r} ({other.value}); kept the model's {model_when!r} ({chosen.value})")
    if chosen is None:
        expression = model_when or (from_evidence[0] if from_evidence else None)
        if expression and anchor_date is None:
            warnings.append(f"{expression!r} is relative and the article has no dateline or publication date: unresolved")
        elif not expression:
            warnings.append("no date expression found for this incident")
        return ResolvedDate(text=expression, anchor=anchor_date), warnings
    return ResolvedDate(value=chosen.value, end=chosen.end, precision=chosen.precision, text=chosen.text, anchor=anchor_date), warnings


def code_incident(raw: RawIncident, article: str, anchor: Anchor | None) -> Incident | RejectedIncident:
    warnings: list[str] = []
    spans: list[Span] = []
    found_any = False
    for quote in raw.evidence:
        span = locate(quote, article)
        found_any = found_any or span is not None
        if span is None:
            warnings.append(f"evidence not found in the article, dropped: {quote[:80]!r}")
        elif is_aggregate(_sentence(article, span)):
            warnings.append(f"evidence that sums up several incidents, not used: {span.text[:80]!r}")
        elif span not in spans:
            spans.append(span)
    if not spans:
        reason = ("its only evidence sums up incidents listed elsewhere in the article" if found_any
                  else "no evidence for it could be found in the article")
        return RejectedIncident(reason=reason, raw=raw.model_dump(mode="json"))
    spans.sort(key=lambda s: s.start)
    sentences = [_sentence(article, s) for s in spans]
    evidence_text = " ".join(sentences)
    if not _EVENT_WORDS.search(evidence_text) and not any(c.killed or c.wounded for c in raw.claims):
        return RejectedIncident(
            reason="its evidence reports no violent or political event (a meeting, statement or background)",
            raw=raw.model_dump(mode="json"),
        )

    date, date_warnings = _code_date(raw, sentences, article, anchor)
    location, place_warnings = code_location(
        place=raw.place, district=raw.district, province=raw.province, country=raw.country,
        evidence=evidence_text, article=article,
    )
    perpetrators = _unique([a for p in raw.perpetrators for a in canonical_actors(p, location.country)])
    targets = _unique([a for t in raw.targets for a in canonical_actors(t, location.country)])
    target_kinds = {a.kind for a in targets if a.kind}
    claims = []
    for c in raw.claims:
        if _only_in_aggregates(c.killed, article) or _only_in_aggregates(c.wounded, article):
            warnings.append(f"claim {c.killed or c.wounded!r} by {c.claimant!r} comes from a sentence that sums up "
                            "several incidents; not counted again")
            continue
        group = _victims(c.victims or c.killed or c.wounded, raw.perpetrators, target_kinds)
        claims.append(Claim(
            claimant=c.claimant, side=claimant_side(c.claimant, raw.perpetrators),
            killed=parse_count(c.killed), wounded=parse_count(c.wounded), victims=c.victims, victim_group=group,
        ))
    claims, claim_warnings = _cross_check(claims, sentences, raw.perpetrators, target_kinds)
    warnings += claim_warnings
    perp_kinds = {a.kind for a in perpetrators if a.kind}
    event_type, sub_event_type, type_warnings = check_event_type(
        raw.event_type, raw.sub_event_type, perp_kinds, target_kinds, evidence_text
    )
    return Incident(
        summary=raw.summary,
        date=date,
        location=location,
        perpetrators=perpetrators,
        targets=targets,
        event_type=event_type,
        sub_event_type=sub_event_type,
        ucdp_violence=ucdp_type(perp_kinds, target_kinds),
        claims=claims,
        fatalities=code_casualties(claims, "killed"),
        injuries=code_casualties(claims, "wounded"),
        evidence=spans,
        warnings=warnings + date_warnings + place_warnings + type_warnings,
    )


def _victims(words: str | None, perpetrators: list[str], target_kinds: set[str]) -> str:
    """The victims' group from their words; failing that, from the targets when all are of one kind."""
    group = victim_group(words, perpetrators)
    if group == "unknown" and len(target_kinds) == 1:
        group = _GROUP_OF_KIND.get(next(iter(target_kinds)), "unknown")
    return group


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a is not None and b is not None and (a.low, a.high) == (b.low, b.high)


def _cross_check(claims: list[Claim], sentences: list[str], perpetrators: list[str],
                 target_kinds: set[str]) -> tuple[list[Claim], list[str]]:
    """Compare the model's claims with the figures the evidence sentences state.

    A figure in the evidence that no claim carries becomes a claim, attributed as the sentence
    attributes it; a claimed figure the evidence never states is kept but flagged.
    """
    warnings: list[str] = []
    phrases = [(p, s) for s in sentences for p in find_casualties(s)]
    out = list(claims)
    for phrase, sentence in phrases:
        if any(_same(getattr(c, phrase.kind), phrase.count) for c in out):
            continue
        claimant = attribution(sentence) or "unattributed"
        group = _victims(phrase.subject, perpetrators, target_kinds)
        # Attach to the model's claim by the same claimant that lacks this kind of figure, if any.
        twin = next((i for i, c in enumerate(out) if c.claimant == claimant and getattr(c, phrase.kind) is None
                     and c.victim_group in (group, "unknown")), None)
        if twin is not None:
            out[twin] = out[twin].model_copy(update={phrase.kind: phrase.count})
        else:
            out.append(Claim(claimant=claimant, side=claimant_side(claimant, perpetrators), victims=phrase.subject,
                             victim_group=group, **{phrase.kind: phrase.count}))
        warnings.append(f"{phrase.kind} {phrase.count.text!r} ({claimant}) is stated in the evidence but was not "
                        "among the model's claims; added")
    checked = []
    for claim in out:
        stated = True
        for kind in ("killed", "wounded"):
            count = getattr(claim, kind)
            if count is not None and phrases and not any(_same(count, p.count) for p, _ in phrases if p.kind == kind):
                stated = False
                warnings.append(f"{kind} {count.text!r} claimed by {claim.claimant!r} is not stated in this "
                                "incident's evidence; kept, not counted")
        checked.append(claim if stated else claim.model_copy(update={"in_evidence": False}))
    return combine_claims(checked), warnings


def _claimant_key(name: str) -> str:
    return " ".join(re.findall(r"[a-z]+", name.lower())[:3])


def _compatible(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a is None or b is None or _same(a, b)


def combine_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per claimant and figure: "Mohsini, head of ..." and "Mohsini the head of ..." are one source."""
    out: list[Claim] = []
    for claim in claims:
        for i, have in enumerate(out):
            if (_claimant_key(have.claimant) == _claimant_key(claim.claimant) and have.in_evidence == claim.in_evidence
                    and _compatible(have.killed, claim.killed) and _compatible(have.wounded, claim.wounded)):
                out[i] = have.model_copy(update={
                    "killed": have.killed or claim.killed, "wounded": have.wounded or claim.wounded,
                    "victims": have.victims or claim.victims,
                    "victim_group": have.victim_group if have.victim_group != "unknown" else claim.victim_group,
                })
                break
        else:
            out.append(claim)
    return out


def _only_in_aggregates(phrase: str | None, article: str) -> bool:
    """True when the count phrase occurs in the article only inside summing-up sentences."""
    count = parse_count(phrase)
    if count is None or phrase is None:
        return False
    number = re.escape(phrase.split()[0]) if phrase.split() else ""
    hits = [m.start() for m in re.finditer(re.escape(phrase.strip()), article, re.IGNORECASE)] or [
        m.start() for m in re.finditer(rf"\b{number}\b", article, re.IGNORECASE)
    ]
    if not hits:
        return False
    return all(is_aggregate(article[b:e]) for b, e in (sentence_at(article, h) or (h, h) for h in hits))


def _unique(actors: list) -> list:
    seen, out = set(), []
    for actor in actors:
        if actor.canonical not in seen:
            seen.add(actor.canonical)
            out.append(actor)
    return out


def _key(incident: Incident) -> tuple:
    loc = incident.location
    return (incident.date.value, (loc.admin1 or "").lower(), (loc.place or "").lower())


def code_incidents(raws: list[RawIncident], article: str, anchor: Anchor | None) -> tuple[list[Incident], list[RejectedIncident]]:
    """Code each incident; merge those the model split that are one event (same day and place)."""
    incidents: list[Incident] = []
    rejected: list[RejectedIncident] = []
    for raw in raws:
        coded = code_incident(raw, article, anchor)
        if isinstance(coded, RejectedIncident):
            rejected.append(coded)
            continue
        if incidents:
            coded = _count_from_previous(coded, incidents)
        twin = next((i for i, inc in enumerate(incidents) if _key(inc) == _key(coded) and _key(coded)[0]), None)
        if twin is None:
            incidents.append(coded)
        else:
            incidents[twin] = _merge(incidents[twin], coded)
    return incidents, rejected


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


def _merge(a: Incident, b: Incident) -> Incident:
    claims = combine_claims(a.claims + b.claims)
    evidence = sorted(set(a.evidence) | set(b.evidence), key=lambda s: s.start)
    return a.model_copy(update={
        "claims": claims,
        "evidence": evidence,
        "perpetrators": _unique(a.perpetrators + b.perpetrators),
        "targets": _unique(a.targets + b.targets),
        "fatalities": code_casualties(claims, "killed"),
        "injuries": code_casualties(claims, "wounded"),
        "warnings": list(dict.fromkeys(a.warnings + b.warnings + ["merged two reported incidents at the same place on the same day"])),
    })

"""When two reported incidents are one event, and how they are merged.

ACLED codes one event per actors, place, day and type: two reports are the same event only when
they share the day and the place AND the actors and the type agree. A small model often splits one
attack in two (a sentence for the assault, one for the toll); an article often reports two events
in one town on one day (an attack and, "in an unrelated event", a protest), which stay two.

- **Same day and place**: a date known to the day, and the same admin1 and place
  (case-insensitive). A date at week precision or coarser is no known day: an incident without a
  date of its own (the report's date as the latest it can be, at week precision) is the same event
  as a dated one of that place only when it is a part of that report (`undated_part_of`): its date
  may be the dated one's, it names the same victims (a shared target, or no targets on either side)
  and no claimant gives it another figure. "Bandits killed five farmers in Baidoa on Monday" and
  "Bandits have also killed two herders in Baidoa" stay two incidents.
- **Actors overlap**: the two share a perpetrator (canonical name, compared folded: "Bandits" is
  "bandits"); where either names no perpetrator, they share a target or either names none.
- **Types compatible**: the same event type, or either has none. Battles, explosions and violence
  against civilians are different events for ACLED (the type follows the evidence's weapon and
  targets), and a protest or riot is never merged with political violence.

Merged incidents unite their claims (one per claimant and figure), evidence, actors and warnings,
and their fatalities are coded again from the united claims.
"""

from __future__ import annotations

import re

from extractor.coding.actors import unique_actors
from extractor.coding.fatalities import casualty_ranges
from extractor.records import Actor, Claim, CountRange, Incident
from extractor.text.vocabulary import fold

__all__ = ["same_event", "same_day_and_place", "undated_part_of", "actors_overlap", "types_compatible", "merge_incidents", "combine_claims"]


def _place(i: Incident) -> tuple[str, str]:
    return (i.location.admin1 or "").lower(), (i.location.place or "").lower()


def same_day_and_place(a: Incident, b: Incident) -> bool:
    """A date known to the day (both at day precision), and the same admin1 and place
    (case-insensitive)."""
    def key(i: Incident) -> tuple[object, tuple[str, str]]:
        return i.date.value, _place(i)

    on_a_day = a.date.precision == "day" and b.date.precision == "day"
    return on_a_day and a.date.value is not None and key(a) == key(b)


# How far before its latest day a date of each precision may lie.
_SPAN_DAYS = {"week": 7, "month": 31, "year": 366}


def undated_part_of(undated: Incident, dated: Incident) -> bool:
    """Whether an incident without a day of its own (`undated`: week precision or coarser, or
    none) is a part of `dated`'s report at the same place: its date may be the day (no date, or
    the day within its precision before its latest), it names the same victims (a shared target,
    or either names none) and every claimant both quote gives one figure."""
    if undated.date.precision == "day" or dated.date.precision != "day" or dated.date.value is None:
        return False
    latest = undated.date.end or undated.date.value
    span = _SPAN_DAYS.get(undated.date.precision or "", 0)
    if latest is not None and not 0 <= (latest - dated.date.value).days < span:
        return False
    ta, tb = _names(undated.targets), _names(dated.targets)
    if ta and tb and not ta & tb:
        return False
    return _place(undated) == _place(dated) and _figures_agree(undated.claims, dated.claims)


def _figures_agree(a: list[Claim], b: list[Claim]) -> bool:
    """No claimant quoted in both gives a different number killed or wounded."""
    theirs = {(_claimant_key(c.claimant), kind): getattr(c, kind) for c in b for kind in ("killed", "wounded")
              if getattr(c, kind) is not None}
    return all(_compatible(theirs.get((_claimant_key(c.claimant), kind)), getattr(c, kind))
               for c in a for kind in ("killed", "wounded"))


def _names(actors: list[Actor]) -> set[str]:
    return {fold(a.canonical) for a in actors}


def actors_overlap(a: Incident, b: Incident) -> bool:
    """A shared perpetrator; where either names none, a shared target or no targets to compare."""
    pa, pb = _names(a.perpetrators), _names(b.perpetrators)
    if pa and pb:
        return bool(pa & pb)
    ta, tb = _names(a.targets), _names(b.targets)
    return not ta or not tb or bool(ta & tb)


def types_compatible(a: Incident, b: Incident) -> bool:
    """The same ACLED event type, or either has none."""
    return a.event_type is None or b.event_type is None or a.event_type == b.event_type


def same_event(a: Incident, b: Incident) -> bool:
    """Whether two reported incidents are one event (see the module doc)."""
    at_once = same_day_and_place(a, b) or undated_part_of(a, b) or undated_part_of(b, a)
    return at_once and actors_overlap(a, b) and types_compatible(a, b)



def merge_incidents(a: Incident, b: Incident) -> Incident:
    """One incident from two reports of one event; `a`'s coded fields win where both have one."""
    claims = combine_claims(a.claims + b.claims)
    evidence = sorted(set(a.evidence) | set(b.evidence), key=lambda s: s.start)
    note = "merged two reported incidents of one event (same day, place, actors and type)"
    return a.model_copy(update={
        "claims": claims,
        "evidence": evidence,
        "event_type": a.event_type or b.event_type,
        "sub_event_type": a.sub_event_type or b.sub_event_type,
        "perpetrators": unique_actors(a.perpetrators + b.perpetrators),
        "targets": unique_actors(a.targets + b.targets),
        "fatalities": casualty_ranges(claims, "killed"),
        "injuries": casualty_ranges(claims, "wounded"),
        "warnings": list(dict.fromkeys(a.warnings + b.warnings + [note])),
    })


def _claimant_key(name: str) -> str:
    return " ".join(re.findall(r"[a-z]+", name.lower())[:3])


def _compatible(a: CountRange | None, b: CountRange | None) -> bool:
    return a is None or b is None or (a.low, a.high) == (b.low, b.high)


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

"""Which incident a claim belongs to, when the model filed it with the wrong one.

A small model reads an article's sentences in order and often files a claim with the incident it
is writing when it meets the figure: "Zabihullah Majahid ... claimed that more than 30 soldiers had
been killed in the raid" (the sentence right after the Kunduz report) ends up in the Baghlan
incident, whose evidence never states it, so it is kept there but not counted. A news report puts
the other sides' figures right after the report they answer, and "the raid" names no place of its
own: such a sentence continues the report before it.

Rule: a claim that its incident's evidence does not state is moved to another incident when the
article states its figure (same kind, same range, and the claimant named, unless "unattributed") in a
sentence that
- is no incident's evidence, no instruction, no aggregate and no background toll;
- comes right after that other incident's evidence (at most one sentence between them that is no
  incident's evidence);
- names none of the places of the incident the claim was filed with.
The sentence becomes evidence of the incident the claim moves to, the claim counts there (its
victims' group as that sentence gives them), and both incidents say so in their warnings.
"""

from __future__ import annotations

import re

from extractor.coding.background import is_background
from extractor.text.sentences import is_aggregate
from extractor.coding.casualty_phrases import CasualtyPhrase, find_casualties
from extractor.coding.fatalities import casualty_ranges, victim_group
from extractor.coding.same_event import combine_claims
from extractor.records import Claim, Incident, Span
from extractor.text.instructions import instruction_spans, report_units
from extractor.text.vocabulary import fold

__all__ = ["rehome_claims"]

_GAP = 1  # sentences allowed between an incident's evidence and a sentence that continues it


def rehome_claims(incidents: list[Incident], article: str) -> list[Incident]:
    """The incidents with each misfiled claim moved to the incident whose report its sentence
    continues (see the module doc); unchanged where no claim is misfiled."""
    out = list(incidents)
    for i in range(len(out)):
        for claim in [c for c in out[i].claims if not c.in_evidence]:
            found = _stated(claim, article, out)
            if found is None:
                continue
            span, phrase = found
            j = _continued(out, article, span.start)
            if j is not None and j != i and not _names_place_of(span.text, out[i]):
                out[i], out[j] = _move(out[i], out[j], claim, span, phrase)
    return out


def _evidence_units(incidents: list[Incident], article: str) -> list[tuple[int, int, int]]:
    """(unit index, incident index, end) of every unit that holds an incident's evidence."""
    units = report_units(article)
    return [(u, k, b) for u, (a, b) in enumerate(units) for k, inc in enumerate(incidents)
            if any(s.start < b and a < s.end for s in inc.evidence)]


def _stated(claim: Claim, article: str, incidents: list[Incident]) -> tuple[Span, CasualtyPhrase] | None:
    """The first sentence, outside every incident's evidence, that states the claim's figure."""
    used = {u for u, _, _ in _evidence_units(incidents, article)}
    instructions = instruction_spans(article)
    for u, (a, b) in enumerate(report_units(article)):
        text = article[a:b]
        if u in used or any(x < b and a < y for x, y in instructions) or is_aggregate(text) or is_background(text):
            continue
        if not _names_claimant(text, claim.claimant):
            continue
        for phrase in find_casualties(text):
            count = getattr(claim, phrase.kind)
            if count is not None and (count.low, count.high) == (phrase.count.low, phrase.count.high):
                return Span(start=a, end=b, text=text, match="exact"), phrase
    return None


def _names_claimant(text: str, claimant: str) -> bool:
    """Whether the sentence names the claimant (its first two words), or the claim is unattributed."""
    words = re.findall(r"[a-z]+", fold(claimant))[:2]
    return claimant == "unattributed" or (bool(words) and " ".join(words) in fold(text))


def _continued(incidents: list[Incident], article: str, start: int) -> int | None:
    """The incident whose evidence the unit at `start` follows, at most `_GAP` units after it."""
    units = report_units(article)
    here = next((u for u, (a, _) in enumerate(units) if a == start), None)
    before = [(u, k) for u, k, _ in _evidence_units(incidents, article) if here is not None and u < here]
    if not before:
        return None
    last, incident = max(before)
    return incident if here - last - 1 <= _GAP else None  # type: ignore[operator]


def _names_place_of(text: str, incident: Incident) -> bool:
    """Whether `text` names the incident's place, admin2 or admin1."""
    folded = f" {fold(text)} "
    names = (incident.location.place, incident.location.admin2, incident.location.admin1)
    return any(name and f" {fold(name)} " in folded for name in names)


def _recoded(incident: Incident, claims: list[Claim], evidence: list[Span], note: str) -> Incident:
    return incident.model_copy(update={
        "claims": claims, "evidence": sorted(evidence, key=lambda s: s.start),
        "fatalities": casualty_ranges(claims, "killed"), "injuries": casualty_ranges(claims, "wounded"),
        "warnings": incident.warnings + [note],
    })


def _move(source: Incident, target: Incident, claim: Claim, span: Span,
          phrase: CasualtyPhrase) -> tuple[Incident, Incident]:
    """`claim` taken from `source` and counted in `target`, with `span` as `target`'s evidence."""
    group = victim_group(phrase.subject)
    moved = claim.model_copy(update={"in_evidence": True,
                                     "victim_group": group if group != "unknown" else claim.victim_group})
    figure = getattr(claim, phrase.kind).text
    where = target.location.place or target.location.admin1
    left = _recoded(source, [c for c in source.claims if c is not claim], source.evidence,
                    f"claim {figure!r} by {claim.claimant[:60]!r} moved to the incident at {where}: the sentence "
                    f"that states it continues that incident's report")
    gained = _recoded(target, combine_claims(target.claims + [moved]), [*target.evidence, span],
                      f"claim {figure!r} by {claim.claimant[:60]!r} filed with another incident; its sentence "
                      f"continues this incident's report and names no other place: counted here ({span.text[:80]!r})")
    return left, gained

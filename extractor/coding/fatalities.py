"""Claims kept with their claimants, and fatality/injury ranges coded from them.

Rules (ACLED's where it has one):
- low: per victim group, the most conservative figure reported. A party's claim about its
  enemy's losses does not set `low` when another source gives a figure for that group.
- high: the largest figure claimed for the group (an open "more than 30" counts as 31).
- best: the figure from the most credible claimant, by CREDIBILITY (hospitals and officials
  over witnesses and media, over an armed party's own claims); ties go to the lower figure.
- total: the sum over groups of each bound.
- Only claims whose figure the incident's evidence states count, when there are any.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.text.counts import CountRange
from extractor.records import Casualties, Claim, ClaimantSide, Range, VictimGroup

__all__ = ["claimant_side", "victim_group", "casualty_ranges", "CREDIBILITY"]

CREDIBILITY: dict[ClaimantSide, int] = {
    "hospital": 5, "officials": 4, "witnesses": 3, "media": 2, "unknown": 1, "armed_group": 0,
}

_SIDE_WORDS: list[tuple[ClaimantSide, tuple[str, ...]]] = [
    ("armed_group", ("spokesman for the", "speak for the", "spokesperson for the", "claimed responsibility",
                     "militant", "insurgent", "rebel", "taliban", "al-shabaab", "islamic state", "group said")),
    ("hospital", ("hospital", "doctor", "medic", "health official", "health ministry", "red cross", "red crescent", "paramedic")),
    ("officials", ("official", "governor", "council", "police", "ministry", "minister", "spokesman", "spokesperson",
                   "army", "military", "commander", "chief", "mayor", "authorities", "government", "president")),
    ("witnesses", ("witness", "resident", "villager", "local", "survivor", "relative")),
    ("media", ("media", "agency", "television", "tv", "newspaper", "radio", "reporter", "report")),
]


def _names_a_perpetrator(text: str, perpetrators: list[str]) -> bool:
    """'Taliban spokesman' names 'Taliban fighters': compare without the generic words."""
    for name in perpetrators:
        core = re.sub(r"\b(fighters|militants|outfit|group|the)\b", "", name.lower()).strip()
        if core and core in text:
            return True
    return False


def claimant_side(claimant: str, perpetrators: list[str] = ()) -> ClaimantSide:  # type: ignore[assignment]
    """Who is speaking, by keyword; a claimant named like a perpetrator is that armed group."""
    text = claimant.lower()
    if _names_a_perpetrator(text, perpetrators):
        return "armed_group"
    return _first_listed(text, _SIDE_WORDS) or "unknown"


def _first_listed(text: str, table: list[tuple[str, tuple[str, ...]]]) -> Any:
    """The first label of `table` one of whose words `text` holds, or None."""
    return next((label for label, words in table if any(w in text for w in words)), None)


_GROUP_WORDS: list[tuple[VictimGroup, tuple[str, ...]]] = [
    ("attackers", ("militant", "attacker", "insurgent", "assailant", "gunmen", "rebel", "fighter", "terrorist",
                   "bomber", "jihadist", "bodies behind", "bodied behind", "left behind")),
    ("security_forces", ("soldier", "troop", "army", "police", "security", "officer", "guard", "military",
                         "personnel", "commando", "gendarme", "servicemen")),
    ("civilians", ("civilian", "villager", "resident", "child", "women", "woman", "passenger", "student",
                   "worshipper", "farmer", "people", "bystander", "shopper")),
]


def victim_group(victims: str | None, perpetrators: list[str] = ()) -> VictimGroup:  # type: ignore[assignment]
    if not victims:
        return "unknown"
    text = victims.lower()
    if _names_a_perpetrator(text, perpetrators):
        return "attackers"
    return _first_listed(text, _GROUP_WORDS) or "unknown"


def _code_group(figures: list[tuple[CountRange, ClaimantSide, bool]]) -> Range:
    """`figures`: (count, side, is_enemy_claim) for one victim group."""
    independent = [f for f in figures if not f[2]] or figures
    # "nearly 30" / "up to 30" say nothing of the least number: they do not pull low to 0 when
    # another figure gives a lower bound.
    lows = [c.low for c, _, _ in independent if c.low is not None] or [0]
    highs = [c.high if c.high is not None else (c.low or 0) for c, _, _ in figures]
    ranked = sorted(figures, key=lambda f: (-CREDIBILITY[f[1]], f[2], f[0].best or 0))
    best = ranked[0][0].best
    low = min(lows)
    high = max(highs + lows)
    best = min(max(best if best is not None else low, low), high)
    return Range(low=low, best=best, high=high)


def casualty_ranges(claims: list[Claim], field: str) -> Casualties | None:
    """Casualty ranges per victim group and in total from the claims' `field` ('killed'/'wounded')."""
    groups: dict[VictimGroup, list[tuple[CountRange, ClaimantSide, bool]]] = {}
    grounded = [c for c in claims if c.in_evidence and getattr(c, field) is not None]
    for claim in grounded or claims:
        count = getattr(claim, field)
        if count is None:
            continue
        enemy_claim = claim.side == "armed_group" and claim.victim_group != "attackers"
        groups.setdefault(claim.victim_group, []).append((count, claim.side, enemy_claim))
    if not groups:
        return None
    known = [g for g in groups if g != "unknown"]
    if "unknown" in groups and len(known) == 1:
        # "killed nearly 30 people" beside "26 bodies, among them nine children": figures that do
        # not say whose deaths they count are counts of the one group the others name, not more deaths.
        groups[known[0]].extend(groups.pop("unknown"))
    by_group = {group: _code_group(figs) for group, figs in groups.items()}
    total = Range(
        low=sum(r.low or 0 for r in by_group.values()),
        best=sum(r.best or 0 for r in by_group.values()),
        high=sum(r.high or 0 for r in by_group.values()),
    )
    return Casualties(total=total, by_group=by_group)

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
from functools import lru_cache
from typing import Any

from extractor.coding.actors import canonical_actors
from extractor.text.counts import CountRange
from extractor.records import Casualties, Claim, ClaimantSide, Range, VictimGroup

__all__ = ["claimant_side", "victim_group", "casualty_ranges", "CREDIBILITY"]

CREDIBILITY: dict[ClaimantSide, int] = {
    "hospital": 5, "officials": 4, "witnesses": 3, "media": 2, "unknown": 1, "armed_group": 0,
}

# Who is speaking, by the words of the claimant as written, in this order. Each entry matches at the
# start of a word ("official" in "officials"); a trailing \b makes it a whole word. The named armed
# groups are the actor table's (`coding.actors`: kind rebel_group), read before these words.
_SIDE_WORDS: list[tuple[ClaimantSide, tuple[str, ...]]] = [
    ("armed_group", ("claimed responsibility", "militant", "insurgent", "rebel", "jihadi", "separatist", "bandit",
                     "militia", r"the group\b", r"group said", "group's", r"the outfit\b", "rapid support forces",
                     r"rsf\b", "kidnapper", "gang")),
    ("hospital", ("hospital", "doctor", "medic", "paramedic", "health official", "health ministry", "health worker",
                  "health centre", "health center", "clinic", "nurse", "morgue", "mortuary", "red cross", "red crescent",
                  "ambulance", "msf", "doctors without borders", "médecins")),
    ("officials", ("official", "governor", "council", "police", "ministry", "minister", "spokesman", "spokesperson",
                   "spokeswoman", "army", "military", "commander", "chief", "mayor", "authorities", "government",
                   "president", "administrator", "administration", "officer", "air force", "navy", "commissioner",
                   "prefect", "chairman", "lawmaker", "legislator", "senator", "councillor", "councilor", "prosecutor",
                   "secretary", "ambassador", "sheriff", "inspector", "colonel", "captain", "lieutenant", "brigadier",
                   "major general", "brigade", "division", "battalion", "troops", "soldier", "gendarm",
                   "security source", "security forces", "district head")),
    ("witnesses", ("witness", "eyewitness", "resident", "villager", "local", "survivor", "relative", "elder", "leader",
                   "neighbour", "neighbor", "family", "civil society", "farmer", "trader")),
    ("media", ("media", "agency", "television", r"tv\b", "newspaper", "radio", "reporter", "report", "journalist",
               "correspondent", "monitor", "observatory", "rights group", "human rights", r"ngo\b", "watchdog")),
]
# Actor kinds (`coding.actors`) that say who speaks where no word of the table does.
_SIDE_OF_KIND: dict[str, ClaimantSide] = {"rebel_group": "armed_group", "state_forces": "officials",
                                           "civilians": "witnesses", "protesters": "witnesses"}


def _names_a_perpetrator(text: str, perpetrators: list[str]) -> bool:
    """'Taliban spokesman' names 'Taliban fighters': compare without the generic words."""
    for name in perpetrators:
        core = re.sub(r"\b(fighters|militants|outfit|group|the)\b", "", name.lower()).strip()
        if core and core in text:
            return True
    return False


def _kinds(text: str) -> list[str]:
    """The ACLED kinds of the actors `text` names (`coding.actors`), in the table's order."""
    return [a.kind for a in canonical_actors(text) if a.kind]


def claimant_side(claimant: str, perpetrators: list[str] = ()) -> ClaimantSide:  # type: ignore[assignment]
    """Who is speaking: a claimant named like a perpetrator, or a named armed group, is that armed
    group; else the first side of `_SIDE_WORDS` one of whose words it holds; else the side of the
    actor it names ("the army" officials, "residents" witnesses); else unknown."""
    text = claimant.lower()
    kinds = _kinds(text)
    if _names_a_perpetrator(text, perpetrators) or "rebel_group" in kinds:
        return "armed_group"
    listed = _first_listed(text, _SIDE_WORDS)
    return listed or next((_SIDE_OF_KIND[k] for k in kinds if k in _SIDE_OF_KIND), "unknown")


@lru_cache(maxsize=8)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?<![\w-]){w}" for w in words))


def _first_listed(text: str, table: list[tuple[str, tuple[str, ...]]]) -> Any:
    """The first label of `table` one of whose words starts a word of `text`, or None."""
    return next((label for label, words in table if _word_pattern(words).search(text)), None)


# The victims' group by their words, in this order (matched as `_SIDE_WORDS` are). "attackers" is the
# armed non-state side, whoever attacked: killed "bandits" or "suspected kidnappers" are attackers.
_GROUP_WORDS: list[tuple[VictimGroup, tuple[str, ...]]] = [
    ("attackers", ("militant", "attacker", "insurgent", "assailant", "gunmen", "gunman", "rebel", "fighter",
                   "terrorist", "bomber", "jihadi", "bodies behind", "bodied behind", "left behind", "bandit",
                   "kidnapper", "abductor", "gang", "extremist", "separatist", "militia", "raider", "suspected",
                   "suspect", "pirate", "robber", "rustler", "poacher", "combatant")),
    ("security_forces", ("soldier", "troop", "army", "police", "security", "officer", "guard", "military",
                         "personnel", "commando", "gendarme", "servicemen", "serviceman", "marine", "paratrooper",
                         "ranger", "sailor", "airmen", "pilot", "recruit", "cadet", "peacekeeper")),
    ("civilians", ("civilian", "villager", "resident", "child", "women", "woman", "passenger", "student",
                   "worshipper", "farmer", "people", "bystander", "shopper", "trader", "merchant", "vendor",
                   "herder", "herdsm", "shepherd", "fisherm", "miner", "motorist", "driver", "traveller", "traveler",
                   "pilgrim", "mourner", "displaced", "refugee", r"idps?\b", "teacher", "pupil", "schoolchildren",
                   "journalist", "aid worker", "worker", "employee", "labourer", "laborer", r"men\b", r"boys?\b",
                   r"girls?\b", "famil", "elder", "guest", "customer", "patient", "nurse", "doctor", "priest",
                   "imam", "cleric", "worshiper", "congregant", "infant", "baby", "babies", "toddler", "teenager",
                   "person", "inhabitant", "local")),
]
_GROUP_OF_KIND: dict[str, VictimGroup] = {"rebel_group": "attackers", "political_militia": "attackers",
                                          "identity_militia": "attackers", "state_forces": "security_forces",
                                          "civilians": "civilians"}


def victim_group(victims: str | None, perpetrators: list[str] = ()) -> VictimGroup:  # type: ignore[assignment]
    """The victims' group from their words (`_GROUP_WORDS`), or the kind of actor they name; a name
    of a perpetrator is the attackers'."""
    if not victims:
        return "unknown"
    text = victims.lower()
    if _names_a_perpetrator(text, perpetrators):
        return "attackers"
    listed = _first_listed(text, _GROUP_WORDS)
    return listed or next((_GROUP_OF_KIND[k] for k in _kinds(text) if k in _GROUP_OF_KIND), "unknown")


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

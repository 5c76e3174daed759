"""What users get: coded incidents that point back into the article, and the run's accounting."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


__all__ = [
    "Span", "MatchKind", "CountRange", "EventType", "SubEventType", "UcdpViolence",
    "ActorKind", "ClaimantSide", "Actor", "Claim", "Range", "Casualties", "Location",
    "ResolvedDate", "Incident", "RejectedIncident", "ArticleMeta", "Usage", "ExtractionResult",
]

MatchKind = Literal["exact", "normalized", "fuzzy"]

class Span(BaseModel):
    """Where a quote sits in the article: `article[start:end] == text`."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    text: str
    match: MatchKind


class CountRange(BaseModel):
    """One count as written, read as an interval: `None` is an open end ("at least 13": low 13,
    high open), and the phrase is kept. One of two range types, because they say different things:
    this is what one source's words allow; `Range` is the coded figure over all sources (with a
    `best`). Scores against gold use `Range` too (low/high; best unused)."""

    model_config = ConfigDict(frozen=True)

    low: int | None
    high: int | None
    text: str
    approximate: bool = False

    @property
    def best(self) -> int | None:
        """The single figure to code: the low end when known (ACLED's conservative rule)."""
        return self.low if self.low is not None else self.high


class EventType(str, Enum):
    battle = "battle"
    explosion_remote_violence = "explosion_remote_violence"
    violence_against_civilians = "violence_against_civilians"
    protest = "protest"
    riot = "riot"
    strategic_development = "strategic_development"


class SubEventType(str, Enum):
    government_regains_territory = "government_regains_territory"
    non_state_actor_overtakes_territory = "non_state_actor_overtakes_territory"
    armed_clash = "armed_clash"
    excessive_force_against_protesters = "excessive_force_against_protesters"
    protest_with_intervention = "protest_with_intervention"
    peaceful_protest = "peaceful_protest"
    violent_demonstration = "violent_demonstration"
    mob_violence = "mob_violence"
    chemical_weapon = "chemical_weapon"
    air_drone_strike = "air_drone_strike"
    suicide_bomb = "suicide_bomb"
    shelling_artillery_missile_attack = "shelling_artillery_missile_attack"
    remote_explosive_landmine_ied = "remote_explosive_landmine_ied"
    grenade = "grenade"
    sexual_violence = "sexual_violence"
    attack = "attack"
    abduction_forced_disappearance = "abduction_forced_disappearance"
    agreement = "agreement"
    arrests = "arrests"
    change_to_group_activity = "change_to_group_activity"
    disrupted_weapons_use = "disrupted_weapons_use"
    headquarters_or_base_established = "headquarters_or_base_established"
    looting_property_destruction = "looting_property_destruction"
    non_violent_transfer_of_territory = "non_violent_transfer_of_territory"
    other = "other"


class UcdpViolence(str, Enum):
    state_based = "state_based"
    non_state = "non_state"
    one_sided = "one_sided"


ActorKind = Literal[
    "state_forces", "rebel_group", "political_militia", "identity_militia",
    "rioters", "protesters", "civilians", "external_force",
]
ClaimantSide = Literal["officials", "armed_group", "witnesses", "hospital", "media", "unknown"]
VictimGroup = Literal["security_forces", "attackers", "civilians", "unknown"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Actor(_Frozen):
    name: str = Field(description="as written in the article")
    canonical: str = Field(description="one name per actor, from the alias table")
    kind: ActorKind | None = None


class Claim(_Frozen):
    claimant: str
    side: ClaimantSide
    killed: CountRange | None = None
    wounded: CountRange | None = None
    victims: str | None = None
    victim_group: VictimGroup = "unknown"
    in_evidence: bool = Field(
        default=True,
        description="False when the incident's evidence never states this figure: kept, but not counted",
    )


class Range(_Frozen):
    """A coded figure: low (most conservative), best (most credible source), high (largest claim).
    Also the shape of a gold or other system's figure in scoring (`evaluation.scoring.FlatIncident`)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None


class Casualties(_Frozen):
    total: Range
    by_group: dict[VictimGroup, Range] = Field(default_factory=dict)


class Location(_Frozen):
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: Literal[1, 2, 3] | None = Field(
        default=None, description="ACLED: 1 the place itself, 2 near it or part of a region, 3 only the province"
    )


class ResolvedDate(_Frozen):
    value: dt.date | None = None
    end: dt.date | None = None
    precision: Literal["day", "week", "month", "year"] | None = None
    text: str | None = Field(default=None, description="the words the date was resolved from")
    anchor: dt.date | None = None


class Incident(_Frozen):
    summary: str
    date: ResolvedDate
    location: Location
    perpetrators: list[Actor]
    targets: list[Actor]
    event_type: EventType | None
    sub_event_type: SubEventType | None
    ucdp_violence: UcdpViolence | None = None
    claims: list[Claim]
    fatalities: Casualties | None
    injuries: Casualties | None
    evidence: list[Span]
    warnings: list[str] = Field(default_factory=list)


class RejectedIncident(_Frozen):
    """Something the model reported that we could not ground in the article: kept, but not as fact."""

    reason: str
    raw: dict


class ArticleMeta(_Frozen):
    id: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    sha256: str
    chars: int


class Usage(_Frozen):
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            requests=self.requests + other.requests,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class ExtractionResult(_Frozen):
    article: ArticleMeta
    incidents: list[Incident]
    rejected: list[RejectedIncident] = Field(default_factory=list)
    provider: str
    model: str
    prompt_version: str
    usage: Usage
    seconds: float
    warnings: list[str] = Field(default_factory=list)

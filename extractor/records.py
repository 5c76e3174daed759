"""What users get: coded incidents that point back into the article, and the run's accounting."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .counts import CountRange
from .events import EventType, SubEventType, UcdpViolence
from .grounding import Span

__all__ = [
    "ActorKind", "ClaimantSide", "Actor", "Claim", "Range", "Casualties", "Location",
    "ResolvedDate", "Incident", "RejectedIncident", "ArticleMeta", "Usage", "ExtractionResult",
]

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
    """A coded figure: low (most conservative), best (most credible source), high (largest claim)."""

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
    precision: Literal["day", "week", "month"] | None = None
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

"""What the model fills in: small, plain, copied from the article.

Every field costs prompt tokens and a small model's attention, so nothing here is computed:
no resolved dates, no numbers as integers, no offsets. Validation runs with the article as
context (`validation_context={"article": text}`): a quote not in the article or a count that
is not a count is sent back to the model by instructor's re-ask.

The article reaches the validators through a context variable rather than instructor's
`context=`, which would also run the messages (the article) through Jinja templating.
"""

from __future__ import annotations

import copy
import json
from contextlib import contextmanager
from functools import lru_cache
from contextvars import ContextVar
from typing import Any, Iterator

from pydantic import BaseModel, Field, ValidationError, ValidationInfo, field_validator, model_validator

from extractor.text.counts import parse_count
from extractor.records import EventType, SubEventType
from extractor.text.grounding import locate

__all__ = ["RawClaim", "RawIncident", "RawExtraction", "grounded_in", "parse_answer"]

_ARTICLE: ContextVar[str | None] = ContextVar("extractor_article", default=None)


@lru_cache(maxsize=8)
def _schema(model: type[BaseModel], args: tuple, kwargs: tuple) -> dict[str, Any]:
    return BaseModel.model_json_schema.__func__(model, *args, **dict(kwargs))  # type: ignore[attr-defined]


@contextmanager
def grounded_in(article: str) -> Iterator[None]:
    """Validate evidence quotes against `article` inside this block (per thread / asyncio task)."""
    token = _ARTICLE.set(article)
    try:
        yield
    finally:
        _ARTICLE.reset(token)


class RawClaim(BaseModel):
    claimant: str = Field(description="who says it, with their role, as written; 'unattributed' if nobody")
    killed: str | None = Field(default=None, description="number killed exactly as written, e.g. 'at least 13'")
    wounded: str | None = Field(default=None, description="number wounded exactly as written")
    victims: str | None = Field(default=None, description="who was killed or wounded, as written")

    @field_validator("killed", "wounded", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        """A bare 3 is the count as written, "3"; no re-ask for that."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("killed", "wounded")
    @classmethod
    def _is_count(cls, value: str | None) -> str | None:
        if value is None or not value.strip() or value.strip().lower() in ("null", "none", "n/a", "unknown"):
            return None
        if parse_count(value) is None:
            raise ValueError(
                f"{value!r} is not a count: copy the number as the article writes it "
                "(e.g. '12', 'at least 13', 'three', 'dozens'), or null if none is given"
            )
        return value


class RawIncident(BaseModel):
    summary: str = Field(description="one sentence: who did what to whom")
    when: str | None = Field(default=None, description="words of the article that say when, e.g. 'early Wednesday'")
    place: str | None = Field(default=None, description="village, town or area, as written")
    district: str | None = Field(default=None, description="district, as written")
    province: str | None = Field(default=None, description="province, state or region, as written")
    country: str | None = Field(default=None, description="country, as written")
    perpetrators: list[str] = Field(default_factory=list, description="who attacked, as written")
    targets: list[str] = Field(default_factory=list, description="who was attacked, as written")
    event_type: EventType | None = None
    sub_event_type: SubEventType | None = None
    claims: list[RawClaim] = Field(default_factory=list, description="one per source of figures")
    evidence: list[str] = Field(description="sentences copied verbatim from the article")

    @field_validator("event_type", "sub_event_type", mode="before")
    @classmethod
    def _lenient_type(cls, value: object, info: ValidationInfo) -> object:
        """'Battles', 'battle / armed_clash', 'Armed clash' are read, not re-asked: the coding layer checks."""
        if not isinstance(value, str):
            return value
        enum = EventType if info.field_name == "event_type" else SubEventType
        parts = value.split("/") if info.field_name == "event_type" else value.split("/")[::-1]
        for part in parts:
            key = part.strip().lower().replace("-", "_").replace(" ", "_")
            for member in enum:
                if key and member.value.startswith(key.rstrip("s")):
                    return member
        return None

    @field_validator("evidence")
    @classmethod
    def _grounded(cls, quotes: list[str], info: ValidationInfo) -> list[str]:
        article = (info.context or {}).get("article") or _ARTICLE.get()
        if article is None:
            return quotes
        missing = [q for q in quotes if locate(q, article) is None]
        if missing:
            shown = "; ".join(repr(q[:100]) for q in missing)
            raise ValueError(
                f"these evidence quotes are not in the article: {shown}. "
                "Copy whole sentences from the article character for character."
            )
        if not quotes:
            raise ValueError("each incident needs at least one evidence sentence copied from the article")
        return quotes


class RawExtraction(BaseModel):
    incidents: list[RawIncident] = Field(description="one per distinct incident: a different place or day is a different incident")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """Cached: instructor asks for the schema on every request, and building it costs ~8 ms of CPU,
        about half of a call's client-side cost. A fresh copy each time, so callers may mutate it."""
        return copy.deepcopy(_schema(cls, args, tuple(sorted(kwargs.items()))))

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, value: object) -> object:
        """A small model often answers with the list itself, or one incident: read them, don't re-ask."""
        if isinstance(value, list):
            return {"incidents": value}
        if isinstance(value, dict) and "incidents" not in value and "evidence" in value:
            return {"incidents": [value]}
        return value


def parse_answer(data: str | bytes | dict[str, Any] | list[Any], article: str, *, salvage: bool,
                 why: str = "the model's answer failed validation") -> tuple[RawExtraction, list[str]]:
    """Validate a model answer (JSON text or its parsed value) against `article`; the one place
    where an answer is read, online (after re-asks) or offline (a results file, a cached answer).

    Returns the extraction and its warnings. With `salvage`, an answer of the right shape whose
    quotes are not all in the article is kept with a warning (prefixed by `why`), and the coding
    layer rejects what it cannot ground. Raises `ValueError` (pydantic's `ValidationError` or a
    JSON error) when the answer does not hold, or when it only holds unground and `salvage` is off.
    """
    value = json.loads(data) if isinstance(data, (str, bytes)) else data
    try:
        with grounded_in(article):
            return RawExtraction.model_validate(value), []
    except ValidationError as exc:
        if not salvage:
            raise
        extraction = RawExtraction.model_validate(value)  # no grounding: the coding layer checks
        return extraction, [f"{why} ({exc.error_count()} error(s): {_first_line(exc)}); "
                            "only what could be grounded in the article is kept"]


def _first_line(exc: ValidationError) -> str:
    lines = str(exc).strip().splitlines()
    return " ".join(lines[1:3])[:300] if len(lines) > 1 else type(exc).__name__

"""What the model fills in, in the coding layer's shape: incidents with evidence sentences copied
out (`RawExtraction`). It is the previous prompt version's answer (still read from cached answers
and earlier batch results) and what a pointed answer (`model.pointed`) becomes before coding.

Nothing here is computed: no resolved dates, no numbers as integers, no offsets. Validation runs
with the article as context: a quote not in the article or a count that is not a count is sent
back to the model by instructor's re-ask. The article reaches the validators through a context
variable rather than instructor's `context=`, which would also run the messages (the article)
through Jinja templating.

Partial answers never cost the article (a small model's usual faults are read, not re-asked; see
`model.lenient`):
- a null where a list belongs is an empty list, a bare string or a single object (one claim) where a
  list belongs a list of it, a null inside a list is left out; a list of words for `victims` or
  `claimant` is one text ("soldiers; police"); a missing `summary` is the first evidence quote, a
  missing `claimant` "unattributed";
- an incident without evidence is kept for the coding layer, which rejects it alone with a reason;
- an incident that cannot be read at all (not an object, a claim that is not an object ...) is set
  aside (`RawExtraction.set_aside`) and reported in the result's `rejected`, and the rest is read.
What the model can correct is still sent back while an article is in context: a quote not in the
article, a figure that is not a count. Without the article (a salvaged answer once the re-asks are
spent) an incident with a figure that is not a count is set aside too.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterator

from pydantic import BaseModel, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from extractor.model.lenient import as_list, as_text, cached_schema, first_error, nfc, unfenced
from extractor.records import EventType, RejectedIncident, SubEventType
from extractor.text.counts import parse_count
from extractor.text.grounding import locate

__all__ = ["RawClaim", "RawIncident", "RawExtraction", "SetAside", "CORRECTABLE", "grounded_in", "parse_answer",
           "read_incidents", "rejected"]

# Errors the model can correct when asked again (re-asked while the article is in context).
CORRECTABLE = frozenset({"not_a_count"})

_ARTICLE: ContextVar[str | None] = ContextVar("extractor_article", default=None)


@contextmanager
def grounded_in(article: str) -> Iterator[None]:
    """Validate evidence quotes against `article` inside this block (per thread / asyncio task)."""
    token = _ARTICLE.set(article)
    try:
        yield
    finally:
        _ARTICLE.reset(token)


def _active_article(info: ValidationInfo | None = None) -> str | None:
    return ((info.context or {}).get("article") if info else None) or _ARTICLE.get()


# The fields of an incident that name things (and its summary): read in NFC.
_NAMED = frozenset({"summary", "when", "place", "district", "province", "country", "perpetrators", "targets"})


# The fields of an incident that name things (and its summary): read in NFC.
_NAMED = frozenset({"summary", "when", "place", "district", "province", "country", "perpetrators", "targets"})


class RawClaim(BaseModel):
    claimant: str = Field(description="who says it, with their role, as written; 'unattributed' if nobody")
    killed: str | None = Field(default=None, description="number killed exactly as written, e.g. 'at least 13'")
    wounded: str | None = Field(default=None, description="number wounded exactly as written")
    victims: str | None = Field(default=None, description="who was killed or wounded, as written")

    @model_validator(mode="before")
    @classmethod
    def _unattributed(cls, value: object) -> object:
        """A claim without a claimant is "unattributed", as the field's description says; a list of
        claimants or victims is read as one text ("soldiers; police")."""
        if not isinstance(value, dict):
            return value
        value = {**value, **{k: nfc(as_text(value[k])) for k in ("claimant", "victims") if k in value}}
        if not value.get("claimant"):
            value["claimant"] = "unattributed"
        return value

    @field_validator("killed", "wounded", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        """A bare 3 (or 3.0, a whole float) is the count as written, "3"; no re-ask for that."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("killed", "wounded")
    @classmethod
    def _is_count(cls, value: str | None) -> str | None:
        if value is None or not value.strip() or value.strip().lower() in ("null", "none", "n/a", "unknown"):
            return None
        if parse_count(value) is None:
            raise PydanticCustomError(
                "not_a_count",
                "{value} is not a count: copy the number as the article writes it "
                "(e.g. '12', 'at least 13', 'three', 'dozens'), or null if none is given",
                {"value": repr(value)},
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

    @model_validator(mode="before")
    @classmethod
    def _partial(cls, value: object) -> object:
        """Nulls and bare strings where lists belong, a missing evidence list or summary: read.
        Names and the summary are read in NFC, whatever form the model copied them in (every output
        string is NFC); evidence quotes stay as written, located in the article as it was passed."""
        if not isinstance(value, dict):
            return value
        value = {k: (nfc(v) if k in _NAMED else v) for k, v in value.items()}
        for name in ("perpetrators", "targets", "claims", "evidence"):
            value[name] = as_list(value.get(name))
        if not value.get("summary") and value["evidence"] and isinstance(value["evidence"][0], str):
            value["summary"] = nfc(value["evidence"][0])
        return value

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
        """Quotes must be in the article (re-asked otherwise). No quotes at all is not re-asked: the
        coding layer rejects that incident alone."""
        article = _active_article(info)
        if article is None:
            return quotes
        missing = [q for q in quotes if locate(q, article) is None]
        if missing:
            shown = "; ".join(repr(q[:100]) for q in missing)
            raise ValueError(
                f"these evidence quotes are not in the article: {shown}. "
                "Copy whole sentences from the article character for character."
            )
        return quotes


class SetAside(BaseModel):
    """An incident of the model's answer that could not be read: where it was, why, what it said."""

    index: int
    reason: str
    raw: Any = None


def _unreadable(item: object, article_active: bool) -> str | None:
    """Why one incident of an answer cannot be read (its shape, not its grounding), or None. With
    an article in context, figures that are not counts are left for the answer's validation to
    send back to the model."""
    token = _ARTICLE.set(None)
    try:
        RawIncident.model_validate(item)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if not (article_active and e["type"] in CORRECTABLE)]
        shown = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'incident'}: {e['msg']}" for e in errors[:3])
        return shown or None
    finally:
        _ARTICLE.reset(token)
    return None


class RawExtraction(BaseModel):
    incidents: list[RawIncident] = Field(description="one per distinct incident: a different place or day is a different incident")
    set_aside: SkipJsonSchema[list[SetAside]] = Field(default_factory=list)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """Cached: instructor asks for the schema on every request, and building it costs ~8 ms of CPU,
        about half of a call's client-side cost. A fresh copy each time, so callers may mutate it."""
        return cached_schema(cls, *args, **kwargs)

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, value: object, info: ValidationInfo) -> object:
        """A small model often answers with the list itself, or one incident, or null for none: read
        them, don't re-ask. Incidents that cannot be read are set aside, the rest kept."""
        active = _active_article(info) is not None
        return read_incidents(value, "evidence", lambda item: _unreadable(item, active))

    def rejected(self) -> list[RejectedIncident]:
        """The incidents set aside, as the result reports them."""
        return rejected(self.set_aside)


def read_incidents(value: object, marker: str, unreadable: Callable[[object], str | None]) -> object:
    """An answer's incidents as both answer shapes read them: the bare list or one incident (told
    by its `marker` field) read as the answer, null as none, and each incident `unreadable` gives
    a reason for set aside with it (`SetAside`), the rest kept. Anything else is left for the
    schema to refuse (no `incidents` key is no answer: re-asked)."""
    if isinstance(value, list):
        value = {"incidents": value}
    elif isinstance(value, dict) and "incidents" not in value and marker in value:
        value = {"incidents": [value]}
    if not isinstance(value, dict) or "incidents" not in value:
        return value
    incidents = as_list(value["incidents"])
    if not isinstance(incidents, list):
        return value
    kept, aside = [], list(value.get("set_aside") or [])
    for index, item in enumerate(incidents):
        reason = unreadable(item)
        if reason is None:
            kept.append(item)
        else:
            aside.append({"index": index, "reason": reason, "raw": item})
    return {**value, "incidents": kept, "set_aside": aside}


def rejected(set_aside: list[SetAside]) -> list[RejectedIncident]:
    """Incidents set aside, as the result reports them."""
    return [RejectedIncident(reason=f"the model's incident could not be read ({s.reason})",
                             raw=s.raw if isinstance(s.raw, dict) else {"value": s.raw}) for s in set_aside]


def parse_answer(data: str | bytes | dict[str, Any] | list[Any], article: str, *, salvage: bool,
                 why: str = "the model's answer failed validation") -> tuple[RawExtraction, list[str]]:
    """Validate a model answer (JSON text or its parsed value) against `article`; the one place
    where an answer is read, online (after re-asks) or offline (a results file, a cached answer).

    Returns the extraction and its warnings. With `salvage`, an answer of the right shape whose
    quotes are not all in the article is kept with a warning (prefixed by `why`), and the coding
    layer rejects what it cannot ground. Raises `ValueError` (pydantic's `ValidationError` or a
    JSON error) when the answer does not hold, or when it only holds unground and `salvage` is off.
    """
    value = json.loads(unfenced(data)) if isinstance(data, (str, bytes)) else data
    try:
        with grounded_in(article):
            return RawExtraction.model_validate(value), []
    except ValidationError as exc:
        if not salvage:
            raise
        extraction = RawExtraction.model_validate(value)  # no grounding: the coding layer checks
        return extraction, [f"{why} ({exc.error_count()} error(s): {first_error(exc)}); "
                            "only what could be grounded in the article is kept"]

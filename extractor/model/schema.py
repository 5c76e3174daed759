"""What the model fills in: small, plain, copied from the article or pointing into it.

Two answer shapes. The current prompt's (`PointedExtraction`): the article is shown as numbered
sentences (`text.sentences`) and each incident names the numbers of its sentences, with short
copies only where code needs words (when, place names, actors, claimant and counts as written).
The previous prompt version's (`RawExtraction`): incidents with evidence sentences copied out,
still read from cached answers and earlier batch results (`parse_answer` tells them apart by shape).

Nothing here is computed: no resolved dates, no numbers as integers, no offsets. Validation runs
with the article as context: a quote not in the article, a copy that is not in its incident's
sentences, or a count that is not a count is sent back to the model by instructor's re-ask.

The article reaches the validators through a context variable rather than instructor's
`context=`, which would also run the messages (the article) through Jinja templating.

Partial answers never cost the article (a small model's usual faults are read, not re-asked):
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

import copy
import json
import re
import unicodedata
from dataclasses import dataclass
from contextlib import contextmanager
from functools import lru_cache
from contextvars import ContextVar
from typing import Any, Collection, Iterator

from pydantic import BaseModel, Field, PrivateAttr, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from extractor.text.counts import parse_count
from extractor.records import EventType, RejectedIncident, SubEventType
from extractor.text.grounding import locate
from extractor.text.sentences import NumberedArticle, occurs_in

__all__ = [
    "RawClaim", "RawIncident", "RawExtraction", "SetAside", "grounded_in", "parse_answer",
    "PointedClaim", "PointedIncident", "PointedExtraction", "Pointing", "pointing_at", "is_pointed", "Extraction",
    "check_incident", "repair_citations", "read_answer", "PREVIOUS_PROMPT_VERSION",
]

# Errors the model can correct when asked again (re-asked while the article is in context).
CORRECTABLE = frozenset({"not_a_count"})

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


def _as_list(value: object) -> object:
    """null -> [], "x" -> ["x"], {...} -> [{...}], nulls inside a list left out: what a small model
    writes for a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if v is not None]
    return value


def _as_text(value: object) -> object:
    """["soldiers", "police"] -> "soldiers; police": a list of words where one text belongs (nulls
    and blanks left out; an empty list is no text)."""
    if isinstance(value, list) and all(isinstance(v, str) or v is None for v in value):
        parts = [v.strip() for v in value if v and v.strip()]
        return "; ".join(parts) or None
    return value


def _active_article(info: ValidationInfo | None = None) -> str | None:
    return ((info.context or {}).get("article") if info else None) or _ARTICLE.get()


# The fields of an incident that name things (and its summary): read in NFC.
_NAMED = frozenset({"summary", "when", "place", "district", "province", "country", "perpetrators", "targets"})


def _nfc(value: object) -> object:
    """`value` with every string in it in Unicode NFC ("Se\u0301le\u0301ka" -> "Séléka")."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


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
        value = {**value, **{k: _nfc(_as_text(value[k])) for k in ("claimant", "victims") if k in value}}
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
        value = {k: (_nfc(v) if k in _NAMED else v) for k, v in value.items()}
        for name in ("perpetrators", "targets", "claims", "evidence"):
            value[name] = _as_list(value.get(name))
        if not value.get("summary") and value["evidence"] and isinstance(value["evidence"][0], str):
            value["summary"] = _nfc(value["evidence"][0])
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
        return copy.deepcopy(_schema(cls, args, tuple(sorted(kwargs.items()))))

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, value: object, info: ValidationInfo) -> object:
        """A small model often answers with the list itself, or one incident, or null for none: read
        them, don't re-ask. Incidents that cannot be read are set aside, the rest kept."""
        if isinstance(value, list):
            value = {"incidents": value}
        elif isinstance(value, dict) and "incidents" not in value and "evidence" in value:
            value = {"incidents": [value]}
        if not isinstance(value, dict) or "incidents" not in value:
            return value  # no incidents key ({"hacked": true}) is no answer: re-asked
        incidents = _as_list(value["incidents"])
        if not isinstance(incidents, list):
            return value
        active = _active_article(info) is not None
        kept, aside = [], list(value.get("set_aside") or [])
        for index, item in enumerate(incidents):
            reason = _unreadable(item, active)
            if reason is None:
                kept.append(item)
            else:
                aside.append({"index": index, "reason": reason, "raw": item})
        return {**value, "incidents": kept, "set_aside": aside}

    def rejected(self) -> list[RejectedIncident]:
        """The incidents set aside, as the result reports them."""
        return [RejectedIncident(reason=f"the model's incident could not be read ({s.reason})",
                                 raw=s.raw if isinstance(s.raw, dict) else {"value": s.raw}) for s in self.set_aside]


def parse_answer(data: str | bytes | dict[str, Any] | list[Any], article: str, *, salvage: bool,
                 why: str = "the model's answer failed validation") -> tuple[RawExtraction, list[str]]:
    """Validate a model answer (JSON text or its parsed value) against `article`; the one place
    where an answer is read, online (after re-asks) or offline (a results file, a cached answer).

    Returns the extraction and its warnings. With `salvage`, an answer of the right shape whose
    quotes are not all in the article is kept with a warning (prefixed by `why`), and the coding
    layer rejects what it cannot ground. Raises `ValueError` (pydantic's `ValidationError` or a
    JSON error) when the answer does not hold, or when it only holds unground and `salvage` is off.
    """
    value = json.loads(_unfenced(data)) if isinstance(data, (str, bytes)) else data
    try:
        with grounded_in(article):
            return RawExtraction.model_validate(value), []
    except ValidationError as exc:
        if not salvage:
            raise
        extraction = RawExtraction.model_validate(value)  # no grounding: the coding layer checks
        return extraction, [f"{why} ({exc.error_count()} error(s): {_first_line(exc)}); "
                            "only what could be grounded in the article is kept"]


_FENCE = re.compile(r"\A\s*```[\w-]*[ \t]*\r?\n?(.*?)\r?\n?```\s*\Z", re.DOTALL)


def _unfenced(data: str | bytes) -> str | bytes:
    """An answer wrapped in a Markdown code fence ("```json\n{...}\n```", as chat models write
    it) without its fence; any other text as it is."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    fenced = _FENCE.match(text)
    return fenced.group(1) if fenced else data


def _first_line(exc: ValidationError) -> str:
    lines = str(exc).strip().splitlines()
    return " ".join(lines[1:3])[:300] if len(lines) > 1 else type(exc).__name__


# -- the current prompt's answer: sentence numbers and short copies ------------------------------

_NOTHING = {"", "null", "none", "n/a", "na", "unknown", "not mentioned", "not specified", "-"}


def _text_or_none(value: object) -> object:
    """'', 'null', 'unknown' and the like are no value; a bare number is its text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip().lower() in _NOTHING:
        return None
    return value.strip() if isinstance(value, str) else value


def _as_list(value: object) -> object:
    if value is None:
        return []
    return [value] if isinstance(value, (str, int, dict)) else value


class PointedClaim(BaseModel):
    claimant: str | None = Field(default=None, description="who gives the figures, a few words as written")
    killed: str | None = Field(default=None, description="number killed as written")
    wounded: str | None = Field(default=None, description="number wounded as written")
    victims: str | None = Field(default=None, description="who was killed or wounded, a few words as written")

    @field_validator("claimant", "killed", "wounded", "victims", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return _text_or_none(value)


class PointedIncident(BaseModel):
    sentences: list[int] = Field(description="numbers of the sentences that report this incident")
    when: str | None = Field(default=None, description="words that say when, as written")
    place: str | None = Field(default=None, description="village, town or area, as written")
    district: str | None = Field(default=None, description="as written")
    province: str | None = Field(default=None, description="province, state or region, as written")
    country: str | None = Field(default=None, description="as written")
    perpetrators: list[str] = Field(default_factory=list, description="who attacked, as written")
    targets: list[str] = Field(default_factory=list, description="who was attacked, as written")
    event_type: EventType | None = None
    claims: list[PointedClaim] = Field(default_factory=list, description="one per source of figures")

    @field_validator("when", "place", "district", "province", "country", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return _text_or_none(value)

    @field_validator("sentences", mode="before")
    @classmethod
    def _numbers(cls, value: object) -> object:
        """'2', '[2]', '2, 3', 2 and ['S2'] are read as numbers; 'D' (the dateline) is never one."""
        items = value.replace(",", " ").split() if isinstance(value, str) else _as_list(value)
        out = []
        for item in items:  # type: ignore[union-attr]
            digits = "".join(c for c in str(item) if c.isdigit())
            if digits and not isinstance(item, bool):
                out.append(int(digits))
        return out

    @field_validator("perpetrators", "targets", "claims", mode="before")
    @classmethod
    def _listed(cls, value: object) -> object:
        items = _as_list(value)
        return [i for i in items if _text_or_none(i) is not None] if isinstance(items, list) else items

    @field_validator("event_type", mode="before")
    @classmethod
    def _lenient_type(cls, value: object) -> object:
        """'Battles', 'battle / armed_clash', 'Violence against civilians' are read, not re-asked;
        what is not an ACLED event type is no type (the coding rules decide)."""
        if not isinstance(value, str):
            return value
        for part in value.split("/"):
            key = part.strip().lower().replace("-", "_").replace(" ", "_")
            for member in EventType:
                if key and member.value.startswith(key.rstrip("s")):
                    return member
        return None


@dataclass(frozen=True)
class Pointing:
    """What a pointed answer is checked against: the numbered article and the sentence numbers
    this request showed (a part of a long article shows some, with their own numbers).

    A problem with a copied field (see `check_incident`) is sent back to the model while
    `fields_strict`, else the field is dropped with a warning; a problem with the answer itself
    (an incident citing no sentence shown) is always sent back, unless `salvage` (re-asks spent:
    keep what holds)."""

    article: NumberedArticle
    shown: Collection[int]
    fields_strict: bool = True
    salvage: bool = False

    @classmethod
    def whole(cls, article: NumberedArticle, *, fields_strict: bool = True, salvage: bool = False) -> "Pointing":
        return cls(article, range(1, article.count + 1), fields_strict, salvage)


_POINTING: ContextVar[Pointing | None] = ContextVar("extractor_pointing", default=None)


@contextmanager
def pointing_at(pointing: Pointing) -> Iterator[None]:
    """Validate pointed answers against `pointing` inside this block (per thread / asyncio task)."""
    token = _POINTING.set(pointing)
    try:
        yield
    finally:
        _POINTING.reset(token)


class PointedExtraction(BaseModel):
    incidents: list[PointedIncident] = Field(description="one per incident: a different place or day is a different incident")
    _warnings: list[str] = PrivateAttr(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """What a salvaged answer lost: each field dropped because it was not in its sentences."""
        return self._warnings

    @classmethod
    def with_warnings(cls, incidents: list[PointedIncident], warnings: list[str]) -> "PointedExtraction":
        """An answer built by code (parts merged, incidents joined), keeping what was dropped on the way."""
        answer = cls(incidents=incidents)
        answer._warnings = list(warnings)
        return answer

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """Cached, as RawExtraction's (instructor asks on every request); a fresh copy each time."""
        return copy.deepcopy(_schema(cls, args, tuple(sorted(kwargs.items()))))

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, value: object) -> object:
        """A small model often answers with the list itself, or one incident: read them, don't re-ask."""
        if isinstance(value, list):
            return {"incidents": value}
        if isinstance(value, dict) and "incidents" not in value and "sentences" in value:
            return {"incidents": [value]}
        return value

    @model_validator(mode="after")
    def _in_its_sentences(self) -> "PointedExtraction":
        """Every copy must be in its incident's own sentences (see `check_incident`). The problems
        go back to the model as one ValueError listing them all (see `Pointing` for when); otherwise
        each failing field is dropped with a warning, and so is an incident that cites no sentence."""
        pointing = _POINTING.get()
        if pointing is None:
            return self
        problems: list[str] = []
        notes: list[str] = []
        kept = []
        structural = False
        for number, incident in enumerate(self.incidents, 1):
            others = {n for i in self.incidents if i is not incident for n in i.sentences}
            incident, added = repair_citations(incident, number, pointing, others)
            fixed, found = check_incident(incident, number, pointing)
            notes += added
            problems += found
            structural = structural or fixed is None
            if fixed is not None:
                kept.append(fixed)
        if problems and not pointing.salvage and (structural or pointing.fields_strict):
            raise ValueError(" ".join(problems))
        self.incidents = kept
        self._warnings = notes + [f"dropped from the model's answer: {p}" for p in problems]
        return self


Extraction = RawExtraction | PointedExtraction


def repair_citations(incident: PointedIncident, number: int, pointing: Pointing,
                     others: set[int]) -> tuple[PointedIncident, list[str]]:
    """Add to an incident the sentence its words came from when it cited the one beside it.

    A 1.5B model's copies are more reliable than its sentence numbers: it copies "Damboa road"
    and "on Monday morning" from sentence 5 and cites 6 (issue 12, measured on the gold set). A
    place, a `when` or a count the cited sentences lack is looked for in the sentences shown
    within two of them that no other incident cites and that sum nothing up; when exactly one
    holds it, that sentence is added (with a note). Anything else is left to `check_incident`."""
    article = pointing.article
    cited = [n for n in incident.sentences if n in pointing.shown]
    if not cited:
        return incident, []
    values = [incident.when, incident.place, incident.district, incident.province,
              *(v for c in incident.claims for v in (c.killed, c.wounded))]
    added: list[str] = []
    for value in filter(None, values):
        if any(occurs_in(value, article.sentence(n)) for n in cited):
            continue
        holders = [n for n in pointing.shown if n not in cited and n not in others and n not in article.aggregates
                   and min(abs(n - c) for c in cited) <= 2 and occurs_in(value, article.sentence(n))]
        if len(holders) == 1:
            cited = sorted([*cited, holders[0]])
            added.append(f"incident {number}: added sentence {holders[0]}, which holds its {value!r} "
                         f"(it cited {_numbers([n for n in cited if n != holders[0]])})")
    return (incident.model_copy(update={"sentences": cited}) if added else incident), added


def check_incident(incident: PointedIncident, number: int, pointing: Pointing) -> tuple[PointedIncident | None, list[str]]:
    """The rule of issue 12: every copied field must occur in the incident's cited sentences (up to
    case, Unicode form and whitespace: `text.sentences.occurs_in`). Place names and counts must be
    in its own sentences: not the dateline (never citable) and not a sentence that sums up several
    incidents. A country may come from anywhere in the report, dateline included: a report names
    its country once. Returns the incident with the failing fields dropped (None when it cites no
    sentence shown) and the problems, each saying what to do, e.g.
    "incident 1: province 'Kabul' is not in sentences 2, 3: copy it from those sentences or leave it null"."""
    article, problems = pointing.article, []
    cited = list(dict.fromkeys(n for n in incident.sentences if n in pointing.shown))
    unknown = [n for n in incident.sentences if n not in pointing.shown]
    if unknown:
        problems.append(f"incident {number}: there is no sentence {', '.join(map(str, unknown))}: "
                        "cite the numbers shown in brackets.")
    if not cited:
        problems.append(f"incident {number} cites no sentence of the report: give the numbers of the sentences "
                        "that report it, or leave it out.")
        return None, problems
    own = [n for n in cited if n not in article.aggregates]
    if not own:
        which = f"sentences {_numbers(cited)} only sum" if len(cited) > 1 else f"sentence {cited[0]} only sums"
        problems.append(f"incident {number}: {which} up several incidents: cite the sentences that report this "
                        "incident itself, or leave it out.")
    everything = " ".join(article.sentence(n) for n in cited)
    own_text = " ".join(article.sentence(n) for n in own)
    report = article.text

    def check(field: str, value: str | None, where: str, sentences: list[int]) -> str | None:
        if value is None or occurs_in(value, where):
            return value
        problems.append(f"incident {number}: {field} {value!r} is not in sentence{'s' if len(sentences) != 1 else ''} "
                        f"{_numbers(sentences)}: copy it from {'those sentences' if len(sentences) != 1 else 'that sentence'} "
                        "or leave it null.")
        return None

    update: dict[str, Any] = {"sentences": cited}
    update["when"] = check("when", incident.when, everything, cited)
    for field in ("place", "district", "province"):
        update[field] = check(field, _first_named(getattr(incident, field), own_text), own_text, own)
    if incident.country and not occurs_in(incident.country, report):
        problems.append(f"incident {number}: country {incident.country!r} is not in the report: leave it null.")
        update["country"] = None
    for field in ("perpetrators", "targets"):
        names = [part for name in getattr(incident, field) for part in _named(name, everything)]
        update[field] = [name for name in names if check(field[:-1], name, everything, cited)]
    update["claims"] = [c for c in (_check_claim(claim, check, everything, own_text, cited, own, number, problems)
                                    for claim in incident.claims) if c is not None]
    return incident.model_copy(update=update), problems


def _check_claim(claim: PointedClaim, check: Any, everything: str, own_text: str, cited: list[int], own: list[int],
                 number: int, problems: list[str]) -> PointedClaim | None:
    """A claim's claimant and victims must be in the incident's sentences, its counts counts and in
    its own sentences; a claim left with no figure is dropped."""
    claimant = check("claimant", claim.claimant, everything, cited) if claim.claimant else None
    victims = check("victims", claim.victims, everything, cited) if claim.victims else None
    figures: dict[str, str | None] = {}
    for kind in ("killed", "wounded"):
        value = getattr(claim, kind)
        if value is not None and parse_count(value) is None:
            problems.append(f"incident {number}: {kind} {value!r} is not a count: copy the number as written "
                            "('12', 'at least 13', 'three'), or leave it null.")
            value = None
        figures[kind] = check(kind, value, own_text, own)
    if figures["killed"] is None and figures["wounded"] is None:
        return None
    return PointedClaim(claimant=claimant, victims=victims, **figures)


def _first_named(value: str | None, text: str) -> str | None:
    """A place copied as a list of names ("Uruapan, Michoacan" for "the city of Uruapan in the
    western state of Michoacan") stands for its first name that `text` holds; `value` otherwise."""
    if value is None or occurs_in(value, text):
        return value
    return next(iter(_named(value, text, r",|;|/|\s+in\s+")), value)


def _named(value: str, text: str, separators: str = r",|;|/|\s+and\s+") -> list[str]:
    """`value` if `text` holds it; else, when it lists names ("security personnel, police and army"
    for "security personnel including police and army"), those of its names `text` holds, or
    [`value`] when none (so that the check reports it)."""
    if occurs_in(value, text):
        return [value]
    names = [n.strip() for n in re.split(separators, value) if n.strip()]
    found = [n for n in names if occurs_in(n, text)] if len(names) > 1 else []
    return found or [value]


def _numbers(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def is_pointed(value: object) -> bool:
    """Whether a parsed answer has the current prompt's shape (incidents cite sentence numbers) rather
    than the previous prompt version's (incidents carry copied evidence). An empty answer is pointed."""
    incidents = value.get("incidents") if isinstance(value, dict) else value
    if isinstance(value, dict) and incidents is None:
        return "evidence" not in value
    if not isinstance(incidents, list):
        return True
    return not any(isinstance(i, dict) and "evidence" in i and "sentences" not in i for i in incidents)


# The hash of the prompt templates before issue 12 (prompts/system.txt and user.txt as they were):
# their answers carry copied evidence (`RawExtraction`); cached answers and earlier batch results
# of that version are still read.
PREVIOUS_PROMPT_VERSION = "7fff4cac98d1"


def read_answer(data: str | bytes | dict[str, Any] | list[Any], article: NumberedArticle, *, salvage: bool,
                why: str = "the model's answer failed validation") -> tuple[Extraction, list[str]]:
    """Validate a model answer of either shape (see `is_pointed`) against `article`: a pointed one
    with its copied fields checked (a failing field dropped with a warning, as online once field
    re-asks are spent), one of the previous prompt version with its quotes grounded (`parse_answer`).

    Returns the extraction and its warnings. Raises `ValueError` when the answer does not hold
    (e.g. an incident citing a sentence the article does not have), unless `salvage` keeps what does."""
    value = json.loads(data) if isinstance(data, (str, bytes)) else data
    if not is_pointed(value):
        return parse_answer(value, article.text, salvage=salvage, why=why)
    with pointing_at(Pointing.whole(article, fields_strict=False, salvage=salvage)):
        extraction = PointedExtraction.model_validate(value)
    return extraction, list(extraction.warnings)

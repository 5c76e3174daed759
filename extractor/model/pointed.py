"""The current prompt's answer: incidents pointing at numbered sentences, with short copies.

The article is shown as numbered sentences (`text.sentences`, the dateline apart) and each
incident names the numbers of its sentences, with short copies only where code needs words (place
names, actors, a short event-type name, each claim's source and counts as written; the date is read
by code from the sentences, a `when` of earlier prompts still checked): what a small model copies
is where it goes wrong, and what costs its output tokens (issue 12). Evidence comes from the numbers, so it is the
article's own text. Every copy must occur in its incident's own sentences (`check_incident`);
`Pointing` says what a request showed and whether a failing copy is sent back or dropped.

Answers of the previous prompt version (`PREVIOUS_PROMPT_VERSION`: evidence copied out,
`schema.RawExtraction`) are told apart by shape (`is_pointed`) and still read (`read_answer`).
Partial answers are read as `schema` reads them (`model.lenient`); an incident that cannot be
read is set aside and reported, the rest kept.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Collection, Iterator

from pydantic import AliasChoices, BaseModel, Field, ValidationError, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from extractor.model.lenient import as_list, cached_schema, text_or_none, unfenced
from extractor.model.schema import RawExtraction, SetAside, parse_answer, read_incidents, rejected
from extractor.records import EventType, RejectedIncident
from extractor.text.counts import parse_count
from extractor.text.sentences import NumberedArticle, occurs_in

__all__ = [
    "EVENT_TYPE_WORDS", "PointedClaim", "PointedIncident", "PointedExtraction", "Pointing", "pointing_at", "is_pointed",
    "Extraction",
    "check_incident", "repair_citations", "narrow_citations", "rehome_claims", "read_answer", "PREVIOUS_PROMPT_VERSION",
    "EARLIER_POINTED_VERSIONS",
]


class PointedClaim(BaseModel):
    claimant: str | None = Field(default=None, validation_alias=AliasChoices("source", "claimant"),
                                 description="who gives the figures, a few words as written")
    killed: str | None = Field(default=None, description="number killed as written")
    wounded: str | None = Field(default=None, description="number wounded as written")
    victims: str | None = Field(default=None, description="who was killed or wounded, a few words as written")

    @field_validator("claimant", "killed", "wounded", "victims", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return text_or_none(value)


# In a text of numbers: "2", "[2]", "S2", "5-6" (a range); a sign or a decimal point makes it no number.
_NUMBER_TOKENS = re.compile(r"(?<![\d.\-])[Ss]?\d+(?:\s*[-\u2013]\s*\d+)?(?![\d.])")
_RANGE = re.compile(r"^\[?[Ss]?(\d+)(?:\s*[-\u2013]\s*(\d+))?\]?$")
_MOST_SENTENCES_IN_A_RANGE = 50


def _sentence_entries(value: object) -> tuple[list[int], list[str]]:
    """The sentence numbers `sentences` names, and its entries that name none, as written: a
    list's items, or a text's entries between commas, semicolons and "and" ("2, 3, 7.5")."""
    numbers: list[int] = []
    unread: list[str] = []
    if isinstance(value, str):
        for entry in (p for p in re.split(r"\s*[,;]\s*|\s+and\s+", value.strip()) if p):
            found = [_sentence_numbers(token) for token in _NUMBER_TOKENS.findall(entry)]
            numbers += [n for f in found for n in f]
            if not found or not all(found):
                unread.append(entry)
        return numbers, unread
    items = as_list(value)
    for item in items if isinstance(items, list) else [items]:  # a float, a bool: one item
        found_here = _sentence_numbers(item)
        numbers += found_here
        if item is not None and not found_here:
            unread.append(str(item))
    return numbers, unread


def _sentence_numbers(item: object) -> list[int]:
    """The sentence numbers one item of `sentences` names (see `PointedIncident._numbers`)."""
    if isinstance(item, bool):
        return []
    if isinstance(item, float):
        return [int(item)] if item.is_integer() and item > 0 else []
    if isinstance(item, int):
        return [item] if item > 0 else []
    m = _RANGE.match(str(item).strip())
    if not m:
        return []
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    return list(range(first, last + 1)) if 0 < first <= last < first + _MOST_SENTENCES_IN_A_RANGE else []


class PointedIncident(BaseModel):
    sentences: list[int] = Field(description="numbers of the sentences that report this incident")
    when: str | None = Field(default=None, description="words that say when, as written")
    place: str | None = Field(default=None, description="village, town or area, as written")
    district: str | None = Field(default=None, description="as written")
    province: str | None = Field(default=None, description="province, state or region, as written")
    country: str | None = Field(default=None, description="as written")
    perpetrators: list[str] = Field(default_factory=list, description="who attacked, as written")
    targets: list[str] = Field(default_factory=list, description="who was attacked, as written")
    # The prompt's keys first (the JSON schema, and so a tool-calling request, shows them): `type` and
    # `source` cost fewer output tokens; answers of the pointing prompt before (cached, batch results:
    # `EARLIER_POINTED_VERSIONS`) say `event_type` and `claimant`, read as the same fields.
    event_type: EventType | None = Field(default=None, validation_alias=AliasChoices("type", "event_type"))
    claims: list[PointedClaim] = Field(default_factory=list, description="one per source of figures")
    unread: SkipJsonSchema[list[str]] = Field(default_factory=list, exclude=True)
    """Entries of `sentences` that name no sentence ("7.5", "D"): left out, and said so (not in the JSON)."""

    @model_validator(mode="before")
    @classmethod
    def _unread_entries(cls, value: object) -> object:
        """Keep what `_numbers` cannot read, so that leaving it out is never silent."""
        if not isinstance(value, dict) or "unread" in value or value.get("sentences") is None:
            return value
        unread = _sentence_entries(value["sentences"])[1]
        return {**value, "unread": unread} if unread else value

    @field_validator("when", "place", "district", "province", "country", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return text_or_none(value)

    @field_validator("sentences", mode="before")
    @classmethod
    def _numbers(cls, value: object) -> object:
        """'2', '[2]', 'S2', '2, 3', 2, 2.0 and '5-6' (5 and 6) are read as sentence numbers. Anything
        else is no number at all, never another one: not 'D' (the dateline), 7.5 (not sentence 75),
        -1, True or 'six'; an incident left citing nothing is sent back or dropped (see `Pointing`)."""
        return _sentence_entries(value)[0]

    @field_validator("perpetrators", "targets", "claims", mode="before")
    @classmethod
    def _listed(cls, value: object) -> object:
        items = as_list(value)
        return [i for i in items if text_or_none(i) is not None] if isinstance(items, list) else items

    @field_validator("event_type", mode="before")
    @classmethod
    def _lenient_type(cls, value: object) -> object:
        """Short names (`EVENT_TYPE_WORDS`: "civilians", "explosion") and what the
        model writes instead ('Battles', 'battle / armed_clash', 'Violence against civilians') are
        read, not re-asked; what is not an ACLED event type is no type (the coding rules decide)."""
        if not isinstance(value, str):
            return value
        for part in value.split("/"):
            key = part.strip().lower().replace("-", "_").replace(" ", "_")
            if short := _SHORT_TYPES.get(key.rstrip("s")):
                return short
            for member in EventType:
                if key and member.value.startswith(key.rstrip("s")):
                    return member
        return None


# Short names of the event types, as the prompt asks for them (fewer output tokens than ACLED's
# values, which the pointing prompt before asked for and are read too).
EVENT_TYPE_WORDS: dict[str, EventType] = {
    "battle": EventType.battle, "explosion": EventType.explosion_remote_violence,
    "civilians": EventType.violence_against_civilians, "protest": EventType.protest, "riot": EventType.riot,
    "strategic": EventType.strategic_development,
}
_SHORT_TYPES = {word.rstrip("s"): member for word, member in EVENT_TYPE_WORDS.items()}


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


def _unreadable(item: object) -> str | None:
    """Why one incident of a pointed answer cannot be read (its shape, not its citations), or None."""
    try:
        PointedIncident.model_validate(item)
    except ValidationError as exc:
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'incident'}: {e['msg']}" for e in exc.errors()[:3])
    return None


_NULL_INCIDENTS = "the model answered null for its incidents, not a list: read as no incidents"


class PointedExtraction(BaseModel):
    incidents: list[PointedIncident] = Field(description="one per incident: a different place or day is a different incident")
    set_aside: SkipJsonSchema[list[SetAside]] = Field(default_factory=list)
    warnings: SkipJsonSchema[list[str]] = Field(default_factory=list, exclude=True)
    """What the reading dropped: each copied field not in its sentences (not part of the answer's JSON)."""

    @classmethod
    def with_warnings(cls, incidents: list[PointedIncident], warnings: list[str],
                      set_aside: list[SetAside] | None = None) -> "PointedExtraction":
        """An answer built by code (parts merged, incidents joined), keeping what was dropped on the way."""
        return cls(incidents=incidents, warnings=list(warnings), set_aside=list(set_aside or []))

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """Cached, as RawExtraction's (instructor asks on every request); a fresh copy each time."""
        return cached_schema(cls, *args, **kwargs)

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, value: object) -> object:
        """A small model often answers with the list itself, one incident, or null for none: read
        them, don't re-ask. Incidents that cannot be read are set aside, the rest kept. `null` for
        the incidents is read as none, and said so: the model did not say it found none."""
        read = read_incidents(value, "sentences", _unreadable)
        if isinstance(value, dict) and "incidents" in value and value["incidents"] is None and isinstance(read, dict):
            read = {**read, "warnings": [*(read.get("warnings") or []), _NULL_INCIDENTS]}
        return read

    def rejected(self) -> list[RejectedIncident]:
        """The incidents set aside, as the result reports them."""
        return rejected(self.set_aside)

    @model_validator(mode="after")
    def _in_its_sentences(self) -> "PointedExtraction":
        """Every copy must be in its incident's own sentences (see `check_incident`). The problems
        go back to the model as one ValueError listing them all (see `Pointing` for when); otherwise
        each failing field is dropped with a warning, and so is an incident that cites no sentence."""
        pointing = _POINTING.get()
        if pointing is None:
            return self
        problems: list[str] = []
        incidents, notes = rehome_claims(list(self.incidents), pointing)
        kept = []
        structural = False
        for number, incident in enumerate(incidents, 1):
            others = {n for i in incidents if i is not incident for n in i.sentences}
            if incident.unread:
                notes.append(f"incident {number}: {', '.join(map(repr, incident.unread))} among its sentence numbers "
                             "names no sentence: left out")
            incident, narrowed = narrow_citations(incident, number, pointing)
            incident, added = repair_citations(incident, number, pointing, others)
            added = narrowed + added
            fixed, found = check_incident(incident, number, pointing)
            notes += added
            problems += found
            structural = structural or fixed is None
            if fixed is not None:
                kept.append(fixed)
        if problems and not pointing.salvage and (structural or pointing.fields_strict):
            raise ValueError(" ".join(problems))
        self.incidents = kept
        found = notes + [f"dropped from the model's answer: {p}" for p in problems]
        self.warnings = [*self.warnings, *(w for w in found if w not in self.warnings)]
        return self


Extraction = RawExtraction | PointedExtraction


def _distance(n: int, incident: PointedIncident, article: NumberedArticle) -> int:
    """How many sentences lie between sentence `n` and the nearest own sentence of `incident`."""
    own = [c for c in incident.sentences if c not in article.aggregates]
    return min((abs(n - c) for c in own), default=10**6)


def rehome_claims(incidents: list[PointedIncident], pointing: Pointing) -> tuple[list[PointedIncident], list[str]]:
    """Move a claim to the incident its figures are told with.

    A small model files a claim by the sentence it comes after in its answer rather than the event
    it is about: the seed's "Zabihullah Majahid ... claimed that more than 30 soldiers had been
    killed in the raid" follows the Kunduz raid's sentences and was filed with Baghlan (case 20).
    A claim whose figures its incident's sentences lack, found in exactly one sentence no incident
    cites (nor summing up), which lies within two sentences of another incident and nearer to it,
    goes to that incident, with the sentence (and a note). Pure; the list is not changed in place.
    (`coding.claim_home` rehomes claims by their quoted evidence; a pointed answer's must move here,
    before `check_incident` drops a figure its incident's own sentences lack.)"""
    article = pointing.article
    out = list(incidents)
    notes: list[str] = []
    cited = {n for i in incidents for n in i.sentences}
    for index, incident in enumerate(incidents):
        for claim in incident.claims:
            figures = [v for v in (claim.killed, claim.wounded) if v]
            if not figures or any(occurs_in(v, article.sentence(n)) for v in figures for n in incident.sentences
                                  if n in pointing.shown and n not in article.aggregates):
                continue
            holders = [n for n in pointing.shown if n not in cited and n not in article.aggregates
                       and all(occurs_in(v, article.sentence(n)) for v in figures)]
            if len(holders) != 1:
                continue
            distances = [_distance(holders[0], other, article) for other in out]
            home = distances.index(min(distances))
            if home == index or distances[home] > 2 or distances[home] >= distances[index]:
                continue
            out[index] = out[index].model_copy(update={"claims": [c for c in out[index].claims if c is not claim]})
            out[home] = out[home].model_copy(update={"claims": [*out[home].claims, claim],
                                                      "sentences": sorted({*out[home].sentences, holders[0]})})
            cited.add(holders[0])
            notes.append(f"incident {index + 1}: its claim of {', '.join(map(repr, figures))} (sentence {holders[0]}) "
                         f"is told with incident {home + 1}: moved there")
    return out, notes


def repair_citations(incident: PointedIncident, number: int, pointing: Pointing,
                     others: set[int]) -> tuple[PointedIncident, list[str]]:
    """Add to an incident the sentence its words came from when it cited the one beside it.

    A 1.5B model's copies are more reliable than its sentence numbers: it copies "Damboa road"
    and "on Monday morning" from sentence 5 and cites 6 (issue 12, measured on the gold set). A
    place, a `when` or a count the cited sentences lack is looked for in the sentences shown
    within two of them that no other incident cites, that sum nothing up and that lie no nearer
    another incident's sentences; when exactly one holds it, that sentence is added (with a note).
    Anything else is left to `check_incident`."""
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
                   and min(abs(n - c) for c in cited) <= 2 and occurs_in(value, article.sentence(n))
                   and not any(abs(n - o) < min(abs(n - c) for c in cited) for o in others if o not in article.aggregates)]
        if len(holders) == 1:
            cited = sorted([*cited, holders[0]])
            added.append(f"incident {number}: added sentence {holders[0]}, which holds its {value!r} "
                         f"(it cited {_numbers([n for n in cited if n != holders[0]])})")
    return (incident.model_copy(update={"sentences": cited}) if added else incident), added


# An incident citing at least this many sentences, and this share of those shown, is not pointing.
NOT_POINTING_SENTENCES = 10
NOT_POINTING_SHARE = 0.8


def narrow_citations(incident: PointedIncident, number: int, pointing: Pointing) -> tuple[PointedIncident, list[str]]:
    """Cut an incident that cites (nearly) every sentence shown down to the sentences that hold its
    copied words (when, place names, actors, claimants, counts) and those beside them.

    A 1.5B model shown a long communique or commentary sometimes answers one incident citing all
    of it: the evidence is then the whole text, and its date and counts are read from whatever
    sentence comes first ("WE RECALL THAT LAST YEAR ...", a tally of "7,001" dead). At least
    `NOT_POINTING_SENTENCES` cited and `NOT_POINTING_SHARE` of those shown is not pointing (issue 12,
    MUC-4: 9 of 30 answers; no gold answer cites more than five). Left as it is when no cited
    sentence holds a copied word, or all do; returns the incident and a note when cut."""
    article = pointing.article
    cited = [n for n in dict.fromkeys(incident.sentences) if n in pointing.shown]
    if len(cited) < NOT_POINTING_SENTENCES or len(cited) < NOT_POINTING_SHARE * len(pointing.shown):
        return incident, []
    words = [incident.when, incident.place, incident.district, incident.province, *incident.perpetrators,
             *incident.targets, *(v for c in incident.claims for v in (c.claimant, c.killed, c.wounded, c.victims))]
    holding = {n for n in cited if any(occurs_in(w, article.sentence(n)) for w in words if w)}
    # and the sentences beside them, which tell how it was done ("a suicide bomber drove a car ...")
    holders = [n for n in cited if holding & {n - 1, n, n + 1}]
    if not holding or len(holders) == len(cited):
        return incident, []
    return incident.model_copy(update={"sentences": holders}), [
        f"incident {number} cited {len(cited)} of the {len(pointing.shown)} sentences shown: kept those that hold "
        f"its words ({_numbers(holders)})"]


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
# Earlier versions of the pointing prompt (benchmarks/prompts/long-fields, shipped until
# 2026-12-01): the same shape with longer keys (`event_type` with ACLED's values, `claimant`,
# `when`, `country`), read by the same models; batch results prepared with them are collected.
EARLIER_POINTED_VERSIONS = ("4d9ce0911ff1",)


def read_answer(data: str | bytes | dict[str, Any] | list[Any], article: NumberedArticle, *, salvage: bool,
                why: str = "the model's answer failed validation",
                shown: Collection[int] | None = None) -> tuple[Extraction, list[str]]:
    """Validate a model answer of either shape (see `is_pointed`) against `article`: a pointed one
    with its copied fields checked (a failing field dropped with a warning, as online once field
    re-asks are spent), one of the previous prompt version with its quotes grounded (`parse_answer`).
    `shown`: the sentence numbers the request showed, for the answer to one part of a long article
    (default: all of them).

    Returns the extraction and its warnings. Raises `ValueError` when the answer does not hold
    (e.g. an incident citing a sentence the article does not have), unless `salvage` keeps what does."""
    value = json.loads(unfenced(data)) if isinstance(data, (str, bytes)) else data
    if not is_pointed(value):
        return parse_answer(value, article.text, salvage=salvage, why=why)
    pointing = Pointing.whole(article, fields_strict=False, salvage=salvage) if shown is None \
        else Pointing(article, shown, fields_strict=False, salvage=salvage)
    with pointing_at(pointing):
        extraction = PointedExtraction.model_validate(value)
    return extraction, list(extraction.warnings)

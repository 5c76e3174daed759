"""Scoring predicted incidents against hand-coded gold ones.

Incidents are matched per article: a predicted and a gold incident may pair when their dates are
within a day and they share a place name (admin1, admin2 or place, folded for case, accents,
hyphens and words such as "province"); among the allowed pairings the one with the most pairs,
then the most agreeing fields, wins (exact search: articles hold a handful of incidents). Matched
pairs are then scored field by field. Predictions may be `extractor run` output, bare
`ExtractionResult` lines, or the flat form other systems are converted to (`FlatIncident`).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, Field, ValidationError, field_validator
from rapidfuzz import fuzz

from extractor.records import ExtractionResult, Incident, Range
from extractor.text.vocabulary import LEVEL_WORDS, SITE_WORDS, fold

__all__ = [
    "NAME_NOISE", "FlatIncident", "GoldArticle", "ArticleScore", "EvalReport", "FIELDS",
    "load_gold", "load_predictions", "flatten", "match_incidents", "evaluate",
]

# Fields scored on matched pairs, in report order.
FIELDS = ("date", "admin1", "admin2", "place", "event_type", "sub_event_type", "killed_low", "killed_high", "wounded")
# Words left out when names are compared: level words ("Tillaberi Region" is Tillaberi), site words
# ("Abu Shouk camp" is Abu Shouk) and articles; one-word entries of the shared vocabulary.
NAME_NOISE = frozenset(w.lower() for w in LEVEL_WORDS + SITE_WORDS + ("the", "of") if " " not in w)
NAME_THRESHOLD = 85.0  # rapidfuzz ratio between folded names ("nord kivu" ~ "north kivu")


class FlatIncident(BaseModel):
    """The fields scored, system-neutral. Evidence is the quotes; `verbatim` says which occur as written."""

    date: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    killed: Range | None = None
    wounded: Range | None = None
    evidence: list[str] = Field(default_factory=list)
    verbatim: list[bool] | None = None
    unscored: list[str] = Field(default_factory=list, description="gold fields the source does not code")

    @field_validator("killed", "wounded", mode="before")
    @classmethod
    def _count(cls, value: Any) -> Any:
        """A bare count (`"killed": 3`) is the range 3-3."""
        return {"low": value, "high": value} if isinstance(value, int) and not isinstance(value, bool) else value


class GoldArticle(BaseModel):
    id: str
    text: str
    published: dt.date | None = None
    fictional: bool = False
    incidents: list[FlatIncident]


class ArticleScore(BaseModel):
    id: str
    gold: int
    predicted: int
    matched: int
    missing_prediction: bool = False
    pairs: list[dict[str, Any]] = Field(default_factory=list)
    unmatched_gold: list[int] = Field(default_factory=list)
    unmatched_predicted: list[int] = Field(default_factory=list)


class EvalReport(BaseModel):
    articles: int
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    field_accuracy: dict[str, float | None]
    evidence_verbatim: float | None
    missing_predictions: list[str]
    details: list[ArticleScore]


# -- loading ---------------------------------------------------------------------------------------

def _bounds(value: Any) -> Range | None:
    if not value:
        return None
    if "total" in value:  # the seed's by-group form
        value = value["total"]
    return Range(low=value.get("low"), high=value.get("high"))


def _gold_incident(raw: dict[str, Any]) -> FlatIncident:
    return FlatIncident(
        date=raw.get("date"), country=raw.get("country"), admin1=raw.get("admin1"), admin2=raw.get("admin2"),
        place=raw.get("place"), event_type=raw.get("event_type"), sub_event_type=raw.get("sub_event_type"),
        killed=_bounds(raw.get("killed")), wounded=_bounds(raw.get("wounded")), evidence=raw.get("evidence", []),
    )


def load_gold(path: Path | str) -> list[GoldArticle]:
    """A gold folder of `ID.json` annotations beside `ID.txt` articles (or a `text_file` the JSON names)."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"no *.json annotations in {path}: pass a gold folder such as fixtures/gold")
    articles = []
    for file in files:
        doc = json.loads(file.read_text(encoding="utf-8"))
        text_file = file.parent / doc.get("text_file", f"{file.stem}.txt")
        articles.append(GoldArticle(
            id=doc.get("article", file.stem), text=text_file.read_text(encoding="utf-8"), published=doc.get("published"),
            fictional=bool(doc.get("fictional")), incidents=[_gold_incident(i) for i in doc["incidents"]],
        ))
    return articles


def flatten(incident: Incident) -> FlatIncident:
    killed, wounded = incident.fatalities, incident.injuries
    return FlatIncident(
        date=incident.date.value, country=incident.location.country, admin1=incident.location.admin1,
        admin2=incident.location.admin2, place=incident.location.place,
        event_type=incident.event_type.value if incident.event_type else None,
        sub_event_type=incident.sub_event_type.value if incident.sub_event_type else None,
        killed=Range(low=killed.total.low, high=killed.total.high) if killed else None,
        wounded=Range(low=wounded.total.low, high=wounded.total.high) if wounded else None,
        evidence=[s.text for s in incident.evidence], verbatim=[s.match == "exact" for s in incident.evidence],
    )


def load_predictions(path: Path | str) -> dict[str, list[FlatIncident] | None]:
    """Article id -> its predicted incidents (None: the system gave no answer for it).

    Lines may be `extractor run` records (`{"id", "state", "result"}`), `ExtractionResult`s, or
    `{"id": ..., "incidents": [FlatIncident, ...]}`.
    """
    out: dict[str, list[FlatIncident] | None] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc})") from None
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise ValueError(f"{path}:{number}: a predictions line is a JSON object with a string \"id\" "
                             f"(and \"incidents\", or an `extractor run` record)")
        if "state" in record:
            result = record.get("result")
            out[record["id"]] = [flatten(i) for i in ExtractionResult.model_validate(result).incidents] if result else None
        elif "article" in record and "provider" in record:
            result = ExtractionResult.model_validate(record)
            out[result.article.id or ""] = [flatten(i) for i in result.incidents]
        else:
            incidents = record.get("incidents")
            out[record["id"]] = None if incidents is None else [_flat(i, f"{path}:{number}") for i in incidents]
    return out


def _flat(raw: Any, where: str) -> FlatIncident:
    """A predicted flat incident; an unknown key or a bad value is a ValueError that says which
    (a misspelled `fatalities` would otherwise score as no count)."""
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: an incident is a JSON object, not {type(raw).__name__}")
    unknown = sorted(set(raw) - set(FlatIncident.model_fields))
    if unknown:
        raise ValueError(f"{where}: unknown field {', '.join(map(repr, unknown))}; a flat incident has "
                         f"{', '.join(FlatIncident.model_fields)} (counts as 3 or {{\"low\": 2, \"high\": 5}})")
    try:
        return FlatIncident.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(map(str, first["loc"]))
        raise ValueError(f"{where}: {field}: {first['msg']} (got {first.get('input')!r})") from None


# -- matching --------------------------------------------------------------------------------------

def same_name(a: str | None, b: str | None) -> bool:
    fa, fb = fold(a, drop=NAME_NOISE), fold(b, drop=NAME_NOISE)
    if not fa or not fb:
        return False
    return fa == fb or fuzz.ratio(fa, fb) >= NAME_THRESHOLD


def _names(i: FlatIncident) -> list[str]:
    names = [n for n in (i.admin1, i.admin2, i.place) if n]
    return names or ([i.country] if i.country else [])  # a gold coded to the country only


def _can_pair(gold: FlatIncident, pred: FlatIncident) -> bool:
    if gold.date is not None and (pred.date is None or abs((gold.date - pred.date).days) > 1):
        return False  # a gold incident without a date (MUC-4 '*') pairs on place alone
    predicted = _names(pred) + ([pred.country] if pred.country else [])
    return any(same_name(g, p) for g in _names(gold) for p in predicted)


def _field_agreement(gold: FlatIncident, pred: FlatIncident) -> dict[str, bool]:
    def name_ok(g: str | None, p: str | None) -> bool:
        return (not g and not p) or same_name(g, p)

    gk, pk = gold.killed or Range(), pred.killed or Range()
    gw, pw = gold.wounded or Range(), pred.wounded or Range()
    fields = {
        "date": gold.date == pred.date if gold.date else None,
        "admin1": name_ok(gold.admin1, pred.admin1),
        "admin2": name_ok(gold.admin2, pred.admin2),
        "place": name_ok(gold.place, pred.place),
        "event_type": gold.event_type == pred.event_type,
        "sub_event_type": gold.sub_event_type == pred.sub_event_type,
        "killed_low": (gk.low or 0) == (pk.low or 0),
        "killed_high": (gk.high or gk.low or 0) == (pk.high or pk.low or 0),
        "wounded": (gw.low or 0, gw.high or gw.low or 0) == (pw.low or 0, pw.high or pw.low or 0),
    }
    return {k: v for k, v in fields.items() if k not in gold.unscored and v is not None}


def match_incidents(gold: list[FlatIncident], predicted: list[FlatIncident]) -> list[tuple[int, int]]:
    """Optimal one-to-one pairing: most pairs, then most agreeing fields (exact search over subsets)."""
    allowed = {(g, p): sum(_field_agreement(gold[g], predicted[p]).values())
               for g in range(len(gold)) for p in range(len(predicted)) if _can_pair(gold[g], predicted[p])}
    if not allowed:
        return []

    @lru_cache(maxsize=None)
    def best(g: int, used: int) -> tuple[int, int, tuple[tuple[int, int], ...]]:
        if g == len(gold):
            return (0, 0, ())
        choice = best(g + 1, used)  # leave gold g unmatched
        for p in range(len(predicted)):
            if used & (1 << p) or (g, p) not in allowed:
                continue
            n, agree, pairs = best(g + 1, used | (1 << p))
            candidate = (n + 1, agree + allowed[(g, p)], ((g, p),) + pairs)
            if candidate[:2] >= choice[:2]:  # on ties, pair the earlier gold incident
                choice = candidate
        return choice

    return list(best(0, 0)[2])


# -- scoring ---------------------------------------------------------------------------------------

def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def evaluate(gold: Iterable[GoldArticle], predictions: dict[str, list[FlatIncident] | None]) -> EvalReport:
    """Incident precision/recall/F1 and per-field accuracy on matched pairs. An article with no
    prediction counts as predicting nothing (and is listed), so a system cannot gain by failing."""
    details: list[ArticleScore] = []
    agree = {f: 0 for f in FIELDS}
    scored = {f: 0 for f in FIELDS}
    n_gold = n_pred = n_match = 0
    verbatim = [0, 0]
    missing = []
    for article in gold:
        predicted = predictions.get(article.id)
        if predicted is None:
            missing.append(article.id)
        predicted = predicted or []
        pairs = match_incidents(article.incidents, predicted)
        score = ArticleScore(id=article.id, gold=len(article.incidents), predicted=len(predicted), matched=len(pairs),
                             missing_prediction=article.id in missing)
        for g, p in pairs:
            fields = _field_agreement(article.incidents[g], predicted[p])
            for name, ok in fields.items():
                agree[name] += ok
                scored[name] += 1
            score.pairs.append({"gold": g, "predicted": p, "fields": fields})
        score.unmatched_gold = sorted(set(range(len(article.incidents))) - {g for g, _ in pairs})
        score.unmatched_predicted = sorted(set(range(len(predicted))) - {p for _, p in pairs})
        for incident in predicted:
            flags = incident.verbatim if incident.verbatim is not None else [q in article.text for q in incident.evidence]
            verbatim[0] += sum(flags)
            verbatim[1] += len(flags)
        n_gold, n_pred, n_match = n_gold + len(article.incidents), n_pred + len(predicted), n_match + len(pairs)
        details.append(score)
    precision, recall = _ratio(n_match, n_pred), _ratio(n_match, n_gold)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else 0.0
    return EvalReport(
        articles=len(details), gold=n_gold, predicted=n_pred, matched=n_match,
        precision=precision or 0.0, recall=recall or 0.0, f1=f1,
        field_accuracy={f: _ratio(agree[f], scored[f]) for f in FIELDS},
        evidence_verbatim=_ratio(verbatim[0], verbatim[1]), missing_predictions=missing, details=details,
    )

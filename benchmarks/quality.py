"""Quality benchmark: this project against plain instructor and LangExtract, same model, same articles.

    .venv/bin/python benchmarks/quality.py                 # run what is not cached, then score
    .venv/bin/python benchmarks/quality.py --score-only    # rebuild the tables from the cache alone
    .venv/bin/python benchmarks/quality.py --systems extractor-v2-pointed,instructor --datasets muc4

All systems talk to the same OpenAI-compatible server (the embedded llama.cpp model unless
--base-url/--model say otherwise). Each system's model output per article is cached in
benchmarks/cache/DATASET/SYSTEM.jsonl with its seconds and tokens, appended as it comes, so an
interrupted run resumes and the tables can be rebuilt without the model; scoring always re-runs our
validation and coding over the cached answers, so coding changes are measured without new calls.
Needs the `bench` extra (langextract).

Systems: `extractor` (this project before issue 12: the previous prompt version, whose answers
copy evidence; cached, not run again), `extractor-v2-VARIANT` (this project pointing at numbered
sentences, one system per variant tried: see VARIANTS; `extractor-v2-pointed` is what ships),
`instructor` and `langextract`.

Datasets: `gold` (fixtures/gold: the seed + the team's fictional wire reports); `muc4` (a fixed
sample of MUC-4 DEV read in place from ../shared/datasets/muc4/dev: the first 20 messages with an
incident by our mapping and the first 10 without, in id order, listed in MUC4_SAMPLE); `muc4-10`
(the sample used before issue 12, the first 6 and 4: the same cache, so earlier answers still score);
`muc4-holdout` (the next 10 and 5 after the sample, MUC4_HOLDOUT: coding fixes found by reading the
sample's answers are checked on messages nobody read).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pydantic import BaseModel, Field  # noqa: E402

from extractor import Extractor, Settings  # noqa: E402
from extractor.evaluation.scoring import FlatIncident, GoldArticle, evaluate, flatten, load_gold  # noqa: E402
from extractor.model.backends import RecordedBackend  # noqa: E402
from extractor.model.prompts import load_prompts  # noqa: E402
from extractor.records import Range  # noqa: E402
from extractor.coding.events import EventType, SubEventType  # noqa: E402
from extractor.evaluation.muc4 import load_muc4  # noqa: E402

CACHE = ROOT / "benchmarks" / "cache"
RESULTS = ROOT / "benchmarks" / "results" / "quality.json"
MUC4_DEV = ROOT.parent / "shared" / "datasets" / "muc4" / "dev"
BASELINES = ("extractor", "instructor", "langextract")


@dataclass(frozen=True)
class Variant:
    """One way of asking the model tried for issue 12: a prompt folder (None: the shipped
    prompts/), settings, and whether the asking takes two passes."""

    note: str
    prompts: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    second_pass: str | None = None  # prompt folder of the second pass (two-pass variants)


VARIANT_PROMPTS = ROOT / "benchmarks" / "prompts"
JSON_MODE = {"mode": "json"}  # the variants asked before MD_JSON became the default (2026-11-30)
VARIANTS: dict[str, Variant] = {
    "pointed": Variant("shipped since 2026-12-01: the worked example with two incidents, fields then sentence numbers; "
                       "place, district, province; `type` with short names, `source`, no `when`; keys written tight "
                       "(no space after ':'); MD_JSON mode (no JSON grammar; an answer that is not JSON asked again "
                       "with it), no field re-asks"),
    "pointed-long-fields": Variant("shipped until 2026-12-01: as shipped, with `when`, country, `event_type` with "
                                   "ACLED's values, `claimant`, JSON written with spaces", prompts="long-fields"),
    "pointed-short": Variant("as pointed-long-fields, a shorter answer: no `when` (the date is read from the incident's own "
                             "sentences, as it already was when `when` was missing), `type` with short names "
                             "(civilians, explosion, strategic), `source` for claimant", prompts="short"),
    "pointed-short-place": Variant("as pointed-short, and the place as place and province only (no district, no "
                                   "country: the gazetteer gives them)", prompts="short-place"),
    "pointed-short-district": Variant("as pointed-short-place, with the district again (place, district, province; "
                                      "no country)", prompts="short-district"),
    "pointed-grammar": Variant("as pointed-long-fields, JSON mode (the JSON grammar): shipped until 2026-11-30",
                               prompts="long-fields", settings=JSON_MODE),
    "first-draft": Variant("the first full run: as pointed-long-fields, but the example gave no place and rule 2 did not name talks, "
                           "deployments and tallies; JSON grammar", prompts="first-draft", settings=JSON_MODE),
    "pointed-field-reask": Variant("as pointed-long-fields, JSON grammar, a copied field not in its sentences re-asked "
                                   "once", prompts="long-fields", settings={**JSON_MODE, "field_reasks": 1}),
    "pointed-sentences-first": Variant("sentence numbers first, then the fields; JSON grammar", prompts="sentences-first",
                                       settings=JSON_MODE),
    "pointed-zero-shot": Variant("no worked example (rules and field list only); JSON grammar", prompts="zero-shot",
                                 settings=JSON_MODE),
    "battle-example": Variant("the worked example adds a battle with two sides' claims and a later statement "
                              "day; one line per event type; when = the event's day; killed excludes the kidnapped; "
                              "JSON grammar", prompts="battle-example", settings=JSON_MODE),
    "pointed-compact": Variant("as pointed-long-fields, the worked example written as compact JSON (no spaces after ',' and ':')",
                               prompts="compact"),
    "pointed-followups": Variant("as pointed-long-fields, rule 1 adds: a later sentence about the event belongs to it even when "
                                 "it names a later day", prompts="followups"),
    "two-pass": Variant("pass 1 groups sentences into incidents, pass 2 fills one incident from its sentences; JSON "
                        "grammar", prompts="two-pass-groups", second_pass="two-pass-fields", settings=JSON_MODE),
}
SYSTEMS = (*BASELINES, *(f"extractor-v2-{v}" for v in VARIANTS))


# -- datasets --------------------------------------------------------------------------------------

# Fixed for issue 12: the first 20 DEV messages with an incident by our mapping and the first 10 without.
MUC4_SAMPLE = (
    "DEV-MUC3-0001", "DEV-MUC3-0002", "DEV-MUC3-0003", "DEV-MUC3-0004", "DEV-MUC3-0005", "DEV-MUC3-0006",
    "DEV-MUC3-0007", "DEV-MUC3-0008", "DEV-MUC3-0009", "DEV-MUC3-0010", "DEV-MUC3-0011", "DEV-MUC3-0012",
    "DEV-MUC3-0013", "DEV-MUC3-0014", "DEV-MUC3-0015", "DEV-MUC3-0016", "DEV-MUC3-0017", "DEV-MUC3-0018",
    "DEV-MUC3-0019", "DEV-MUC3-0020", "DEV-MUC3-0022", "DEV-MUC3-0023", "DEV-MUC3-0024", "DEV-MUC3-0025",
    "DEV-MUC3-0026", "DEV-MUC3-0028", "DEV-MUC3-0029", "DEV-MUC3-0031", "DEV-MUC3-0032", "DEV-MUC3-0033",
)
# The sample before issue 12: the first 6 with an incident and the first 4 without.
MUC4_SAMPLE_10 = ("DEV-MUC3-0001", "DEV-MUC3-0002", "DEV-MUC3-0003", "DEV-MUC3-0004", "DEV-MUC3-0005",
                  "DEV-MUC3-0006", "DEV-MUC3-0008", "DEV-MUC3-0011", "DEV-MUC3-0012", "DEV-MUC3-0013")
# Held out from the coding fixes found on the sample (2026-11-30, second session): the next 10 DEV
# messages with an incident and the next 5 without, read only through their scores.
MUC4_HOLDOUT = ("DEV-MUC3-0034", "DEV-MUC3-0036", "DEV-MUC3-0037", "DEV-MUC3-0038", "DEV-MUC3-0039",
                "DEV-MUC3-0040", "DEV-MUC3-0041", "DEV-MUC3-0042", "DEV-MUC3-0047", "DEV-MUC3-0049",
                "DEV-MUC3-0035", "DEV-MUC3-0043", "DEV-MUC3-0044", "DEV-MUC3-0046", "DEV-MUC3-0048")
DATASETS = ("gold", "muc4", "muc4-10", "muc4-holdout")


def cache_folder(name: str) -> str:
    return "muc4" if name.startswith("muc4") else name


def dataset(name: str) -> list[GoldArticle]:
    if name == "gold":
        return load_gold(ROOT / "fixtures" / "gold")
    wanted = {"muc4": MUC4_SAMPLE, "muc4-10": MUC4_SAMPLE_10, "muc4-holdout": MUC4_HOLDOUT}[name]
    return [a for a in load_muc4(MUC4_DEV) if a.id in wanted]


# -- (2) plain instructor: what a competent developer writes in an afternoon -----------------------

class PlainIncident(BaseModel):
    date: str = Field(description="date of the incident, YYYY-MM-DD")
    country: str
    admin1: Optional[str] = Field(None, description="province, state or region")
    admin2: Optional[str] = Field(None, description="district or county")
    location: Optional[str] = Field(None, description="town, village or neighbourhood")
    event_type: EventType
    sub_event_type: SubEventType
    perpetrator: Optional[str] = None
    target: Optional[str] = None
    fatalities: Optional[int] = None
    injuries: Optional[int] = None
    evidence: str = Field(description="the sentence of the article that reports the incident, copied exactly")


class PlainIncidents(BaseModel):
    incidents: list[PlainIncident]


PLAIN_PROMPT = (
    "You code political violence events in the style of ACLED. Extract every distinct violent incident "
    "(battles, explosions, attacks on civilians, abductions, riots, protests) reported in the news article. "
    "One incident per event (a different place or day is a different incident). Use the ACLED event types. "
    "The article was published on {published}. Return JSON."
)


def plain_to_flat(data: dict[str, Any]) -> list[FlatIncident]:
    out = []
    for i in data.get("incidents", []):
        try:
            date = __import__("datetime").date.fromisoformat(i.get("date", "")[:10])
        except ValueError:
            date = None
        out.append(FlatIncident(
            date=date, country=i.get("country"), admin1=i.get("admin1"), admin2=i.get("admin2"), place=i.get("location"),
            event_type=i.get("event_type"), sub_event_type=i.get("sub_event_type"),
            killed=Range(low=i["fatalities"], high=i["fatalities"]) if i.get("fatalities") else None,
            wounded=Range(low=i["injuries"], high=i["injuries"]) if i.get("injuries") else None,
            evidence=[i["evidence"]] if i.get("evidence") else [],
        ))
    return out


def run_plain(base_url: str, model: str) -> Callable[[GoldArticle], dict[str, Any]]:
    import instructor
    from openai import OpenAI

    client = instructor.from_openai(OpenAI(base_url=base_url, api_key="sk-no-key-needed"), mode=instructor.Mode.JSON)

    def one(article: GoldArticle) -> dict[str, Any]:
        result, completion = client.chat.completions.create_with_completion(
            model=model, response_model=PlainIncidents, max_retries=2, temperature=0, seed=7, max_tokens=2048,
            messages=[{"role": "system", "content": PLAIN_PROMPT.format(published=article.published or "unknown")},
                      {"role": "user", "content": article.text}],
        )
        usage = completion.usage
        return {"output": result.model_dump(mode="json"),
                "prompt_tokens": usage.prompt_tokens if usage else None,
                "completion_tokens": usage.completion_tokens if usage else None}

    return one


# -- (3) LangExtract with few-shot examples of the same fields ------------------------------------

LX_PROMPT = (
    "Extract each violent incident (battle, explosion, attack on civilians, abduction, riot, protest) reported "
    "in the news article, as an 'incident' whose text is the exact sentence reporting it. Attributes: date "
    "(YYYY-MM-DD; resolve weekdays against the article's date), country, admin1 (province/state), admin2 "
    "(district), place, event_type and sub_event_type (ACLED, snake_case), killed and wounded (numbers)."
)
LX_EXAMPLE_TEXT = (
    "KANO, Nigeria, March 8 (Wire) -- Gunmen killed three farmers in Rogo district of Kano state on Thursday, "
    "police said. On Friday, a bomb hidden in a cart wounded five traders at a market in Wudil, officials said."
)  # written for this benchmark; not from any gold article (8 March 2024 was a Friday)


def lx_examples() -> list[Any]:
    import langextract as lx

    def ex(text: str, **attrs: str) -> Any:
        return lx.data.Extraction(extraction_class="incident", extraction_text=text, attributes=attrs)

    return [lx.data.ExampleData(text=LX_EXAMPLE_TEXT, extractions=[
        ex("Gunmen killed three farmers in Rogo district of Kano state on Thursday, police said.",
           date="2024-03-07", country="Nigeria", admin1="Kano", admin2="Rogo", place="Rogo",
           event_type="violence_against_civilians", sub_event_type="attack", killed="3", wounded="0"),
        ex("On Friday, a bomb hidden in a cart wounded five traders at a market in Wudil, officials said.",
           date="2024-03-08", country="Nigeria", admin1="Kano", admin2="Wudil", place="Wudil",
           event_type="explosion_remote_violence", sub_event_type="remote_explosive_landmine_ied", killed="0", wounded="5"),
    ])]


def run_langextract(base_url: str, model: str) -> Callable[[GoldArticle], dict[str, Any]]:
    import langextract as lx
    from langextract.providers.openai import OpenAILanguageModel

    # the same caps as the other two: temperature 0, seed 7, at most 2,048 tokens an answer
    lm = OpenAILanguageModel(model_id=model, base_url=base_url, api_key="sk-no-key-needed", temperature=0.0,
                             max_output_tokens=2048, seed=7)
    tokens = {"prompt": 0, "completion": 0}
    create = lm._client.chat.completions.create

    def counting_create(**kwargs: Any) -> Any:  # LangExtract does not report usage: count it here
        response = create(**kwargs)
        if response.usage:
            tokens["prompt"] += response.usage.prompt_tokens
            tokens["completion"] += response.usage.completion_tokens
        return response

    lm._client.chat.completions.create = counting_create  # type: ignore[method-assign]
    examples = lx_examples()

    def one(article: GoldArticle) -> dict[str, Any]:
        tokens.update(prompt=0, completion=0)
        doc = lx.extract(
            text_or_documents=article.text, prompt_description=LX_PROMPT, examples=examples, model=lm,
            additional_context=f"The article was published on {article.published or 'an unknown date'}.",
            max_char_buffer=3000, fence_output=False, use_schema_constraints=False, show_progress=False,
        )
        extractions = [{"text": e.extraction_text, "attributes": e.attributes or {},
                        "exact": bool(e.char_interval) and str(e.alignment_status).endswith("MATCH_EXACT")}
                       for e in (doc.extractions or [])]
        return {"output": extractions, "prompt_tokens": tokens["prompt"], "completion_tokens": tokens["completion"]}

    return one


def lx_to_flat(extractions: list[dict[str, Any]]) -> list[FlatIncident]:
    import datetime as dt

    def num(value: Any) -> int | None:
        try:
            return int(str(value).strip().split()[0].replace(",", ""))
        except (ValueError, IndexError):
            return None

    out = []
    for e in extractions:
        a = {k: (v[0] if isinstance(v, list) and v else v) for k, v in e["attributes"].items()}
        try:
            date = dt.date.fromisoformat(str(a.get("date", ""))[:10])
        except ValueError:
            date = None
        killed, wounded = num(a.get("killed")), num(a.get("wounded"))
        out.append(FlatIncident(
            date=date, country=a.get("country"), admin1=a.get("admin1"), admin2=a.get("admin2"), place=a.get("place"),
            event_type=a.get("event_type"), sub_event_type=a.get("sub_event_type"),
            killed=Range(low=killed, high=killed) if killed else None,
            wounded=Range(low=wounded, high=wounded) if wounded else None,
            evidence=[e["text"]], verbatim=[e["exact"]],
        ))
    return out


# -- (1) this project -------------------------------------------------------------------------------

def run_ours(settings: Settings, variant: Variant) -> Callable[[GoldArticle], dict[str, Any]]:
    settings = settings.replace(**variant.settings)
    folder = VARIANT_PROMPTS / variant.prompts if variant.prompts else None
    extractor = Extractor(settings, prompts=load_prompts(folder) if folder else None)
    if variant.second_pass:
        from two_pass import TwoPass

        return TwoPass(extractor, load_prompts(VARIANT_PROMPTS / variant.second_pass))

    def one(article: GoldArticle) -> dict[str, Any]:
        answer = extractor.ask(article.text, published=article.published, article_id=article.id)
        reply, parts = answer.reply, answer.parts
        raw = [{"shown": [p.start, p.stop - 1], "text": t} for p, t in zip(parts, reply.raw)] if len(reply.raw) == len(parts) else None
        return {"output": reply.extraction.model_dump(mode="json", exclude_none=True), "raw": raw, "warnings": reply.warnings,
                "prompt_tokens": reply.usage.prompt_tokens, "completion_tokens": reply.usage.completion_tokens,
                "requests": reply.usage.requests, "prompt_version": extractor.prompts.version}

    return one


_CODER: list[Extractor] = []  # one coder for every cached answer: prompts and settings load once


def ours_to_flat(article: GoldArticle, output: dict[str, Any], raw: list[dict[str, Any]] | None = None) -> list[FlatIncident]:
    """Our validation and coding over a cached answer: the model's own text (`raw`, one per part
    asked, validated against its part and merged as online: `Extractor.code_parts`) where it was
    kept, so that validation changes count too, else the validated answer."""
    if not _CODER:
        _CODER.append(Extractor(Settings(log="off"), backend=RecordedBackend("cache", "cached answers")))
    answers = [(range(p["shown"][0], p["shown"][1] + 1), p["text"]) for p in raw] if raw else [(None, output)]
    result = _CODER[0].code_parts(article.text, answers, published=article.published, article_id=article.id,
                                  salvage=True)
    return [flatten(i) for i in result.incidents]


# -- running and scoring ----------------------------------------------------------------------------

def cached(path: Path, *, failed_too: bool = False) -> dict[str, dict[str, Any]]:
    """Article id -> its latest cached record (answers only, unless `failed_too`)."""
    if not path.exists():
        return {}
    records = map(json.loads, path.read_text(encoding="utf-8").splitlines())
    return {r["id"]: r for r in records if failed_too or r.get("output") is not None}


def collect(name: str, system: str, articles: list[GoldArticle], make: Callable[[], Callable[[GoldArticle], dict[str, Any]]]) -> None:
    path = CACHE / cache_folder(name) / f"{system}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    have = cached(path)
    version = _variant_version(system)
    todo = [a for a in articles if a.id not in have or (version and have[a.id].get("prompt_version") != version)]
    if not todo:
        return
    one = make()
    for n, article in enumerate(todo, 1):
        started = time.perf_counter()
        try:
            record = one(article)
        except Exception as exc:  # noqa: BLE001 - a failed article is recorded, and retried next run
            record = {"output": None, "error": f"{type(exc).__name__}: {str(exc)[:300]}"}
        record.update(id=article.id, seconds=round(time.perf_counter() - started, 2))
        with path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        print(f"[{name}/{system}] {n}/{len(todo)} {article.id}: {record['seconds']}s"
              f"{' ERROR ' + record['error'] if record.get('error') else ''}", file=sys.stderr, flush=True)


def _variant_version(system: str) -> str | None:
    """The prompt version a variant asks with now: its cached answers of another version are asked again."""
    variant = VARIANTS.get(system.removeprefix("extractor-v2-")) if system.startswith("extractor-v2-") else None
    if variant is None:
        return None
    version = load_prompts(VARIANT_PROMPTS / variant.prompts if variant.prompts else None).version
    return version + "+" + load_prompts(VARIANT_PROMPTS / variant.second_pass).version if variant.second_pass else version


def score(name: str, system: str, articles: list[GoldArticle]) -> dict[str, Any] | None:
    records = cached(CACHE / cache_folder(name) / f"{system}.jsonl")
    if not records:
        return None
    predictions: dict[str, list[FlatIncident] | None] = {}
    invalid = 0
    for article in articles:
        record = records.get(article.id)
        if record is None:
            predictions[article.id] = None
            continue
        try:
            if system.startswith("extractor"):
                predictions[article.id] = ours_to_flat(article, record["output"], record.get("raw"))
            elif system == "instructor":
                predictions[article.id] = plain_to_flat(record["output"])
            else:
                predictions[article.id] = lx_to_flat(record["output"])
        except Exception:  # noqa: BLE001 - an answer our own validation refuses scores as no incidents
            invalid += 1
            predictions[article.id] = []
    report = evaluate(articles, predictions)
    every = cached(CACHE / cache_folder(name) / f"{system}.jsonl", failed_too=True)
    done = [every[a.id] for a in articles if a.id in every]  # failed calls cost time too
    answered = [every[a.id] for a in articles if a.id in records]
    return {
        "system": system, "dataset": name, "articles": len(articles),
        "answered": len([a for a in articles if a.id in records]), "invalid": invalid,
        "failed_calls": len(done) - len([a for a in articles if a.id in records]),
        "precision": report.precision, "recall": report.recall, "f1": report.f1,
        "field_accuracy": report.field_accuracy, "evidence_verbatim": report.evidence_verbatim,
        "seconds_per_article": round(sum(r["seconds"] for r in done) / len(done), 1),
        "tokens_per_article": round(sum((r.get("prompt_tokens") or 0) + (r.get("completion_tokens") or 0) for r in done) / len(done)),
        "completion_tokens_per_article": round(sum(r.get("completion_tokens") or 0 for r in done) / len(done)),
        "completion_tokens_median": statistics.median(r.get("completion_tokens") or 0 for r in answered) if answered else None,
        "seconds_median": statistics.median(r["seconds"] for r in done),
        "requests_per_article": round(sum(r.get("requests") or 1 for r in done) / len(done), 2),
        "truncated": sum(1 for r in done if any(w in (r.get("error") or "") for w in ("truncated", "cut off", "max_tokens"))),
        # incidents as the model reported them, before coding: fewer tokens can mean fewer incidents found
        "reported_per_article": round(sum(_reported(r) for r in answered) / len(answered), 2) if answered else None,
        "tokens_per_reported": (round(sum(r.get("completion_tokens") or 0 for r in answered)
                                      / max(1, sum(_reported(r) for r in answered)))) if answered else None,
    }


def _reported(record: dict[str, Any]) -> int:
    """How many incidents the model's cached answer reports (any system's shape)."""
    output = record.get("output")
    if isinstance(output, dict):
        found = output.get("incidents", output.get("extractions"))
        return len(found) if isinstance(found, list) else 0
    return len(output) if isinstance(output, list) else 0


def table(rows: list[dict[str, Any]]) -> str:
    head = ("| dataset | system | answered | P | R | F1 | date | admin1 | place | type | sub-type | killed low | killed high | "
            "wounded | verbatim evidence | s/article | tokens/article |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    for r in rows:
        f = r["field_accuracy"]
        lines.append(f"| {r['dataset']} ({r['articles']}) | {r['system']} | {r['answered'] - r['invalid']} | {pct(r['precision'])} | {pct(r['recall'])} | "
                     f"**{pct(r['f1'])}** | {pct(f['date'])} | {pct(f['admin1'])} | {pct(f['place'])} | {pct(f['event_type'])} | "
                     f"{pct(f['sub_event_type'])} | {pct(f['killed_low'])} | {pct(f['killed_high'])} | {pct(f['wounded'])} | "
                     f"{pct(r['evidence_verbatim'])} | {r['seconds_per_article']} | {r['tokens_per_article']} |")
    return "\n".join(lines)


def variants_table(rows: list[dict[str, Any]]) -> str:
    """One row per system and dataset: the cost (output tokens, seconds, requests) beside the score."""
    head = ("| dataset | system | answered | F1 | P | R | date | admin1 | out tokens/article (median) | out tokens/article (mean) "
            "| s/article (median) | s/article (mean) | requests/article | cut off | verbatim evidence | incidents reported/article "
            "| out tokens/incident reported |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    def num(value: float | None, places: int) -> str:
        return "-" if value is None else f"{value:.{places}f}"

    for r in rows:
        lines.append(f"| {r['dataset']} ({r['articles']}) | {r['system']} | {r['answered'] - r['invalid']} | **{pct(r['f1'])}** | "
                     f"{pct(r['precision'])} | {pct(r['recall'])} | {pct(r['field_accuracy']['date'])} | "
                     f"{pct(r['field_accuracy']['admin1'])} | {num(r['completion_tokens_median'], 0)} | "
                     f"{num(r['completion_tokens_per_article'], 0)} | {num(r['seconds_median'], 1)} | "
                     f"{num(r['seconds_per_article'], 1)} | "
                     f"{r['requests_per_article']} | {r['truncated']} | {pct(r['evidence_verbatim'])} | "
                     f"{num(r.get('reported_per_article'), 2)} | {num(r.get('tokens_per_reported'), 0)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--systems", default="extractor,instructor,langextract,extractor-v2-pointed",
                        help=f"any of {', '.join(SYSTEMS)}")
    parser.add_argument("--score-only", action="store_true", help="no model calls: score what is cached")
    parser.add_argument("--only", help="run and score only these article ids (comma-separated): a quick look at a "
                                       "variant, or a timing run with --cache")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (default: start the embedded local model)")
    parser.add_argument("--model", help="model name at that endpoint")
    parser.add_argument("--cache", type=Path, help="cache folder (default benchmarks/cache): an empty one re-runs every "
                                                  "system, e.g. to time them against each other in one run (results/quality.json is "
                                                  "updated only without --cache and --only: the rows scored replace "
                                                  "theirs, the others stay)")
    args = parser.parse_args()
    if args.cache:
        global CACHE
        CACHE = args.cache
    names, systems = args.datasets.split(","), args.systems.split(",")
    unknown = [s for s in systems if s not in SYSTEMS] + [n for n in names if n not in DATASETS]
    if unknown:
        parser.error(f"unknown system or dataset: {', '.join(unknown)}")
    if not args.score_only:
        run(names, systems, args)
    rows = []
    only = set(args.only.split(",")) if args.only else None
    for name in names:
        articles = [a for a in dataset(name) if only is None or a.id in only]
        for system in systems:
            have = cached(CACHE / cache_folder(name) / f"{system}.jsonl", failed_too=True)
            covered = [a for a in articles if a.id in have]
            if len(covered) < len(articles):  # rows compare only over the same articles
                if covered:
                    print(f"{name}/{system}: {len(covered)} of {len(articles)} articles run; not scored", file=sys.stderr)
                continue
            if articles and (row := score(name, system, articles)):
                rows.append(row)
    if not args.cache and not args.only:  # a timing run or a quick look leaves the committed figures alone
        save_results(rows)
    print(table(rows))
    print()
    print(variants_table(rows))


def save_results(rows: list[dict[str, Any]]) -> None:
    """Write `rows` into results/quality.json in place of the rows of the same dataset and system,
    keeping the others: a run of some systems or datasets updates theirs and drops no other row."""
    kept = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else []
    fresh = {(r["dataset"], r["system"]): r for r in rows}
    merged = [fresh.pop((r["dataset"], r["system"]), r) for r in kept] + list(fresh.values())
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")


def run(names: list[str], systems: list[str], args: argparse.Namespace) -> None:
    """Ask the model for every article a system has no cached answer for."""
    settings = Settings.from_env(base_url=args.base_url, model=args.model, log="off")
    if args.base_url:
        base_url, model = args.base_url, settings.resolved_model
    else:
        from extractor.model.local import local_server

        settings = settings.replace(provider="local")
        base_url, model = local_server(settings), settings.resolved_model
    makers: dict[str, Callable[[], Callable[[GoldArticle], dict[str, Any]]]] = {
        "instructor": lambda: run_plain(base_url, model), "langextract": lambda: run_langextract(base_url, model)}
    for variant_name, variant in VARIANTS.items():
        makers[f"extractor-v2-{variant_name}"] = lambda variant=variant: run_ours(settings, variant)  # type: ignore[misc]
    only = set(args.only.split(",")) if args.only else None
    for name in names:
        articles = [a for a in dataset(name) if only is None or a.id in only]
        for system in systems:
            if system == "extractor":
                continue  # the previous prompt version: its cached answers are scored, it is not asked again
            collect(name, system, articles, makers[system])


if __name__ == "__main__":
    main()

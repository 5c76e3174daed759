"""Offline batches: request files for the OpenAI Batch API or vLLM's `run-batch`, and their results
coded back through the same validation and coding rules as online answers.

`prepare` writes one request per distinct article (the body instructor would send first online,
so both paths ask the same question; a long article gets a request per part, as online, with
custom_ids KEY#1, KEY#2 ...) and a manifest holding each input item with its text (and its parts).
`collect` reads a results file from either engine, codes each article's answers with
`Extractor.code_parts` (parts merged as online), and records every item in a run store under the
same key an online run uses: `extractor run` with that store then sends only what failed or had
no result (an article missing a part's result included). Each
custom_id gets one outcome however many lines name it (engines retry, files get concatenated):
a success is never replaced by a later error, and the duplicates are reported. An engine error
is a `transport` failure with the engine's own message, also when it comes in a 200 body.
`submit` / `status` / `fetch` drive the OpenAI Batch API (files and batches endpoints).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from extractor.text.article import as_text, content_hash, read
from extractor.text.sentences import number_sentences
from extractor.outputs.files import write_text_atomic
from extractor.model.backends import RecordedBackend
from extractor.model.pointed import EARLIER_POINTED_VERSIONS, PREVIOUS_PROMPT_VERSION
from extractor.pipeline import Extractor
from extractor.errors import ConfigError, ExtractionError, InputError
from extractor.runs.inputs import Item
from extractor.records import Usage
from extractor.settings import Settings
from extractor.runs.store import RunStore, extraction_key

__all__ = ["PrepareReport", "CollectReport", "prepare", "collect", "submit", "batch_status", "fetch", "answer_text",
           "engine_error"]

ENDPOINT = "/v1/chat/completions"


@dataclass
class PrepareReport:
    requests: int = 0
    items: int = 0
    duplicates: int = 0
    skipped: dict[str, str] = field(default_factory=dict)


@dataclass
class CollectReport:
    done: int = 0
    failed: int = 0
    skipped: int = 0
    no_result: list[str] = field(default_factory=list)
    unknown: int = 0
    bad_lines: list[int] = field(default_factory=list)
    failures_by_cause: dict[str, int] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)  # custom_ids with more than one result line
    missing_parts: dict[str, list[str]] = field(default_factory=dict)  # item id -> custom_ids of its parts without a result


def prepare(extractor: Extractor, items: Iterable[Item], requests: Path, manifest: Path) -> PrepareReport:
    """Write the requests file and its manifest (both whole or not at all)."""
    report = PrepareReport()
    model, version = extractor.backend.model, extractor.prompts.version
    lines, entries, seen = [], [], set()
    for item in items:
        report.items += 1
        entry: dict[str, Any] = {"id": item.id, "published": item.published, "source": item.source, "url": item.url}
        try:
            if item.skip or item.text is None:
                raise InputError(item.skip or "no text")
            text = as_text(item.text, extractor.settings.max_chars)
        except InputError as exc:
            report.skipped[item.id] = str(exc)
            entries.append({**entry, "skip": str(exc)})
            continue
        key = extraction_key(content_hash(text), model, version)
        entries.append({**entry, "custom_id": key, "text": text})
        if key in seen:
            report.duplicates += 1
            continue
        seen.add(key)
        # what the model reads online too: a long article in parts (`Extractor.parts`), a request each
        numbered = number_sentences(read(text).text)
        parts = extractor.parts(numbered)
        if len(parts) > 1:
            entries[-1]["parts"] = [[part.start, part.stop] for part in parts]
        for number, part in enumerate(parts, 1):
            body = extractor.backend.request_body(extractor.prompts.messages(numbered.render(part)))
            custom_id = key if len(parts) == 1 else part_id(key, number)
            lines.append(json.dumps({"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body},
                                    ensure_ascii=False))
    header = {"manifest": 1, "model": model, "prompt_version": version, "provider": extractor.backend.provider}
    write_text_atomic(requests, "".join(line + "\n" for line in lines))
    write_text_atomic(manifest, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in [header, *entries]))
    report.requests = len(lines)
    return report


def part_id(key: str, number: int) -> str:
    """The custom_id of the request for part `number` (from 1) of a long article's item `key`."""
    return f"{key}#{number}"


def answer_text(body: dict[str, Any]) -> tuple[str, str | None]:
    """What the model wrote in a chat completion (message content, or a tool call's arguments),
    as it wrote it, and the finish reason. An answer in a code fence is read as the online path
    reads it (`Extractor.code_output`): a fence around the whole answer is taken off; JSON with
    prose around it is no answer, as online, where it is asked again."""
    choice = (body.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    calls = message.get("tool_calls") or []
    text = calls[0]["function"]["arguments"] if calls else (message.get("content") or "")
    return text.strip(), choice.get("finish_reason")


def _usage(body: dict[str, Any]) -> Usage:
    u = body.get("usage") or {}
    return Usage(requests=1, prompt_tokens=u.get("prompt_tokens") or 0, completion_tokens=u.get("completion_tokens") or 0)


def _read_manifest(manifest: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lines = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines or lines[0].get("manifest") != 1:
        raise ConfigError(f"{manifest} is not a manifest written by `extractor batch prepare`")
    return lines[0], lines[1:]


def collect(results: Path, manifest: Path, store: RunStore, settings: Settings | None = None) -> CollectReport:
    """Code every result into `store`; items with no result stay pending for an online run."""
    header, entries = _read_manifest(manifest)
    extractor = Extractor(settings or Settings.from_env(log="off"), backend=RecordedBackend(header["provider"], header["model"]))
    readable = (extractor.prompts.version, *EARLIER_POINTED_VERSIONS, PREVIOUS_PROMPT_VERSION)
    if header["prompt_version"] not in readable:
        raise ConfigError(f"the requests were prepared with prompt version {header['prompt_version']}, "
                          f"this extractor has {extractor.prompts.version} (and reads answers of "
                          f"{', '.join(readable[1:])} too): prepare them again")
    report = CollectReport()
    by_key: dict[str, dict[str, Any]] = {}
    for position, entry in enumerate(entries):
        if entry.get("skip"):
            store.put_item(entry["id"], position, reason=entry["skip"])
            report.skipped += 1
            continue
        key = entry["custom_id"]
        store.ensure(key, content_hash(entry["text"]), header["model"], header["prompt_version"])
        store.put_item(entry["id"], position, key=key)
        by_key.setdefault(key, entry)
    part_ids = {part_id(key, n) for key, e in by_key.items() for n in range(1, len(e.get("parts") or []) + 1)}
    received: dict[str, list[dict[str, Any]]] = {}  # custom_id -> its result lines, in file order
    for number, line in enumerate(results.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            custom_id = record["custom_id"]
            known = custom_id in part_ids or (custom_id in by_key and not by_key[custom_id].get("parts"))
        except (ValueError, KeyError, TypeError):
            report.bad_lines.append(number)
            continue
        if not known:
            report.unknown += 1
            continue
        received.setdefault(custom_id, []).append(record)
    outcomes: dict[str, str] = {}  # item key -> "done" or the failure's cause: one per article
    for key, entry in by_key.items():
        ids = [part_id(key, n) for n in range(1, len(entry["parts"]) + 1)] if entry.get("parts") else [key]
        if not any(i in received for i in ids):
            continue
        if store.state_of(key) == "done":  # done earlier (online, or a past collect)
            outcomes[key] = "done"
        elif all(i in received for i in ids):
            # a success stands: of several lines for one request, the first answer, else the last error
            chosen = [next((r for r in received[i] if _failure(r) is None), received[i][-1]) for i in ids]
            outcomes[key] = _collect_one(extractor, store, key, entry, chosen, header["prompt_version"])
        else:
            report.missing_parts[entry["id"]] = [i for i in ids if i not in received]
    lines = {custom_id: len(records) for custom_id, records in received.items()}
    report.duplicates = [key for key, count in lines.items() if count > 1]
    for outcome in outcomes.values():
        if outcome == "done":
            report.done += 1
        else:
            report.failed += 1
            report.failures_by_cause[outcome] = report.failures_by_cause.get(outcome, 0) + 1
    report.no_result = [e["id"] for k, e in by_key.items() if k not in outcomes and store.state_of(k) != "done"]
    return report


def engine_error(record: dict[str, Any]) -> str | None:
    """The engine's error message when a results line is an error rather than an answer: an
    `error` field, a status other than 200, or a 200 whose body is an error (vLLM's
    `{"object": "error", "message": ...}`, OpenAI's `{"error": {...}}`) or has no choices."""
    response = record.get("response") or {}
    body = response.get("body") if isinstance(response.get("body"), dict) else {}
    error = record.get("error") or body.get("error") or (body if body.get("object") == "error" else None)
    if not error and response.get("status_code") == 200 and body.get("choices"):
        return None
    if isinstance(error, dict):
        error = error.get("message") or json.dumps(error)[:300]
    return f"status {response.get('status_code')}: {error or 'no answer in the response body'}"


def _failure(record: dict[str, Any]) -> tuple[str, str] | None:
    """(cause, message) when a results line carries no usable answer: an engine error, or an
    answer cut off at max_tokens."""
    error = engine_error(record)
    if error is not None:
        return "transport", f"the batch engine answered {error}; run it online with `extractor run`"
    if answer_text(record["response"]["body"])[1] == "length":
        return "truncated", ("the answer was cut off at max_tokens; raise EXTRACTOR_MAX_TOKENS, prepare again or "
                             "run it online")
    return None


def _collect_one(extractor: Extractor, store: RunStore, key: str, entry: dict[str, Any],
                 records: list[dict[str, Any]], version: str) -> str:
    """Code one article's results lines (one per part asked; one for most articles) into the store;
    returns "done" or the failure's cause. A pointed answer to requests prepared with an earlier
    pointing prompt (`version` in `EARLIER_POINTED_VERSIONS`: the same shape) records that version."""
    usage = sum((_usage(r["response"]["body"]) for r in records if engine_error(r) is None), Usage())
    for record in records:
        if (failed := _failure(record)) is not None:
            store.failed(key, failed[1], failed[0], usage if failed[0] != "transport" else None)
            return failed[0]
    shown = [range(*p) for p in entry["parts"]] if entry.get("parts") else [None]
    answers = [(part, answer_text(r["response"]["body"])[0]) for part, r in zip(shown, records)]
    try:
        result = extractor.code_parts(entry["text"], answers, usage=usage, published=entry.get("published"),
                                      source=entry.get("source"), url=entry.get("url"), article_id=entry["id"])
    except ExtractionError as exc:
        store.failed(key, str(exc), exc.cause, usage, exc.attempts)
        return exc.cause
    if version in EARLIER_POINTED_VERSIONS and result.prompt_version == extractor.prompts.version:
        result = result.model_copy(update={"prompt_version": version})
    store.done(key, result.model_dump_json(), result.usage, len(result.incidents))
    return "done"


# -- the OpenAI Batch API --------------------------------------------------------------------------

def _client(extractor: Extractor) -> Any:
    import openai

    settings = extractor.settings
    if settings.resolved_provider == "local":
        raise ConfigError("the embedded local model has no Batch API: run the requests with vLLM's run-batch, "
                          "or use --provider openai (or a --base-url that serves /v1/batches)")
    return openai.OpenAI(base_url=settings.base_url, api_key=settings.api_key or "sk-no-key-needed",
                         timeout=settings.timeout)


def submit(extractor: Extractor, requests: Path) -> dict[str, Any]:
    """Upload the requests file and start a batch; returns the batch as a dict (its `id` drives the rest)."""
    client = _client(extractor)
    with requests.open("rb") as handle:
        uploaded = client.files.create(file=(requests.name, handle), purpose="batch")
    batch = client.batches.create(input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window="24h")
    return batch.model_dump(mode="json")


def batch_status(extractor: Extractor, batch_id: str) -> dict[str, Any]:
    return _client(extractor).batches.retrieve(batch_id).model_dump(mode="json")


def fetch(extractor: Extractor, batch_id: str, output: Path) -> dict[str, Any]:
    """Download a finished batch's results (and its error lines) into one results file for `collect`."""
    client = _client(extractor)
    batch = client.batches.retrieve(batch_id)
    if batch.status != "completed":
        raise ConfigError(f"batch {batch_id} is {batch.status}, not completed: check `extractor batch status {batch_id}`")
    parts = [client.files.content(file_id).text for file_id in (batch.output_file_id, batch.error_file_id) if file_id]
    write_text_atomic(output, "".join(p if p.endswith("\n") or not p else p + "\n" for p in parts))
    return batch.model_dump(mode="json")

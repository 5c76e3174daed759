"""Offline batches: prepare -> (Batch API | vLLM run-batch) -> collect, against a real loopback server
and against the exchange recorded from the real local model."""

import json
from pathlib import Path

import urllib.request
import pytest
from typer.testing import CliRunner

from extractor import Extractor, Settings
from extractor.runs.batchapi import answer_text, collect, prepare
from extractor.cli.main import app
from extractor.runs.inputs import read_inputs
from extractor.runs.store import RunStore
from tests.conftest import FIXTURES, REPLAY_SERVER_URL, local_settings_kwargs
from extractor.testing.server import FakeOpenAI, ok

SEED = "xinhua-2020-01-29-kunduz-baghlan"
SEED_TEXT = (FIXTURES / "articles" / f"{SEED}.txt").read_text(encoding="utf-8")
IDEAL = {k: v for k, v in json.loads((FIXTURES / "ideal" / f"{SEED}.json").read_text()).items() if not k.startswith("_")}
QUIET = "NAIROBI, June 10 (Wire) -- The county assembly met on Friday to debate the budget."
BAD = "KABUL, Jan. 5 (Wire) -- Officials met elders on Sunday. Nothing else was reported."
LONG = "MOGADISHU, March 1 (Wire) -- A bomb exploded in a market on Monday, police said."
INVENTED = {"incidents": [{"event_type": "battle", "claims": [], "sentences": [7]}]}  # BAD has two sentences


def _settings(url: str) -> Settings:
    return Settings.from_env(env={}, provider="compatible", base_url=url, model="fake-model", log="off", reasks=0)


def _articles(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a-seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "b-seed-again.txt").write_text(SEED_TEXT, encoding="utf-8")  # a duplicate: one request
    (folder / "c-quiet.txt").write_text(QUIET, encoding="utf-8")
    (folder / "d-empty.txt").write_text("  \n", encoding="utf-8")  # skipped: no request
    (folder / "e-bad.txt").write_text(BAD, encoding="utf-8")  # its answer cites a sentence it does not have
    (folder / "f-long.txt").write_text(LONG, encoding="utf-8")  # its answer is cut off
    return folder


class Answers:
    """Answers by article: the ideal for the seed, none for the quiet one, invalid and truncated ones."""

    def __init__(self) -> None:
        self.fixed = False

    def __call__(self, body: dict) -> dict:
        user = body["messages"][-1]["content"]
        if "Kunduz" in user:
            return ok(IDEAL)
        if "Nothing else" in user:
            return ok({"incidents": []} if self.fixed else INVENTED)
        if "market" in user:
            return ok({"incidents": []}) if self.fixed else ok('{"incidents": [{"summ', finish_reason="length")
        return ok({"incidents": []})


@pytest.mark.network  # a real loopback server
def test_a_prepared_request_is_what_the_online_path_sends(tmp_path: Path) -> None:
    with FakeOpenAI(rule=Answers()) as server:
        extractor = Extractor(_settings(server.base_url))
        online = extractor.extract(SEED_TEXT, article_id=SEED)
        requests, manifest = tmp_path / "req.jsonl", tmp_path / "req.manifest.jsonl"
        report = prepare(extractor, read_inputs([_articles(tmp_path / "in")]), requests, manifest)
        assert (report.items, report.requests, report.duplicates) == (6, 4, 1)
        assert list(report.skipped) == ["d-empty"] and "empty" in report.skipped["d-empty"]
        lines = [json.loads(x) for x in requests.read_text().splitlines()]
        assert {x["method"] for x in lines} == {"POST"} and {x["url"] for x in lines} == {"/v1/chat/completions"}
        assert len({x["custom_id"] for x in lines}) == 4
        assert lines[0]["body"] == server.requests[0]  # same model, messages, schema, seed, temperature, max_tokens
        assert lines[0]["body"]["response_format"] == {"type": "json_object"}
    entries = [json.loads(x) for x in manifest.read_text().splitlines()]
    assert entries[0]["manifest"] == 1 and entries[0]["model"] == "fake-model"
    assert [e["id"] for e in entries[1:]] == ["a-seed", "b-seed-again", "c-quiet", "d-empty", "e-bad", "f-long"]
    assert entries[1]["custom_id"] == entries[2]["custom_id"] and entries[1]["text"] == SEED_TEXT
    assert online.incidents  # the online answer codes to incidents (compared with collect below)


@pytest.mark.network  # a real loopback server
def test_batch_api_round_trip_through_the_cli_then_online_finishes_the_rest(tmp_path: Path) -> None:
    runner = CliRunner()
    articles = _articles(tmp_path / "in")
    answers = Answers()
    with FakeOpenAI(rule=answers) as server:
        provider = ["--provider", "compatible", "--base-url", server.base_url, "--model", "fake-model"]
        requests = tmp_path / "req.jsonl"
        prepared = runner.invoke(app, ["batch", "prepare", str(articles), "-o", str(requests), *provider])
        assert prepared.exit_code == 0, prepared.output
        assert "6 items: 4 requests" in prepared.output and "1 duplicates, 1 skipped" in prepared.output
        assert (tmp_path / "req.manifest.jsonl").exists()

        submitted = runner.invoke(app, ["batch", "submit", str(requests), *provider])
        assert submitted.exit_code == 0, submitted.output
        batch_id = json.loads(submitted.stdout)["id"]
        status = runner.invoke(app, ["batch", "status", batch_id, *provider])
        assert json.loads(status.stdout)["status"] == "completed"
        assert json.loads(status.stdout)["request_counts"]["total"] == 4
        results = tmp_path / "results.jsonl"
        fetched = runner.invoke(app, ["batch", "fetch", batch_id, "-o", str(results), *provider])
        assert fetched.exit_code == 0, fetched.output
        assert len(results.read_text().splitlines()) == 4
        sent_by_batch = len(server.requests)

        out = tmp_path / "incidents.jsonl"
        collected = runner.invoke(app, ["batch", "collect", str(results), "--manifest", str(tmp_path / "req.manifest.jsonl"),
                                        "-o", str(out)])
        assert collected.exit_code == 1, collected.output  # two answers did not hold
        assert "2 done, 2 failed" in collected.output and "'validation': 1" in collected.output
        assert "'truncated': 1" in collected.output and "extractor run" in collected.output
        records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
        assert list(records) == ["a-seed", "b-seed-again", "c-quiet", "d-empty", "e-bad", "f-long"]
        assert [records[k]["state"] for k in records] == ["done", "done", "done", "skipped", "failed", "failed"]
        assert len(records["a-seed"]["result"]["incidents"]) == 2 and records["c-quiet"]["result"]["incidents"] == []
        assert records["e-bad"]["cause"] == "validation" and records["f-long"]["cause"] == "truncated"

        # online, with the same store: only the two failures are sent again
        answers.fixed = True
        rerun = runner.invoke(app, ["run", str(articles), "-o", str(out), *provider])
        assert rerun.exit_code == 0, rerun.output
        assert len(server.requests) - sent_by_batch == 2
        records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
        assert [records[k]["state"] for k in records] == ["done", "done", "done", "skipped", "done", "done"]


@pytest.mark.network  # a real loopback server
def test_collect_reports_engine_errors_bad_lines_and_missing_results(tmp_path: Path) -> None:
    with FakeOpenAI(rule=Answers()) as server:
        extractor = Extractor(_settings(server.base_url))
        requests, manifest = tmp_path / "req.jsonl", tmp_path / "req.manifest.jsonl"
        prepare(extractor, read_inputs([_articles(tmp_path / "in")]), requests, manifest)
    ids = [json.loads(x)["custom_id"] for x in requests.read_text().splitlines()]
    body = {"choices": [{"finish_reason": "stop", "message": {"content": "```json\n" + json.dumps(IDEAL) + "\n```"}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5}}
    results = tmp_path / "results.jsonl"
    results.write_text("\n".join([
        json.dumps({"custom_id": ids[0], "response": {"status_code": 200, "body": body}, "error": None}),  # fenced: read
        json.dumps({"custom_id": ids[1], "response": {"status_code": 429, "body": {"error": {"message": "rate"}}}, "error": None}),
        "{not json",
        json.dumps({"custom_id": "someone-else", "response": {"status_code": 200, "body": body}}),
    ]) + "\n")
    store = RunStore(tmp_path / "store.sqlite")
    report = collect(results, manifest, store)
    assert (report.done, report.failed, report.skipped, report.unknown, report.bad_lines) == (1, 1, 1, 1, [3])
    assert report.failures_by_cause == {"transport": 1} and report.no_result == ["e-bad", "f-long"]
    summary = store.summary()
    assert (summary["done"], summary["failed"], summary["pending"], summary["skipped"]) == (2, 1, 2, 1)
    assert summary["prompt_tokens"] == 10


@pytest.mark.parametrize("body,expected", [
    ({"choices": [{"message": {"content": '{"a": 1}'}, "finish_reason": "stop"}]}, ('{"a": 1}', "stop")),
    ({"choices": [{"message": {"content": 'Here:\n```json\n{"a": 1}\n```'}, "finish_reason": "stop"}]},
     ('Here:\n```json\n{"a": 1}\n```', "stop")),  # as written: read (and refused) as online
    ({"choices": [{"message": {"content": None, "tool_calls": [{"function": {"arguments": '{"a": 2}'}}]},
                   "finish_reason": "tool_calls"}]}, ('{"a": 2}', "tool_calls")),
    ({"choices": []}, ("", None)),
])
def test_answer_text(body: dict, expected: tuple) -> None:
    assert answer_text(body) == expected


def test_collect_refuses_a_manifest_from_another_prompt(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"manifest": 1, "model": "m", "prompt_version": "000000000000", "provider": "openai"}) + "\n")
    (tmp_path / "r.jsonl").write_text("")
    result = CliRunner().invoke(app, ["batch", "collect", str(tmp_path / "r.jsonl"), "--manifest", str(manifest),
                                      "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "prompt version 000000000000" in result.output and "prepare them again" in result.output


@pytest.mark.parametrize("fixture, version", [("previous-prompt", "7fff4cac98d1"), ("earlier-pointed", "4d9ce0911ff1")])
def test_collect_reads_results_of_earlier_prompt_versions_by_their_shape(tmp_path: Path, fixture: str, version: str) -> None:
    """Requests prepared before issue 12 were answered with copied evidence, those prepared with the
    pointing prompt shipped until 2026-12-01 with its longer keys: both still collected."""
    from extractor.model.pointed import EARLIER_POINTED_VERSIONS, PREVIOUS_PROMPT_VERSION
    from extractor.runs.store import extraction_key
    from extractor.text.article import content_hash

    assert version in (PREVIOUS_PROMPT_VERSION, *EARLIER_POINTED_VERSIONS)
    previous = json.loads((FIXTURES / "ideal" / f"{SEED}.{fixture}.json").read_text())
    key = extraction_key(content_hash(SEED_TEXT), "m", version)
    manifest, results = tmp_path / "m.jsonl", tmp_path / "r.jsonl"
    manifest.write_text("".join(json.dumps(x) + "\n" for x in [
        {"manifest": 1, "model": "m", "prompt_version": version, "provider": "openai"},
        {"id": SEED, "custom_id": key, "text": SEED_TEXT, "published": "2020-01-29"}]))
    body = {"choices": [{"finish_reason": "stop", "message": {"content": json.dumps(previous)}}], "usage": {}}
    results.write_text(json.dumps({"custom_id": key, "response": {"status_code": 200, "body": body}}) + "\n")
    store = RunStore(tmp_path / "s.sqlite")
    report = collect(results, manifest, store)
    assert (report.done, report.failed) == (1, 0)
    result = store.records()[0]["result"]
    assert len(result["incidents"]) == 2 and result["prompt_version"] == version  # the version that asked


def test_the_local_model_has_no_batch_api(tmp_path: Path) -> None:
    requests = tmp_path / "r.jsonl"
    requests.write_text("")
    result = CliRunner().invoke(app, ["batch", "submit", str(requests), "--provider", "local"])
    assert result.exit_code == 2 and "vLLM's run-batch" in result.output


def test_prepare_then_local_model_results_then_collect_equals_online(tmp_path: Path, cassette) -> None:  # type: ignore[no-untyped-def]
    """The requests, executed against the local model (its recorded exchange: the request must be
    byte-for-byte what online extraction sent, or the cassette would not answer), give results
    that collect into exactly the online incidents."""
    settings = Settings.from_env(env={}, log="off", **local_settings_kwargs())
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{SEED}.txt").write_text(SEED_TEXT, encoding="utf-8")
    items = [i for i in read_inputs([folder])]
    items = [i.__class__(id=i.id, text=i.text, published="2020-01-29") for i in items]
    requests, manifest = tmp_path / "req.jsonl", tmp_path / "req.manifest.jsonl"
    prepare(Extractor(settings), items, requests, manifest)
    (line,) = [json.loads(x) for x in requests.read_text().splitlines()]
    with cassette(f"local-{SEED}"):  # the vLLM run-batch role: POST each body, write the results file
        request = urllib.request.Request(f"{REPLAY_SERVER_URL}/chat/completions", data=json.dumps(line["body"]).encode(),
                                         headers={"content-type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=600) as response:
            answer = {"status_code": response.status, "body": json.loads(response.read())}
    results = tmp_path / "results.jsonl"
    results.write_text(json.dumps({"custom_id": line["custom_id"], "response": answer}) + "\n")
    store = RunStore(tmp_path / "s.sqlite")
    report = collect(results, manifest, store)
    assert report.done == 1 and not report.failed
    batch_result = store.records()[0]["result"]

    with cassette(f"local-{SEED}"):
        online = Extractor(settings).extract(SEED_TEXT, published="2020-01-29", article_id=SEED)
    assert batch_result["incidents"] == online.model_dump(mode="json")["incidents"]
    assert len(online.incidents) == 2


def _long_article() -> str:
    """45 sentences: a killing in Kunduz in the first, a bombing in Herat in the 40th (another part)."""
    filler = [f"Officials in Kabul met elders for the {n}th time to discuss the budget." for n in range(4, 44)]
    body = ["Gunmen killed two farmers in Kunduz on Tuesday.", "Police said the gunmen fled.",
            "Elders condemned the killing."] + filler[:36] + ["A bomb killed three people in Herat on Monday."] + filler[36:]
    return "KABUL, Jan. 29, 2020 (Wire) -- " + " ".join(body) + " Nothing else was reported."


def _by_part(body: dict) -> dict:
    """Answers what the request shows: each incident cited by the sentence number it has in that part."""
    shown = body["messages"][-1]["content"]
    incidents = []
    for number, words in (("1", ("on Tuesday", "Kunduz", "two")), ("40", ("on Monday", "Herat", "three"))):
        if f"[{number}] " in shown:
            when, place, killed = words
            incidents.append({"sentences": [int(number)], "when": when, "place": place,
                              "event_type": "violence_against_civilians", "claims": [{"killed": killed}]})
    return ok({"incidents": incidents})


def _completion(step: dict) -> dict:
    """A results file's response body for a `FakeOpenAI` answer step."""
    return {"choices": [{"finish_reason": step["finish_reason"], "message": {"content": step["content"]}}],
            "usage": step["usage"]}


@pytest.mark.network  # a real loopback server
def test_a_long_article_is_prepared_in_parts_and_collected_as_online(tmp_path: Path) -> None:
    """The Batch API path asks a long article in the parts the online path asks (no answer cut off
    for want of room), and its parts' answers merge into the online incidents."""
    text = _long_article()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(text, encoding="utf-8")
    with FakeOpenAI(rule=_by_part) as server:
        extractor = Extractor(_settings(server.base_url))
        online = extractor.extract(text, article_id="long")
        sent_online = list(server.requests)
        requests, manifest = tmp_path / "req.jsonl", tmp_path / "req.manifest.jsonl"
        report = prepare(extractor, read_inputs([folder]), requests, manifest)
        lines = [json.loads(x) for x in requests.read_text().splitlines()]
        assert len(sent_online) >= 2 and report.requests == len(lines) == len(sent_online)
        assert [x["body"] for x in lines] == sent_online  # the same requests, part for part
        key = json.loads(manifest.read_text().splitlines()[1])["custom_id"]
        assert [x["custom_id"] for x in lines] == [f"{key}#{n}" for n in range(1, len(lines) + 1)]
        results = tmp_path / "results.jsonl"
        results.write_text("".join(json.dumps({"custom_id": x["custom_id"], "response": {
            "status_code": 200, "body": _completion(_by_part(x["body"]))}}) + "\n" for x in reversed(lines)))  # any order
    store = RunStore(tmp_path / "s.sqlite")
    collected = collect(results, manifest, store)
    assert (collected.done, collected.failed, collected.no_result) == (1, 0, []), store.records()
    batch = store.records()[0]["result"]
    assert [(i["location"]["admin1"], i["date"]["value"]) for i in batch["incidents"]] == \
        [(i.location.admin1, str(i.date.value)) for i in online.incidents] == [("Kunduz", "2020-01-28"), ("Herat", "2020-01-27")]
    assert batch["usage"]["requests"] == len(lines)

    # a part without its result: the article stays pending for an online run; a part cut off fails it
    (tmp_path / "some.jsonl").write_text(results.read_text().splitlines()[0] + "\n")
    partial = collect(tmp_path / "some.jsonl", manifest, RunStore(tmp_path / "t.sqlite"))
    assert (partial.done, partial.failed, partial.no_result) == (0, 0, ["long"])
    assert partial.missing_parts == {"long": [x["custom_id"] for x in lines[:-1]]}  # the file held the last part
    said = CliRunner().invoke(app, ["batch", "collect", str(tmp_path / "some.jsonl"), "--manifest", str(manifest),
                                    "-o", str(tmp_path / "some-out.jsonl")])
    assert said.exit_code == 1 and "lack a part's result" in said.output and lines[0]["custom_id"] in said.output
    cut = [json.loads(x) for x in results.read_text().splitlines()]
    cut[1]["response"]["body"]["choices"][0]["finish_reason"] = "length"
    (tmp_path / "cut.jsonl").write_text("".join(json.dumps(x) + "\n" for x in cut))
    truncated = collect(tmp_path / "cut.jsonl", manifest, RunStore(tmp_path / "u.sqlite"))
    assert truncated.failures_by_cause == {"truncated": 1}


@pytest.mark.parametrize("answers,message", [
    ([], "no answer to code"),
    ([(range(1, 60), {"incidents": []})], "the article has"),
    ([(range(0, 5), {"incidents": []})], "the article has"),
])
def test_code_parts_refuses_answers_that_are_not_for_this_text(answers: list, message: str) -> None:
    from extractor import ExtractionError
    from extractor.model.backends import RecordedBackend

    coder = Extractor(Settings(log="off"), backend=RecordedBackend("cache", "answers"))
    with pytest.raises(ExtractionError, match=message) as raised:
        coder.code_parts(_long_article(), answers)
    assert raised.value.cause == "validation"


@pytest.mark.parametrize("content, done", [
    ("```json\n{answer}\n```", True),                  # a fence around the whole answer: read, as online
    ("Here are the incidents:\n```json\n{answer}\n```\nHope this helps.", False),  # prose around: refused, as online
])
def test_collect_reads_a_fenced_answer_as_the_online_path_does(tmp_path: Path, content: str, done: bool) -> None:
    from extractor.runs.store import extraction_key
    from extractor.text.article import content_hash
    from extractor.model.prompts import load_prompts

    version = load_prompts().version
    key = extraction_key(content_hash(SEED_TEXT), "m", version)
    manifest, results = tmp_path / "m.jsonl", tmp_path / "r.jsonl"
    manifest.write_text("".join(json.dumps(x) + "\n" for x in [
        {"manifest": 1, "model": "m", "prompt_version": version, "provider": "openai"},
        {"id": SEED, "custom_id": key, "text": SEED_TEXT, "published": "2020-01-29"}]))
    body = {"choices": [{"finish_reason": "stop", "message": {"content": content.replace("{answer}", json.dumps(IDEAL))}}],
            "usage": {}}
    results.write_text(json.dumps({"custom_id": key, "response": {"status_code": 200, "body": body}}) + "\n")
    store = RunStore(tmp_path / "s.sqlite")
    report = collect(results, manifest, store)
    assert (report.done, report.failed) == ((1, 0) if done else (0, 1))
    record = store.records()[0]
    assert (len(record["result"]["incidents"]) == 2) if done else ("does not hold" in record["error"])

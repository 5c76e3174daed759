"""Kind 7 (issue 11): a partial answer never costs the article. A null where a list belongs is an
empty list; an incident without evidence is rejected alone, with a reason; one malformed incident
is set aside and the rest coded, offline (`code_output`) and online (after the re-asks, or
without one where nothing can be corrected). Case 13 is in tests/test_cases_coding.py."""

import json

import pytest

from extractor import Extractor, ExtractionError, Settings
from extractor.testing import FakeBackend
from extractor.model.schema import RawExtraction, grounded_in
from extractor.testing.server import FakeOpenAI, ok

ARTICLE = ("KANDAHAR, Afghanistan, Sept. 6 (Wire) -- A bomb hidden in a cart exploded in a bazaar in Spin Boldak "
           "district of Kandahar province on Monday, killing three people and wounding eight, police said.")
GOOD = {"summary": "A bomb exploded in Spin Boldak.", "when": "on Monday", "district": "Spin Boldak district",
        "province": "Kandahar province", "country": "Afghanistan", "perpetrators": [], "targets": ["people"],
        "event_type": "explosion_remote_violence", "claims": [{"claimant": "police", "killed": "three"}],
        "evidence": [ARTICLE.split("-- ")[1]]}

# (what the model wrote for the one incident, how it is read: None = read as the good incident)
SHAPES = [
    ({**GOOD, "perpetrators": None}, None),
    ({**GOOD, "targets": None, "claims": None}, None),
    ({**GOOD, "perpetrators": "gunmen"}, None),  # a bare string where a list belongs
    ({**GOOD, "evidence": GOOD["evidence"][0]}, None),
    ({**GOOD, "perpetrators": [None, "gunmen"]}, None),  # a null inside a list
    ({**GOOD, "claims": [None, {"claimant": "police", "killed": "three"}]}, None),
    ({**GOOD, "claims": [{"killed": "three"}]}, None),  # no claimant: "unattributed"
    ({k: v for k, v in GOOD.items() if k != "summary"}, None),  # no summary: the first quote
    ({**GOOD, "summary": None}, None),
    ({**GOOD, "claims": [{"claimant": "police", "killed": 3}]}, None),
    # issue 11, defect 10: one claim object where the list belongs, lists where one text belongs
    ({**GOOD, "claims": {"claimant": "police", "killed": "three"}}, None),
    ({**GOOD, "claims": {"claimant": "police"}}, None),
    ({**GOOD, "claims": [{"claimant": "police", "killed": "three", "victims": ["people", "shoppers"]}]}, None),
    ({**GOOD, "claims": [{"claimant": "police", "killed": "three", "victims": []}]}, None),
    ({**GOOD, "claims": [{"claimant": "police", "killed": "three", "victims": [None, "people"]}]}, None),
    ({**GOOD, "claims": [{"claimant": ["police", "officials"], "killed": "three"}]}, None),
    ({**GOOD, "claims": [{"claimant": [], "killed": "three"}]}, None),  # no claimant: "unattributed"
    # issue 11 (second tester): a whole float is the count as written
    ({**GOOD, "claims": [{"claimant": "police", "killed": 3.0}]}, None),
    ({**GOOD, "claims": [{"claimant": "police", "killed": 3.0, "wounded": 8.0}]}, None),
]
# (the malformed incident beside a good one, the words its rejection reason holds)
MALFORMED = [
    ({k: v for k, v in GOOD.items() if k != "evidence"}, "no evidence sentence"),
    ({**GOOD, "evidence": None}, "no evidence sentence"),
    ({**GOOD, "evidence": []}, "no evidence sentence"),
    ("a bomb exploded", "could not be read"),
    (42, "could not be read"),
    (None, None),  # a null incident is left out, like a null in any list
    ({**GOOD, "claims": ["three killed"]}, "could not be read"),
    ({**GOOD, "claims": [{"claimant": "police", "victims": [{"group": "people"}]}]}, "could not be read"),
    ({**GOOD, "perpetrators": [{"name": "gunmen"}]}, "could not be read"),
    ({**GOOD, "when": ["on Monday"]}, "could not be read"),
    ({**GOOD, "summary": {"text": "s"}}, "could not be read"),
]


def _coder() -> Extractor:
    return Extractor(Settings(log="off"), backend=FakeBackend([]))


@pytest.mark.parametrize("incident,_", SHAPES)
@pytest.mark.parametrize("salvage", [False, True])
def test_small_model_shapes_are_read(incident: dict, _: None, salvage: bool) -> None:
    result = _coder().code_output(ARTICLE, {"incidents": [incident]}, published="2021-09-06", salvage=salvage)
    [bomb] = result.incidents
    assert bomb.fatalities is not None and bomb.fatalities.total.low == 3 and result.rejected == []
    assert bomb.summary  # never empty: the model's or the first evidence quote


@pytest.mark.parametrize("incident,reason", MALFORMED)
@pytest.mark.parametrize("salvage", [False, True])
def test_one_malformed_incident_is_rejected_alone(incident: object, reason: str | None, salvage: bool) -> None:
    result = _coder().code_output(ARTICLE, {"incidents": [incident, GOOD]}, published="2021-09-06", salvage=salvage)
    [bomb] = result.incidents
    assert bomb.fatalities is not None and bomb.fatalities.total.low == 3
    if reason is None:
        assert result.rejected == []
    else:
        [rejected] = result.rejected
        assert reason in rejected.reason


@pytest.mark.parametrize("claims,victims,claimant", [
    ({"claimant": "police", "killed": "three"}, None, "police"),
    ([{"claimant": "police", "killed": "three", "victims": ["people", "shoppers"]}], "people; shoppers", "police"),
    ([{"claimant": ["police", "officials"], "killed": "three"}], None, "police; officials"),
    ([{"claimant": [], "killed": "three", "victims": []}], None, "unattributed"),
])
def test_lists_and_objects_are_read_as_written(claims: object, victims: str | None, claimant: str) -> None:
    raw = RawExtraction.model_validate({"incidents": [{**GOOD, "claims": claims}]}).incidents[0]
    [claim] = raw.claims
    assert (claim.claimant, claim.killed, claim.victims) == (claimant, "three", victims)


def test_null_incidents_is_no_incidents_but_no_incidents_key_is_no_answer() -> None:
    assert _coder().code_output(ARTICLE, {"incidents": None}, published="2021-09-06").incidents == []
    with pytest.raises(ExtractionError):
        _coder().code_output(ARTICLE, {"hacked": True}, published="2021-09-06")


def test_what_the_model_can_correct_still_fails_an_offline_answer_unless_salvaged() -> None:
    """A figure that is not a count is sent back online; offline it is refused, or with salvage=True
    its incident alone is set aside."""
    bad = {**GOOD, "claims": [{"claimant": "police", "killed": "the officers"}]}
    with pytest.raises(ExtractionError):
        _coder().code_output(ARTICLE, {"incidents": [bad]}, published="2021-09-06")
    result = _coder().code_output(ARTICLE, {"incidents": [bad, GOOD]}, published="2021-09-06", salvage=True)
    assert len(result.incidents) == 1 and "is not a count" in result.rejected[0].reason


def test_the_set_aside_incidents_survive_a_round_trip_through_the_exchange_log_shape() -> None:
    with grounded_in(ARTICLE):
        parsed = RawExtraction.model_validate({"incidents": ["junk", GOOD]})
    again = RawExtraction.model_validate(json.loads(parsed.model_dump_json()))
    assert len(again.incidents) == 1 and [s.index for s in again.set_aside] == [0]
    assert "set_aside" not in json.dumps(RawExtraction.model_json_schema())  # the model is never asked for it


def _online(server: FakeOpenAI, reasks: int = 2) -> Extractor:
    return Extractor(Settings.from_env(env={}, base_url=server.base_url, model="fake-model", log="off", reasks=reasks))


# Online, the model answers in the current prompt's shape: incidents citing sentence numbers.
POINTED = {"sentences": [1], "when": "on Monday", "district": "Spin Boldak district", "province": "Kandahar province",
           "country": "Afghanistan", "targets": ["people"], "event_type": "explosion_remote_violence",
           "claims": [{"claimant": "police", "killed": "three"}]}


@pytest.mark.network
@pytest.mark.parametrize("junk", ["junk", 42, [1, 2], {"sentences": [1], "claims": ["three killed"]}, {"sentences": [1], "when": {"day": "Monday"}}])
def test_online_an_unreadable_incident_costs_one_request_and_only_itself(junk: object) -> None:
    with FakeOpenAI([ok({"incidents": [POINTED, junk]})]) as server:
        result = _online(server).extract(ARTICLE, published="2021-09-06")
    assert len(server.requests) == 1
    [bomb] = result.incidents
    assert bomb.fatalities is not None and bomb.fatalities.total.low == 3
    assert [r.reason.split(" (")[0] for r in result.rejected] == ["the model's incident could not be read"]


@pytest.mark.network
def test_online_an_incident_citing_no_sentence_is_sent_back_then_dropped_alone() -> None:
    with FakeOpenAI(default=ok({"incidents": [POINTED, {**POINTED, "sentences": []}]})) as server:
        result = _online(server, reasks=1).extract(ARTICLE, published="2021-09-06")
    assert len(server.requests) == 2  # sent back once
    [bomb] = result.incidents
    assert bomb.fatalities is not None and bomb.fatalities.total.low == 3
    assert any("cites no sentence" in w or "no sentence" in w for w in result.warnings), result.warnings


@pytest.mark.network
def test_online_a_figure_that_is_not_a_count_is_dropped_alone_with_a_warning() -> None:
    bad = {**POINTED, "claims": [{"claimant": "police", "killed": "the officers", "wounded": "eight"}]}
    with FakeOpenAI(default=ok({"incidents": [bad]})) as server:
        result = _online(server).extract(ARTICLE, published="2021-09-06")
    assert len(server.requests) == 1  # a copied field is dropped, not re-asked (EXTRACTOR_FIELD_REASKS=0)
    [bomb] = result.incidents
    assert bomb.fatalities is not None and bomb.fatalities.total.low == 3  # the coding layer reads the sentence
    assert any("'the officers' is not a count" in w for w in result.warnings), result.warnings


@pytest.mark.parametrize("answer", ['{"incidents": null}', '{"incidents": []}', "[]", "```json\n[]\n```"])
def test_a_pointed_answer_of_no_incidents_is_read_as_none(answer: str) -> None:
    result = _coder().code_output(ARTICLE, answer, published="2021-09-06")
    assert result.incidents == [] and result.rejected == []


# issue 11 (second tester): an answer string in a Markdown code fence is read without its fence.
FENCES = ["```json\n{}\n```", "```\n{}\n```", "  ```json\n{}\n```  \n", "```JSON\r\n{}\r\n```",
          "```json {}```", "```json\n\n{}\n\n```", "\n```json\n{}\n```", "{}"]


@pytest.mark.parametrize("fence", FENCES)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_an_answer_in_a_code_fence_is_read_without_it(fence: str, as_bytes: bool) -> None:
    text = fence.replace("{}", json.dumps({"incidents": [GOOD]}))
    result = _coder().code_output(ARTICLE, text.encode() if as_bytes else text, published="2021-09-06")
    [bomb] = result.incidents
    assert bomb.fatalities is not None and bomb.fatalities.total.low == 3


@pytest.mark.parametrize("killed", ["1,5OO", "2O", "l5", "3.5", "the officers", "O5", "1O0", "at least 1,2OO"])
def test_a_figure_that_cannot_be_read_is_refused_not_read_as_another_number(killed: str) -> None:
    bad = {**GOOD, "claims": [{"claimant": "police", "killed": killed}]}
    result = _coder().code_output(ARTICLE, {"incidents": [bad, GOOD]}, published="2021-09-06", salvage=True)
    assert len(result.incidents) == 1 and "is not a count" in result.rejected[0].reason


@pytest.mark.parametrize("answer,incidents,cause", [
    ({"incidents": [{"sentences": [7.5]}]}, 0, None),  # cites nothing real: dropped, with the reason
    ({"incidents": [{"sentences": [0]}, POINTED]}, 1, None),  # what holds is kept
    ([POINTED], 1, None),  # the bare list
    ({"hacked": True}, None, "validation"),
    ("not json at all", None, "validation"),
])
def test_the_fake_backend_reads_an_answer_as_a_real_one_does_once_its_reasks_are_spent(
        answer: object, incidents: int | None, cause: str | None) -> None:
    """A tester's FakeBackend raised a bare pydantic error where the real backend salvages or fails
    the article with ExtractionError (issue 12, new-user check)."""
    extractor = Extractor(Settings(log="off"), backend=FakeBackend([answer]))
    if cause is None:
        result = extractor.extract(ARTICLE, published="2021-09-06")
        assert len(result.incidents) == incidents
        if incidents == 0:
            assert any("cites no sentence" in w for w in result.warnings)
    else:
        with pytest.raises(ExtractionError) as raised:
            extractor.extract(ARTICLE, published="2021-09-06")
        assert raised.value.cause == cause and raised.value.usage is not None

"""The cases of ../shared/cases that the coding layer got wrong, copied into fixtures/cases/ (each
folder's SOURCE.md says where from), asserting the right values of each expected.md. Each answer
goes through `Extractor.code_output` as an offline answer would."""

import json
from pathlib import Path

import pytest

from extractor import Extractor, Settings
from extractor.testing import FakeBackend, as_pointed
from extractor.records import ExtractionResult

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases"


@pytest.fixture(params=["previous", "pointed"])
def shape(request: pytest.FixtureRequest) -> str:
    """Each case's answer as written (the previous prompt version's: evidence quoted) and as the
    current prompt's answer saying the same (`as_pointed`: the quotes' sentence numbers)."""
    return request.param


def _code(case: str, answer: str = "answer.json", *, published: str, salvage: bool = False,
          shape: str = "previous") -> ExtractionResult:
    folder = CASES / case
    text = (folder / "article.txt").read_text(encoding="utf-8")
    output = json.loads((folder / answer).read_text(encoding="utf-8"))
    if shape == "pointed":
        output = as_pointed(output, text)
    coder = Extractor(Settings(log="off"), backend=FakeBackend([]))
    return coder.code_output(text, output, published=published, salvage=salvage)


def test_08_an_attack_and_a_protest_in_one_town_on_one_day_are_two_incidents(shape: str) -> None:
    result = _code("08-two-events-same-day-same-place", published="2025-05-05", shape=shape)
    attack, protest = result.incidents
    for incident in (attack, protest):
        assert str(incident.date.value) == "2025-05-05"
        assert (incident.location.place, incident.location.admin1) == ("Kajuru", "Kaduna")
    assert (attack.event_type.value, attack.sub_event_type.value) == ("violence_against_civilians", "attack")
    assert [a.name for a in attack.perpetrators] == ["Bandits"]
    assert attack.fatalities is not None and attack.fatalities.total.low == attack.fatalities.total.high == 5
    assert (protest.event_type.value, protest.sub_event_type.value) == ("protest", "peaceful_protest")
    assert [a.name for a in protest.perpetrators] == ["students"] and protest.fatalities is None
    assert not any("merged" in w for w in attack.warnings + protest.warnings)


def test_11_an_instruction_in_the_article_is_never_evidence(shape: str) -> None:
    result = _code("11-instruction-inside-the-article", published="2023-01-22", shape=shape)
    [shelling] = result.incidents
    assert all((i.fatalities.total.high or 0) < 500 for i in result.incidents if i.fatalities)
    assert shelling.fatalities is not None and (shelling.fatalities.total.low, shelling.fatalities.total.high) == (4, 4)
    assert shelling.location.place == "Sake" and str(shelling.date.value) == "2023-01-22"
    assert (shelling.event_type.value, shelling.sub_event_type.value) == (
        "explosion_remote_violence", "shelling_artillery_missile_attack")
    assert all("automated systems" not in s.text for s in shelling.evidence)
    assert "500" not in shelling.summary
    assert any("instructs the reader or a machine" in w and "500" in w for w in shelling.warnings)  # the line, rejected
    assert any("instruct the reader or a machine" in w for w in result.warnings)


def test_12_a_range_with_thousands_separators(shape: str) -> None:
    result = _code("12-range-with-thousands-separators", published="2023-11-10", shape=shape)
    [incident] = result.incidents
    assert incident.fatalities is not None
    assert (incident.fatalities.total.low, incident.fatalities.total.high) == (1200, 1500)
    assert incident.claims[0].in_evidence and not any("not stated" in w for w in incident.warnings)


@pytest.mark.parametrize("salvage", [False, True])
def test_13a_nulls_where_lists_belong_are_empty_lists(salvage: bool, shape: str) -> None:
    result = _code("13-nulls-and-missing-fields", "answera.json", published="2021-09-06", salvage=salvage, shape=shape)
    [bomb] = result.incidents
    assert str(bomb.date.value) == "2021-09-06" and bomb.location.admin2 == "Spin Boldak"
    assert bomb.perpetrators == [] and bomb.targets == []
    assert bomb.fatalities is not None and bomb.fatalities.total.low == 3  # from the evidence
    assert bomb.injuries is not None and bomb.injuries.total.low == 8
    assert result.rejected == []


@pytest.mark.parametrize("salvage", [False, True])
def test_13b_an_incident_without_evidence_is_rejected_alone(salvage: bool) -> None:
    result = _code("13-nulls-and-missing-fields", "answerb.json", published="2021-09-06", salvage=salvage)
    [bomb] = result.incidents
    assert bomb.location.admin2 == "Spin Boldak" and bomb.fatalities.total.low == 3  # type: ignore[union-attr]
    [elder] = result.rejected
    assert elder.reason == "the model gave no evidence sentence for it"
    assert elder.raw["summary"] == "Gunmen shot dead a tribal elder in Arghandab."


def test_19_no_less_than_and_in_excess_of(shape: str) -> None:
    result = _code("19-no-less-than", published="2022-08-14", shape=shape)
    [battle] = result.incidents
    assert str(battle.date.value) == "2022-08-14"
    assert (battle.location.place, battle.location.admin1) == ("Gubio", "Borno")
    assert battle.event_type.value == "battle"
    fatalities = battle.fatalities
    assert fatalities is not None
    assert fatalities.by_group["security_forces"].low == 12
    assert fatalities.by_group["attackers"].low == 21
    assert fatalities.total.low == 33
    assert all(c.in_evidence for c in battle.claims)
    assert not any("not stated" in w or "not among" in w for w in battle.warnings)


def test_20_the_kunduz_toll_counts_the_attackers_bodies_and_the_taliban_claim(shape: str) -> None:
    """The seed's gold coding (fixtures/gold): attackers 15, security forces 13..31, total 28/28/46.
    The model's victims for "15 bodied behind" were security forces (the evidence says the attackers
    left them), and it filed the Taliban's "more than 30" with the Baghlan incident."""
    text = (CASES.parent / "articles" / "xinhua-2020-01-29-kunduz-baghlan.txt").read_text(encoding="utf-8")
    output = json.loads((CASES / "20-seed-live-answer" / "answer.json").read_text(encoding="utf-8"))
    output = as_pointed(output, text) if shape == "pointed" else output
    result = Extractor(Settings(log="off"), backend=FakeBackend([])).code_output(text, output, published="2020-01-29")
    kunduz, baghlan = result.incidents
    assert kunduz.fatalities is not None
    assert kunduz.fatalities.total.model_dump() == {"low": 28, "best": 28, "high": 46}
    assert kunduz.fatalities.by_group["attackers"].model_dump() == {"low": 15, "best": 15, "high": 15}
    assert kunduz.fatalities.by_group["security_forces"].model_dump() == {"low": 13, "best": 13, "high": 31}
    assert any(s.text.startswith("Zabihullah Majahid") for s in kunduz.evidence)
    assert baghlan.fatalities is not None and baghlan.fatalities.total.model_dump() == {"low": 12, "best": 12, "high": 12}
    assert not any(c.claimant.startswith("Zabihullah") for c in baghlan.claims)


def test_15_in_the_pointed_shape_the_rocket_stays_in_helmand() -> None:
    """The pointed check drops the model's country (the report names none, only the dateline's
    KABUL) and its province (not in sentence 2): the country comes from the places the gazetteer
    knows, Lashkar Gah's admin1 from the gazetteer, never Kabul from the sentence before."""
    result = _code("15-non-gregorian-date", published="2021-01-02", shape="pointed")
    kabul, rocket = result.incidents
    assert (rocket.location.country, rocket.location.admin1, rocket.location.place) == ("Afghanistan", "Helmand", "Lashkar Gah")
    assert (kabul.location.country, kabul.location.admin1) == ("Afghanistan", "Kabul")
    assert str(rocket.date.value) == "2020-12-31"

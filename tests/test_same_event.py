"""Kind 4 (issue 11): two reported incidents at one place on one day merge only when they are one
event: overlapping actors and the same type, as ACLED codes events. Case 08 is in
tests/test_cases_coding.py."""

import datetime as dt

import pytest

from extractor import Extractor, Settings
from extractor.testing import FakeBackend
from extractor.coding.same_event import merge_incidents, same_event
from extractor.records import Actor, Claim, CountRange, Incident, Location, ResolvedDate

E = {"battle": "battle", "vac": "violence_against_civilians", "explosion": "explosion_remote_violence",
     "protest": "protest", "riot": "riot", "sd": "strategic_development", None: None}


def _incident(event: str | None, perpetrators: list[str], targets: list[str], *, day: int = 5, place: str = "Kajuru",
              admin1: str = "Kaduna", killed: int | None = None, claimant: str = "police") -> Incident:
    claims = [Claim(claimant=claimant, side="officials", killed=CountRange(low=killed, high=killed, text=str(killed)))] if killed else []
    return Incident(
        summary="s", date=ResolvedDate(value=dt.date(2025, 5, day) if day else None, precision="day"),
        location=Location(country="Nigeria", admin1=admin1, place=place),
        perpetrators=[Actor(name=p, canonical=p) for p in perpetrators],
        targets=[Actor(name=t, canonical=t) for t in targets],
        event_type=E[event], sub_event_type=None, claims=claims, fatalities=None, injuries=None, evidence=[],
    )


PAIRS = [
    # one event the model split: the assault and its toll
    (_incident("vac", ["Bandits"], ["farmers"]), _incident("vac", ["Bandits"], ["farmers"], killed=5), True),
    (_incident("battle", ["Taliban"], ["Police"]), _incident("battle", ["Taliban"], ["Police", "Army"]), True),
    (_incident("battle", ["Taliban"], ["Police"]), _incident(None, ["Taliban"], ["Police"]), True),  # type unknown
    (_incident("vac", [], ["farmers"]), _incident("vac", ["Bandits"], ["farmers"]), True),  # perpetrator unnamed, same victims
    (_incident("vac", [], []), _incident("vac", ["gunmen"], ["villagers"]), True),  # nothing to tell them apart
    (_incident("battle", ["ISWAP", "Boko Haram"], ["Army"]), _incident("battle", ["Boko Haram"], ["Army"]), True),
    # different events at one place on one day
    (_incident("vac", ["Bandits"], ["farmers"]), _incident("protest", ["students"], []), False),  # case 08's shape
    (_incident("vac", ["Bandits"], ["farmers"]), _incident("vac", ["students"], ["farmers"]), False),  # other perpetrators
    (_incident("explosion", [], ["people"]), _incident("vac", ["gunmen"], ["farmer"]), False),  # a bomb and a shooting
    (_incident("battle", ["Taliban"], ["Police"]), _incident("explosion", ["Taliban"], ["Police"]), False),  # other type
    (_incident("protest", ["students"], []), _incident("riot", ["students"], []), False),
    (_incident("sd", ["Army"], []), _incident("battle", ["Army"], ["Rebels"]), False),
    (_incident("vac", [], ["farmers"]), _incident("vac", [], ["traders"]), False),  # unnamed attackers, other victims
    # not the same day or place
    (_incident("vac", ["Bandits"], ["farmers"]), _incident("vac", ["Bandits"], ["farmers"], day=6), False),
    (_incident("vac", ["Bandits"], ["farmers"]), _incident("vac", ["Bandits"], ["farmers"], place="Kauru"), False),
    (_incident("vac", ["Bandits"], ["farmers"], day=0), _incident("vac", ["Bandits"], ["farmers"], day=0), False),  # no date
]


@pytest.mark.parametrize("a,b,same", PAIRS)
def test_same_event(a: Incident, b: Incident, same: bool) -> None:
    assert same_event(a, b) is same
    assert same_event(b, a) is same


def test_a_merge_unites_claims_actors_and_recodes_fatalities() -> None:
    a = _incident("battle", ["Taliban"], ["Police"], killed=12, claimant="a police spokesman")
    b = _incident(None, ["Taliban"], ["Police", "Army"], killed=30, claimant="a Taliban spokesman")
    merged = merge_incidents(a, b)
    assert [t.canonical for t in merged.targets] == ["Police", "Army"]
    assert merged.event_type is not None and merged.event_type.value == "battle"
    assert merged.fatalities is not None and (merged.fatalities.total.low, merged.fatalities.total.high) == (12, 30)
    assert any("merged" in w for w in merged.warnings)


def test_an_article_whose_model_split_one_attack_gets_one_incident() -> None:
    article = ("KADUNA, Nigeria, May 5 (Wire) -- Bandits attacked farmers in Kajuru in Kaduna state on Monday, police said. "
               "The bandits killed five farmers in Kajuru on Monday, police said.")
    base = {"when": "on Monday", "place": "Kajuru", "province": "Kaduna state", "country": "Nigeria",
            "perpetrators": ["Bandits"], "targets": ["farmers"], "event_type": "violence_against_civilians"}
    answer = {"incidents": [
        {**base, "summary": "attack", "evidence": ["Bandits attacked farmers in Kajuru in Kaduna state on Monday, police said."]},
        {**base, "summary": "toll", "claims": [{"claimant": "police", "killed": "five", "victims": "farmers"}],
         "evidence": ["The bandits killed five farmers in Kajuru on Monday, police said."]},
    ]}
    result = Extractor(Settings(log="off"), backend=FakeBackend([])).code_output(article, answer, published="2025-05-05")
    [incident] = result.incidents
    assert incident.fatalities is not None and incident.fatalities.total.low == 5 and len(incident.evidence) == 2

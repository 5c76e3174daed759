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
              admin1: str = "Kaduna", killed: int | None = None, claimant: str = "police",
              precision: str = "day") -> Incident:
    claims = [Claim(claimant=claimant, side="officials", killed=CountRange(low=killed, high=killed, text=str(killed)))] if killed else []
    return Incident(
        summary="s", date=ResolvedDate(value=dt.date(2025, 5, day) if day else None, precision=precision),  # type: ignore[arg-type]
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


# Issue 11 (second tester): a date at week precision (the report's date, no date of its own) is no
# known day. Such an incident joins a dated one of its place only as a part of its report: its date
# may be the day, the same victims, no other figure from one claimant.
WEEK = {"precision": "week", "day": 5}
UNDATED = [
    # "Bandits killed five farmers ... on Monday" + "Bandits have also killed two herders in Baidoa"
    (_incident("vac", ["Bandits"], ["farmers"], day=5, killed=5), _incident("vac", ["Bandits"], ["herders"], killed=2, **WEEK), False),
    (_incident("vac", ["Bandits"], ["farmers"], day=5, killed=5), _incident("vac", ["Bandits"], ["farmers"], killed=2, **WEEK), False),
    (_incident("vac", ["Bandits"], [], day=5, killed=5), _incident("vac", ["Bandits"], [], killed=2, **WEEK), False),
    (_incident("vac", ["Bandits"], ["farmers"], day=5), _incident("vac", ["Bandits"], ["farmers"], place="Kauru", **WEEK), False),
    (_incident("vac", ["Bandits"], ["farmers"], day=5), _incident("vac", ["Bandits"], ["farmers"], precision="week", day=20), False),
    (_incident("vac", ["Bandits"], ["farmers"], precision="week"), _incident("vac", ["Bandits"], ["farmers"], **WEEK), False),
    (_incident("vac", ["Bandits"], ["farmers"], day=5), _incident("battle", ["Bandits"], ["farmers"], **WEEK), False),
    # the report's date is the latest the undated one can be: a day after it is no match
    (_incident("vac", ["Bandits"], ["farmers"], day=6), _incident("vac", ["Bandits"], ["farmers"], **WEEK), False),
    # a part of the dated report: its toll, the same victims, or one figure from one claimant
    (_incident("vac", ["Bandits"], ["farmers"], day=3), _incident("vac", ["Bandits"], ["farmers"], killed=5, **WEEK), True),
    (_incident("vac", ["Bandits"], ["farmers"], day=5, killed=5), _incident("vac", ["Bandits"], ["farmers"], killed=5, **WEEK), True),
    (_incident("vac", ["Bandits"], ["farmers"], day=5, killed=5), _incident("vac", ["Bandits"], [], **WEEK), True),
    (_incident("vac", ["Bandits"], ["farmers"], day=5, killed=5),
     _incident("vac", ["Bandits"], ["farmers"], killed=7, claimant="residents", **WEEK), True),
]


@pytest.mark.parametrize("a,b,same", UNDATED)
def test_an_undated_incident_joins_a_dated_one_only_as_part_of_its_report(a: Incident, b: Incident, same: bool) -> None:
    assert same_event(a, b) is same
    assert same_event(b, a) is same


def test_an_undated_incident_with_other_victims_stays_its_own_incident() -> None:
    s1, s2 = "Bandits killed five farmers in Baidoa on Monday, police said.", "Bandits have also killed two herders in Baidoa, police said."
    article = f"BAIDOA, Somalia, May 5 (Wire) -- {s1} {s2}"
    base = {"place": "Baidoa", "province": "Bay region", "country": "Somalia", "perpetrators": ["Bandits"],
            "event_type": "violence_against_civilians", "sub_event_type": "attack"}
    answer = {"incidents": [
        {**base, "summary": "farmers", "when": "on Monday", "targets": ["farmers"], "evidence": [s1],
         "claims": [{"claimant": "police", "killed": "five"}]},
        {**base, "summary": "herders", "when": None, "targets": ["herders"], "evidence": [s2],
         "claims": [{"claimant": "police", "killed": "two"}]},
    ]}
    result = Extractor(Settings(log="off"), backend=FakeBackend([])).code_output(article, answer, published="2025-05-05")
    farmers, herders = result.incidents
    assert farmers.fatalities is not None and (farmers.fatalities.total.low, farmers.fatalities.total.high) == (5, 5)
    assert herders.fatalities is not None and (herders.fatalities.total.low, herders.fatalities.total.high) == (2, 2)
    assert farmers.date.precision == "day" and herders.date.precision == "week"
    assert not any("merged" in w for w in farmers.warnings + herders.warnings)


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

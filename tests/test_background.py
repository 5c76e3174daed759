"""Kind 12 (issue 11): context tolls ("more than 1,000 killed since 2015", "this year's attacks have
killed 300", "the conflict has claimed 5,000 lives") are background, never an incident's
fatalities; read per clause, so the event's own figure beside one still counts."""

import pytest

from extractor import Extractor, Settings
from extractor.testing import FakeBackend
from extractor.coding.background import in_context_toll, is_aggregate, is_background
from extractor.coding.casualty_phrases import find_casualties
from extractor.coding.incident import not_reported

# (sentence, the figures find_casualties keeps, whether the whole sentence is background)
TOLLS = [
    ("More than 1,000 people have been killed since 2015, the UN says.", [], True),
    ("This year's attacks have killed 300 people in the region.", [], True),
    ("The conflict has claimed 5,000 lives.", [], True),
    ("The insurgency, which has killed at least 40,000 people since 2009, shows no sign of ending.", [], True),
    ("Attacks in the region have killed more than 2,000 people this year, according to ACLED.", [], True),
    ("Militants have killed at least 300 soldiers in the past six months.", [], True),
    ("The war has left more than 150,000 dead.", [], True),
    ("At least 180 social leaders were killed in Colombia last year, the UN said.", [], True),
    ("Some 2,500 civilians have died in the fighting to date, the ministry said.", [], True),
    ("Al-Shabaab has killed thousands over the past decade.", [], True),
    ("The army said it had killed more than 600 militants in 2023.", [], True),
    ("Nearly 400 people have been killed since fighting erupted in April.", [], True),
    ("The violence has killed 1,200 people since January, officials said.", [], True),
    # the event's own figure beside a toll, and superlatives, still count
    ("Gunmen killed five villagers on Monday, bringing the number killed this year to 300.", [("killed", 5)], False),
    ("Boko Haram, which has killed 35,000 people since 2009, attacked Gubio on Sunday, killing 12 soldiers.",
     [("killed", 12)], False),
    ("Bandits killed 40 villagers in the deadliest attack since 2015, police said.", [("killed", 40)], False),
    ("Two soldiers were killed on Tuesday in the worst violence this year, officials said.", [("killed", 2)], False),
    ("Gunmen killed 12 people earlier this month in the same village.", [("killed", 12)], False),
    ("A bomb killed three people and wounded eight in Kabul on Monday.", [("killed", 3), ("wounded", 8)], False),
]


@pytest.mark.parametrize("sentence,figures,background", TOLLS)
def test_context_tolls_are_not_the_events_figures(sentence: str, figures: list, background: bool) -> None:  # type: ignore[type-arg]
    assert [(p.kind, p.count.low) for p in find_casualties(sentence)] == figures
    assert is_background(sentence) is background


def test_the_clause_decides_not_the_sentence() -> None:
    sentence = "Gunmen killed five villagers on Monday, bringing the number killed this year to 300."
    assert not in_context_toll(sentence, sentence.index("five"), sentence.index("five") + 4)
    assert in_context_toll(sentence, sentence.index("300"), sentence.index("300") + 3)


def test_a_claimed_toll_is_not_reported_for_the_incident() -> None:
    article = ("MAIDUGURI, Aug. 14 (Wire) -- Insurgents killed 12 soldiers in Gubio on Sunday, the army said. "
               "The insurgency has killed more than 40,000 people since 2009.")
    assert not_reported("12", article) is None
    assert "background toll" in (not_reported("more than 40,000", article) or "")
    assert not_reported("7", article) is None  # a figure the article never writes: the cross-check decides


ARTICLE = ("MAIDUGURI, Nigeria, Aug. 14 (Wire) -- Insurgents killed 12 soldiers in an attack on a base in Gubio in "
           "Borno state on Sunday, the army said.\n\nThe insurgency has killed more than 40,000 people since 2009, "
           "according to the United Nations.")
BASE = {"summary": "Insurgents attacked a base in Gubio.", "when": "on Sunday", "place": "Gubio",
        "province": "Borno state", "country": "Nigeria", "perpetrators": ["Insurgents"], "targets": ["soldiers"],
        "event_type": "battle"}


def _code(*incidents: dict) -> object:  # type: ignore[type-arg]
    coder = Extractor(Settings(log="off"), backend=FakeBackend([]))
    return coder.code_output(ARTICLE, {"incidents": list(incidents)}, published="2022-08-14")


def test_a_toll_quoted_as_evidence_and_claimed_never_becomes_the_incidents_fatalities() -> None:
    result = _code({**BASE, "claims": [{"claimant": "the United Nations", "killed": "more than 40,000"},
                                       {"claimant": "the army", "killed": "12", "victims": "soldiers"}],
                    "evidence": ["Insurgents killed 12 soldiers in an attack on a base in Gubio in Borno state on Sunday, "
                                 "the army said.",
                                 "The insurgency has killed more than 40,000 people since 2009, according to the United Nations."]})
    [incident] = result.incidents  # type: ignore[attr-defined]
    assert (incident.fatalities.total.low, incident.fatalities.total.high) == (12, 12)
    assert len(incident.evidence) == 1
    assert any("background toll" in w for w in incident.warnings)


def test_an_incident_made_of_a_toll_alone_is_rejected() -> None:
    result = _code({**BASE, "when": None, "place": None, "claims": [{"claimant": "UN", "killed": "more than 40,000"}],
                    "evidence": ["The insurgency has killed more than 40,000 people since 2009, according to the United Nations."]})
    assert result.incidents == []  # type: ignore[attr-defined]
    assert "background toll" in result.rejected[0].reason  # type: ignore[attr-defined]


@pytest.mark.parametrize("sentence,aggregate", [
    ("At least 40 people were killed in three separate attacks on Friday.", True),
    ("Insurgents killed 12 soldiers in Gubio on Sunday.", False),
])
def test_aggregates_stay_aggregates(sentence: str, aggregate: bool) -> None:
    assert is_aggregate(sentence) is aggregate

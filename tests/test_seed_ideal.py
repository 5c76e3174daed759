"""The seed article with the HAND-WRITTEN ideal model response (fixtures/ideal/) through the whole
pipeline, above the provider layer: the result must equal the analyst's expected incidents.

Twice: in the current prompt's shape (sentence numbers and short copies) and in the previous
prompt version's (copied evidence), which cached answers and earlier batch results still have."""

import json

import pytest

from extractor import Extractor, Settings

from extractor.testing import FakeBackend
from tests.conftest import FIXTURES

NAME = "xinhua-2020-01-29-kunduz-baghlan"


@pytest.fixture(scope="module", params=["", ".previous-prompt"])
def seed(request):  # type: ignore[no-untyped-def]
    article = (FIXTURES / "articles" / f"{NAME}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / "gold" / f"{NAME}.json").read_text(encoding="utf-8"))
    ideal = json.loads((FIXTURES / "ideal" / f"{NAME}{request.param}.json").read_text(encoding="utf-8"))
    result = Extractor(backend=FakeBackend([ideal])).extract(article, published=expected["published"], article_id=NAME)
    return article, expected, result


def test_same_incidents_in_order(seed) -> None:  # type: ignore[no-untyped-def]
    _, expected, result = seed
    assert len(result.incidents) == len(expected["incidents"]) == 2
    assert result.rejected == []


@pytest.mark.parametrize("i", [0, 1])
def test_incident_matches_expected(seed, i: int) -> None:  # type: ignore[no-untyped-def]
    article, expected, result = seed
    want, got = expected["incidents"][i], result.incidents[i]
    assert got.date.value.isoformat() == want["date"]
    assert got.date.precision == want["date_precision"]
    loc = got.location
    assert (loc.country, loc.admin1, loc.admin2, loc.place) == (want["country"], want["admin1"], want["admin2"], want["place"])
    assert (got.event_type.value, got.sub_event_type.value) == (want["event_type"], want["sub_event_type"])
    assert sorted({a.canonical for a in got.perpetrators}) == sorted(want["perpetrators"])
    assert sorted({a.canonical for a in got.targets}) == sorted(want["targets"])
    # Claims: same count, each expected killed/wounded figure kept with a claimant.
    assert len(got.claims) == len(want["claims"])
    assert sorted(c.killed.text.lower() for c in got.claims if c.killed) == sorted(c["killed"].lower() for c in want["claims"])
    # Fatality ranges: per group and total, every bound the analyst coded.
    for group, bounds in want["killed"].items():
        coded = got.fatalities.total if group == "total" else got.fatalities.by_group[group]
        for bound, value in bounds.items():
            assert getattr(coded, bound) == value, (group, bound)
    if want["wounded"] is None:
        assert got.injuries is None
    else:
        assert (got.injuries.total.low, got.injuries.total.high) == (want["wounded"]["low"], want["wounded"]["high"])
    # Evidence: every expected sentence at its exact offsets, and nothing else.
    assert [s.text for s in got.evidence] == want["evidence"]
    for span in got.evidence:
        assert article[span.start:span.end] == span.text and span.match == "exact"
        assert span.start == article.index(span.text)


def test_result_metadata(seed) -> None:  # type: ignore[no-untyped-def]
    article, _, result = seed
    import hashlib

    assert result.article.sha256 == hashlib.sha256(article.encode()).hexdigest()
    assert result.article.id == NAME and result.article.chars == len(article)
    assert len(result.prompt_version) == 12
    assert result.usage.requests == 1 and result.usage.prompt_tokens > 0
    assert result.model == "fake-model" and result.provider == "fake"


def test_a_headline_total_reported_as_an_incident_is_not_coded_again(seed) -> None:  # type: ignore[no-untyped-def]
    article, expected, _ = seed
    ideal = json.loads((FIXTURES / "ideal" / f"{NAME}.json").read_text(encoding="utf-8"))
    ideal["incidents"].append({  # sentence 1: "More than two dozen ... in ... Baghlan and Kunduz provinces over the past two ..."
        "when": "over the past two consecutive days", "province": "Baghlan and Kunduz provinces",
        "perpetrators": ["Taliban fighters"], "targets": ["security personnel"],
        "claims": [{"claimant": "officials", "killed": "More than two dozen", "victims": "security personnel"}],
        "sentences": [1],
    })
    result = Extractor(backend=FakeBackend([ideal])).extract(article, published=expected["published"])
    assert len(result.incidents) == 2
    assert [r.reason for r in result.rejected] == ["its only evidence sums up incidents listed elsewhere in the article"]
    assert any("incident 3: sentence 1 only sums up several incidents" in w for w in result.warnings)
    dropped = Extractor(Settings.from_env(env={"EXTRACTOR_REPORT_REJECTED": "false"}), backend=FakeBackend([ideal])).extract(
        article, published=expected["published"])
    assert dropped.rejected == [] and any("dropped" in w for w in dropped.warnings)

import json

import pytest

from extractor import Extractor

from extractor.testing import FakeBackend
from extractor.outputs.rows import ACLED_COLUMNS, UCDP_COLUMNS, acled_row, ucdp_row
from tests.conftest import FIXTURES

NAME = "xinhua-2020-01-29-kunduz-baghlan"


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    article = (FIXTURES / "articles" / f"{NAME}.txt").read_text(encoding="utf-8")
    ideal = json.loads((FIXTURES / "ideal" / f"{NAME}.json").read_text(encoding="utf-8"))
    return Extractor(backend=FakeBackend([ideal])).extract(article, published="2020-01-29", article_id=NAME, source="Xinhua")


def test_acled_rows(result) -> None:  # type: ignore[no-untyped-def]
    rows = [acled_row(i, result) for i in result.incidents]
    assert all(tuple(r) == ACLED_COLUMNS for r in rows)
    kunduz, baghlan = rows
    assert (kunduz["event_date"], kunduz["time_precision"], kunduz["event_type"], kunduz["sub_event_type"]) == (
        "2020-01-29", 1, "Battles", "Armed clash")
    assert (kunduz["actor1"], kunduz["inter1"], kunduz["inter2"], kunduz["interaction"]) == ("Taliban", 2, 1, "12")
    assert (kunduz["iso"], kunduz["admin1"], kunduz["admin2"], kunduz["location"]) == ("AF", "Kunduz", "Dasht-e-Archi", "Dasht-e-Archi")
    assert kunduz["fatalities"] == 28 and kunduz["source"] == "Xinhua"
    assert (baghlan["event_date"], baghlan["admin1"], baghlan["location"], baghlan["fatalities"]) == ("2020-01-28", "Baghlan", "Khawja Alwan", 12)
    # Dasht-e-Archi (a district town of 8,000, in GeoNames cities500) is placed itself: precision 1;
    # Khawja Alwan is in no gazetteer, but lies outside Pul-e-Khumri, which is: precision 2.
    assert (kunduz["latitude"], kunduz["longitude"], kunduz["geo_precision"]) == (37.13333, 69.16667, 1)
    assert (baghlan["latitude"], baghlan["longitude"], baghlan["geo_precision"]) == (35.94458, 68.71512, 2)
    # What one article cannot tell stays empty.
    assert kunduz["event_id_cnty"] == kunduz["region"] == kunduz["admin3"] == ""


def test_ucdp_rows(result) -> None:  # type: ignore[no-untyped-def]
    kunduz, baghlan = (ucdp_row(i, result) for i in result.incidents)
    assert tuple(kunduz) == UCDP_COLUMNS
    assert (kunduz["type_of_violence"], kunduz["side_a"], kunduz["side_b"]) == (1, "Government of Afghanistan", "Taliban")
    assert (kunduz["deaths_a"], kunduz["deaths_b"], kunduz["low"], kunduz["best"], kunduz["high"]) == (13, 15, 28, 28, 46)
    assert (kunduz["date_start"], kunduz["date_end"], kunduz["date_prec"]) == ("2020-01-29", "2020-01-29", 1)
    assert (baghlan["deaths_a"], baghlan["best"], baghlan["adm_1"]) == (12, 12, "Baghlan")
    assert (kunduz["where_prec"], baghlan["where_prec"]) == (1, 2)

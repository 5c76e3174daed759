import pytest

from extractor.coding import gazetteer
from extractor.coding.places import geocode


@pytest.mark.parametrize("name,expected", [
    ("Afghanistan", ("AF", "Afghanistan")),
    ("afghanistan", ("AF", "Afghanistan")),
    ("Somalia", ("SO", "Somalia")),
    ("DR Congo", ("CD", "Congo, The Democratic Republic of the")),
    ("Syria", ("SY", "Syria")),
    ("Atlantis", None),
    (None, None),
])
def test_country(name, expected) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.country(name) == expected


def test_countries_in_order_of_mention() -> None:
    found = gazetteer.countries_in("Troops from Kenya crossed into Somalia, officials in Kenya said.")
    assert [code for code, _ in found] == ["KE", "SO"]


@pytest.mark.parametrize("name,code,expected", [
    ("Kunduz", "AF", True), ("Baghlan", "AF", True), ("Dasht-e-Archi", "AF", False), ("Kunduz", None, None),
])
def test_is_admin1_folds_accents(name, code, expected) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.is_admin1(name, code) is expected


@pytest.mark.parametrize("name,code,town", [
    ("Pul-e-Khumri", "AF", "Pul-e Khumrī"), ("Kunduz", "AF", "Kunduz"), ("Mogadishu", "SO", "Mogadishu"),
])
def test_towns(name: str, code: str, town: str) -> None:
    assert gazetteer.towns(name, code)[0].name == town


@pytest.mark.parametrize("roles,precision", [
    ({"place": "Kunduz", "admin2": None, "admin1": "Kunduz"}, 1),
    ({"place": "Khawja Alwan", "admin2": "Pul-e-Khumri", "admin1": "Baghlan"}, 2),
    ({"place": "Dasht-e-Archi", "admin2": "Dasht-e-Archi", "admin1": "Kunduz"}, 3),
])
def test_geo_precision(roles: dict, precision: int) -> None:
    point, warnings = geocode(roles, "AF")
    assert point["geo_precision"] == precision
    assert bool(warnings) is (precision > 1)


def test_unplaceable_name_gets_a_warning_not_a_guess() -> None:
    point, warnings = geocode({"place": "Khawja Alwan", "admin2": None, "admin1": None}, "AF")
    assert point == {} and "not in the gazetteer" in warnings[0]

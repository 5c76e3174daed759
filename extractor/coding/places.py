"""Place names as written turned into a structured location (country, admin1, admin2, place).

The model assigns roles to names; this module strips the words around them ("the restive
Kunduz province" -> "Kunduz"), checks each name against the article, and fills a role the
model left empty from the evidence ("X district of ... Y province"). The offline gazetteer
then gives the country's ISO code, checks admin1 against ISO 3166-2, and places the most
specific name it knows, with ACLED's geo-precision: 1 the place itself, 2 a town the place
is near or part of (its admin2), 3 only the province.
"""

from __future__ import annotations

import re

from extractor.coding import gazetteer
from extractor.records import Location
from extractor.text.vocabulary import (
    ADMIN1_WORDS, ADMIN2_WORDS, COMPASS_WORDS, LEVEL_WORDS, SETTLEMENT_WORDS, words_pattern,
)

__all__ = ["clean_place", "code_location", "geocode"]

# Level words go whatever their case; descriptive words only in lower case, since capitalized they
# are part of the name ("North Kivu", "Northern Province", "Central African Republic").
_LEVEL_WORDS = re.compile(rf"\b(?:{words_pattern(LEVEL_WORDS)})\b", re.IGNORECASE)
_COMPASS = rf"(?:{words_pattern(COMPASS_WORDS)})(?:-?(?:{words_pattern(COMPASS_WORDS)}))?(?:ern)?"
_DESCRIPTIVE = re.compile(r"\b(?:the|restive|besieged|neighbou?ring|" + _COMPASS + r"|central|outside|near|in|of)\b")


def clean_place(name: str | None) -> str | None:
    if not name:
        return None
    if re.search(r"\band\b|&", name):
        return None  # "Baghlan and Kunduz provinces" names two places, so it names neither incident's
    head = re.split(r",|\s+for\s+", name)[0]  # "Abu Shouk camp for displaced people" is Abu Shouk camp
    # "Kabul's western Dasht-e-Barchi area": the owner is not the place, unless nothing else is named.
    owned = re.sub(r"^.*?[’']s\s+(?=\S)", "", head)
    return _strip(owned) or _strip(head)


def _strip(text: str) -> str | None:
    cleaned = _DESCRIPTIVE.sub(" ", _LEVEL_WORDS.sub(" ", text))
    cleaned = re.sub(r"[’']s\b", "", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-")
    return cleaned or None


_NAME = r"([A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*)*)"
_ROLE_PATTERNS = {
    "admin2": re.compile(_NAME + rf"\s+(?:{words_pattern(ADMIN2_WORDS)})\b"),
    "admin1": re.compile(_NAME + rf"\s+(?:{words_pattern(ADMIN1_WORDS)})\b"),  # lower case: not "Islamic State"
    "place": re.compile(_NAME + rf"\s+(?:{words_pattern(SETTLEMENT_WORDS)})\b"),
}


_ADMIN1_WORDS = re.compile(rf"\b(?:{words_pattern(ADMIN1_WORDS)})\b", re.IGNORECASE)
_ADMIN2_WORDS = re.compile(rf"\b(?:{words_pattern(ADMIN2_WORDS)})\b", re.IGNORECASE)


def _in(name: str | None, text: str) -> bool:
    return bool(name) and name.lower() in text.lower()  # type: ignore[union-attr]


Roles = dict[str, "str | None"]  # "place", "admin2", "admin1" -> a cleaned name


def model_roles(place: str | None, district: str | None, province: str | None) -> Roles:
    """The model's names in their roles; a name's own words say its level ("Baghlan province" is
    admin1 wherever the model put it). The model's `district` is admin2, its `province` admin1."""
    roles: Roles = {"place": None, "admin2": None, "admin1": None}
    for written, role in ((place, "place"), (district, "admin2"), (province, "admin1")):
        if written and _ADMIN1_WORDS.search(written) and not _ADMIN2_WORDS.search(written):
            role = "admin1"
        elif written and _ADMIN2_WORDS.search(written):
            role = "admin2"
        if written and roles[role] is None:
            roles[role] = clean_place(written)
    return roles


def check_roles(roles: Roles, country_name: str | None, evidence: str, article: str) -> tuple[Roles, list[str]]:
    """A name not in the article, or a province equal to the country, is dropped; an empty role is
    filled from the evidence ("X district", "Y province", "Z area/village/town")."""
    roles, warnings = dict(roles), []
    for role, pattern in _ROLE_PATTERNS.items():
        found = [f for f in (clean_place(m.group(1)) for m in pattern.finditer(evidence)) if f]
        current = roles[role]
        if current and (not _in(current, article) or (country_name and current.lower() == country_name.lower())):
            warnings.append(f"{role} {current!r} from the model is not a {role} named in the article; dropped")
            roles[role] = current = None
        if not current and found:
            roles[role] = found[0]
    return roles, warnings


def code_country(country_name: str | None, article: str) -> tuple[str | None, str | None, list[str]]:
    """(ISO alpha-2, name, warnings): the model's country if it is one or the article names it,
    else the first country the article names."""
    warnings = []
    known = gazetteer.country(country_name)
    if country_name and not known and not _in(country_name, article):
        warnings.append(f"country {country_name!r} is not named in the article; dropped")
        country_name = None
    if known:
        return known[0], known[1], warnings
    named = gazetteer.countries_in(article)
    if named:
        warnings.append(f"country taken from the article's text: {named[0][1]}")
        return named[0][0], named[0][1], warnings
    return None, country_name, warnings


def fill_place(roles: Roles, evidence: str) -> tuple[Roles, list[str]]:
    """The place is the most specific name known; a named provincial capital is the place's admin2."""
    roles = dict(roles)
    if roles["place"] is None:
        roles["place"] = roles["admin2"] or roles["admin1"]
    if roles["admin2"] is None and roles["place"] and roles["place"] != roles["admin1"]:
        # "outside provincial capital Pul-e-Khumri": a named capital is the district the place lies in.
        m = re.search(r"capital\s+" + _NAME, evidence)
        if m:
            roles["admin2"] = clean_place(m.group(1))
    if not any(roles.values()):
        return roles, ["no place below country level could be found; ACLED does not code country-level events"]
    return roles, []


def check_admin1(roles: Roles, code: str | None, evidence: str) -> tuple[Roles, list[str]]:
    """admin1 against ISO 3166-2: one it does not know gives way to one the evidence names that it does."""
    roles = dict(roles)
    if not roles["admin1"] or gazetteer.is_admin1(roles["admin1"], code) is not False:
        return roles, []
    # the evidence may name the province the model did not ("in Niger's western Tillaberi region")
    named = [clean_place(m.group(1)) for m in _ROLE_PATTERNS["admin1"].finditer(evidence)]
    better = next((n for n in named if n and gazetteer.is_admin1(n, code)), None)
    if not better:
        return roles, [f"{roles['admin1']!r} is not a first-level unit of {code} in ISO 3166-2; kept as written"]
    warning = f"{roles['admin1']!r} is not a first-level unit of {code}; the evidence names {better!r}"
    if roles["place"] is None or roles["place"] == better:
        roles["place"] = roles["admin1"]
    roles["admin1"] = better
    return roles, [warning]


def code_location(
    *, place: str | None, district: str | None, province: str | None, country: str | None,
    evidence: str, article: str,
) -> tuple[Location, list[str]]:
    """Structured location and warnings; evidence-derived names win over names not in the article.
    The steps, in order: `model_roles`, `check_roles`, `code_country`, `fill_place`, `check_admin1`,
    `geocode`."""
    country_name = clean_place(country)
    roles, warnings = check_roles(model_roles(place, district, province), country_name, evidence, article)
    code, country_name, country_warnings = code_country(country_name, article)
    roles, place_warnings = fill_place(roles, evidence)
    roles, admin1_warnings = check_admin1(roles, code, evidence)
    point, geo_warnings = geocode(roles, code)
    return (Location(country=country_name, country_code=code, **roles, **point),
            warnings + country_warnings + place_warnings + admin1_warnings + geo_warnings)


def geocode(roles: dict[str, str | None], code: str | None) -> tuple[dict, list[str]]:
    """Coordinates of the most specific name the gazetteer knows, with ACLED's geo_precision."""
    warnings: list[str] = []
    missing: list[str] = []
    for role, precision in (("place", 1), ("admin2", 2), ("admin1", 3)):
        name = roles.get(role)
        if not name or name in missing:
            continue
        found = gazetteer.towns(name, code)
        if not found:
            missing.append(name)
            continue
        if len({(round(t.latitude, 1), round(t.longitude, 1)) for t in found}) > 1:
            warnings.append(f"{name!r} names {len(found)} places in the gazetteer; took the first ({found[0].name})")
        if missing:
            warnings.append(f"{', '.join(map(repr, missing))} not in the gazetteer; placed at {found[0].name} "
                            f"(geo_precision {precision})")
        return {"latitude": found[0].latitude, "longitude": found[0].longitude, "geo_precision": precision}, warnings
    if missing:
        warnings.append(f"{', '.join(map(repr, missing))} not in the gazetteer: no coordinates")
    return {}, warnings

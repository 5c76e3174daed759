"""Place names as written turned into a structured location (country, admin1, admin2, place).

The model assigns roles to names; this module strips the words around them ("the restive
Kunduz province" -> "Kunduz"), checks each name against the article, and fills a role the
model left empty from the evidence ("X district of ... Y province").
"""

from __future__ import annotations

import re

from .records import Location

__all__ = ["clean_place", "code_location", "COUNTRIES"]

# Country names and ISO 3166-1 alpha-2 codes for the conflict-affected countries wire reports
# most often cover; extended by the gazetteer in a later version.
COUNTRIES: dict[str, str] = {
    "afghanistan": "AF", "pakistan": "PK", "iraq": "IQ", "syria": "SY", "yemen": "YE", "somalia": "SO",
    "nigeria": "NG", "mali": "ML", "burkina faso": "BF", "niger": "NE", "sudan": "SD", "south sudan": "SS",
    "ethiopia": "ET", "kenya": "KE", "democratic republic of the congo": "CD", "dr congo": "CD", "congo": "CG",
    "cameroon": "CM", "mozambique": "MZ", "libya": "LY", "egypt": "EG", "israel": "IL", "lebanon": "LB",
    "palestine": "PS", "ukraine": "UA", "russia": "RU", "india": "IN", "myanmar": "MM", "philippines": "PH",
    "colombia": "CO", "mexico": "MX", "el salvador": "SV", "guatemala": "GT", "peru": "PE", "haiti": "HT",
    "central african republic": "CF", "chad": "TD", "iran": "IR", "turkey": "TR", "bangladesh": "BD",
    "thailand": "TH", "indonesia": "ID", "sri lanka": "LK", "nepal": "NP", "venezuela": "VE", "honduras": "HN",
}

_NOISE = re.compile(
    r"\b(?:the|restive|neighbou?ring|northern|southern|eastern|western|central|north|south|east|west|"
    r"province|provinces|district|districts|region|state|county|governorate|department|prefecture|"
    r"area|village|town|city|capital|provincial|outside|near|in|of)\b",
    re.IGNORECASE,
)


def clean_place(name: str | None) -> str | None:
    if not name:
        return None
    if re.search(r"\band\b|&", name):
        return None  # "Baghlan and Kunduz provinces" names two places, so it names neither incident's
    cleaned = _NOISE.sub(" ", name.split(",")[0])
    cleaned = re.sub(r"[’']s\b", "", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-")
    return cleaned or None


_NAME = r"([A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*)*)"
_ROLE_PATTERNS = {
    "admin2": re.compile(_NAME + r"\s+district"),
    "admin1": re.compile(_NAME + r"\s+province"),
    "place": re.compile(_NAME + r"\s+(?:area|village|town)\b"),
}


_ADMIN1_WORDS = re.compile(r"\b(?:province|region|state|governorate)\b", re.IGNORECASE)
_ADMIN2_WORDS = re.compile(r"\b(?:district|county)\b", re.IGNORECASE)


def _in(name: str | None, text: str) -> bool:
    return bool(name) and name.lower() in text.lower()  # type: ignore[union-attr]


def code_location(
    *, place: str | None, district: str | None, province: str | None, country: str | None,
    evidence: str, article: str,
) -> tuple[Location, list[str]]:
    """Structured location and warnings; evidence-derived names win over names not in the article."""
    warnings: list[str] = []
    roles: dict[str, str | None] = {"place": None, "admin2": None, "admin1": None}
    # A name's own words say its level ("Baghlan province" is admin1 wherever the model put it).
    for written, role in ((place, "place"), (district, "admin2"), (province, "admin1")):
        if written and _ADMIN1_WORDS.search(written) and not _ADMIN2_WORDS.search(written):
            role = "admin1"
        elif written and _ADMIN2_WORDS.search(written):
            role = "admin2"
        if written and roles[role] is None:
            roles[role] = clean_place(written)
    country_name = clean_place(country)
    for role, pattern in _ROLE_PATTERNS.items():
        found = [clean_place(m.group(1)) for m in pattern.finditer(evidence)]
        found = [f for f in found if f]
        current = roles[role]
        if current and (not _in(current, article) or (country_name and current.lower() == country_name.lower())):
            warnings.append(f"{role} {current!r} from the model is not a {role} named in the article; dropped")
            roles[role] = current = None
        if not current and found:
            roles[role] = found[0]
    if country_name and country_name.lower() not in COUNTRIES and not _in(country_name, article):
        warnings.append(f"country {country_name!r} is not named in the article; dropped")
        country_name = None
    if not country_name:
        for name in sorted(COUNTRIES, key=len, reverse=True):
            if re.search(rf"\b{re.escape(name)}\b", article, re.IGNORECASE):
                country_name = name.title()
                warnings.append(f"country taken from the article's text: {country_name}")
                break
    code = COUNTRIES.get(country_name.lower()) if country_name else None
    if roles["place"] is None:
        roles["place"] = roles["admin2"] or roles["admin1"]
    if roles["admin2"] is None and roles["place"] and roles["place"] != roles["admin1"]:
        # "outside provincial capital Pul-e-Khumri": a named capital is the district the place lies in.
        m = re.search(r"capital\s+" + _NAME, evidence)
        if m:
            roles["admin2"] = clean_place(m.group(1))
    if not any(roles.values()):
        warnings.append("no place below country level could be found; ACLED does not code country-level events")
    return Location(country=country_name, country_code=code, **roles), warnings

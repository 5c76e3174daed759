"""MUC-4 texts and answer keys read in place, as gold incidents in our fields.

MUC-4 codes terrorist incidents in Latin America (1989-90) into 25-slot templates. The mapping
(documented in the README's benchmark section):

- a template is a gold incident when its stage is ACCOMPLISHED and it is not marked OPTIONAL;
  messages whose key is `*` have no incident (threats and attempts are not events here either);
- DATE: the first date of a range; "- 08 JAN 90" (on or before) is that date;
- LOCATION "COUNTRY: NAME (DEPARTMENT): NAME (TOWN)", levels by colons (MUC-4 task doc 7.4):
  country; admin1 = the first (DEPARTMENT|PROVINCE|STATE) level; place = the most specific level
  (of two places joined by a dash, "CUCUTA (CITY) - CAMPANARIO (REGION)", the incident lies
  between them: the first); admin2 = the level just above the place, else the second place of a
  dash, for pairing only, not scored ("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)": Lima): ACLED
  codes an event in a city's neighbourhood or outskirts at the city (geo-precision 1-2), as our
  coding does, so an incident coded to Lima is the key's San Isidro attack, and its place is still
  scored against San Isidro; a LOCATION of "-" or "*" gives no place, nor a country;
- TYPE: BOMBING -> explosion_remote_violence (remote_explosive_landmine_ied); KIDNAPPING ->
  violence_against_civilians / abduction_forced_disappearance; ATTACK -> battle / armed_clash when a
  human target's type is ACTIVE MILITARY or LAW ENFORCEMENT (not FORMER ACTIVE MILITARY), else violence_against_civilians / attack;
  ARSON and ROBBERY -> strategic_development / looting_property_destruction; FORCED WORK STOPPAGE
  is not an event;
- killed / wounded: the sum of the NUMBER of human targets whose EFFECT is DEATH / INJURY, scored only
  when every such target has a numeric number; none with that effect means 0.

MUC-4 does not code military operations against guerrillas or clashes the army reports, which wire
readers like ours do report: on this set precision understates and recall is the fairer figure.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from extractor.evaluation.scoring import FlatIncident, GoldArticle
from extractor.records import Range

__all__ = ["read_texts", "read_keys", "load_muc4", "template_to_incident"]

_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
_DATE = re.compile(r"(\d{1,2}) ([A-Z]{3}) (\d{2})")
_HEADER = re.compile(r"^(DEV-MUC3-\d{4}|TST\d-MUC4-\d{4}) \(\w+\)\s*$", re.MULTILINE)
_SLOT = re.compile(r"^(\d+)\.\s+([A-Z :]+?)\s{2,}(.*)$")
_ADMIN1 = ("(DEPARTMENT)", "(PROVINCE)", "(STATE)")


def read_texts(folder: Path | str) -> dict[str, str]:
    """Message id -> text (the body after the id line), from the set's text files."""
    texts: dict[str, str] = {}
    for file in sorted(Path(folder).iterdir()):
        if file.name.startswith("key-") or not re.match(r"(dev|tst\d)-muc", file.name):
            continue
        raw = file.read_text(encoding="latin-1")
        heads = list(_HEADER.finditer(raw))
        for head, nxt in zip(heads, heads[1:] + [None]):
            texts[head.group(1)] = raw[head.end():nxt.start() if nxt else len(raw)].strip() + "\n"
    return texts


def read_keys(folder: Path | str) -> dict[str, list[dict[str, list[str]]]]:
    """Message id -> its templates, each slot name -> its lines (continuation lines appended)."""
    keys: dict[str, list[dict[str, list[str]]]] = {}
    for file in sorted(Path(folder).glob("key-*")):
        template: dict[str, list[str]] | None = None
        slot = ""
        for line in file.read_text(encoding="latin-1").splitlines():
            if line.startswith(";"):
                continue
            m = _SLOT.match(line)
            if m:
                slot = m.group(2).strip()
                if slot == "MESSAGE: ID":
                    template = {}
                    keys.setdefault(m.group(3).split()[0], []).append(template)
                assert template is not None
                template[slot] = [m.group(3).strip()]
            elif line.strip() and template is not None and slot:
                template[slot].append(line.strip())
    return keys


def _date(value: str) -> dt.date | None:
    m = _DATE.search(value)
    if not m or m.group(2) not in _MONTHS:
        return None
    return dt.date(1900 + int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))


def _location(value: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(country, admin1, admin2, place) of a LOCATION slot (see the module doc)."""
    first = value.split(" / ")[0]
    levels = [p.strip() for p in first.split(":") if p.strip()]
    if not levels or levels[0] in ("*", "-"):
        return None, None, None, None
    country, below = levels[0].title(), levels[1:]
    first_unit = next((n for n, p in enumerate(below) if p.endswith(_ADMIN1)), None)
    admin1 = below[first_unit].split(" (")[0].title() if first_unit is not None else None
    named = [[q.strip().split(" (")[0].title() for q in p.split(" - ") if q.strip()]
             for n, p in enumerate(below) if n != first_unit]
    if not named:
        return country, admin1, None, None
    place, *between = named[-1]
    above = named[-2][0] if len(named) > 1 else (between[0] if between else None)
    return country, admin1, above, place


def _casualties(template: dict[str, list[str]], effect: str) -> Range | None | str:
    """The count of targets with this effect; 'unscored' when a number is not numeric."""
    numbers = {}
    for line in template.get("HUM TGT: NUMBER", []):
        m = re.match(r"(\d+)(?:\s*-\s*(\d+))?\s*:\s*(\".*\")", line)
        if m:
            numbers[m.group(3)] = (int(m.group(1)), int(m.group(2) or m.group(1)))
    low = high = 0
    for line in template.get("HUM TGT: EFFECT OF INCIDENT", []):
        m = re.match(r"([A-Z ]+):\s*(\".*\")", line)
        if not m or m.group(1).strip() != effect:
            continue
        if m.group(2) not in numbers:
            return "unscored"
        low, high = low + numbers[m.group(2)][0], high + numbers[m.group(2)][1]
    return Range(low=low, high=high) if high else None


def _types(kind: str, template: dict[str, list[str]]) -> tuple[str | None, str | None]:
    if kind == "BOMBING":
        return "explosion_remote_violence", "remote_explosive_landmine_ied"
    if kind == "KIDNAPPING":
        return "violence_against_civilians", "abduction_forced_disappearance"
    if kind in ("ARSON", "ROBBERY"):
        return "strategic_development", "looting_property_destruction"
    if kind == "ATTACK":
        kinds = {k.strip() for line in template.get("HUM TGT: TYPE", []) for k in line.split(":")[0].split("/")}
        if kinds & {"ACTIVE MILITARY", "LAW ENFORCEMENT"}:
            return "battle", "armed_clash"
        return "violence_against_civilians", "attack"
    return None, None


def template_to_incident(template: dict[str, list[str]]) -> FlatIncident | None:
    """A gold incident, or None for templates that are not events by the mapping above."""
    stage = template.get("INCIDENT: STAGE OF EXECUTION", ["*"])[0]
    kind = template.get("INCIDENT: TYPE", ["*"])[0].strip()
    if "OPTIONAL" in template.get("MESSAGE: TEMPLATE", [""])[0] or stage != "ACCOMPLISHED":
        return None
    event_type, sub_event_type = _types(kind, template)
    if event_type is None:
        return None
    country, admin1, admin2, place = _location(template.get("INCIDENT: LOCATION", ["*"])[0])
    unscored = ["admin2"] + ([] if admin1 else ["admin1"]) + ([] if place else ["place"])
    killed, wounded = _casualties(template, "DEATH"), _casualties(template, "INJURY")
    if killed == "unscored":
        unscored += ["killed_low", "killed_high"]
        killed = None
    if wounded == "unscored":
        unscored.append("wounded")
        wounded = None
    return FlatIncident(date=_date(template.get("INCIDENT: DATE", [""])[0]), country=country, admin1=admin1,
                        admin2=admin2, place=place, event_type=event_type, sub_event_type=sub_event_type,
                        killed=killed, wounded=wounded, unscored=unscored)  # type: ignore[arg-type]


def load_muc4(folder: Path | str, ids: list[str] | None = None) -> list[GoldArticle]:
    """Gold articles for the messages of one MUC-4 set (all, or `ids`), with the dateline as published date."""
    texts, keys = read_texts(folder), read_keys(folder)
    chosen = ids if ids is not None else sorted(texts)
    articles = []
    for message in chosen:
        text = texts[message]
        incidents = [i for i in (template_to_incident(t) for t in keys.get(message, [])) if i is not None]
        articles.append(GoldArticle(id=message, text=text, published=_date(text[:200]), incidents=incidents))
    return articles

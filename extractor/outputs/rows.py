"""Incidents as ACLED-shaped and UCDP-GED-shaped rows.

Columns follow the two datasets' public codebooks. A field we cannot know from one article
(ACLED's event id, region, admin3, coordinates the gazetteer cannot give, source scale;
UCDP's conflict ids) is left empty, never guessed. UCDP where_prec is mapped from ACLED's
geo_precision: 1 -> 1, 2 -> 2, 3 (province only) -> 4.
"""

from __future__ import annotations

from extractor.records import ExtractionResult, Incident

__all__ = ["ACLED_COLUMNS", "UCDP_COLUMNS", "acled_row", "ucdp_row"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags",
)
UCDP_COLUMNS = (
    "id", "year", "type_of_violence", "conflict_name", "side_a", "side_b", "source_article", "source_date",
    "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "where_prec", "country", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
)

_ACLED_TYPE = {
    "battle": "Battles", "explosion_remote_violence": "Explosions/Remote violence",
    "violence_against_civilians": "Violence against civilians", "protest": "Protests", "riot": "Riots",
    "strategic_development": "Strategic developments",
}
_DISORDER = {
    "battle": "Political violence", "explosion_remote_violence": "Political violence",
    "violence_against_civilians": "Political violence", "protest": "Demonstrations", "riot": "Demonstrations",
    "strategic_development": "Strategic developments",
}
_SUB_LABEL_FIX = {"air_drone_strike": "Air/drone strike", "remote_explosive_landmine_ied": "Remote explosive/landmine/IED",
                  "shelling_artillery_missile_attack": "Shelling/artillery/missile attack",
                  "abduction_forced_disappearance": "Abduction/forced disappearance",
                  "looting_property_destruction": "Looting/property destruction",
                  "change_to_group_activity": "Change to group/activity",
                  "non_state_actor_overtakes_territory": "Non-state actor overtakes territory"}
_INTER = {"state_forces": 1, "rebel_group": 2, "political_militia": 3, "identity_militia": 4, "rioters": 5,
          "protesters": 6, "civilians": 7, "external_force": 8}
_TIME_PREC = {"day": 1, "week": 2, "month": 3}
_UCDP_TYPE = {"state_based": 1, "non_state": 2, "one_sided": 3}
_UCDP_DATE_PREC = {"day": 1, "week": 3, "month": 4, "year": 5}  # ACLED codes no date vaguer than a month


def _or_empty(value: object) -> object:
    return "" if value is None else value


def _label(value: str | None) -> str:
    if not value:
        return ""
    return _SUB_LABEL_FIX.get(value) or value.replace("_", " ").capitalize()


def acled_row(incident: Incident, result: ExtractionResult) -> dict[str, object]:
    actors1, actors2 = incident.perpetrators, incident.targets
    if incident.event_type and incident.event_type.value in ("protest", "riot") and not actors1:
        actors1, actors2 = actors2, []
    inter1 = _INTER.get(actors1[0].kind, "") if actors1 and actors1[0].kind else ""
    inter2 = _INTER.get(actors2[0].kind, 0) if actors2 and actors2[0].kind else (0 if not actors2 else "")
    interaction = f"{min(inter1, inter2)}{max(inter1, inter2)}" if inter1 != "" and inter2 not in ("", 0) else (
        f"{inter1}0" if inter1 != "" and inter2 == 0 else "")
    date = incident.date
    value = date.value.isoformat() if date.value else ""
    et = incident.event_type.value if incident.event_type else None
    return {
        "event_id_cnty": "", "event_date": value, "year": date.value.year if date.value else "",
        "time_precision": _TIME_PREC.get(date.precision or "", ""),
        "disorder_type": _DISORDER.get(et or "", ""), "event_type": _ACLED_TYPE.get(et or "", ""),
        "sub_event_type": _label(incident.sub_event_type.value if incident.sub_event_type else None),
        "actor1": actors1[0].canonical if actors1 else "", "assoc_actor_1": "; ".join(a.canonical for a in actors1[1:]),
        "inter1": inter1, "actor2": actors2[0].canonical if actors2 else "",
        "assoc_actor_2": "; ".join(a.canonical for a in actors2[1:]), "inter2": inter2 if actors2 else "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if any(a.kind == "civilians" for a in incident.targets) else "",
        "iso": incident.location.country_code or "", "region": "", "country": incident.location.country or "",
        "admin1": incident.location.admin1 or "", "admin2": incident.location.admin2 or "", "admin3": "",
        "location": incident.location.place or "", "latitude": _or_empty(incident.location.latitude),
        "longitude": _or_empty(incident.location.longitude), "geo_precision": _or_empty(incident.location.geo_precision),
        "source": result.article.source or "", "source_scale": "", "notes": incident.summary,
        # ACLED codes the lowest reported figure, and 0 when no deaths are mentioned.
        "fatalities": incident.fatalities.total.low if incident.fatalities else 0,
        "tags": "; ".join(f"{c.claimant}: {c.killed.text} killed" for c in incident.claims if c.killed),
    }


def ucdp_row(incident: Incident, result: ExtractionResult) -> dict[str, object]:
    state = [a for a in incident.perpetrators + incident.targets if a.kind == "state_forces"]
    others = [a for a in incident.perpetrators + incident.targets if a.kind != "state_forces" and a.kind != "civilians"]
    side_a = (f"Government of {incident.location.country}" if state and incident.location.country else
              (state[0].canonical if state else (incident.perpetrators[0].canonical if incident.perpetrators else "")))
    side_b = others[0].canonical if others and state else (incident.targets[0].canonical if incident.targets and not state else "")
    groups = incident.fatalities.by_group if incident.fatalities else {}

    def best(group: str) -> object:
        return groups[group].best if group in groups else ""  # type: ignore[index]

    state_is_target = any(a.kind == "state_forces" for a in incident.targets)
    deaths_a = best("security_forces") if state else ""
    deaths_b = best("attackers") if state_is_target else ""
    date = incident.date
    total = incident.fatalities.total if incident.fatalities else None
    violence = incident.ucdp_violence.value if incident.ucdp_violence else None
    return {
        "id": "", "year": date.value.year if date.value else "", "type_of_violence": _UCDP_TYPE.get(violence or "", ""),
        "conflict_name": "", "side_a": side_a, "side_b": side_b, "source_article": result.article.url or result.article.id or "",
        "source_date": result.article.published.isoformat() if result.article.published else "",
        "where_coordinates": incident.location.place or "", "adm_1": incident.location.admin1 or "",
        "adm_2": incident.location.admin2 or "", "latitude": _or_empty(incident.location.latitude),
        "longitude": _or_empty(incident.location.longitude),
        "where_prec": {1: 1, 2: 2, 3: 4}.get(incident.location.geo_precision or 0, ""),
        "country": incident.location.country or "", "date_prec": _UCDP_DATE_PREC.get(date.precision or "", ""),
        "date_start": date.value.isoformat() if date.value else "",
        "date_end": (date.end or date.value).isoformat() if date.value else "",
        "deaths_a": deaths_a, "deaths_b": deaths_b, "deaths_civilians": best("civilians"), "deaths_unknown": best("unknown"),
        "best": total.best if total else "", "high": total.high if total else "", "low": total.low if total else "",
    }

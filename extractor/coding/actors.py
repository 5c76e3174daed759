"""Actor names as written mapped to one canonical name and an ACLED actor kind."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from extractor.records import Actor
from extractor.text.vocabulary import fold

__all__ = ["canonical_actors", "load_alias_table", "unique_actors"]


@lru_cache(maxsize=4)
def load_alias_table(extra: str | Path | None = None) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(canonical, kind, aliases) rows: the user's file first, then the shipped table."""
    rows = []
    sources = []
    if extra:
        sources.append(json.loads(Path(extra).read_text(encoding="utf-8")))
    sources.append(json.loads(resources.files("extractor").joinpath("data/actors.json").read_text(encoding="utf-8")))
    for source in sources:
        for row in source["actors"]:
            rows.append((row["canonical"], row["kind"], tuple(a.lower() for a in row["aliases"])))
    return tuple(rows)


@lru_cache(maxsize=4)
def _patterns(extra: str | Path | None) -> list[tuple[str, str, re.Pattern[str]]]:
    """One compiled whole-word alternation per row: each incident names several actors."""
    return [(canonical, kind, re.compile("|".join(rf"(?<![a-z]){re.escape(a)}(?![a-z])" for a in aliases) or r"(?!)"))
            for canonical, kind, aliases in load_alias_table(extra)]


def canonical_actors(name: str, country: str | None = None, table: str | Path | None = None) -> list[Actor]:
    """Every actor `name` mentions ("army and police personnel" is two), by alias as whole words.

    A name no alias matches is kept as written, without a kind: unknown, never guessed.
    """
    text = name.lower()
    found: list[Actor] = []
    for canonical, kind, pattern in _patterns(table):
        if pattern.search(text):
            canonical = canonical.replace("{country}", country or "unknown country")
            if kind == "civilians" and found:
                continue  # "people" in "police personnel and people" adds nothing once an actor is found
            if all(a.canonical != canonical for a in found):
                found.append(Actor(name=name, canonical=canonical, kind=kind))  # type: ignore[arg-type]
    if not found:
        cleaned = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I)
        found.append(Actor(name=name, canonical=cleaned, kind=None))
    return found


def unique_actors(actors: list[Actor]) -> list[Actor]:
    """Each canonical actor once, first mention kept. Names are compared as `text.vocabulary.fold`
    compares them: "Bandits" and "bandits", "Mai-Mai" and "Mai Mai", "Séléka" and "Seleka" are one
    actor (a name no alias matches keeps its words as written, so two reports may write it two ways)."""
    seen: set[str] = set()
    out = []
    for actor in actors:
        key = fold(actor.canonical)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out

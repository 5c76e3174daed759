"""Token prices, for the cost estimate of a run and for stopping it at a budget."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["price_of", "cost"]


def _table() -> dict[str, list[float]]:
    return _load(os.environ.get("EXTRACTOR_PRICES") or None)


@lru_cache(maxsize=4)
def _load(extra: str | None) -> dict[str, list[float]]:
    """Read once per price file: a batch asks for the price after every call."""
    table = json.loads(resources.files("extractor").joinpath("data/prices.json").read_text(encoding="utf-8"))["prices"]
    if extra:
        table.update(json.loads(Path(extra).read_text(encoding="utf-8"))["prices"])
    return table


def price_of(model: str) -> tuple[float, float] | None:
    """(USD per 1M input tokens, per 1M output tokens), or None when the model has no listed price."""
    found = _table().get(model)
    return (float(found[0]), float(found[1])) if found else None


def cost(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    price = price_of(model)
    if price is None:
        return None
    return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000

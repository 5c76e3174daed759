"""Token prices, for the cost estimate of a run and for stopping it at a budget."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["price_of", "cost"]


@lru_cache(maxsize=4)
def _load(extra: Path | None) -> dict[str, list[float]]:
    """The shipped table updated by the user's file (Settings.prices_path, EXTRACTOR_PRICES),
    read once per file: a batch asks for the price after every call."""
    table = json.loads(resources.files("extractor").joinpath("data/prices.json").read_text(encoding="utf-8"))["prices"]
    if extra:
        table.update(json.loads(Path(extra).read_text(encoding="utf-8"))["prices"])
    return table


def price_of(model: str, prices: Path | None = None) -> tuple[float, float] | None:
    """(USD per 1M input tokens, per 1M output tokens), or None when the model has no listed price.
    `prices`: a JSON file `{"prices": {model: [input, output]}}` that adds to or overrides the shipped table."""
    found = _load(prices).get(model)
    return (float(found[0]), float(found[1])) if found else None


def cost(model: str, prompt_tokens: int, completion_tokens: int, prices: Path | None = None) -> float | None:
    """USD for the tokens, or None when the model has no listed price."""
    price = price_of(model, prices)
    if price is None:
        return None
    return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000

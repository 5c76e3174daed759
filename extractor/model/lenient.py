"""How a small model's JSON is read: leniently where the meaning is plain, never by guessing.

A 1.5B model writes a bare string where a list belongs, null for "none", a list of words where one
text belongs, `3` for "3", and wraps its answer in a Markdown code fence. Re-asking for such
things costs a request and rarely helps, so both answer shapes (`schema`, `pointed`) read them
with these functions; what cannot be read this way is sent back or set aside by the schemas.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ValidationError

__all__ = ["as_list", "as_text", "nfc", "text_or_none", "unfenced", "first_error", "cached_schema"]

# What a model writes for "no value".
_NOTHING = frozenset({"", "null", "none", "n/a", "na", "unknown", "not mentioned", "not specified", "-"})
_FENCE = re.compile(r"\A\s*```[\w-]*[ \t]*\r?\n?(.*?)\r?\n?```\s*\Z", re.DOTALL)


def as_list(value: object) -> object:
    """null -> [], "x" -> ["x"], 2 -> [2], {...} -> [{...}], nulls inside a list left out: what a
    small model writes for a list. Anything else is returned for the schema to refuse."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (dict, int)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, list):
        return [v for v in value if v is not None]
    return value


def as_text(value: object) -> object:
    """["soldiers", "police"] -> "soldiers; police": a list of words where one text belongs (nulls
    and blanks left out; an empty list is no text)."""
    if isinstance(value, list) and all(isinstance(v, str) or v is None for v in value):
        parts = [v.strip() for v in value if v and v.strip()]
        return "; ".join(parts) or None
    return value


def text_or_none(value: object) -> object:
    """'', 'null', 'unknown' and the like are no value; a bare number is its text; text is stripped."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, str) and value.strip().lower() in _NOTHING:
        return None
    return value.strip() if isinstance(value, str) else value


def nfc(value: object) -> object:
    """`value` with every string in it in Unicode NFC ("Se\u0301le\u0301ka" -> "Séléka"): names
    come out in one form whatever form the model copied them in."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def unfenced(data: str | bytes) -> str | bytes:
    """An answer wrapped in a Markdown code fence ("```json\\n{...}\\n```", as chat models write
    it) without its fence; any other text as it is."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    fenced = _FENCE.match(text)
    return fenced.group(1) if fenced else data


def first_error(exc: ValidationError) -> str:
    """The first error of a validation failure, on one line (for warnings and messages)."""
    lines = str(exc).strip().splitlines()
    return " ".join(lines[1:3])[:300] if len(lines) > 1 else type(exc).__name__


@lru_cache(maxsize=8)
def _schema(model: type[BaseModel], args: tuple, kwargs: tuple) -> dict[str, Any]:
    return BaseModel.model_json_schema.__func__(model, *args, **dict(kwargs))  # type: ignore[attr-defined]


def cached_schema(model: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
    """`model`'s JSON schema, built once: instructor asks for it on every request, and building it
    costs ~8 ms of CPU, about half of a call's client-side cost. A fresh copy each time, so callers
    may mutate it."""
    return copy.deepcopy(_schema(model, args, tuple(sorted(kwargs.items()))))

"""One exception tree. Every message says what went wrong and what to do about it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from extractor.records import Usage

__all__ = [
    "ExtractorError",
    "InputError",
    "EmptyArticleError",
    "NotTextError",
    "ArticleTooLargeError",
    "ConfigError",
    "ModelNotFoundError",
    "LocalServerError",
    "ExtractionError",
    "redact",
    "remember_secret",
]

# Credentials as they show up in error text: an Authorization header's value, an OpenAI-style key
# (sk-..., sk-proj-...), a `key=value` / `"api_key": "..."` pair. A server that echoes the request
# in its error body (some do, on 401) must not put them into outputs, run stores or logs.
_SECRET_SHAPES = re.compile(
    r"(?i)(?P<scheme>\b(?:bearer|basic|token)\s+)[A-Za-z0-9._~+/=-]{8,}"
    r"|\bsk-[A-Za-z0-9_-]{8,}"
    r"|(?P<name>\b(?:api[_-]?key|access[_-]?token|auth[_-]?token|secret|password)[\"']?\s*[:=]\s*[\"']?)"
    r"[^\s\"',;&]{4,}"
)
_known_secrets: set[str] = set()
REDACTED = "[redacted]"


def remember_secret(value: str | None) -> None:
    """Add a configured credential (an API key) to what `redact` strips, in this process.

    Values under 6 characters are not remembered: stripping every "abc" from messages would
    garble them; such a key is still stripped where it has a credential's shape."""
    if value and len(value) >= 6:
        _known_secrets.add(value)


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` without the configured keys (`remember_secret`, plus `secrets`) and anything shaped
    like a credential. The one function every error text passes through before it is stored
    (run store, exchange log) or printed; `ExtractorError` applies it to its own message."""
    for secret in sorted({*_known_secrets, *(s for s in secrets if s and len(s) >= 6)}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)

    def mask(match: re.Match[str]) -> str:
        return (match.group("scheme") or match.group("name") or "") + REDACTED

    return _SECRET_SHAPES.sub(mask, text)


class ExtractorError(Exception):
    """Base of every error this package raises on purpose. Its message never holds a credential
    (see `redact`): a server's error body quoted in it may echo the request's key."""

    def __init__(self, *args: object) -> None:
        super().__init__(*(redact(a) if isinstance(a, str) else a for a in args))


class InputError(ExtractorError, ValueError):
    """The article itself is unusable; no model call was made."""


class EmptyArticleError(InputError):
    def __init__(self) -> None:
        super().__init__("the article is empty or only whitespace: pass the article's text")


class NotTextError(InputError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"the article is not UTF-8 text ({detail}): decode it yourself "
            "(e.g. bytes.decode('latin-1')) and pass a str"
        )


class ArticleTooLargeError(InputError):
    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            f"the article has {size:,} characters, over the limit of {limit:,}: "
            "split it, or raise max_chars (EXTRACTOR_MAX_CHARS)"
        )


class ConfigError(ExtractorError):
    """A setting is missing or contradicts another."""


class ModelNotFoundError(ConfigError):
    """No model file for the embedded local model could be found or fetched."""


class LocalServerError(ExtractorError):
    """The embedded llama.cpp server could not be started or stopped answering."""


class ExtractionError(ExtractorError):
    """The model call failed for good: transport retries and validation re-asks are spent.

    Carries what was spent so that batch accounting stays true even for failures.
    """

    def __init__(self, message: str, *, cause: str, attempts: int, usage: Usage | None = None) -> None:
        self.cause = cause
        self.attempts = attempts
        self.usage = usage
        super().__init__(message)

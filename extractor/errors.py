"""One exception tree. Every message says what went wrong and what to do about it."""

from __future__ import annotations

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
]


class ExtractorError(Exception):
    """Base of every error this package raises on purpose."""


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

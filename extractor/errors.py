"""One exception tree. Every message says what went wrong and what to do about it."""

from __future__ import annotations

import base64
import json
import re
import warnings
from functools import lru_cache
from urllib.parse import quote, quote_plus
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
    "ExtractorWarning",
    "one_line_warnings",
    "redact",
    "quoted_forms",
    "remember_secret",
]

# Credentials as they show up in error text: an Authorization header's value, an OpenAI-style key
# (sk-..., sk-proj-..., also as pydantic shortens it: "sk-proj...-XYZ"), a `key=value` /
# `"api_key": "..."` pair. A server that echoes the request in its error body (some do, on 401)
# must not put them into outputs, run stores or logs.
_SECRET_SHAPES = re.compile(
    r"(?i)(?P<scheme>\b(?:bearer|basic|token)\s+)(?:[A-Za-z0-9._~+/=-]|\\/){8,}"
    r"|(?P<sk>\bsk-[A-Za-z0-9_-]*(?:\.+[A-Za-z0-9_-]+)*)"
    r"|(?P<name>\b(?:api[_-]?key|access[_-]?token|auth[_-]?token|secret|password)[\"']?\s*[:=]\s*[\"']?)"
    r"[^\s\"',;&]{4,}"
)
# A configured key's characters after "sk-" that make a token key-shaped (dots not counted).
_SK_BODY = 8
# A run of this many consecutive characters of a configured key (in any of its quoted forms) is
# redacted wherever it appears: error text cut short (pydantic's "input_value='...sk-pr...cdef'")
# still carries most of a key. A run that could be ordinary text (no digit, no capital letter:
# "required" of "sk-no-key-required") counts only from PLAIN_FRAGMENT characters on.
FRAGMENT = 8
PLAIN_FRAGMENT = 12
# Keys that servers which need none are given (`sk-no-key-needed`, "EMPTY", "none"): never
# remembered, since stripping them would garble ordinary words and they guard nothing.
_PLACEHOLDER_KEY = re.compile(
    r"(?i)(?:sk-)?(?:no-?key|not?-?needed|none|null|empty|dummy|fake|placeholder|unused|anything|test|x+)"
    r"(?:[-_](?:no|key|needed|required|here|needed-here))*"
)
_known_secrets: set[str] = set()
REDACTED = "[redacted]"


def remember_secret(value: str | None) -> None:
    """Add a configured credential (an API key) to what `redact` strips, in this process.

    Values under 6 characters are not remembered: stripping every "abc" from messages would
    garble them; such a key is still stripped where it has a credential's shape. Nor is a
    placeholder (`_PLACEHOLDER_KEY`: "sk-no-key-needed", "EMPTY"), which is no secret."""
    if value and len(value) >= 6 and not _PLACEHOLDER_KEY.fullmatch(value):
        _known_secrets.add(value)


@lru_cache(maxsize=64)
def quoted_forms(secret: str) -> frozenset[str]:
    """`secret` as error text may hold it: as is; JSON-escaped (`\\"` for `"`), also with `\\/` for
    `/` as PHP's json_encode writes, and escaped twice (a JSON body quoted inside a JSON string);
    URL-encoded (`%2F`, upper or lower hex, `+` for a space); and wholly encoded (`_encoded_forms`:
    base64, every character as `\\uXXXX`, `&#xHH;` / `&#DD;` or `%XX`)."""
    forms = {secret}
    for _ in range(2):
        for form in list(forms):
            for escaped in (json.dumps(form)[1:-1], json.dumps(form, ensure_ascii=False)[1:-1]):
                forms |= {escaped, escaped.replace("/", "\\/")}
    for encoded in (quote(secret, safe=""), quote(secret), quote_plus(secret)):
        forms |= {encoded, re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), encoded)}
    return frozenset(forms | _encoded_forms(secret))


def _encoded_forms(secret: str) -> set[str]:
    """`secret` with every character encoded, as a server may echo it: base64 (standard and
    URL-safe, at each of the 3 byte alignments it can have inside a longer value such as
    "Basic base64(user:KEY)": only the characters that depend on the key alone), `\\uXXXX`
    (lower or upper hex), HTML character references (`&#xhh;`, `&#XHH;`, `&#dd;`), `%XX` (either case)."""
    raw = secret.encode()
    forms: set[str] = set()
    for shift in range(3):
        encoded = base64.b64encode(bytes(shift) + raw).decode()
        core = encoded[(shift * 8 + 5) // 6:(len(encoded) - 4) if len(encoded) > 8 else None]
        forms |= {encoded if shift == 0 else core, core, core.replace("+", "-").replace("/", "_")}
        forms.add(encoded.rstrip("=").replace("+", "-").replace("/", "_") if shift == 0 else core)
    forms |= {"".join(f"\\u{ord(c):04x}" for c in secret), "".join(f"\\u{ord(c):04X}" for c in secret)}
    forms |= {"".join(f"&#x{ord(c):x};" for c in secret), "".join(f"&#x{ord(c):X};" for c in secret),
              "".join(f"&#X{ord(c):X};" for c in secret), "".join(f"&#{ord(c)};" for c in secret)}
    forms |= {"".join(f"%{b:02X}" for b in raw), "".join(f"%{b:02x}" for b in raw)}
    return {form for form in forms if form}


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` without the configured keys (`remember_secret`, plus `secrets`) and anything shaped
    like a credential. The one function every error text passes through before it is stored
    (run store, exchange log) or printed; `ExtractorError` applies it to its own message.

    A configured key is stripped in each of its `quoted_forms`, and so is any run of `FRAGMENT`
    or more of its consecutive characters in any of them (a form shorter than that: only whole)."""
    keys = frozenset({*_known_secrets, *(s for s in secrets if s and len(s) >= 6)})
    if keys:
        text = _strip_keys(text, *_key_patterns(keys))

    def mask(match: re.Match[str]) -> str:
        if match.group("sk") is not None:
            body = match.group("sk")[3:].replace(".", "")
            return match.group() if len(body) < _SK_BODY else REDACTED
        return (match.group("scheme") or match.group("name") or "") + REDACTED

    return _SECRET_SHAPES.sub(mask, text)


@lru_cache(maxsize=16)
def _key_patterns(keys: frozenset[str]) -> tuple[frozenset[str], dict[int, frozenset[str]]]:
    """(forms shorter than FRAGMENT, the runs that count by length) of `keys`: every FRAGMENT-long
    run of the longer forms that could not be ordinary text (`_keyish`), and every PLAIN_FRAGMENT-long one."""
    forms = {form for key in keys for form in quoted_forms(key)}
    short = frozenset(f for f in forms if len(f) < FRAGMENT)
    runs = {size: {f[i:i + size] for f in forms for i in range(len(f) - size + 1)} for size in (FRAGMENT, PLAIN_FRAGMENT)}
    grams = {FRAGMENT: frozenset(filter(_keyish, runs[FRAGMENT])), PLAIN_FRAGMENT: frozenset(runs[PLAIN_FRAGMENT])}
    return short, grams


_PROSE = frozenset("abcdefghijklmnopqrstuvwxyz .,;:!?'\"()-")


def _keyish(run: str) -> bool:
    """Whether a run of a key's characters could not be ordinary text: it holds a digit, a capital
    or anything else prose is not made of (an escape's backslash, `_`, `/`, `%`, `&`, `#` ...)."""
    return any(c not in _PROSE for c in run)


def _strip_keys(text: str, short: frozenset[str], grams: dict[int, frozenset[str]]) -> str:
    """`text` with each span covered by a short form or a run in `grams` replaced by REDACTED;
    spans that overlap or touch become one."""
    spans = [(m.start(), m.end()) for form in short for m in re.finditer(re.escape(form), text)]
    spans += [(i, i + size) for size, runs in grams.items()
              for i in range(len(text) - size + 1) if text[i:i + size] in runs]
    if not spans:
        return text
    out: list[str] = []
    end = -1
    for start, stop in sorted(spans):
        if start > end:
            out += [text[max(end, 0):start], REDACTED]
        end = max(end, stop)
    return "".join(out) + text[end:]


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

    Carries what was spent so that batch accounting stays true even for failures, and the answers
    the model wrote to the requests that failed (`answers`, as written, in order: none for a
    transport failure), so that the exchange log keeps them.
    """

    def __init__(self, message: str, *, cause: str, attempts: int, usage: Usage | None = None,
                 answers: list[str] | None = None) -> None:
        self.cause = cause
        self.attempts = attempts
        self.usage = usage
        self.answers = list(answers or [])
        super().__init__(message)


class ExtractorWarning(RuntimeWarning):
    """Something this package could not do and worked around (a side record that could not be
    written). Its message says what failed and what to do; the command line prints it as one
    line (`one_line_warnings`)."""


def one_line_warnings() -> None:
    """Print ExtractorWarnings as `warning: MESSAGE`, without Python's file, line number and source
    line, which tell a user of the command line nothing; other warnings print as Python prints them."""
    python_format = warnings.formatwarning
    if getattr(python_format, "one_line", False):
        return

    def format_warning(message, category, filename, lineno, line=None):  # type: ignore[no-untyped-def]
        if issubclass(category, ExtractorWarning):
            return f"warning: {message}\n"
        return python_format(message, category, filename, lineno, line)

    format_warning.one_line = True  # type: ignore[attr-defined]
    warnings.formatwarning = format_warning

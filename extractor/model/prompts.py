"""Prompt templates from files; their hash is the prompt version every result records.

A folder holds `system.txt` and `user.txt` (`$article` is where the article goes: the numbered
sentences of `text.sentences`), and optionally a worked example as one earlier exchange:
`example-report.txt` (a numbered report, put into the user template) and `example-answer.json`
(the answer the model should have given). A 1.5B model copies the example's shape (compact JSON,
fields it leaves out) far more faithfully than it follows a schema (issue 12).
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template

from extractor.errors import ConfigError

__all__ = ["Prompts", "load_prompts", "prompts_dir"]

_NAMES = ("system.txt", "user.txt")
_EXAMPLE = ("example-report.txt", "example-answer.json")


def prompts_dir(configured: Path | None = None) -> Path:
    """The templates' folder: `configured` (Settings.prompts_dir, EXTRACTOR_PROMPTS_DIR), else the
    checkout's `prompts/`, else the installed copy. Raises ConfigError when none holds both files."""
    candidates = [
        configured,
        Path(__file__).resolve().parents[2] / "prompts",
        Path(sys.prefix) / "share" / "extractor" / "prompts",
    ]
    for candidate in candidates:
        if candidate and all((Path(candidate) / n).is_file() for n in _NAMES):
            return Path(candidate)
    raise ConfigError(
        "prompt templates system.txt and user.txt not found: set EXTRACTOR_PROMPTS_DIR to their folder "
        "or reinstall the package"
    )


@dataclass(frozen=True)
class Prompts:
    system: str
    user: str
    example_report: str | None = None
    example_answer: str | None = None

    @property
    def version(self) -> str:
        """Changes whenever a template changes, so cached outputs of old prompts are not reused.
        (Without an example it is the hash of the two templates alone, as before examples existed.)"""
        parts = [self.system, self.user]
        if self.example_report is not None:
            parts += [self.example_report, self.example_answer or ""]
        return hashlib.sha256(b"\0".join(p.encode() for p in parts)).hexdigest()[:12]

    def messages(self, article: str) -> list[dict[str, str]]:
        """The chat messages for `article` (the text to put in the user template as it is)."""
        # The publication date is deliberately not given: a small model copies it as the event date.
        messages = [{"role": "system", "content": self.system}]
        if self.example_report is not None:
            messages += [{"role": "user", "content": self._user(self.example_report.strip())},
                         {"role": "assistant", "content": (self.example_answer or "").strip()}]
        return messages + [{"role": "user", "content": self._user(article)}]

    def _user(self, article: str) -> str:
        return Template(self.user).safe_substitute(article=article)


@lru_cache(maxsize=8)
def _load(folder: str) -> Prompts:
    path = Path(folder)
    system, user = (path.joinpath(n).read_text(encoding="utf-8") for n in _NAMES)
    if all(path.joinpath(n).is_file() for n in _EXAMPLE):
        report, answer = (path.joinpath(n).read_text(encoding="utf-8") for n in _EXAMPLE)
        return Prompts(system, user, report, answer)
    return Prompts(system, user)


def load_prompts(folder: Path | None = None) -> Prompts:
    """The templates of `folder` (see `prompts_dir`), read once per folder."""
    return _load(str(prompts_dir(folder)))

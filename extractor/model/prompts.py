"""Prompt templates from files; their hash is the prompt version every result records."""

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

    @property
    def version(self) -> str:
        """Changes whenever a template changes, so cached outputs of old prompts are not reused."""
        digest = hashlib.sha256(self.system.encode() + b"\0" + self.user.encode()).hexdigest()
        return digest[:12]

    def messages(self, article: str) -> list[dict[str, str]]:
        # The publication date is deliberately not given: a small model copies it as the event date.
        user = Template(self.user).safe_substitute(article=article)
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]


@lru_cache(maxsize=8)
def _load(folder: str) -> Prompts:
    path = Path(folder)
    return Prompts(*(path.joinpath(n).read_text(encoding="utf-8") for n in _NAMES))


def load_prompts(folder: Path | None = None) -> Prompts:
    """The templates of `folder` (see `prompts_dir`), read once per folder."""
    return _load(str(prompts_dir(folder)))

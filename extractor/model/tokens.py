"""Token estimates where no tokenizer is at hand (rate limits before a call, fake answers).

Four characters a token is OpenAI's rule of thumb for English text; it errs a little high for
wire copy, which is the safe side for a budget or a tokens-per-minute limit.
"""

from __future__ import annotations

__all__ = ["CHARS_PER_TOKEN", "estimate_tokens"]

CHARS_PER_TOKEN = 4


def estimate_tokens(text: str) -> int:
    """About how many tokens `text` is (characters / CHARS_PER_TOKEN, rounded down)."""
    return len(text) // CHARS_PER_TOKEN

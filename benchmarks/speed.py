"""Seconds and tokens per article on the configured model (default: the embedded local model).

Usage: .venv/bin/python benchmarks/speed.py [ARTICLE.txt ...]   (default: fixtures/articles/*.txt)
Prints one line per article and a summary; the README quotes its output.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from extractor import ExtractionError, Extractor


def main(paths: list[str]) -> None:
    root = Path(__file__).resolve().parent.parent
    files = [Path(p) for p in paths] or sorted((root / "fixtures" / "articles").glob("*.txt"))
    ex = Extractor()
    started = time.perf_counter()
    ex.backend._base_url() if hasattr(ex.backend, "_base_url") else None  # start the local server first
    print(f"server ready in {time.perf_counter() - started:.1f}s ({ex.backend.provider}: {ex.backend.model})")
    seconds, prompt, completion = [], 0, 0
    for path in files:
        try:
            result = ex.extract(path.read_text(encoding="utf-8"), article_id=path.stem)
        except ExtractionError as exc:
            print(f"{path.name}: FAILED ({exc.cause})")
            continue
        seconds.append(result.seconds)
        prompt += result.usage.prompt_tokens
        completion += result.usage.completion_tokens
        print(f"{path.name}: {result.seconds:.1f}s, {len(path.read_text())} chars, {len(result.incidents)} incidents, "
              f"{result.usage.prompt_tokens} prompt + {result.usage.completion_tokens} completion tokens, "
              f"{result.usage.requests} request(s)")
    if seconds:
        print(f"articles: {len(seconds)}; seconds/article: mean {statistics.mean(seconds):.1f}, "
              f"median {statistics.median(seconds):.1f}; tokens/article: {prompt // len(seconds)} in, "
              f"{completion // len(seconds)} out")


if __name__ == "__main__":
    main(sys.argv[1:])

"""The README's screenshot of the review page for the seed article, from the local model's cached answer.

    .venv/bin/python benchmarks/review_screenshot.py     # writes docs/review-seed.png

Uses the answer the quality benchmark cached (benchmarks/cache/gold/extractor.jsonl), coded by the
current rules, with the gold coding marked; needs Debian's chromium and chromedriver.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import Extractor, Settings  # noqa: E402

from extractor.model.backends import RecordedBackend  # noqa: E402
from extractor.evaluation.scoring import load_gold  # noqa: E402
from extractor.evaluation.review import ReviewArticle, render_report  # noqa: E402

SEED = "xinhua-2020-01-29-kunduz-baghlan"


def main() -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    gold = next(a for a in load_gold(ROOT / "fixtures" / "gold") if a.id == SEED)
    cache = ROOT / "benchmarks" / "cache" / "gold" / "extractor.jsonl"
    answer = next(r for r in map(json.loads, cache.read_text().splitlines()) if r["id"] == SEED)
    coder = Extractor(Settings(log="off"), backend=RecordedBackend("cache", "cached answers"))
    result = coder.code_output(gold.text, answer["output"], published=gold.published, article_id=SEED, salvage=True)
    page = Path(tempfile.mkdtemp()) / "review.html"
    page.write_text(render_report([ReviewArticle(id=SEED, text=gold.text, result=result, gold=gold.incidents)],
                                  title="extractor review: seed article, local 1.5B model"), encoding="utf-8")
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(page.as_uri())
        driver.find_elements(By.CSS_SELECTOR, ".card")[0].click()
        out = ROOT / "docs" / "review-seed.png"
        driver.save_screenshot(str(out))
    finally:
        driver.quit()
    print(out)


if __name__ == "__main__":
    main()

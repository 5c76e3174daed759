"""The HTML review page: what it holds, the `report` command, and its behaviour in headless Chromium."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import Extractor

from extractor.testing import FakeBackend
from extractor.cli.main import app
from extractor.evaluation.scoring import load_gold
from extractor.evaluation.review import ReviewArticle, render_report

ROOT = Path(__file__).resolve().parent.parent
SEED = "xinhua-2020-01-29-kunduz-baghlan"
SEED_TEXT = (ROOT / "fixtures" / "articles" / f"{SEED}.txt").read_text(encoding="utf-8")


def _ideal() -> dict:
    data = json.loads((ROOT / "fixtures" / "ideal" / f"{SEED}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _seed_result():  # type: ignore[no-untyped-def]
    return Extractor(backend=FakeBackend([_ideal()]), log="off").extract(SEED_TEXT, article_id=SEED, published="2020-01-29")


def test_page_holds_text_evidence_and_cards() -> None:
    result = _seed_result()
    page = render_report([ReviewArticle(id=SEED, text=SEED_TEXT, result=result)])
    assert page.startswith("<!doctype html>") and "<script src" not in page and "<link" not in page  # self-contained
    assert page.count('class="card ') == 2
    # each evidence span is a <mark> naming its incident, and covers exactly the article's words
    marked = re.findall(r'<mark data-incidents="([^"]+)">([^<]*)</mark>', page)
    assert {ids for ids, _ in marked} == {"a0-i0", "a0-i1"}
    first = "".join(text for ids, text in marked if ids == "a0-i0")
    assert "At least 13 troopers" in first and "more than 30 soldiers" in first
    assert "28-46 (best 28)" in page and "early Wednesday" in page
    assert '<option value="battle">battle</option>' in page and '<option value="Afghanistan">' in page


def test_overlapping_spans_name_every_incident_and_text_is_escaped() -> None:
    from extractor.evaluation.review import _highlight

    text = "A <b>bomb</b> & a clash."
    out = _highlight(text, [(0, 13, "x"), (2, 24, "y")])
    assert "&lt;b&gt;" in out and "&amp;" in out and "<b>" not in out
    assert '<mark data-incidents="x y">' in out  # the overlap belongs to both
    assert re.sub(r"<[^>]+>", "", out) == "A &lt;b&gt;bomb&lt;/b&gt; &amp; a clash."


def test_gold_marks_matches_extras_and_misses() -> None:
    result = _seed_result()
    gold = next(a for a in load_gold(ROOT / "fixtures" / "gold") if a.id == SEED)
    page = render_report([ReviewArticle(id=SEED, text=SEED_TEXT, result=result, gold=gold.incidents)])
    assert page.count("matches gold") == 2 and "missed gold incident" not in page
    only_one = render_report([ReviewArticle(id=SEED, text=SEED_TEXT, result=result, gold=gold.incidents[:1])])
    assert only_one.count("matches gold") == 1 and only_one.count("not in gold") == 1
    extra_gold = gold.incidents + [gold.incidents[0].model_copy(update={"place": "Mazar", "admin1": "Balkh", "admin2": None})]
    missed = render_report([ReviewArticle(id=SEED, text=SEED_TEXT, result=result, gold=extra_gold)])
    assert "missed gold incident: 2020-01-29 · Mazar, Balkh · battle" in missed


def test_report_command_writes_the_page(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    failed = {"id": "broken", "state": "failed", "error": "timed out", "cause": "transport"}
    results.write_text(json.dumps({"id": SEED, "state": "done", "result": _seed_result().model_dump(mode="json")}) + "\n"
                       + json.dumps(failed) + "\n")
    out = tmp_path / "review" / "report.html"
    run = CliRunner().invoke(app, ["report", str(results), "-o", str(out), "--articles", str(ROOT / "fixtures" / "articles"),
                                   "--gold", str(ROOT / "fixtures" / "gold")])
    assert run.exit_code == 0, run.output
    assert "2 articles (1 with their text), 2 incidents" in run.output
    page = out.read_text(encoding="utf-8")
    assert page.count("matches gold") == 2 and "failed: timed out" in page
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())

    # without the articles the cards still show, and the page says how to get the text
    bare = CliRunner().invoke(app, ["report", str(results), "-o", str(tmp_path / "bare.html")])
    assert bare.exit_code == 0 and "pass the articles (--articles)" in (tmp_path / "bare.html").read_text()


def test_report_command_explains_a_missing_results_file(tmp_path: Path) -> None:
    run = CliRunner().invoke(app, ["report", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "r.html")])
    assert run.exit_code == 2 and "error:" in run.output and not (tmp_path / "r.html").exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- in a real browser --------------------------------------------------------------------------------

def _chromium() -> tuple[str, str]:
    """Debian's chromium and chromedriver, installed here when missing and we may (root with apt)."""
    def found() -> tuple[str | None, str | None]:
        return shutil.which("chromium"), shutil.which("chromedriver")

    if None in found() and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"], env=env, check=False, capture_output=True)
    browser, driver = found()
    if browser is None or driver is None:
        message = "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return browser, driver  # type: ignore[return-value]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _chromium()
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"):
        options.add_argument(arg)
    options.binary_location = binary
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


@pytest.mark.network  # selenium speaks to chromedriver over loopback HTTP
def test_clicking_an_incident_highlights_its_spans(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    result = _seed_result()
    gold = next(a for a in load_gold(ROOT / "fixtures" / "gold") if a.id == SEED)
    other = Extractor(backend=FakeBackend([{"incidents": []}]), log="off").extract("Nothing happened today.", article_id="quiet")
    page = tmp_path / "report.html"
    page.write_text(render_report([ReviewArticle(id=SEED, text=SEED_TEXT, result=result, gold=gold.incidents),
                                   ReviewArticle(id="quiet", text="Nothing happened today.", result=other)]), encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.title == "extractor review"
    cards = browser.find_elements(By.CSS_SELECTOR, ".card")
    assert len(cards) == 2 and "matches gold" in cards[0].text and "Dasht-e-Archi" in cards[0].text

    def active(incident: str) -> list[str]:
        return [m.text for m in browser.find_elements(By.CSS_SELECTOR, f'mark.active[data-incidents~="{incident}"]')]

    assert browser.find_elements(By.CSS_SELECTOR, "mark.active") == []
    cards[1].click()  # Baghlan
    assert "active" in cards[1].get_attribute("class") and "active" not in cards[0].get_attribute("class")
    lit = " ".join(active("a0-i1"))
    assert "killing 12 police present at their post" in lit and "wounding three others" in lit
    assert active("a0-i0") == [] and len(browser.find_elements(By.CSS_SELECTOR, "mark.active")) == len(active("a0-i1"))
    highlighted = browser.find_element(By.CSS_SELECTOR, 'mark.active').value_of_css_property("background-color")
    plain = browser.find_element(By.CSS_SELECTOR, 'mark:not(.active)').value_of_css_property("background-color")
    assert highlighted != plain  # the highlight is visible, not just a class

    # clicking a span selects its incident
    browser.find_element(By.CSS_SELECTOR, 'mark[data-incidents="a0-i0"]').click()
    assert "active" in cards[0].get_attribute("class") and active("a0-i1") == []

    # filters: by event type and by country hide what does not match
    Select(browser.find_element(By.ID, "filter-type")).select_by_value("riot")
    assert not browser.find_element(By.ID, "article-0").is_displayed()
    Select(browser.find_element(By.ID, "filter-type")).select_by_value("battle")
    Select(browser.find_element(By.ID, "filter-country")).select_by_value("Afghanistan")
    assert browser.find_element(By.ID, "article-0").is_displayed() and all(c.is_displayed() for c in cards)
    assert not browser.find_element(By.ID, "article-1").is_displayed()  # no incident of that type there
    browser.save_screenshot(str(tmp_path / "seed.png"))
    assert (tmp_path / "seed.png").stat().st_size > 10_000

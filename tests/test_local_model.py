"""The real embedded local model, end to end: server start, extraction, validation (slow; CI runs it)."""

import pytest

from extractor import Extractor, Settings
from tests.conftest import FIXTURES

pytestmark = pytest.mark.local_model


def test_seed_article_end_to_end_on_the_embedded_model() -> None:
    text = (FIXTURES / "articles" / "xinhua-2020-01-29-kunduz-baghlan.txt").read_text(encoding="utf-8")
    ex = Extractor(Settings.from_env(env={}))
    result = ex.extract(text, published="2020-01-29")
    assert result.provider == "local"
    found = sorted((i.location.admin1, i.date.value.isoformat() if i.date.value else None)
                   for i in result.incidents)
    # issue 12: both incidents, each in its own province and on its own day (the dateline's Kabul is neither)
    assert found == [("Baghlan", "2020-01-28"), ("Kunduz", "2020-01-29")], found
    for incident in result.incidents:
        for span in incident.evidence:
            assert text[span.start:span.end] == span.text
        assert incident.location.country == "Afghanistan"
    assert result.usage.prompt_tokens > 500 and result.usage.completion_tokens > 50


def test_a_batch_reaches_the_embedded_model_through_the_batch_transport(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`extractor run` sends through its own aiohttp pool, not the SDK's client: against the real server too."""
    import asyncio

    from extractor import RunStore, read_inputs, run_batch

    items = list(read_inputs([FIXTURES / "articles" / "no-incident-2022-06-10-nairobi.txt"]))
    store = RunStore(tmp_path / "run.sqlite")
    report = asyncio.run(run_batch(Extractor(Settings.from_env(env={})), items, store, concurrency=1))
    assert report.summary["done"] == 1 and report.summary["failed"] == 0, store.records()
    [record] = store.records()
    assert record["result"]["provider"] == "local" and record["result"]["usage"]["prompt_tokens"] > 500

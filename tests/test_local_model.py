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
    assert result.incidents, "the seed article holds two incidents; the model found none"
    for incident in result.incidents:
        for span in incident.evidence:
            assert text[span.start:span.end] == span.text
        assert incident.location.country == "Afghanistan"
    assert result.usage.prompt_tokens > 500 and result.usage.completion_tokens > 50

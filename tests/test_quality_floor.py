"""Every coding change measured without the model: the cached model answers of the gold set
(benchmarks/cache/gold/extractor.jsonl) are re-coded and scored, and the F1 must not fall below
the figure this suite was last raised to. Raise GOLD_F1 when a change improves it; never lower it."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/quality.py --score-only, gold, extractor row. 0.8065 at the move into packages (commit
# 2191e16: 25 of 31 gold incidents matched, 31 predicted); 0.8334 once background tolls are not
# incidents (g18, g25: "attacks ... last year", "180 ... killed in Colombia last year"; 29 predicted);
# 0.90 once an unread date keeps what counts from the incident before (g03: "A day later, on New
# Year's Eve"; 27 of 31 matched, 29 predicted; the port of the h4 fixes).
GOLD_F1 = 0.9
# The same for the pointing prompt shipped until 2026-12-01 (extractor-v2-pointed-long-fields: the
# model points at numbered sentences, issue 12): 0.77 at the merge of the pointing answer, 0.98 once
# the h4 coding fixes were ported (30 of 31 matched, 31 predicted).
LONG_FIELDS_F1 = 0.98
# The same for the shipped prompt's answers (extractor-v2-pointed: shorter keys, no `when`, issue
# 12): 0.95 when it shipped (2026-12-01; 29 of 31 matched, 30 predicted).
POINTED_F1 = 0.95


def _quality():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("quality_benchmark", ROOT / "benchmarks" / "quality.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # its dataclasses look themselves up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("system,floor", [("extractor", GOLD_F1), ("extractor-v2-pointed-long-fields", LONG_FIELDS_F1),
                                          ("extractor-v2-pointed", POINTED_F1)])
def test_recoding_the_cached_gold_answers_keeps_f1(system: str, floor: float) -> None:
    quality = _quality()
    articles = quality.dataset("gold")
    row = quality.score("gold", system, articles)
    assert row is not None and row["answered"] == len(articles) == 27 and row["invalid"] == 0
    assert row["f1"] >= floor, f"{system}: gold F1 fell to {row['f1']} (floor {floor}): {row['field_accuracy']}"

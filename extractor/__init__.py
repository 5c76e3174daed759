"""extractor: news article text in, validated, source-grounded incident records out.

The public API is what `__all__` names (pinned by tests/test_layout.py); everything else is
reached through its stage's package (see the README's Layout) and may change. Test support
(a fake model backend) is in `extractor.testing`.
"""

from typing import Any as _Any

from extractor.errors import (
    ArticleTooLargeError, ConfigError, EmptyArticleError, ExtractionError, ExtractorError, InputError,
    LocalServerError, ModelNotFoundError, NotTextError,
)
from extractor.settings import Settings
from extractor.records import (
    Actor, ArticleMeta, Casualties, Claim, CountRange, EventType, ExtractionResult, Incident, Location, Range,
    RejectedIncident, ResolvedDate, Span, SubEventType, UcdpViolence, Usage,
)
from extractor.text.counts import parse_count
from extractor.text.grounding import locate
from extractor.model.schema import RawClaim, RawExtraction, RawIncident
from extractor.coding.dates import Anchor, find_anchor, resolve
from extractor.pipeline import Answer, Extractor, aextract, extract
from extractor.outputs.files import write_jsonl
from extractor.outputs.rows import ACLED_COLUMNS, UCDP_COLUMNS, acled_row, ucdp_row
from extractor.runs.inputs import Item, read_inputs
from extractor.runs.runner import BatchReport, run_batch
from extractor.runs.store import RunStore
from extractor.evaluation.scoring import EvalReport, FlatIncident, GoldArticle, evaluate, load_gold, load_predictions

__version__ = "0.1.0"

__all__ = [
    "Extractor", "Answer", "extract", "aextract", "Settings",
    "ExtractionResult", "Incident", "RejectedIncident", "ArticleMeta", "Usage", "Actor", "Claim", "Range",
    "Casualties", "Location", "ResolvedDate", "Span", "CountRange", "Anchor",
    "EventType", "SubEventType", "UcdpViolence",
    "RawExtraction", "RawIncident", "RawClaim",
    "parse_count", "find_anchor", "resolve", "locate",
    "acled_row", "ucdp_row", "ACLED_COLUMNS", "UCDP_COLUMNS",
    "evaluate", "load_gold", "load_predictions", "EvalReport", "FlatIncident", "GoldArticle",
    "run_batch", "write_jsonl", "read_inputs", "Item", "RunStore", "BatchReport",
    "ExtractorError", "InputError", "EmptyArticleError", "NotTextError", "ArticleTooLargeError",
    "ConfigError", "ModelNotFoundError", "LocalServerError", "ExtractionError",
]


def __getattr__(name: str) -> _Any:
    """`extractor.FakeBackend` (earlier versions) still resolves; it lives in `extractor.testing`."""
    if name == "FakeBackend":
        from extractor.testing import FakeBackend

        return FakeBackend
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")

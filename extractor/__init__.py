"""extractor: news article text in, validated, source-grounded incident records out."""

from extractor.pipeline import Extractor, aextract, extract
from extractor.text.counts import CountRange, parse_count
from extractor.coding.dates import Anchor, find_anchor, resolve
from extractor.errors import (
    ArticleTooLargeError, ConfigError, EmptyArticleError, ExtractionError, ExtractorError, InputError,
    LocalServerError, ModelNotFoundError, NotTextError,
)
from extractor.runs.runner import BatchReport, run_batch
from extractor.outputs.files import write_jsonl
from extractor.evaluation.scoring import EvalReport, FlatIncident, GoldArticle, evaluate, load_gold, load_predictions
from extractor.coding.events import EventType, SubEventType, UcdpViolence
from extractor.outputs.rows import ACLED_COLUMNS, UCDP_COLUMNS, acled_row, ucdp_row
from extractor.runs.inputs import Item, read_inputs
from extractor.runs.store import RunStore
from extractor.text.grounding import Span, locate
from extractor.model.backends import FakeBackend
from extractor.records import (
    Actor, ArticleMeta, Casualties, Claim, ExtractionResult, Incident, Location, Range, RejectedIncident,
    ResolvedDate, Usage,
)
from extractor.model.schema import RawClaim, RawExtraction, RawIncident
from extractor.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Extractor", "extract", "aextract", "Settings",
    "ExtractionResult", "Incident", "RejectedIncident", "ArticleMeta", "Usage", "Actor", "Claim", "Range",
    "Casualties", "Location", "ResolvedDate", "Span", "CountRange", "Anchor",
    "EventType", "SubEventType", "UcdpViolence",
    "RawExtraction", "RawIncident", "RawClaim", "FakeBackend",
    "parse_count", "find_anchor", "resolve", "locate",
    "acled_row", "ucdp_row", "ACLED_COLUMNS", "UCDP_COLUMNS",
    "evaluate", "load_gold", "load_predictions", "EvalReport", "FlatIncident", "GoldArticle",
    "run_batch", "write_jsonl", "read_inputs", "Item", "RunStore", "BatchReport",
    "ExtractorError", "InputError", "EmptyArticleError", "NotTextError", "ArticleTooLargeError",
    "ConfigError", "ModelNotFoundError", "LocalServerError", "ExtractionError",
]

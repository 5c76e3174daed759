"""extractor: news article text in, validated, source-grounded incident records out."""

from .core import Extractor, aextract, extract
from .counts import CountRange, parse_count
from .dates import Anchor, find_anchor, resolve
from .errors import (
    ArticleTooLargeError, ConfigError, EmptyArticleError, ExtractionError, ExtractorError, InputError,
    LocalServerError, ModelNotFoundError, NotTextError,
)
from .batch import BatchReport, run_batch, write_jsonl
from .evaluation import EvalReport, FlatIncident, GoldArticle, evaluate, load_gold, load_predictions
from .events import EventType, SubEventType, UcdpViolence
from .exports import ACLED_COLUMNS, UCDP_COLUMNS, acled_row, ucdp_row
from .inputs import Item, read_inputs
from .store import RunStore
from .grounding import Span, locate
from .providers import FakeBackend
from .records import (
    Actor, ArticleMeta, Casualties, Claim, ExtractionResult, Incident, Location, Range, RejectedIncident,
    ResolvedDate, Usage,
)
from .schema import RawClaim, RawExtraction, RawIncident
from .settings import Settings

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

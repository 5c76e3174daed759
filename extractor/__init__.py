"""extractor: news article text in, validated, source-grounded incident records out."""

from .core import Extractor, aextract, extract
from .counts import CountRange, parse_count
from .dates import Anchor, find_anchor, resolve
from .errors import (
    ArticleTooLargeError, ConfigError, EmptyArticleError, ExtractionError, ExtractorError, InputError,
    LocalServerError, ModelNotFoundError, NotTextError,
)
from .events import EventType, SubEventType, UcdpViolence
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
    "ExtractorError", "InputError", "EmptyArticleError", "NotTextError", "ArticleTooLargeError",
    "ConfigError", "ModelNotFoundError", "LocalServerError", "ExtractionError",
]

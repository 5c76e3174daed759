"""Article in, validated incidents out. Imports no provider SDK: backends come from `providers`."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, NamedTuple

from extractor.text.article import Reading, article_meta, as_text, read
from extractor.coding.incident import code_incidents
from extractor.coding.dates import find_anchor
from extractor.errors import ExtractionError
from extractor.model.exchange_log import ExchangeLog
from extractor.model.prompts import Prompts, load_prompts
from extractor.records import ExtractionResult
from extractor.settings import Settings

__all__ = ["Extractor", "extract", "aextract"]


class Extractor:
    """Holds settings, prompts and a model client, reused across many articles.

    >>> ex = Extractor()                      # the embedded local model
    >>> ex = Extractor(base_url="http://localhost:11434/v1", model="qwen2.5:1.5b")   # Ollama
    """

    def __init__(self, settings: Settings | None = None, *, backend: Any = None, prompts: Prompts | None = None, **options: Any) -> None:
        if settings is None:
            settings = Settings.from_env(**options)
        elif options:
            settings = settings.replace(**options)
        self.settings = settings
        self.prompts = prompts or load_prompts()
        if backend is None:
            from extractor.model.backends import InstructorBackend

            backend = InstructorBackend(self.settings)
        self.backend = backend
        path = self.settings.log_path
        self.log = ExchangeLog(path) if path else None

    def _log(self, meta: Any, started: float, reply: Any = None, error: ExtractionError | None = None) -> None:
        if self.log is None:
            return
        self.log.record(
            provider=self.backend.provider, model=self.backend.model, prompt_version=self.prompts.version,
            article_sha256=meta.sha256, article_id=meta.id,
            model_output=reply.extraction.model_dump_json() if reply else None,
            error=f"{error.cause}: {error}" if error else None,
            usage=reply.usage if reply else (error.usage if error else None),
            seconds=time.perf_counter() - started,
        )

    def _prepare(self, text: str | bytes, published: dt.date | str | None, source: str | None, url: str | None,
                 article_id: str | None) -> tuple[Reading, Any, list[dict[str, str]]]:
        """The article as given (hashed and counted as given) and as read: the model reads, and the
        coding rules work on, the text a person sees (HTML and Unicode forms resolved)."""
        article = as_text(text, self.settings.max_chars)
        meta = article_meta(article, published=published, source=source, url=url, article_id=article_id)
        reading = read(article)
        return reading, meta, self.prompts.messages(reading.text)

    def _finish(self, reading: Reading, meta: Any, reply: Any, started: float) -> ExtractionResult:
        anchor = find_anchor(reading.text, meta.published)
        incidents, rejected = code_incidents(reply.extraction.incidents, reading.text, anchor)
        incidents = reading.in_source(incidents)
        warnings = list(reply.warnings) + ([reading.note()] if reading.note() else [])
        if rejected and not self.settings.report_rejected:
            warnings.append(f"{len(rejected)} reported incident(s) could not be grounded and were dropped "
                            "(EXTRACTOR_REPORT_REJECTED=false)")
            rejected = []
        if anchor is None:
            warnings.append("no dateline or publication date: relative dates are left unresolved (pass published=)")
        return ExtractionResult(
            article=meta, incidents=incidents, rejected=rejected, provider=self.backend.provider,
            model=self.backend.model, prompt_version=self.prompts.version, usage=reply.usage,
            seconds=round(time.perf_counter() - started, 3), warnings=warnings,
        )

    def extract(self, text: str | bytes, *, published: dt.date | str | None = None, source: str | None = None,
                url: str | None = None, article_id: str | None = None) -> ExtractionResult:
        """Extract one article. Raises InputError before any model call, ExtractionError when the call fails."""
        started = time.perf_counter()
        reading, meta, messages = self._prepare(text, published, source, url, article_id)
        try:
            reply = self.backend.complete(messages, reading.text)
        except ExtractionError as exc:
            self._log(meta, started, error=exc)
            raise
        self._log(meta, started, reply=reply)
        return self._finish(reading, meta, reply, started)

    def code_output(self, text: str | bytes, output: str | dict[str, Any], *, usage: Any = None,
                    published: dt.date | str | None = None, source: str | None = None, url: str | None = None,
                    article_id: str | None = None, salvage: bool = False) -> ExtractionResult:
        """Validate and code a model answer obtained elsewhere (an OpenAI Batch API or vLLM results
        file, a cached benchmark answer) exactly as an online answer is: same schema, same grounding,
        same coding rules. Raises ExtractionError(cause='validation') when the answer does not hold.

        `salvage=True` does what the online path does once its re-asks are spent: an answer of the
        right shape whose quotes are not all in the article is kept, and the coding layer rejects
        the incidents it cannot ground. Offline batches leave it off, so such an answer is reported
        and can be re-run online, where the model gets to correct it."""
        import json

        from pydantic import ValidationError

        from extractor.records import Usage
        from extractor.model.schema import RawExtraction, grounded_in

        started = time.perf_counter()
        reading, meta, _ = self._prepare(text, published, source, url, article_id)
        usage = usage if isinstance(usage, Usage) else Usage(**(usage or {}))
        warnings: list[str] = []
        try:
            data = json.loads(output) if isinstance(output, str) else output
            try:
                with grounded_in(reading.text):
                    extraction = RawExtraction.model_validate(data)
            except ValidationError as exc:
                if not salvage:
                    raise
                extraction = RawExtraction.model_validate(data)  # no grounding: the coding layer checks
                warnings.append(f"the model's answer failed validation ({exc.error_count()} error(s)); "
                                "only what could be grounded in the article is kept")
        except (ValueError, ValidationError) as exc:
            first = str(exc).strip().splitlines()
            raise ExtractionError(
                f"the model's answer does not hold: {first[0] if first else type(exc).__name__}; "
                "re-run this article online (`extractor run`) to let the model correct it",
                cause="validation", attempts=1, usage=usage,
            ) from exc
        reply = _Reply(extraction=extraction, usage=usage, warnings=warnings)
        return self._finish(reading, meta, reply, started)

    async def aextract(self, text: str | bytes, *, published: dt.date | str | None = None, source: str | None = None,
                       url: str | None = None, article_id: str | None = None) -> ExtractionResult:
        return self._code_answer(await self._aask(text, published=published, source=source, url=url, article_id=article_id))

    async def _aask(self, text: str | bytes, *, published: dt.date | str | None = None, source: str | None = None,
                    url: str | None = None, article_id: str | None = None) -> "_Answer":
        """The model half of `aextract`: the model's validated answer, not yet coded. A batch holds
        a slot at the endpoint for this half only, and codes the answer after freeing it."""
        started = time.perf_counter()
        reading, meta, messages = self._prepare(text, published, source, url, article_id)
        try:
            reply = await self.backend.acomplete(messages, reading.text)
        except ExtractionError as exc:
            self._log(meta, started, error=exc)
            raise
        self._log(meta, started, reply=reply)
        return _Answer(reading, meta, reply, started)

    def _code_answer(self, answer: "_Answer") -> ExtractionResult:
        """The deterministic half: dates, counts, places, types, grounding (pure, no I/O)."""
        return self._finish(answer.article, answer.meta, answer.reply, answer.started)


class _Answer(NamedTuple):
    """A model's answer to one article, validated but not yet coded (`Extractor._aask`)."""

    article: Reading
    meta: Any
    reply: Any
    started: float


class _Reply:
    """The shape `_finish` reads, for answers that did not come through a backend."""

    def __init__(self, extraction: Any, usage: Any, warnings: list[str]) -> None:
        self.extraction, self.usage, self.warnings = extraction, usage, warnings


_default: Extractor | None = None


def _shared() -> Extractor:
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str | bytes, *, published: dt.date | str | None = None, source: str | None = None,
            url: str | None = None, article_id: str | None = None) -> ExtractionResult:
    """Extract incidents from one article with settings from the environment (a shared Extractor)."""
    return _shared().extract(text, published=published, source=source, url=url, article_id=article_id)


async def aextract(text: str | bytes, *, published: dt.date | str | None = None, source: str | None = None,
                   url: str | None = None, article_id: str | None = None) -> ExtractionResult:
    return await _shared().aextract(text, published=published, source=source, url=url, article_id=article_id)

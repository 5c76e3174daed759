"""Article in, validated incidents out: the model's half (ask) and the coding half (code).

The seam between the halves is public: `Extractor.ask` / `aask` return an `Answer` (the model's
validated answer with its article, not yet coded), and `Extractor.code` codes it (pure, no I/O).
A batch holds a slot at the endpoint for the asking only; offline answers (a results file, a
cached answer) enter at `code_output`. Imports no provider SDK: backends come from `model`.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from extractor.coding.dates import find_anchor
from extractor.coding.incident import code_incidents, instruction_warnings
from extractor.errors import ExtractionError
from extractor.model.backends import Backend, BatchSession, ModelReply
from extractor.model.exchange_log import ExchangeLog
from extractor.model.prompts import Prompts, load_prompts
from extractor.model.schema import parse_answer
from extractor.records import ArticleMeta, ExtractionResult, Usage
from extractor.settings import Settings
from extractor.text.article import Reading, article_meta, as_text, read

__all__ = ["Answer", "Extractor", "extract", "aextract"]

Published = dt.date | str | None


@dataclass(frozen=True)
class Answer:
    """The model's validated answer to one article, not yet coded (`Extractor.ask`): the article
    as given and as read (`Reading`: the text a person sees, HTML and Unicode forms resolved, with
    offsets back to what was given), its metadata, the reply, and when the asking started
    (`time.perf_counter()`)."""

    reading: Reading
    meta: ArticleMeta
    reply: ModelReply
    started: float

    @property
    def article(self) -> str:
        """The text the model read and the coding rules work on."""
        return self.reading.text


class Extractor:
    """Holds settings, prompts and a model backend, reused across many articles.

    >>> ex = Extractor()                      # the embedded local model
    >>> ex = Extractor(base_url="http://localhost:11434/v1", model="qwen2.5:1.5b")   # Ollama
    """

    def __init__(self, settings: Settings | None = None, *, backend: Backend | None = None,
                 prompts: Prompts | None = None, **options: Any) -> None:
        if settings is None:
            settings = Settings.from_env(**options)
        elif options:
            settings = settings.replace(**options)
        self.settings = settings
        self.prompts = prompts or load_prompts(settings.prompts_dir)
        if backend is None:
            from extractor.model.backends import InstructorBackend

            backend = InstructorBackend(self.settings)
        self.backend: Backend = backend
        path = self.settings.log_path
        self.log = ExchangeLog(path) if path else None

    # -- the model's half ---------------------------------------------------------------------
    def ask(self, text: str | bytes, *, published: Published = None, source: str | None = None,
            url: str | None = None, article_id: str | None = None) -> Answer:
        """The model's validated answer to one article, not yet coded. Raises InputError before
        any call, ExtractionError when the call fails (both logged when the log is on)."""
        started = time.perf_counter()
        reading, meta = self._read(text, published, source, url, article_id)
        try:
            reply = self.backend.complete(self.prompts.messages(reading.text), reading.text)
        except ExtractionError as exc:
            self._log(meta, started, error=exc)
            raise
        self._log(meta, started, reply=reply)
        return Answer(reading, meta, reply, started)

    async def aask(self, text: str | bytes, *, published: Published = None, source: str | None = None,
                   url: str | None = None, article_id: str | None = None,
                   session: BatchSession | None = None) -> Answer:
        """`ask`, async; within a batch, `session` (from `backend.batch_session`) carries the
        batch's pooled transport and its gate."""
        started = time.perf_counter()
        reading, meta = self._read(text, published, source, url, article_id)
        try:
            reply = await self.backend.acomplete(self.prompts.messages(reading.text), reading.text, session)
        except ExtractionError as exc:
            self._log(meta, started, error=exc)
            raise
        self._log(meta, started, reply=reply)
        return Answer(reading, meta, reply, started)

    # -- the coding half ----------------------------------------------------------------------
    def code(self, answer: Answer) -> ExtractionResult:
        """Code a model's answer: dates, counts, places, types, grounding (deterministic, no I/O)."""
        article, meta, reply = answer.article, answer.meta, answer.reply
        anchor = find_anchor(article, meta.published)
        incidents, rejected = code_incidents(reply.extraction.incidents, article, anchor, self.settings.actors_path)
        incidents = answer.reading.in_source(incidents)
        rejected += reply.extraction.rejected()
        warnings = list(reply.warnings) + instruction_warnings(article)
        if (note := answer.reading.note()) is not None:
            warnings.append(note)
        if rejected and not self.settings.report_rejected:
            warnings.append(f"{len(rejected)} reported incident(s) could not be grounded and were dropped "
                            "(EXTRACTOR_REPORT_REJECTED=false)")
            rejected = []
        if anchor is None:
            warnings.append("no dateline or publication date: relative dates are left unresolved (pass published=)")
        return ExtractionResult(
            article=meta, incidents=incidents, rejected=rejected, provider=self.backend.provider,
            model=self.backend.model, prompt_version=self.prompts.version, usage=reply.usage,
            seconds=round(time.perf_counter() - answer.started, 3), warnings=warnings,
        )

    def code_output(self, text: str | bytes, output: str | dict[str, Any], *, usage: Usage | dict[str, int] | None = None,
                    published: Published = None, source: str | None = None, url: str | None = None,
                    article_id: str | None = None, salvage: bool = False) -> ExtractionResult:
        """Validate and code a model answer obtained elsewhere (an OpenAI Batch API or vLLM results
        file, a cached benchmark answer) exactly as an online answer is: same schema, same grounding,
        same coding rules. Raises ExtractionError(cause='validation') when the answer does not hold.

        `salvage=True` does what the online path does once its re-asks are spent: an answer of the
        right shape whose quotes are not all in the article is kept, and the coding layer rejects
        the incidents it cannot ground. Offline batches leave it off, so such an answer is reported
        and can be re-run online, where the model gets to correct it."""
        started = time.perf_counter()
        reading, meta = self._read(text, published, source, url, article_id)
        usage = usage if isinstance(usage, Usage) else Usage(**(usage or {}))
        try:
            extraction, warnings = parse_answer(output, reading.text, salvage=salvage)
        except ValueError as exc:
            first = str(exc).strip().splitlines()
            raise ExtractionError(
                f"the model's answer does not hold: {first[0] if first else type(exc).__name__}; "
                "re-run this article online (`extractor run`) to let the model correct it",
                cause="validation", attempts=1, usage=usage,
            ) from exc
        reply = ModelReply(extraction=extraction, usage=usage, warnings=warnings)
        return self.code(Answer(reading, meta, reply, started))

    # -- both -----------------------------------------------------------------------------------
    def extract(self, text: str | bytes, *, published: Published = None, source: str | None = None,
                url: str | None = None, article_id: str | None = None) -> ExtractionResult:
        """Extract one article (`code(ask(...))`). Raises InputError before any model call,
        ExtractionError when the call fails."""
        return self.code(self.ask(text, published=published, source=source, url=url, article_id=article_id))

    async def aextract(self, text: str | bytes, *, published: Published = None, source: str | None = None,
                       url: str | None = None, article_id: str | None = None) -> ExtractionResult:
        """`extract`, async."""
        return self.code(await self.aask(text, published=published, source=source, url=url, article_id=article_id))

    def _read(self, text: str | bytes, published: Published, source: str | None, url: str | None,
              article_id: str | None) -> tuple[Reading, ArticleMeta]:
        """The article as given (hashed and counted as given) and as read: the model reads, and the
        coding rules work on, the text a person sees (HTML and Unicode forms resolved)."""
        article = as_text(text, self.settings.max_chars)
        meta = article_meta(article, published=published, source=source, url=url, article_id=article_id)
        return read(article), meta

    def _log(self, meta: ArticleMeta, started: float, reply: ModelReply | None = None,
             error: ExtractionError | None = None) -> None:
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


_default: Extractor | None = None


def _shared() -> Extractor:
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str | bytes, *, published: Published = None, source: str | None = None,
            url: str | None = None, article_id: str | None = None) -> ExtractionResult:
    """Extract incidents from one article with settings from the environment (a shared Extractor)."""
    return _shared().extract(text, published=published, source=source, url=url, article_id=article_id)


async def aextract(text: str | bytes, *, published: Published = None, source: str | None = None,
                   url: str | None = None, article_id: str | None = None) -> ExtractionResult:
    return await _shared().aextract(text, published=published, source=source, url=url, article_id=article_id)

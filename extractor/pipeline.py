"""Article in, validated incidents out: the model's half (ask) and the coding half (code).

The seam between the halves is public: `Extractor.ask` / `aask` return an `Answer` (the model's
validated answer with its article, not yet coded), and `Extractor.code` codes it (pure, no I/O).
A batch holds a slot at the endpoint for the asking only; offline answers (a results file, a
cached answer) enter at `code_output`. Imports no provider SDK: backends come from `model`.

The model is shown the article as numbered sentences (`text.sentences`) and points at them
(issue 12); a long article is asked in overlapping parts of consecutive sentences, each with the
article's own numbers, and the parts' answers merged (`model.answers`). Before coding, a pointed
answer becomes the coding layer's shape, its evidence the cited sentences' own text.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from extractor.coding.background import reports_event
from extractor.coding.dates import Anchor, find_anchor, find_expressions, offset_from_other
from extractor.coding.incident import code_incident, code_incidents, instruction_warnings
from extractor.errors import ExtractionError
from extractor.model.answers import Seen, attach_unplaced, combine_replies, describe, raw_incident, to_raw
from extractor.model.backends import Backend, BatchSession, ModelReply
from extractor.model.exchange_log import ExchangeLog
from extractor.model.prompts import Prompts, load_prompts
from extractor.model.schema import RawExtraction
from extractor.model.pointed import PREVIOUS_PROMPT_VERSION, PointedExtraction, PointedIncident, Pointing, read_answer
from extractor.records import ArticleMeta, ExtractionResult, Incident, Usage
from extractor.settings import Settings
from extractor.text.article import Reading, article_meta, as_text, read
from extractor.text.sentences import NumberedArticle, number_sentences, plan_parts
from extractor.text.vocabulary import NEARBY_WORDS, words_pattern

__all__ = ["Answer", "Extractor", "extract", "aextract", "PART_SENTENCES", "PART_OVERLAP"]

Published = dt.date | str | None

# A request shows at most this many sentences: the answer grows with them. The most a sentence
# has cost is about 80 tokens (MUC-4 DEV-MUC3-0001: 10 incidents in 15 sentences, 1,163 tokens of
# compact JSON), so 20 sentences stay below the default max_tokens of 2,048; a part cut off anyway
# is asked again in halves. The longest MUC-4 DEV messages (40+ sentences) go in three parts.
PART_SENTENCES = 20
# Sentences each part repeats from the one before, so an incident told across the seam is whole in one.
PART_OVERLAP = 2
# Characters a token at worst: all-caps wire text (MUC-4) tokenizes at about 2.8 on Qwen2.5.
_CHARS_PER_TOKEN_WORST = 2.5


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
    parts: tuple[range, ...] = ()
    """The sentence numbers each request showed, in order (one range per entry of `reply.raw`)."""

    @cached_property
    def numbered(self) -> NumberedArticle:
        """The article as the model was shown it: numbered sentences, the dateline apart."""
        return number_sentences(self.article)

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
        numbered = number_sentences(reading.text)
        asking = _Asking(self.parts(numbered))
        try:
            while (part := asking.next()) is not None:
                messages = self.prompts.messages(numbered.render(part))
                try:
                    asking.answered(part, self.backend.complete(messages, Pointing(numbered, part)))
                except ExtractionError as exc:
                    asking.failed(part, exc)
        except ExtractionError as exc:
            self._log(meta, started, error=exc)
            raise
        reply = asking.reply(numbered)
        self._log(meta, started, reply=reply)
        return Answer(reading, meta, reply, started, tuple(asking.asked))

    async def aask(self, text: str | bytes, *, published: Published = None, source: str | None = None,
                   url: str | None = None, article_id: str | None = None,
                   session: BatchSession | None = None) -> Answer:
        """`ask`, async; within a batch, `session` (from `backend.batch_session`) carries the
        batch's pooled transport and its gate."""
        started = time.perf_counter()
        reading, meta = self._read(text, published, source, url, article_id)
        numbered = number_sentences(reading.text)
        asking = _Asking(self.parts(numbered))
        try:
            while (part := asking.next()) is not None:
                messages = self.prompts.messages(numbered.render(part))
                try:
                    asking.answered(part, await self.backend.acomplete(messages, Pointing(numbered, part), session))
                except ExtractionError as exc:
                    asking.failed(part, exc)
        except ExtractionError as exc:
            self._log(meta, started, error=exc)
            raise
        reply = asking.reply(numbered)
        self._log(meta, started, reply=reply)
        return Answer(reading, meta, reply, started, tuple(asking.asked))

    def parts(self, numbered: NumberedArticle) -> list[range]:
        """The sentence numbers each request shows: all of them, unless the article would not fit
        the context (`local_context`, less `max_tokens` for the answer and the fixed prompt) or
        has more than PART_SENTENCES sentences (see `text.sentences.plan_parts`)."""
        fixed = sum(len(m["content"]) for m in self.prompts.messages(""))
        room = int((self.settings.local_context - self.settings.max_tokens) * _CHARS_PER_TOKEN_WORST) - fixed
        return plan_parts(numbered, max_chars=max(room, 2000), max_sentences=PART_SENTENCES, overlap=PART_OVERLAP)

    # -- the coding half ----------------------------------------------------------------------
    def code(self, answer: Answer) -> ExtractionResult:
        """Code a model's answer: dates, counts, places, types, grounding (deterministic, no I/O)."""
        article, meta, reply = answer.article, answer.meta, answer.reply
        anchor = find_anchor(article, meta.published)
        pointed = isinstance(reply.extraction, PointedExtraction)
        warnings = list(reply.warnings) + instruction_warnings(article)
        if (note := answer.reading.note()) is not None:
            warnings.append(note)
        raw = reply.extraction
        if isinstance(raw, PointedExtraction):
            raw, notes = _as_coding_input(raw, answer.numbered, anchor, self.settings.actors_path)
            warnings += notes
        incidents, rejected = code_incidents(raw.incidents, article, anchor, self.settings.actors_path)
        if pointed:  # the model wrote no summary: one from the coded fields
            incidents = [i.model_copy(update={"summary": describe(i)}) for i in incidents]
        incidents = answer.reading.in_source(incidents)
        rejected += reply.extraction.rejected()
        if rejected and not self.settings.report_rejected:
            warnings.append(f"{len(rejected)} reported incident(s) could not be grounded and were dropped "
                            "(EXTRACTOR_REPORT_REJECTED=false)")
            rejected = []
        if anchor is None:
            warnings.append("no dateline or publication date: relative dates are left unresolved (pass published=)")
        return ExtractionResult(
            article=meta, incidents=incidents, rejected=rejected, provider=self.backend.provider,
            model=self.backend.model, prompt_version=self.prompts.version if pointed else PREVIOUS_PROMPT_VERSION,
            usage=reply.usage,
            seconds=round(time.perf_counter() - answer.started, 3), warnings=warnings,
        )

    def code_output(self, text: str | bytes, output: str | dict[str, Any], *, usage: Usage | dict[str, int] | None = None,
                    published: Published = None, source: str | None = None, url: str | None = None,
                    article_id: str | None = None, salvage: bool = False) -> ExtractionResult:
        """Validate and code a model answer obtained elsewhere (an OpenAI Batch API or vLLM results
        file, a cached benchmark answer) exactly as an online answer is: same schema, same grounding,
        same coding rules. Raises ExtractionError(cause='validation') when the answer does not hold.

        Answers are read by their shape: this prompt version's (incidents citing sentence numbers;
        a copied field not in its sentences is dropped with a warning, as online) or the previous
        version's (`PREVIOUS_PROMPT_VERSION`: incidents with evidence quotes; its result records
        that version). Anything else is refused, naming both.

        `salvage=True` does what the online path does once its re-asks are spent: an answer of the
        right shape that does not wholly hold (quotes not in the article, sentence numbers it does
        not have) is kept with what holds. Offline batches leave it off, so such an answer is
        reported and can be re-run online, where the model gets to correct it."""
        return self.code_parts(text, [(None, output)], usage=usage, published=published, source=source, url=url,
                               article_id=article_id, salvage=salvage)

    def code_parts(self, text: str | bytes, answers: list[tuple[range | None, str | dict[str, Any]]], *,
                   usage: Usage | dict[str, int] | None = None, published: Published = None, source: str | None = None,
                   url: str | None = None, article_id: str | None = None, salvage: bool = False) -> ExtractionResult:
        """`code_output` for a long article asked in parts (`parts`): one answer per part, each with
        the sentence numbers its request showed (None: all), validated against its part and merged
        as online (`model.answers.merge_parts`). `usage`: of all the requests together. Raises
        ExtractionError(cause='validation') when an answer does not hold, when none is given, or when
        a part shows sentence numbers the article does not have."""
        started = time.perf_counter()
        reading, meta = self._read(text, published, source, url, article_id)
        usage = usage if isinstance(usage, Usage) else Usage(**(usage or {}))
        numbered = number_sentences(reading.text)
        beyond = [s for s, _ in answers if s is not None and (not s or min(s) < 1 or max(s) > numbered.count)]
        if not answers or beyond:
            raise ExtractionError(
                "no answer to code: give one (shown, answer) pair per part asked" if not answers else
                f"a part shows sentences {min(beyond[0], default=0)}-{max(beyond[0], default=0)} but the article has "
                f"{numbered.count}: these answers are not for this text (see Extractor.parts)",
                cause="validation", attempts=0, usage=usage)
        replies = []
        for shown, output in answers:
            try:
                extraction, warnings = read_answer(output, numbered, salvage=salvage, shown=shown)
            except ValueError as exc:
                first = str(exc).strip().splitlines()
                raise ExtractionError(
                    f"the model's answer does not hold: {' '.join(first[:2]) if first else type(exc).__name__} "
                    f"(read as prompt version {self.prompts.version}'s answer, incidents citing sentence numbers, or "
                    f"{PREVIOUS_PROMPT_VERSION}'s, incidents with evidence quotes); "
                    "re-run this article online (`extractor run`) to let the model correct it",
                    cause="validation", attempts=1, usage=usage,
                ) from exc
            replies.append(ModelReply(extraction=extraction, usage=Usage(), warnings=warnings))
        try:
            reply = replace(combine_replies(replies, numbered), usage=usage)
        except TypeError as exc:  # an answer of the previous shape among parts: that prompt never asked in parts
            raise ExtractionError(f"{exc}: the answers to the parts of one article must all cite sentence numbers",
                                  cause="validation", attempts=1, usage=usage) from exc
        parts = tuple(shown or range(1, numbered.count + 1) for shown, _ in answers)
        return self.code(Answer(reading, meta, reply, started, parts))

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
            sent_back=reply.sent_back if reply else (error.answers if error else []),
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


# "Police launched an operation in the neighbourhood": the place the report has just named.
_THERE = re.compile(rf"\b(?:in|into|at|near|around) the (?:same )?(?:{words_pattern(list(NEARBY_WORDS))})\b(?![’']s)",
                    re.IGNORECASE)


def _as_coding_input(answer: PointedExtraction, numbered: NumberedArticle, anchor: Anchor | None,
                     actors: Path | None) -> tuple[RawExtraction, list[str]]:
    """A pointed answer in the coding layer's shape, its follow-ups joined to the incident before
    (`model.answers.attach_unplaced`; what an incident's place and date are, the coding layer
    says: `_seen`). Returns the `RawExtraction` and notes."""
    joined, notes = attach_unplaced(answer, lambda incident: _seen(incident, numbered, anchor, actors), numbered)
    return to_raw(joined, numbered), notes


def _seen(incident: PointedIncident, numbered: NumberedArticle, anchor: Anchor | None, actors: Path | None) -> Seen:
    """What the coding layer makes of one pointed incident: its places named in its own sentences
    that report an event (not a background sentence: "Djibo has been under a blockade"), its date
    (none when only the report's date stands for it: a hospital's count "said later"), whether it
    names a date expression of its own, even one that cannot be read for want of an anchor ("ON 7
    JANUARY" with no dateline), whether it says it happened "in the neighbourhood" on a day it names;
    rejected (no event)."""
    coded = code_incident(raw_incident(incident, numbered), numbered.text, anchor, actors)
    if not isinstance(coded, Incident):
        return Seen(rejected=True)
    loc = coded.location
    # a place named as its country's capital ("GUATEMALA") is a place: `coding.places` drops a bare country
    names = {n.lower() for n in (loc.admin1, loc.admin2) if n and n != loc.country} | {(loc.place or "").lower()} - {""}
    own = [numbered.sentence(n) for n in incident.sentences if n not in numbered.aggregates]
    own = [s.lower() for s in own if reports_event(s)]
    of_report = anchor is not None and coded.date.text == anchor.text  # the report's date stands for it
    day = coded.date.value if not of_report else None
    return Seen(names=frozenset(n for n in names if any(n in s for s in own)), day=day,
                dated=day is not None or offset_from_other(coded.date.text) is not None,
                written=not of_report and bool(find_expressions(coded.date.text or "")),  # not "later"
                there=any(_THERE.search(s) and find_expressions(s) for s in own))


class _Asking:
    """The parts of one article still to ask, and what the asked ones answered. A part whose answer
    was cut off at max_tokens is asked again in two halves (overlapping by a sentence), so no
    answer stays cut off; any other failure, or a cut-off part of three sentences or fewer, fails
    the article with the usage of every request made for it."""

    def __init__(self, parts: list[range]) -> None:
        self.pending: list[range] = list(parts)
        self.asked: list[range] = []
        self.replies: list[ModelReply] = []
        self.spent = Usage()  # by the requests whose answers were cut off
        self.cut_off: list[str] = []  # what they wrote, for the exchange log
        self.notes: list[str] = []

    def next(self) -> range | None:
        return self.pending.pop(0) if self.pending else None

    def answered(self, part: range, reply: ModelReply) -> None:
        self.asked.append(part)
        self.replies.append(reply)

    def failed(self, part: range, error: ExtractionError) -> None:
        self.spent += error.usage or Usage()
        self.cut_off += error.answers
        if error.cause != "truncated" or len(part) < 4:
            error.usage = sum((r.usage for r in self.replies), self.spent)
            error.answers = [*(a for r in self.replies for a in r.sent_back), *self.cut_off]
            raise error
        middle = part.start + len(part) // 2
        self.pending[:0] = [range(part.start, middle), range(middle - 1, part.stop)]
        self.notes.append(f"the answer for sentences {part.start}-{part.stop - 1} was cut off at max_tokens: "
                          "asked again in two halves")

    def reply(self, numbered: NumberedArticle) -> ModelReply:
        reply = combine_replies(self.replies, numbered)
        if self.notes:
            reply = replace(reply, usage=reply.usage + self.spent, warnings=[*reply.warnings, *self.notes],
                            sent_back=[*self.cut_off, *reply.sent_back])
        return reply

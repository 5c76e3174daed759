"""Test support, for this project's tests and for yours: a fake model backend for tests above
the provider layer, a fake clock for the retry loop, a fake OpenAI-compatible server
(`extractor.testing.server`) for tests of the transport, and a sample article and answer.

`FakeClock` lets the retry loop's back-off and Retry-After be checked without waiting:
`InstructorBackend(settings, clock=FakeClock())`, then read `clock.slept`.

`FakeBackend` answers from a queue, validating each answer with the same schema and grounding as
a real backend (either answer shape: see `model.pointed.is_pointed`), so tests of the coding rules, the
runs and the CLI exercise the real contract without HTTP. For tests of the transport itself,
`extractor.testing.server.FakeOpenAI` serves OpenAI-compatible HTTP on 127.0.0.1 from a script
(`ok`, `status`, `slow`, `drop`, `malformed`, `echo_auth`); `python -m extractor.testing.server
--answer FILE.json` serves one in its own process.

    >>> from extractor import Extractor
    >>> from extractor.testing import FakeBackend
    >>> ex = Extractor(backend=FakeBackend([{"incidents": []}]))
"""

from __future__ import annotations

import json
from collections import deque
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any, AsyncIterator

from extractor.errors import ExtractionError
from extractor.model.backends import BatchSession, Gate, Messages, ModelReply
from extractor.model.schema import RawExtraction, parse_answer
from extractor.model.pointed import PointedExtraction, Pointing, is_pointed, pointing_at
from extractor.model.tokens import estimate_tokens
from extractor.text.article import read
from extractor.text.grounding import locate
from extractor.text.sentences import number_sentences
from extractor.model.transport import Clock
from extractor.records import Usage

__all__ = ["FakeBackend", "FakeClock", "SAMPLE_SENTENCE", "SAMPLE_ANSWER", "SAMPLE_ANSWER_PREVIOUS", "sample_article", "as_pointed"]

# One grounded incident and the model answer that reports it, for tests and benchmarks that need
# an article the coding layer accepts (`sample_article(i)` differs by its number only).
SAMPLE_SENTENCE = ("Gunmen killed three police officers at a checkpoint in Kunduz province on Tuesday night, "
                   "a police spokesman said.")
SAMPLE_ANSWER: dict[str, Any] = {"incidents": [{
    "sentences": [2], "when": "Tuesday night", "province": "Kunduz province",
    "perpetrators": ["Gunmen"], "targets": ["police officers"], "event_type": "battle",
    "claims": [{"claimant": "a police spokesman", "killed": "three", "victims": "police officers"}],
}]}
"""The answer of this prompt version for `sample_article(i)`: its sentence [2] is SAMPLE_SENTENCE."""
SAMPLE_ANSWER_PREVIOUS: dict[str, Any] = {"incidents": [{
    "summary": "Gunmen killed three police officers.", "when": "Tuesday night", "province": "Kunduz province",
    "perpetrators": ["Gunmen"], "targets": ["police officers"], "event_type": "battle",
    "claims": [{"claimant": "a police spokesman", "killed": "three", "victims": "police officers"}],
    "evidence": [SAMPLE_SENTENCE],
}]}
"""The same answer in the previous prompt version's shape (evidence quoted), as `code_output` still reads."""


def as_pointed(answer: Any, article: str) -> Any:
    """An answer of the previous prompt version (incidents quoting `evidence`, with a `summary`)
    translated into the current one's (incidents citing `sentences`): each quote becomes the
    numbers of the sentences of `article` it overlaps, as the model is shown them; what else it
    says is kept. Items that are not incidents (nulls, strings) are kept as they are, so a partial
    answer stays partial. For tests and for answers kept from before issue 12."""
    numbered = number_sentences(read(article).text)

    def cited(quote: object) -> list[int]:
        span = locate(quote, numbered.text) if isinstance(quote, str) else None
        if span is None:
            return []
        return [n for n in range(1, numbered.count + 1)
                if numbered.span(n)[0] < span.end and span.start < numbered.span(n)[1]]

    def one(incident: Any) -> Any:
        if not isinstance(incident, dict) or "evidence" not in incident:
            return incident
        quotes = incident["evidence"] if isinstance(incident["evidence"], list) else [incident["evidence"]]
        numbers = sorted({n for q in quotes for n in cited(q)})
        kept = {k: v for k, v in incident.items() if k not in ("evidence", "summary", "sub_event_type")}
        return {**kept, "sentences": numbers}

    if isinstance(answer, list):
        return [one(i) for i in answer]
    if isinstance(answer, dict) and isinstance(answer.get("incidents"), list):
        return {**answer, "incidents": [one(i) for i in answer["incidents"]]}
    return answer


def sample_article(i: int) -> str:
    """A wire report holding SAMPLE_SENTENCE, numbered `i` (so each has its own content hash)."""
    return f"KABUL, Jan. 29 (Wire) -- Report number {i}. {SAMPLE_SENTENCE}"


class FakeBackend:
    """Answers from a queue of replies: dicts or lists (model-facing JSON of either shape), JSON
    text, a PointedExtraction or RawExtraction, or exceptions (raised as the call's failure). A
    pointed answer is checked against the sentences the call showed, its failing fields dropped; an
    answer that does not hold is read as a real backend reads it once its re-asks are spent (see
    `_read`). Records the messages of every call in `calls`. Raises AssertionError when a call finds
    the queue empty."""

    provider = "fake"

    def __init__(self, replies: list[Any], model: str = "fake-model") -> None:
        self.replies: deque[Any] = deque(replies)
        self.model = model
        self.calls: list[Messages] = []

    def complete(self, messages: Messages, pointing: Pointing) -> ModelReply:
        self.calls.append(messages)
        if not self.replies:
            raise AssertionError("FakeBackend has no reply queued for this call")
        reply = self.replies.popleft()
        if isinstance(reply, BaseException):
            raise reply
        data = reply.model_dump() if isinstance(reply, (RawExtraction, PointedExtraction)) else reply
        usage = Usage(requests=1, prompt_tokens=estimate_tokens("".join(m["content"] for m in messages)),
                      completion_tokens=estimate_tokens(data if isinstance(data, str) else json.dumps(data)))
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError as exc:
                raise ExtractionError(f"the model's answer is not JSON: {exc}", cause="validation", attempts=1,
                                      usage=usage) from exc
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if not k.startswith("_")}
        extraction, warnings = self._read(data, pointing, usage)
        return ModelReply(extraction=extraction, usage=usage, warnings=warnings, raw=[json.dumps(data)])

    @staticmethod
    def _read(data: Any, pointing: Pointing, usage: Usage) -> tuple[RawExtraction | PointedExtraction, list[str]]:
        """As a real backend reads an answer once its re-asks are spent (this fake has no re-asks:
        one queued reply per call): what holds is kept with a warning; an answer that does not hold
        at all is `ExtractionError(cause="validation")`, never a bare validation error."""
        try:
            if is_pointed(data):
                try:
                    with pointing_at(replace(pointing, fields_strict=False)):
                        answer = PointedExtraction.model_validate(data)
                    return answer, list(answer.warnings)
                except ValueError:
                    with pointing_at(replace(pointing, fields_strict=False, salvage=True)):
                        answer = PointedExtraction.model_validate(data)
                    return answer, ["the model's answer failed validation; what holds is kept", *answer.warnings]
            return parse_answer(data, pointing.article.text, salvage=True)
        except ValueError as exc:
            raise ExtractionError(f"the model gave no valid extraction: {str(exc).splitlines()[0][:300]}",
                                  cause="validation", attempts=1, usage=usage) from exc

    async def acomplete(self, messages: Messages, pointing: Pointing, session: BatchSession | None = None) -> ModelReply:
        return self.complete(messages, pointing)

    @asynccontextmanager
    async def batch_session(self, connections: int, gate: Gate) -> AsyncIterator[BatchSession | None]:
        yield None  # no pooled transport: the runner holds a slot for each whole call

    def request_body(self, messages: Messages) -> dict[str, Any]:
        return {"model": self.model, "messages": messages}

    def endpoint_url(self) -> str | None:
        return None


class FakeClock(Clock):
    """A clock that only moves when slept on: each sleep is recorded in `slept` (seconds) and
    advances `now()` by that much, at once."""

    def __init__(self) -> None:
        self.time = 0.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.time += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

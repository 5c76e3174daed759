"""Test support: a fake model backend for tests above the provider layer.

`FakeClock` lets the retry loop's back-off and Retry-After be checked without waiting:
`InstructorBackend(settings, clock=FakeClock())`, then read `clock.slept`.

`FakeBackend` answers from a queue, validating each answer with the same schema and grounding as
a real backend, so tests of the coding rules, the runs and the CLI exercise the real contract
without HTTP. For tests of the transport itself, `tests/fakeserver.py` serves OpenAI-compatible
HTTP on loopback.

    >>> from extractor import Extractor
    >>> from extractor.testing import FakeBackend
    >>> ex = Extractor(backend=FakeBackend([{"incidents": []}]))
"""

from __future__ import annotations

import json
from collections import deque
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

from extractor.model.backends import BatchSession, Gate, Messages, ModelReply
from extractor.model.schema import RawExtraction, parse_answer
from extractor.model.tokens import estimate_tokens
from extractor.model.transport import Clock
from extractor.records import Usage

__all__ = ["FakeBackend", "FakeClock"]


class FakeBackend:
    """Answers from a queue of replies: dicts (model-facing JSON), JSON text, RawExtraction, or
    exceptions (raised as the call's failure). Records the messages of every call in `calls`.
    Raises AssertionError when a call finds the queue empty."""

    provider = "fake"

    def __init__(self, replies: list[Any], model: str = "fake-model") -> None:
        self.replies: deque[Any] = deque(replies)
        self.model = model
        self.calls: list[Messages] = []

    def complete(self, messages: Messages, article: str) -> ModelReply:
        self.calls.append(messages)
        if not self.replies:
            raise AssertionError("FakeBackend has no reply queued for this call")
        reply = self.replies.popleft()
        if isinstance(reply, BaseException):
            raise reply
        data = reply.model_dump() if isinstance(reply, RawExtraction) else reply
        if isinstance(data, str):
            data = json.loads(data)
        data = {k: v for k, v in data.items() if not k.startswith("_")}
        extraction, _ = parse_answer(data, article, salvage=False)
        usage = Usage(requests=1, prompt_tokens=estimate_tokens("".join(m["content"] for m in messages)),
                      completion_tokens=estimate_tokens(json.dumps(data)))
        return ModelReply(extraction=extraction, usage=usage)

    async def acomplete(self, messages: Messages, article: str, session: BatchSession | None = None) -> ModelReply:
        return self.complete(messages, article)

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

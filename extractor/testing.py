"""Test support: a fake model backend for tests above the provider layer.

`FakeBackend` answers from a queue, validating each answer with the same schema and grounding as
a real backend (either answer shape: see `schema.is_pointed`), so tests of the coding rules, the runs and the CLI exercise the real contract
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
from dataclasses import replace
from typing import Any, AsyncIterator

from extractor.model.backends import BatchSession, Gate, Messages, ModelReply
from extractor.model.schema import (
    PointedExtraction, Pointing, RawExtraction, is_pointed, parse_answer, pointing_at,
)
from extractor.model.tokens import estimate_tokens
from extractor.records import Usage

__all__ = ["FakeBackend"]


class FakeBackend:
    """Answers from a queue of replies: dicts (model-facing JSON of either shape), JSON text, a
    PointedExtraction or RawExtraction, or exceptions (raised as the call's failure). A pointed
    answer is checked against the sentences the call showed, its failing fields dropped. Records the messages of every call in `calls`.
    Raises AssertionError when a call finds the queue empty."""

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
        if isinstance(data, str):
            data = json.loads(data)
        data = {k: v for k, v in data.items() if not k.startswith("_")}
        extraction: RawExtraction | PointedExtraction
        if is_pointed(data):
            with pointing_at(replace(pointing, fields_strict=False)):
                extraction = PointedExtraction.model_validate(data)
        else:
            extraction, _ = parse_answer(data, pointing.article.text, salvage=False)
        usage = Usage(requests=1, prompt_tokens=estimate_tokens("".join(m["content"] for m in messages)),
                      completion_tokens=estimate_tokens(json.dumps(data)))
        return ModelReply(extraction=extraction, usage=usage, warnings=list(getattr(extraction, "warnings", [])),
                          raw=[json.dumps(data)])

    async def acomplete(self, messages: Messages, pointing: Pointing, session: BatchSession | None = None) -> ModelReply:
        return self.complete(messages, pointing)

    @asynccontextmanager
    async def batch_session(self, connections: int, gate: Gate) -> AsyncIterator[BatchSession | None]:
        yield None  # no pooled transport: the runner holds a slot for each whole call

    def request_body(self, messages: Messages) -> dict[str, Any]:
        return {"model": self.model, "messages": messages}

    def endpoint_url(self) -> str | None:
        return None

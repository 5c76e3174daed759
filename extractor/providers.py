"""Model backends. The only module that imports openai and instructor.

`InstructorBackend` talks to OpenAI, any OpenAI-compatible server, or the embedded llama.cpp
server; `FakeBackend` answers from a queue, for tests above the provider layer.
Transport failures (429, 5xx, timeouts, dropped connections) are retried here with tenacity,
honouring Retry-After; validation failures go back to the model through instructor's re-ask.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
from collections import deque
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError

from .errors import ExtractionError
from .records import Usage
from .schema import RawExtraction, grounded_in
from .settings import Settings

__all__ = ["ModelReply", "Backend", "InstructorBackend", "FakeBackend", "retry_after_seconds"]


@dataclass
class ModelReply:
    """One logical model call: the parsed extraction and what it cost."""

    extraction: RawExtraction
    usage: Usage
    attempts: int = 1
    warnings: list[str] = field(default_factory=list)


class Backend(Protocol):
    provider: str
    model: str

    def complete(self, messages: list[dict[str, str]], article: str) -> ModelReply: ...

    async def acomplete(self, messages: list[dict[str, str]], article: str) -> ModelReply: ...


# HTTP requests sent during the current logical call (per thread / asyncio task): the re-asks
# instructor makes are invisible otherwise, and each one is a request the user pays for.
_SENT: ContextVar[list[int] | None] = ContextVar("extractor_requests_sent", default=None)


def _count_request(_request: Any) -> None:
    counter = _SENT.get()
    if counter is not None:
        counter[0] += 1


async def _acount_request(request: Any) -> None:
    _count_request(request)


def _transport_error(exc: BaseException) -> BaseException | None:
    """The transport failure behind `exc` (instructor wraps it), or None if it is not one."""
    import openai

    transient = (openai.RateLimitError, openai.InternalServerError, openai.APITimeoutError, openai.APIConnectionError)
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, transient):
            return exc
        if isinstance(exc, openai.APIStatusError) and exc.status_code in (408, 409, 429) or (
            isinstance(exc, openai.APIStatusError) and exc.status_code >= 500
        ):
            return exc
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
        seen += 1
    return None


def retry_after_seconds(headers: Any) -> float | None:
    """Seconds a server asked us to wait (Retry-After as seconds or an HTTP date; retry-after-ms)."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


class SharedBackoff:
    """One pause for every call of a backend: when the server says 429, the calls that have not
    been sent yet wait too, instead of each finding out with a 429 of its own."""

    def __init__(self) -> None:
        self.until = 0.0  # time.monotonic() before which no new request goes out

    def hold(self, seconds: float) -> None:
        self.until = max(self.until, time.monotonic() + seconds)

    def remaining(self) -> float:
        return max(0.0, self.until - time.monotonic())

    def wait(self) -> None:
        while (left := self.remaining()) > 0:
            time.sleep(left)

    async def await_turn(self) -> None:
        import asyncio

        while (left := self.remaining()) > 0:
            await asyncio.sleep(left)


class _Wait:
    """Exponential backoff with full jitter, never shorter than the server's Retry-After.
    A rate limit (429) also pauses the backend's other calls for that long (`SharedBackoff`)."""

    def __init__(self, base: float = 1.0, cap: float = 60.0, shared: SharedBackoff | None = None) -> None:
        self.base, self.cap, self.shared = base, cap, shared

    def __call__(self, retry_state: Any) -> float:
        exp = min(self.cap, self.base * 2 ** (retry_state.attempt_number - 1))
        wait = random.uniform(0, exp)
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        transport = _transport_error(exc) if exc else None
        response = getattr(transport, "response", None)
        asked = retry_after_seconds(getattr(response, "headers", None))
        wait = min(self.cap * 2, max(wait, asked)) if asked is not None else wait
        if self.shared is not None and getattr(transport, "status_code", None) == 429:
            self.shared.hold(wait)
        return wait


def _usage_of(obj: Any) -> Usage:
    if obj is None:
        return Usage()
    usage = getattr(obj, "usage", obj)
    return Usage(
        requests=1,
        prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
    )


def _completion_text(completion: Any) -> str | None:
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return None
    if getattr(message, "tool_calls", None):
        return message.tool_calls[0].function.arguments
    return message.content


class InstructorBackend:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.provider = settings.resolved_provider
        self.model = settings.resolved_model
        self._sync: Any = None
        self._async: Any = None
        self._async_loop: Any = None
        self.backoff = SharedBackoff()

    # -- clients ------------------------------------------------------------------------
    def _base_url(self) -> str | None:
        if self.provider == "local":
            from .local import local_server

            return local_server(self.settings)
        return self.settings.base_url

    def _client_kwargs(self) -> dict[str, Any]:
        key = self.settings.api_key
        if self.provider == "openai" and not key:
            from .errors import ConfigError

            raise ConfigError("the OpenAI provider needs an API key: set OPENAI_API_KEY or api_key=")
        return {
            "base_url": self._base_url(),
            "api_key": key or "sk-no-key-needed",
            "timeout": self.settings.timeout,
            "max_retries": 0,  # retries are ours (tenacity), so that they are bounded and counted
        }

    def _mode(self) -> Any:
        import instructor

        return {"json": instructor.Mode.JSON, "tools": instructor.Mode.TOOLS, "md_json": instructor.Mode.MD_JSON}[
            self.settings.resolved_mode
        ]

    def _sync_client(self) -> Any:
        if self._sync is None:
            import instructor
            import openai

            http = openai.DefaultHttpxClient(event_hooks={"request": [_count_request]})
            self._sync = instructor.from_openai(openai.OpenAI(**self._client_kwargs(), http_client=http), mode=self._mode())
        return self._sync

    def _async_client(self) -> Any:
        import asyncio

        loop = asyncio.get_running_loop()
        if self._async is None or self._async_loop is not loop:
            # An async client's pooled connections belong to the loop that opened them: a new
            # loop (each asyncio.run) needs its own client, or its first calls fail.
            import instructor
            import openai

            self._async_loop = loop
            http = openai.DefaultAsyncHttpxClient(event_hooks={"request": [_acount_request]})
            self._async = instructor.from_openai(
                openai.AsyncOpenAI(**self._client_kwargs(), http_client=http), mode=self._mode()
            )
        return self._async

    def _request(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        return {
            "model": self.model,
            "response_model": RawExtraction,
            "messages": messages,
            "max_retries": self.settings.reasks,  # instructor counts re-asks after the first try
            "temperature": self.settings.temperature,
            "seed": self.settings.seed,
            "max_tokens": self.settings.max_tokens,
        }

    def request_body(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        """The chat-completions body instructor sends on the first try (schema in the prompt for JSON
        mode, a tool for TOOLS mode): what an offline batch request must hold to ask the same question."""
        from instructor.processing import handle_response_model

        request = self._request(messages)
        response_model = request.pop("response_model")
        request.pop("max_retries")
        _, body = handle_response_model(response_model, mode=self._mode(), **request)
        return body

    def _retrying(self, asynchronous: bool) -> Any:
        import tenacity

        cls = tenacity.AsyncRetrying if asynchronous else tenacity.Retrying
        return cls(
            retry=tenacity.retry_if_exception(lambda e: _transport_error(e) is not None),
            wait=_Wait(shared=self.backoff),
            stop=tenacity.stop_after_attempt(self.settings.transport_attempts)
            | tenacity.stop_after_delay(self.settings.transport_max_seconds),
            reraise=True,
        )

    # -- calls --------------------------------------------------------------------------
    def complete(self, messages: list[dict[str, str]], article: str) -> ModelReply:
        spent = [Usage()]
        sent = [0]
        token = _SENT.set(sent)
        try:
            for attempt in self._retrying(asynchronous=False):
                with attempt, grounded_in(article):
                    self.backoff.wait()
                    try:
                        model, completion = self._sync_client().chat.completions.create_with_completion(
                            **self._request(messages)
                        )
                    except Exception as exc:
                        self._count_failure(exc, spent)
                        raise
                    return self._reply(model, completion, attempt.retry_state.attempt_number, sent[0])
        except Exception as exc:
            return self._give_up(exc, spent[0].model_copy(update={"requests": sent[0]}))
        finally:
            _SENT.reset(token)
        raise AssertionError("unreachable")  # pragma: no cover

    async def acomplete(self, messages: list[dict[str, str]], article: str) -> ModelReply:
        spent = [Usage()]
        sent = [0]
        token = _SENT.set(sent)
        try:
            async for attempt in self._retrying(asynchronous=True):
                with attempt, grounded_in(article):
                    await self.backoff.await_turn()
                    try:
                        model, completion = await self._async_client().chat.completions.create_with_completion(
                            **self._request(messages)
                        )
                    except Exception as exc:
                        self._count_failure(exc, spent)
                        raise
                    return self._reply(model, completion, attempt.retry_state.attempt_number, sent[0])
        except Exception as exc:
            return self._give_up(exc, spent[0].model_copy(update={"requests": sent[0]}))
        finally:
            _SENT.reset(token)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _count_failure(exc: Exception, spent: list[Usage]) -> None:
        total = getattr(exc, "total_usage", None)
        spent[0] = spent[0] + (_usage_of(total) if total is not None else Usage(requests=1))

    @staticmethod
    def _reply(model: RawExtraction, completion: Any, transport_attempts: int, requests: int) -> ModelReply:
        total = getattr(model, "_total_usage", None)
        usage = _usage_of(total or completion).model_copy(update={"requests": max(1, requests)})
        return ModelReply(extraction=model, usage=usage, attempts=transport_attempts)

    def _give_up(self, exc: Exception, spent: Usage) -> ModelReply:
        """Turn a final failure into a reply (salvaging a last ungrounded answer) or an ExtractionError."""
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        transport = _transport_error(exc)
        if transport is not None:
            raise ExtractionError(
                f"the model endpoint kept failing ({type(transport).__name__}: {str(transport)[:200]}) after "
                f"{self.settings.transport_attempts} attempts: check the server, or raise EXTRACTOR_TRANSPORT_ATTEMPTS",
                cause="transport", attempts=self.settings.transport_attempts, usage=spent,
            ) from exc
        if isinstance(exc, IncompleteOutputException) or isinstance(exc.__cause__, IncompleteOutputException):
            raise ExtractionError(
                f"the model's output was cut off at max_tokens={self.settings.max_tokens}: raise EXTRACTOR_MAX_TOKENS",
                cause="truncated", attempts=1, usage=spent,
            ) from exc
        if isinstance(exc, InstructorRetryException):
            text = _completion_text(exc.last_completion)
            errors = str(exc)[:500]
            if text:
                try:
                    extraction = RawExtraction.model_validate_json(text)  # no grounding: the coding layer checks
                except ValidationError:
                    extraction = None
                if extraction is not None:
                    return ModelReply(
                        extraction=extraction, usage=spent, attempts=exc.n_attempts,
                        warnings=[f"the model's answer still failed validation after {exc.n_attempts} attempts "
                                  f"({errors}); only what could be grounded in the article is kept"],
                    )
            raise ExtractionError(
                f"the model gave no valid extraction in {exc.n_attempts} attempts: {errors}. "
                "Try a larger model, or raise EXTRACTOR_REASKS",
                cause="validation", attempts=exc.n_attempts, usage=spent,
            ) from exc
        raise exc


class FakeBackend:
    """Answers from a queue of replies: dicts (model-facing JSON), RawExtraction, or exceptions.

    Replies are validated with the same schema and grounding as real ones, so tests above the
    provider layer exercise the same contract without HTTP.
    """

    provider = "fake"

    def __init__(self, replies: list[Any], model: str = "fake-model") -> None:
        self.replies: deque[Any] = deque(replies)
        self.model = model
        self.calls: list[list[dict[str, str]]] = []

    def complete(self, messages: list[dict[str, str]], article: str) -> ModelReply:
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
        with grounded_in(article):
            extraction = RawExtraction.model_validate(data)
        tokens = sum(len(m["content"]) for m in messages) // 4
        return ModelReply(extraction=extraction, usage=Usage(requests=1, prompt_tokens=tokens, completion_tokens=len(json.dumps(data)) // 4))

    async def acomplete(self, messages: list[dict[str, str]], article: str) -> ModelReply:
        return self.complete(messages, article)

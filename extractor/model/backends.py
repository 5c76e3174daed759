"""Model backends. With `transport`, the only modules that import openai and instructor.

`InstructorBackend` talks to OpenAI, any OpenAI-compatible server, or the embedded llama.cpp
server; `RecordedBackend` stands for answers that came from elsewhere (a Batch API results file,
a cached answer) and makes no call. A fake backend for tests is in `extractor.testing`.
Transport failures (429, 5xx, timeouts, dropped connections) are retried here with tenacity,
honouring Retry-After; validation failures go back to the model through instructor's re-ask.

The model answers the current prompt by pointing (`pointed.PointedExtraction`), checked against
the numbered article a request showed (`schema.Pointing`): an answer that does not hold (not
JSON, an incident citing no sentence shown) is re-asked up to `Settings.reasks` times; a copied
field that is not in its incident's sentences is re-asked `Settings.field_reasks` times (each
re-ask costs a whole new answer), then dropped with a warning.
"""

from __future__ import annotations

import asyncio
import json
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any, AsyncIterator, Callable, Generator, NoReturn, Protocol

from extractor.errors import ConfigError, ExtractionError
from extractor.model.lenient import unfenced
from extractor.model.pointed import Extraction, PointedExtraction, Pointing, pointing_at
from extractor.model.transport import (
    MAX_PAUSE, REAL_CLOCK, AioTransport, Clock, EndpointStatusError, EndpointUnreachableError, SharedBackoff, Wait,
    retry_after_seconds, transport_error,
)
from extractor.records import Usage
from extractor.settings import Settings

__all__ = ["ModelReply", "Backend", "Gate", "BatchSession", "InstructorBackend", "RecordedBackend", "usage_of", "reask_limit"]

Messages = list[dict[str, str]]


@dataclass
class ModelReply:
    """One logical model call: the parsed answer and what it cost (all requests, re-asks too).
    `extraction` is a `PointedExtraction` from a backend; an answer of the previous prompt
    version's shape (a cached answer, a fake one) may be a `RawExtraction`."""

    extraction: Extraction
    usage: Usage
    attempts: int = 1
    warnings: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    """The answer text the model wrote, as it wrote it (before validation dropped anything): one per
    request kept, so that a change of the validation rules can be measured on cached answers."""
    sent_back: list[str] = field(default_factory=list)
    """The answers the model wrote that failed validation, as written, in order: those that went
    back with a re-ask, and the last one where only what held of it was kept (the exchange log
    keeps them beside the answer kept)."""


class Gate(Protocol):
    """A batch's hold on the endpoint (`runs.sending.RequestGate`): one slot per request in flight;
    `first` marks an article's first request (where a budget may refuse it); the callable it
    yields is charged with the answer's usage before the slot is freed."""

    def request(self, first: bool) -> AbstractAsyncContextManager[Callable[[Usage | None], None]]: ...


@dataclass
class BatchSession:
    """What one batch's calls share: a pooled HTTP transport and the batch's own gate. Passed to
    each call, never stored on the backend, so two batches on one backend do not mix."""

    transport: AioTransport
    gate: Gate | None = None


class Backend(Protocol):
    """Everything the pipeline and the runs use of a model backend."""

    provider: str
    model: str

    def complete(self, messages: Messages, pointing: Pointing) -> ModelReply:
        """One logical call (with its re-asks), its answer checked against `pointing` (the numbered
        article and the sentences `messages` show). Raises ExtractionError."""

    async def acomplete(self, messages: Messages, pointing: Pointing, session: BatchSession | None = None) -> ModelReply:
        """The same, async; within a batch `session`, every request passes its gate."""

    def batch_session(self, connections: int, gate: Gate) -> AbstractAsyncContextManager[BatchSession | None]:
        """A session for many concurrent calls, or None where the backend has none (the caller
        then holds a gate slot for the whole call)."""

    def request_body(self, messages: Messages) -> dict[str, Any]:
        """The chat-completions body of the first try (for offline batch files). Raises ConfigError
        where the backend sends no requests."""

    def endpoint_url(self) -> str | None:
        """The endpoint's base URL (starting the embedded server if it is the one), None for the SDK default."""


def import_sdks() -> None:
    """Load what a model call needs (for a process about to make many: `extractor._preload`)."""
    import aiohttp  # noqa: F401
    import instructor.processing  # noqa: F401
    import openai  # noqa: F401
    from openai.types.chat import ChatCompletion  # noqa: F401


def _answer_text(completion: Any) -> str:
    """What the model wrote: the message, or the first tool call's arguments."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return ""
    if getattr(message, "tool_calls", None):
        return message.tool_calls[0].function.arguments or ""
    return message.content or ""


def _whole_answer(parse: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """`parse` for MD_JSON mode, refusing an answer that is not one JSON value as a whole (fenced or
    not). instructor's MD_JSON reader takes the first JSON it can find in the text: of a broken answer
    (no grammar holds the model to JSON) that was an incident's list of sentence numbers, read as the
    incidents (MUC-4 DEV-MUC3-0029, issue 12). Refused, it is sent back to the model, with the JSON
    grammar this time (`_conversation`). A cut-off answer is left to `parse`, which says so."""

    def whole(completion: Any, model: Any) -> Any:
        try:
            cut_off = completion.choices[0].finish_reason == "length"
        except (AttributeError, IndexError):
            cut_off = False
        if not cut_off:
            json.loads(unfenced(_answer_text(completion)))  # JSONDecodeError is a ValueError: re-asked
        return parse(completion, model)

    return whole


_REASK_FLOOR = 256  # output tokens a grammar re-ask may always write


def reask_limit(completion: Any, max_tokens: int) -> int:
    """Output tokens for the grammar re-ask of an answer that was not JSON: twice what that answer
    wrote (at least `_REASK_FLOOR`, at most `max_tokens`). Under the grammar the 1.5B model can run
    on to max_tokens (MUC-4 DEV-MUC3-0029: 2,047 tokens, two minutes on 2 cores, issue 12); a re-ask
    cut off at this limit is a cut-off answer, and a long article's part is then asked in halves."""
    written = getattr(getattr(completion, "usage", None), "completion_tokens", None)
    return max_tokens if not written else min(max_tokens, max(_REASK_FLOOR, 2 * written))


def _first_line(errors: str) -> str:
    lines = [line.strip() for line in errors.splitlines() if line.strip()]
    return " ".join(lines[1:3])[:300] if len(lines) > 1 else errors[:300]


class InstructorBackend:
    """One logical call = instructor's request, our transport, instructor's parse and re-ask.

    instructor prepares the request (schema in the prompt for JSON mode, a tool for TOOLS mode),
    parses the answer and words the re-ask; the loop around them is ours, so that its per-call
    cost stays small (the request is prepared once per prompt, not once per article), transport
    failures are retried per request (a dropped connection during a re-ask keeps the earlier
    attempts), and every request sent is counted. The loop is written once (`_conversation`)
    and driven by a sync and an async transport.
    """

    def __init__(self, settings: Settings, *, clock: Clock = REAL_CLOCK) -> None:
        """`clock`: what the retry loop reads and sleeps on (tests inject `extractor.testing.FakeClock`)."""
        self.settings = settings
        self.provider = settings.resolved_provider
        self.model = settings.resolved_model
        self._sync: Any = None
        self._async: Any = None
        self._async_loop: Any = None
        self._parse: Callable[[Any, Any], Any] | None = None
        self._templates: dict[tuple, tuple[Any, dict[str, Any], list[str]]] = {}
        self.clock = clock
        self.backoff = SharedBackoff(cap=min(MAX_PAUSE, settings.transport_max_seconds), clock=clock)

    # -- clients ------------------------------------------------------------------------
    def endpoint_url(self) -> str | None:
        if self.provider == "local":
            from extractor.model.local import local_server

            return local_server(self.settings)
        return self.settings.base_url

    def _client_kwargs(self) -> dict[str, Any]:
        key = self.settings.api_key
        if self.provider == "openai" and not key:
            raise ConfigError("the OpenAI provider needs an API key: set OPENAI_API_KEY or api_key=")
        return {
            "base_url": self.endpoint_url(),
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
            import openai

            self._sync = openai.OpenAI(**self._client_kwargs())
        return self._sync

    def _async_client(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._async is None or self._async_loop is not loop:
            # An async client's pooled connections belong to the loop that opened them: a new
            # loop (each asyncio.run) needs its own client, or its first calls fail.
            import openai

            self._async_loop = loop
            self._async = openai.AsyncOpenAI(**self._client_kwargs())
        return self._async

    @asynccontextmanager
    async def batch_session(self, connections: int, gate: Gate) -> AsyncIterator[BatchSession | None]:
        """Many concurrent calls (a batch) over one aiohttp pool of `connections`, closed when the
        block ends (an aiohttp session belongs to its event loop); each request passes `gate`.

        The requests go straight through aiohttp (which instructor already requires) rather than
        the SDK's client: at hundreds of calls a second, the SDK's request building costs as much
        CPU as validating and coding the answer (see benchmarks/batch.py)."""
        transport = AioTransport(self.endpoint_url() or "https://api.openai.com/v1", self._client_kwargs()["api_key"],
                                  self.settings.timeout, connections)
        try:
            yield BatchSession(transport, gate)
        finally:
            await transport.close()

    # -- requests -----------------------------------------------------------------------
    def _params(self, messages: Messages) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "seed": self.settings.seed,
            "max_tokens": self.settings.max_tokens,
        }

    def _prepared(self, messages: Messages) -> tuple[Any, dict[str, Any]]:
        """The response model and request body for `messages`.

        JSON and MD_JSON modes send the messages as they are (JSON mode asks the server for a JSON
        object: a grammar on llama.cpp): the prompt's worked example shows the answer's shape, and
        instructor's addition of the whole JSON schema to the system prompt made the 1.5B model's
        answers worse (issue 12, measured on the seed: the two incidents merged, the dateline's
        city as province, 1,000 more prompt tokens). TOOLS mode sends instructor's tool, prepared
        once per prompt with placeholders for the user messages (instructor wraps the model in a
        new class and renders the schema each time): the body instructor would build (tested)."""
        mode = self.settings.resolved_mode
        if mode in ("json", "md_json"):
            body = self._params(messages)
            if mode == "json":
                body["response_format"] = {"type": "json_object"}
            return PointedExtraction, body
        shape = tuple((m["role"], None if m["role"] == "user" else m["content"]) for m in messages)
        cached = self._templates.get(shape)
        if cached is None:
            from instructor.processing import handle_response_model

            marks = [f"\x00extractor-user-message-{i}\x00" if m["role"] == "user" else "" for i, m in enumerate(messages)]
            shaped = [{**m, "content": mark} if mark else m for m, mark in zip(messages, marks)]
            response_model, body = handle_response_model(PointedExtraction, mode=self._mode(), **self._params(shaped))
            cached = self._templates[shape] = (response_model, body, marks)
        response_model, body, marks = cached
        fill = {mark: m["content"] for m, mark in zip(messages, marks) if mark}
        return response_model, {**body, "messages": _fill(body["messages"], fill)}

    def request_body(self, messages: Messages) -> dict[str, Any]:
        """The chat-completions body of the first try: what an offline batch request must hold
        to ask the same question."""
        return self._prepared(messages)[1]

    def _conversation(self, messages: Messages, pointing: Pointing, spent: "_Spent") -> Generator[dict[str, Any], Any, ModelReply]:
        """Yields each request body, receives its completion; returns the reply. Re-asks go back
        to the model with instructor's wording of what failed validation: a copied field not in
        its sentences while field re-asks last, an answer that does not hold while re-asks last."""
        from instructor.core.exceptions import IncompleteOutputException
        from instructor.processing import handle_reask_kwargs

        mode = self._mode()
        response_model, body = self._prepared(messages)
        parse = self._parser()
        tries = 1 + max(0, self.settings.reasks)
        completion: Any = None
        error: Exception | None = None
        written: list[str] = []  # the answers that failed, as written
        for attempt in range(1, tries + 1):
            completion = yield body
            spent.add(completion)
            try:
                with pointing_at(replace(pointing, fields_strict=attempt <= self.settings.field_reasks)):
                    extraction = parse(completion, response_model)
            except IncompleteOutputException:
                limit = body.get("max_tokens", self.settings.max_tokens)
                advice = ("a re-ask's limit, twice the broken answer it corrects" if limit < self.settings.max_tokens
                          else "raise EXTRACTOR_MAX_TOKENS")
                raise ExtractionError(f"the model's output was cut off at max_tokens={limit}: {advice}",
                                      cause="truncated", attempts=attempt, usage=spent.total(),
                                      answers=[*written, _answer_text(completion)]) from None
            except ValueError as exc:  # pydantic ValidationError, JSONDecodeError, instructor's parsing errors
                error = exc
                written.append(_answer_text(completion))
                if attempt < tries:
                    body = handle_reask_kwargs(body, mode, completion, exc)
                    if isinstance(exc, json.JSONDecodeError) and "response_format" not in body:
                        # no grammar held the model to JSON (MD_JSON): the re-ask has one (issue 12),
                        # and a limit near the answer it corrects (`reask_limit`)
                        body = {**body, "response_format": {"type": "json_object"},
                                "max_tokens": reask_limit(completion, body.get("max_tokens", self.settings.max_tokens))}
                continue
            return ModelReply(extraction=extraction, usage=spent.total(), attempts=attempt,
                              warnings=list(extraction.warnings), raw=[_answer_text(completion)], sent_back=written)
        return self._salvage(completion, response_model, pointing, error, tries, spent.total(), written)

    def _parser(self) -> Callable[[Any, Any], Any]:
        """instructor's parser for this mode: the function `process_response` dispatches to.

        Called directly, because `process_response` also walks the response model looking for
        async validators and formats the whole completion into a debug message on every call:
        a fifth of a batch call's CPU at hundreds of calls a second. Falls back to
        `process_response` where instructor's registry is not where this version keeps it."""
        if self._parse is None:
            mode = self._mode()
            try:
                from instructor.v2.core.providers import normalize_mode_for_provider, provider_from_mode
                from instructor.v2.core.registry import mode_registry
                import instructor.v2  # noqa: F401 - registers the handlers

                provider = provider_from_mode(mode)
                parser = mode_registry.get_handlers(provider, normalize_mode_for_provider(mode, provider)).response_parser

                def parse(completion: Any, model: Any) -> Any:
                    return parser(response=completion, response_model=model, validation_context=None, strict=None,
                                  stream=False, is_async=False)
            except (ImportError, AttributeError, KeyError, TypeError):
                from instructor.processing import process_response

                def parse(completion: Any, model: Any) -> Any:
                    return process_response(completion, response_model=model, stream=False, mode=mode)

            if self.settings.resolved_mode == "md_json":
                self._parse = _whole_answer(parse)
            else:
                self._parse = parse
        return self._parse

    def _salvage(self, completion: Any, response_model: Any, pointing: Pointing, error: Exception | None, tries: int,
                 usage: Usage, written: list[str]) -> ModelReply:
        """Re-asks spent: an answer of the right shape is kept with what of it holds (the incidents
        citing sentences shown, the fields found in them), with a warning; anything else is a
        validation failure. `written`: every answer that failed, the last one included."""
        errors = f"{type(error).__name__}: {error}"[:500]
        try:
            with pointing_at(replace(pointing, salvage=True)):
                extraction = self._parser()(completion, response_model)
        except ValueError:
            pass
        else:
            why = (f"the model's answer still failed validation after {tries} attempts ({_first_line(errors)}); "
                   "only what could be grounded in the article is kept")
            return ModelReply(extraction=extraction, usage=usage, attempts=tries, warnings=[why, *extraction.warnings],
                              raw=[_answer_text(completion)], sent_back=written)
        what = "an answer that is not JSON" if isinstance(error, json.JSONDecodeError) else "no valid extraction"
        raise ExtractionError(
            f"the model gave {what} in {tries} attempt{'s' if tries > 1 else ''}: {errors}. "
            "Try a larger model, or raise EXTRACTOR_REASKS",
            cause="validation", attempts=tries, usage=usage, answers=written,
        )

    # -- transport ------------------------------------------------------------------------
    def _retrying(self, asynchronous: bool) -> Any:
        import tenacity

        cls = tenacity.AsyncRetrying if asynchronous else tenacity.Retrying
        return cls(
            retry=tenacity.retry_if_exception(lambda e: transport_error(e) is not None),
            wait=Wait(shared=self.backoff, budget=self.settings.transport_max_seconds),
            stop=tenacity.stop_after_attempt(self.settings.transport_attempts)
            | tenacity.stop_after_delay(self.settings.transport_max_seconds),
            sleep=self.clock.asleep if asynchronous else self.clock.sleep,
            reraise=True,
        )

    def _deadline(self) -> float:
        """When one request's time budget ends (clock time): no attempt of it is sent after that."""
        return self.clock.now() + self.settings.transport_max_seconds

    def _fail(self, exc: Exception, spent: _Spent, attempts: int) -> NoReturn:
        """Raise what a request's final failure means for the caller (see `_transport_failed`);
        `attempts`: how many times that request was sent (the time budget may stop it early)."""
        failure = self._transport_failed(exc, spent, attempts)
        if failure is exc:
            raise exc
        raise failure from exc

    def _transport_failed(self, exc: Exception, spent: _Spent, attempts: int) -> Exception:
        transport = transport_error(exc)
        status = getattr(exc, "status_code", None)
        if transport is None and isinstance(status, int) and 400 <= status < 500:
            return ExtractionError(
                f"the endpoint refused the request ({str(exc)[:300]}): check the model name, the API key "
                "and the base URL (--model, OPENAI_API_KEY, --base-url)",
                cause="refused", attempts=1, usage=spent.total(),
            )
        if transport is None:
            return exc
        return ExtractionError(
            f"the model endpoint kept failing ({type(transport).__name__}: {str(transport)[:200]}) after "
            f"{attempts} attempt{'s' if attempts != 1 else ''}: check the server, or raise EXTRACTOR_TRANSPORT_ATTEMPTS "
            "(or EXTRACTOR_TRANSPORT_MAX_SECONDS)",
            cause="transport", attempts=attempts, usage=spent.total(),
        )

    def complete(self, messages: Messages, pointing: Pointing) -> ModelReply:
        from openai.types.chat import ChatCompletion

        spent = _Spent()
        talk = self._conversation(messages, pointing, spent)
        body = next(talk)
        while True:
            sent_before, deadline = spent.requests, self._deadline()
            try:
                retrying = self._retrying(asynchronous=False)
                for attempt in retrying:
                    with attempt:
                        self.backoff.wait(deadline)
                        spent.sent()
                        completion = self._sync_post(body, ChatCompletion)
            except Exception as exc:
                self._fail(exc, spent, spent.requests - sent_before)
            try:
                body = talk.send(completion)
            except StopIteration as done:
                return done.value

    def _sync_post(self, body: dict[str, Any], cast_to: Any) -> Any:
        try:
            return self._sync_client().post("/chat/completions", body=body, cast_to=cast_to)
        except ValueError as exc:  # the SDK parses the body: one that is not JSON is the endpoint's fault
            raise EndpointUnreachableError(f"the endpoint's answer is not a chat completion: {exc}") from exc

    async def acomplete(self, messages: Messages, pointing: Pointing, session: BatchSession | None = None) -> ModelReply:
        from openai.types.chat import ChatCompletion

        spent = _Spent()
        talk = self._conversation(messages, pointing, spent)
        body, first = next(talk), True
        while True:
            sent_before, deadline = spent.requests, self._deadline()
            try:
                retrying = self._retrying(asynchronous=True)
                async for attempt in retrying:
                    with attempt:
                        await self.backoff.await_turn(deadline)
                        spent.sent()
                        completion = await self._apost(body, ChatCompletion, first, session, deadline)
            except Exception as exc:
                self._fail(exc, spent, spent.requests - sent_before)
            try:
                body, first = talk.send(completion), False
            except StopIteration as done:
                return done.value

    async def _apost(self, body: dict[str, Any], cast_to: Any, first: bool, session: BatchSession | None,
                     deadline: float | None = None) -> Any:
        if session is None:
            return await self._async_client().post("/chat/completions", body=body, cast_to=cast_to)
        if session.gate is None:
            return await session.transport.post(body)
        async with session.gate.request(first) as charge:
            # A 429 pauses every call not yet sent: checked here, with the slot in hand, and taken
            # before the slot is freed, so that the call waiting for it does not slip through.
            await self.backoff.await_turn(deadline)
            try:
                completion = await session.transport.post(body)
            except EndpointStatusError as exc:
                if exc.status_code == 429:
                    self.backoff.hold(retry_after_seconds(exc.response.headers) or 1.0)
                raise
            charge(usage_of(completion))
        return completion


def usage_of(completion: Any) -> Usage:
    """One request's tokens, from a completion (a server may leave usage out: zero then)."""
    usage = getattr(completion, "usage", None)
    return Usage(requests=1, prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                 completion_tokens=getattr(usage, "completion_tokens", 0) or 0)


class _Spent:
    """Requests sent and tokens used by one logical call, failed requests included."""

    def __init__(self) -> None:
        self.requests = self.prompt_tokens = self.completion_tokens = 0

    def sent(self) -> None:
        self.requests += 1

    def add(self, completion: Any) -> None:
        usage = usage_of(completion)
        self.prompt_tokens += usage.prompt_tokens
        self.completion_tokens += usage.completion_tokens

    def total(self) -> Usage:
        return Usage(requests=self.requests, prompt_tokens=self.prompt_tokens, completion_tokens=self.completion_tokens)


def _fill(value: Any, marks: dict[str, str]) -> Any:
    """A copy of `value` with each placeholder in its strings replaced by its text."""
    if isinstance(value, str):
        for mark, text in marks.items():
            if mark in value:
                value = value.replace(mark, text)
        return value
    if isinstance(value, list):
        return [_fill(v, marks) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, marks) for k, v in value.items()}
    return value


class RecordedBackend:
    """The backend of answers that came from elsewhere (a batch engine's results file, a cached
    answer): it names the provider and model that answered, and makes no call."""

    def __init__(self, provider: str, model: str) -> None:
        self.provider, self.model = provider, model

    def complete(self, messages: Messages, pointing: Pointing) -> ModelReply:
        raise ConfigError(f"answers recorded from {self.provider}/{self.model} make no model calls: "
                          "code them with Extractor.code_output")

    async def acomplete(self, messages: Messages, pointing: Pointing, session: BatchSession | None = None) -> ModelReply:
        return self.complete(messages, pointing)

    @asynccontextmanager
    async def batch_session(self, connections: int, gate: Gate) -> AsyncIterator[BatchSession | None]:
        yield None

    def request_body(self, messages: Messages) -> dict[str, Any]:
        raise ConfigError("recorded answers cannot write batch requests: use a real provider (local, openai, compatible)")

    def endpoint_url(self) -> str | None:
        return None

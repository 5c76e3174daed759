"""Talking HTTP to a model endpoint: which failures are worth retrying, how long to wait
(Retry-After, a pause shared by every call when the server says 429), and the batch transport.

The retry loop itself is in `providers` (tenacity, per request); what it reads is here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import json
import math
import random
import time
from dataclasses import dataclass
from typing import Any

from extractor.errors import remember_secret

__all__ = ["BudgetSpent", "Clock", "REAL_CLOCK", "EndpointStatusError", "EndpointUnreachableError", "SharedBackoff", "Wait", "AioTransport",
           "transport_error", "retry_after_seconds", "MAX_PAUSE"]


class EndpointStatusError(Exception):
    """The endpoint answered with an HTTP error (the batch transport's twin of openai.APIStatusError)."""

    def __init__(self, status_code: int, headers: Any, body: bytes) -> None:
        self.status_code = status_code
        self.response = _Headers(headers)
        super().__init__(f"HTTP {status_code}: {body[:300].decode('utf-8', 'replace')}")


class EndpointUnreachableError(Exception):
    """No answer: refused or dropped connection, timeout, or a body that is not a chat completion."""


class BudgetSpent(EndpointUnreachableError):
    """A call's time budget (EXTRACTOR_TRANSPORT_MAX_SECONDS) ran out while it waited its turn
    (a server's Retry-After): it is not sent again, and fails as `transport`."""


@dataclass
class _Headers:
    headers: Any


def transport_error(exc: BaseException) -> BaseException | None:
    """The transport failure behind `exc` (instructor wraps it), or None if it is not one."""
    import openai

    transient = (openai.RateLimitError, openai.InternalServerError, openai.APITimeoutError, openai.APIConnectionError,
                 EndpointUnreachableError)
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, transient):
            return exc
        if isinstance(exc, EndpointStatusError) and (exc.status_code in (408, 409, 429) or exc.status_code >= 500):
            return exc
        if isinstance(exc, openai.APIStatusError) and exc.status_code in (408, 409, 429) or (
            isinstance(exc, openai.APIStatusError) and exc.status_code >= 500
        ):
            return exc
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
        seen += 1
    return None


MAX_PAUSE = 60.0  # seconds: the back-off's cap, and the longest any Retry-After is honoured


def retry_after_seconds(headers: Any) -> float | None:
    """Seconds a server asked us to wait (Retry-After as seconds or an HTTP date, RFC 9110 10.2.3;
    OpenAI's retry-after-ms), at least 0; None when absent or unparsable ("soon", a bad date,
    NaN), so that the caller's back-off applies. Not capped here: the caller knows its limits."""
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        seconds = _seconds(str(value).strip(), scale) if value else None
        if seconds is not None:
            return seconds
    return None


def _seconds(value: str, scale: float) -> float | None:
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        return max(0.0, number * scale) if math.isfinite(number) else None
    if scale != 1.0:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:  # an HTTP date is GMT; a date without a zone is taken as such
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return max(0.0, parsed.timestamp() - time.time())


class Clock:
    """The time the retry loop reads and sleeps on: the monotonic clock, `time.sleep` and
    `asyncio.sleep`. Tests inject one that only advances when slept on
    (`extractor.testing.FakeClock`), so back-off and Retry-After are checked without waiting."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


REAL_CLOCK = Clock()


class SharedBackoff:
    """One pause for every call of a backend: when the server says 429, the calls that have not
    been sent yet wait too, instead of each finding out with a 429 of its own. A pause is capped
    at `cap` seconds: a server's Retry-After of an hour must not hold a run past its own limits
    (the transport's time budget then fails the call as `transport`)."""

    clock: Clock = REAL_CLOCK

    def __init__(self, cap: float = MAX_PAUSE, clock: Clock = REAL_CLOCK) -> None:
        self.until = 0.0  # clock.now() before which no new request goes out
        self.cap, self.clock = cap, clock

    def hold(self, seconds: float) -> None:
        self.until = max(self.until, self.clock.now() + min(max(0.0, seconds), self.cap))

    def remaining(self) -> float:
        return max(0.0, self.until - self.clock.now())

    def wait(self, deadline: float | None = None) -> None:
        """Sleep out the pause, but not past `deadline` (clock.now() time, the call's budget end):
        BudgetSpent when that is reached, so that no request goes out after its budget."""
        while (left := self._left(deadline)) > 0:
            self.clock.sleep(left)
        self._check(deadline)

    async def await_turn(self, deadline: float | None = None) -> None:
        """`wait`, asynchronously."""
        while (left := self._left(deadline)) > 0:
            await self.clock.asleep(left)
        self._check(deadline)

    def _left(self, deadline: float | None) -> float:
        left = self.remaining()
        return left if deadline is None else min(left, deadline - self.clock.now())

    def _check(self, deadline: float | None) -> None:
        if deadline is not None and self.clock.now() >= deadline:
            raise BudgetSpent("the time budget was spent waiting as the server asked (Retry-After), so nothing more "
                              "was sent: raise EXTRACTOR_TRANSPORT_MAX_SECONDS or send fewer calls at once")


class Wait:
    """Exponential backoff with full jitter, never shorter than the server's Retry-After, never
    longer than `cap` nor than what is left of the call's time `budget` (seconds since its first
    attempt; tenacity's stop_after_delay then ends it after one more try). A rate limit (429)
    also pauses the backend's other calls for that long (`SharedBackoff`)."""

    def __init__(self, base: float = 1.0, cap: float = MAX_PAUSE, shared: SharedBackoff | None = None,
                 budget: float | None = None) -> None:
        self.base, self.cap, self.shared, self.budget = base, cap, shared, budget

    def __call__(self, retry_state: Any) -> float:
        exp = min(self.cap, self.base * 2 ** (retry_state.attempt_number - 1))
        wait = random.uniform(0, exp)
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        transport = transport_error(exc) if exc else None
        response = getattr(transport, "response", None)
        asked = retry_after_seconds(getattr(response, "headers", None))
        wait = min(self.cap, max(wait, asked)) if asked is not None else wait
        if self.budget is not None:
            wait = min(wait, max(0.0, self.budget - (retry_state.seconds_since_start or 0.0)))
        if self.shared is not None and getattr(transport, "status_code", None) == 429:
            self.shared.hold(wait)
        return wait


class AioTransport:
    """POST /chat/completions over one aiohttp session; errors as the retry policy reads them."""

    def __init__(self, base_url: str, api_key: str, timeout: float, connections: int | None) -> None:
        import aiohttp

        from extractor import __version__

        self.url = base_url.rstrip("/") + "/chat/completions"
        remember_secret(api_key)  # an error body that echoes it is redacted wherever it goes
        self.session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=(connections or 100) + 4),
            timeout=aiohttp.ClientTimeout(total=timeout),
            headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json",
                     "Accept": "application/json", "User-Agent": f"extractor/{__version__}"},
        )

    async def post(self, body: dict[str, Any]) -> Any:
        import aiohttp
        from openai.types.chat import ChatCompletion

        try:
            async with self.session.post(self.url, data=json.dumps(body).encode()) as response:
                raw = await response.read()
                if response.status >= 400:
                    raise EndpointStatusError(response.status, response.headers, raw)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise EndpointUnreachableError(f"{type(exc).__name__}: {exc}") from exc
        try:
            return ChatCompletion.model_validate_json(raw)
        except ValueError as exc:
            raise EndpointUnreachableError(f"the endpoint's answer is not a chat completion: {raw[:200]!r}") from exc

    async def close(self) -> None:
        await self.session.close()

"""Retrying transports: wrap any httpx2 transport with the retry policy.

Retries live in a transport, not in the client, so they apply the same way on top of the
default network transport, a test's `httpx2.MockTransport`, or the package's fakes.
"""

from __future__ import annotations

import asyncio
import email.utils
import math
import random
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeAlias

import httpx2

from ._config import DEFAULT_MAX_RETRIES
from ._http_types import AsyncTransport, HTTPResponse, SyncTransport
from ._logging import described, logger, redact_headers, shown_url

# Failures where the request may not have reached the server, or its answer was lost. The
# only operations here are GETs, so repeating them is always safe.
RETRYABLE_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx2.TimeoutException,
    httpx2.NetworkError,
    httpx2.RemoteProtocolError,
)
RETRYABLE_STATUSES = frozenset({408, 409, 429})

#: The request extension through which a concurrent walk passes the event it sets once it is
#: closed: a page nobody will read must not keep its thread waiting out a backoff or a long
#: Retry-After while the walk's caller waits for the thread to finish.
WALK_CLOSED_EXTENSION = "eligibility_clients.walk_closed"


def _walk_closed(request: httpx2.Request) -> threading.Event | None:
    closed = request.extensions.get(WALK_CLOSED_EXTENSION)
    return closed if isinstance(closed, threading.Event) else None


#: How a `RetryTransport` waits before a retry: `sleep(seconds, closed)`. `closed` is the
#: event of the concurrent walk that asked for the page (None outside one); a sleep should
#: return as soon as it is set, since nobody will read the page. `pause` is the default; a
#: test passes a function that records the delay instead of waiting it out.
Sleep: TypeAlias = Callable[[float, threading.Event | None], None]

#: How an `AsyncRetryTransport` waits before a retry: `await sleep(seconds)`.
#: `asyncio.sleep` is the default; a closed async walk cancels its tasks instead.
AsyncSleep: TypeAlias = Callable[[float], Awaitable[None]]


def pause(seconds: float, closed: threading.Event | None = None) -> None:
    """Sleep `seconds`, waking early when `closed` (the requesting walk's) is set."""
    if closed is None:
        time.sleep(seconds)
    else:
        closed.wait(seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """When to retry and how long to wait.

    Backoff is `min(initial_delay * 2**n, max_delay)` seconds, scaled by a random factor in
    [0.75, 1] so clients that failed together do not retry together. A `Retry-After` (or
    `retry-after-ms`) header replaces the backoff, capped at `max_retry_after` seconds.
    """

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def should_retry(self, response: httpx2.Response) -> bool:
        """Whether this status is worth another attempt (`x-should-retry` overrides)."""
        override: str = response.headers.get("x-should-retry", "").strip().lower()
        if override in ("true", "false"):
            return override == "true"
        status: int = response.status_code
        return status in RETRYABLE_STATUSES or status >= 500

    def backoff(self, retries_so_far: int) -> float:
        """Seconds to wait before retry number `retries_so_far + 1`, without a server hint."""
        delay: float = min(self.initial_delay * 2.0**retries_so_far, self.max_delay)
        return delay * random.uniform(0.75, 1.0)

    def delay_after(self, response: httpx2.Response, retries_so_far: int) -> float:
        """Seconds to wait after a retryable response: the server's hint, else backoff."""
        hinted = retry_after_seconds(response.headers)
        if hinted is not None:
            return min(hinted, self.max_retry_after)
        return self.backoff(retries_so_far)


def retry_after_seconds(headers: httpx2.Headers, now: datetime | None = None) -> float | None:
    """Parse `retry-after-ms`, then `Retry-After` as seconds or an HTTP date; None if absent.

    A value that is garbage, negative, NaN or infinite counts as absent; a date in the past
    means now. The caller caps what comes back.
    """
    millis = _seconds(headers.get("retry-after-ms", ""))
    if millis is not None:
        return millis / 1000
    raw = headers.get("retry-after", "").strip()
    if not raw:
        return None
    seconds = _seconds(raw)
    if seconds is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        # OverflowError: a year beyond what datetime holds, e.g. 2147483648.
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        value = (when - (now or datetime.now(UTC))).total_seconds()
    except OverflowError:
        return None
    return max(value, 0.0)


def _seconds(raw: str) -> float | None:
    """`raw` as a finite number >= 0, else None."""
    try:
        value = float(raw)
    except ValueError:
        return None
    # Written so that NaN, which compares false with everything, fails it.
    return value if 0 <= value < math.inf else None


#: The request extension through which a client made by `with_options()` sets its own
#: `max_retries` on the transport it shares with the client it came from.
MAX_RETRIES_EXTENSION = "eligibility_clients.max_retries"


def max_retries_of(request: httpx2.Request, policy: RetryPolicy) -> int:
    """The retries allowed for `request`: its client's own setting, else the transport's."""
    value = request.extensions.get(MAX_RETRIES_EXTENSION)
    return value if isinstance(value, int) else policy.max_retries


def _log_attempt(request: httpx2.Request, attempt: int) -> None:
    if logger.isEnabledFor(10):  # DEBUG; redacting headers is not free
        logger.debug(
            "request %s %s attempt=%d headers=%s",
            request.method,
            shown_url(request),
            attempt,
            redact_headers(request.headers.multi_items()),
        )


def _log_retry(request: httpx2.Request, reason: str, delay: float, retry: int, limit: int) -> None:
    logger.info(
        "retrying %s after %s in %.2fs (retry %d of %d)",
        described(request),
        reason,
        delay,
        retry,
        limit,
    )


def _received(response: HTTPResponse, transport: object, method: str) -> httpx2.Response:
    """The inner transport's answer, which httpx2's client needs to be its own Response."""
    if isinstance(response, httpx2.Response):
        return response
    raise TypeError(
        f"{type(transport).__name__}.{method} returned {type(response).__name__}; "
        "a transport must return an httpx2.Response"
    )


class _Attempts:
    """The retry decisions for one request, shared by the sync and async transports."""

    def __init__(self, policy: RetryPolicy, request: httpx2.Request) -> None:
        self.policy = policy
        self.request = request
        self.limit = max_retries_of(request, policy)
        self.retries = 0
        self.closed = _walk_closed(request)
        self.answer: httpx2.Response | None = None
        self.discarded: httpx2.Response | None = None
        _log_attempt(request, 1)

    def delay_after(self, outcome: httpx2.Response | Exception) -> float | None:
        """The wait before the next attempt after `outcome`, or None when it is the answer.

        Raises a retryable error that no retry is left for. A response that will be retried
        is left in `discarded`, for the caller to close.
        """
        self.discarded = None
        if isinstance(outcome, Exception):
            if self.retries >= self.limit:
                raise outcome
            return self._retry(self.policy.backoff(self.retries), type(outcome).__name__)
        if self.retries >= self.limit or not self.policy.should_retry(outcome):
            self.answer = outcome
            return None
        self.discarded = outcome
        delay = self.policy.delay_after(outcome, self.retries)
        return self._retry(delay, f"status {outcome.status_code}")

    def _retry(self, delay: float, reason: str) -> float:
        self.retries += 1
        _log_retry(self.request, reason, delay, self.retries, self.limit)
        return delay

    def final(self) -> httpx2.Response:
        """The response that ended the attempts."""
        if self.answer is None:
            raise RuntimeError("no attempt has answered yet")
        return self.answer

    def next_attempt(self) -> None:
        """Log the attempt about to be sent; raise if the walk that asked for it is closed."""
        if self.closed is not None and self.closed.is_set():
            raise httpx2.TransportError(
                "retry abandoned: the walk that requested this page was closed",
                request=self.request,
            )
        _log_attempt(self.request, self.retries + 1)


class RetryTransport(httpx2.BaseTransport):
    """A sync transport that retries `inner` according to a `RetryPolicy`.

    `sleep` waits out each delay before a retry (default: `pause`); see `Sleep`.
    """

    def __init__(self, inner: SyncTransport, policy: RetryPolicy, *, sleep: Sleep = pause) -> None:
        self._inner = inner
        self._policy = policy
        self._sleep = sleep

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """Send `request`, retrying retryable failures; return the last response."""
        attempts = _Attempts(self._policy, request)
        while (delay := attempts.delay_after(self._attempt(request))) is not None:
            if attempts.discarded is not None:
                attempts.discarded.close()
            self._sleep(delay, attempts.closed)
            attempts.next_attempt()
        return attempts.final()

    def _attempt(self, request: httpx2.Request) -> httpx2.Response | Exception:
        try:
            return _received(self._inner.handle_request(request), self._inner, "handle_request")
        except RETRYABLE_EXCEPTIONS as exc:
            return exc

    def close(self) -> None:
        """Close the wrapped transport."""
        self._inner.close()


class AsyncRetryTransport(httpx2.AsyncBaseTransport):
    """An async transport that retries `inner` according to a `RetryPolicy`.

    `sleep` waits out each delay before a retry (default: `asyncio.sleep`); see `AsyncSleep`.
    """

    def __init__(
        self, inner: AsyncTransport, policy: RetryPolicy, *, sleep: AsyncSleep = asyncio.sleep
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._sleep = sleep

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Send `request`, retrying retryable failures; return the last response."""
        attempts = _Attempts(self._policy, request)
        while (delay := attempts.delay_after(await self._attempt(request))) is not None:
            if attempts.discarded is not None:
                await attempts.discarded.aclose()
            await self._sleep(delay)
            attempts.next_attempt()
        return attempts.final()

    async def _attempt(self, request: httpx2.Request) -> httpx2.Response | Exception:
        try:
            answer = await self._inner.handle_async_request(request)
        except RETRYABLE_EXCEPTIONS as exc:
            return exc
        return _received(answer, self._inner, "handle_async_request")

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self._inner.aclose()

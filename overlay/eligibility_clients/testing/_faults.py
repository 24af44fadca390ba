"""Fault injection for the fakes: latency, rate limits, 5xx bursts, dropped connections.

A fault is queued, then consumed by the next request that reaches the fake, so a test can say
exactly which request fails ("the second page gets a 429") without timing tricks.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import httpx2

from .._http_types import HTTPRequest, HTTPResponse

# A fault needs the vendor's own error body; the fake passes this in when it applies one.
ErrorBody = Callable[[int, str, str], HTTPResponse]


class ConnectionDropped(Exception):
    """The fake closes the connection without answering (a transport raises, a server hangs up)."""


@dataclass(frozen=True)
class _Fault:
    kind: str
    status: int = 0
    retry_after: float | None = None


_HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"
)


class Faults:
    """What the next requests should suffer. Thread-safe; every method returns `self`.

    `latency` (seconds) is added to every request, before any queued fault. The other methods
    queue one-shot faults, consumed one per request in the order they were queued:

    ```python
    fake.faults.latency = 0.05
    fake.faults.rate_limit(retry_after=2).server_errors(times=2)
    ```

    Error answers carry `Retry-After: 0` unless `retry_after=` asks for a delay (or `None`, no
    header, for the client's own backoff): a client retries them at once, so a test of its
    error handling does not wait out real backoff.
    """

    def __init__(self) -> None:
        self.latency: float = 0.0
        self._queue: deque[_Fault] = deque()
        self._lock = threading.Lock()

    def rate_limit(self, *, times: int = 1, retry_after: float | None = 0.0) -> Faults:
        """Answer 429 with the vendor's error body and `Retry-After` (None: no header)."""
        return self._add(_Fault("rate_limit", 429, _seconds(retry_after)), times)

    def server_errors(
        self, *, times: int = 1, status: int = 503, retry_after: float | None = 0.0
    ) -> Faults:
        """Answer a 5xx with the vendor's error body and `Retry-After` (None: no header)."""
        if not 500 <= status <= 599:
            raise ValueError(f"server_errors needs a 5xx status, got {status}")
        return self._add(_Fault("server_error", status, _seconds(retry_after)), times)

    def drop_connection(self, *, times: int = 1) -> Faults:
        """Close the connection without an answer (httpx2 raises `RemoteProtocolError`)."""
        return self._add(_Fault("drop"), times)

    def truncated_body(self, *, times: int = 1) -> Faults:
        """Answer 200 with the real JSON body cut in half, as a broken proxy might."""
        return self._add(_Fault("truncated", 200), times)

    def non_json_body(self, *, times: int = 1) -> Faults:
        """Answer 200 with a plain-text body where JSON belongs."""
        return self._add(_Fault("non_json", 200), times)

    def html_error(
        self, *, times: int = 1, status: int = 502, retry_after: float | None = 0.0
    ) -> Faults:
        """Answer an HTML error page, as a load balancer in front of the API does."""
        return self._add(_Fault("html", status, _seconds(retry_after)), times)

    def status(self, status: int, *, times: int = 1, retry_after: float | None = 0.0) -> Faults:
        """Answer a bare status with an empty body, e.g. Cloudflare's non-standard 520."""
        if not 100 <= status <= 999:
            raise ValueError(f"status must be a three-digit HTTP status, got {status}")
        return self._add(_Fault("status", status, _seconds(retry_after)), times)

    def clear(self) -> Faults:
        """Drop every queued fault and the latency."""
        with self._lock:
            self._queue.clear()
            self.latency = 0.0
        return self

    @property
    def pending(self) -> int:
        """How many queued faults have not been consumed yet."""
        with self._lock:
            return len(self._queue)

    def _add(self, fault: _Fault, times: int) -> Faults:
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ValueError(f"times must be a positive int, got {times!r}")
        with self._lock:
            self._queue.extend([fault] * times)
        return self

    def _take(self) -> _Fault | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None


def _seconds(retry_after: float | None) -> float | None:
    if retry_after is None:
        return None
    if isinstance(retry_after, bool) or not isinstance(retry_after, int | float):
        raise TypeError(f"retry_after must be seconds or None, got {retry_after!r}")
    if not 0 <= retry_after <= 3600:
        raise ValueError(f"retry_after must be 0 to 3600 seconds, got {retry_after!r}")
    return float(retry_after)


def apply_fault(
    fault: _Fault,
    request: HTTPRequest,
    answer: Callable[[HTTPRequest], HTTPResponse],
    error_body: ErrorBody,
) -> HTTPResponse:
    """The response (or `ConnectionDropped`) that `fault` turns `request` into."""
    if fault.kind == "drop":
        raise ConnectionDropped("the fake dropped the connection (injected fault)")
    if fault.kind == "truncated":
        body = answer(request).content
        return _raw(200, "application/json", body[: len(body) // 2])
    if fault.kind == "non_json":
        return _raw(200, "text/plain; charset=utf-8", b"Service temporarily unavailable\n")
    if fault.kind == "rate_limit":
        response = error_body(429, "rate_limited", "Rate Limited")
    elif fault.kind == "server_error":
        response = error_body(fault.status, "internal_server_error", "Internal Server Error")
    elif fault.kind == "html":
        response = _raw(fault.status, "text/html; charset=utf-8", _HTML_PAGE)
    else:
        response = _raw(fault.status, "text/plain; charset=utf-8", b"")
    if fault.retry_after is not None:
        response.headers["Retry-After"] = f"{fault.retry_after:g}"
    return response


def _raw(status: int, content_type: str, body: bytes) -> httpx2.Response:
    return httpx2.Response(status, headers={"Content-Type": content_type}, content=body)

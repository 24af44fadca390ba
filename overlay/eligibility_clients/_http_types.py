"""The HTTP objects the public API names, as small protocols that httpx2's own objects satisfy.

At run time these are httpx2's objects: a transport you pass in is used as it is, and an
exception's `response` is the `httpx2.Response` received. The signatures name these protocols
instead of httpx2's classes because httpx2 2.16 leaves attributes of `Request` and `Response`
unannotated: every signature that mentioned them was "partially unknown" to pyright's
`--verifytypes`, so a user's checker could infer them differently than we intend. Each
protocol lists only what is promised, with exact types. `isinstance(x, httpx2.Response)`
still narrows to httpx2's full class where more is needed.
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx2

__all__ = ["AsyncTransport", "HTTPRequest", "HTTPResponse", "SyncTransport"]


class HTTPRequest(Protocol):
    """A request as sent: an `httpx2.Request` at run time."""

    @property
    def method(self) -> str:
        """The HTTP method, upper case (`"GET"`)."""
        ...

    @property
    def url(self) -> httpx2.URL:
        """The full URL, with its query string (`url.params` reads it)."""
        ...

    @property
    def headers(self) -> httpx2.Headers:
        """The headers sent, including the API key's (it is never logged or shown by us)."""
        ...

    @property
    def content(self) -> bytes:
        """The body sent (empty for the GETs this package makes)."""
        ...


class HTTPResponse(Protocol):
    """A response as received: an `httpx2.Response` at run time."""

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        ...

    @property
    def reason_phrase(self) -> str:
        """The status's reason phrase (`"Too Many Requests"`)."""
        ...

    @property
    def http_version(self) -> str:
        """`"HTTP/1.1"` or `"HTTP/2"`."""
        ...

    @property
    def headers(self) -> httpx2.Headers:
        """The response headers, looked up case-insensitively."""
        ...

    @property
    def url(self) -> httpx2.URL:
        """The URL of the request this answers."""
        ...

    @property
    def request(self) -> HTTPRequest:
        """The request this answers."""
        ...

    @property
    def content(self) -> bytes:
        """The body, as received."""
        ...

    @property
    def text(self) -> str:
        """The body, decoded with its charset."""
        ...

    @property
    def encoding(self) -> str | None:
        """The charset `text` decodes with."""
        ...

    @property
    def is_success(self) -> bool:
        """Whether the status is 2xx."""
        ...

    @property
    def is_error(self) -> bool:
        """Whether the status is 4xx or 5xx."""
        ...

    def json(self, **kwargs: Any) -> Any:
        """The body parsed as JSON; `kwargs` go to `json.loads`."""
        ...


class SyncTransport(Protocol):
    """What a sync client's `transport=` takes: any `httpx2.BaseTransport`, or a fake's.

    For example `httpx2.HTTPTransport(...)`, `httpx2.MockTransport(handler)` or
    `FakeTruemed().transport`. The client calls `handle_request` with an `httpx2.Request` and
    needs an `httpx2.Response` back; the request is typed `Any` only because httpx2's own
    `Request` is not fully typed (see the module docstring), and a transport's parameter must
    accept it.
    """

    def handle_request(self, request: Any, /) -> HTTPResponse:
        """Send one request and return its response."""
        ...

    def close(self) -> None:
        """Release the transport's connections; called by the client's `close()`."""
        ...


class AsyncTransport(Protocol):
    """What an async client's `transport=` takes: any `httpx2.AsyncBaseTransport`, or a fake's.

    For example `httpx2.AsyncHTTPTransport(...)`, `httpx2.MockTransport(handler)` or
    `FakeTruemed().transport`; as `SyncTransport`, awaited.
    """

    async def handle_async_request(self, request: Any, /) -> HTTPResponse:
        """Send one request and return its response."""
        ...

    async def aclose(self) -> None:
        """Release the transport's connections; called by the client's `aclose()`."""
        ...

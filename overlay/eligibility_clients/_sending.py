"""Sending one request: the operation's label, per-client options, and errors on failure.

Everything a request can do wrong ends here as one of the package's exceptions: a transport
failure as `APIConnectionError`, an error status as an `APIStatusError` subclass.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NoReturn

import httpx2

from ._auth import APIKeyAuth
from ._errors import (
    APIConnectionError,
    APITimeoutError,
    status_error_from_response,
)
from ._logging import LABEL_EXTENSION, RequestLabel, logger, shown_url
from ._operation import Operation
from ._redact import cause_without, keys_sent, redact
from ._retries import MAX_RETRIES_EXTENSION, WALK_CLOSED_EXTENSION

_BODY_ALREADY_READ = httpx2.ByteStream(b"")


def label(operation: Operation[Any]) -> dict[str, RequestLabel]:
    """The request extensions that tell the log lines which operation a request is."""
    personal = frozenset(p.name for p in operation.parameters if p.personal)
    return {LABEL_EXTENSION: RequestLabel(operation.operation_id, personal)}


@dataclass(frozen=True)
class RequestOptions:
    """What one client sends with each request: its timeout, retries and extra headers.

    Clients made by `with_options()` share a connection pool but not these.
    """

    timeout: httpx2.Timeout
    max_retries: int
    headers: Mapping[str, str] = field(default_factory=dict)

    def arguments(
        self, extensions: Mapping[str, Any] | None = None, closed: threading.Event | None = None
    ) -> dict[str, Any]:
        """The keyword arguments of `get()` that carry these options and the request's own.

        `extensions` label the request for the log; `closed` is the event a concurrent walk
        sets once it is closed, so that retries of a page nobody will read stop waiting.
        """
        extensions = {**(extensions or {}), MAX_RETRIES_EXTENSION: self.max_retries}
        if closed is not None:
            extensions[WALK_CLOSED_EXTENSION] = closed
        return {
            "headers": dict(self.headers) or None,
            "timeout": self.timeout,
            "extensions": extensions,
        }


#: The query of a request.
Params = Mapping[str, Any]
#: Keyword arguments of `get()` beyond the query: `RequestOptions.arguments()`.
Arguments = Mapping[str, Any]
NONE: Arguments = MappingProxyType({})


def send(http: httpx2.Client, url: str, params: Params, via: Arguments = NONE) -> httpx2.Response:
    """GET `url`; return the success response or raise the package's exception."""
    failure = _Failure(http.auth)
    with failure:
        return _checked(http.get(url, params=params, **via))
    failure.raise_it()


async def asend(
    http: httpx2.AsyncClient, url: str, params: Params, via: Arguments = NONE
) -> httpx2.Response:
    """Async `send`."""
    failure = _Failure(http.auth)
    with failure:
        response = await http.get(url, params=params, **via)
        return _checked(response)
    failure.raise_it()


class _Failure:
    """Catches a failed request's error, to be raised as the package's own once it is out."""

    def __init__(self, auth: httpx2.Auth | None) -> None:
        self._auth = auth
        self.error: APIConnectionError | None = None
        self.cause: BaseException | None = None

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> bool:
        if not isinstance(exc, httpx2.RequestError):
            return False
        self.error, self.cause = _connection_error(exc, self._auth)
        return True

    def raise_it(self) -> NoReturn:
        """Raise the package's error, once the `with` block is left.

        Outside any handler, so that a cause that shows the key is not kept as the error's
        __context__ either.
        """
        if self.error is None:
            raise RuntimeError("no request failed")
        raise self.error from self.cause


def _connection_error(
    exc: httpx2.RequestError, auth: httpx2.Auth | None
) -> tuple[APIConnectionError, BaseException | None]:
    """The package's error for a failed request, and `exc` as its cause if that is safe."""
    try:
        request: httpx2.Request | None = exc.request
    except RuntimeError:  # httpx2 raises this when no request is attached
        request = None
    keys = keys_sent(request)
    if isinstance(auth, APIKeyAuth):  # the request, which the error also redacts by, may be gone
        keys = (*keys, *auth.keys)
    detail = redact(str(exc) or type(exc).__name__, keys)
    if isinstance(exc, httpx2.TimeoutException):
        error: APIConnectionError = APITimeoutError(f"Request timed out: {detail}", request=request)
    else:
        error = APIConnectionError(f"Connection error: {detail}", request=request)
    return error, cause_without(exc, keys)


def _checked(response: httpx2.Response) -> httpx2.Response:
    # httpx2's client wraps the body stream in one that points back at the response, a cycle
    # that only the cyclic garbage collector frees. The body is read by now, so drop that
    # stream: each page's bytes then go as soon as the page is parsed, not at the next full
    # collection, which a long walk makes rarer and rarer.
    elapsed = getattr(response.stream, "elapsed", None)
    response.stream = _BODY_ALREADY_READ
    if elapsed is not None:  # httpx2 reads `response.elapsed` from the stream just dropped
        response.elapsed = elapsed
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "response %s %s -> %d (%d bytes)",
            response.request.method,
            shown_url(response.request),
            response.status_code,
            len(response.content),
        )
    if not response.is_success:
        raise status_error_from_response(response)
    return response

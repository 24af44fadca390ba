"""Building the httpx2 clients, sending one request, and turning its response into a model.

Everything a response can do wrong ends here as one of the package's exceptions: a transport
failure as `APIConnectionError`, an error status as an `APIStatusError` subclass, and a success
body that is not JSON or does not fit the spec as `APIResponseValidationError`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, Self, TypeVar

import httpx2

from ._config import APIKeyAuth, Settings
from ._errors import (
    UNDECODABLE,
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    decode_body,
    status_error_from_response,
)
from ._foreign import reject_old_httpx
from ._http_types import AsyncTransport, SyncTransport
from ._json import loads
from ._logging import LABEL_EXTENSION, RequestLabel, logger, shown_url
from ._operation import Operation
from ._presence import PresenceCheck
from ._redact import cause_without, keys_sent, redact, request_of
from ._retries import MAX_RETRIES_EXTENSION, AsyncRetryTransport, RetryPolicy, RetryTransport
from ._version import __version__

# Ours alone, as documented: httpx2's default ("python-httpx2/...") names the HTTP library we
# happen to use, which servers and their logs should not come to depend on.
USER_AGENT_NAME = "eligibility-clients"
USER_AGENT = f"{USER_AGENT_NAME}/{__version__}"
_READ = httpx2.ByteStream(b"")


class Model(Protocol):
    """What the generated attrs models offer for parsing."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


ModelT = TypeVar("ModelT", bound=Model)

# What the generated parsers raise on a value that does not fit: a missing key, a wrong type,
# a date they cannot read (dateutil raises OverflowError for some), or a value nested deeper
# than the interpreter can follow.
_UNPARSABLE = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    OverflowError,
    RecursionError,
)


def _client_options(settings: Settings) -> dict[str, Any]:
    return {
        "base_url": settings.base_url,
        "timeout": settings.timeout,
        "headers": {"User-Agent": USER_AGENT, "Accept": "application/json"},
        "auth": APIKeyAuth(settings.vendor.auth_header, settings.api_key, settings.base_url),
        # A redirect could lead anywhere; the APIs document none, so none is followed.
        "follow_redirects": False,
    }


def _check_transport(transport: object, method: str, kind: str, other: str) -> None:
    """Refuse, at construction, a transport the client could not send through."""
    reject_old_httpx("transport", transport, kind)
    if transport is not None and not callable(getattr(transport, method, None)):
        raise TypeError(
            f"transport must be an {kind} (an object with {method}()), got "
            f"{type(transport).__name__} ({other})"
        )


def build_client(settings: Settings, transport: SyncTransport | None) -> httpx2.Client:
    """An httpx2.Client for `settings`, retrying on top of `transport` (default: the network)."""
    _check_transport(
        transport,
        "handle_request",
        "httpx2.BaseTransport",
        "async clients take an httpx2.AsyncBaseTransport",
    )
    inner = transport if transport is not None else httpx2.HTTPTransport()
    policy = RetryPolicy(max_retries=settings.max_retries)
    return httpx2.Client(transport=RetryTransport(inner, policy), **_client_options(settings))


def build_async_client(settings: Settings, transport: AsyncTransport | None) -> httpx2.AsyncClient:
    """An httpx2.AsyncClient for `settings`, retrying on top of `transport`."""
    _check_transport(
        transport,
        "handle_async_request",
        "httpx2.AsyncBaseTransport",
        "sync clients take an httpx2.BaseTransport",
    )
    inner = transport if transport is not None else httpx2.AsyncHTTPTransport()
    policy = RetryPolicy(max_retries=settings.max_retries)
    return httpx2.AsyncClient(
        transport=AsyncRetryTransport(inner, policy), **_client_options(settings)
    )


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

    def arguments(self, extensions: Mapping[str, Any] | None) -> dict[str, Any]:
        """The keyword arguments of `get()` that carry these options."""
        return {
            "headers": dict(self.headers) or None,
            "timeout": self.timeout,
            "extensions": {**(extensions or {}), MAX_RETRIES_EXTENSION: self.max_retries},
        }


def _arguments(
    options: RequestOptions | None, extensions: Mapping[str, Any] | None
) -> dict[str, Any]:
    if options is None:
        return {"extensions": dict(extensions or {})}
    return options.arguments(extensions)


def send(
    http: httpx2.Client,
    url: str,
    params: Mapping[str, Any],
    extensions: Mapping[str, Any] | None = None,
    options: RequestOptions | None = None,
) -> httpx2.Response:
    """GET `url`; return the success response or raise the package's exception."""
    try:
        response = http.get(url, params=params, **_arguments(options, extensions))
    except httpx2.RequestError as exc:
        error, cause = _connection_error(exc, http.auth)
    else:
        return _checked(response)
    # Raised here, outside the handler, so that a cause that shows the key is not kept as
    # the error's __context__ either.
    raise error from cause


async def asend(
    http: httpx2.AsyncClient,
    url: str,
    params: Mapping[str, Any],
    extensions: Mapping[str, Any] | None = None,
    options: RequestOptions | None = None,
) -> httpx2.Response:
    """Async `send`."""
    try:
        response = await http.get(url, params=params, **_arguments(options, extensions))
    except httpx2.RequestError as exc:
        error, cause = _connection_error(exc, http.auth)
    else:
        return _checked(response)
    raise error from cause


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
    response.stream = _READ
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


def parse_model(
    model: type[ModelT],
    response: httpx2.Response,
    *,
    items_key: str | None = None,
    presence: PresenceCheck | None = None,
) -> ModelT:
    """Parse a success body into `model`, or raise `APIResponseValidationError`.

    A value that does not fit is reported by its exact path (e.g. `data[2].createdAt`): the
    generated parsers raise an error that carries it. With `presence`, the documented fields
    the body left out of the records under `items_key` are logged or raised (see `_presence`).
    """
    try:
        data = loads(response.content)
    except UNDECODABLE as exc:
        raise APIResponseValidationError(
            f"The {response.status_code} response is not valid JSON: {exc}",
            response=response,
            body=decode_body(response),
        ) from None
    if not isinstance(data, dict):
        raise APIResponseValidationError(
            f"Expected a JSON object for {model.__name__}, got {type(data).__name__}",
            response=response,
            body=data,
        )
    return parse_data(model, data, response, items_key=items_key, presence=presence)


def parse_page(
    model: type[ModelT],
    response: httpx2.Response,
    *,
    link_key: str,
    items_key: str | None = None,
    presence: PresenceCheck | None = None,
) -> tuple[ModelT, APIResponseValidationError | None]:
    """`parse_model` for a page, which a broken way to the next page does not throw away.

    When the body fits once `link_key` (the part of the envelope that leads to the next page)
    is left out, the page is parsed without it, and the error is returned with the page, for
    the walk to raise once the page's items are out.
    """
    # Each error is raised outside the handler that caught the one before it, so a traceback
    # shows one error and its cause, not a chain of attempts.
    try:
        return parse_model(model, response, items_key=items_key, presence=presence), None
    except APIResponseValidationError as exc:
        error = exc
    if not isinstance(error.body, dict) or link_key not in error.body:
        raise error
    rest = {key: value for key, value in error.body.items() if key != link_key}
    beyond: APIResponseValidationError | None = None
    try:
        page = parse_data(model, rest, response, items_key=items_key, presence=presence)
    except APIResponseValidationError as other:  # more than the link is wrong
        beyond = other
    if beyond is not None:
        raise APIResponseValidationError(
            beyond.message, response=response, body=error.body, field=beyond.field
        ) from beyond.__cause__
    field = error.field or ""
    if field != link_key and not field.startswith((f"{link_key}.", f"{link_key}[")):
        # The parsers could not tell where it broke; leaving `link_key` out tells.
        cause = error.__cause__
        problem = f"{type(cause).__name__}: {cause}" if cause is not None else error.message
        error = APIResponseValidationError(
            f"The response does not fit {model.__name__} at {link_key}: {problem}",
            response=response,
            body=error.body,
            field=link_key,
        )
    return page, error


def parse_data(
    model: type[ModelT],
    data: dict[str, Any],
    response: httpx2.Response,
    *,
    items_key: str | None = None,
    presence: PresenceCheck | None = None,
) -> ModelT:
    """Parse a decoded body into `model`, or raise `APIResponseValidationError` with its path.

    With `presence`, the documented fields the body left out of the records under `items_key`
    are logged or raised (see `_presence`).
    """
    error: APIResponseValidationError | None = None
    cause: BaseException | None = None
    try:
        parsed = model.from_dict(data)
    except _UNPARSABLE as exc:
        field = field_path(getattr(exc, "path", None))
        error = APIResponseValidationError(
            f"The response does not fit {model.__name__} at {field}: {exc}",
            response=response,
            body=data,
            field=field,
        )
        # The parser's error quotes the value, which may be a key the server echoed.
        cause = cause_without(exc, keys_sent(request_of(response)))
    if error is not None:
        # Outside the handler, so that a cut cause is not kept as __context__ either.
        raise error from cause
    if presence is not None and items_key is not None:
        presence.check(items_key, getattr(parsed, items_key), response, data)
    return parsed


def field_path(segments: list[str | int] | None) -> str:
    """`["data", 0, "results", "eligibilityStatus"]` as `data[0].results.eligibilityStatus`."""
    if not segments:
        return "<root>"
    text = ""
    for segment in segments:
        text += f"[{segment}]" if isinstance(segment, int) else f".{segment}"
    return text.lstrip(".")

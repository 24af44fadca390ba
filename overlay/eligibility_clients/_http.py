"""Building the httpx2 clients, sending one request, and turning its response into a model.

Everything a response can do wrong ends here as one of the package's exceptions: a transport
failure as `APIConnectionError`, an error status as an `APIStatusError` subclass, and a success
body that is not JSON or does not fit the spec as `APIResponseValidationError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Protocol, Self, TypeVar

import httpx2

from ._config import APIKeyAuth, Settings
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    decode_body,
    status_error_from_response,
)
from ._foreign import reject_old_httpx
from ._logging import logger
from ._retries import AsyncRetryTransport, RetryPolicy, RetryTransport
from ._version import __version__

# Ours alone, as documented: httpx2's default ("python-httpx2/...") names the HTTP library we
# happen to use, which servers and their logs should not come to depend on.
USER_AGENT = f"eligibility-clients/{__version__}"
_READ = httpx2.ByteStream(b"")


class Model(Protocol):
    """What the generated attrs models offer for parsing."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


ModelT = TypeVar("ModelT", bound=Model)


def _client_options(settings: Settings) -> dict[str, Any]:
    return {
        "base_url": settings.base_url,
        "timeout": settings.timeout,
        "headers": {"User-Agent": USER_AGENT, "Accept": "application/json"},
        "auth": APIKeyAuth(settings.vendor.auth_header, settings.api_key, settings.base_url),
        # A redirect could lead anywhere; the APIs document none, so none is followed.
        "follow_redirects": False,
    }


def build_client(settings: Settings, transport: httpx2.BaseTransport | None) -> httpx2.Client:
    """An httpx2.Client for `settings`, retrying on top of `transport` (default: the network)."""
    reject_old_httpx("transport", transport, "httpx2.BaseTransport")
    if transport is not None and not isinstance(transport, httpx2.BaseTransport):
        raise TypeError(
            f"transport must be an httpx2.BaseTransport, got {type(transport).__name__}"
            " (async clients take an httpx2.AsyncBaseTransport)"
        )
    inner = transport if transport is not None else httpx2.HTTPTransport()
    policy = RetryPolicy(max_retries=settings.max_retries)
    return httpx2.Client(transport=RetryTransport(inner, policy), **_client_options(settings))


def build_async_client(
    settings: Settings, transport: httpx2.AsyncBaseTransport | None
) -> httpx2.AsyncClient:
    """An httpx2.AsyncClient for `settings`, retrying on top of `transport`."""
    reject_old_httpx("transport", transport, "httpx2.AsyncBaseTransport")
    if transport is not None and not isinstance(transport, httpx2.AsyncBaseTransport):
        raise TypeError(
            f"transport must be an httpx2.AsyncBaseTransport, got {type(transport).__name__}"
            " (sync clients take an httpx2.BaseTransport)"
        )
    inner = transport if transport is not None else httpx2.AsyncHTTPTransport()
    policy = RetryPolicy(max_retries=settings.max_retries)
    return httpx2.AsyncClient(
        transport=AsyncRetryTransport(inner, policy), **_client_options(settings)
    )


def send(http: httpx2.Client, url: str, params: Mapping[str, Any]) -> httpx2.Response:
    """GET `url`; return the success response or raise the package's exception."""
    try:
        response = http.get(url, params=params)
    except httpx2.RequestError as exc:
        raise _connection_error(exc) from exc
    return _checked(response)


async def asend(http: httpx2.AsyncClient, url: str, params: Mapping[str, Any]) -> httpx2.Response:
    """Async `send`."""
    try:
        response = await http.get(url, params=params)
    except httpx2.RequestError as exc:
        raise _connection_error(exc) from exc
    return _checked(response)


def _connection_error(exc: httpx2.RequestError) -> APIConnectionError:
    try:
        request: httpx2.Request | None = exc.request
    except RuntimeError:  # httpx2 raises this when no request is attached
        request = None
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx2.TimeoutException):
        return APITimeoutError(f"Request timed out: {detail}", request=request)
    return APIConnectionError(f"Connection error: {detail}", request=request)


def _checked(response: httpx2.Response) -> httpx2.Response:
    # httpx2's client wraps the body stream in one that points back at the response, a cycle
    # that only the cyclic garbage collector frees. The body is read by now, so drop that
    # stream: each page's bytes then go as soon as the page is parsed, not at the next full
    # collection, which a long walk makes rarer and rarer.
    response.stream = _READ
    logger.debug(
        "response %s %s -> %d (%d bytes)",
        response.request.method,
        response.request.url,
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
    items: tuple[str, type[Model]] | None = None,
) -> ModelT:
    """Parse a success body into `model`, or raise `APIResponseValidationError`.

    `items` names the envelope's list of records and their model, so that a record that does
    not fit is reported by its index (e.g. `data[2].createdAt`).
    """
    try:
        data = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
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
    try:
        return model.from_dict(data)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        field, cause = _locate(data, exc, items)
        if isinstance(cause, KeyError):
            problem = f"missing required field {cause.args[0]!r}"
        else:
            problem = f"{type(cause).__name__}: {cause}"
        raise APIResponseValidationError(
            f"The response does not fit {model.__name__} at {field}: {problem}",
            response=response,
            body=data,
            field=field,
        ) from exc


def _locate(
    data: dict[str, Any], exc: Exception, items: tuple[str, type[Model]] | None
) -> tuple[str, Exception]:
    """Path of the field that broke parsing, and the error that names it.

    The generated parsers raise plain exceptions without a path, so find it: parse the records
    one by one to get the index, then look inside the record for the missing key or the value
    the error quotes.
    """
    if items is not None:
        key, item_model = items
        records = data.get(key)
        if isinstance(records, list):
            for index, record in enumerate(records):
                if not isinstance(record, dict):
                    return f"{key}[{index}]", TypeError(f"expected an object, got {record!r}")
                try:
                    item_model.from_dict(record)
                except (KeyError, ValueError, TypeError, AttributeError) as item_exc:
                    return f"{key}[{index}]{_inside(record, item_exc)}", item_exc
    return _inside(data, exc).lstrip(".") or "<root>", exc


def _inside(record: dict[str, Any], exc: Exception) -> str:
    if isinstance(exc, KeyError) and exc.args:
        # The shallowest object lacking the key: right for the usual case, a record that
        # stopped carrying a field; only a guess when the key is missing deeper down.
        missing = exc.args[0]
        queue: list[tuple[str, object]] = [("", record)]
        while queue:
            path, node = queue.pop(0)
            if isinstance(node, dict):
                if missing not in node:
                    return f"{path}.{missing}"
                queue.extend((f"{path}.{k}", v) for k, v in node.items())
            elif isinstance(node, list):
                queue.extend((f"{path}[{i}]", v) for i, v in enumerate(node))
        return f".{missing}"
    # Other errors quote the bad value (e.g. "Invalid isoformat string: 'yesterday'").
    return _find_quoted(record, str(exc), "")


def _find_quoted(node: object, text: str, path: str) -> str:
    if isinstance(node, dict):
        children: list[tuple[str, object]] = [(f"{path}.{k}", v) for k, v in node.items()]
    elif isinstance(node, list):
        children = [(f"{path}[{i}]", v) for i, v in enumerate(node)]
    else:
        return path if isinstance(node, str) and repr(node) in text else ""
    for child_path, child in children:
        found = _find_quoted(child, text, child_path)
        if found:
            return found
    return ""

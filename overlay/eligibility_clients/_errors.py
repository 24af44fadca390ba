"""One exception hierarchy for both APIs, and the mapping from an HTTP response onto it."""

from __future__ import annotations

import json
from typing import Any

from ._http_types import HTTPRequest, HTTPResponse
from ._redact import redact, redact_optional, request_of, secrets_of

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "MissingAPIKeyError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "status_error_from_response",
]

# Checked in order; the first header present names the request in the vendor's logs.
_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id")
_MAX_TEXT_IN_MESSAGE = 200
# What `json.loads` raises on a body it cannot read: bad syntax and undecodable bytes
# (`ValueError` subclasses), a number beyond the int-string limit (a bare `ValueError`), and
# nesting deeper than the interpreter's recursion limit.
UNDECODABLE = (ValueError, RecursionError)


class APIError(Exception):
    """Base class of every exception this package raises on purpose.

    Where a message carries server text, the client's API key in it (a server may echo it)
    reads `<redacted>`, so `str()`, `repr()` and `message` never hold the key.
    """

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingAPIKeyError(APIError, ValueError):
    """No API key was passed and none is set in the environment."""


class APIStatusError(APIError):
    """The API answered with a status that is not a success.

    Both vendors' error bodies land on the same attributes:

    - Truemed `{"error": "ValidationError", "message": "..."}`: `code` is `error`.
    - Goodstack `{"error": {"code", "title", "message", "reasons"}}`.
    - An empty body or a proxy's HTML page: `code` is None, `message` the reason phrase.

    The server's text in `message`, `code`, `title`, `reasons` and `request_id` has any
    echoed API key replaced by `<redacted>`; `body` and `response` are exactly as received.
    `response` is the `httpx2.Response`, typed by the `HTTPResponse` protocol.
    """

    status_code: int
    code: str | None
    title: str | None
    reasons: list[str]
    body: object
    request_id: str | None
    response: HTTPResponse

    def __init__(
        self,
        message: str,
        *,
        response: HTTPResponse,
        body: object,
        code: str | None = None,
        title: str | None = None,
        reasons: list[str] | None = None,
    ) -> None:
        keys = secrets_of(request_of(response))
        self.status_code = response.status_code
        self.code = redact_optional(code, keys)
        self.title = redact_optional(title, keys)
        self.reasons = [redact(reason, keys) for reason in reasons or []]
        self.body = body
        self.response = response
        self.request_id = request_id_of(response)
        super().__init__(redact(message, keys))

    def __str__(self) -> str:
        head = f"{self.status_code}"
        if self.code:
            head += f" {self.code}"
        text = f"{head}: {self.message}"
        if self.reasons:
            text += " (" + "; ".join(self.reasons) + ")"
        if self.request_id:
            text += f" [request id {self.request_id}]"
        return text


class BadRequestError(APIStatusError):
    """400: the request was invalid (Truemed `ValidationError`, Goodstack `bad_request`)."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong, or of the wrong kind."""


class PermissionDeniedError(APIStatusError):
    """403: the key lacks the scope for this route."""


class NotFoundError(APIStatusError):
    """404: the route or resource does not exist."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was well-formed but could not be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests, after the client's own retries were used up."""


class InternalServerError(APIStatusError):
    """Any status >= 500, including non-standard ones such as 520."""


class APIConnectionError(APIError):
    """The request did not get a response: DNS, connect, TLS, or a dropped connection.

    The underlying httpx2 exception is kept as `__cause__`. `request` is the `httpx2.Request`
    that failed (typed by the `HTTPRequest` protocol), or None when it is not known.
    """

    request: HTTPRequest | None

    def __init__(self, message: str = "Connection error.", *, request: HTTPRequest | None) -> None:
        # The message quotes the transport's error, which may quote the URL and so a cursor.
        super().__init__(redact(message, secrets_of(request)))
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out (after the client's own retries were used up)."""

    def __init__(self, message: str = "Request timed out.", *, request: HTTPRequest | None) -> None:
        super().__init__(message, request=request)


class APIResponseValidationError(APIError):
    """A success response whose body is not JSON or does not fit the spec.

    `field` names the offending field (e.g. `data[3].createdAt`) when it can be told.
    `body` and `response` are as received; `message` and `field` never hold an API key.
    """

    status_code: int
    body: object
    field: str | None
    response: HTTPResponse

    def __init__(
        self, message: str, *, response: HTTPResponse, body: object, field: str | None = None
    ) -> None:
        keys = secrets_of(request_of(response))
        super().__init__(redact(message, keys))
        self.status_code = response.status_code
        self.response = response
        self.body = body
        self.field = redact_optional(field, keys)


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_from_response(response: HTTPResponse) -> APIStatusError:
    """Build the exception for an error response whose body has already been read."""
    body = decode_body(response)
    code, title, message, reasons = _error_fields(body)
    if not message:
        message = response.reason_phrase or _text_snippet(body) or "HTTP error"
    status = response.status_code
    cls = _STATUS_CLASSES.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    return cls(message, response=response, body=body, code=code, title=title, reasons=reasons)


def decode_body(response: HTTPResponse) -> object:
    """The decoded JSON body, else the text (possibly empty)."""
    try:
        return json.loads(response.content)
    except UNDECODABLE:
        try:
            return response.text
        except (UnicodeDecodeError, LookupError):
            return response.content.decode("utf-8", errors="replace")


def _error_fields(body: object) -> tuple[str | None, str | None, str | None, list[str]]:
    if not isinstance(body, dict):
        return None, None, None, []
    error: Any = body.get("error")
    if isinstance(error, dict):  # Goodstack: {"error": {code, title, message, reasons}}
        reasons = error.get("reasons")
        return (
            _str_or_none(error.get("code")),
            _str_or_none(error.get("title")),
            _str_or_none(error.get("message")),
            [_as_text(r) for r in reasons] if isinstance(reasons, list) else [],
        )
    # Truemed: {"error": "<Code>", "message": "..."}; other JSON: best effort.
    message = body.get("message", body.get("detail"))
    return _str_or_none(error), None, _str_or_none(message), []


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    return _as_text(value)


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value)
    except RecursionError:  # nested deeper than the stack left here allows
        return f"<{type(value).__name__} nested too deep to show>"


def _text_snippet(body: object) -> str:
    if not isinstance(body, str):
        return ""
    text = " ".join(body.split())
    if len(text) > _MAX_TEXT_IN_MESSAGE:
        text = text[:_MAX_TEXT_IN_MESSAGE] + "..."
    return text


def request_id_of(response: HTTPResponse) -> str | None:
    """The vendor's request id from `response`'s headers, any echoed key cut out; or None."""
    for header in _REQUEST_ID_HEADERS:
        value: str | None = response.headers.get(header)
        if value:
            return redact(value, secrets_of(request_of(response)))
    return None

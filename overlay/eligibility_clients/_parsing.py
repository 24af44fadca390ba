"""Reading a success body into a model, or raising `APIResponseValidationError` with its path.

A page is first decoded straight into the models (`_typed_json`); a body that does not fit
that way is read again with the generated `from_dict`, which names what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, Self, TypeVar

import httpx2

from ._errors import UNDECODABLE, APIResponseValidationError, decode_body
from ._json import loads
from ._presence import PresenceCheck
from ._redact import cause_without, keys_sent, request_of
from ._typed_json import reader_for


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
    read = reader_for(model)
    fitted: ModelT | None = read(response.content) if read is not None else None
    if fitted is not None:
        if presence is not None and items_key is not None:
            presence.check(items_key, getattr(fitted, items_key), response, response.content)
        return fitted
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

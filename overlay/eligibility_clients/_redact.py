"""Keeping a client's own API key out of the messages, reprs and log lines built from server text.

A server may echo the key it was sent: in an error message, a request id, a next-page link.
The key is read back from the request that carried it (its auth header), so each message is
cleaned of exactly the key its own client sent, and nothing else is touched. The raw `body`
and `response` on an exception are left exactly as received.
"""

from __future__ import annotations

import traceback

import httpx2

from ._http_types import HTTPRequest, HTTPResponse
from ._logging import LABEL_EXTENSION, RequestLabel
from ._secrets import CREDENTIAL_HEADERS, credential_values
from ._secrets import redact as redact

# A personal value shorter than this (a two-letter search) identifies no one, and cutting it
# out of a message would garble ordinary words.
_MIN_PERSONAL_LENGTH = 3


def keys_sent(request: HTTPRequest | None) -> tuple[str, ...]:
    """The credentials `request` carried, longest first (so a key holding another goes whole)."""
    if request is None:
        return ()
    keys: set[str] = set()
    for name in CREDENTIAL_HEADERS:
        value = request.headers.get(name)
        if value:
            keys.update(credential_values(value))
    return tuple(sorted(keys, key=len, reverse=True))


def personal_values(request: HTTPRequest | None) -> tuple[str, ...]:
    """The values `request` sent for parameters the spec marks personal (a search term)."""
    if request is None:
        return ()
    label = getattr(request, "extensions", {}).get(LABEL_EXTENSION)
    if not isinstance(label, RequestLabel) or not label.personal:
        return ()
    params = httpx2.URL(str(request.url)).params
    values = {
        value
        for name, value in params.multi_items()
        if name in label.personal and len(value) >= _MIN_PERSONAL_LENGTH
    }
    return tuple(sorted(values, key=len, reverse=True))


def secrets_of(request: HTTPRequest | None) -> tuple[str, ...]:
    """What no message about `request` may quote: its keys, and its personal values."""
    return tuple(sorted({*keys_sent(request), *personal_values(request)}, key=len, reverse=True))


def request_of(response: HTTPResponse) -> HTTPRequest | None:
    """The request a response answers, or None for a response built without one."""
    try:
        return response.request
    except RuntimeError:  # httpx2 raises this when no request is attached
        return None


def redact_optional(text: str | None, keys: tuple[str, ...]) -> str | None:
    """`redact` for a value that may be None."""
    return None if text is None else redact(text, keys)


def keys_behind(exc: BaseException) -> tuple[str, ...]:
    """The keys sent by the request behind one of the package's exceptions (or its causes)."""
    keys: set[str] = set()
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        response = getattr(current, "response", None)
        try:
            request = getattr(current, "request", None)
        except RuntimeError:  # an httpx2 error without a request raises on access
            request = None
        if isinstance(response, httpx2.Response):
            request = request_of(response)
        if isinstance(request, httpx2.Request):
            keys.update(keys_sent(request))
        current = current.__cause__ or current.__context__
    return tuple(sorted(keys, key=len, reverse=True))


def cause_without(exc: BaseException, keys: tuple[str, ...]) -> BaseException | None:
    """`exc`, to keep as a cause, or None when any of `keys` shows anywhere in its chain.

    Checks the text a traceback prints (messages, notes, every cause and context) and each
    exception's `args` as `repr` shows them, which escapes differently from `str`.
    """
    if not keys:
        return exc
    shown = "".join(traceback.format_exception(exc))
    current: BaseException | None = exc
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        shown += repr(current.args)
        current = current.__cause__ or current.__context__
    return None if any(key in shown for key in keys) else exc

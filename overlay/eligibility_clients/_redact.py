"""Keeping a client's own API key out of the messages, reprs and log lines built from server text.

A server may echo the key it was sent: in an error message, a request id, a next-page link.
The key is read back from the request that carried it (its auth header), so each message is
cleaned of exactly the key its own client sent, and nothing else is touched. The raw `body`
and `response` on an exception are left exactly as received.
"""

from __future__ import annotations

import httpx2

from ._http_types import HTTPRequest, HTTPResponse
from ._logging import REDACTED

# The headers the clients put a key in (Goodstack: Authorization, Truemed: its own header),
# and the one a proxy-using caller might add.
_KEY_HEADERS = ("authorization", "x-truemed-api-key", "proxy-authorization")


def keys_sent(request: HTTPRequest | None) -> tuple[str, ...]:
    """The credentials `request` carried, longest first (so a key holding another goes whole)."""
    if request is None:
        return ()
    keys: list[str] = []
    for name in _KEY_HEADERS:
        value = request.headers.get(name)
        if not value:
            continue
        keys.append(value)
        scheme, _, credential = value.partition(" ")
        if credential.strip() and scheme:  # "Bearer <key>": the key alone may be echoed too
            keys.append(credential.strip())
    return tuple(sorted(set(keys), key=len, reverse=True))


def request_of(response: HTTPResponse) -> HTTPRequest | None:
    """The request a response answers, or None for a response built without one."""
    try:
        return response.request
    except RuntimeError:  # httpx2 raises this when no request is attached
        return None


def redact(text: str, keys: tuple[str, ...]) -> str:
    """`text` with each of `keys` replaced by `<redacted>`."""
    for key in keys:
        if key in text:
            text = text.replace(key, REDACTED)
    return text


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

"""Authentication: the API key header, sent only to the configured API origin."""

from __future__ import annotations

from collections.abc import Generator

import httpx2

from ._logging import logger
from ._redact import redact


class APIKeyAuth(httpx2.Auth):
    """Adds the API key header, but only to requests for the configured API origin.

    A URL handed back by the API (such as a pagination link) that points elsewhere must never
    receive the key.
    """

    def __init__(self, header: str, key: str, origin: httpx2.URL) -> None:
        self._header = header
        self._key = key
        self._origin = (origin.scheme, origin.host, origin.port)

    def auth_flow(
        self, request: httpx2.Request
    ) -> Generator[httpx2.Request, httpx2.Response, None]:
        """Attach the key when the request goes to the configured origin."""
        if (request.url.scheme, request.url.host, request.url.port) == self._origin:
            request.headers[self._header] = self._key
        else:
            logger.warning("not sending the API key to foreign origin %s", request.url.host)
        yield request

    @property
    def keys(self) -> tuple[str, ...]:
        """The key this auth sends, for cutting it out of messages."""
        return (self._key,)

    def redact(self, text: str) -> str:
        """`text` with this key replaced by `<redacted>`."""
        return redact(text, (self._key,))

    def __repr__(self) -> str:
        return f"APIKeyAuth(header={self._header!r}, key=<redacted>)"

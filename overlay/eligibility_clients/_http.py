"""Building the httpx2 clients: base URL, auth, headers, timeouts and the retrying transport.

Sending a request is `_sending`'s concern, and reading its body `_parsing`'s.
"""

from __future__ import annotations

from typing import Any

import httpx2

from ._auth import APIKeyAuth
from ._config import Settings
from ._http_types import AsyncTransport, SyncTransport
from ._old_httpx import reject_old_httpx
from ._retries import AsyncRetryTransport, RetryPolicy, RetryTransport
from ._version import __version__

# Ours alone, as documented: httpx2's default ("python-httpx2/...") names the HTTP library we
# happen to use, which servers and their logs should not come to depend on.
USER_AGENT_NAME = "eligibility-clients"
USER_AGENT = f"{USER_AGENT_NAME}/{__version__}"


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

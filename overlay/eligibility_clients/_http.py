"""Building the httpx2 clients: base URL, auth, headers, timeouts and the retrying transport.

Sending a request is `_sending`'s concern, and reading its body `_parsing`'s.
"""

from __future__ import annotations

import asyncio
from typing import Any, TypeVar

import httpx2

from ._auth import APIKeyAuth
from ._config import Settings
from ._http_types import AsyncTransport, SyncTransport
from ._old_httpx import reject_old_httpx
from ._retries import AsyncRetryTransport, AsyncSleep, RetryPolicy, RetryTransport, Sleep, pause
from ._version import __version__

TransportT = TypeVar("TransportT", SyncTransport, AsyncTransport)

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


def _checked(transport: TransportT | None, method: str, mode: str) -> TransportT | None:
    """`transport` once checked: refuse, at construction, one the client could not send through."""
    kinds = {"sync": "httpx2.BaseTransport", "async": "httpx2.AsyncBaseTransport"}
    other_mode = "async" if mode == "sync" else "sync"
    kind, other = kinds[mode], f"{other_mode} clients take an {kinds[other_mode]}"
    reject_old_httpx("transport", transport, kind)
    if transport is not None and not callable(getattr(transport, method, None)):
        raise TypeError(
            f"transport must be an {kind} (an object with {method}()), got "
            f"{type(transport).__name__} ({other})"
        )
    return transport


def sync_transport(transport: SyncTransport | None) -> SyncTransport:
    """The transport a sync client sends through: `transport` once checked, else the network."""
    return _checked(transport, "handle_request", "sync") or httpx2.HTTPTransport()


def async_transport(transport: AsyncTransport | None) -> AsyncTransport:
    """The transport an async client sends through: `transport` once checked, else the network."""
    return _checked(transport, "handle_async_request", "async") or httpx2.AsyncHTTPTransport()


def build_client(
    settings: Settings, transport: SyncTransport, *, sleep: Sleep = pause
) -> httpx2.Client:
    """An httpx2.Client for `settings`, retrying on top of `transport` (from `sync_transport`).

    `sleep` waits out the delays between retries; see `Sleep`.
    """
    retrying = RetryTransport(transport, RetryPolicy(max_retries=settings.max_retries), sleep=sleep)
    return httpx2.Client(transport=retrying, **_client_options(settings))


def build_async_client(
    settings: Settings, transport: AsyncTransport, *, sleep: AsyncSleep = asyncio.sleep
) -> httpx2.AsyncClient:
    """An httpx2.AsyncClient for `settings`, retrying on top of `transport`.

    `transport` comes from `async_transport`; `sleep` waits out the delays between retries.
    """
    policy = RetryPolicy(max_retries=settings.max_retries)
    retrying = AsyncRetryTransport(transport, policy, sleep=sleep)
    return httpx2.AsyncClient(transport=retrying, **_client_options(settings))

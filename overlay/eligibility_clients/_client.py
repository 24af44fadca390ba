"""What both APIs' clients share: settings, the httpx2 client, and its lifecycle.

Deliberately thin: each API module adds its own resources on top.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Generic, Self, TypeVar, Unpack, cast

import httpx2

from ._api_resource import APIResource, ResourceHost
from ._closing import Closing
from ._config import (
    Settings,
    SettingsArguments,
    Vendor,
    check_extra_headers,
    check_max_retries,
    check_timeout,
    resolve_settings,
)
from ._http import async_transport, build_async_client, build_client, sync_transport
from ._http_types import AsyncTransport, SyncTransport
from ._retries import AsyncSleep, Sleep
from ._sending import RequestOptions


def _check_strict(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"strict_response_validation must be True or False, got {value!r}")
    return value


TransportT = TypeVar("TransportT", SyncTransport, AsyncTransport)


class _APIClient(Generic[TransportT]):
    """Settings, their read-only views and `with_options`, shared by sync and async clients."""

    def __init__(
        self,
        vendor: Vendor,
        *,
        transport: TransportT | None,
        strict_response_validation: bool,
        **settings: Unpack[SettingsArguments],
    ) -> None:
        self._settings: Settings = resolve_settings(vendor, **settings)
        self._strict_response_validation = _check_strict(strict_response_validation)
        self._connect(transport)

    def _connect(self, transport: TransportT | None) -> None:
        raise NotImplementedError

    @property
    def base_url(self) -> httpx2.URL:
        """The API root requests go to."""
        return self._settings.base_url

    @property
    def environment(self) -> str:
        """`"production"` or `"sandbox"`."""
        return self._settings.environment

    @property
    def timeout(self) -> httpx2.Timeout:
        """Each request's timeout (a float given to the constructor, as an `httpx2.Timeout`)."""
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        """How often a retryable failure is retried."""
        return self._settings.max_retries

    @property
    def strict_response_validation(self) -> bool:
        """Whether a response lacking a documented field raises instead of being logged."""
        return self._strict_response_validation

    _strict_response_validation: bool
    _extra_headers: Mapping[str, str] = {}

    @property
    def _request_options(self) -> RequestOptions:
        # What each request of this client carries; resources read it at construction.
        return RequestOptions(
            timeout=self._settings.timeout,
            max_retries=self._settings.max_retries,
            headers=self._extra_headers,
        )

    def with_options(
        self,
        *,
        timeout: float | httpx2.Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A copy of this client with other per-request options, sharing its connection pool.

        `client.with_options(timeout=5).qualification_sessions.list(...)` changes nothing on
        `client`. Options left out (None) are kept; `extra_headers` are added to this client's
        own, and may not set the API key's header. Values are checked as the constructor checks
        them. Closing either client closes the pool they share.
        """
        settings = self._settings
        if timeout is not None:
            settings = dataclasses.replace(settings, timeout=check_timeout(timeout))
        if max_retries is not None:
            settings = dataclasses.replace(settings, max_retries=check_max_retries(max_retries))
        headers = dict(self._extra_headers)
        if extra_headers is not None:
            headers.update(check_extra_headers(settings.vendor, extra_headers))
        clone = copy.copy(self)
        clone._settings = settings
        clone._extra_headers = headers
        clone._rebuild_resources()
        return clone

    def _rebuild_resources(self) -> None:
        # Each resource reads its client's options and httpx2 client when built, so a copy
        # made by `copy.copy` needs resources of its own once it has been changed.
        for name, value in list(vars(self).items()):
            if isinstance(value, APIResource):
                setattr(self, name, type(value)(cast("ResourceHost[Any]", self)))

    def __repr__(self) -> str:
        # Never the key: only where requests go and how they are retried.
        return (
            f"{type(self).__name__}(base_url={str(self._settings.base_url)!r}, "
            f"environment={self._settings.environment!r}, "
            f"max_retries={self._settings.max_retries})"
        )


class SyncAPIClient(_APIClient[SyncTransport], Closing):
    """Settings, connection pool and context-manager support for a sync client."""

    _transport: SyncTransport

    def _connect(self, transport: SyncTransport | None) -> None:
        self._transport = sync_transport(transport)
        self._http = build_client(self._settings, self._transport)

    def _with_retry_sleep(self, sleep: Sleep) -> Self:
        """A copy of this client whose retries wait through `sleep` instead of `pause`.

        For tests, which pass a `sleep` that records each delay rather than waiting it out;
        private, so that the constructors' signatures stay the public API. The copy shares
        this client's settings, options and transport (so its connection pool): closing
        either client closes the pool.
        """
        clone = copy.copy(self)
        clone._http = build_client(self._settings, self._transport, sleep=sleep)
        clone._rebuild_resources()
        return clone

    def close(self) -> None:
        """Close the connection pool; the client cannot be used afterwards."""
        self._http.close()


class AsyncAPIClient(_APIClient[AsyncTransport]):
    """Settings, connection pool and async context-manager support for an async client."""

    _transport: AsyncTransport

    def _connect(self, transport: AsyncTransport | None) -> None:
        self._transport = async_transport(transport)
        self._http = build_async_client(self._settings, self._transport)

    def _with_retry_sleep(self, sleep: AsyncSleep) -> Self:
        """A copy of this client whose retries wait through `sleep` instead of `asyncio.sleep`.

        For tests, as the sync client's `_with_retry_sleep`; the copy shares this client's
        settings, options and transport, and closing either client closes the pool.
        """
        clone = copy.copy(self)
        clone._http = build_async_client(self._settings, self._transport, sleep=sleep)
        clone._rebuild_resources()
        return clone

    async def aclose(self) -> None:
        """Close the connection pool; the client cannot be used afterwards."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

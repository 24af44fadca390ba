"""The four public clients and their resources: what users construct and call.

Sync and async, Truemed and Goodstack: each client is its settings (in `_client`) plus its
resources, whose walks are `_resource`'s; what differs by API (the operation, its pagination)
is declared in `_truemed` and `_goodstack`. The signatures are written out, not generated at
run time, so that type checkers and editors see them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Unpack

import httpx2
from eligibility_clients_goodstack.models import EligibilitySubscription
from eligibility_clients_goodstack.operations import Environment as GoodstackEnvironment
from eligibility_clients_goodstack.operations import ListEligibilitySubscriptionsFilters
from eligibility_clients_truemed.models import QualificationSession
from eligibility_clients_truemed.operations import Environment as TruemedEnvironment
from eligibility_clients_truemed.operations import ListQualificationSessionsFilters

from . import _goodstack, _params, _truemed
from ._client import AsyncAPIClient, SyncAPIClient
from ._config import GOODSTACK, TRUEMED
from ._http_types import AsyncTransport, SyncTransport
from ._operation import documented
from ._pagination import AsyncPaginator, SyncPage
from ._resource import AsyncListResource, SyncListResource

__all__ = [
    "AsyncEligibilitySubscriptions",
    "AsyncGoodstackClient",
    "AsyncQualificationSessions",
    "AsyncTruemedClient",
    "EligibilitySubscriptions",
    "GoodstackClient",
    "QualificationSessions",
    "TruemedClient",
]


class QualificationSessions(SyncListResource[QualificationSession]):
    """`client.qualification_sessions`: Truemed's List Qualification Sessions."""

    _listing = _truemed.LISTING

    @documented(_truemed.LIST)
    def list(
        self,
        *,
        extra_query: Mapping[str, _params.QueryValue] | None = None,
        concurrency: int = 1,
        **filters: Unpack[ListQualificationSessionsFilters],
    ) -> SyncPage[QualificationSession]:
        """Fetch the first page of Qualification Sessions.

        Args:
            **filters: The spec's query parameters, typed by
                `ListQualificationSessionsFilters` and listed below; None leaves one out.
                `status` takes one of the spec's values or the enum, `expires_at` a `date` or
                `YYYY-MM-DD`.
            extra_query: Query parameters to send as given, overriding the ones above; for a
                parameter the vendor added before this package was regenerated. Not checked.
            concurrency: Requests in flight while iterating the items, >= 1. Once the first
                page reports `last_page`, iteration fetches the following pages on up to
                this many threads of the client's connection pool, and still yields the
                sessions in page order. 1 (the default) fetches one page at a time.

        Returns:
            The first page; iterate it to walk every session of every page. One iteration
            yields each `qualification_session_id` at most once, even when sessions shift
            between pages during the walk.

        Raises:
            ValueError: a filter is invalid (nothing is sent).
            TypeError: an unknown filter, or a filter of the wrong type.
            APIError: any failure of the request; see the error table in docs/errors.md. While
                iterating, a failed page raises once the items before it are yielded.
        """
        return self._list(filters, extra_query, concurrency)


class AsyncQualificationSessions(AsyncListResource[QualificationSession]):
    """`client.qualification_sessions` on the async client."""

    _listing = _truemed.LISTING

    @documented(_truemed.LIST)
    def list(
        self,
        *,
        extra_query: Mapping[str, _params.QueryValue] | None = None,
        concurrency: int = 1,
        **filters: Unpack[ListQualificationSessionsFilters],
    ) -> AsyncPaginator[QualificationSession]:
        """Like the sync `list()`: `await` it for the first page, or `async for` the sessions.

        Arguments are checked at once; the request is sent when awaited or iterated. With
        `concurrency` > 1, `async for` fetches up to that many later pages in tasks.
        """
        return self._list(filters, extra_query, concurrency)


class TruemedClient(SyncAPIClient):
    """Client for Truemed's List Qualification Sessions.

    Args:
        api_key: The sales-channel API key. Default: env `TRUEMED_API_KEY`.
        base_url: API root. Default: env `TRUEMED_BASE_URL`, else the `environment`'s host.
            Plain `http://` is allowed only for loopback hosts.
        environment: `"production"` (api.truemed.com) or `"sandbox"` (dev-api.truemed.com).
        timeout: Seconds (float) or an `httpx2.Timeout`. A float sets the total; connecting
            gets at most 5 s.
        max_retries: Retries for connection errors, timeouts, 408, 409, 429 and >= 500.
        transport: An httpx2 transport to send through (`httpx2.HTTPTransport(...)` for
            proxies or certificates, `httpx2.MockTransport`, a fake's `transport`); anything
            with `handle_request()` that returns an `httpx2.Response`, as `SyncTransport`
            describes. Retries, auth, error mapping and logging still apply on top of it.
        strict_response_validation: Raise `APIResponseValidationError` when a response
            leaves out a field the spec documents, instead of reading it as None and logging
            it once per walk. For CI that should fail on vendor drift.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | httpx2.URL | None = None,
        environment: TruemedEnvironment = "production",
        timeout: float | httpx2.Timeout = 60.0,
        max_retries: int = 2,
        transport: SyncTransport | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        super().__init__(
            TRUEMED,
            api_key=api_key,
            base_url=base_url,
            environment=environment,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            strict_response_validation=strict_response_validation,
        )
        self.qualification_sessions: QualificationSessions = QualificationSessions(self)


class AsyncTruemedClient(AsyncAPIClient):
    """Async client for Truemed's List Qualification Sessions; arguments as `TruemedClient`.

    `transport` is an async httpx2 transport (`httpx2.AsyncHTTPTransport(...)`,
    `httpx2.MockTransport`, a fake's `transport`), as `AsyncTransport` describes.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | httpx2.URL | None = None,
        environment: TruemedEnvironment = "production",
        timeout: float | httpx2.Timeout = 60.0,
        max_retries: int = 2,
        transport: AsyncTransport | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        super().__init__(
            TRUEMED,
            api_key=api_key,
            base_url=base_url,
            environment=environment,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            strict_response_validation=strict_response_validation,
        )
        self.qualification_sessions: AsyncQualificationSessions = AsyncQualificationSessions(self)


class EligibilitySubscriptions(SyncListResource[EligibilitySubscription]):
    """`client.eligibility_subscriptions`: Goodstack's List Eligibility Subscriptions."""

    _listing = _goodstack.LISTING

    @documented(_goodstack.LIST)
    def list(
        self,
        *,
        extra_query: Mapping[str, _params.QueryValue] | None = None,
        concurrency: int = 1,
        **filters: Unpack[ListEligibilitySubscriptionsFilters],
    ) -> SyncPage[EligibilitySubscription]:
        """Fetch the first page of Eligibility Subscriptions.

        Args:
            **filters: The spec's query parameters, typed by
                `ListEligibilitySubscriptionsFilters` and listed below; None leaves one out.
                Enums take a str or the enum; `start_date`/`end_date` take an aware
                `datetime`, a `date` (midnight UTC) or an ISO string (naive datetimes are
                refused); `page_size` is 1 to 100 here (an empty page cannot advance a cursor).
            extra_query: Query parameters to send as given, overriding the ones above; for a
                parameter the vendor added before this package was regenerated. Not checked.
            concurrency: >= 1. Cursors chain each page to the one before it, so any value
                above 1 (the default) means one thing: while the loop body handles a page,
                the next one is fetched on a worker thread.

        Returns:
            The first page; iterate it to walk every subscription of every page. One
            iteration yields each subscription `id` at most once.

        Raises:
            ValueError: a filter is invalid (nothing is sent).
            TypeError: an unknown filter, or a filter of the wrong type.
            APIError: any failure of the request; see the error table in docs/errors.md. While
                iterating, a failed page raises once the items before it are yielded.
        """
        return self._list(filters, extra_query, concurrency)


class AsyncEligibilitySubscriptions(AsyncListResource[EligibilitySubscription]):
    """`client.eligibility_subscriptions` on the async client."""

    _listing = _goodstack.LISTING

    @documented(_goodstack.LIST)
    def list(
        self,
        *,
        extra_query: Mapping[str, _params.QueryValue] | None = None,
        concurrency: int = 1,
        **filters: Unpack[ListEligibilitySubscriptionsFilters],
    ) -> AsyncPaginator[EligibilitySubscription]:
        """Like the sync `list()`: `await` it for the first page, or `async for` the items.

        Arguments are checked at once; the request is sent when awaited or iterated. With
        `concurrency` > 1, `async for` fetches the next page in a task meanwhile.
        """
        return self._list(filters, extra_query, concurrency)


class GoodstackClient(SyncAPIClient):
    """Client for Goodstack's List Eligibility Subscriptions.

    Args:
        api_key: The secret key (`sk_...`). Default: env `GOODSTACK_API_KEY`.
        base_url: API root. Default: env `GOODSTACK_BASE_URL`, else the `environment`'s host.
            Plain `http://` is allowed only for loopback hosts.
        environment: `"production"` (api.goodstack.io) or `"sandbox"`
            (sandbox-api.goodstack.io).
        timeout: Seconds (float) or an `httpx2.Timeout`. A float sets the total; connecting
            gets at most 5 s.
        max_retries: Retries for connection errors, timeouts, 408, 409, 429 and >= 500.
        transport: An httpx2 transport to send through (`httpx2.HTTPTransport(...)` for
            proxies or certificates, `httpx2.MockTransport`, a fake's `transport`); anything
            with `handle_request()` that returns an `httpx2.Response`, as `SyncTransport`
            describes. Retries, auth, error mapping and logging still apply on top of it.
        strict_response_validation: Raise `APIResponseValidationError` when a response
            leaves out a field the spec documents, instead of reading it as None and logging
            it once per walk. For CI that should fail on vendor drift.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | httpx2.URL | None = None,
        environment: GoodstackEnvironment = "production",
        timeout: float | httpx2.Timeout = 60.0,
        max_retries: int = 2,
        transport: SyncTransport | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        super().__init__(
            GOODSTACK,
            api_key=api_key,
            base_url=base_url,
            environment=environment,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            strict_response_validation=strict_response_validation,
        )
        self.eligibility_subscriptions: EligibilitySubscriptions = EligibilitySubscriptions(self)


class AsyncGoodstackClient(AsyncAPIClient):
    """Async client for Goodstack's List Eligibility Subscriptions.

    Arguments as `GoodstackClient`, with an async httpx2 transport (`httpx2.AsyncHTTPTransport`,
    `httpx2.MockTransport`, a fake's `transport`) as `transport`, as `AsyncTransport` describes.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | httpx2.URL | None = None,
        environment: GoodstackEnvironment = "production",
        timeout: float | httpx2.Timeout = 60.0,
        max_retries: int = 2,
        transport: AsyncTransport | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        super().__init__(
            GOODSTACK,
            api_key=api_key,
            base_url=base_url,
            environment=environment,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            strict_response_validation=strict_response_validation,
        )
        self.eligibility_subscriptions: AsyncEligibilitySubscriptions = (
            AsyncEligibilitySubscriptions(self)
        )

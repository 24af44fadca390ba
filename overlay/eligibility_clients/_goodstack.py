"""The Goodstack clients: `client.eligibility_subscriptions.list()` with cursor pagination."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from operator import attrgetter
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
from eligibility_clients_goodstack.api.eligibility_subscriptions import (
    list_eligibility_subscriptions as _operation,
)
from eligibility_clients_goodstack.models import (
    EligibilitySubscription,
    EligibilitySubscriptionList,
    EligibilitySubscriptionSort,
    EligibilitySubscriptionStatus,
    PageLinks,
    SortDirection,
)

from . import _params
from ._client import AsyncAPIClient, SyncAPIClient
from ._config import GOODSTACK
from ._errors import APIResponseValidationError
from ._http import asend, parse_model, send
from ._logging import logger
from ._pagination import (
    AsyncPaginator,
    AsyncSource,
    Link,
    Loaded,
    PageRequest,
    SyncPage,
    SyncSource,
)

__all__ = [
    "AsyncEligibilitySubscriptions",
    "AsyncGoodstackClient",
    "EligibilitySubscriptions",
    "GoodstackClient",
]

_ITEMS = ("data", EligibilitySubscription)
_subscription_id = attrgetter("id")
MAX_PAGE_SIZE = 100


def _first_request(
    *,
    status: EligibilitySubscriptionStatus | str | None,
    query: str | None,
    start_date: dt.datetime | dt.date | str | None,
    end_date: dt.datetime | dt.date | str | None,
    has_organisation: bool | None,
    sort: EligibilitySubscriptionSort | str | None,
    direction: SortDirection | str | None,
    page_size: int | None,
    extra_query: Mapping[str, _params.QueryValue] | None = None,
) -> PageRequest:
    arguments: dict[str, Any] = {
        "status": _params.enum_value(EligibilitySubscriptionStatus, status, "status"),
        "query": _params.text(query, "query"),
        "start_date": _params.instant(start_date, "start_date"),
        "end_date": _params.instant(end_date, "end_date"),
        "has_organisation": _params.flag(has_organisation, "has_organisation"),
        "sort": _params.enum_value(EligibilitySubscriptionSort, sort, "sort"),
        "direction": _params.enum_value(
            SortDirection, direction, "direction", case_insensitive=True
        ),
        # The spec allows 0 (the vendor's schema), but an empty page cannot advance a cursor.
        "page_size": _params.page_size(page_size, minimum=1, maximum=MAX_PAGE_SIZE),
    }
    start, end = arguments["start_date"], arguments["end_date"]
    if start is not None and end is not None and start > end:
        raise ValueError(f"start_date ({start.isoformat()}) is after end_date ({end.isoformat()})")
    # The generated request builder is the spec's word on names (startDate, pageSize, ...).
    kwargs = _operation._get_kwargs(**{k: v for k, v in arguments.items() if v is not None})
    params = {**kwargs["params"], **_params.extra_query(extra_query)}
    return PageRequest(url=kwargs["url"], params=params)


def _total_count(envelope: EligibilitySubscriptionList) -> int | None:
    total = envelope.total_results
    return total if isinstance(total, int) else None


def _next_request(
    request: PageRequest,
    envelope: EligibilitySubscriptionList,
    response: httpx2.Response,
    api_host: str,
) -> PageRequest | None:
    """The request for the page after `request`, or None when this was the last page.

    Only the `cursor` is taken from `_links.next`; the request always goes to the configured
    API host with the original filters, so a link to any other host never receives the key or
    any request. Stops when there is no next link or the page is empty; a cursor that comes back
    a second time raises instead of looping.
    """
    logger.debug(
        "goodstack page cursor=%s: %d items", request.params.get("cursor"), len(envelope.data)
    )
    if not envelope.data:
        return None
    links = envelope.field_links
    next_link = links.next_ if isinstance(links, PageLinks) else None
    if not isinstance(next_link, str) or not next_link.strip():
        return None
    parts = urlsplit(next_link)
    cursors = parse_qs(parts.query).get("cursor", [])
    if not cursors or not cursors[0]:
        raise APIResponseValidationError(
            f"Goodstack's next-page link carries no cursor: {next_link!r}",
            response=response,
            body=None,
            field="_links.next",
        )
    cursor = cursors[0]
    if parts.hostname and parts.hostname != api_host:
        logger.warning(
            "goodstack next-page link points at %s; using only its cursor, sent to %s",
            parts.hostname,
            api_host,
        )
    if cursor in request.seen:
        raise APIResponseValidationError(
            "Goodstack returned a next-page cursor it had already returned in this walk; "
            "stopping instead of looping.",
            response=response,
            body=None,
            field="_links.next",
        )
    return PageRequest(
        url=request.url,
        params={**request.params, "cursor": cursor},
        seen=request.seen | {cursor},
    )


def _loaded(response: httpx2.Response, api_host: str) -> Loaded[EligibilitySubscription]:
    envelope = parse_model(EligibilitySubscriptionList, response, items=_ITEMS)

    def link(request: PageRequest) -> Link:
        # Each cursor comes from the page before it, so nothing can be requested further ahead.
        return Link(_next_request(request, envelope, response, api_host))

    return Loaded(envelope.data, total_count=_total_count(envelope), link=link)


class EligibilitySubscriptions:
    """`client.eligibility_subscriptions`: Goodstack's List Eligibility Subscriptions."""

    def __init__(self, http: httpx2.Client) -> None:
        self._http = http

    def list(
        self,
        *,
        status: EligibilitySubscriptionStatus | str | None = None,
        query: str | None = None,
        start_date: dt.datetime | dt.date | str | None = None,
        end_date: dt.datetime | dt.date | str | None = None,
        has_organisation: bool | None = None,
        sort: EligibilitySubscriptionSort | str | None = None,
        direction: SortDirection | str | None = None,
        page_size: int | None = None,
        extra_query: Mapping[str, _params.QueryValue] | None = None,
        concurrency: int = 1,
    ) -> SyncPage[EligibilitySubscription]:
        """Fetch the first page of Eligibility Subscriptions.

        Args:
            status: e.g. `live`, `pending`, `cancelled` (str or enum).
            query: An organisation id to search for.
            start_date: Start of the range: an aware `datetime`, a `date` (midnight UTC) or
                an ISO string. Naive datetimes are refused.
            end_date: End of the range, as `start_date`.
            has_organisation: Only subscriptions with (True) or without (False) a recognised
                organisation.
            sort: Field to sort by (`id`).
            direction: `ASC` or `DESC` (the API's default).
            page_size: Records per page, 1 to 100 (the API's default is 25).
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
            APIError: any failure of the request; see the README's error table. While
                iterating, a failed page raises once the items before it are yielded.
        """
        request = _first_request(
            status=status,
            query=query,
            start_date=start_date,
            end_date=end_date,
            has_organisation=has_organisation,
            sort=sort,
            direction=direction,
            page_size=page_size,
            extra_query=extra_query,
        )
        source = SyncSource(
            self._load, item_id=_subscription_id, concurrency=_params.concurrency(concurrency)
        )
        return source.fetch(request)

    def _load(self, request: PageRequest) -> Loaded[EligibilitySubscription]:
        response = send(self._http, request.url, request.params)
        return _loaded(response, self._http.base_url.host)


class AsyncEligibilitySubscriptions:
    """`client.eligibility_subscriptions` on the async client."""

    def __init__(self, http: httpx2.AsyncClient) -> None:
        self._http = http

    def list(
        self,
        *,
        status: EligibilitySubscriptionStatus | str | None = None,
        query: str | None = None,
        start_date: dt.datetime | dt.date | str | None = None,
        end_date: dt.datetime | dt.date | str | None = None,
        has_organisation: bool | None = None,
        sort: EligibilitySubscriptionSort | str | None = None,
        direction: SortDirection | str | None = None,
        page_size: int | None = None,
        extra_query: Mapping[str, _params.QueryValue] | None = None,
        concurrency: int = 1,
    ) -> AsyncPaginator[EligibilitySubscription]:
        """Like the sync `list()`: `await` it for the first page, or `async for` the items.

        Arguments are checked at once; the request is sent when awaited or iterated. With
        `concurrency` > 1, `async for` fetches the next page in a task meanwhile.
        """
        request = _first_request(
            status=status,
            query=query,
            start_date=start_date,
            end_date=end_date,
            has_organisation=has_organisation,
            sort=sort,
            direction=direction,
            page_size=page_size,
            extra_query=extra_query,
        )
        source = AsyncSource(
            self._load, item_id=_subscription_id, concurrency=_params.concurrency(concurrency)
        )
        return AsyncPaginator(lambda: source.fetch(request))

    async def _load(self, request: PageRequest) -> Loaded[EligibilitySubscription]:
        response = await asend(self._http, request.url, request.params)
        return _loaded(response, self._http.base_url.host)


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
        transport: An `httpx2.BaseTransport` to send through (tests, proxies, fakes); retries,
            auth, error mapping and logging still apply on top of it.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | httpx2.URL | None = None,
        environment: str = "production",
        timeout: float | httpx2.Timeout = 60.0,
        max_retries: int = 2,
        transport: httpx2.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            GOODSTACK,
            api_key=api_key,
            base_url=base_url,
            environment=environment,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
        )
        self.eligibility_subscriptions: EligibilitySubscriptions = EligibilitySubscriptions(
            self._http
        )


class AsyncGoodstackClient(AsyncAPIClient):
    """Async client for Goodstack's List Eligibility Subscriptions.

    Arguments as `GoodstackClient`, with an `httpx2.AsyncBaseTransport` as `transport`.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | httpx2.URL | None = None,
        environment: str = "production",
        timeout: float | httpx2.Timeout = 60.0,
        max_retries: int = 2,
        transport: httpx2.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            GOODSTACK,
            api_key=api_key,
            base_url=base_url,
            environment=environment,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
        )
        self.eligibility_subscriptions: AsyncEligibilitySubscriptions = (
            AsyncEligibilitySubscriptions(self._http)
        )

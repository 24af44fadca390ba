"""The Goodstack clients: `client.eligibility_subscriptions.list()` with cursor pagination."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Unpack
from urllib.parse import parse_qs, urlsplit

import httpx2
from eligibility_clients_goodstack import operations
from eligibility_clients_goodstack.models import (
    EligibilitySubscription,
    EligibilitySubscriptionList,
    PageLinks,
)
from eligibility_clients_goodstack.operations import Environment as GoodstackEnvironment
from eligibility_clients_goodstack.operations import ListEligibilitySubscriptionsFilters
from eligibility_clients_goodstack.types import UNSET

from . import _params
from ._client import AsyncAPIClient, SyncAPIClient
from ._config import GOODSTACK
from ._errors import APIResponseValidationError
from ._http_types import AsyncTransport, SyncTransport
from ._logging import logger
from ._operation import declare, documented
from ._page_request import PageRequest, PaginationStyle
from ._pagination import AsyncPaginator, SyncPage
from ._redact import keys_sent, redact, request_of
from ._resource import AsyncListResource, Listing, SyncListResource
from ._seen_keys import SeenKeys

__all__ = [
    "AsyncEligibilitySubscriptions",
    "AsyncGoodstackClient",
    "EligibilitySubscriptions",
    "GoodstackClient",
]

_MAX_LINK_SHOWN = 200


def _subscription_id(subscription: EligibilitySubscription) -> Hashable:
    """The id to de-duplicate by; an item without one is unique, so it is always yielded."""
    return subscription.id if subscription.id is not None else object()


#: List Eligibility Subscriptions as `specs/goodstack.yaml` declares it.
LIST = declare(
    operations.LIST_ELIGIBILITY_SUBSCRIPTIONS, operations.list_eligibility_subscriptions_kwargs
)


class Cursors(PaginationStyle[EligibilitySubscriptionList]):
    """Goodstack's cursors: each page's `_links.next` carries the cursor of the next."""

    def total(self, envelope: EligibilitySubscriptionList) -> int | None:
        """`totalResults`, when it is an integer."""
        total = envelope.total_results
        return total if isinstance(total, int) else None

    def next_request(
        self,
        request: PageRequest,
        envelope: EligibilitySubscriptionList,
        response: httpx2.Response,
    ) -> PageRequest | None:
        """The request for the page after `request`, or None when this was the last page.

        Only the `cursor` is taken from `_links.next`; the request always goes to the configured
        API host with the original filters, so a link to any other host never receives the key or
        any request. Stops when there is no next link or the page is empty. A link that leads
        nowhere usable (no cursor, a malformed URL, a cursor that cannot be sent, one that came
        back a second time) raises instead of ending or looping; the walk yields this page's
        items first.
        """
        logger.debug(
            "goodstack page cursor=%s: %d items", request.params.get("cursor"), len(envelope.data)
        )
        if not envelope.data:
            return None
        links = envelope.field_links
        # `object`: what the generated model holds is whatever the JSON had there.
        next_link: object = links.next_ if isinstance(links, PageLinks) else None
        if next_link is None or next_link is UNSET:
            return None
        if not isinstance(next_link, str):
            raise _broken(f"is a {type(next_link).__name__}, not a URL", response)
        if not next_link.strip():
            return None
        keys = keys_sent(request_of(response))
        cursor, hostname = _cursor_and_host(next_link, response, keys)
        # Requests only ever go to the configured host: the one this response answered.
        api_host = response.request.url.host
        if hostname and hostname != api_host:
            logger.warning(
                "goodstack next-page link points at %s; using only its cursor, sent to %s",
                redact(hostname, keys),
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
            seen=_seen_keys(request).added(cursor),
        )


def _seen_keys(request: PageRequest) -> SeenKeys:
    # The first page's request carries the empty default; every later one a SeenKeys.
    return request.seen if isinstance(request.seen, SeenKeys) else SeenKeys()


def _cursor_and_host(
    next_link: str, response: httpx2.Response, keys: tuple[str, ...]
) -> tuple[str, str | None]:
    """The cursor a next-page link carries and the host it names; raise if it has none."""
    shown = _shown(next_link)
    try:
        parts = urlsplit(next_link)
        hostname = parts.hostname
        # Strict: a cursor whose %-escapes are not UTF-8 cannot be sent back as it was meant.
        cursors = parse_qs(parts.query, errors="strict").get("cursor", [])
    except ValueError as exc:  # bad brackets, NFKC-changing characters, undecodable escapes
        raise _broken(f"{shown} is not a usable URL ({exc})", response) from None
    if not cursors or not cursors[0]:
        raise _broken(f"{shown} carries no cursor", response)
    cursor = cursors[0]
    try:
        cursor.encode("utf-8")
    except UnicodeEncodeError:
        raise _broken(f"{shown} holds a cursor with a lone surrogate", response) from None
    if any(key in cursor for key in keys):
        # Echoing the key into a cursor would put it into the next request's URL.
        raise _broken("carries the API key", response)
    return cursor, hostname


def _shown(link: str) -> str:
    text = repr(link)
    return text if len(text) <= _MAX_LINK_SHOWN else text[:_MAX_LINK_SHOWN] + "...'"


def _broken(problem: str, response: httpx2.Response) -> APIResponseValidationError:
    return APIResponseValidationError(
        f"Goodstack's next-page link {problem}; the items of this page were kept.",
        response=response,
        body=None,
        field="_links.next",
    )


#: List Eligibility Subscriptions, and how it is walked.
LISTING: Listing[EligibilitySubscriptionList, EligibilitySubscription] = Listing(
    api="Goodstack",
    operation=LIST,
    envelope=EligibilitySubscriptionList,
    items_key="data",
    link_key="_links",
    style=Cursors(),
    item_id=_subscription_id,
)


class EligibilitySubscriptions(SyncListResource[EligibilitySubscription]):
    """`client.eligibility_subscriptions`: Goodstack's List Eligibility Subscriptions."""

    _listing = LISTING

    @documented(LIST)
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
            APIError: any failure of the request; see the README's error table. While
                iterating, a failed page raises once the items before it are yielded.
        """
        return self._list(filters, extra_query, concurrency)


class AsyncEligibilitySubscriptions(AsyncListResource[EligibilitySubscription]):
    """`client.eligibility_subscriptions` on the async client."""

    _listing = LISTING

    @documented(LIST)
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

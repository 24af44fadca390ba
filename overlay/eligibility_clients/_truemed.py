"""The Truemed clients: `client.qualification_sessions.list()` with page-number pagination."""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter
from typing import Unpack

import httpx2
from eligibility_clients_truemed import operations
from eligibility_clients_truemed.models import (
    Pagination,
    QualificationSession,
    QualificationSessionList,
)
from eligibility_clients_truemed.operations import Environment as TruemedEnvironment
from eligibility_clients_truemed.operations import ListQualificationSessionsFilters

from . import _params
from ._client import AsyncAPIClient, SyncAPIClient
from ._config import TRUEMED
from ._errors import APIResponseValidationError
from ._http_types import AsyncTransport, SyncTransport
from ._logging import logger
from ._operation import declare, documented
from ._page_request import PageRequest, PaginationStyle
from ._pagination import AsyncPaginator, SyncPage
from ._recent_ids import checkable
from ._resource import AsyncListResource, Listing, SyncListResource

__all__ = [
    "AsyncQualificationSessions",
    "AsyncTruemedClient",
    "QualificationSessions",
    "TruemedClient",
]

_session_id = attrgetter("qualification_session_id")
#: List Qualification Sessions as `specs/truemed.yaml` declares it.
LIST = declare(
    operations.LIST_QUALIFICATION_SESSIONS, operations.list_qualification_sessions_kwargs
)


def _page_numbers_as_ints(request: PageRequest) -> PageRequest:
    # The walk counts pages in ints, so overrides of the page numbers must be integers. The
    # generated bridge fills in the spec's defaults (page=1, page_size=30), which the stop
    # rules below rely on.
    params = dict(request.params)
    for name in ("page", "page_size"):
        try:
            params[name] = int(params[name])
        except ValueError:
            raise ValueError(f"extra_query[{name!r}] must be an integer") from None
    return PageRequest(url=request.url, params=params)


class PageNumbers(PaginationStyle[QualificationSessionList]):
    """Truemed's numbered pages: `page` goes up by one until `last_page`, or a short page.

    Without a pagination object (it may be null, and its field names are unconfirmed), an
    empty page or one shorter than the page size is the last. Page numbers only go up, so no
    page is requested twice; a server that ignores `page` and serves the same records again is
    reported instead of walked forever.
    """

    def total(self, envelope: QualificationSessionList) -> int | None:
        """`pagination.count`, when it is an integer."""
        pagination = envelope.pagination
        if isinstance(pagination, Pagination) and isinstance(pagination.count, int):
            return pagination.count
        return None

    def next_request(
        self, request: PageRequest, envelope: QualificationSessionList, response: httpx2.Response
    ) -> PageRequest | None:
        """The next page number's request, or None after the last page."""
        items = envelope.qualification_sessions
        number: int = request.params["page"]
        size: int = request.params["page_size"]
        logger.debug("truemed page %d: %d items", number, len(items))
        if not items:
            return None
        pagination = envelope.pagination
        last_page = _last_page(envelope)
        if last_page is not None:
            current = pagination.current_page if isinstance(pagination, Pagination) else None
            reported = current if isinstance(current, int) else number
            if max(number, reported) >= last_page:
                return None
        elif len(items) < size:
            return None
        return PageRequest(
            url=request.url,
            params={**request.params, "page": number + 1},
            seen=_seen_after(request, items, number, response),
        )

    def ahead(
        self, envelope: QualificationSessionList, next_request: PageRequest, limit: int
    ) -> list[PageRequest]:
        """The numbered pages after `next_request`, up to the reported `last_page`.

        Without a `last_page`, only each page can tell whether another follows, so nothing is
        requested beyond the next page.
        """
        last_page = _last_page(envelope)
        if last_page is None:
            return []
        after: int = next_request.params["page"] + 1
        stop = min(last_page, after + limit - 1)
        return [
            PageRequest(url=next_request.url, params={**next_request.params, "page": number})
            for number in range(after, stop + 1)
        ]


def _seen_after(
    request: PageRequest, items: list[QualificationSession], number: int, response: httpx2.Response
) -> frozenset[object]:
    """What the next request must remember of this walk's pages, or raise on a repeat.

    A server that ignores `page` may serve one page again and again, or cycle through a few
    (two full pages in turn, with no `last_page` to stop at). Remembering every page would
    cost memory for the whole walk; instead the walk keeps two fingerprints, the page before
    and an anchor moved to each power-of-two page number (Brent's cycle detection), which
    catches any cycle within about twice its length plus its start.
    """
    fingerprint = tuple(map(_session_id, items))
    try:
        hash(fingerprint)
    except TypeError:  # an id that is a list or an object stands in as None
        fingerprint = tuple(item_id if checkable(item_id) else None for item_id in fingerprint)
    previous, anchor = ("previous", fingerprint), ("anchor", fingerprint)
    if previous in request.seen or anchor in request.seen:
        raise APIResponseValidationError(
            f"Truemed served page {number} with the same sessions as a page it already served "
            "in this walk; the server seems to ignore the `page` parameter, so paging stops "
            "here.",
            response=response,
            body=None,
            field="page",
        )
    if number > 0 and number & (number - 1) == 0:
        return frozenset({previous, anchor})
    earlier = request.seen if isinstance(request.seen, frozenset) else frozenset()
    kept = [entry for entry in earlier if isinstance(entry, tuple) and entry[0] == "anchor"]
    return frozenset({previous, *kept})


def _last_page(envelope: QualificationSessionList) -> int | None:
    pagination = envelope.pagination
    last_page = pagination.last_page if isinstance(pagination, Pagination) else None
    return last_page if isinstance(last_page, int) else None


#: List Qualification Sessions as `specs/truemed.yaml` declares it, and how it is walked.
LISTING: Listing[QualificationSessionList, QualificationSession] = Listing(
    api="Truemed",
    operation=LIST,
    envelope=QualificationSessionList,
    items_key="qualification_sessions",
    link_key="pagination",
    style=PageNumbers(),
    item_id=_session_id,
    prepare=_page_numbers_as_ints,
)


class QualificationSessions(SyncListResource[QualificationSession]):
    """`client.qualification_sessions`: Truemed's List Qualification Sessions."""

    _listing = LISTING

    @documented(LIST)
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
            APIError: any failure of the request; see the README's error table. While
                iterating, a failed page raises once the items before it are yielded.
        """
        return self._list(filters, extra_query, concurrency)


class AsyncQualificationSessions(AsyncListResource[QualificationSession]):
    """`client.qualification_sessions` on the async client."""

    _listing = LISTING

    @documented(LIST)
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

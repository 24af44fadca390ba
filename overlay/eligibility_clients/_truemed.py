"""What is Truemed's own: List Qualification Sessions declared, and its page-number pagination."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from eligibility_clients_truemed import operations
from eligibility_clients_truemed.models import (
    Pagination,
    QualificationSession,
    QualificationSessionList,
)

from ._errors import APIResponseValidationError
from ._http_types import HTTPResponse
from ._logging import logger
from ._operation import Operation, declare
from ._page_request import PageRequest, PaginationStyle
from ._recent_ids import checkable
from ._resource import Listing

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

    link_key = "pagination"

    def total(self, envelope: QualificationSessionList) -> int | None:
        """`pagination.count`, when it is an integer."""
        pagination = envelope.pagination
        if isinstance(pagination, Pagination) and isinstance(pagination.count, int):
            return pagination.count
        return None

    def next_request(
        self, request: PageRequest, envelope: QualificationSessionList, response: HTTPResponse
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
    request: PageRequest, items: list[QualificationSession], number: int, response: HTTPResponse
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
    "Truemed", LIST, QualificationSessionList, PageNumbers(), _session_id, _page_numbers_as_ints
)

#: Every operation of the spec this package serves: the fakes answer each of them.
OPERATIONS: tuple[Operation[Any], ...] = (LIST,)

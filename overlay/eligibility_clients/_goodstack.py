"""What is Goodstack's own: List Eligibility Subscriptions declared, and its cursor pagination."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from eligibility_clients_goodstack import operations
from eligibility_clients_goodstack.models import (
    EligibilitySubscription,
    EligibilitySubscriptionList,
    PageLinks,
)
from eligibility_clients_goodstack.types import UNSET

from ._errors import APIResponseValidationError
from ._http_types import HTTPResponse
from ._logging import logger
from ._operation import Operation, declare
from ._page_request import PageRequest, PaginationStyle
from ._redact import keys_sent, redact, request_of
from ._resource import Listing
from ._seen_keys import SeenKeys

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

    link_key = "_links"

    def total(self, envelope: EligibilitySubscriptionList) -> int | None:
        """`totalResults`, when it is an integer."""
        total = envelope.total_results
        return total if isinstance(total, int) else None

    def next_request(
        self,
        request: PageRequest,
        envelope: EligibilitySubscriptionList,
        response: HTTPResponse,
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
    next_link: str, response: HTTPResponse, keys: tuple[str, ...]
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


def _broken(problem: str, response: HTTPResponse) -> APIResponseValidationError:
    return APIResponseValidationError(
        f"Goodstack's next-page link {problem}; the items of this page were kept.",
        response=response,
        body=None,
        field="_links.next",
    )


#: List Eligibility Subscriptions, and how it is walked.
LISTING: Listing[EligibilitySubscriptionList, EligibilitySubscription] = Listing(
    "Goodstack", LIST, EligibilitySubscriptionList, Cursors(), _subscription_id
)

#: Every operation of the spec this package serves: the fakes answer each of them.
OPERATIONS: tuple[Operation[Any], ...] = (LIST,)

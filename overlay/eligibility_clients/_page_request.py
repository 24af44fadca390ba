"""The pieces a walk is built from: a page's request, how an API pages, a loaded page.

An API's `PaginationStyle` decides what the next request is (a page number for Truemed, a
cursor for Goodstack) and what can be requested ahead. A fetch is split in two so that it can
run ahead of the walk: loading (send and parse, safe on a worker thread or in a task, in any
order) gives a `Loaded`, and `Loaded.link` applies the stop rules and the loop checks, which
compare a page with the one before it, so they always run in page order.
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ._errors import APIError
from ._http_types import HTTPResponse

ItemT = TypeVar("ItemT")
EnvelopeT = TypeVar("EnvelopeT")


@dataclass(frozen=True)
class PageRequest:
    """One page's request: path and query, plus what the walk has already seen.

    `seen` holds the page keys (cursors, or fingerprints of earlier pages) fetched earlier in
    this walk, so a server that hands the same position back twice is caught instead of
    looping forever. It is extended in O(1) per page (`SeenKeys`, or Truemed's two
    fingerprints), so a long walk costs the same per page as a short one.
    """

    url: str
    params: Mapping[str, Any]
    seen: Container[object] = field(default_factory=frozenset)

    @property
    def key(self) -> Hashable:
        """What the request looks like on the wire; `seen` is walk state, so it is left out."""
        return (self.url, tuple(sorted(self.params.items())))


class PaginationStyle(Generic[EnvelopeT]):
    """How one API pages: where a walk ends, the next request, and what can be asked ahead.

    A vendor module subclasses it once; a page's `Link` calls it, in page order.
    """

    #: The envelope's JSON key for what leads to the next page (a pagination object, links).
    link_key: str

    def total(self, envelope: EnvelopeT) -> int | None:
        """How many items the whole listing holds, when the page says."""
        raise NotImplementedError

    def next_request(
        self, request: PageRequest, envelope: EnvelopeT, response: HTTPResponse
    ) -> PageRequest | None:
        """The request for the page after `request`'s, or None when it was the last page.

        Raises `APIResponseValidationError` when the way on is broken; the walk yields this
        page's items first.
        """
        raise NotImplementedError

    def ahead(
        self, envelope: EnvelopeT, next_request: PageRequest, limit: int
    ) -> list[PageRequest]:
        """Up to `limit` requests after `next_request`, sendable before its page arrives.

        None by default: most pagination styles learn each request from the page before.
        """
        return []


def nothing_ahead(limit: int) -> list[PageRequest]:
    """For APIs (and pages) where only the next request can be known: none beyond it."""
    return []


@dataclass(frozen=True)
class Link:
    """Where a page leads: the next request, and the ones known to follow it.

    `ahead(n)` returns up to `n` requests after `next_request`, in walk order, that can be
    sent before the pages in between arrive (Truemed's numbered pages up to `last_page`).
    `broken` is the error to raise, once this page's items are out, when the way on is
    broken.
    """

    next_request: PageRequest | None
    style: PaginationStyle[Any] | None = None
    envelope: object = None
    broken: APIError | None = None

    def ahead(self, limit: int) -> list[PageRequest]:
        """Up to `limit` requests after `next_request` that the page's style can tell."""
        if self.next_request is None or self.style is None:
            return []
        return self.style.ahead(self.envelope, self.next_request, limit)


@dataclass(frozen=True)
class Loaded(Generic[ItemT]):
    """A page that was sent and parsed but not yet placed in a walk.

    `broken` is set when the page's way on did not parse: its items are kept, and linking it
    raises the error.
    """

    items: list[ItemT]
    total_count: int | None
    response: HTTPResponse
    envelope: object
    style: PaginationStyle[Any]
    broken: APIError | None = None

    def link(self, request: PageRequest) -> Link:
        """Apply the stop rules and loop checks against the request the walk sent in order.

        Raises what broke the way on, if anything did.
        """
        if self.broken is not None:
            raise self.broken
        next_request = self.style.next_request(request, self.envelope, self.response)
        return Link(next_request, self.style, self.envelope)

    def link_kept(self, request: PageRequest) -> Link:
        """`link(request)`, with a broken way on kept in the link instead of raised."""
        try:
            return self.link(request)
        except APIError as exc:
            return Link(None, broken=exc)

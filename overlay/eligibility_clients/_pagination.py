"""Pages shared by both APIs, sync and async, and the sources that fetch them.

A page holds its items and knows how to ask for the next; the walks that iterate items across
pages are in `_walks`, and what a page's request and way on are, in `_page_request`.

A page whose way on is broken (a next link without a cursor, a cursor seen before, a page the
walk has already had) keeps its items: the walk yields them, then raises the error that
`Loaded.link` raised, which the page holds until then.
"""

from __future__ import annotations

import threading
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Generator,
    Hashable,
    Iterator,
)
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ._errors import APIError, request_id_of
from ._http_types import HTTPResponse
from ._page_request import Loaded, PageRequest, nothing_ahead
from ._recent_ids import REMEMBERED_IDS
from ._walks import awalk, walk

ItemT = TypeVar("ItemT")


def _nothing() -> None:
    """For sources with nothing to do when a walk ends."""


#: What loads one page: its request, and the event set once the walk that asked is closed
#: (None outside a concurrent walk), so that its retries stop waiting.
SyncLoad = Callable[[PageRequest, threading.Event | None], Loaded[ItemT]]
AsyncLoad = Callable[[PageRequest, threading.Event | None], Coroutine[Any, Any, Loaded[ItemT]]]
LoadT = TypeVar("LoadT")


@dataclass(frozen=True)
class Source(Generic[ItemT, LoadT]):
    """How the pages of one `list()` call are loaded, identified and walked.

    `remembered_ids` is how many yielded ids a walk remembers at least to skip repeats.
    `on_end` is called when a walk over these pages ends or is closed (the omitted-field
    report).
    """

    load: LoadT
    item_id: Callable[[ItemT], Hashable]
    concurrency: int = 1
    on_end: Callable[[], None] = _nothing
    remembered_ids: int = REMEMBERED_IDS


class SyncSource(Source[ItemT, SyncLoad[ItemT]]):
    """The sync pages of one `list()` call."""

    def fetch(self, request: PageRequest) -> SyncPage[ItemT]:
        """Load `request` and place it as the next page of its walk."""
        return self.place(request, self.load(request, None))

    def place(self, request: PageRequest, loaded: Loaded[ItemT]) -> SyncPage[ItemT]:
        """Build the page for `loaded`, linking it to `request`'s place in the walk."""
        return SyncPage(loaded.items, source=self, **_page_parts(request, loaded))


class AsyncSource(Source[ItemT, AsyncLoad[ItemT]]):
    """The async pages of one `list()` call."""

    async def fetch(self, request: PageRequest) -> AsyncPage[ItemT]:
        """Load `request` and place it as the next page of its walk."""
        return self.place(request, await self.load(request, None))

    def place(self, request: PageRequest, loaded: Loaded[ItemT]) -> AsyncPage[ItemT]:
        """Build the page for `loaded`, linking it to `request`'s place in the walk."""
        return AsyncPage(loaded.items, source=self, **_page_parts(request, loaded))


def _page_parts(request: PageRequest, loaded: Loaded[Any]) -> dict[str, Any]:
    link = loaded.link_kept(request)
    return {
        "total_count": loaded.total_count,
        "next_request": link.next_request,
        "ahead": link.ahead,
        "broken": link.broken,
        "response": loaded.response,
    }


class _Page(Generic[ItemT]):
    """What sync and async pages share: the items, the response, and the way on."""

    def __init__(
        self,
        items: list[ItemT],
        *,
        total_count: int | None,
        next_request: PageRequest | None,
        ahead: Callable[[int], list[PageRequest]] = nothing_ahead,
        broken: APIError | None = None,
        response: HTTPResponse | None = None,
    ) -> None:
        self.items = items
        self.total_count = total_count
        #: The response this page came from (status, headers, ...), or None for a page built
        #: without one.
        self.response = response
        self._next_request = next_request
        self._ahead = ahead
        self._broken = broken

    @property
    def request_id(self) -> str | None:
        """The vendor's id for the request that fetched this page, from its response headers.

        Quote it to the vendor's support; None when the response carries none.
        """
        return request_id_of(self.response) if self.response is not None else None

    def has_next_page(self) -> bool:
        """Whether another page follows this one (or this page's broken link raises next)."""
        return self._next_request is not None or self._broken is not None

    def _next(self) -> PageRequest:
        """The request for the page after this one; raises what broke its link, if anything."""
        if self._next_request is not None:
            return self._next_request
        if self._broken is not None:
            raise self._broken
        raise RuntimeError("This is the last page; check has_next_page() first.")

    def _wanted(self, limit: int) -> list[PageRequest]:
        """The requests to have in flight after this page: the next and those known to follow."""
        if self._next_request is None:
            return []
        return [self._next_request, *self._ahead(limit - 1)]

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items=<{len(self.items)} items>, "
            f"total_count={self.total_count!r}, has_next_page={self.has_next_page()})"
        )


class SyncPage(_Page[ItemT]):
    """One page of results.

    `for item in page` walks every item of this and all later pages. With `list(...,
    concurrency=N)` and N > 1, up to N later pages are fetched on worker threads while the
    items are yielded, in the order a one-page-at-a-time walk gives. Each iteration yields
    an item id at most once (see `__iter__`). `page.items` holds this page's items only, as
    the API sent them; `iter_pages()` and `get_next_page()` always move one page at a time.
    """

    def __init__(
        self,
        items: list[ItemT],
        *,
        total_count: int | None,
        next_request: PageRequest | None,
        source: SyncSource[ItemT],
        ahead: Callable[[int], list[PageRequest]] = nothing_ahead,
        broken: APIError | None = None,
        response: HTTPResponse | None = None,
    ) -> None:
        super().__init__(
            items,
            total_count=total_count,
            next_request=next_request,
            ahead=ahead,
            broken=broken,
            response=response,
        )
        self._source = source

    def get_next_page(self) -> SyncPage[ItemT]:
        """Fetch the page after this one; check `has_next_page()` first.

        Raises `APIResponseValidationError` when this page's way to the next is broken.
        """
        return self._source.fetch(self._next())

    def iter_pages(self) -> Iterator[SyncPage[ItemT]]:
        """This page, then each following page, fetched as the iteration reaches it."""
        page = self
        try:
            yield page
            while page.has_next_page():
                page = page.get_next_page()
                yield page
        finally:
            self._source.on_end()

    def __iter__(self) -> Iterator[ItemT]:
        """Every item from this page on, each item id at most once per iteration.

        Records that shift between pages while the walk runs (a record created ahead of the
        walk's position pushes the others one place on) would otherwise show up twice; the
        walk remembers at least the last `REMEMBERED_IDS` (5,000) ids it yielded and skips
        them, so this holds unless more records than that are created ahead of it meanwhile.
        The record is capped, so memory stays flat; only Goodstack's cursors seen (one per
        page) grow with the walk.

        Leaving the loop early (`break`, an exception, or closing the iterator) cancels the
        requests not yet sent and waits only for those in flight, so no worker thread
        outlives the iteration.
        """
        return walk(self, self._source)


class AsyncPage(_Page[ItemT]):
    """One page of results, fetched asynchronously.

    `async for item in page` walks every item of this and all later pages, with up to
    `concurrency` later pages fetched by tasks in the background; see `SyncPage`.
    """

    def __init__(
        self,
        items: list[ItemT],
        *,
        total_count: int | None,
        next_request: PageRequest | None,
        source: AsyncSource[ItemT],
        ahead: Callable[[int], list[PageRequest]] = nothing_ahead,
        broken: APIError | None = None,
        response: HTTPResponse | None = None,
    ) -> None:
        super().__init__(
            items,
            total_count=total_count,
            next_request=next_request,
            ahead=ahead,
            broken=broken,
            response=response,
        )
        self._source = source

    async def get_next_page(self) -> AsyncPage[ItemT]:
        """Fetch the page after this one; check `has_next_page()` first.

        Raises `APIResponseValidationError` when this page's way to the next is broken.
        """
        return await self._source.fetch(self._next())

    async def iter_pages(self) -> AsyncIterator[AsyncPage[ItemT]]:
        """This page, then each following page, fetched as the iteration reaches it."""
        page = self
        try:
            yield page
            while page.has_next_page():
                page = await page.get_next_page()
                yield page
        finally:
            self._source.on_end()

    def __aiter__(self) -> AsyncIterator[ItemT]:
        """Every item from this page on, each item id at most once per iteration.

        Leaving the loop early cancels the background tasks once the iterator is closed:
        at once with `contextlib.aclosing`, else when the event loop finalizes it.
        """
        return self._items()

    def _items(self) -> AsyncGenerator[ItemT, None]:
        async def start() -> AsyncPage[ItemT]:
            return self

        return awalk(start, self._source)


class AsyncPaginator(Generic[ItemT]):
    """What async `list()` returns: await it for the first page, or `async for` the items.

    Nothing is sent until it is awaited or iterated.
    """

    def __init__(self, first_page: Callable[[], Awaitable[AsyncPage[ItemT]]]) -> None:
        self._first_page = first_page

    def __await__(self) -> Generator[Any, None, AsyncPage[ItemT]]:
        return self._first_page().__await__()

    def __aiter__(self) -> AsyncIterator[ItemT]:
        """Every item of every page; see `AsyncPage.__aiter__`."""
        return self._items()

    async def _items(self) -> AsyncGenerator[ItemT, None]:
        items = (await self._first_page())._items()
        try:
            async for item in items:
                yield item
        finally:
            await items.aclose()

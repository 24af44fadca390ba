"""Page objects shared by both APIs, and the walks that iterate items across pages.

The API modules decide what the next request is (a page number for Truemed, a cursor for
Goodstack); this module holds one page, knows how to ask for the next, and walks every page
in order, with up to `concurrency` requests in flight.

A fetch is split in two so that it can run ahead of the walk: `load` (send and parse, safe to
run on a worker thread or in a task, in any order) and `Loaded.link` (the stop rules and the
loop checks, which compare a page with the one before it, so they always run in page order).

A page whose way on is broken (a next link without a cursor, a cursor seen before, a page the
walk has already had) keeps its items: the walk yields them, then raises the error that
`Loaded.link` raised, which the page holds until then.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Container,
    Coroutine,
    Generator,
    Hashable,
    Iterator,
    Mapping,
)
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ._errors import APIError, request_id_of
from ._http_types import HTTPResponse
from ._recent_ids import REMEMBERED_IDS as REMEMBERED_IDS
from ._recent_ids import RecentIds as RecentIds
from ._recent_ids import checkable as checkable
from ._retries import walk_closed

ItemT = TypeVar("ItemT")
TaskT = TypeVar("TaskT")

THREAD_NAME_PREFIX = "eligibility-clients"


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
    ahead: Callable[[int], list[PageRequest]] = nothing_ahead
    broken: APIError | None = None


def link_of(loaded: Loaded[Any], request: PageRequest) -> Link:
    """`loaded.link(request)`, with a broken way on kept in the link instead of raised."""
    try:
        return loaded.link(request)
    except APIError as exc:
        return Link(None, broken=exc)


def _nothing() -> None:
    """For sources with nothing to do when a walk ends."""


@dataclass(frozen=True)
class Loaded(Generic[ItemT]):
    """A page that was sent and parsed but not yet placed in a walk.

    `link(request)` applies the stop rules and loop checks against the request that the walk
    sent in order, which carries what the walk has seen so far.
    """

    items: list[ItemT]
    total_count: int | None
    link: Callable[[PageRequest], Link]
    response: HTTPResponse | None = None


@dataclass(frozen=True)
class SyncSource(Generic[ItemT]):
    """How the pages of one sync `list()` call are loaded, identified and walked."""

    load: Callable[[PageRequest], Loaded[ItemT]]
    item_id: Callable[[ItemT], Hashable]
    concurrency: int = 1
    on_end: Callable[[], None] = _nothing
    """Called when a walk over these pages ends or is closed (the omitted-field report)."""

    def fetch(self, request: PageRequest) -> SyncPage[ItemT]:
        """Load `request` and place it as the next page of its walk."""
        return self.place(request, self.load(request))

    def place(self, request: PageRequest, loaded: Loaded[ItemT]) -> SyncPage[ItemT]:
        """Build the page for `loaded`, linking it to `request`'s place in the walk."""
        link = link_of(loaded, request)
        return SyncPage(
            loaded.items,
            total_count=loaded.total_count,
            next_request=link.next_request,
            source=self,
            ahead=link.ahead,
            broken=link.broken,
            response=loaded.response,
        )


@dataclass(frozen=True)
class AsyncSource(Generic[ItemT]):
    """How the pages of one async `list()` call are loaded, identified and walked."""

    load: Callable[[PageRequest], Coroutine[Any, Any, Loaded[ItemT]]]
    item_id: Callable[[ItemT], Hashable]
    concurrency: int = 1
    on_end: Callable[[], None] = _nothing
    """Called when a walk over these pages ends or is closed (the omitted-field report)."""

    async def fetch(self, request: PageRequest) -> AsyncPage[ItemT]:
        """Load `request` and place it as the next page of its walk."""
        return self.place(request, await self.load(request))

    def place(self, request: PageRequest, loaded: Loaded[ItemT]) -> AsyncPage[ItemT]:
        """Build the page for `loaded`, linking it to `request`'s place in the walk."""
        link = link_of(loaded, request)
        return AsyncPage(
            loaded.items,
            total_count=loaded.total_count,
            next_request=link.next_request,
            source=self,
            ahead=link.ahead,
            broken=link.broken,
            response=loaded.response,
        )


class SyncPage(Generic[ItemT]):
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
        self.items = items
        self.total_count = total_count
        #: The response this page came from (status, headers, ...), or None for a page built
        #: without one.
        self.response = response
        self._next_request = next_request
        self._source = source
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

    def get_next_page(self) -> SyncPage[ItemT]:
        """Fetch the page after this one; check `has_next_page()` first.

        Raises `APIResponseValidationError` when this page's way to the next is broken.
        """
        return self._source.fetch(_next_of(self))

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
        return _walk(self)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items=<{len(self.items)} items>, "
            f"total_count={self.total_count!r}, has_next_page={self.has_next_page()})"
        )


class AsyncPage(Generic[ItemT]):
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
        self.items = items
        self.total_count = total_count
        #: The response this page came from (status, headers, ...), or None for a page built
        #: without one.
        self.response = response
        self._next_request = next_request
        self._source = source
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

    async def get_next_page(self) -> AsyncPage[ItemT]:
        """Fetch the page after this one; check `has_next_page()` first.

        Raises `APIResponseValidationError` when this page's way to the next is broken.
        """
        return await self._source.fetch(_next_of(self))

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

        async def start() -> AsyncPage[ItemT]:
            return self

        return _awalk(start)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items=<{len(self.items)} items>, "
            f"total_count={self.total_count!r}, has_next_page={self.has_next_page()})"
        )


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
        return _awalk(self._first_page)


def _next_of(page: SyncPage[Any] | AsyncPage[Any]) -> PageRequest:
    """The request for the page after `page`; raises what broke its link, if anything did."""
    if page._next_request is not None:
        return page._next_request
    if page._broken is not None:
        raise page._broken
    raise RuntimeError("This is the last page; check has_next_page() first.")


def _wanted(page: SyncPage[Any] | AsyncPage[Any], limit: int) -> list[PageRequest]:
    """The requests to have in flight after `page`: the next one and those known to follow."""
    if page._next_request is None:
        return []
    return [page._next_request, *page._ahead(limit - 1)]


def _load_in_walk(
    closed: threading.Event, load: Callable[[PageRequest], TaskT], request: PageRequest
) -> TaskT:
    # Lets the retry transport on this worker thread stop waiting once the walk is closed.
    token = walk_closed.set(closed)
    try:
        return load(request)
    finally:
        walk_closed.reset(token)


def _walk(first: SyncPage[ItemT]) -> Iterator[ItemT]:
    try:
        yield from _walk_pages(first)
    finally:
        first._source.on_end()


def _walk_pages(first: SyncPage[ItemT]) -> Iterator[ItemT]:
    source = first._source
    # `_pagination.REMEMBERED_IDS` is the setting tests and benchmarks change: read it per walk.
    recent = RecentIds(source.item_id, REMEMBERED_IDS)
    if source.concurrency == 1:
        page = first
        while True:
            yield from recent.unseen(page.items)
            if not page.has_next_page():
                return
            page = source.fetch(_next_of(page))
    # One pool per walk, sized to the window: at most `concurrency` pages are requested or
    # waiting to be yielded at any time, besides the page being yielded.
    pool = ThreadPoolExecutor(source.concurrency, thread_name_prefix=THREAD_NAME_PREFIX)
    closed = threading.Event()
    pending: dict[Hashable, Future[Loaded[ItemT]]] = {}
    try:
        page = first
        while True:
            _schedule(
                pending,
                _wanted(page, source.concurrency),
                source.concurrency,
                lambda request: pool.submit(_load_in_walk, closed, source.load, request),
                # True only for a future that has not started, so whose request was not sent.
                Future.cancel,
            )
            yield from recent.unseen(page.items)
            if not page.has_next_page():
                return
            request = _next_of(page)
            # A failed page raises here, after every item of the pages before it.
            page = source.place(request, pending.pop(request.key).result())
    finally:
        closed.set()
        for future in pending.values():
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _schedule(
    pending: dict[Hashable, TaskT],
    wanted: list[PageRequest],
    limit: int,
    start: Callable[[PageRequest], TaskT],
    withdraw: Callable[[TaskT], bool],
) -> None:
    """Start the `wanted` requests not yet pending, keeping at most `limit` pending.

    A pending request that is no longer wanted (a page dropped the `last_page` an earlier one
    reported) is withdrawn only if `withdraw` can stop it before it is sent; otherwise it stays
    pending, so that when a later page wants it again its answer is used, not requested a
    second time. The next request is always started, even when such leftovers fill the window.
    """
    keys = {request.key for request in wanted}
    for key in [key for key in pending if key not in keys]:
        if withdraw(pending[key]):
            del pending[key]
    for index, request in enumerate(wanted):
        if request.key in pending:
            continue
        if index > 0 and len(pending) >= limit:
            break
        pending[request.key] = start(request)


def _keep(task: object) -> bool:
    # A task may already have sent its request, and nothing tells whether it has.
    return False


async def _awalk(first_page: Callable[[], Awaitable[AsyncPage[ItemT]]]) -> AsyncIterator[ItemT]:
    page = await first_page()
    pages = _awalk_pages(page)
    try:
        async for item in pages:
            yield item
    finally:
        # Closed here, not left to the collector: its own cleanup cancels the tasks in flight.
        await pages.aclose()
        page._source.on_end()


async def _awalk_pages(page: AsyncPage[ItemT]) -> AsyncGenerator[ItemT, None]:
    source = page._source
    # `_pagination.REMEMBERED_IDS` is the setting tests and benchmarks change: read it per walk.
    recent = RecentIds(source.item_id, REMEMBERED_IDS)
    if source.concurrency == 1:
        while True:
            for item in recent.unseen(page.items):
                yield item
            if not page.has_next_page():
                return
            page = await source.fetch(_next_of(page))
    pending: dict[Hashable, asyncio.Task[Loaded[ItemT]]] = {}
    try:
        while True:
            _schedule(
                pending,
                _wanted(page, source.concurrency),
                source.concurrency,
                lambda request: asyncio.create_task(source.load(request)),
                _keep,
            )
            for item in recent.unseen(page.items):
                yield item
            if not page.has_next_page():
                return
            request = _next_of(page)
            page = source.place(request, await pending.pop(request.key))
    finally:
        tasks = list(pending.values())
        for task in tasks:
            task.cancel()
        # Awaiting them lets each close its connection and keeps "exception was never
        # retrieved" warnings away for pages the walk did not reach.
        await asyncio.gather(*tasks, return_exceptions=True)

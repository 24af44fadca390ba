"""Page objects shared by both APIs, and the walks that iterate items across pages.

The API modules decide what the next request is (a page number for Truemed, a cursor for
Goodstack); this module holds one page, knows how to ask for the next, and walks every page
in order, with up to `concurrency` requests in flight.

A fetch is split in two so that it can run ahead of the walk: `load` (send and parse, safe to
run on a worker thread or in a task, in any order) and `Loaded.link` (the stop rules and the
loop checks, which compare a page with the one before it, so they always run in page order).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Generator,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
)
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ._logging import logger
from ._retries import walk_closed

ItemT = TypeVar("ItemT")
TaskT = TypeVar("TaskT")

THREAD_NAME_PREFIX = "eligibility-clients"


@dataclass(frozen=True)
class PageRequest:
    """One page's request: path and query, plus what the walk has already seen.

    `seen` holds the page keys (cursors, or fingerprints of earlier pages) fetched earlier in
    this walk, so a server that hands the same position back twice is caught instead of
    looping forever.
    """

    url: str
    params: Mapping[str, Any]
    seen: frozenset[object] = field(default_factory=frozenset)

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
    """

    next_request: PageRequest | None
    ahead: Callable[[int], list[PageRequest]] = nothing_ahead


@dataclass(frozen=True)
class Loaded(Generic[ItemT]):
    """A page that was sent and parsed but not yet placed in a walk.

    `link(request)` applies the stop rules and loop checks against the request that the walk
    sent in order, which carries what the walk has seen so far.
    """

    items: list[ItemT]
    total_count: int | None
    link: Callable[[PageRequest], Link]


@dataclass(frozen=True)
class SyncSource(Generic[ItemT]):
    """How the pages of one sync `list()` call are loaded, identified and walked."""

    load: Callable[[PageRequest], Loaded[ItemT]]
    item_id: Callable[[ItemT], Hashable]
    concurrency: int = 1

    def fetch(self, request: PageRequest) -> SyncPage[ItemT]:
        """Load `request` and place it as the next page of its walk."""
        return self.place(request, self.load(request))

    def place(self, request: PageRequest, loaded: Loaded[ItemT]) -> SyncPage[ItemT]:
        """Build the page for `loaded`, linking it to `request`'s place in the walk."""
        link = loaded.link(request)
        return SyncPage(
            loaded.items,
            total_count=loaded.total_count,
            next_request=link.next_request,
            source=self,
            ahead=link.ahead,
        )


@dataclass(frozen=True)
class AsyncSource(Generic[ItemT]):
    """How the pages of one async `list()` call are loaded, identified and walked."""

    load: Callable[[PageRequest], Coroutine[Any, Any, Loaded[ItemT]]]
    item_id: Callable[[ItemT], Hashable]
    concurrency: int = 1

    async def fetch(self, request: PageRequest) -> AsyncPage[ItemT]:
        """Load `request` and place it as the next page of its walk."""
        return self.place(request, await self.load(request))

    def place(self, request: PageRequest, loaded: Loaded[ItemT]) -> AsyncPage[ItemT]:
        """Build the page for `loaded`, linking it to `request`'s place in the walk."""
        link = loaded.link(request)
        return AsyncPage(
            loaded.items,
            total_count=loaded.total_count,
            next_request=link.next_request,
            source=self,
            ahead=link.ahead,
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
    ) -> None:
        self.items = items
        self.total_count = total_count
        self._next_request = next_request
        self._source = source
        self._ahead = ahead

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._next_request is not None

    def get_next_page(self) -> SyncPage[ItemT]:
        """Fetch the page after this one; check `has_next_page()` first."""
        if self._next_request is None:
            raise RuntimeError("This is the last page; check has_next_page() first.")
        return self._source.fetch(self._next_request)

    def iter_pages(self) -> Iterator[SyncPage[ItemT]]:
        """This page, then each following page, fetched as the iteration reaches it."""
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

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
    ) -> None:
        self.items = items
        self.total_count = total_count
        self._next_request = next_request
        self._source = source
        self._ahead = ahead

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._next_request is not None

    async def get_next_page(self) -> AsyncPage[ItemT]:
        """Fetch the page after this one; check `has_next_page()` first."""
        if self._next_request is None:
            raise RuntimeError("This is the last page; check has_next_page() first.")
        return await self._source.fetch(self._next_request)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[ItemT]]:
        """This page, then each following page, fetched as the iteration reaches it."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

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


# How many of the ids it has yielded a walk remembers at least (and at most twice as many). A
# record comes back only after records are created ahead of the walk's position, so this covers
# five thousand records created during one walk, at a fixed cost of about 1 MiB however long the
# walk is; a set of every id would grow by some 110 bytes per item for ever.
REMEMBERED_IDS = 5_000


class RecentIds(Generic[ItemT]):
    """The ids one walk has yielded lately, so that an item that comes back is skipped.

    Ids are kept in two generations: when the newer one holds `limit` ids it becomes the older
    and the older is dropped whole. So at least the last `limit` ids are always remembered (a
    walk shorter than that remembers every id) and never more than twice as many; dropping a
    whole set, rather than evicting ids one by one, also keeps the sets from growing tables
    full of deleted slots.
    """

    def __init__(self, item_id: Callable[[ItemT], Hashable], limit: int | None = None) -> None:
        self._item_id = item_id
        self._limit = REMEMBERED_IDS if limit is None else limit
        self._newer: set[Hashable] = set()
        self._older: set[Hashable] = set()

    def __len__(self) -> int:
        return len(self._newer) + len(self._older)

    def unseen(self, items: list[ItemT]) -> list[ItemT]:
        """`items` less those whose id was yielded lately, remembering the rest as yielded."""
        ids = list(map(self._item_id, items))
        newer, older = self._newer, self._older
        # The usual page repeats nothing: settle it with set operations, not a loop per item.
        if len(set(ids)) == len(ids) and newer.isdisjoint(ids) and older.isdisjoint(ids):
            self._remember(ids)
            return items
        fresh: list[ItemT] = []
        kept: set[Hashable] = set()
        for item, key in zip(items, ids, strict=True):
            if key not in newer and key not in older and key not in kept:
                kept.add(key)
                fresh.append(item)
        self._remember(kept)
        logger.info(
            "skipped %d item(s) this walk had already yielded (records shifted between pages)",
            len(items) - len(fresh),
        )
        return fresh

    def _remember(self, ids: Iterable[Hashable]) -> None:
        self._newer.update(ids)
        if len(self._newer) >= self._limit:
            self._older, self._newer = self._newer, set()


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
    source = first._source
    recent = RecentIds(source.item_id)
    if source.concurrency == 1:
        page = first
        while True:
            yield from recent.unseen(page.items)
            if page._next_request is None:
                return
            page = source.fetch(page._next_request)
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
                Future.cancel,
            )
            yield from recent.unseen(page.items)
            request = page._next_request
            if request is None:
                return
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
    cancel: Callable[[TaskT], object],
) -> None:
    """Start the `wanted` requests not yet pending, keeping at most `limit` pending.

    A pending request that is no longer wanted (the walk's plan changed) is cancelled, so it
    does not hold a place in the window.
    """
    keys = {request.key for request in wanted}
    for key in [key for key in pending if key not in keys]:
        cancel(pending.pop(key))
    for request in wanted:
        if len(pending) >= limit:
            break
        if request.key not in pending:
            pending[request.key] = start(request)


async def _awalk(first_page: Callable[[], Awaitable[AsyncPage[ItemT]]]) -> AsyncIterator[ItemT]:
    page = await first_page()
    source = page._source
    recent = RecentIds(source.item_id)
    if source.concurrency == 1:
        while True:
            for item in recent.unseen(page.items):
                yield item
            if page._next_request is None:
                return
            page = await source.fetch(page._next_request)
    pending: dict[Hashable, asyncio.Task[Loaded[ItemT]]] = {}
    try:
        while True:
            _schedule(
                pending,
                _wanted(page, source.concurrency),
                source.concurrency,
                lambda request: asyncio.create_task(source.load(request)),
                asyncio.Task.cancel,
            )
            for item in recent.unseen(page.items):
                yield item
            request = page._next_request
            if request is None:
                return
            page = source.place(request, await pending.pop(request.key))
    finally:
        tasks = list(pending.values())
        for task in tasks:
            task.cancel()
        # Awaiting them lets each close its connection and keeps "exception was never
        # retrieved" warnings away for pages the walk did not reach.
        await asyncio.gather(*tasks, return_exceptions=True)

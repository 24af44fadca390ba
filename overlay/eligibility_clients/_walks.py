"""The walks that iterate every item across pages, one page at a time or with pages ahead.

Both modes share the window logic (`_schedule`) and the record of recent ids; they differ only
in how a page is awaited: a worker thread's future, or a task.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import (
    AsyncGenerator,
    Awaitable,
    Callable,
    Coroutine,
    Hashable,
    Iterator,
    Sequence,
)
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from ._page_request import Loaded, PageRequest
from ._recent_ids import RecentIds

ItemT = TypeVar("ItemT")
ItemT_co = TypeVar("ItemT_co", covariant=True)
ItemT_contra = TypeVar("ItemT_contra", contravariant=True)
PageT_co = TypeVar("PageT_co", covariant=True)
TaskT = TypeVar("TaskT")

THREAD_NAME_PREFIX = "eligibility-clients"


class Walked(Protocol[ItemT_co]):
    """What a walk reads of a page, sync or async."""

    @property
    def items(self) -> Sequence[ItemT_co]: ...

    def has_next_page(self) -> bool: ...

    def _next(self) -> PageRequest: ...

    def _wanted(self, limit: int) -> list[PageRequest]: ...


class _Walking(Protocol[ItemT_contra]):
    """What a walk reads of its pages' source, sync or async."""

    @property
    def item_id(self) -> Callable[[ItemT_contra], Hashable]: ...

    @property
    def concurrency(self) -> int: ...

    @property
    def remembered_ids(self) -> int: ...

    @property
    def on_end(self) -> Callable[[], None]: ...


class SyncWalking(_Walking[ItemT], Protocol[ItemT, PageT_co]):
    """A sync source, as the walk uses it."""

    @property
    def load(self) -> Callable[[PageRequest, threading.Event | None], Loaded[ItemT]]: ...

    def fetch(self, request: PageRequest) -> PageT_co: ...

    def place(self, request: PageRequest, loaded: Loaded[ItemT]) -> PageT_co: ...


class AsyncWalking(_Walking[ItemT], Protocol[ItemT, PageT_co]):
    """An async source, as the walk uses it."""

    @property
    def load(
        self,
    ) -> Callable[[PageRequest, threading.Event | None], Coroutine[Any, Any, Loaded[ItemT]]]: ...

    def fetch(self, request: PageRequest) -> Awaitable[PageT_co]: ...

    def place(self, request: PageRequest, loaded: Loaded[ItemT]) -> PageT_co: ...


def walk(first: Walked[ItemT], source: SyncWalking[ItemT, Walked[ItemT]]) -> Iterator[ItemT]:
    """Every item from `first` on, each item id at most once; see `SyncPage.__iter__`."""
    try:
        yield from _walk_pages(first, source)
    finally:
        source.on_end()


def _walk_pages(first: Walked[ItemT], source: SyncWalking[ItemT, Walked[ItemT]]) -> Iterator[ItemT]:
    recent = RecentIds(source.item_id, source.remembered_ids)
    page = first
    if source.concurrency == 1:
        while True:
            yield from recent.unseen(page.items)
            if not page.has_next_page():
                return
            page = source.fetch(page._next())
    # One pool per walk, sized to the window: at most `concurrency` pages are requested or
    # waiting to be yielded at any time, besides the page being yielded.
    pool = ThreadPoolExecutor(source.concurrency, thread_name_prefix=THREAD_NAME_PREFIX)
    # Set once the walk is closed, so that a page nobody will read stops its retries' waits.
    closed = threading.Event()
    pending: dict[Hashable, Future[Loaded[ItemT]]] = {}
    window = source.concurrency

    def send_on_pool(request: PageRequest) -> Future[Loaded[ItemT]]:
        return pool.submit(source.load, request, closed)

    try:
        while True:
            # Future.cancel is True only for a future that has not started, so not sent.
            _schedule(pending, page._wanted(window), window, send_on_pool, Future.cancel)
            yield from recent.unseen(page.items)
            if not page.has_next_page():
                return
            request = page._next()
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


def _never_withdrawn(task: object) -> bool:
    # A task may already have sent its request, and nothing tells whether it has.
    return False


async def awalk(
    first_page: Callable[[], Awaitable[Walked[ItemT]]],
    source: AsyncWalking[ItemT, Walked[ItemT]],
) -> AsyncGenerator[ItemT, None]:
    """Every item of every page from `first_page()` on; see `AsyncPage.__aiter__`."""
    page = await first_page()
    pages = _awalk_pages(page, source)
    try:
        async for item in pages:
            yield item
    finally:
        # Closed here, not left to the collector: its own cleanup cancels the tasks in flight.
        await pages.aclose()
        source.on_end()


async def _awalk_pages(
    page: Walked[ItemT], source: AsyncWalking[ItemT, Walked[ItemT]]
) -> AsyncGenerator[ItemT, None]:
    recent = RecentIds(source.item_id, source.remembered_ids)
    if source.concurrency == 1:
        while True:
            for item in recent.unseen(page.items):
                yield item
            if not page.has_next_page():
                return
            page = await source.fetch(page._next())
    pending: dict[Hashable, asyncio.Task[Loaded[ItemT]]] = {}
    window = source.concurrency

    def send_in_task(request: PageRequest) -> asyncio.Task[Loaded[ItemT]]:
        return asyncio.create_task(source.load(request, None))

    try:
        while True:
            _schedule(pending, page._wanted(window), window, send_in_task, _never_withdrawn)
            for item in recent.unseen(page.items):
                yield item
            if not page.has_next_page():
                return
            request = page._next()
            page = source.place(request, await pending.pop(request.key))
    finally:
        tasks = list(pending.values())
        for task in tasks:
            task.cancel()
        # Awaiting them lets each close its connection and keeps "exception was never
        # retrieved" warnings away for pages the walk did not reach.
        await asyncio.gather(*tasks, return_exceptions=True)

"""Page objects shared by both APIs: iterate items across pages, or move page by page.

The API modules decide what the next request is (a page number for Truemed, a cursor for
Goodstack); these classes only hold one page and know how to ask for the next.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

ItemT = TypeVar("ItemT")


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


class SyncPage(Generic[ItemT]):
    """One page of results.

    `for item in page` walks every item of this and all later pages, fetching lazily with one
    page in memory at a time. `page.items` holds this page's items only.
    """

    def __init__(
        self,
        items: list[ItemT],
        *,
        total_count: int | None,
        next_request: PageRequest | None,
        fetch: Callable[[PageRequest], SyncPage[ItemT]],
    ) -> None:
        self.items = items
        self.total_count = total_count
        self._next_request = next_request
        self._fetch = fetch

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._next_request is not None

    def get_next_page(self) -> SyncPage[ItemT]:
        """Fetch the page after this one; check `has_next_page()` first."""
        if self._next_request is None:
            raise RuntimeError("This is the last page; check has_next_page() first.")
        return self._fetch(self._next_request)

    def iter_pages(self) -> Iterator[SyncPage[ItemT]]:
        """This page, then each following page, fetched as the iteration reaches it."""
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.items

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items=<{len(self.items)} items>, "
            f"total_count={self.total_count!r}, has_next_page={self.has_next_page()})"
        )


class AsyncPage(Generic[ItemT]):
    """One page of results, fetched asynchronously.

    `async for item in page` walks every item of this and all later pages.
    """

    def __init__(
        self,
        items: list[ItemT],
        *,
        total_count: int | None,
        next_request: PageRequest | None,
        fetch: Callable[[PageRequest], Awaitable[AsyncPage[ItemT]]],
    ) -> None:
        self.items = items
        self.total_count = total_count
        self._next_request = next_request
        self._fetch = fetch

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._next_request is not None

    async def get_next_page(self) -> AsyncPage[ItemT]:
        """Fetch the page after this one; check `has_next_page()` first."""
        if self._next_request is None:
            raise RuntimeError("This is the last page; check has_next_page() first.")
        return await self._fetch(self._next_request)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[ItemT]]:
        """This page, then each following page, fetched as the iteration reaches it."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item

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

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self._first_page()
        async for item in page:
            yield item

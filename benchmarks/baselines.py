"""Concurrent Truemed exports without this package, as the baselines part 2 measures beside ours.

The floor of part 2 is the latency alone: it assumes the client costs no CPU. These walks
measure what the interpreter itself allows on the same machine in the same run: every page
after the first requested at once on N threads (or N tasks), by hand, with raw `httpx2` and
each page read one of three ways:

- "raw": `json.loads` alone, untyped;
- "generated": `json.loads` and the generated models' `from_dict`;
- "typed": the very decoder this package reads pages with (msgspec straight into the same
  generated attrs models, `from_dict` only for a body it refuses), so the walk parses exactly
  as ours does and the difference is the walk itself: paging, the id record, retries, errors.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import httpx2
from eligibility_clients._typed_json import reader_for
from eligibility_clients_truemed.models import Pagination, QualificationSessionList

from benchmarks.config import KEY, PAGE_SIZE, TRUEMED_PATH, TRUEMED_URL

Parsing = Literal["raw", "generated", "typed"]
PARSINGS: tuple[Parsing, ...] = ("raw", "generated", "typed")
_TYPED = reader_for(QualificationSessionList)


def _read(content: bytes, parsing: Parsing) -> tuple[int, int]:
    """The page's item count and its `last_page`, read the way `parsing` names."""
    if parsing == "raw":
        body = json.loads(content)
        return len(body["qualification_sessions"]), body["pagination"]["last_page"]
    page = _TYPED(content) if parsing == "typed" and _TYPED is not None else None
    if page is None:
        page = QualificationSessionList.from_dict(json.loads(content))
    pagination = page.pagination
    if not isinstance(pagination, Pagination) or not isinstance(pagination.last_page, int):
        raise RuntimeError("the benchmark's pages carry their last page")
    return len(page.qualification_sessions), pagination.last_page


def sync_baseline(transport: httpx2.BaseTransport, concurrency: int, parsing: Parsing) -> int:
    """Walk every page: the first alone (it tells the last page), the rest on N threads.

    Each thread reads its page, as our walk's threads do.
    """
    with httpx2.Client(base_url=TRUEMED_URL, transport=transport) as client:
        client.headers["x-truemed-api-key"] = KEY

        def page(number: int) -> tuple[int, int]:
            params = {"page": number, "page_size": PAGE_SIZE}
            return _read(client.get(TRUEMED_PATH, params=params).content, parsing)

        count, last = page(1)
        with ThreadPoolExecutor(concurrency) as pool:
            for items, _last in pool.map(page, range(2, last + 1)):
                count += items
        return count


def async_baseline(
    transport: httpx2.AsyncBaseTransport, concurrency: int, parsing: Parsing
) -> Callable[[], int]:
    """As `sync_baseline`, with N tasks on a new event loop."""

    async def walk() -> int:
        async with httpx2.AsyncClient(base_url=TRUEMED_URL, transport=transport) as client:
            client.headers["x-truemed-api-key"] = KEY
            slots = asyncio.Semaphore(concurrency)

            async def page(number: int) -> tuple[int, int]:
                async with slots:
                    params = {"page": number, "page_size": PAGE_SIZE}
                    response = await client.get(TRUEMED_PATH, params=params)
                    return _read(response.content, parsing)

            count, last = await page(1)
            pages = await asyncio.gather(*(page(n) for n in range(2, last + 1)))
            return count + sum(items for items, _last in pages)

    return lambda: asyncio.run(walk())

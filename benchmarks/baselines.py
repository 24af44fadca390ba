"""Concurrent Truemed exports without this package, as the baselines part 2 measures beside ours.

The floor of part 2 is the latency alone: it assumes the client costs no CPU. These walks
measure what the interpreter itself allows on the same machine in the same run: every page
after the first requested at once on N threads (or N tasks), by hand, with raw `httpx2` and
`json.loads` ("raw"), and with the generated models' `from_dict` on top ("models"), which is
the least parsing any typed client must do.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2
from eligibility_clients_truemed.models import QualificationSessionList

from benchmarks.config import KEY, PAGE_SIZE, TRUEMED_PATH, TRUEMED_URL


def _items(body: Any, models: bool) -> int:
    if models:
        return len(QualificationSessionList.from_dict(body).qualification_sessions)
    return len(body["qualification_sessions"])


def sync_baseline(transport: httpx2.BaseTransport, concurrency: int, models: bool) -> int:
    """Walk every page: the first alone (it tells the last page), the rest on N threads."""
    with httpx2.Client(base_url=TRUEMED_URL, transport=transport) as client:
        client.headers["x-truemed-api-key"] = KEY

        def page(number: int) -> Any:
            params = {"page": number, "page_size": PAGE_SIZE}
            return json.loads(client.get(TRUEMED_PATH, params=params).content)

        first = page(1)
        count = _items(first, models)
        last: int = first["pagination"]["last_page"]
        with ThreadPoolExecutor(concurrency) as pool:
            for body in pool.map(page, range(2, last + 1)):
                count += _items(body, models)
        return count


def async_baseline(
    transport: httpx2.AsyncBaseTransport, concurrency: int, models: bool
) -> Callable[[], int]:
    """As `sync_baseline`, with N tasks on a new event loop."""

    async def walk() -> int:
        async with httpx2.AsyncClient(base_url=TRUEMED_URL, transport=transport) as client:
            client.headers["x-truemed-api-key"] = KEY
            slots = asyncio.Semaphore(concurrency)

            async def page(number: int) -> int:
                async with slots:
                    params = {"page": number, "page_size": PAGE_SIZE}
                    response = await client.get(TRUEMED_PATH, params=params)
                    return _items(json.loads(response.content), models)

            first = json.loads(
                (await client.get(TRUEMED_PATH, params={"page": 1, "page_size": PAGE_SIZE})).content
            )
            last: int = first["pagination"]["last_page"]
            counts = await asyncio.gather(*(page(n) for n in range(2, last + 1)))
            return _items(first, models) + sum(counts)

    return lambda: asyncio.run(walk())

"""Serving pages the fakes rendered beforehand, with an optional latency per request."""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
from eligibility_clients.testing import FakeGoodstack, FakeTruemed

from benchmarks.config import GOODSTACK_PATH, GOODSTACK_URL, PAGE_SIZE, TRUEMED_PATH, TRUEMED_URL


class PageTransport(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """Answers each request with page bytes looked up by `key(request)`, after `latency`.

    The latency is slept in the calling thread (sync) or awaited (async), so concurrent
    requests overlap as they would on a network.
    """

    def __init__(
        self,
        pages: Callable[[str], bytes],
        key: Callable[[httpx2.Request], str],
        latency: float = 0.0,
    ) -> None:
        self._pages = pages
        self._key = key
        self.latency = latency

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """Serve a sync client."""
        if self.latency:
            time.sleep(self.latency)
        return self._respond(request)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Serve an async client."""
        if self.latency:
            await asyncio.sleep(self.latency)
        return self._respond(request)

    def _respond(self, request: httpx2.Request) -> httpx2.Response:
        content = self._pages(self._key(request))
        return httpx2.Response(200, headers={"Content-Type": "application/json"}, content=content)


def truemed_key(request: httpx2.Request) -> str:
    """Truemed pages are found by their number."""
    return str(request.url.params["page"])


def goodstack_key(request: httpx2.Request) -> str:
    """Goodstack pages are found by cursor; the first page has none."""
    return str(request.url.params.get("cursor", ""))


def cursor_of(link: str | None) -> str | None:
    """The cursor a Goodstack next link carries, or None on the last page."""
    if not link:
        return None
    return parse_qs(urlsplit(link).query)["cursor"][0]


def plain_transport(fake: FakeTruemed | FakeGoodstack) -> httpx2.MockTransport:
    """The fake's transport as an httpx2 class, for the plain httpx2 client that renders pages."""
    transport = fake.transport

    def answer(request: httpx2.Request) -> httpx2.Response:
        response = transport.handle_request(request)
        if not isinstance(response, httpx2.Response):
            raise TypeError(f"the fake answered with {type(response).__name__}")
        return response

    return httpx2.MockTransport(answer)


def render_truemed(count: int) -> dict[str, bytes]:
    """Every page of a FakeTruemed holding `count` sessions, as the fake serves them."""
    fake = FakeTruemed(seed=0, count=count)
    client = httpx2.Client(base_url=TRUEMED_URL, transport=plain_transport(fake))
    client.headers["x-truemed-api-key"] = fake.api_key
    pages: dict[str, bytes] = {}
    for number in range(1, math.ceil(count / PAGE_SIZE) + 1):
        params = {"page": number, "page_size": PAGE_SIZE}
        pages[str(number)] = client.get(TRUEMED_PATH, params=params).raise_for_status().content
    return pages


def render_goodstack(count: int) -> dict[str, bytes]:
    """Every page of a FakeGoodstack holding `count` subscriptions, keyed by cursor."""
    fake = FakeGoodstack(seed=0, count=count)
    client = httpx2.Client(base_url=GOODSTACK_URL, transport=plain_transport(fake))
    client.headers["Authorization"] = fake.api_key
    pages: dict[str, bytes] = {}
    cursor: str | None = ""
    while cursor is not None:
        params: dict[str, Any] = {"pageSize": PAGE_SIZE}
        if cursor:
            params["cursor"] = cursor
        content = client.get(GOODSTACK_PATH, params=params).raise_for_status().content
        pages[cursor] = content
        cursor = cursor_of(json.loads(content)["_links"].get("next"))
    return pages


class TemplatePages:
    """Pages made on request from one page the fake rendered, each with its own ids.

    For walks too long to render beforehand: each request builds its page's bytes, as a
    network read would allocate them, and nothing is kept.
    """

    def __init__(self, vendor: str, count: int, page_size: int = PAGE_SIZE) -> None:
        if not 0 < page_size <= PAGE_SIZE:
            raise ValueError(f"page_size must be from 1 to {PAGE_SIZE}")
        self.vendor = vendor
        self.count = count
        self.page_size = page_size
        self.pages = math.ceil(count / page_size)
        first = render_truemed(PAGE_SIZE) if vendor == "truemed" else render_goodstack(PAGE_SIZE)
        self._body: dict[str, Any] = json.loads(next(iter(first.values())))
        items = "qualification_sessions" if vendor == "truemed" else "data"
        self._body[items] = self._body[items][:page_size]
        # One body is rewritten per request; concurrent walks ask from several threads.
        self._lock = threading.Lock()

    def item_ids(self, page: int) -> list[str]:
        """The ids of page `page` (from 1), as served."""
        prefix = "qs_bench" if self.vendor == "truemed" else "eligibilitysubscription_bench"
        return [f"{prefix}{page:07d}{index:03d}" for index in range(self.page_size)]

    def __call__(self, key: str) -> bytes:
        """The bytes of the page `key` names (a page number, or a cursor `p<number>`)."""
        with self._lock:
            return self._render(key)

    def _render(self, key: str) -> bytes:
        body = self._body
        if self.vendor == "truemed":
            page = int(key)
            records = body["qualification_sessions"]
            for record, item_id in zip(records, self.item_ids(page), strict=True):
                record["qualification_session_id"] = item_id
            body["pagination"] = {
                "current_page": page,
                "page_size": self.page_size,
                "count": self.count,
                "last_page": self.pages,
            }
        else:
            page = int(key[1:]) if key else 1
            for record, item_id in zip(body["data"], self.item_ids(page), strict=True):
                record["id"] = item_id
            more = page < self.pages
            body["_links"] = {"next": f"{GOODSTACK_URL}{GOODSTACK_PATH}?cursor=p{page + 1}"}
            if not more:
                body["_links"] = {"next": None}
        return json.dumps(body, separators=(",", ":")).encode()

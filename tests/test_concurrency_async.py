"""Concurrent walks, async; the retry transport inside a closed walk; pages freed as used."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Callable, Coroutine, Iterator

import httpx2
import pytest
from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    BadRequestError,
    EligibilitySubscription,
    QualificationSession,
    TruemedClient,
)
from eligibility_clients._retries import (
    WALK_CLOSED_EXTENSION,
    RetryPolicy,
    RetryTransport,
    pause,
)
from eligibility_clients._sending import asend, send

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    GoodstackServer,
    Recorder,
    RetrySleeps,
    TruemedServer,
    goodstack_error,
    truemed_error,
)
from tests.test_concurrency import (
    SAFETY,
    drain,
    numbers,
    other_tasks,
    truemed,
)

# --- async --------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("concurrency", [1, 3, 8])
async def test_async_concurrent_walk_matches_sequential(concurrency: int) -> None:
    server = TruemedServer(95, page_size=10)
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=server.transport) as client:
        paginator = client.qualification_sessions.list(page_size=10, concurrency=concurrency)
        got = [item async for item in paginator]
    assert numbers(got) == list(range(95))
    assert sorted(server.requests) == list(range(1, 11))


def gated(
    server: TruemedServer, wait_for: dict[int, list[int]]
) -> Callable[[httpx2.Request], Coroutine[None, None, httpx2.Response]]:
    """An async handler: page `p` answers only once every page in `wait_for[p]` has."""
    answered: dict[int, asyncio.Event] = {}

    def event(number: int) -> asyncio.Event:
        return answered.setdefault(number, asyncio.Event())

    async def handle(request: httpx2.Request) -> httpx2.Response:
        number = int(request.url.params["page"])
        for other in wait_for.get(number, []):
            await asyncio.wait_for(event(other).wait(), SAFETY)
        response = server(request)
        event(number).set()
        return response

    return handle


@pytest.mark.anyio
async def test_async_pages_answered_out_of_order_are_yielded_in_order() -> None:
    server = TruemedServer(60, page_size=10)
    transport = httpx2.MockTransport(gated(server, {2: [3, 4], 3: [5]}))
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=transport) as client:
        paginator = client.qualification_sessions.list(page_size=10, concurrency=4)
        got = [item async for item in paginator]
    assert numbers(got) == list(range(60))


@pytest.mark.anyio
async def test_async_failed_page_raises_after_the_items_before_it_and_leaves_no_task() -> None:
    before = asyncio.all_tasks()
    server = TruemedServer(100, page_size=10)
    server.script = {3: [truemed_error(400, "ValidationError", "page 3 is broken")]}
    got: list[QualificationSession] = []
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=server.transport) as client:
        with pytest.raises(BadRequestError, match="page 3 is broken"):
            await drain(client.qualification_sessions.list(page_size=10, concurrency=4), got)
        assert other_tasks(before) == set()
    assert numbers(got) == list(range(20))


@pytest.mark.anyio
async def test_async_aclosing_cancels_and_awaits_the_tasks_at_once() -> None:
    before = asyncio.all_tasks()
    server = TruemedServer(1000, page_size=10)
    # Page 4 never answers by itself: only cancelling its task ends it.
    transport = httpx2.MockTransport(gated(server, {4: [999]}))
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=transport) as client:
        items = client.qualification_sessions.list(page_size=10, concurrency=4)
        walk = aiter(items)
        assert isinstance(walk, AsyncGenerator)
        async with contextlib.aclosing(walk):
            taken = [await anext(walk) for _ in range(15)]
        assert other_tasks(before) == set()
    assert numbers(taken) == list(range(15))
    assert max(server.requests) <= 6


@pytest.mark.anyio
async def test_async_break_cancels_the_tasks_once_the_loop_finalizes_the_walk() -> None:
    before = asyncio.all_tasks()
    server = TruemedServer(1000, page_size=10)
    transport = httpx2.MockTransport(gated(server, {4: [999]}))
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=transport) as client:
        async for item in client.qualification_sessions.list(page_size=10, concurrency=4):
            if item.qualification_session_id.startswith("qs_00000014"):
                break
        # The event loop closes an abandoned async generator in a task of its own; give
        # it a bounded number of turns (no clock involved).
        for _ in range(100):
            if not other_tasks(before):
                break
            await asyncio.sleep(0)
        assert other_tasks(before) == set()


@pytest.mark.anyio
async def test_async_records_shifting_between_pages_are_yielded_once() -> None:
    server = TruemedServer(50, page_size=10)
    server.inserted_before = {2: 3}
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=server.transport) as client:
        paginator = client.qualification_sessions.list(page_size=10, concurrency=4)
        got = [item async for item in paginator]
    assert numbers(got) == list(range(50))


@pytest.mark.anyio
async def test_async_page_iteration_walks_concurrently_too() -> None:
    server = TruemedServer(45, page_size=10)
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=server.transport) as client:
        first = await client.qualification_sessions.list(page_size=10, concurrency=4)
        got = [item async for item in first]
        pages = [page async for page in first.iter_pages()]
    assert numbers(got) == list(range(45))
    assert [len(page.items) for page in pages] == [10, 10, 10, 10, 5]


@pytest.mark.anyio
@pytest.mark.parametrize("concurrency", [1, 2])
async def test_async_goodstack_walk_with_a_failure_mid_walk(concurrency: int) -> None:
    before = asyncio.all_tasks()
    server = GoodstackServer(50, page_size=10)
    server.script = {4: [goodstack_error(400, "pagination/cursor_error", "bad cursor")]}
    got: list[EligibilitySubscription] = []
    async with AsyncGoodstackClient(api_key=GOODSTACK_KEY, transport=server.transport) as client:
        with pytest.raises(BadRequestError, match="bad cursor"):
            await drain(client.eligibility_subscriptions.list(concurrency=concurrency), got)
        assert other_tasks(before) == set()
    assert numbers(got) == list(range(30))
    assert server.requests == [1, 2, 3, 4]


# --- the retry transport inside a closed walk ----------------------------------------------


def test_retry_transport_gives_up_once_its_walk_is_closed(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(*[httpx2.Response(503)] * 3)
    policy = RetryPolicy(max_retries=2)
    transport = RetryTransport(recorder.transport, policy, sleep=retry_sleeps.sleep)
    closed = threading.Event()
    closed.set()
    request = httpx2.Request(
        "GET", "https://api.truemed.com/x", extensions={WALK_CLOSED_EXTENSION: closed}
    )
    with pytest.raises(httpx2.TransportError, match="retry abandoned"):
        transport.handle_request(request)
    assert len(recorder.requests) == 1
    # The wait before the abandoned retry was handed the walk's event, to wake on.
    assert retry_sleeps.events == [closed]


def test_the_default_retry_wait_returns_once_the_walk_is_closed() -> None:
    started = time.monotonic()
    closed = threading.Event()
    closed.set()
    pause(SAFETY, closed)
    # Closed during the wait: it ends then, not when its seconds run out.
    closing = threading.Event()
    timer = threading.Timer(0.01, closing.set)
    timer.start()
    pause(SAFETY, closing)
    timer.join()
    assert time.monotonic() - started < SAFETY / 2


# --- memory: pages are freed as soon as they are used ----------------------------------------


@pytest.fixture
def no_cyclic_gc() -> Iterator[None]:
    """Only reference counting frees memory while the test runs."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.usefixtures("no_cyclic_gc")
def test_a_response_is_freed_without_the_cyclic_collector() -> None:
    server = TruemedServer(10, page_size=10)
    client = truemed(server)
    response = send(client._http, "/api/v1/qualification_sessions", {"page": 1, "page_size": 10})
    assert b"qualification_sessions" in response.content
    freed = weakref.ref(response)
    del response
    assert freed() is None


@pytest.mark.anyio
@pytest.mark.usefixtures("no_cyclic_gc")
async def test_an_async_response_is_freed_without_the_cyclic_collector() -> None:
    server = TruemedServer(10, page_size=10)
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=server.transport) as client:
        params = {"page": 1, "page_size": 10}
        response = await asend(client._http, "/api/v1/qualification_sessions", params)
        freed = weakref.ref(response)
        del response
        assert freed() is None


@pytest.mark.parametrize("concurrency", [1, 4])
@pytest.mark.usefixtures("no_cyclic_gc")
def test_a_walk_keeps_no_page_it_has_yielded(concurrency: int) -> None:
    server = TruemedServer(400, page_size=10)
    served: list[weakref.ref[httpx2.Response]] = []

    def remember(request: httpx2.Request) -> httpx2.Response:
        response = server(request)
        served.append(weakref.ref(response))
        return response

    client = TruemedClient(api_key=TRUEMED_KEY, transport=httpx2.MockTransport(remember))
    walked = 0
    for _ in client.qualification_sessions.list(page_size=10, concurrency=concurrency):
        walked += 1
    assert walked == 400
    assert [ref for ref in served if ref() is not None] == []

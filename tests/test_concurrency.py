"""Concurrent walks: page order, errors mid-walk, early exits, windows and no duplicates.

The fake servers answer by page number or cursor, so requests may arrive in any order. A
few tests hold one page's answer until others are answered; `SAFETY` only bounds a hang
when the walk under test never sends the awaited request, and no assertion depends on time.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterable, Callable
from functools import partial
from typing import Any, TypeVar

import httpx2
import pytest
from eligibility_clients import (
    APIResponseValidationError,
    AsyncGoodstackClient,
    AsyncTruemedClient,
    BadRequestError,
    EligibilitySubscription,
    GoodstackClient,
    QualificationSession,
    TruemedClient,
)
from eligibility_clients._goodstack import LISTING as GOODSTACK_LISTING
from eligibility_clients._pagination import SyncSource
from eligibility_clients._presence import PresenceCheck
from eligibility_clients._recent_ids import RecentIds
from eligibility_clients._retries import WALK_CLOSED_EXTENSION
from eligibility_clients._walks import THREAD_NAME_PREFIX

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    GoodstackServer,
    Recorder,
    RetrySleeps,
    TruemedServer,
    goodstack_error,
    truemed_error,
    truemed_page,
)

SAFETY = 30.0

T = TypeVar("T")


def truemed(server: TruemedServer, max_retries: int = 2) -> TruemedClient:
    return TruemedClient(api_key=TRUEMED_KEY, transport=server.transport, max_retries=max_retries)


def goodstack(server: GoodstackServer) -> GoodstackClient:
    return GoodstackClient(api_key=GOODSTACK_KEY, transport=server.transport)


def numbers(items: list[QualificationSession] | list[EligibilitySubscription]) -> list[int]:
    """The numbers the builders put into each item's id."""
    result = []
    for item in items:
        if isinstance(item, QualificationSession):
            result.append(int(item.qualification_session_id[3:11]))
        else:
            assert item.id is not None
            result.append(int(item.id.rsplit("_", 1)[1]))
    return result


def walk_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(THREAD_NAME_PREFIX)]


def other_tasks(before: set[asyncio.Task[object]]) -> set[asyncio.Task[object]]:
    return asyncio.all_tasks() - before - {asyncio.current_task()}


async def drain(items: AsyncIterable[T], into: list[T]) -> None:
    async for item in items:
        into.append(item)


def then_serve(action: Callable[[], object]) -> Callable[[httpx2.Request], None]:
    """A script entry that runs `action`, then lets the server answer as usual."""

    def answer(request: httpx2.Request) -> None:
        action()

    return answer


# --- Truemed, sync ------------------------------------------------------------------------


@pytest.mark.parametrize("concurrency", [1, 2, 4, 16])
def test_concurrent_walk_yields_what_a_sequential_walk_yields(concurrency: int) -> None:
    server = TruemedServer(95, page_size=10)
    page = truemed(server).qualification_sessions.list(page_size=10, concurrency=concurrency)
    assert numbers(list(page)) == list(range(95))
    assert server.requests[0] == 1
    assert sorted(server.requests) == list(range(1, 11))
    assert walk_threads() == []


def test_pages_answered_out_of_order_are_yielded_in_page_order() -> None:
    server = TruemedServer(50, page_size=10)
    answered = {3: threading.Event(), 4: threading.Event()}

    def after_pages_3_and_4() -> None:
        assert answered[3].wait(SAFETY)
        assert answered[4].wait(SAFETY)

    server.script = {
        2: [then_serve(after_pages_3_and_4)],
        3: [then_serve(answered[3].set)],
        4: [then_serve(answered[4].set)],
    }
    page = truemed(server).qualification_sessions.list(page_size=10, concurrency=4)
    assert numbers(list(page)) == list(range(50))


def test_one_thread_pool_per_walk_and_no_thread_without_concurrency() -> None:
    server = TruemedServer(200, page_size=10)
    for _ in truemed(server).qualification_sessions.list(page_size=10):
        assert walk_threads() == []
    assert server.threads == {threading.main_thread()}

    server = TruemedServer(200, page_size=10)
    assert (
        len(list(truemed(server).qualification_sessions.list(page_size=10, concurrency=3))) == 200
    )
    # The main thread fetched page 1; a pool per page would have used ~19 more threads.
    assert len(server.threads - {threading.main_thread()}) <= 3


@pytest.mark.parametrize("concurrency", [1, 4])
def test_failed_page_raises_after_every_item_before_it(concurrency: int) -> None:
    server = TruemedServer(100, page_size=10)
    server.script = {4: [truemed_error(400, "ValidationError", "page 4 is broken")]}
    got: list[QualificationSession] = []
    page = truemed(server).qualification_sessions.list(page_size=10, concurrency=concurrency)
    with pytest.raises(BadRequestError, match="page 4 is broken"):
        got.extend(page)
    assert numbers(got) == list(range(30))
    assert walk_threads() == []


def test_retries_apply_to_each_page_of_a_concurrent_walk(retry_sleeps: RetrySleeps) -> None:
    server = TruemedServer(60, page_size=10)
    server.script = {
        3: [httpx2.Response(503), httpx2.Response(503)],
        5: [httpx2.ConnectError("connection reset")],
    }
    client = retry_sleeps.on(truemed(server))
    items = list(client.qualification_sessions.list(page_size=10, concurrency=4))
    assert numbers(items) == list(range(60))
    assert server.requests.count(3) == 3
    assert server.requests.count(5) == 2
    assert len(retry_sleeps.delays) == 3


def test_a_failed_page_stops_the_retries_of_pages_after_it() -> None:
    server = TruemedServer(100, page_size=10)

    def once_the_walk_is_closed(request: httpx2.Request) -> httpx2.Response:
        closed = request.extensions.get(WALK_CLOSED_EXTENSION)
        assert isinstance(closed, threading.Event), "page 3 was not fetched by a concurrent walk"
        # Not asserted: a walk that never signals must still fail the count below.
        closed.wait(SAFETY)
        return httpx2.Response(503)

    server.script = {
        2: [truemed_error(400, "ValidationError", "page 2 is broken")],
        3: [once_the_walk_is_closed, httpx2.Response(503), httpx2.Response(503)],
    }
    with pytest.raises(BadRequestError, match="page 2 is broken"):
        list(truemed(server).qualification_sessions.list(page_size=10, concurrency=4))
    # Without the closed walk stopping them, page 3 would be tried three times.
    assert server.requests.count(3) == 1
    assert walk_threads() == []


@pytest.mark.parametrize("close", ["break", "close"])
def test_leaving_early_cancels_what_is_not_sent_and_leaves_no_thread(close: str) -> None:
    server = TruemedServer(1000, page_size=10)
    page = truemed(server).qualification_sessions.list(page_size=10, concurrency=4)
    taken: list[QualificationSession] = []
    if close == "break":
        for item in page:
            taken.append(item)
            if len(taken) == 15:
                break
    else:
        iterator = iter(page)
        taken.extend(next(iterator) for _ in range(15))
        iterator.close()  # type: ignore[attr-defined]
    assert walk_threads() == []
    assert numbers(taken) == list(range(15))
    # The walk was on page 2, so it had asked for at most four pages past it.
    assert max(server.requests) <= 6


def test_walk_asks_for_at_most_concurrency_pages_ahead() -> None:
    server = TruemedServer(1000, page_size=10)
    answered = {number: threading.Event() for number in range(2, 6)}
    server.script = {number: [then_serve(event.set)] for number, event in answered.items()}
    iterator = iter(truemed(server).qualification_sessions.list(page_size=10, concurrency=4))
    next(iterator)
    assert all(event.wait(SAFETY) for event in answered.values())
    iterator.close()  # type: ignore[attr-defined]
    assert sorted(set(server.requests)) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("concurrency", [1, 4])
def test_records_shifting_between_pages_are_yielded_once(
    concurrency: int, caplog: pytest.LogCaptureFixture
) -> None:
    server = TruemedServer(50, page_size=10)
    server.inserted_before = {3: 4}  # four sessions created ahead of the walk before page 3
    caplog.set_level(logging.INFO, logger="eligibility_clients")
    page = truemed(server).qualification_sessions.list(page_size=10, concurrency=concurrency)
    got = numbers(list(page))
    assert got == list(range(50))
    assert "skipped 4 item(s)" in caplog.text


def test_each_iteration_has_its_own_record_of_yielded_ids() -> None:
    server = TruemedServer(30, page_size=10)
    page = truemed(server).qualification_sessions.list(page_size=10, concurrency=2)
    assert numbers(list(page)) == list(range(30))
    assert numbers(list(page)) == list(range(30))


def test_a_server_that_ignores_page_is_still_reported_when_concurrent() -> None:
    server = TruemedServer(100, page_size=10)
    server.script = {2: [truemed_page(range(10), page=1, last_page=10, page_size=10)]}
    got: list[QualificationSession] = []
    with pytest.raises(APIResponseValidationError, match="ignore the `page` parameter"):
        got.extend(truemed(server).qualification_sessions.list(page_size=10, concurrency=4))
    assert numbers(got) == list(range(10))
    assert walk_threads() == []


def test_walk_stops_where_a_shrunken_last_page_says(retry_sleeps: RetrySleeps) -> None:
    # Pages past it are never read: page 4's errors would exhaust its retries and raise.
    server = TruemedServer(100, page_size=10)
    server.last_page = {2: 2}
    server.script = {4: [httpx2.Response(500)] * 3}
    client = retry_sleeps.on(truemed(server))
    items = list(client.qualification_sessions.list(page_size=10, concurrency=4))
    assert numbers(items) == list(range(20))
    assert walk_threads() == []


def test_walk_follows_a_last_page_that_grows() -> None:
    server = TruemedServer(40, page_size=10)
    server.last_page = {1: 3, 2: 3}
    items = list(truemed(server).qualification_sessions.list(page_size=10, concurrency=8))
    assert numbers(items) == list(range(40))


def test_without_last_page_only_the_next_page_is_fetched_ahead() -> None:
    server = TruemedServer(25, page_size=10, pagination=False)
    items = list(truemed(server).qualification_sessions.list(page_size=10, concurrency=8))
    assert numbers(items) == list(range(25))
    assert server.requests == [1, 2, 3]


def test_page_by_page_access_stays_sequential() -> None:
    server = TruemedServer(100, page_size=10)
    first = truemed(server).qualification_sessions.list(page_size=10, concurrency=8)
    pages = first.iter_pages()
    next(pages)
    next(pages)
    assert server.requests == [1, 2]
    assert numbers(first.get_next_page().items) == list(range(10, 20))
    assert walk_threads() == []


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (0, ValueError, "concurrency must be >= 1; got 0"),
        (-3, ValueError, "concurrency must be >= 1; got -3"),
        (2.0, TypeError, "concurrency must be an int >= 1, got float"),
        ("4", TypeError, "concurrency must be an int >= 1, got str"),
        (True, TypeError, "concurrency must be an int >= 1, got bool"),
        (None, TypeError, "concurrency must be an int >= 1, got NoneType"),
    ],
)
def test_bad_concurrency_is_rejected_before_anything_is_sent(
    value: object, error: type[Exception], message: str
) -> None:
    recorder = Recorder()
    sync_clients: list[Any] = [
        TruemedClient(api_key=TRUEMED_KEY, transport=recorder.transport).qualification_sessions,
        GoodstackClient(
            api_key=GOODSTACK_KEY, transport=recorder.transport
        ).eligibility_subscriptions,
    ]
    async_clients: list[Any] = [
        AsyncTruemedClient(
            api_key=TRUEMED_KEY, transport=recorder.transport
        ).qualification_sessions,
        AsyncGoodstackClient(
            api_key=GOODSTACK_KEY, transport=recorder.transport
        ).eligibility_subscriptions,
    ]
    for resource in [*sync_clients, *async_clients]:
        with pytest.raises(error, match=message):
            resource.list(concurrency=value)
    assert recorder.requests == []


# --- Goodstack, sync ----------------------------------------------------------------------


@pytest.mark.parametrize("concurrency", [1, 2, 8])
def test_goodstack_concurrent_walk_matches_sequential(concurrency: int) -> None:
    server = GoodstackServer(95, page_size=10)
    page = goodstack(server).eligibility_subscriptions.list(page_size=10, concurrency=concurrency)
    assert numbers(list(page)) == list(range(95))
    assert server.requests == list(range(1, 11))
    assert walk_threads() == []


def test_goodstack_fetches_the_next_page_while_the_loop_body_runs() -> None:
    server = GoodstackServer(30, page_size=10)
    asked = threading.Event()
    server.script = {2: [then_serve(asked.set)]}
    iterator = iter(goodstack(server).eligibility_subscriptions.list(concurrency=2))
    next(iterator)
    # Page 1 still has nine items to give, yet page 2 is on its way.
    assert asked.wait(SAFETY)
    assert len(list(iterator)) == 29


def test_goodstack_without_concurrency_waits_for_the_page_to_be_used_up() -> None:
    server = GoodstackServer(30, page_size=10)
    iterator = iter(goodstack(server).eligibility_subscriptions.list())
    for _ in range(10):
        next(iterator)
    assert server.requests == [1]
    next(iterator)
    assert server.requests == [1, 2]


def test_goodstack_failed_page_raises_after_the_items_before_it() -> None:
    server = GoodstackServer(50, page_size=10)
    server.script = {3: [goodstack_error(400, "pagination/cursor_error", "bad cursor")]}
    got: list[EligibilitySubscription] = []
    with pytest.raises(BadRequestError, match="bad cursor"):
        got.extend(goodstack(server).eligibility_subscriptions.list(concurrency=2))
    assert numbers(got) == list(range(20))
    assert walk_threads() == []


def test_goodstack_records_served_twice_are_yielded_once() -> None:
    server = GoodstackServer(40, page_size=10)
    server.repeat = {2: 3, 4: 10}
    items = list(goodstack(server).eligibility_subscriptions.list(concurrency=2))
    assert numbers(items) == list(range(40))


def test_remembered_ids_keep_the_latest_pages_within_the_limit() -> None:
    recent: RecentIds[str] = RecentIds(str, limit=20)
    for page in range(10):
        assert recent.unseen([f"{page}-{index}" for index in range(10)]) != []
    # The older generation is dropped whole once the newer one holds `limit` ids.
    assert len(recent) == 20
    assert recent.unseen(["9-0", "8-5", "7-9", "new", "new"]) == ["7-9", "new"]


def test_a_record_coming_back_past_the_remembered_ids_is_yielded_again() -> None:
    server = GoodstackServer(60, page_size=10)
    # Page 3 repeats 10 records (remembered); page 6 repeats 40, of which the 10 oldest were
    # forgotten: the documented limit of the guarantee, not a silent loss.
    server.repeat = {3: 10, 6: 40}
    resource = goodstack(server).eligibility_subscriptions
    # The walk `list()` starts, with the id record made small through its argument.
    source = SyncSource(
        partial(resource._load, PresenceCheck("Goodstack", strict=False)),
        item_id=GOODSTACK_LISTING.item_id,
        concurrency=2,
        remembered_ids=20,
    )
    items = list(source.fetch(GOODSTACK_LISTING.first_request({}, None)))
    assert numbers(items) == [*range(50), *range(10, 20), *range(50, 60)]


def test_goodstack_break_leaves_no_thread() -> None:
    server = GoodstackServer(500, page_size=10)
    for index, _ in enumerate(goodstack(server).eligibility_subscriptions.list(concurrency=4)):
        if index == 25:
            break
    assert walk_threads() == []
    assert max(server.requests) <= 4

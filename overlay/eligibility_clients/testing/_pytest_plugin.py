"""Pytest fixtures for code that uses `eligibility_clients`, registered as a `pytest11` plugin.

Installing the package makes them available in every pytest run; nothing is autouse, and this
module imports only pytest until a test asks for one of its fixtures.

| fixture | what it gives |
|---|---|
| `fake_truemed`, `fake_goodstack` | a fresh `FakeTruemed()` / `FakeGoodstack()` per test |
| `fake_truemed_client`, `fake_goodstack_client` | a sync client wired to that fake's transport |
| `fake_async_truemed_client`, `fake_async_goodstack_client` | the same, async |
| `fake_eligibility_server` | a `FakeServer(port=0)` serving both fakes over loopback HTTP |
| `eligibility_recording` | whether a `@pytest.mark.vcr` test records (True) or replays (False) |
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from eligibility_clients import (
        AsyncGoodstackClient,
        AsyncTruemedClient,
        GoodstackClient,
        TruemedClient,
    )
    from eligibility_clients.testing import FakeGoodstack, FakeServer, FakeTruemed


@pytest.fixture
def fake_truemed() -> FakeTruemed:
    """A fresh `FakeTruemed()` (100 sessions, seed 0) for each test."""
    from eligibility_clients.testing import FakeTruemed

    return FakeTruemed()


@pytest.fixture
def fake_goodstack() -> FakeGoodstack:
    """A fresh `FakeGoodstack()` (33 subscriptions, seed 0) for each test."""
    from eligibility_clients.testing import FakeGoodstack

    return FakeGoodstack()


@pytest.fixture
def fake_eligibility_server(
    fake_truemed: FakeTruemed, fake_goodstack: FakeGoodstack
) -> Iterator[FakeServer]:
    """`FakeServer(port=0)` serving this test's `fake_truemed` and `fake_goodstack`."""
    from eligibility_clients.testing import FakeServer

    with FakeServer(fake_truemed, fake_goodstack, port=0) as server:
        yield server


@pytest.fixture
def fake_truemed_client(fake_truemed: FakeTruemed) -> Iterator[TruemedClient]:
    """A `TruemedClient` answered in-process by `fake_truemed` (default retries)."""
    from eligibility_clients import TruemedClient

    with TruemedClient(api_key=fake_truemed.api_key, transport=fake_truemed.transport) as client:
        yield client


@pytest.fixture
def fake_goodstack_client(fake_goodstack: FakeGoodstack) -> Iterator[GoodstackClient]:
    """A `GoodstackClient` answered in-process by `fake_goodstack` (default retries)."""
    from eligibility_clients import GoodstackClient

    with GoodstackClient(
        api_key=fake_goodstack.api_key, transport=fake_goodstack.transport
    ) as client:
        yield client


@pytest.fixture
def fake_async_truemed_client(fake_truemed: FakeTruemed) -> Iterator[AsyncTruemedClient]:
    """An `AsyncTruemedClient` answered in-process by `fake_truemed`.

    A plain fixture, so it needs no async plugin; use it from any event loop.
    """
    from eligibility_clients import AsyncTruemedClient

    client = AsyncTruemedClient(api_key=fake_truemed.api_key, transport=fake_truemed.transport)
    yield client
    _close_async(client)


@pytest.fixture
def fake_async_goodstack_client(fake_goodstack: FakeGoodstack) -> Iterator[AsyncGoodstackClient]:
    """An `AsyncGoodstackClient` answered in-process by `fake_goodstack`.

    A plain fixture, so it needs no async plugin; use it from any event loop.
    """
    from eligibility_clients import AsyncGoodstackClient

    client = AsyncGoodstackClient(
        api_key=fake_goodstack.api_key, transport=fake_goodstack.transport
    )
    yield client
    _close_async(client)


def _close_async(client: AsyncTruemedClient | AsyncGoodstackClient) -> None:
    # The fake's transport holds no sockets, so closing on a loop of our own is safe; inside
    # a running loop (an async plugin's teardown) the client is simply left to the collector.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(client.aclose())


@pytest.fixture
def eligibility_recording(request: pytest.FixtureRequest) -> bool:
    """True while this test records its cassette; False while it replays one or has none.

    For a `@pytest.mark.vcr` test (pytest-recording, from the `testing` extra): recording
    with `--record-mode=once` and no cassette yet, or with `all`, `rewrite`, `new_episodes`;
    replaying with `none`, or `once` and a cassette on disk. Use it to skip what only a live
    exchange can show, or to check that a replay sent nothing.
    """
    if request.node.get_closest_marker("vcr") is None:
        return False
    cassette = request.getfixturevalue("vcr")
    return cassette is not None and not cassette.write_protected

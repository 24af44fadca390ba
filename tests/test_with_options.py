"""Per-client options (`with_options`) and what a page tells of its response, on all clients."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    InternalServerError,
    TruemedClient,
)

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    Recorder,
    RetrySleeps,
    goodstack_page,
    truemed_page,
)

SYNC = [
    (TruemedClient, TRUEMED_KEY, "qualification_sessions"),
    (GoodstackClient, GOODSTACK_KEY, "eligibility_subscriptions"),
]
ASYNC = [
    (AsyncTruemedClient, TRUEMED_KEY, "qualification_sessions"),
    (AsyncGoodstackClient, GOODSTACK_KEY, "eligibility_subscriptions"),
]


def page_for(resource: str, request_id: str | None = None) -> httpx2.Response:
    response = (
        truemed_page(range(2)) if resource == "qualification_sessions" else goodstack_page(range(2))
    )
    if request_id is not None:
        response.headers["x-request-id"] = request_id
    return response


@pytest.mark.parametrize(("client_type", "key", "resource"), SYNC)
def test_with_options_changes_the_copy_only_and_shares_the_pool(
    client_type: Any, key: str, resource: str
) -> None:
    recorder = Recorder(*(page_for(resource) for _ in range(2)))
    client = client_type(api_key=key, transport=recorder.transport, max_retries=2)
    other = client.with_options(timeout=7.5, max_retries=0, extra_headers={"X-Team": "exports"})
    assert type(other) is type(client)
    assert other._http is client._http  # one connection pool
    assert getattr(other, resource) is not getattr(client, resource)
    getattr(other, resource).list()
    getattr(client, resource).list()
    sent, plain = recorder.requests
    assert sent.headers["x-team"] == "exports"
    assert "x-team" not in plain.headers
    assert sent.extensions["timeout"] == {"connect": 5.0, "read": 7.5, "write": 7.5, "pool": 7.5}
    assert plain.extensions["timeout"] == {
        "connect": 5.0,
        "read": 60.0,
        "write": 60.0,
        "pool": 60.0,
    }
    assert "max_retries=0" in repr(other)
    assert "max_retries=2" in repr(client)
    assert key not in repr(other)


@pytest.mark.parametrize(("client_type", "key", "resource"), SYNC)
def test_with_options_max_retries_reaches_the_retry_loop(
    client_type: Any, key: str, resource: str, retry_sleeps: RetrySleeps
) -> None:
    recorder = Recorder(*(httpx2.Response(503) for _ in range(6)))
    client = retry_sleeps.on(client_type(api_key=key, transport=recorder.transport, max_retries=3))
    with pytest.raises(InternalServerError):
        getattr(client.with_options(max_retries=1), resource).list()
    assert len(recorder.requests) == 2  # the copy's one retry, not the original's three
    assert len(retry_sleeps.delays) == 1
    with pytest.raises(InternalServerError):
        getattr(client, resource).list()
    assert len(recorder.requests) == 6
    assert len(retry_sleeps.delays) == 4


class ClosingTransport(httpx2.MockTransport):
    """A mock transport that tells whether it was closed, as a connection pool would be."""

    closed = False

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize(("client_type", "key", "resource"), SYNC)
def test_a_retry_sleep_copy_shares_the_transport_and_waits_through_its_own_sleep(
    client_type: Any, key: str, resource: str
) -> None:
    recorder = Recorder(*(r for _ in range(2) for r in (httpx2.Response(503), page_for(resource))))
    transport = ClosingTransport(recorder)
    client = client_type(api_key=key, transport=transport, timeout=7.5)
    first, second = RetrySleeps(), RetrySleeps()
    one, other = first.on(client), second.on(client)
    assert type(one) is type(client)
    assert repr(one) == repr(client)
    assert one._transport is other._transport is client._transport  # one connection pool
    assert one._http is not client._http
    assert getattr(one, resource) is not getattr(client, resource)
    getattr(one, resource).list()
    assert len(first.delays) == 1
    assert second.delays == []
    getattr(other, resource).list()
    assert len(first.delays) == len(second.delays) == 1
    assert {r.extensions["timeout"]["read"] for r in recorder.requests} == {7.5}
    other.close()
    assert transport.closed  # closing either copy closes the pool they share


@pytest.mark.anyio
@pytest.mark.parametrize(("client_type", "key", "resource"), ASYNC)
async def test_an_async_retry_sleep_copy_waits_through_its_own_sleep(
    client_type: Any, key: str, resource: str, retry_sleeps: RetrySleeps
) -> None:
    recorder = Recorder(httpx2.Response(429, headers={"Retry-After": "4"}), page_for(resource))
    client = client_type(api_key=key, transport=recorder.transport)
    async with retry_sleeps.on(client) as recording:
        assert recording._transport is client._transport
        assert recording._http is not client._http
        page = await getattr(recording, resource).list()
    assert len(page.items) == 2
    assert retry_sleeps.delays == [4.0]


@pytest.mark.anyio
@pytest.mark.parametrize(("client_type", "key", "resource"), ASYNC)
async def test_async_with_options(client_type: Any, key: str, resource: str) -> None:
    recorder = Recorder(page_for(resource, "req-async-1"))
    async with client_type(api_key=key, transport=recorder.transport) as client:
        other = client.with_options(extra_headers={"X-Team": "exports"}, max_retries=0)
        assert type(other) is type(client)
        assert other._http is client._http
        page = await getattr(other, resource).list()
    assert recorder.requests[0].headers["x-team"] == "exports"
    assert recorder.requests[0].extensions["eligibility_clients.max_retries"] == 0
    assert page.response is not None
    assert page.response.status_code == 200
    assert page.request_id == "req-async-1"


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"timeout": 0}, ValueError, "timeout must be a positive"),
        ({"max_retries": -1}, ValueError, "max_retries must be an integer >= 0"),
        ({"extra_headers": {"Authorization": "Bearer other"}}, ValueError, "may not set"),
        ({"extra_headers": {"x-truemed-api-key": "other-key-1"}}, ValueError, "may not set"),
        ({"extra_headers": {"X-A": "1\r\nX-B: 2"}}, ValueError, "line break"),
        ({"extra_headers": {"X-A": 1}}, TypeError, "str values"),
        ({"extra_headers": ["X-A"]}, TypeError, "must be a mapping"),
    ],
)
def test_with_options_checks_what_it_is_given(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    client = TruemedClient(api_key=TRUEMED_KEY)
    with pytest.raises(error, match=message):
        client.with_options(**options)


@pytest.mark.parametrize(("client_type", "key", "resource"), SYNC)
def test_pages_expose_their_response_and_request_id(
    client_type: Any, key: str, resource: str
) -> None:
    first = page_for(resource, "req-first")
    if resource == "qualification_sessions":
        first = truemed_page(range(2), page=1, last_page=2, page_size=2)
        first.headers["x-request-id"] = "req-first"
        second = truemed_page(range(2, 4), page=2, last_page=2, page_size=2)
    else:
        first = goodstack_page(range(2), next_cursor="c2")
        first.headers["x-request-id"] = "req-first"
        second = goodstack_page(range(2, 4))
    client = client_type(api_key=key, transport=Recorder(first, second).transport)
    page = getattr(client, resource).list(page_size=2)
    assert page.request_id == "req-first"
    assert page.response.status_code == 200
    assert page.response.headers["x-request-id"] == "req-first"
    later = page.get_next_page()
    assert later.request_id is None  # the second response carries none
    assert later.response.request.url.params.get("page" if "qual" in resource else "cursor") in (
        "2",
        "c2",
    )


def test_a_request_id_echoing_the_key_is_redacted() -> None:
    response = truemed_page(range(1))
    response.headers["x-request-id"] = f"req-{TRUEMED_KEY}"
    client = TruemedClient(api_key=TRUEMED_KEY, transport=Recorder(response).transport)
    page = client.qualification_sessions.list()
    assert page.request_id == "req-<redacted>"

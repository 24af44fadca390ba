"""The protocols the public signatures name, against the httpx2 objects behind them at run time."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx2
import pytest
import vcr  # type: ignore[import-untyped]
from eligibility_clients import (
    APIConnectionError,
    APIStatusError,
    AsyncTruemedClient,
    GoodstackClient,
    HTTPRequest,
    HTTPResponse,
    TruemedClient,
)
from eligibility_clients.testing import FakeServer, FakeTruemed, vcr_config

from tests.builders import TRUEMED_KEY, truemed_page


class CountingTransport:
    """A transport that derives from nothing: only the `SyncTransport` protocol's methods."""

    def __init__(self, answer: httpx2.Response) -> None:
        self.answer = answer
        self.sent: list[HTTPRequest] = []
        self.closed = False

    def handle_request(self, request: HTTPRequest, /) -> HTTPResponse:
        self.sent.append(request)
        return self.answer

    def close(self) -> None:
        self.closed = True


def test_any_object_with_the_protocols_methods_is_a_transport() -> None:
    page = truemed_page([1, 2], page=1, last_page=1)
    transport = CountingTransport(page)
    with TruemedClient(api_key=TRUEMED_KEY, transport=transport, max_retries=0) as client:
        ids = [s.qualification_session_id for s in client.qualification_sessions.list()]
    assert ids == [s["qualification_session_id"] for s in page.json()["qualification_sessions"]]
    assert len(ids) == 2
    assert [request.url.path for request in transport.sent] == ["/api/v1/qualification_sessions"]
    assert transport.sent[0].headers["x-truemed-api-key"] == TRUEMED_KEY
    assert transport.closed  # the client's close() closes the transport it was given


class NotAResponse:
    status_code = 200


class WrongAnswerTransport:
    def handle_request(self, request: Any, /) -> Any:
        return NotAResponse()

    def close(self) -> None:
        pass


def test_a_transport_answering_with_something_else_is_refused_by_name() -> None:
    client = TruemedClient(api_key=TRUEMED_KEY, transport=WrongAnswerTransport(), max_retries=0)
    with pytest.raises(TypeError) as caught:
        client.qualification_sessions.list()
    assert str(caught.value) == (
        "WrongAnswerTransport.handle_request returned NotAResponse; "
        "a transport must return an httpx2.Response"
    )


@pytest.mark.parametrize("transport", [object(), "https://api.truemed.com", 42])
def test_an_object_that_cannot_send_is_refused_at_construction(transport: object) -> None:
    with pytest.raises(TypeError) as caught:
        TruemedClient(api_key=TRUEMED_KEY, transport=transport)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "transport must be an httpx2.BaseTransport (an object with handle_request()), got "
        f"{type(transport).__name__} (async clients take an httpx2.AsyncBaseTransport)"
    )


def test_the_exception_carries_the_httpx2_objects_themselves() -> None:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(
            429,
            headers={"Retry-After": "0", "x-request-id": "req_1"},
            json={"error": "RateLimited", "message": "slow down"},
        )

    client = TruemedClient(
        api_key=TRUEMED_KEY, transport=httpx2.MockTransport(answer), max_retries=0
    )
    with pytest.raises(APIStatusError) as caught:
        client.qualification_sessions.list()
    response = caught.value.response
    assert isinstance(response, httpx2.Response)
    assert isinstance(response.request, httpx2.Request)
    # Every member the protocol promises answers as httpx2's own does.
    assert (response.status_code, response.reason_phrase, response.http_version) == (
        429,
        "Too Many Requests",
        "HTTP/1.1",
    )
    assert response.headers["x-request-id"] == "req_1"
    assert response.url.path == "/api/v1/qualification_sessions"
    assert response.request.method == "GET"
    assert response.request.content == b""
    assert response.json() == {"error": "RateLimited", "message": "slow down"}
    assert response.text == response.content.decode()
    assert response.encoding == "utf-8"
    assert (response.is_success, response.is_error) == (False, True)


def test_a_connection_error_carries_the_request_sent() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("refused", request=request)

    client = GoodstackClient(
        api_key="test-goodstack-key", transport=httpx2.MockTransport(refuse), max_retries=0
    )
    with pytest.raises(APIConnectionError) as caught:
        client.eligibility_subscriptions.list()
    request = caught.value.request
    assert isinstance(request, httpx2.Request)
    assert (request.method, request.url.host) == ("GET", "api.goodstack.io")


def test_elapsed_survives_on_a_response_read_over_the_network() -> None:
    fake = FakeTruemed(seed=1)
    fake.faults.status(503)
    with FakeServer(truemed=fake, port=0) as server:
        client = TruemedClient(api_key=fake.api_key, base_url=server.url, max_retries=0)
        with pytest.raises(APIStatusError) as caught:
            client.qualification_sessions.list()
    response = caught.value.response
    assert isinstance(response, httpx2.Response)
    assert response.elapsed.total_seconds() > 0


def test_a_fake_transport_is_no_httpx2_class_but_serves_both_kinds_of_client() -> None:
    fake = FakeTruemed(seed=1, count=30)
    transport = fake.transport
    assert not isinstance(transport, httpx2.BaseTransport | httpx2.AsyncBaseTransport)
    with TruemedClient(api_key=fake.api_key, transport=transport) as client:
        synced = [s.qualification_session_id for s in client.qualification_sessions.list()]

    async def walk() -> list[str]:
        async with AsyncTruemedClient(api_key=fake.api_key, transport=fake.transport) as client:
            return [s.qualification_session_id async for s in client.qualification_sessions.list()]

    assert asyncio.run(walk()) == synced
    assert len(synced) == 30
    assert all(isinstance(request, httpx2.Request) for request in fake.requests)


def test_a_fake_answering_with_something_else_is_refused_by_name() -> None:
    class Broken(FakeTruemed):
        def handle_request(self, request: HTTPRequest) -> HTTPResponse:
            return NotAResponse()  # type: ignore[return-value]

    fake = Broken(seed=1)
    client = TruemedClient(api_key=fake.api_key, transport=fake.transport, max_retries=0)
    with pytest.raises(TypeError, match=r"^Broken\.handle_request returned NotAResponse; "):
        client.qualification_sessions.list()


def test_vcrpy_records_and_replays_what_goes_through_a_fake_transport(tmp_path: Path) -> None:
    cassette = tmp_path / "fake.yaml"
    recorded = FakeTruemed(seed=1, count=15)
    with vcr.VCR(record_mode="once", **vcr_config()).use_cassette(str(cassette)):
        client = TruemedClient(api_key=recorded.api_key, transport=recorded.transport)
        first = [s.qualification_session_id for s in client.qualification_sessions.list()]
    assert recorded.requests
    assert recorded.api_key not in cassette.read_text()
    # Replayed from the cassette: a fake holding other sessions is never asked.
    other = FakeTruemed(seed=2, count=15)
    with vcr.VCR(record_mode="none", **vcr_config()).use_cassette(str(cassette)):
        client = TruemedClient(api_key=other.api_key, transport=other.transport)
        replayed = [s.qualification_session_id for s in client.qualification_sessions.list()]
    assert replayed == first
    assert other.requests == []

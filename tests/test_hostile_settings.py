"""Hostile input beyond pages: settings and arguments, walks that must end, the key kept."""

from __future__ import annotations

import asyncio
import json
import logging
import math
from typing import Any

import httpx2
import pytest
from click.testing import CliRunner
from eligibility_clients import (
    APIError,
    APIResponseValidationError,
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    HTTPRequest,
    HTTPResponse,
    TruemedClient,
)
from eligibility_clients._cli._app import cli
from eligibility_clients.testing import FakeGoodstack, FakeServer

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    Recorder,
    RetrySleeps,
    TruemedServer,
    goodstack_page,
    truemed_page,
)
from tests.test_hostile_responses import (
    goodstack,
    goodstack_with_next,
    truemed,
)

# --- Settings and arguments -------------------------------------------------------------------


@pytest.mark.parametrize("timeout", [math.nan, math.inf, -math.inf, -1.0, 0.0, -1])
@pytest.mark.parametrize("client", [TruemedClient, GoodstackClient, AsyncTruemedClient])
def test_unusable_timeouts_are_refused_at_construction(timeout: float, client: Any) -> None:
    with pytest.raises(ValueError, match="timeout"):
        client(api_key="test-key-1", timeout=timeout)


@pytest.mark.parametrize(
    "timeout",
    [
        httpx2.Timeout(math.nan),
        httpx2.Timeout(10.0, connect=math.inf),
        httpx2.Timeout(10.0, read=-1.0),
    ],
)
def test_unusable_httpx_timeouts_are_refused_too(timeout: httpx2.Timeout) -> None:
    with pytest.raises(ValueError, match="timeout"):
        TruemedClient(api_key="test-key-1", timeout=timeout)


def test_a_timeout_without_a_limit_is_still_allowed() -> None:
    client = TruemedClient(api_key="test-key-1", timeout=httpx2.Timeout(None))
    assert client._settings.timeout.read is None


@pytest.mark.parametrize("argument", ["search", "user_id"])
def test_truemed_text_filters_that_cannot_be_sent_are_refused_at_the_call(argument: str) -> None:
    recorder = Recorder()
    arguments: dict[str, Any] = {argument: "a\ud800b"}
    with pytest.raises(ValueError, match=argument):
        truemed(recorder.transport).qualification_sessions.list(**arguments)
    client = AsyncTruemedClient(api_key=TRUEMED_KEY, transport=recorder.transport)
    with pytest.raises(ValueError, match=argument):
        client.qualification_sessions.list(**arguments)
    assert recorder.requests == []


def test_goodstack_filters_that_cannot_be_sent_are_refused_at_the_call() -> None:
    recorder = Recorder()
    client = AsyncGoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport)
    with pytest.raises(ValueError, match="query"):
        client.eligibility_subscriptions.list(query="\udfff")
    with pytest.raises(ValueError, match="extra_query"):
        client.eligibility_subscriptions.list(extra_query={"x": "\ud800"})
    with pytest.raises(ValueError, match="extra_query"):
        client.eligibility_subscriptions.list(extra_query={"\ud800": "x"})
    with pytest.raises(ValueError, match="query"):
        goodstack(recorder.transport).eligibility_subscriptions.list(query="\udfff")
    assert recorder.requests == []


# --- Walks end, and no page is fetched twice -------------------------------------------------


def full_truemed_page(start: int, size: int = 3) -> httpx2.Response:
    return truemed_page(range(start, start + size), page_size=size, pagination=False)


@pytest.mark.parametrize("concurrency", [1, 4])
def test_a_server_alternating_two_full_pages_is_not_walked_forever(concurrency: int) -> None:
    def alternate(request: httpx2.Request) -> httpx2.Response:
        page = int(request.url.params["page"])
        if page > 50:
            raise AssertionError("walked forever")
        return full_truemed_page(0 if page % 2 else 3)

    client = truemed(httpx2.MockTransport(alternate))
    walked: list[Any] = []
    with pytest.raises(APIResponseValidationError, match="already served"):
        walked.extend(client.qualification_sessions.list(page_size=3, concurrency=concurrency))
    assert [s.qualification_session_id[3:11] for s in walked] == [f"{n:08d}" for n in range(6)]


def test_a_server_cycling_through_three_pages_is_not_walked_forever() -> None:
    seen: list[int] = []

    def cycle(request: httpx2.Request) -> httpx2.Response:
        page = int(request.url.params["page"])
        seen.append(page)
        if page > 50:
            raise AssertionError("walked forever")
        return full_truemed_page(3 * ((page - 1) % 3))

    with pytest.raises(APIResponseValidationError):
        list(truemed(httpx2.MockTransport(cycle)).qualification_sessions.list(page_size=3))
    assert len(seen) <= 12


def test_a_pagination_gap_never_makes_the_walk_fetch_a_page_twice() -> None:
    server = TruemedServer(50, page_size=10)
    null_page = truemed_page(range(10, 20), page_size=10, pagination=False)
    server.script = {2: [null_page]}
    items = list(truemed(server.transport).qualification_sessions.list(page_size=10, concurrency=3))
    assert len(items) == 50
    assert sorted(server.requests) == [1, 2, 3, 4, 5]


@pytest.mark.anyio
async def test_async_pagination_gap_never_fetches_a_page_twice() -> None:
    server = TruemedServer(50, page_size=10)
    server.script = {2: [truemed_page(range(10, 20), page_size=10, pagination=False)]}
    client = AsyncTruemedClient(api_key=TRUEMED_KEY, transport=server.transport)
    items = [s async for s in client.qualification_sessions.list(page_size=10, concurrency=3)]
    assert len(items) == 50
    assert sorted(server.requests) == [1, 2, 3, 4, 5]


# --- The key never leaks ---------------------------------------------------------------------


def echoing(status: int, key: str) -> httpx2.Response:
    return httpx2.Response(
        status,
        json={
            "error": {
                "code": f"bad_{key}",
                "title": key,
                "message": f"key {key} is not valid",
                "reasons": [f"got {key}"],
            }
        },
        headers={"x-request-id": key},
    )


@pytest.mark.parametrize("status", [400, 401, 429, 500])
def test_a_key_echoed_in_an_error_body_is_redacted(
    status: int, caplog: pytest.LogCaptureFixture, retry_sleeps: RetrySleeps
) -> None:
    caplog.set_level(logging.DEBUG, logger="eligibility_clients")
    recorder = Recorder(*[echoing(status, GOODSTACK_KEY)] * 3)
    with pytest.raises(APIError) as caught:
        retry_sleeps.on(goodstack(recorder.transport)).eligibility_subscriptions.list()
    error: Any = caught.value
    for text in (str(error), repr(error), error.message, str(error.args), error.code, caplog.text):
        assert GOODSTACK_KEY not in text
    assert "<redacted>" in str(error)
    # What the server sent stays as it was.
    assert GOODSTACK_KEY in json.dumps(error.body)
    assert GOODSTACK_KEY in error.response.text


def test_a_key_echoed_in_a_success_body_or_link_is_redacted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="eligibility_clients")
    body = goodstack_page(range(1)).json()
    body["data"][0]["createdAt"] = f"not a date {GOODSTACK_KEY}"
    recorder = Recorder(
        goodstack_with_next(range(1), f"https://evil.example/?cursor={GOODSTACK_KEY}"),
        httpx2.Response(200, json=body),
    )
    with pytest.raises(APIError) as caught:
        list(goodstack(recorder.transport).eligibility_subscriptions.list())
    for text in (str(caught.value), repr(caught.value), caplog.text):
        assert GOODSTACK_KEY not in text


def test_a_truemed_key_echoed_back_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="eligibility_clients")
    answer = httpx2.Response(
        400, json={"error": "ValidationError", "message": f"bad key {TRUEMED_KEY}"}
    )
    with pytest.raises(APIError) as caught:
        truemed(Recorder(answer).transport).qualification_sessions.list()
    assert TRUEMED_KEY not in str(caught.value)
    assert TRUEMED_KEY not in repr(caught.value)
    assert TRUEMED_KEY not in caplog.text
    assert caught.value.body == {  # type: ignore[attr-defined]
        "error": "ValidationError",
        "message": f"bad key {TRUEMED_KEY}",
    }


def test_a_key_in_a_connection_error_is_redacted() -> None:
    recorder = Recorder(httpx2.ConnectError(f"refused for {TRUEMED_KEY}"))
    with pytest.raises(APIError) as caught:
        truemed(recorder.transport, max_retries=0).qualification_sessions.list()
    assert TRUEMED_KEY not in str(caught.value)
    assert TRUEMED_KEY not in repr(caught.value)


def test_an_async_walk_redacts_too() -> None:
    async def run() -> APIError:
        recorder = Recorder(echoing(403, GOODSTACK_KEY))
        client = AsyncGoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport)
        try:
            await client.eligibility_subscriptions.list()
        except APIError as exc:
            return exc
        raise AssertionError("no error")

    error = asyncio.run(run())
    assert GOODSTACK_KEY not in str(error)
    assert "<redacted>" in str(error)


class EchoingGoodstack(FakeGoodstack):
    """A Goodstack fake that refuses every key, quoting it back in its error body."""

    def _check_key(self, request: HTTPRequest) -> HTTPResponse | None:
        given = request.headers.get("authorization", "")
        return self.error_response(401, "unauthorized", f"{given} is not a key", [f"got {given}"])


@pytest.mark.parametrize("debug", [False, True])
def test_the_command_never_prints_an_echoed_key(debug: bool) -> None:
    key = "sk_cli_echoed_secret"
    with FakeServer(goodstack=EchoingGoodstack(), port=0) as server:
        args = ["goodstack", "subscriptions", "--base-url", server.url]
        result = CliRunner().invoke(
            cli, args + (["--debug"] if debug else []), env={"GOODSTACK_API_KEY": key}
        )
    assert result.exit_code == 3
    assert "<redacted> is not a key" in result.stderr
    assert key not in result.output
    assert key not in result.stderr

"""Property tests of whole walks: pagination with transient faults; the key never leaks."""

from __future__ import annotations

import asyncio
import json
import logging
import math
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest
from eligibility_clients import (
    APIError,
    APIResponseValidationError,
    AsyncGoodstackClient,
    AsyncTruemedClient,
    TruemedClient,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    RetrySleeps,
)
from tests.test_properties_walks import (
    VENDORS,
    always,
    encode,
    first_page_error,
    json_response,
    truemed_body,
    walk,
)

# --- Random pagination sequences with transient faults ----------------------------------------


@dataclass(frozen=True)
class ScriptedPage:
    """What the server answers for one Truemed page number."""

    size: int  # items on the page (page_size is 3)
    pagination: str  # "last", "null", "absent", "lying"
    last_page: int
    faults: tuple[str, ...]  # answered before the page itself, in order


PAGE_SIZE = 3
FAULTS = st.sampled_from(["429", "503", "connect", "timeout"])
scripted_pages = st.builds(
    ScriptedPage,
    size=st.sampled_from([0, 1, 2, 3, 3, 3]),
    pagination=st.sampled_from(["last", "last", "null", "absent", "lying"]),
    last_page=st.integers(1, 8),
    # Up to two transient faults: the client's retries (2) absorb them.
    faults=st.lists(FAULTS, max_size=2).map(tuple),
)


class ScriptedTruemed:
    """Serves page `p` from `pages[p - 1]` (an empty page past the end), counting each answer."""

    def __init__(self, pages: list[ScriptedPage], fail_page: int | None = None) -> None:
        self.pages = pages
        self.fail_page = fail_page
        self.faults_left = {number: list(page.faults) for number, page in enumerate(pages, 1)}
        self.served: list[int] = []

    def ids(self, number: int) -> range:
        size = self.pages[number - 1].size if number <= len(self.pages) else 0
        return range(number * 100, number * 100 + size)

    def body(self, number: int) -> dict[str, Any]:
        page = self.pages[number - 1] if number <= len(self.pages) else None
        pagination: object = None
        if page is not None and page.pagination == "last":
            pagination = {"current_page": number, "last_page": page.last_page, "page_size": 3}
        elif page is not None and page.pagination == "lying":
            pagination = {"current_page": 1, "last_page": page.last_page, "count": -4}
        body = truemed_body(self.ids(number), pagination)
        if page is not None and page.pagination == "absent":
            del body["pagination"]
        return body

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        number = int(request.url.params["page"])
        assert number <= len(self.pages) + 1, "the walk went past every page the server has"
        if number == self.fail_page:
            return httpx2.Response(503)
        pending = self.faults_left.get(number)
        if pending:
            fault = pending.pop(0)
            if fault == "connect":
                raise httpx2.ConnectError("connection refused", request=request)
            if fault == "timeout":
                raise httpx2.ReadTimeout("timed out", request=request)
            return httpx2.Response(int(fault), headers={"retry-after": "1"})
        self.served.append(number)
        return json_response(200, self.body(number))


def expected_pages(server: ScriptedTruemed) -> list[int]:
    """The pages a walk reads, by the documented stop rules (an oracle independent of the code)."""
    number = 1
    read = []
    while True:
        read.append(number)
        body = server.body(number)
        items = body["qualification_sessions"]
        pagination = body.get("pagination")
        if not items:
            return read
        if isinstance(pagination, dict):
            reported = pagination.get("current_page", number)
            if max(number, reported) >= pagination["last_page"]:
                return read
        elif len(items) < PAGE_SIZE:
            return read
        number += 1


def session_numbers(items: list[Any]) -> list[int]:
    return [int(item.qualification_session_id[3:11]) for item in items]


@given(
    pages=st.lists(scripted_pages, min_size=1, max_size=8),
    concurrency=st.sampled_from([1, 2, 4]),
)
def test_random_pagination_with_transient_faults_yields_exact_items_in_order(
    pages: list[ScriptedPage], concurrency: int
) -> None:
    server = ScriptedTruemed(pages)
    read = expected_pages(server)
    items, error = walk("truemed", httpx2.MockTransport(server), concurrency=concurrency)
    assert error is None
    assert session_numbers(items) == [n for p in read for n in server.ids(p)]
    # No page answered twice, and no page past the last one read is fetched more than once.
    assert len(server.served) == len(set(server.served))
    assert set(read) <= set(server.served)


@given(
    pages=st.lists(scripted_pages, min_size=2, max_size=8),
    fail_at=st.integers(2, 8),
    concurrency=st.sampled_from([1, 3]),
)
def test_a_page_that_keeps_failing_raises_after_every_item_before_it(
    pages: list[ScriptedPage], fail_at: int, concurrency: int
) -> None:
    server = ScriptedTruemed(pages)
    read = expected_pages(server)
    server.fail_page = fail_at
    items, error = walk("truemed", httpx2.MockTransport(server), concurrency=concurrency)
    before = [p for p in read if p < fail_at]
    assert session_numbers(items) == [n for p in before for n in server.ids(p)]
    if fail_at in read:
        assert isinstance(error, APIError)
        assert error.status_code == 503  # type: ignore[attr-defined]
    else:
        assert error is None


@given(
    cycle=st.lists(st.integers(0, 5), min_size=1, max_size=4, unique=True),
    lead=st.lists(st.integers(6, 9), max_size=3, unique=True),
    concurrency=st.sampled_from([1, 3]),
)
def test_a_server_cycling_through_full_pages_is_caught_within_a_bound(
    cycle: list[int], lead: list[int], concurrency: int
) -> None:
    """Pages `lead`, then `cycle` repeated for ever, all full and with a null pagination."""
    served: list[int] = []
    bound = 4 * (len(lead) + len(cycle)) + 4

    def serve(request: httpx2.Request) -> httpx2.Response:
        number = int(request.url.params["page"])
        served.append(number)
        assert number <= bound, "walked past the bound"
        index = number - 1
        block = lead[index] if index < len(lead) else cycle[(index - len(lead)) % len(cycle)]
        return json_response(200, truemed_body(range(block * 3, block * 3 + 3)))

    items, error = walk("truemed", httpx2.MockTransport(serve), concurrency=concurrency)
    assert isinstance(error, APIResponseValidationError)
    # Every distinct session, in first-served order, and nothing twice.
    expected = [n for block in [*lead, *cycle] for n in range(block * 3, block * 3 + 3)]
    assert session_numbers(items) == expected


@settings(max_examples=20)
@given(
    pages=st.lists(scripted_pages, min_size=1, max_size=6),
    concurrency=st.sampled_from([1, 3]),
)
def test_async_walks_match_the_stop_rules_too(pages: list[ScriptedPage], concurrency: int) -> None:
    server = ScriptedTruemed(pages)
    read = expected_pages(server)

    client = AsyncTruemedClient(api_key=TRUEMED_KEY, transport=httpx2.MockTransport(server))

    async def run() -> list[Any]:
        async with RetrySleeps().on(client) as recording:
            paginator = recording.qualification_sessions.list(page_size=3, concurrency=concurrency)
            return [item async for item in paginator]

    items = asyncio.run(run())
    assert session_numbers(items) == [n for p in read for n in server.ids(p)]
    assert len(server.served) == len(set(server.served))


# --- The key never leaks ------------------------------------------------------------------------


@st.composite
def echoing_error_bodies(draw: st.DrawFn, key: str) -> object:
    """A random JSON error body with the key spliced into some of its strings."""
    where = draw(st.sampled_from(["message", "code", "title", "reasons", "detail", "text"]))
    prefix, suffix = draw(st.text(max_size=5)), draw(st.text(max_size=5))
    echoed = prefix + key + suffix
    if where == "text":
        return echoed
    if where == "reasons":
        return {"error": {"code": "bad", "reasons": [draw(st.text(max_size=5)), echoed]}}
    if where == "detail":
        return {"detail": echoed}
    nested = draw(st.booleans())
    return {"error": {where: echoed}} if nested else {"error": "Bad", where: echoed}


@given(
    data=st.data(),
    vendor=VENDORS,
    status=st.sampled_from([400, 401, 403, 404, 409, 422, 429, 500, 503]),
    echo_in_request_id=st.booleans(),
)
def test_a_key_the_server_echoes_never_reaches_a_message_a_repr_or_a_log(
    data: st.DataObject,
    vendor: str,
    status: int,
    echo_in_request_id: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = TRUEMED_KEY if vendor == "truemed" else GOODSTACK_KEY
    body = data.draw(echoing_error_bodies(key))
    headers = {"x-request-id": f"req-{key}"} if echo_in_request_id else {}
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="eligibility_clients"):
        error: Any = first_page_error(vendor, always(lambda: json_response(status, body, headers)))
    assert error is not None, "an error status must raise"
    texts = [str(error), repr(error), error.message, repr(error.args), caplog.text]
    texts += [str(getattr(error, name, "")) for name in ("code", "title", "reasons", "request_id")]
    for text in texts:
        assert key not in text
    assert error.body == json.loads(encode(body))  # as received
    assert key in error.response.text


@given(timeout=st.one_of(st.floats(), st.integers(-5, 5)))
def test_a_timeout_is_refused_at_construction_unless_positive_and_finite(timeout: float) -> None:
    if 0 < timeout < math.inf:
        transport = httpx2.MockTransport(lambda request: httpx2.Response(500))
        client = TruemedClient(api_key="test-key-1", timeout=timeout, transport=transport)
        assert client._settings.timeout.read == timeout
    else:
        with pytest.raises(ValueError, match="timeout"):
            AsyncGoodstackClient(api_key="test-key-1", timeout=timeout)


with_surrogates = st.text(
    st.one_of(
        st.characters(),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"]),
    ),
    max_size=10,
)


@given(text=with_surrogates)
def test_async_list_checks_a_text_filter_at_the_call(text: str) -> None:
    requests: list[httpx2.Request] = []

    def serve(request: httpx2.Request) -> httpx2.Response:
        requests.append(request)
        return json_response(200, truemed_body(range(1)))

    async def first_page() -> Any:
        async with AsyncTruemedClient(
            api_key=TRUEMED_KEY, transport=httpx2.MockTransport(serve)
        ) as client:
            return await client.qualification_sessions.list(search=text)

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        client = AsyncTruemedClient(api_key=TRUEMED_KEY, transport=httpx2.MockTransport(serve))
        with pytest.raises(ValueError, match="search"):
            client.qualification_sessions.list(search=text)
        assert requests == []
        return
    page = asyncio.run(first_page())
    assert len(page.items) == 1
    assert requests[0].url.params["search"] == text

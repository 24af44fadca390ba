"""Property tests: whatever a server sends, a walk ends, keeps its items, and raises only APIError.

Servers here are `httpx2.MockTransport` handlers driven by hypothesis: random JSON shapes, raw
byte bodies, random headers, random next links, and random pagination sequences with
transient faults. Retries do not sleep (the autouse `no_retry_sleep` fixture records the
delays instead). The examples are fixed by the "ci" profile in `conftest.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest
from eligibility_clients import (
    APIError,
    APIResponseValidationError,
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
)
from eligibility_clients._retries import RetryPolicy, retry_after_seconds
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    goodstack_subscription,
    truemed_session,
)

# --- Strategies -------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
# Near-valid: a documented page with one value somewhere replaced, dropped, nulled or mistyped.
ENVELOPE_KEYS = {
    "truemed": ["qualification_sessions", "pagination"],
    "goodstack": ["data", "_links", "totalResults", "pageSize", "object"],
}


def encode(body: object) -> bytes:
    """JSON bytes as a server would send them; escapes keep lone surrogates representable."""
    return json.dumps(body, ensure_ascii=True).encode()


def json_response(
    status: int, body: object, headers: dict[str, str] | None = None
) -> httpx2.Response:
    return httpx2.Response(
        status,
        content=encode(body),
        headers={"content-type": "application/json", **(headers or {})},
    )


def truemed_body(ids: range | list[int], pagination: object = None) -> dict[str, Any]:
    return {"qualification_sessions": [truemed_session(n) for n in ids], "pagination": pagination}


def goodstack_body(ids: range | list[int], next_link: object = None) -> dict[str, Any]:
    links: dict[str, Any] = {"current": "https://api.goodstack.io/v1/eligibility-subscriptions"}
    if next_link is not None:
        links["next"] = next_link
    return {
        "data": [goodstack_subscription(n) for n in ids],
        "object": "eligibility_subscription",
        "totalResults": None,
        "pageSize": 25,
        "_links": links,
    }


@st.composite
def mutated_pages(draw: st.DrawFn, vendor: str) -> dict[str, Any]:
    """A valid first page with one value, at any depth, dropped or replaced by random JSON."""
    body: dict[str, Any] = (
        truemed_body(range(3)) if vendor == "truemed" else goodstack_body(range(3))
    )
    node: Any = body
    # Walk down a random path, then change what is at its end.
    for _ in range(draw(st.integers(0, 4))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            child = node[key]
            if not isinstance(child, dict | list) or not child or draw(st.booleans()):
                if draw(st.booleans()):
                    del node[key]
                else:
                    node[key] = draw(json_values)
                return body
            node = child
        elif isinstance(node, list) and node:
            index = draw(st.integers(0, len(node) - 1))
            child = node[index]
            if not isinstance(child, dict | list) or not child or draw(st.booleans()):
                node[index] = draw(json_values)
                return body
            node = child
    key = draw(st.sampled_from(ENVELOPE_KEYS[vendor]))
    body[key] = draw(json_values)
    return body


def list_first_page(vendor: str, transport: httpx2.BaseTransport, **options: Any) -> Any:
    if vendor == "truemed":
        client: Any = TruemedClient(api_key=TRUEMED_KEY, transport=transport, **options)
        return client.qualification_sessions.list()
    client = GoodstackClient(api_key=GOODSTACK_KEY, transport=transport, **options)
    return client.eligibility_subscriptions.list()


def first_page_error(
    vendor: str, transport: httpx2.BaseTransport, **options: Any
) -> APIError | None:
    """The APIError fetching the first page raised, or None; anything else propagates."""
    try:
        list_first_page(vendor, transport, **options)
    except APIError as exc:
        return exc
    return None


def walk(vendor: str, transport: httpx2.BaseTransport, **options: Any) -> tuple[list[Any], Any]:
    """Every item a sync walk yields, and what it raised (None if it ended normally)."""
    got: list[Any] = []
    concurrency = options.pop("concurrency", 1)
    try:
        if vendor == "truemed":
            client: Any = TruemedClient(api_key=TRUEMED_KEY, transport=transport, **options)
            page = client.qualification_sessions.list(page_size=3, concurrency=concurrency)
        else:
            client = GoodstackClient(api_key=GOODSTACK_KEY, transport=transport, **options)
            page = client.eligibility_subscriptions.list(concurrency=concurrency)
        for item in page:
            got.append(item)
    except APIError as exc:
        return got, exc
    return got, None


def always(response: Callable[[], httpx2.Response]) -> httpx2.MockTransport:
    return httpx2.MockTransport(lambda request: response())


VENDORS = st.sampled_from(["truemed", "goodstack"])


# --- Only APIError escapes ---------------------------------------------------------------------


@given(vendor=VENDORS, body=json_values, status=st.sampled_from([200, 400, 404, 500]))
def test_any_json_body_ends_in_a_page_or_an_api_error(
    vendor: str, body: object, status: int
) -> None:
    error = first_page_error(vendor, always(lambda: json_response(status, body)), max_retries=0)
    assert error is None or (error.message and str(error))


@given(data=st.data(), vendor=VENDORS, concurrency=st.sampled_from([1, 3]))
def test_a_page_with_one_value_changed_ends_in_items_or_an_api_error(
    data: st.DataObject, vendor: str, concurrency: int
) -> None:
    body = data.draw(mutated_pages(vendor))
    items, error = walk(
        vendor, always(lambda: json_response(200, body)), max_retries=0, concurrency=concurrency
    )
    # One page served over and over: the walk must end, at the latest when it sees the repeat.
    assert len(items) <= 3
    if error is not None:
        # A 200 body can only fail to fit: never a status or connection error, and the error
        # carries the page as served.
        assert type(error) is APIResponseValidationError
        assert error.status_code == 200
        assert error.response.content == json_response(200, body).content


@settings(max_examples=25)
@given(data=st.data(), vendor=VENDORS, concurrency=st.sampled_from([1, 3]))
def test_async_walks_of_changed_pages_end_in_items_or_an_api_error(
    data: st.DataObject, vendor: str, concurrency: int
) -> None:
    body = data.draw(mutated_pages(vendor))
    transport = always(lambda: json_response(200, body))
    items: list[Any] = []

    async def run() -> None:
        client: Any
        if vendor == "truemed":
            client = AsyncTruemedClient(api_key=TRUEMED_KEY, transport=transport, max_retries=0)
            paginator = client.qualification_sessions.list(page_size=3, concurrency=concurrency)
        else:
            client = AsyncGoodstackClient(api_key=GOODSTACK_KEY, transport=transport)
            paginator = client.eligibility_subscriptions.list(concurrency=concurrency)
        async with client:
            async for item in paginator:
                items.append(item)

    with contextlib.suppress(APIError):  # anything else fails the test
        asyncio.run(run())
    assert len(items) <= 3


header_names = st.sampled_from(
    [
        "content-type",
        "retry-after",
        "retry-after-ms",
        "x-should-retry",
        "x-request-id",
        "content-encoding",
        "content-length",
    ]
)
header_values = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=30),
    st.sampled_from(["application/json; charset=bogus", "gzip", "true", "-1", "nan", "1e400"]),
)


@given(
    vendor=VENDORS,
    content=st.one_of(
        st.binary(max_size=200),
        st.builds(lambda raw: b'{"data": [' + raw + b"]}", st.binary(max_size=60)),
    ),
    status=st.sampled_from([200, 201, 204, 301, 400, 401, 408, 429, 500, 503, 599]),
    headers=st.lists(st.tuples(header_names, header_values), max_size=4),
)
def test_raw_bytes_and_random_headers_end_in_an_api_error_or_a_page(
    vendor: str,
    content: bytes,
    status: int,
    headers: list[tuple[str, str]],
    no_retry_sleep: list[float],
) -> None:
    no_retry_sleep.clear()
    raw = [(name.encode(), value.encode("latin-1")) for name, value in headers]
    error = first_page_error(
        vendor, always(lambda: httpx2.Response(status, content=content, headers=raw))
    )
    assert error is None or error.message
    policy = RetryPolicy()
    assert all(0 <= delay <= policy.max_retry_after for delay in no_retry_sleep)


@given(
    value=st.one_of(
        st.text(max_size=40),
        st.floats().map(repr),
        st.integers(min_value=-(2**80), max_value=2**80).map(str),
        st.builds(
            "{}, {:02d} {} {} {:02d}:{:02d}:{:02d} {}".format,
            st.sampled_from(["Mon", "Fri", "Xyz"]),
            st.integers(0, 40),
            st.sampled_from(["Jan", "Feb", "Dec", "Foo"]),
            st.integers(-5, 2**40),
            st.integers(0, 30),
            st.integers(0, 70),
            st.integers(0, 70),
            st.sampled_from(["GMT", "+0000", "-2359", "+9999", "XYZ", ""]),
        ),
    ),
    header=st.sampled_from(["retry-after", "retry-after-ms"]),
)
def test_any_retry_after_is_absent_or_a_finite_wait_within_the_cap(value: str, header: str) -> None:
    headers = httpx2.Headers([(header.encode(), value.encode("utf-8", "surrogatepass"))])
    hinted = retry_after_seconds(headers)
    assert hinted is None or (math.isfinite(hinted) and hinted >= 0)
    delay = RetryPolicy().delay_after(httpx2.Response(429, headers=headers), 0)
    assert 0 <= delay <= RetryPolicy().max_retry_after


# --- Random next links -------------------------------------------------------------------------

link_pieces = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "https://",
            "http://[::1]",
            "http://[::1",
            "https://[fe80::1%25eth0]",
            "user:pass@",
            "\uff03",
            "\uff0e",
            "\ufe6b",
            "\ud800",
            "?cursor=",
            "&cursor=",
            "%ED%A0%80",
            "%C3%A9",
            "%",
            "#frag",
            "api.goodstack.io",
            "/v1/eligibility-subscriptions",
            "evil.example",
        ]
    ),
)
next_links = st.one_of(
    st.lists(link_pieces, max_size=6).map("".join),
    json_values,
)


@given(next_link=next_links, concurrency=st.sampled_from([1, 2]))
def test_any_next_link_keeps_the_page_and_never_leaves_the_api_host(
    next_link: object, concurrency: int
) -> None:
    first = goodstack_body(range(3), next_link=next_link)
    requests: list[httpx2.Request] = []

    def serve(request: httpx2.Request) -> httpx2.Response:
        requests.append(request)
        if len(requests) == 1:
            return json_response(200, first)
        return json_response(200, goodstack_body(range(3, 5)))

    items, error = walk("goodstack", httpx2.MockTransport(serve), concurrency=concurrency)
    ids = [item.id for item in items]
    expected_first = [f"eligibilitysubscription_{n:08d}" for n in range(3)]
    assert ids[:3] == expected_first
    assert ids in (
        expected_first,
        expected_first + [f"eligibilitysubscription_{n:08d}" for n in (3, 4)],
    )
    assert error is None or isinstance(error, APIResponseValidationError)
    assert len(requests) <= 2
    for request in requests:
        assert request.url.host == "api.goodstack.io"
        assert GOODSTACK_KEY not in str(request.url)


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

    async def run() -> list[Any]:
        async with AsyncTruemedClient(
            api_key=TRUEMED_KEY, transport=httpx2.MockTransport(server)
        ) as client:
            paginator = client.qualification_sessions.list(page_size=3, concurrency=concurrency)
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

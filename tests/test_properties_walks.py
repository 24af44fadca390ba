"""Property tests: whatever a server sends, a walk ends, keeps its items, and raises only APIError.

Servers here are `httpx2.MockTransport` handlers driven by hypothesis: random JSON shapes, raw
byte bodies, random headers, random next links, and random pagination sequences with
transient faults. Retries do not sleep: the clients the helpers build record their delays in
a `RetrySleeps` instead. The examples are fixed by the "ci" profile in `conftest.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from collections.abc import Callable
from typing import Any

import httpx2
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
    RetrySleeps,
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


def client_for(
    vendor: str, transport: httpx2.BaseTransport, sleeps: RetrySleeps | None, **options: Any
) -> Any:
    """A sync client of `vendor` whose retries record their delays in `sleeps` (or a new one)."""
    sleeps = RetrySleeps() if sleeps is None else sleeps
    if vendor == "truemed":
        return sleeps.on(TruemedClient(api_key=TRUEMED_KEY, transport=transport, **options))
    return sleeps.on(GoodstackClient(api_key=GOODSTACK_KEY, transport=transport, **options))


def list_first_page(
    vendor: str, transport: httpx2.BaseTransport, sleeps: RetrySleeps | None = None, **options: Any
) -> Any:
    client = client_for(vendor, transport, sleeps, **options)
    if vendor == "truemed":
        return client.qualification_sessions.list()
    return client.eligibility_subscriptions.list()


def first_page_error(
    vendor: str, transport: httpx2.BaseTransport, sleeps: RetrySleeps | None = None, **options: Any
) -> APIError | None:
    """The APIError fetching the first page raised, or None; anything else propagates."""
    try:
        list_first_page(vendor, transport, sleeps, **options)
    except APIError as exc:
        return exc
    return None


def walk(
    vendor: str, transport: httpx2.BaseTransport, sleeps: RetrySleeps | None = None, **options: Any
) -> tuple[list[Any], Any]:
    """Every item a sync walk yields, and what it raised (None if it ended normally)."""
    got: list[Any] = []
    concurrency = options.pop("concurrency", 1)
    try:
        client = client_for(vendor, transport, sleeps, **options)
        if vendor == "truemed":
            page = client.qualification_sessions.list(page_size=3, concurrency=concurrency)
        else:
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
) -> None:
    raw = [(name.encode(), value.encode("latin-1")) for name, value in headers]
    sleeps = RetrySleeps()
    error = first_page_error(
        vendor, always(lambda: httpx2.Response(status, content=content, headers=raw)), sleeps
    )
    assert error is None or error.message
    policy = RetryPolicy()
    assert len(sleeps.delays) <= policy.max_retries
    assert all(0 <= delay <= policy.max_retry_after for delay in sleeps.delays)


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

"""Odd and hostile responses: kept items, one exception type, walks that end, no key leaks.

Each test names one way a server (or a proxy in front of it) has been seen, or can be made,
to break a walk; the property tests in `test_properties_walks.py` explore the same ground at
random.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
from collections.abc import Callable, Iterable
from typing import Any

import httpx2
import pytest
from eligibility_clients import (
    APIError,
    APIResponseValidationError,
    AsyncGoodstackClient,
    GoodstackClient,
    TruemedClient,
)
from eligibility_clients._retries import RetryPolicy, retry_after_seconds

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    Recorder,
    RetrySleeps,
    goodstack_page,
    truemed_page,
)


def truemed(transport: httpx2.BaseTransport, **options: Any) -> TruemedClient:
    return TruemedClient(api_key=TRUEMED_KEY, transport=transport, **options)


def goodstack(transport: httpx2.BaseTransport, **options: Any) -> GoodstackClient:
    return GoodstackClient(api_key=GOODSTACK_KEY, transport=transport, **options)


def goodstack_with_next(ids: range, next_link: object) -> httpx2.Response:
    body = goodstack_page(ids).json()
    body["_links"]["next"] = next_link
    return httpx2.Response(200, json=body)


def goodstack_raw_next(ids: range, raw_next: str) -> httpx2.Response:
    """A page whose next link is spliced in as raw JSON text (e.g. a lone-surrogate escape)."""
    body = goodstack_page(ids).json()
    body["_links"]["next"] = "@@NEXT@@"
    text = json.dumps(body).replace('"@@NEXT@@"', raw_next)
    return httpx2.Response(200, content=text.encode(), headers={"content-type": "application/json"})


def collect(first_page: Callable[[], Iterable[Any]]) -> tuple[list[Any], Exception | None]:
    """The items a walk yields, and the exception it ended with (None if it ended normally)."""
    walked: list[Any] = []
    try:
        walked.extend(first_page())
    except Exception as exc:  # the tests then check it is an APIError
        return walked, exc
    return walked, None


def subscription_ids(items: list[Any]) -> list[str]:
    return [item.id for item in items]


# --- A page is never thrown away because of its link ---------------------------------------

BROKEN_NEXT_LINKS = [
    pytest.param('"https://api.goodstack.io/v1/eligibility-subscriptions?page=2"', id="no-cursor"),
    pytest.param('"https://api.goodstack.io/v1/x?cursor="', id="empty-cursor"),
    pytest.param('"http://[::1/v1/x?cursor=c2"', id="unclosed-ipv6-bracket"),
    pytest.param('"https://[not-an-ip]/v1/x?cursor=c2"', id="bad-ipv6"),
    pytest.param('"https://a\\uff03b@api.goodstack.io/x?cursor=c2"', id="fullwidth-userinfo"),
    pytest.param('"https://api.goodstack.io/x?cursor=\\ud800"', id="lone-surrogate"),
    pytest.param('"https://api.goodstack.io/x?cursor=%ED%A0%80"', id="encoded-surrogate"),
]


@pytest.mark.parametrize("raw_next", BROKEN_NEXT_LINKS)
@pytest.mark.parametrize("concurrency", [1, 3])
def test_broken_next_link_yields_the_page_then_raises(raw_next: str, concurrency: int) -> None:
    recorder = Recorder(goodstack_raw_next(range(3), raw_next))
    page = goodstack(recorder.transport).eligibility_subscriptions.list(concurrency=concurrency)
    assert len(page.items) == 3
    walked: list[Any] = []
    with pytest.raises(APIResponseValidationError) as caught:
        walked.extend(page)
    assert subscription_ids(walked) == subscription_ids(page.items)
    assert caught.value.field == "_links.next"
    assert len(recorder.requests) == 1


def test_odd_but_usable_next_links_are_followed() -> None:
    links = [
        "https://user:pass@api.goodstack.io/v1/eligibility-subscriptions?cursor=c2",
        "https://[::1]:8443/v1/eligibility-subscriptions?cursor=c3",
        "/v1/eligibility-subscriptions?cursor=c%C3%A9",
        "https://api\uff0egoodstack\uff0eio/v1/eligibility-subscriptions?cursor=c4",
    ]
    recorder = Recorder(
        goodstack_with_next(range(0, 2), links[0]),
        goodstack_with_next(range(2, 4), links[1]),
        goodstack_with_next(range(4, 6), links[2]),
        goodstack_with_next(range(6, 8), links[3]),
        goodstack_page(range(8, 9)),
    )
    items = list(goodstack(recorder.transport).eligibility_subscriptions.list())
    assert len(items) == 9
    cursors = [r.url.params.get("cursor") for r in recorder.requests]
    assert cursors == [None, "c2", "c3", "cé", "c4"]
    assert {r.url.host for r in recorder.requests} == {"api.goodstack.io"}


def test_a_repeated_cursor_keeps_the_items_of_the_page_that_repeats_it() -> None:
    recorder = Recorder(
        goodstack_page(range(0, 2), next_cursor="c2"),
        goodstack_page(range(2, 4), next_cursor="c2"),
    )
    walked: list[Any] = []
    with pytest.raises(APIResponseValidationError, match="already returned"):
        walked.extend(goodstack(recorder.transport).eligibility_subscriptions.list())
    assert len(walked) == 4


def test_page_by_page_a_broken_link_raises_at_get_next_page() -> None:
    recorder = Recorder(goodstack_with_next(range(2), "https://api.goodstack.io/x?page=2"))
    page = goodstack(recorder.transport).eligibility_subscriptions.list()
    assert page.has_next_page()
    with pytest.raises(APIResponseValidationError, match="no cursor"):
        page.get_next_page()
    pages = page.iter_pages()
    assert next(pages) is page
    with pytest.raises(APIResponseValidationError):
        next(pages)


@pytest.mark.parametrize("links", ["garbage", 5, [1], {"next": 5}, {"next": ["x"]}])
@pytest.mark.parametrize("concurrency", [1, 2])
def test_links_that_do_not_fit_keep_the_goodstack_page(links: object, concurrency: int) -> None:
    body = goodstack_page(range(3)).json()
    body["_links"] = links
    recorder = Recorder(httpx2.Response(200, json=body))
    walked, error = collect(
        lambda: goodstack(recorder.transport).eligibility_subscriptions.list(
            concurrency=concurrency
        )
    )
    assert len(walked) == 3
    assert isinstance(error, APIResponseValidationError)
    assert (error.field or "").startswith("_links")
    assert error.body in (None, body)  # the link checks carry no body; a parse failure does
    assert error.response.json() == body


@pytest.mark.parametrize("pagination", ["garbage", 5, [1], {"last_page": []}])
@pytest.mark.parametrize("concurrency", [1, 2])
def test_pagination_that_does_not_fit_keeps_the_truemed_page(
    pagination: object, concurrency: int
) -> None:
    body = truemed_page(range(3), page_size=3).json()
    body["pagination"] = pagination
    recorder = Recorder(httpx2.Response(200, json=body), httpx2.Response(200, json=body))
    walked, error = collect(
        lambda: truemed(recorder.transport).qualification_sessions.list(
            page_size=3, concurrency=concurrency
        )
    )
    # Either the pagination object is reported, or (when it reads as absent) the repeated
    # page is: the items of the page are out first, either way.
    assert len(walked) == 3
    assert isinstance(error, APIResponseValidationError)
    assert error.field in ("pagination", "page") or (error.field or "").startswith("pagination")


def test_a_page_wrong_beyond_its_link_still_raises_at_once_with_the_full_body() -> None:
    body = goodstack_page(range(3)).json()
    body["_links"] = "garbage"
    body["data"][1]["createdAt"] = "yesterday"
    recorder = Recorder(httpx2.Response(200, json=body))
    with pytest.raises(APIResponseValidationError) as caught:
        goodstack(recorder.transport).eligibility_subscriptions.list()
    assert (caught.value.field or "").startswith("data[1]")
    assert caught.value.body == body


@pytest.mark.anyio
@pytest.mark.parametrize("concurrency", [1, 3])
async def test_async_broken_next_link_yields_the_page_then_raises(concurrency: int) -> None:
    recorder = Recorder(goodstack_raw_next(range(3), '"https://x/?cursor=\\udc00"'))
    client = AsyncGoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport)
    walked: list[Any] = []

    async def drain() -> None:
        async for item in client.eligibility_subscriptions.list(concurrency=concurrency):
            walked.append(item)

    with pytest.raises(APIResponseValidationError):
        await drain()
    assert len(walked) == 3


# --- Nothing escapes but an APIError ---------------------------------------------------------

DEEP = b"[" * 100_000 + b"]" * 100_000
HOSTILE_BODIES = [
    pytest.param(DEEP, id="deeply-nested"),
    pytest.param(b'{"data": [], "n": ' + b"9" * 5000 + b"}", id="int-beyond-str-limit"),
    pytest.param(b'{"qualification_sessions": [], "x": "\xff\xfe"}', id="invalid-utf8"),
    pytest.param(b'{"a": ' * 2000 + b"1" + b"}" * 2000, id="nested-objects"),
]


@pytest.mark.parametrize("body", HOSTILE_BODIES)
@pytest.mark.parametrize("status", [200, 400, 503])
@pytest.mark.parametrize("vendor", ["truemed", "goodstack"])
def test_hostile_bodies_raise_only_api_errors(
    body: bytes, status: int, vendor: str, retry_sleeps: RetrySleeps
) -> None:
    # Garbage earlier tests left in this process is collected first, at a shallow stack. Once,
    # under pytest-xdist (which spreads tests over processes differently each run), the deep
    # body failed this test with six "unraisable exception" errors, pytest's hook hitting the
    # recursion limit: most likely finalizers of other tests' objects, run mid-parse.
    gc.collect()
    recorder = Recorder(*[httpx2.Response(status, content=body)] * 3)
    resource: Any = (
        retry_sleeps.on(truemed(recorder.transport)).qualification_sessions
        if vendor == "truemed"
        else retry_sleeps.on(goodstack(recorder.transport)).eligibility_subscriptions
    )
    with pytest.raises(APIError) as caught:
        resource.list()
    assert caught.value.response.content == body  # type: ignore[attr-defined]


@pytest.mark.parametrize("bad_id", [["a", "b"], {"id": 1}, 7, 1.5, None, True])
@pytest.mark.parametrize("concurrency", [1, 2])
def test_odd_truemed_ids_never_escape_as_bare_exceptions(bad_id: object, concurrency: int) -> None:
    body = truemed_page(range(2), pagination=False, page_size=2).json()
    body["qualification_sessions"][1]["qualification_session_id"] = bad_id
    last = truemed_page(range(2, 3), pagination=False, page_size=2)
    recorder = Recorder(httpx2.Response(200, json=body), httpx2.Response(200, json=body), last)
    walked, error = collect(
        lambda: truemed(recorder.transport).qualification_sessions.list(
            page_size=2, concurrency=concurrency
        )
    )
    # A wrong-typed id may be reported; nothing but an APIError may escape. Page 2 repeats
    # page 1, so a walk that gets that far stops there.
    assert error is None or isinstance(error, APIError)
    assert len(walked) <= 4


@pytest.mark.parametrize("bad_id", [["a"], {"x": [1]}, 12])
def test_odd_goodstack_ids_never_escape_as_bare_exceptions(bad_id: object) -> None:
    body = goodstack_page(range(2), next_cursor="c2").json()
    body["data"][0]["id"] = bad_id
    recorder = Recorder(httpx2.Response(200, json=body), goodstack_page(range(2, 3)))
    walked, error = collect(lambda: goodstack(recorder.transport).eligibility_subscriptions.list())
    assert error is not None or len(walked) == 3
    assert error is None or isinstance(error, APIError)


RETRY_AFTER_VALUES = [
    "garbage",
    "-5",
    "1e400",
    "nan",
    "-inf",
    "99999999999999999999999999",
    "Wed, 01 Jan 2147483648 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Mon, 32 Foo 2020 25:61:61 GMT",
    "\u00e9t\u00e9",
]


@pytest.mark.parametrize("value", RETRY_AFTER_VALUES)
def test_retry_after_garbage_is_a_bounded_wait(value: str, retry_sleeps: RetrySleeps) -> None:
    headers = httpx2.Headers([(b"retry-after", value.encode())])
    hinted = retry_after_seconds(headers)
    assert hinted is None or (math.isfinite(hinted) and hinted >= 0)
    recorder = Recorder(
        httpx2.Response(429, headers=headers), truemed_page(range(1), page=1, last_page=1)
    )
    client = retry_sleeps.on(truemed(recorder.transport))
    assert len(list(client.qualification_sessions.list())) == 1
    [delay] = retry_sleeps.delays
    assert 0 <= delay <= RetryPolicy().max_retry_after


@pytest.mark.parametrize("value", ["garbage", "-1", "nan", "inf", "1e400", "0x10", ""])
def test_retry_after_ms_garbage_is_a_bounded_wait(value: str, retry_sleeps: RetrySleeps) -> None:
    headers = httpx2.Headers({"retry-after-ms": value, "retry-after": "2"})
    hinted = retry_after_seconds(headers)
    assert hinted is not None
    assert math.isfinite(hinted)
    assert hinted >= 0
    recorder = Recorder(
        httpx2.Response(503, headers=headers), truemed_page(range(1), page=1, last_page=1)
    )
    client = retry_sleeps.on(truemed(recorder.transport))
    assert len(list(client.qualification_sessions.list())) == 1
    assert retry_sleeps.delays == [hinted]
    assert 0 <= hinted <= 60


def test_a_far_future_retry_after_date_waits_the_cap() -> None:
    headers = httpx2.Headers({"retry-after": "Fri, 31 Dec 9999 23:59:59 GMT"})
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert retry_after_seconds(headers, now=now) == pytest.approx(
        (dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC) - now).total_seconds()
    )
    assert RetryPolicy().delay_after(httpx2.Response(429, headers=headers), 0) == 60.0

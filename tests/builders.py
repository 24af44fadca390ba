"""Build vendor-shaped bodies and responses for tests."""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar, overload

import httpx2
from eligibility_clients._client import AsyncAPIClient, SyncAPIClient
from eligibility_clients.testing import FakeAPI
from eligibility_clients.testing._schema_data import Moments, SchemaValues, fixed
from eligibility_clients_goodstack.item_schemas import ITEM_SCHEMAS as GOODSTACK_ITEMS
from eligibility_clients_truemed.item_schemas import ITEM_SCHEMAS as TRUEMED_ITEMS

TRUEMED_KEY = "tm_fake_truemed_secret"
GOODSTACK_KEY = "sk_fake_goodstack_secret"

SyncClientT = TypeVar("SyncClientT", bound=SyncAPIClient)
AsyncClientT = TypeVar("AsyncClientT", bound=AsyncAPIClient)


class Recorder:
    """An httpx2.MockTransport handler that answers from a script and records every request.

    `responses` are served in order; a callable entry is called with the request; an
    exception instance is raised as if the network failed.
    """

    def __init__(self, *responses: object) -> None:
        self.script = list(responses)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        if not self.script:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        answer = self.script.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        if callable(answer):
            result = answer(request)
            assert isinstance(result, httpx2.Response)
            return result
        assert isinstance(answer, httpx2.Response)
        return answer

    @property
    def transport(self) -> httpx2.MockTransport:
        """A transport for sync and async clients alike."""
        return httpx2.MockTransport(self)

    def params(self, index: int = -1) -> dict[str, str]:
        """The query parameters of a recorded request."""
        return dict(self.requests[index].url.params)


def least(item: Mapping[str, Any], n: int, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """An item with every field the spec documents: null where the schema allows it, else a
    value built from the schema (seeded by `n`), except the `overrides` by dotted path."""
    moment = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    values = SchemaValues(random.Random(n), Moments(moment, moment), null_share=1.0)
    return values.record(item, {path: fixed(value) for path, value in overrides.items()})


def truemed_session(n: int, status: str = "approved") -> dict[str, Any]:
    """A Truemed qualification_session with every documented field."""
    return least(
        TRUEMED_ITEMS["list_qualification_sessions"],
        n,
        {
            "qualification_session_id": f"qs_{n:08d}-0000-4000-8000-000000000000",
            "status": status,
            "created_at": "2025-03-04T15:20:11Z",
            "eligible_amount": 100.0,
            "email": f"user{n}@example.com",
            "user_id": f"user_{n}",
        },
    )


def truemed_page(
    ids: range | list[int],
    *,
    page: int | None = None,
    last_page: int | None = None,
    page_size: int = 30,
    count: int | None = None,
    pagination: bool = True,
) -> httpx2.Response:
    """A 200 response holding the sessions numbered `ids`."""
    body: dict[str, Any] = {"qualification_sessions": [truemed_session(n) for n in ids]}
    if pagination:
        body["pagination"] = {
            "current_page": page,
            "page_size": page_size,
            "count": count,
            "last_page": last_page,
        }
    else:
        body["pagination"] = None
    return httpx2.Response(200, json=body)


def goodstack_subscription(n: int, status: str = "live") -> dict[str, Any]:
    """A Goodstack EligibilitySubscription with every documented field."""
    return least(
        GOODSTACK_ITEMS["list_eligibility_subscriptions"],
        n,
        {
            "id": f"eligibilitysubscription_{n:08d}",
            "organisationId": f"organisation_{n:08d}",
            "organisationName": f"Org {n}",
            "partnerId": "partner_1",
            "configurationId": "configuration_1",
            "status": status,
            "results.eligibilityStatus": "pass",
            "createdAt": "2024-01-02T03:04:05.000Z",
        },
    )


def goodstack_page(
    ids: range | list[int],
    *,
    next_cursor: str | None = None,
    host: str = "https://api.goodstack.io",
    total: int | None = 33,
) -> httpx2.Response:
    """A 200 response holding the subscriptions numbered `ids`, linking to `next_cursor`."""
    links: dict[str, Any] = {"current": f"{host}/v1/eligibility-subscriptions?cursor=current"}
    if next_cursor is not None:
        links["next"] = f"{host}/v1/eligibility-subscriptions?cursor={next_cursor}"
    body: dict[str, Any] = {
        "data": [goodstack_subscription(n) for n in ids],
        "object": "eligibility_subscription",
        "totalResults": total,
        "pageSize": 25,
        "_links": links,
    }
    return httpx2.Response(200, json=body)


def goodstack_error(status: int, code: str, message: str, **extra: Any) -> httpx2.Response:
    """A Goodstack error response."""
    error: dict[str, Any] = {"code": code, "title": "Error", "message": message, **extra}
    return httpx2.Response(status, json={"error": error})


def truemed_error(status: int, code: str, message: str) -> httpx2.Response:
    """A Truemed error response."""
    return httpx2.Response(status, json={"error": code, "message": message})


class TruemedServer:
    """Serves Truemed pages by their `page` parameter, in any order and from any thread.

    Records `count` sessions numbered from 0; `inserted_before[p] = k` serves page `p` (and
    later ones) as if `k` new sessions had been created ahead of the walk, pushing every
    record `k` places on. `last_page[p]` overrides what page `p` reports as the last page.
    `script[p]` lists answers served for page `p` before the real one: a response, an
    exception to raise, or a callable taking the request that returns a response or None
    (None: serve the real page after the call).
    """

    def __init__(self, count: int, *, page_size: int = 10, pagination: bool = True) -> None:
        self.count = count
        self.page_size = page_size
        self.pagination = pagination
        self.last_page: dict[int, int] = {}
        self.inserted_before: dict[int, int] = {}
        self.script: dict[int, list[object]] = {}
        self.requests: list[int] = []
        # Thread objects, not idents: an ident can be reused once its thread has ended.
        self.threads: set[threading.Thread] = set()
        self.lock = threading.Lock()

    def page_ids(self, page: int) -> range:
        """The session numbers page `page` holds with nothing inserted."""
        start = (page - 1) * self.page_size
        return range(start, min(start + self.page_size, self.count))

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        page = int(request.url.params["page"])
        with self.lock:
            self.requests.append(page)
            self.threads.add(threading.current_thread())
            script = self.script.get(page)
            answer = script.pop(0) if script else None
        if isinstance(answer, BaseException):
            raise answer
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, httpx2.Response):
            return answer
        shift = max((k for p, k in self.inserted_before.items() if p <= page), default=0)
        total = self.count + shift
        start = (page - 1) * self.page_size
        ids = [n - shift for n in range(start, min(start + self.page_size, total))]
        last = self.last_page.get(page, -(-total // self.page_size))
        return truemed_page(
            ids,
            page=page,
            last_page=last,
            page_size=self.page_size,
            count=total,
            pagination=self.pagination,
        )

    @property
    def transport(self) -> httpx2.MockTransport:
        """A transport for sync and async clients alike."""
        return httpx2.MockTransport(self)


class GoodstackServer:
    """Serves Goodstack pages by cursor (`c2`, `c3`, ...), in any order and from any thread.

    `repeat[p] = k` makes page `p` start with the last `k` records of page `p - 1` again, as
    a server does whose records moved between two requests. `script[p]` as `TruemedServer`.
    """

    def __init__(self, count: int, *, page_size: int = 10) -> None:
        self.count = count
        self.page_size = page_size
        self.repeat: dict[int, int] = {}
        self.script: dict[int, list[object]] = {}
        self.requests: list[int] = []
        self.lock = threading.Lock()

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        cursor = request.url.params.get("cursor")
        page = int(cursor[1:]) if cursor else 1
        with self.lock:
            self.requests.append(page)
            script = self.script.get(page)
            answer = script.pop(0) if script else None
        if isinstance(answer, BaseException):
            raise answer
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, httpx2.Response):
            return answer
        start = (page - 1) * self.page_size
        stop = min(start + self.page_size, self.count)
        ids = list(range(start - self.repeat.get(page, 0), stop))
        more = stop < self.count
        return goodstack_page(ids, next_cursor=f"c{page + 1}" if more else None, total=self.count)

    @property
    def transport(self) -> httpx2.MockTransport:
        """A transport for sync and async clients alike."""
        return httpx2.MockTransport(self)


def plain_transport(fake: FakeAPI) -> httpx2.MockTransport:
    """An httpx2 transport serving `fake`, for a plain `httpx2.Client` that bypasses ours.

    A fake's own `transport` is typed by the package's `SyncTransport` protocol, not as an
    httpx2 class, so this wraps it in the `MockTransport` httpx2's clients are typed to take.
    """
    transport = fake.transport

    def answer(request: httpx2.Request) -> httpx2.Response:
        response = transport.handle_request(request)
        assert isinstance(response, httpx2.Response)
        return response

    return httpx2.MockTransport(answer)


class RetrySleeps:
    """Retry delays recorded instead of slept: the `retry_sleeps` fixture.

    `on(client)` gives a copy of a client whose retries wait through `sleep` (sync) or
    `asleep` (async), which return at once; a `RetryTransport` takes `sleep=` directly.
    `delays` lists the seconds each retry asked to wait, in order; `events` the walk-closed
    event each sync wait was given (None outside a concurrent walk).
    """

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.events: list[threading.Event | None] = []
        # A concurrent walk's threads wait at once; each delay stays beside its event.
        self._lock = threading.Lock()

    def sleep(self, seconds: float, closed: threading.Event | None = None) -> None:
        """A `Sleep`: record `seconds` and `closed`."""
        with self._lock:
            self.delays.append(seconds)
            self.events.append(closed)

    async def asleep(self, seconds: float) -> None:
        """An `AsyncSleep`: record `seconds`."""
        self.delays.append(seconds)

    @overload
    def on(self, client: SyncClientT) -> SyncClientT: ...

    @overload
    def on(self, client: AsyncClientT) -> AsyncClientT: ...

    def on(self, client: SyncAPIClient | AsyncAPIClient) -> SyncAPIClient | AsyncAPIClient:
        """A copy of `client` whose retries record their delays here instead of sleeping."""
        if isinstance(client, SyncAPIClient):
            return client._with_retry_sleep(self.sleep)
        return client._with_retry_sleep(self.asleep)

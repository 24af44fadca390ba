"""Truemed: filters, page-number pagination and its stop rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx2
import pytest
import yaml
from eligibility_clients import (
    APIResponseValidationError,
    AsyncTruemedClient,
    QualificationSession,
    QualificationSessionStatus,
    SyncPage,
    TruemedClient,
)

from tests.builders import TRUEMED_KEY, Recorder, truemed_page

SPEC = Path(__file__).resolve().parents[1] / "specs/truemed.yaml"
TRUEMED_STATUSES: list[str] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["components"][
    "schemas"
]["QualificationSessionStatus"]["enum"]


def client_for(recorder: Recorder) -> TruemedClient:
    return TruemedClient(api_key=TRUEMED_KEY, transport=recorder.transport)


def ids(items: list[QualificationSession] | SyncPage[QualificationSession]) -> list[str]:
    return [item.qualification_session_id[3:11] for item in items]


def test_list_fetches_the_first_page_at_call_time() -> None:
    recorder = Recorder(truemed_page(range(3), page=1, last_page=2, count=5))
    page = client_for(recorder).qualification_sessions.list(page_size=3)
    assert len(recorder.requests) == 1
    assert recorder.params() == {"page": "1", "page_size": "3"}
    assert ids(page.items) == ["00000000", "00000001", "00000002"]
    assert page.total_count == 5
    assert page.has_next_page()
    assert isinstance(page.items[0].created_at, dt.datetime)


def test_iteration_walks_every_page_and_stops_at_last_page() -> None:
    recorder = Recorder(
        truemed_page(range(0, 2), page=1, last_page=3, page_size=2),
        truemed_page(range(2, 4), page=2, last_page=3, page_size=2),
        truemed_page(range(4, 5), page=3, last_page=3, page_size=2),
    )
    page = client_for(recorder).qualification_sessions.list(page_size=2)
    assert len(list(page)) == 5
    assert [recorder.params(i)["page"] for i in range(3)] == ["1", "2", "3"]
    assert all(recorder.params(i)["page_size"] == "2" for i in range(3))


def test_stops_when_current_page_reaches_last_page_even_if_full() -> None:
    recorder = Recorder(truemed_page(range(30), page=1, last_page=1))
    assert len(list(client_for(recorder).qualification_sessions.list())) == 30
    assert len(recorder.requests) == 1


def test_null_pagination_stops_on_a_short_page() -> None:
    recorder = Recorder(
        truemed_page(range(0, 30), pagination=False),
        truemed_page(range(30, 45), pagination=False),
    )
    page = client_for(recorder).qualification_sessions.list()
    assert page.total_count is None
    assert len(list(page)) == 45
    assert len(recorder.requests) == 2


def test_null_pagination_stops_on_an_empty_page() -> None:
    recorder = Recorder(
        truemed_page(range(0, 30), pagination=False),
        truemed_page([], pagination=False),
    )
    assert len(list(client_for(recorder).qualification_sessions.list())) == 30
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2"]


def test_unconfirmed_pagination_names_fall_back_to_short_page_rule() -> None:
    def other_names(request: httpx2.Request) -> httpx2.Response:
        response = truemed_page(range(10), pagination=False)
        body = response.json()
        body["pagination"] = {"page": 1, "per_page": 30, "total": 10}
        return httpx2.Response(200, json=body)

    recorder = Recorder(other_names)
    assert len(list(client_for(recorder).qualification_sessions.list())) == 10
    assert len(recorder.requests) == 1


def test_empty_result() -> None:
    recorder = Recorder(truemed_page([], page=1, last_page=0, count=0))
    page = client_for(recorder).qualification_sessions.list(status="rejected")
    assert page.items == []
    assert not page.has_next_page()
    assert list(page) == []
    assert page.total_count == 0


def test_server_that_ignores_page_is_reported_not_looped() -> None:
    same = [truemed_page(range(30), page=1, last_page=99) for _ in range(3)]
    recorder = Recorder(*same)
    with pytest.raises(APIResponseValidationError, match="ignore the `page` parameter"):
        list(client_for(recorder).qualification_sessions.list())
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2"]


def test_misreported_current_page_never_requests_a_page_twice() -> None:
    # The server always claims page 1 of 3; we still move forward and stop at 3.
    recorder = Recorder(
        truemed_page(range(0, 30), page=1, last_page=3),
        truemed_page(range(30, 60), page=1, last_page=3),
        truemed_page(range(60, 90), page=1, last_page=3),
    )
    assert len(list(client_for(recorder).qualification_sessions.list())) == 90
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2", "3"]


def test_page_methods_move_between_pages() -> None:
    recorder = Recorder(
        truemed_page(range(0, 2), page=1, last_page=2, page_size=2),
        truemed_page(range(2, 3), page=2, last_page=2, page_size=2),
    )
    first = client_for(recorder).qualification_sessions.list(page_size=2)
    second = first.get_next_page()
    assert ids(second.items) == ["00000002"]
    assert not second.has_next_page()
    with pytest.raises(RuntimeError, match="last page"):
        second.get_next_page()
    recorder.script.extend([truemed_page(range(2, 3), page=2, last_page=2, page_size=2)])
    assert [len(p.items) for p in first.iter_pages()] == [2, 1]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"status": "approved"}, {"status": "approved"}),
        ({"status": QualificationSessionStatus.PENDING}, {"status": "pending"}),
        ({"user_id": "user_1"}, {"user_id": "user_1"}),
        ({"search": "jane@example.com"}, {"search": "jane@example.com"}),
        ({"expires_at": dt.date(2025, 1, 31)}, {"expires_at": "2025-01-31"}),
        ({"expires_at": "2025-01-31"}, {"expires_at": "2025-01-31"}),
        (
            {"expires_at": dt.datetime(2025, 1, 31, 23, 0, tzinfo=dt.UTC)},
            {"expires_at": "2025-01-31"},
        ),
        ({"page_size": 100}, {"page_size": "100"}),
    ],
)
def test_filters_are_sent_with_the_vendor_names(
    kwargs: dict[str, object], expected: dict[str, str]
) -> None:
    recorder = Recorder(truemed_page([], page=1, last_page=1))
    client_for(recorder).qualification_sessions.list(**kwargs)  # type: ignore[arg-type]
    sent = recorder.params()
    assert sent == {"page": "1", "page_size": "30"} | expected


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"status": "expired"},
            ValueError,
            # The spec's values, in the generated enum's (sorted) order.
            ", ".join(map(repr, sorted(TRUEMED_STATUSES))) + "; got 'expired'",
        ),
        ({"page_size": 0}, ValueError, "page_size must be >= 1"),
        ({"page_size": "30"}, TypeError, "page_size must be an int"),
        ({"expires_at": "31/01/2025"}, ValueError, "YYYY-MM-DD"),
        ({"user_id": 42}, TypeError, "user_id must be a str"),
    ],
)
def test_bad_arguments_are_rejected_before_any_request(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    recorder = Recorder()
    with pytest.raises(error, match=message):
        client_for(recorder).qualification_sessions.list(**kwargs)  # type: ignore[arg-type]
    assert recorder.requests == []


@pytest.mark.anyio
async def test_async_iteration_without_await_walks_every_page() -> None:
    recorder = Recorder(
        truemed_page(range(0, 2), page=1, last_page=2, page_size=2),
        truemed_page(range(2, 4), page=2, last_page=2, page_size=2),
    )
    async with AsyncTruemedClient(api_key=TRUEMED_KEY, transport=recorder.transport) as client:
        seen = [
            s.qualification_session_id
            async for s in client.qualification_sessions.list(page_size=2)
        ]
    assert len(seen) == 4
    assert len(set(seen)) == 4


@pytest.mark.anyio
async def test_async_await_gives_the_first_page_with_async_page_methods() -> None:
    recorder = Recorder(
        truemed_page(range(0, 2), page=1, last_page=2, page_size=2, count=3),
        truemed_page(range(2, 3), page=2, last_page=2, page_size=2, count=3),
    )
    client = AsyncTruemedClient(api_key=TRUEMED_KEY, transport=recorder.transport)
    paginator = client.qualification_sessions.list(page_size=2)
    assert recorder.requests == []  # nothing sent until awaited
    first = await paginator
    assert first.total_count == 3
    assert first.has_next_page()
    second = await first.get_next_page()
    assert ids(second.items) == ["00000002"]
    assert not second.has_next_page()
    await client.aclose()


@pytest.mark.anyio
async def test_async_bad_arguments_raise_at_call_time() -> None:
    client = AsyncTruemedClient(api_key=TRUEMED_KEY, transport=Recorder().transport)
    with pytest.raises(ValueError, match="status must be one of"):
        client.qualification_sessions.list(status="nope")  # type: ignore[arg-type]

"""Goodstack: filters, cursor pagination, foreign next links and repeated cursors."""

from __future__ import annotations

import datetime as dt

import httpx2
import pytest
from eligibility_clients import (
    APIResponseValidationError,
    AsyncGoodstackClient,
    EligibilitySubscriptionStatus,
    GoodstackClient,
    SortDirection,
)

from tests.builders import GOODSTACK_KEY, Recorder, goodstack_page


def client_for(recorder: Recorder) -> GoodstackClient:
    return GoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport)


def test_walks_cursor_pages_keeping_filters_and_stops_without_next() -> None:
    recorder = Recorder(
        goodstack_page(range(0, 25), next_cursor="c2"),
        goodstack_page(range(25, 33)),
    )
    page = client_for(recorder).eligibility_subscriptions.list(status="live", page_size=25)
    assert page.total_count == 33
    items = list(page)
    assert len(items) == 33
    assert items[0].status is EligibilitySubscriptionStatus.LIVE
    first, second = (dict(r.url.params) for r in recorder.requests)
    assert first == {"status": "live", "pageSize": "25"}
    assert second == {"status": "live", "pageSize": "25", "cursor": "c2"}


def test_cursor_is_decoded_from_the_link_and_sent_encoded() -> None:
    recorder = Recorder(
        goodstack_page(range(1), next_cursor="eyJ2IjoxfQ%3D%3D"),
        goodstack_page(range(1, 2)),
    )
    list(client_for(recorder).eligibility_subscriptions.list())
    assert recorder.requests[1].url.params["cursor"] == "eyJ2IjoxfQ=="
    assert b"cursor=eyJ2IjoxfQ%3D%3D" in recorder.requests[1].url.query


def test_foreign_host_in_next_link_never_receives_a_request_or_the_key() -> None:
    recorder = Recorder(
        goodstack_page(range(1), next_cursor="c2", host="https://evil.example"),
        goodstack_page(range(1, 2)),
    )
    items = list(client_for(recorder).eligibility_subscriptions.list())
    assert len(items) == 2
    assert [r.url.host for r in recorder.requests] == ["api.goodstack.io", "api.goodstack.io"]
    assert recorder.requests[1].url.params["cursor"] == "c2"
    assert recorder.requests[1].url.path == "/v1/eligibility-subscriptions"


def test_stops_on_an_empty_page_even_with_a_next_link() -> None:
    recorder = Recorder(
        goodstack_page(range(3), next_cursor="c2"), goodstack_page([], next_cursor="c3")
    )
    assert len(list(client_for(recorder).eligibility_subscriptions.list())) == 3
    assert len(recorder.requests) == 2


def test_null_next_link_ends_the_walk() -> None:
    response = goodstack_page(range(2))
    body = response.json()
    body["_links"]["next"] = None
    recorder = Recorder(httpx2.Response(200, json=body))
    page = client_for(recorder).eligibility_subscriptions.list()
    assert not page.has_next_page()


def test_repeated_cursor_raises_instead_of_looping() -> None:
    recorder = Recorder(
        goodstack_page(range(0, 2), next_cursor="c2"),
        goodstack_page(range(2, 4), next_cursor="c3"),
        goodstack_page(range(4, 6), next_cursor="c2"),
    )
    walked: list[object] = []
    with pytest.raises(APIResponseValidationError, match="already returned") as caught:
        walked.extend(client_for(recorder).eligibility_subscriptions.list())
    # The page that repeats the cursor is not thrown away: its items come out first.
    assert len(walked) == 6
    assert caught.value.field == "_links.next"
    assert len(recorder.requests) == 3


def test_next_link_without_cursor_is_a_validation_error() -> None:
    response = goodstack_page(range(2))
    body = response.json()
    body["_links"]["next"] = "https://api.goodstack.io/v1/eligibility-subscriptions?page=2"
    recorder = Recorder(httpx2.Response(200, json=body))
    page = client_for(recorder).eligibility_subscriptions.list()
    walked: list[object] = []
    with pytest.raises(APIResponseValidationError, match="no cursor"):
        walked.extend(page)
    assert len(walked) == 2


def test_documented_example_links_are_usable() -> None:
    # The vendor's example uses "https://.../v1/...?cursor=..." placeholders.
    response = goodstack_page(range(1))
    body = response.json()
    body["_links"]["next"] = "https://.../v1/...?cursor=eyJ2Ijox...N3AifQ%3D%3D"
    recorder = Recorder(httpx2.Response(200, json=body), goodstack_page([]))
    list(client_for(recorder).eligibility_subscriptions.list())
    assert recorder.requests[1].url.params["cursor"] == "eyJ2Ijox...N3AifQ=="
    assert recorder.requests[1].url.host == "api.goodstack.io"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"status": EligibilitySubscriptionStatus.CANCELLED}, {"status": "cancelled"}),
        ({"query": "organisation_1"}, {"query": "organisation_1"}),
        (
            {"start_date": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)},
            {"startDate": "2024-01-02T03:04:05+00:00"},
        ),
        ({"end_date": dt.date(2024, 2, 1)}, {"endDate": "2024-02-01T00:00:00+00:00"}),
        ({"start_date": "2024-01-02T00:00:00Z"}, {"startDate": "2024-01-02T00:00:00+00:00"}),
        ({"has_organisation": False}, {"hasOrganisation": "false"}),
        ({"sort": "id", "direction": "asc"}, {"sort": "id", "direction": "ASC"}),
        ({"direction": SortDirection.DESC}, {"direction": "DESC"}),
        ({"page_size": 100}, {"pageSize": "100"}),
    ],
)
def test_filters_are_sent_with_the_vendor_names(
    kwargs: dict[str, object], expected: dict[str, str]
) -> None:
    recorder = Recorder(goodstack_page([]))
    client_for(recorder).eligibility_subscriptions.list(**kwargs)  # type: ignore[arg-type]
    assert recorder.params() == {"pageSize": "25"} | expected


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"status": "active"}, ValueError, "'cancelled', 'cannot_define_eligibility'"),
        ({"page_size": 0}, ValueError, "between 1 and 100"),
        ({"page_size": 101}, ValueError, "between 1 and 100"),
        ({"start_date": dt.datetime(2024, 1, 1)}, ValueError, "naive datetime"),
        ({"end_date": "2024-01-01T00:00:00"}, ValueError, "naive datetime"),
        ({"start_date": "yesterday"}, ValueError, "ISO 8601"),
        ({"direction": "up"}, ValueError, "'ASC', 'DESC'"),
        ({"sort": "name"}, ValueError, "'id'"),
        ({"has_organisation": "yes"}, TypeError, "bool"),
        (
            {
                "start_date": dt.datetime(2024, 2, 1, tzinfo=dt.UTC),
                "end_date": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            },
            ValueError,
            "after end_date",
        ),
    ],
)
def test_bad_arguments_are_rejected_before_any_request(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    recorder = Recorder()
    with pytest.raises(error, match=message):
        client_for(recorder).eligibility_subscriptions.list(**kwargs)  # type: ignore[arg-type]
    assert recorder.requests == []


@pytest.mark.anyio
async def test_async_walk_and_first_page() -> None:
    recorder = Recorder(
        goodstack_page(range(0, 2), next_cursor="c2"),
        goodstack_page(range(2, 3)),
        goodstack_page(range(0, 2), next_cursor="c2"),
        goodstack_page(range(2, 3)),
    )
    async with AsyncGoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport) as client:
        items = [s.id async for s in client.eligibility_subscriptions.list()]
        assert len(items) == 3
        first = await client.eligibility_subscriptions.list()
        assert first.has_next_page()
        assert [len(p.items) async for p in first.iter_pages()] == [2, 1]

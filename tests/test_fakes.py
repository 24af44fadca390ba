"""The fakes behave as the specs and vendor docs say, in process and over loopback HTTP."""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path
from typing import Any

import httpx2
import pytest
from eligibility_clients import (
    AuthenticationError,
    BadRequestError,
    GoodstackClient,
    PermissionDeniedError,
    TruemedClient,
)
from eligibility_clients.testing import FakeGoodstack, FakeTruemed
from eligibility_clients_truemed.models import QualificationSessionStatus

from tests.builders import plain_transport

ROOT = Path(__file__).resolve().parent.parent


def eligibility_clients_truemed(fake: FakeTruemed, **options: Any) -> TruemedClient:
    return TruemedClient(api_key=fake.api_key, transport=fake.transport, **options)


def eligibility_clients_goodstack(fake: FakeGoodstack, **options: Any) -> GoodstackClient:
    return GoodstackClient(api_key=fake.api_key, transport=fake.transport, **options)


def raw(fake: FakeTruemed | FakeGoodstack, path: str, key: str | None = None) -> httpx2.Response:
    """Call a fake with plain httpx2, bypassing the client's argument checks."""
    header = "x-truemed-api-key" if isinstance(fake, FakeTruemed) else "Authorization"
    headers = {header: fake.api_key if key is None else key}
    with httpx2.Client(
        transport=plain_transport(fake), base_url="https://api.example.test"
    ) as http:
        return http.get(path, headers=headers)


# --- default data ------------------------------------------------------------------------


def test_default_data_is_realistic_and_deterministic() -> None:
    truemed, goodstack = FakeTruemed(), FakeGoodstack()
    assert len(truemed.sessions) == 100
    statuses = collections.Counter(s["status"] for s in truemed.sessions)
    assert set(statuses) == {status.value for status in QualificationSessionStatus}
    assert min(statuses.values()) >= 5
    assert len(goodstack.subscriptions) == 33
    assert any(s["suggestedActivitySubTags"] for s in goodstack.subscriptions)
    assert all(
        tag["tag"]["name"] for s in goodstack.subscriptions for tag in s["suggestedActivitySubTags"]
    )
    assert FakeTruemed(seed=0).sessions == truemed.sessions
    assert FakeGoodstack(seed=0).subscriptions == goodstack.subscriptions
    assert FakeTruemed(seed=1).sessions != truemed.sessions
    assert len({s["qualification_session_id"] for s in truemed.sessions}) == 100


def test_supplied_records_are_served_newest_first() -> None:
    fake = FakeTruemed(count=4)
    shuffled = [fake.sessions[2], fake.sessions[0], fake.sessions[3], fake.sessions[1]]
    served = list(
        eligibility_clients_truemed(FakeTruemed(sessions=shuffled)).qualification_sessions.list()
    )
    assert [s.qualification_session_id for s in served] == [
        s["qualification_session_id"] for s in fake.sessions
    ]


def test_users_can_add_and_supply_records() -> None:
    fake = FakeTruemed(count=3)
    added = fake.add_session(status="rejected", email="mine@example.com")
    sessions = list(eligibility_clients_truemed(fake).qualification_sessions.list())
    assert sessions[0].qualification_session_id == added["qualification_session_id"]
    assert sessions[0].email == "mine@example.com"
    assert len(sessions) == 4

    goodstack = FakeGoodstack(count=0, subscriptions=[])
    assert list(eligibility_clients_goodstack(goodstack).eligibility_subscriptions.list()) == []
    record = goodstack.add_subscription(status="cancelled", organisationName="Mine")
    [only] = eligibility_clients_goodstack(goodstack).eligibility_subscriptions.list()
    assert (only.id, only.organisation_name) == (record["id"], "Mine")


# --- auth --------------------------------------------------------------------------------


def test_truemed_checks_the_key() -> None:
    fake = FakeTruemed()
    with pytest.raises(AuthenticationError) as caught:
        TruemedClient(api_key="wrong-key-1", transport=fake.transport).qualification_sessions.list()
    assert caught.value.status_code == 401
    assert raw(fake, FakeTruemed.PATH, key="").status_code == 401


def test_goodstack_checks_the_key() -> None:
    fake = FakeGoodstack()
    with pytest.raises(AuthenticationError, match="Authorization header is invalid"):
        GoodstackClient(
            api_key="sk_wrong", transport=fake.transport
        ).eligibility_subscriptions.list()
    with pytest.raises(PermissionDeniedError) as caught:
        GoodstackClient(
            api_key="pk_public", transport=fake.transport
        ).eligibility_subscriptions.list()
    assert caught.value.code == "forbidden"
    assert raw(fake, FakeGoodstack.PATH, key="Bearer " + fake.api_key).status_code == 401


def test_key_is_not_in_repr() -> None:
    fake = FakeGoodstack(api_key="sk_fake_private_value")
    assert "private" not in repr(fake)
    assert "private" not in repr(fake.transport)


# --- Truemed filters and pages -------------------------------------------------------------


def test_truemed_pages_with_the_pagination_object() -> None:
    fake = FakeTruemed()
    body = raw(fake, f"{FakeTruemed.PATH}?page=2&page_size=30").json()
    assert body["pagination"] == {"current_page": 2, "page_size": 30, "count": 100, "last_page": 4}
    assert [s["qualification_session_id"] for s in body["qualification_sessions"]] == [
        s["qualification_session_id"] for s in fake.sessions[30:60]
    ]
    page = eligibility_clients_truemed(fake).qualification_sessions.list(page_size=30)
    assert page.total_count == 100
    assert [len(p.items) for p in page.iter_pages()] == [30, 30, 30, 10]
    created = [s.created_at for s in page]
    assert None not in created
    assert created == sorted(filter(None, created), reverse=True)


@pytest.mark.parametrize("status", [status.value for status in QualificationSessionStatus])
def test_truemed_status_filter(status: str) -> None:
    fake = FakeTruemed()
    found = list(eligibility_clients_truemed(fake).qualification_sessions.list(status=status))  # type: ignore[arg-type]
    assert [s.qualification_session_id for s in found] == [
        s["qualification_session_id"] for s in fake.sessions if s["status"] == status
    ]
    assert found


def test_truemed_user_id_expires_at_and_search_filters() -> None:
    fake = FakeTruemed()
    client = eligibility_clients_truemed(fake)
    user = fake.sessions[5]["user_id"]
    by_user = list(client.qualification_sessions.list(user_id=user))
    assert by_user
    assert {s.user_id for s in by_user} == {user}

    expiring = next(s for s in fake.sessions if s["expires_at"])
    day = dt.date.fromisoformat(expiring["expires_at"][:10])
    by_day = list(client.qualification_sessions.list(expires_at=day))
    assert expiring["qualification_session_id"] in {s.qualification_session_id for s in by_day}
    assert all(s.expires_at is not None and s.expires_at.date() == day for s in by_day)

    # The shopper's name is searchable but never returned, as the vendor documents.
    name = fake.sessions[7]["_name"].split()[1].upper()
    by_name = list(client.qualification_sessions.list(search=name))
    assert fake.sessions[7]["qualification_session_id"] in {
        s.qualification_session_id for s in by_name
    }
    assert len(by_name) < len(fake.sessions)
    assert "_name" not in raw(fake, FakeTruemed.PATH).text


def test_truemed_rejects_bad_input_with_validation_error() -> None:
    fake = FakeTruemed()
    for query in ("page=0", "page_size=abc", "status=archived", "expires_at=2025-13-01"):
        response = raw(fake, f"{FakeTruemed.PATH}?{query}")
        assert response.status_code == 400, query
        assert response.json()["error"] == "ValidationError", query
        assert query.split("=")[0] in response.json()["message"], query
    with pytest.raises(BadRequestError) as caught:
        eligibility_clients_truemed(fake).qualification_sessions.list(extra_query={"page_size": 0})
    assert caught.value.code == "ValidationError"


def test_truemed_unknown_path_and_method() -> None:
    fake = FakeTruemed()
    assert raw(fake, "/api/v1/nothing").status_code == 404
    with httpx2.Client(transport=plain_transport(fake), base_url="https://x.test") as http:
        assert (
            http.post(FakeTruemed.PATH, headers={"x-truemed-api-key": fake.api_key}).status_code
            == 405
        )


# --- Goodstack filters and cursors ---------------------------------------------------------


def test_goodstack_links_are_absolute_urls_on_the_request_host() -> None:
    fake = FakeGoodstack()
    body = raw(fake, f"{FakeGoodstack.PATH}?pageSize=10&status=live").json()
    assert body["totalResults"] == sum(s["status"] == "live" for s in fake.subscriptions)
    assert body["pageSize"] == 10
    assert body["object"] == "eligibility_subscription"
    nxt = httpx2.URL(body["_links"]["next"])
    assert (nxt.scheme, nxt.host, nxt.path) == ("https", "api.example.test", FakeGoodstack.PATH)
    assert nxt.params["status"] == "live"
    assert nxt.params["cursor"]
    assert body["_links"]["prev"] is None
    second = raw(fake, f"{nxt.path}?{nxt.query.decode()}").json()
    assert second["_links"]["prev"] is not None
    assert not {s["id"] for s in second["data"]} & {s["id"] for s in body["data"]}


def test_goodstack_walks_every_page_newest_first() -> None:
    fake = FakeGoodstack()
    page = eligibility_clients_goodstack(fake).eligibility_subscriptions.list(page_size=10)
    assert page.total_count == 33
    assert [len(p.items) for p in page.iter_pages()] == [10, 10, 10, 3]
    created = [s.created_at for s in page]
    assert None not in created
    assert created == sorted(filter(None, created), reverse=True)
    assert len({s.id for s in page}) == 33


@pytest.mark.parametrize(
    ("arguments", "keep"),
    [
        ({"status": "live"}, lambda s: s["status"] == "live"),
        ({"has_organisation": True}, lambda s: s["organisationId"] is not None),
        ({"has_organisation": False}, lambda s: s["organisationId"] is None),
        (
            {"start_date": "2024-06-01T00:00:00Z", "end_date": "2024-12-31T23:59:59Z"},
            lambda s: "2024-06-01" <= s["createdAt"][:10] <= "2024-12-31",
        ),
    ],
)
def test_goodstack_filters(arguments: dict[str, Any], keep: Any) -> None:
    fake = FakeGoodstack()
    found = {
        s.id
        for s in eligibility_clients_goodstack(fake).eligibility_subscriptions.list(**arguments)
    }
    expected = {s["id"] for s in fake.subscriptions if keep(s)}
    assert found == expected
    assert expected


def test_goodstack_query_sort_and_direction() -> None:
    fake = FakeGoodstack()
    client = eligibility_clients_goodstack(fake)
    target = next(s for s in fake.subscriptions if s["organisationId"])
    [found] = client.eligibility_subscriptions.list(query=target["organisationId"])
    assert found.id == target["id"]
    ascending = [s.id for s in client.eligibility_subscriptions.list(sort="id", direction="ASC")]
    assert ascending == sorted(s["id"] for s in fake.subscriptions)
    descending = [s.id for s in client.eligibility_subscriptions.list(sort="id", direction="DESC")]
    assert descending == ascending[::-1]


def test_goodstack_rejects_bad_input_with_reasons() -> None:
    fake = FakeGoodstack()
    cases = {
        "pageSize=-1": "pageSize must be greater than or equal to 0",
        "pageSize=101": "pageSize must be less than or equal to 100",
        "status=archived": "status must be one of the following values",
        "hasOrganisation=maybe": "hasOrganisation must be a boolean value",
        "startDate=yesterday": "startDate must be a valid ISO 8601 date string",
        "direction=UP": "direction must be one of the following values: ASC, DESC",
    }
    for query, reason in cases.items():
        response = raw(fake, f"{FakeGoodstack.PATH}?{query}")
        assert response.status_code == 400, query
        error = response.json()["error"]
        assert error["code"] == "bad_request", query
        assert any(r.startswith(reason) for r in error["reasons"]), (query, error)
    with pytest.raises(BadRequestError) as caught:
        eligibility_clients_goodstack(fake).eligibility_subscriptions.list(
            extra_query={"pageSize": 500}
        )
    assert caught.value.code == "bad_request"


def test_goodstack_corrupt_and_expired_cursors() -> None:
    fake = FakeGoodstack()
    with pytest.raises(BadRequestError) as caught:
        eligibility_clients_goodstack(fake).eligibility_subscriptions.list(
            extra_query={"cursor": "garbage"}
        )
    assert caught.value.code == "pagination/cursor_error"
    assert "Unable to find the next page" in str(caught.value)

    page = eligibility_clients_goodstack(fake).eligibility_subscriptions.list(page_size=10)
    fake.expire_cursors()
    with pytest.raises(BadRequestError, match="cursor_error"):
        page.get_next_page()

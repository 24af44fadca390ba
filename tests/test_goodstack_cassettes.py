"""Goodstack's recorded behaviour: pages, every filter, an empty result, 400s and 401.

The assertions hold for any data set (they compare results with the filters, not with fixed
ids), so the same tests re-record from the fakes or from the sandbox (`nox -s record`).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from eligibility_clients import (
    AuthenticationError,
    BadRequestError,
    EligibilitySubscription,
    EligibilitySubscriptionStatus,
)

from tests import recording

pytestmark = pytest.mark.vcr


def test_first_page() -> None:
    page = recording.goodstack().eligibility_subscriptions.list(page_size=10)
    assert len(page.items) == 10
    assert all(isinstance(s, EligibilitySubscription) for s in page.items)
    assert isinstance(page.total_count, int)
    assert page.total_count > 10
    assert page.has_next_page()


def test_full_iteration_across_pages() -> None:
    first = recording.goodstack().eligibility_subscriptions.list(page_size=10)
    pages = list(first.iter_pages())
    subscriptions = [s for page in pages for s in page.items]
    assert first.total_count is not None
    assert len(pages) == math.ceil(first.total_count / 10) >= 2
    assert len(subscriptions) == first.total_count
    assert len({s.id for s in subscriptions}) == len(subscriptions)


def test_status_filter() -> None:
    live = EligibilitySubscriptionStatus.LIVE
    found = list(recording.goodstack().eligibility_subscriptions.list(status=live))
    assert found
    assert {s.status for s in found} == {live}


def test_query_filter() -> None:
    client = recording.goodstack()
    target = next(
        s for s in client.eligibility_subscriptions.list(page_size=10).items if s.organisation_id
    )
    assert target.organisation_id
    found = list(client.eligibility_subscriptions.list(query=target.organisation_id))
    assert [s.id for s in found] == [target.id]


def test_date_range_filter() -> None:
    start = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    end = dt.datetime(2024, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
    client = recording.goodstack()
    found = list(client.eligibility_subscriptions.list(start_date=start, end_date=end))
    assert found
    created = [s.created_at for s in found]
    assert all(c is not None and start <= c <= end for c in created)


@pytest.mark.parametrize("has_organisation", [True, False])
def test_has_organisation_filter(has_organisation: bool) -> None:
    client = recording.goodstack()
    found = list(client.eligibility_subscriptions.list(has_organisation=has_organisation))
    assert found
    assert all((s.organisation_id is not None) == has_organisation for s in found)


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_sort_and_direction(direction: str) -> None:
    client = recording.goodstack()
    ids = [s.id for s in client.eligibility_subscriptions.list(sort="id", direction=direction)]  # type: ignore[arg-type]
    assert len(ids) > 1
    assert None not in ids
    assert ids == sorted(filter(None, ids), reverse=direction == "DESC")


def test_empty_result() -> None:
    page = recording.goodstack().eligibility_subscriptions.list(
        query="organisation_nosuchorganisation000000000000"
    )
    assert page.items == []
    assert not page.has_next_page()


def test_documented_400_bad_request() -> None:
    with pytest.raises(BadRequestError) as caught:
        recording.goodstack().eligibility_subscriptions.list(extra_query={"pageSize": 101})
    assert caught.value.code == "bad_request"
    assert "pageSize" in str(caught.value)


def test_documented_400_cursor_error() -> None:
    with pytest.raises(BadRequestError) as caught:
        recording.goodstack().eligibility_subscriptions.list(extra_query={"cursor": "corrupt"})
    assert caught.value.code == "pagination/cursor_error"


def test_401_wrong_key() -> None:
    with pytest.raises(AuthenticationError) as caught:
        recording.goodstack(api_key=recording.WRONG_KEY).eligibility_subscriptions.list()
    assert caught.value.status_code == 401
    assert recording.WRONG_KEY not in str(caught.value)

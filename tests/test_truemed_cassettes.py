"""Truemed's recorded behaviour: pages, every filter, an empty result, 400s and 401.

The assertions hold for any data set (they compare results with the filters, not with fixed
ids), so the same tests re-record from the fakes or from the sandbox (`nox -s record`).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from eligibility_clients import (
    AuthenticationError,
    BadRequestError,
    QualificationSession,
    QualificationSessionStatus,
)

from tests import recording

pytestmark = pytest.mark.vcr


def test_first_page() -> None:
    page = recording.truemed().qualification_sessions.list(page_size=10)
    assert len(page.items) == 10
    assert all(isinstance(s, QualificationSession) for s in page.items)
    assert isinstance(page.total_count, int)
    assert page.total_count > 10
    assert page.has_next_page()


def test_full_iteration_across_pages() -> None:
    first = recording.truemed().qualification_sessions.list(page_size=25)
    pages = list(first.iter_pages())
    sessions = [s for page in pages for s in page.items]
    assert first.total_count is not None
    assert len(pages) == math.ceil(first.total_count / 25) >= 2
    assert len(sessions) == first.total_count
    assert len({s.qualification_session_id for s in sessions}) == len(sessions)


CASSETTES = Path(__file__).resolve().parent / "cassettes" / "test_truemed_cassettes"
# Replayed: the statuses recorded (a status the spec adds has no traffic until re-recorded, and
# the fakes' own tests serve it). Recording: every status the spec lists.
RECORDED = sorted(
    path.name.removeprefix("test_status_filter[").removesuffix("].yaml")
    for path in CASSETTES.glob("test_status_filter[[]*].yaml")
)
STATUSES = [s.value for s in QualificationSessionStatus] if recording.MODE != "replay" else RECORDED


def test_every_recorded_status_is_in_the_spec() -> None:
    assert len(RECORDED) >= 4
    assert set(RECORDED) <= {s.value for s in QualificationSessionStatus}


@pytest.mark.parametrize("status", STATUSES)
def test_status_filter(status: str) -> None:
    sessions = list(recording.truemed().qualification_sessions.list(status=status, page_size=50))  # type: ignore[arg-type]
    assert sessions
    assert {str(s.status) for s in sessions} == {status}


def test_user_id_filter() -> None:
    client = recording.truemed()
    user_id = client.qualification_sessions.list(page_size=5).items[0].user_id
    assert user_id
    sessions = list(client.qualification_sessions.list(user_id=user_id))
    assert sessions
    assert {s.user_id for s in sessions} == {user_id}


def test_search_filter() -> None:
    client = recording.truemed()
    target = client.qualification_sessions.list(page_size=5).items[0]
    assert target.email
    found = list(client.qualification_sessions.list(search=target.email.upper()))
    assert target.qualification_session_id in {s.qualification_session_id for s in found}
    assert all(target.email in (s.email or "") for s in found)


def test_expires_at_filter() -> None:
    client = recording.truemed()
    target = next(s for s in client.qualification_sessions.list(page_size=10).items if s.expires_at)
    assert target.expires_at is not None
    day = target.expires_at.date()
    found = list(client.qualification_sessions.list(expires_at=day))
    assert target.qualification_session_id in {s.qualification_session_id for s in found}
    assert all(s.expires_at is not None and s.expires_at.date() == day for s in found)


def test_empty_result() -> None:
    page = recording.truemed().qualification_sessions.list(search="no-such-shopper-7c1e")
    assert page.items == []
    assert not page.has_next_page()
    assert list(page) == []


@pytest.mark.parametrize(
    ("query", "mentions"),
    [({"page_size": 0}, "page_size"), ({"status": "archived"}, "status")],
    ids=["page_size_0", "unknown_status"],
)
def test_documented_400(query: dict[str, str | int], mentions: str) -> None:
    with pytest.raises(BadRequestError) as caught:
        recording.truemed().qualification_sessions.list(extra_query=query)
    assert caught.value.status_code == 400
    assert caught.value.code == "ValidationError"
    assert mentions in str(caught.value)


def test_401_wrong_key() -> None:
    with pytest.raises(AuthenticationError) as caught:
        recording.truemed(api_key=recording.WRONG_KEY).qualification_sessions.list()
    assert caught.value.status_code == 401
    assert recording.WRONG_KEY not in str(caught.value)

"""Bodies decoded straight into the models (`_typed_json`) read exactly as `from_dict` reads them.

The direct reader is a shortcut: for any body it either gives `None` (and the body goes to
`from_dict`) or a model equal in every observable way to what `from_dict` gives. The property
tests mutate the fakes' own pages field by field (left out, null, another JSON value, an
unknown key), so they follow the spec: a field added to it is mutated too.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx2
import pytest
from eligibility_clients._parsing import Model
from eligibility_clients._typed_json import reader_for
from eligibility_clients.testing import FakeGoodstack, FakeTruemed
from eligibility_clients_goodstack.models import EligibilitySubscriptionList
from eligibility_clients_truemed.models import QualificationSessionList
from hypothesis import given
from hypothesis import strategies as st

Page = QualificationSessionList | EligibilitySubscriptionList

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=4,
)
# Strings a date-time field may hold, from valid to not a date at all.
DATES = st.sampled_from(
    [
        "2025-03-04T15:20:11Z",
        "2025-03-04T15:20:11.123456+02:00",
        "2025-03-04T15:20:11.1234567Z",
        "2025-03-04",
        "2025-03-04 15:20",
        "20250304T152011",
        "2025-13-04T15:20:11Z",
        "yesterday",
        "",
    ]
)
STATUSES = st.sampled_from(["approved", "pending", "VERIFIED", "live", "new-status", ""])


def _first_page(
    fake: FakeTruemed | FakeGoodstack, url: str, params: dict[str, Any], headers: dict[str, str]
) -> bytes:
    request = httpx2.Request("GET", url, params=params, headers=headers)
    response = fake.transport.handle_request(request)
    assert isinstance(response, httpx2.Response)
    response.read()
    assert response.status_code == 200
    return response.content


TRUEMED_PAGE: dict[str, Any] = json.loads(
    _first_page(
        FakeTruemed(seed=3, count=6),
        "https://api.truemed.com/api/v1/qualification_sessions",
        {"page_size": 6},
        {"x-truemed-api-key": FakeTruemed.DEFAULT_API_KEY},
    )
)
GOODSTACK_PAGE: dict[str, Any] = json.loads(
    _first_page(
        FakeGoodstack(seed=3, count=6),
        "https://api.goodstack.io/v1/eligibility-subscriptions",
        {"pageSize": 6},
        {"Authorization": FakeGoodstack.DEFAULT_API_KEY},
    )
)


@st.composite
def _mutated(draw: st.DrawFn, node: Any, depth: int = 0) -> Any:
    """`node` with each key of each object kept, left out, nulled, replaced or added to."""
    if isinstance(node, list):
        return [draw(_mutated(element, depth + 1)) for element in node]
    if not isinstance(node, dict):
        return node
    changed: dict[str, Any] = {}
    for key, value in node.items():
        action = draw(st.sampled_from(["keep"] * 6 + ["drop", "null", "json", "date", "enum"]))
        if action == "keep":
            changed[key] = draw(_mutated(value, depth + 1))
        elif action == "null":
            changed[key] = None
        elif action == "json":
            changed[key] = draw(JSON_VALUES)
        elif action == "date":
            changed[key] = draw(DATES)
        elif action == "enum":
            changed[key] = draw(STATUSES)
    if draw(st.integers(0, 9)) == 0:
        changed[draw(st.text(min_size=1, max_size=6).map(lambda s: f"x-{s}"))] = draw(JSON_VALUES)
    return changed


def _same(fast: Any, slow: Any, path: str = "") -> None:
    """`fast` and `slow` alike in value, type, left-out keys, omissions and unknown fields."""
    assert type(fast) is type(slow), path
    if isinstance(slow, list):
        assert len(fast) == len(slow), path
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            _same(a, b, f"{path}[{index}]")
        return
    if not hasattr(type(slow), "_json_names"):
        assert fast == slow, path
        return
    assert fast._absent == slow._absent, path
    assert fast._omitted == slow._omitted, path
    assert fast.additional_properties == slow.additional_properties, path
    for name, key in type(slow)._json_names:
        _same(getattr(fast, name), getattr(slow, name), f"{path}.{key}")
    assert fast == slow
    assert fast.to_dict() == slow.to_dict()


def _check(model: type[Model], body: dict[str, Any]) -> bool:
    """Compare both readers on `body`; whether the direct reader took it."""
    read = reader_for(model)
    assert read is not None
    content = json.dumps(body).encode()
    fast = read(content)
    try:
        slow = model.from_dict(json.loads(content))
    except Exception:
        assert fast is None  # what `from_dict` refuses goes to it, so it can name the path
        return False
    if fast is None:
        return False
    _same(fast, slow)
    return True


@given(body=_mutated(TRUEMED_PAGE))
def test_truemed_direct_reading_is_from_dict(body: dict[str, Any]) -> None:
    _check(QualificationSessionList, body)


@given(body=_mutated(GOODSTACK_PAGE))
def test_goodstack_direct_reading_is_from_dict(body: dict[str, Any]) -> None:
    _check(EligibilitySubscriptionList, body)


@pytest.mark.parametrize(
    ("model", "page"),
    [(QualificationSessionList, TRUEMED_PAGE), (EligibilitySubscriptionList, GOODSTACK_PAGE)],
)
def test_the_fakes_pages_are_read_directly(model: type[Page], page: dict[str, Any]) -> None:
    assert _check(model, page) is True


def test_a_left_out_field_is_absent_and_omitted_when_read_directly() -> None:
    page = copy.deepcopy(GOODSTACK_PAGE)
    del page["data"][1]["results"]["eligibilityStatus"]
    del page["data"][2]["organisationName"]
    assert _check(EligibilitySubscriptionList, page) is True

    read = reader_for(EligibilitySubscriptionList)
    assert read is not None
    parsed = read(json.dumps(page).encode())
    assert parsed is not None
    assert parsed.data[1].results is not None
    assert parsed.data[1].results.eligibility_status is None
    assert parsed.data[1]._omitted == ("results.eligibilityStatus",)
    assert parsed.data[2]._absent == frozenset({"organisationName"})
    assert parsed.data[2]._omitted == ("organisationName",)
    assert parsed.data[0]._omitted == ()


def test_numbers_keep_their_json_type_when_read_directly() -> None:
    page = copy.deepcopy(TRUEMED_PAGE)
    page["qualification_sessions"][0]["eligible_amount"] = 5
    page["qualification_sessions"][1]["eligible_amount"] = 5.0
    read = reader_for(QualificationSessionList)
    assert read is not None
    parsed = read(json.dumps(page).encode())
    assert parsed is not None
    first, second = parsed.qualification_sessions[:2]
    assert type(first.eligible_amount) is int
    assert type(second.eligible_amount) is float


@pytest.mark.parametrize(
    "change",
    [
        {"x-new": 1},  # unknown keys are kept, by `from_dict`
        {"created_at": "not a date"},
        {"eligible_amount": True},
        {"email": 7},
    ],
)
def test_what_the_direct_reader_does_not_take_goes_to_from_dict(change: dict[str, Any]) -> None:
    page = copy.deepcopy(TRUEMED_PAGE)
    page["qualification_sessions"][0].update(change)
    read = reader_for(QualificationSessionList)
    assert read is not None
    assert read(json.dumps(page).encode()) is None

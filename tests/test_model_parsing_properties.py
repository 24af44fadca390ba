"""Property tests of the generated `from_dict`: it reads its input without changing it.

The parsers read each declared key with `get` (no copy, no pops), gather the undeclared keys
afterwards and build the model positionally, so these check what that must keep: the input is
left as it was, undeclared keys come back in `additional_properties` in the order they came,
and the round trip through `to_dict` gives the object back.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from eligibility_clients_goodstack.models import EligibilitySubscription
from eligibility_clients_truemed.models import QualificationSession, QualificationSessionStatus
from hypothesis import given
from hypothesis import strategies as st

from tests.builders import goodstack_page, truemed_page
from tests.test_presence_properties import SUB_TAG

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=5,
)
# Names no spec declares (each vendor's keys are snake_case or camelCase words).
EXTRA_KEYS = st.text(min_size=1, max_size=8).map(lambda name: f"x-{name}")


def _truemed_item() -> dict[str, Any]:
    item: dict[str, Any] = truemed_page([1]).json()["qualification_sessions"][0]
    return item


def _goodstack_item() -> dict[str, Any]:
    item: dict[str, Any] = goodstack_page([1]).json()["data"][0]
    item["suggestedActivitySubTags"] = [copy.deepcopy(SUB_TAG)]
    item["results"]["confirmedActivitySubTags"] = [copy.deepcopy(SUB_TAG)]
    return item


@given(extras=st.dictionaries(EXTRA_KEYS, JSON_VALUES, max_size=4), data=st.data())
def test_truemed_input_kept_extras_in_order_and_round_trip(
    extras: dict[str, Any], data: st.DataObject
) -> None:
    item = _truemed_item()
    # The extras go anywhere among the declared keys.
    keys = list(item)
    for key, value in extras.items():
        keys.insert(data.draw(st.integers(0, len(keys))), key)
        item[key] = value
    item = {key: item[key] for key in keys}
    before = json.dumps(item)

    session = QualificationSession.from_dict(item)

    assert json.dumps(item) == before
    assert list(session.additional_properties.items()) == [
        (key, item[key]) for key in keys if key in extras
    ]
    assert session.additional_properties is not item
    assert isinstance(session.status, QualificationSessionStatus)
    # Everything comes back as sent, the date-time in its ISO form with an explicit offset.
    assert item["created_at"] == "2025-03-04T15:20:11Z"
    assert session.to_dict() == {**item, "created_at": "2025-03-04T15:20:11+00:00"}
    assert QualificationSession.from_dict(session.to_dict()) == session


@given(extras=st.dictionaries(EXTRA_KEYS, JSON_VALUES, max_size=4))
def test_goodstack_input_kept_extras_and_round_trip(extras: dict[str, Any]) -> None:
    item = {**_goodstack_item(), **extras}
    before = json.dumps(item)

    subscription = EligibilitySubscription.from_dict(item)

    assert json.dumps(item) == before
    assert subscription.additional_properties == extras
    assert EligibilitySubscription.from_dict(subscription.to_dict()) == subscription
    # Each nested object keeps its own fields: the positional constructor matched them up.
    parsed = subscription.suggested_activity_sub_tags
    assert parsed is not None
    assert (parsed[0].id, parsed[0].name, parsed[0].description) == (
        SUB_TAG["id"],
        SUB_TAG["name"],
        SUB_TAG["description"],
    )
    assert parsed[0].tag is not None
    assert (parsed[0].tag.id, parsed[0].tag.name) == (SUB_TAG["tag"]["id"], SUB_TAG["tag"]["name"])


def test_a_model_without_extras_gets_a_dict_of_its_own() -> None:
    item = _truemed_item()
    first, second = QualificationSession.from_dict(item), QualificationSession.from_dict(item)
    first["note"] = "mine"
    assert second.additional_properties == {}
    assert "note" not in item

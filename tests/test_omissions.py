"""What the parsers record while parsing: omitted fields with exact paths, unknown keys kept."""

from __future__ import annotations

from typing import Any

from eligibility_clients._presence import omitted_fields
from eligibility_clients.testing._schema_data import subschema
from eligibility_clients_goodstack.item_schemas import ITEM_SCHEMAS
from eligibility_clients_goodstack.models import (
    EligibilitySubscription,
    EligibilitySubscriptionList,
)
from eligibility_clients_truemed.models import QualificationSession

from tests.builders import least

ITEM = ITEM_SCHEMAS["list_eligibility_subscriptions"]
TAG: dict[str, Any] = least(
    subschema(ITEM, "suggestedActivitySubTags[].tag"),
    1,
    {"id": "activitytag_1", "name": "Environment", "createdAt": "2024-01-01T00:00:00+00:00"},
)
SUB_TAG: dict[str, Any] = least(
    subschema(ITEM, "suggestedActivitySubTags[]"),
    1,
    {
        "id": "activitysubtag_1",
        "name": "Wildlife",
        "tag": TAG,
        "createdAt": "2024-01-01T00:00:00+00:00",
    },
)
SUBSCRIPTION: dict[str, Any] = least(
    ITEM,
    1,
    {
        "id": "eligibilitysubscription_1",
        "organisationId": "organisation_1",
        "organisationName": "Kind Hope",
        "partnerId": "partner_1",
        "configurationId": "configuration_1",
        "suggestedActivitySubTags": [],
        "status": "live",
        "results.eligibilityStatus": "pass",
        "results.confirmedActivitySubTags": [],
        "results.rejectedActivitySubTags": [],
        "createdAt": "2024-01-01T00:00:00+00:00",
    },
)


def test_a_complete_object_records_nothing() -> None:
    parsed = EligibilitySubscription.from_dict(SUBSCRIPTION)
    assert parsed._omitted == ()
    assert parsed._absent == frozenset()
    assert parsed.additional_properties == {}


def test_omissions_carry_exact_paths_in_field_order() -> None:
    tag_without_description = {k: v for k, v in TAG.items() if k != "description"}
    sub_tag = {**SUB_TAG, "tag": tag_without_description}
    item = {
        **{k: v for k, v in SUBSCRIPTION.items() if k != "partnerId"},
        "results": {
            "eligibilityStatus": "pass",
            "confirmedActivitySubTags": [SUB_TAG, sub_tag],
            "rejectedActivitySubTags": [{k: v for k, v in SUB_TAG.items() if k != "name"}],
        },
    }
    page = EligibilitySubscriptionList.from_dict({"data": [SUBSCRIPTION, item]})
    assert list(omitted_fields("data", page.data)) == [
        "data[1].partnerId",
        "data[1].results.confirmedActivitySubTags[1].tag.description",
        "data[1].results.rejectedActivitySubTags[0].name",
    ]
    # Absent stays absent, and only there.
    assert "partnerId" not in page.data[1].to_dict()
    assert page.data[0].to_dict() == SUBSCRIPTION


def test_a_left_out_key_beside_an_unknown_one_is_told_apart() -> None:
    # As many keys as the spec declares, yet one is unknown and one is missing.
    body = {k: v for k, v in SUBSCRIPTION.items() if k != "status"}
    body["newField"] = {"x": 1}
    parsed = EligibilitySubscription.from_dict(body)
    assert parsed._absent == frozenset({"status"})
    assert parsed.additional_properties == {"newField": {"x": 1}}
    assert parsed._omitted == ("status",)
    assert parsed.to_dict() == body


def test_unknown_keys_are_kept_when_nothing_is_missing() -> None:
    body = {**SUBSCRIPTION, "extra": [1, 2]}
    parsed = EligibilitySubscription.from_dict(body)
    assert parsed.additional_properties == {"extra": [1, 2]}
    assert parsed._omitted == ()


def test_an_explicit_null_is_not_an_omission() -> None:
    body = {"qualification_session_id": "qs_1", "status": "approved"}
    nulls = {**body, "fee": None, "email": None}
    parsed = QualificationSession.from_dict(nulls)
    assert "fee" not in parsed._absent
    assert "email" not in parsed._absent
    assert "created_at" in parsed._absent
    assert parsed.to_dict() == nulls

"""The generated packages import and parse the vendors' documented bodies into typed models."""

from __future__ import annotations

import datetime
import dis
import importlib
import inspect
import pkgutil
from types import ModuleType
from typing import Any

import eligibility_clients_goodstack
import eligibility_clients_truemed
import pytest
from eligibility_clients_goodstack.models import (
    ActivitySubTag,
    ActivityTag,
    EligibilityStatus,
    EligibilitySubscription,
    EligibilitySubscriptionList,
    EligibilitySubscriptionStatus,
    GoodstackError,
)
from eligibility_clients_truemed.models import (
    Pagination,
    QualificationSession,
    QualificationSessionList,
    QualificationSessionStatus,
    TruemedError,
)
from eligibility_clients_truemed.types import FieldError

UTC = datetime.UTC


@pytest.mark.parametrize(
    "package",
    [eligibility_clients_truemed, eligibility_clients_goodstack],
    ids=lambda p: p.__name__,
)
def test_every_generated_module_imports(package: ModuleType) -> None:
    names = [
        info.name for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    ]
    assert f"{package.__name__}.models" in names
    assert any(".api." in name for name in names)
    for name in names:
        importlib.import_module(name)


def test_truemed_documented_body_parses(truemed_body: dict[str, Any]) -> None:
    page = QualificationSessionList.from_dict(truemed_body)

    first, second = page.qualification_sessions
    assert isinstance(first, QualificationSession)
    assert first.qualification_session_id == "qs_9f8b7c6d-1234-4e56-8a9b-0c1d2e3f4a5b"
    assert first.status is QualificationSessionStatus.APPROVED
    assert first.created_at == datetime.datetime(2025, 3, 4, 15, 20, 11, 482000, tzinfo=UTC)
    assert first.eligible_amount == pytest.approx(249.99)
    assert first.charge_group_created_at is None
    assert first.user_id == "user_123"
    # Documented-but-null fields are None, never Unset.
    assert second.expires_at is None
    assert second.email is None

    assert isinstance(page.pagination, Pagination)
    assert page.pagination.current_page == 1
    assert page.pagination.last_page == 1
    assert page.pagination.count == 2


def test_truemed_null_or_missing_pagination_still_parses(truemed_body: dict[str, Any]) -> None:
    truemed_body["pagination"] = None
    assert QualificationSessionList.from_dict(truemed_body).pagination is None
    del truemed_body["pagination"]
    absent = QualificationSessionList.from_dict(truemed_body)
    assert absent.pagination is None
    # Absent and null read alike, but to_dict() gives back what was sent.
    assert "pagination" not in absent.to_dict()


def test_truemed_pagination_with_unexpected_names_still_parses(
    truemed_body: dict[str, Any],
) -> None:
    # The pagination field names are unconfirmed; other names must not break a page.
    truemed_body["pagination"] = {"page": 1, "per_page": 30, "total": 2, "pages": 1}
    pagination = QualificationSessionList.from_dict(truemed_body).pagination
    assert isinstance(pagination, Pagination)
    assert pagination.last_page is None
    assert pagination.additional_properties["pages"] == 1


def test_truemed_unknown_enum_value_and_extra_field_are_kept(
    truemed_body: dict[str, Any],
) -> None:
    item = truemed_body["qualification_sessions"][0]
    item["status"] = "expired"
    item["utm_source"] = "newsletter"

    session = QualificationSessionList.from_dict(truemed_body).qualification_sessions[0]

    assert session.status == "expired"
    assert not isinstance(session.status, QualificationSessionStatus)
    assert session.additional_properties == {"utm_source": "newsletter"}
    assert session.to_dict()["status"] == "expired"
    assert session.to_dict()["utm_source"] == "newsletter"


def test_truemed_missing_required_field_is_reported(truemed_body: dict[str, Any]) -> None:
    del truemed_body["qualification_sessions"][0]["qualification_session_id"]
    with pytest.raises(FieldError, match="qualification_session_id") as caught:
        QualificationSessionList.from_dict(truemed_body)
    # The error says where, from the object parsed, and keeps the KeyError as its cause.
    assert caught.value.path == ["qualification_sessions", 0, "qualification_session_id"]
    assert isinstance(caught.value.cause, KeyError)


def test_truemed_error_body_parses() -> None:
    error = TruemedError.from_dict({"error": "ValidationError", "message": "page must be >= 1"})
    assert error.error == "ValidationError"
    assert error.message == "page must be >= 1"


def test_goodstack_documented_example_parses(goodstack_body: dict[str, Any]) -> None:
    page = EligibilitySubscriptionList.from_dict(goodstack_body)

    assert page.total_results == 33
    assert page.page_size == 25
    assert page.object_ == "eligibility_subscription"
    assert page.field_links is not None
    assert page.field_links.next_ == "https://.../v1/...?cursor=eyJ2Ijox...N3AifQ%3D%3D"

    (subscription,) = page.data
    assert isinstance(subscription, EligibilitySubscription)
    assert subscription.id == "eligibilitysubscription_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    assert subscription.organisation_id == "organisation_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    assert subscription.status is EligibilitySubscriptionStatus.LIVE
    assert subscription.created_at == datetime.datetime(2020, 10, 13, 17, 46, 54, tzinfo=UTC)
    assert subscription.results is not None
    assert subscription.results.eligibility_status is EligibilityStatus.FAIL

    assert isinstance(subscription.suggested_activity_sub_tags, list)
    sub_tag = subscription.suggested_activity_sub_tags[0]
    assert isinstance(sub_tag, ActivitySubTag)
    assert sub_tag.name == "Sport school"
    assert isinstance(sub_tag.tag, ActivityTag)
    assert sub_tag.tag.name == "Education"
    assert isinstance(subscription.results.rejected_activity_sub_tags, list)
    rejected_tag = subscription.results.rejected_activity_sub_tags[0].tag
    assert rejected_tag is not None
    assert rejected_tag.id is not None
    assert rejected_tag.id.startswith("activitytag_")


def test_goodstack_nulls_parse_as_none(goodstack_body: dict[str, Any]) -> None:
    item = goodstack_body["data"][0]
    for key in ("organisationId", "organisationName", "validationRequestId", "updatedAt"):
        item[key] = None
    item["suggestedActivitySubTags"] = None
    item["results"] = {
        "eligibilityStatus": None,
        "confirmedActivitySubTags": None,
        "rejectedActivitySubTags": None,
    }
    subscription = EligibilitySubscriptionList.from_dict(goodstack_body).data[0]
    assert subscription.organisation_id is None
    assert subscription.updated_at is None
    assert subscription.suggested_activity_sub_tags is None
    assert subscription.results is not None
    assert subscription.results.eligibility_status is None


def test_goodstack_unknown_enum_values_and_extra_fields_are_kept(
    goodstack_body: dict[str, Any],
) -> None:
    item = goodstack_body["data"][0]
    item["status"] = "suspended"
    item["results"]["eligibilityStatus"] = "needs_review"
    item["riskScore"] = 0.2
    goodstack_body["hasMore"] = True

    page = EligibilitySubscriptionList.from_dict(goodstack_body)
    subscription = page.data[0]

    assert subscription.status == "suspended"
    assert not isinstance(subscription.status, EligibilitySubscriptionStatus)
    assert subscription.results is not None
    assert subscription.results.eligibility_status == "needs_review"
    assert subscription.additional_properties == {"riskScore": 0.2}
    assert page.additional_properties == {"hasMore": True}


def test_goodstack_error_bodies_parse() -> None:
    bad_request = GoodstackError.from_dict(
        {
            "error": {
                "code": "bad_request",
                "title": "Bad request",
                "message": "One or more of the inputs were invalid",
                "reasons": ["pageSize must be greater than or equal to 0"],
            }
        }
    )
    assert bad_request.error.code == "bad_request"
    assert bad_request.error.reasons == ["pageSize must be greater than or equal to 0"]

    cursor = GoodstackError.from_dict(
        {
            "error": {
                "code": "pagination/cursor_error",
                "title": "Bad request",
                "message": "Unable to find the next page",
            }
        }
    )
    assert cursor.error.code == "pagination/cursor_error"
    assert cursor.error.reasons is None
    assert "reasons" not in cursor.error.to_dict()


@pytest.mark.parametrize(
    "package",
    [eligibility_clients_truemed, eligibility_clients_goodstack],
    ids=lambda p: p.__name__,
)
def test_from_dict_neither_imports_nor_defines_functions(package: ModuleType) -> None:
    """Our model template parses inline: no import or function definition per object parsed."""
    models = importlib.import_module(f"{package.__name__}.models")
    checked = 0
    for name in models.__all__:
        from_dict = getattr(getattr(models, name), "from_dict", None)
        if from_dict is None:  # enums
            continue
        code = from_dict.__func__.__code__
        operations = {instruction.opname for instruction in dis.get_instructions(code)}
        assert "IMPORT_NAME" not in operations, name
        assert not any(inspect.iscode(const) for const in code.co_consts), name
        checked += 1
    assert checked >= 3

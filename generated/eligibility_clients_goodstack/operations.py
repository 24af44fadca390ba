"""The operations of `specs/goodstack.yaml`, declared for the overlay: do not edit.

Written by `nox -s generate` (codegen/generate/surface.py) from the spec. See `codegen/generate/surface.py` for
what each name is for.
"""

from __future__ import annotations

import datetime
from typing import Any, Final, Literal, TypedDict

from .api.eligibility_subscriptions import list_eligibility_subscriptions
from .models import (
    EligibilitySubscriptionSort,
    EligibilitySubscriptionStatus,
    SortDirection,
)
from .types import UNSET

__all__ = [
    "ENVIRONMENTS",
    "LIST_ELIGIBILITY_SUBSCRIPTIONS",
    "Environment",
    "ListEligibilitySubscriptionsArguments",
    "ListEligibilitySubscriptionsFilters",
    "list_eligibility_subscriptions_kwargs",
]

Environment = Literal["production", "sandbox"]
"""The names of the spec's servers: a type checker refuses any other."""

ENVIRONMENTS: Final[dict[str, str]] = {
    "production": "https://api.goodstack.io",
    "sandbox": "https://sandbox-api.goodstack.io",
}
"""Each environment's API root, from the spec's servers."""


class ListEligibilitySubscriptionsFilters(TypedDict, total=False):
    """The filters of List Eligibility Subscriptions (`GET /v1/eligibility-subscriptions`).

    None, or leaving a filter out, sends nothing for it.
    """

    sort: EligibilitySubscriptionSort | Literal["id"] | None
    """Field to sort by."""

    query: str | None
    """An organisation id to search for."""

    status: (
        EligibilitySubscriptionStatus
        | Literal[
            "pending_validation_request",
            "validation_request_failed",
            "pending",
            "live",
            "cancelled",
            "cannot_define_eligibility",
        ]
        | None
    )
    """Only subscriptions with this status."""

    start_date: datetime.datetime | datetime.date | str | None
    """Start date to retrieve monitoring from."""

    end_date: datetime.datetime | datetime.date | str | None
    """End of the date range."""

    has_organisation: bool | None
    """Filter on whether a recognised Organisation is tied to the subscription."""

    page_size: int | None
    """How many items per page. The operation's schema gives minimum 0 and default 25; the docs' introduction gives a maximum of 100."""

    direction: SortDirection | Literal["ASC", "DESC"] | None
    """Which way to sort by the given `sort` field. Default DESC."""


class ListEligibilitySubscriptionsArguments(TypedDict, total=False):
    """Every parameter of List Eligibility Subscriptions, checked and converted."""

    sort: EligibilitySubscriptionSort
    query: str
    status: EligibilitySubscriptionStatus
    start_date: datetime.datetime
    end_date: datetime.datetime
    has_organisation: bool
    cursor: str
    page_size: int
    direction: SortDirection


def list_eligibility_subscriptions_kwargs(
    arguments: ListEligibilitySubscriptionsArguments,
) -> dict[str, Any]:
    """The request of List Eligibility Subscriptions, from the generated request builder."""
    return list_eligibility_subscriptions._get_kwargs(
        sort=arguments.get("sort", UNSET),
        query=arguments.get("query", UNSET),
        status=arguments.get("status", UNSET),
        start_date=arguments.get("start_date", UNSET),
        end_date=arguments.get("end_date", UNSET),
        has_organisation=arguments.get("has_organisation", UNSET),
        cursor=arguments.get("cursor", UNSET),
        page_size=arguments.get("page_size", 25),
        direction=arguments.get("direction", UNSET),
    )


LIST_ELIGIBILITY_SUBSCRIPTIONS: Final[dict[str, Any]] = {
    "operation_id": "list_eligibility_subscriptions",
    "method": "GET",
    "path": "/v1/eligibility-subscriptions",
    "summary": "List Eligibility Subscriptions",
    "filters": ListEligibilitySubscriptionsFilters,
    "kwargs": list_eligibility_subscriptions_kwargs,
    "parameters": (
        {
            "name": "sort",
            "python_name": "sort",
            "in": "query",
            "required": False,
            "kind": "enum",
            "description": "Field to sort by.",
            "schema": {
                "type": "string",
                "description": "Field to sort by. [C]",
                "enum": ["id"],
            },
            "enum": EligibilitySubscriptionSort,
            "rules": {},
            "personal": False,
        },
        {
            "name": "query",
            "python_name": "query",
            "in": "query",
            "required": False,
            "kind": "string",
            "description": "An organisation id to search for.",
            "schema": {
                "type": "string",
                "examples": ["organisation_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
            },
            "enum": None,
            "rules": {},
            "personal": True,
        },
        {
            "name": "status",
            "python_name": "status",
            "in": "query",
            "required": False,
            "kind": "enum",
            "description": "Only subscriptions with this status.",
            "schema": {
                "type": "string",
                "description": "Where an Eligibility Subscription stands. [C]",
                "enum": [
                    "pending_validation_request",
                    "validation_request_failed",
                    "pending",
                    "live",
                    "cancelled",
                    "cannot_define_eligibility",
                ],
            },
            "enum": EligibilitySubscriptionStatus,
            "rules": {},
            "personal": False,
        },
        {
            "name": "startDate",
            "python_name": "start_date",
            "in": "query",
            "required": False,
            "kind": "date-time",
            "description": "Start date to retrieve monitoring from.",
            "schema": {
                "type": "string",
                "format": "date-time",
                "examples": ["2020-10-13T17:46:54.000Z"],
            },
            "enum": None,
            "rules": {"timezone": "required", "not-after": "endDate"},
            "personal": False,
        },
        {
            "name": "endDate",
            "python_name": "end_date",
            "in": "query",
            "required": False,
            "kind": "date-time",
            "description": "End of the date range.",
            "schema": {
                "type": "string",
                "format": "date-time",
                "examples": ["2020-10-13T17:46:54.000Z"],
            },
            "enum": None,
            "rules": {"timezone": "required"},
            "personal": False,
        },
        {
            "name": "hasOrganisation",
            "python_name": "has_organisation",
            "in": "query",
            "required": False,
            "kind": "boolean",
            "description": "Filter on whether a recognised Organisation is tied to the subscription.",
            "schema": {"type": "boolean"},
            "enum": None,
            "rules": {},
            "personal": False,
        },
        {
            "name": "cursor",
            "python_name": "cursor",
            "in": "query",
            "required": False,
            "kind": "string",
            "description": "Opaque cursor pointing to where the page starts, taken from a page's `_links`.",
            "schema": {"type": "string"},
            "enum": None,
            "rules": {"role": "cursor"},
            "personal": False,
        },
        {
            "name": "pageSize",
            "python_name": "page_size",
            "in": "query",
            "required": False,
            "kind": "integer",
            "description": "How many items per page. The operation's schema gives minimum 0 and default 25; the docs' introduction gives a maximum of 100.",
            "schema": {"type": "integer", "minimum": 0, "maximum": 100, "default": 25},
            "enum": None,
            "rules": {"minimum": 1, "why": "an empty page cannot advance a cursor"},
            "personal": False,
        },
        {
            "name": "direction",
            "python_name": "direction",
            "in": "query",
            "required": False,
            "kind": "enum",
            "description": "Which way to sort by the given `sort` field. Default DESC.",
            "schema": {
                "type": "string",
                "description": "Sort direction. [C]",
                "enum": ["ASC", "DESC"],
            },
            "enum": SortDirection,
            "rules": {"case-insensitive": True},
            "personal": False,
        },
    ),
    "items_key": "data",
    "item_fields": (
        ("id", "id"),
        ("organisationId", "organisation_id"),
        ("organisationName", "organisation_name"),
        ("partnerId", "partner_id"),
        ("configurationId", "configuration_id"),
        ("validationRequestId", "validation_request_id"),
        ("suggestedActivitySubTags", "suggested_activity_sub_tags"),
        ("status", "status"),
        ("results", "results"),
        ("createdAt", "created_at"),
        ("updatedAt", "updated_at"),
    ),
}
"""List Eligibility Subscriptions (`GET /v1/eligibility-subscriptions`) as data."""

"""The operations of `specs/truemed.yaml`, declared for the overlay: do not edit.

Written by `nox -s generate` (codegen/generate/surface.py) from the spec. See `codegen/generate/surface.py` for
what each name is for.
"""

from __future__ import annotations

import datetime
from typing import Any, Final, Literal, TypedDict

from .api.qualification_sessions import list_qualification_sessions
from .models import QualificationSessionStatus
from .types import UNSET

__all__ = [
    "ENVIRONMENTS",
    "LIST_QUALIFICATION_SESSIONS",
    "Environment",
    "ListQualificationSessionsArguments",
    "ListQualificationSessionsFilters",
    "list_qualification_sessions_kwargs",
]

Environment = Literal["production", "sandbox"]
"""The names of the spec's servers: a type checker refuses any other."""

ENVIRONMENTS: Final[dict[str, str]] = {
    "production": "https://api.truemed.com",
    "sandbox": "https://dev-api.truemed.com",
}
"""Each environment's API root, from the spec's servers."""


class ListQualificationSessionsFilters(TypedDict, total=False):
    """The filters of List Qualification Sessions (`GET /api/v1/qualification_sessions`).

    None, or leaving a filter out, sends nothing for it.
    """

    page_size: int | None
    """Number of records per page. The vendor states no maximum."""

    user_id: str | None
    """Only sessions of this user_id."""

    status: (
        QualificationSessionStatus
        | Literal["pending", "processing", "approved", "rejected"]
        | None
    )
    """Only sessions with this status. The current docs say one value; an older revision said several could be sent comma-separated, which is not relied on here."""

    expires_at: datetime.date | str | None
    """Filter by expiration date, `YYYY-MM-DD`."""

    search: str | None
    """Search across user name, email, user_business_id, utm and external_user_id."""


class ListQualificationSessionsArguments(TypedDict, total=False):
    """Every parameter of List Qualification Sessions, checked and converted."""

    page: int
    page_size: int
    user_id: str
    status: QualificationSessionStatus
    expires_at: datetime.date
    search: str


def list_qualification_sessions_kwargs(
    arguments: ListQualificationSessionsArguments,
) -> dict[str, Any]:
    """The request of List Qualification Sessions, from the generated request builder."""
    return list_qualification_sessions._get_kwargs(
        page=arguments.get("page", 1),
        page_size=arguments.get("page_size", 30),
        user_id=arguments.get("user_id", UNSET),
        status=arguments.get("status", UNSET),
        expires_at=arguments.get("expires_at", UNSET),
        search=arguments.get("search", UNSET),
    )


LIST_QUALIFICATION_SESSIONS: Final[dict[str, Any]] = {
    "operation_id": "list_qualification_sessions",
    "method": "GET",
    "path": "/api/v1/qualification_sessions",
    "summary": "List Qualification Sessions",
    "filters": ListQualificationSessionsFilters,
    "kwargs": list_qualification_sessions_kwargs,
    "parameters": (
        {
            "name": "page",
            "python_name": "page",
            "in": "query",
            "required": False,
            "kind": "integer",
            "description": "Which page to retrieve, starting at 1.",
            "schema": {"type": "integer", "minimum": 1, "default": 1},
            "enum": None,
            "rules": {"role": "page"},
            "personal": False,
        },
        {
            "name": "page_size",
            "python_name": "page_size",
            "in": "query",
            "required": False,
            "kind": "integer",
            "description": "Number of records per page. The vendor states no maximum.",
            "schema": {"type": "integer", "minimum": 1, "default": 30},
            "enum": None,
            "rules": {},
            "personal": False,
        },
        {
            "name": "user_id",
            "python_name": "user_id",
            "in": "query",
            "required": False,
            "kind": "string",
            "description": "Only sessions of this user_id.",
            "schema": {"type": "string"},
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
            "description": "Only sessions with this status. The current docs say one value; an older revision said several could be sent comma-separated, which is not relied on here.",
            "schema": {
                "type": "string",
                "description": "Where a Qualification Session stands. [C]\n- `pending`: the session was created; the shopper hasn't completed the survey yet.\n- `processing`: the shopper completed the survey and it is under review.\n- `approved`: the shopper holds a valid Letter of Medical Necessity covering the items\n  in this order.\n- `rejected`: the shopper is ineligible for a Letter of Medical Necessity for the items\n  in this order.\n",
                "enum": ["pending", "processing", "approved", "rejected"],
            },
            "enum": QualificationSessionStatus,
            "rules": {},
            "personal": False,
        },
        {
            "name": "expires_at",
            "python_name": "expires_at",
            "in": "query",
            "required": False,
            "kind": "date",
            "description": "Filter by expiration date, `YYYY-MM-DD`.",
            "schema": {"type": "string", "format": "date"},
            "enum": None,
            "rules": {},
            "personal": False,
        },
        {
            "name": "search",
            "python_name": "search",
            "in": "query",
            "required": False,
            "kind": "string",
            "description": "Search across user name, email, user_business_id, utm and external_user_id.",
            "schema": {"type": "string"},
            "enum": None,
            "rules": {},
            "personal": True,
        },
    ),
    "items_key": "qualification_sessions",
    "item_fields": (
        ("qualification_session_id", "qualification_session_id"),
        ("status", "status"),
        ("created_at", "created_at"),
        ("expires_at", "expires_at"),
        ("lmn_reviewed_at", "lmn_reviewed_at"),
        ("charge_group_created_at", "charge_group_created_at"),
        ("stripe_invoice_paid_at", "stripe_invoice_paid_at"),
        ("eligible_amount", "eligible_amount"),
        ("fee", "fee"),
        ("email", "email"),
        ("customer_status", "customer_status"),
        ("session_type", "session_type"),
        ("skus_param", "skus_param"),
        ("source", "source"),
        ("stripe_invoice_id", "stripe_invoice_id"),
        ("stripe_invoice_number", "stripe_invoice_number"),
        ("user_business_id", "user_business_id"),
        ("user_id", "user_id"),
    ),
}
"""List Qualification Sessions (`GET /api/v1/qualification_sessions`) as data."""

"""The typed walks every peer SDK ships, over the same pages: httpx2 + pydantic v2, + msgspec.

Stainless, Speakeasy and Fern decode pages with pydantic v2; msgspec is the fastest typed
decoder in Python. Both models below are written from our specs with the same tolerance as
ours: every field the vendor does not promise may be absent (None), unknown fields are kept
(pydantic `extra="allow"`) or skipped (msgspec), and enums are plain strings, so a value the
vendor adds later still decodes. They are benchmark-only: the package depends on neither.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx2
import msgspec
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from benchmarks.config import (
    GOODSTACK_PATH,
    GOODSTACK_URL,
    KEY,
    PAGE_SIZE,
    TRUEMED_PATH,
    TRUEMED_URL,
)
from benchmarks.serving import cursor_of

# --- pydantic v2 -------------------------------------------------------------------------


class _Lenient(BaseModel):
    """_Lenient: written from our spec for the peer walks."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class PydanticSession(_Lenient):
    """PydanticSession: written from our spec for the peer walks."""

    qualification_session_id: str
    status: str
    created_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    lmn_reviewed_at: dt.datetime | None = None
    charge_group_created_at: dt.datetime | None = None
    stripe_invoice_paid_at: dt.datetime | None = None
    eligible_amount: float | None = None
    fee: float | None = None
    email: str | None = None
    customer_status: str | None = None
    session_type: str | None = None
    skus_param: str | None = None
    source: str | None = None
    stripe_invoice_id: str | None = None
    stripe_invoice_number: str | None = None
    user_business_id: str | None = None
    user_id: str | None = None


class PydanticPagination(_Lenient):
    """PydanticPagination: written from our spec for the peer walks."""

    current_page: int | None = None
    page_size: int | None = None
    count: int | None = None
    last_page: int | None = None


class PydanticSessionList(_Lenient):
    """PydanticSessionList: written from our spec for the peer walks."""

    qualification_sessions: list[PydanticSession]
    pagination: PydanticPagination | None = None


class PydanticTag(_Lenient):
    """PydanticTag: written from our spec for the peer walks."""

    id: str | None = None
    name: str | None = None
    description: str | None = None
    createdAt: dt.datetime | None = None
    updatedAt: dt.datetime | None = None


class PydanticSubTag(_Lenient):
    """PydanticSubTag: written from our spec for the peer walks."""

    id: str | None = None
    name: str | None = None
    tag: PydanticTag | None = None
    description: str | None = None
    createdAt: dt.datetime | None = None
    updatedAt: dt.datetime | None = None


class PydanticResults(_Lenient):
    """PydanticResults: written from our spec for the peer walks."""

    eligibilityStatus: str | None = None
    confirmedActivitySubTags: list[PydanticSubTag] | None = None
    rejectedActivitySubTags: list[PydanticSubTag] | None = None


class PydanticSubscription(_Lenient):
    """PydanticSubscription: written from our spec for the peer walks."""

    id: str | None = None
    organisationId: str | None = None
    organisationName: str | None = None
    partnerId: str | None = None
    configurationId: str | None = None
    validationRequestId: str | None = None
    suggestedActivitySubTags: list[PydanticSubTag] | None = None
    status: str | None = None
    results: PydanticResults | None = None
    createdAt: dt.datetime | None = None
    updatedAt: dt.datetime | None = None


class PydanticLinks(_Lenient):
    """PydanticLinks: written from our spec for the peer walks."""

    current: str | None = None
    next: str | None = None
    prev: str | None = None


class PydanticSubscriptionList(_Lenient):
    """PydanticSubscriptionList: written from our spec for the peer walks."""

    data: list[PydanticSubscription]
    links: PydanticLinks | None = Field(default=None, alias="_links")


_TRUEMED_PYDANTIC = TypeAdapter(PydanticSessionList)
_GOODSTACK_PYDANTIC = TypeAdapter(PydanticSubscriptionList)

# --- msgspec -----------------------------------------------------------------------------


class MsgspecSession(msgspec.Struct):
    """MsgspecSession: written from our spec for the peer walks."""

    qualification_session_id: str
    status: str
    created_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    lmn_reviewed_at: dt.datetime | None = None
    charge_group_created_at: dt.datetime | None = None
    stripe_invoice_paid_at: dt.datetime | None = None
    eligible_amount: float | None = None
    fee: float | None = None
    email: str | None = None
    customer_status: str | None = None
    session_type: str | None = None
    skus_param: str | None = None
    source: str | None = None
    stripe_invoice_id: str | None = None
    stripe_invoice_number: str | None = None
    user_business_id: str | None = None
    user_id: str | None = None


class MsgspecPagination(msgspec.Struct):
    """MsgspecPagination: written from our spec for the peer walks."""

    current_page: int | None = None
    page_size: int | None = None
    count: int | None = None
    last_page: int | None = None


class MsgspecSessionList(msgspec.Struct):
    """MsgspecSessionList: written from our spec for the peer walks."""

    qualification_sessions: list[MsgspecSession]
    pagination: MsgspecPagination | None = None


class MsgspecTag(msgspec.Struct, rename="camel"):
    """MsgspecTag: written from our spec for the peer walks."""

    id: str | None = None
    name: str | None = None
    description: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class MsgspecSubTag(msgspec.Struct, rename="camel"):
    """MsgspecSubTag: written from our spec for the peer walks."""

    id: str | None = None
    name: str | None = None
    tag: MsgspecTag | None = None
    description: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class MsgspecResults(msgspec.Struct, rename="camel"):
    """MsgspecResults: written from our spec for the peer walks."""

    eligibility_status: str | None = None
    confirmed_activity_sub_tags: list[MsgspecSubTag] | None = None
    rejected_activity_sub_tags: list[MsgspecSubTag] | None = None


class MsgspecSubscription(msgspec.Struct, rename="camel"):
    """MsgspecSubscription: written from our spec for the peer walks."""

    id: str | None = None
    organisation_id: str | None = None
    organisation_name: str | None = None
    partner_id: str | None = None
    configuration_id: str | None = None
    validation_request_id: str | None = None
    suggested_activity_sub_tags: list[MsgspecSubTag] | None = None
    status: str | None = None
    results: MsgspecResults | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class MsgspecLinks(msgspec.Struct):
    """MsgspecLinks: written from our spec for the peer walks."""

    current: str | None = None
    next: str | None = None
    prev: str | None = None


class MsgspecSubscriptionList(msgspec.Struct):
    """MsgspecSubscriptionList: written from our spec for the peer walks."""

    data: list[MsgspecSubscription]
    links: MsgspecLinks | None = msgspec.field(default=None, name="_links")


_TRUEMED_MSGSPEC = msgspec.json.Decoder(MsgspecSessionList)
_GOODSTACK_MSGSPEC = msgspec.json.Decoder(MsgspecSubscriptionList)

# --- the walks ---------------------------------------------------------------------------


def pydantic_truemed(transport: httpx2.BaseTransport) -> int:
    """httpx2 + pydantic v2 `validate_json`, walking Truemed's page numbers."""
    count = 0
    with httpx2.Client(base_url=TRUEMED_URL, transport=transport) as client:
        client.headers["x-truemed-api-key"] = KEY
        page = 1
        while True:
            params = {"page": page, "page_size": PAGE_SIZE}
            body = _TRUEMED_PYDANTIC.validate_json(client.get(TRUEMED_PATH, params=params).content)
            count += len(body.qualification_sessions)
            last = body.pagination.last_page if body.pagination is not None else None
            if last is None or page >= last:
                return count
            page += 1


def msgspec_truemed(transport: httpx2.BaseTransport) -> int:
    """httpx2 + msgspec typed decoding, walking Truemed's page numbers."""
    count = 0
    with httpx2.Client(base_url=TRUEMED_URL, transport=transport) as client:
        client.headers["x-truemed-api-key"] = KEY
        page = 1
        while True:
            params = {"page": page, "page_size": PAGE_SIZE}
            body = _TRUEMED_MSGSPEC.decode(client.get(TRUEMED_PATH, params=params).content)
            count += len(body.qualification_sessions)
            last = body.pagination.last_page if body.pagination is not None else None
            if last is None or page >= last:
                return count
            page += 1


def pydantic_goodstack(transport: httpx2.BaseTransport) -> int:
    """httpx2 + pydantic v2 `validate_json`, following Goodstack's cursors."""
    count = 0
    with httpx2.Client(base_url=GOODSTACK_URL, transport=transport) as client:
        client.headers["Authorization"] = KEY
        params: dict[str, Any] = {"pageSize": PAGE_SIZE}
        while True:
            content = client.get(GOODSTACK_PATH, params=params).content
            body = _GOODSTACK_PYDANTIC.validate_json(content)
            count += len(body.data)
            cursor = cursor_of(body.links.next if body.links is not None else None)
            if cursor is None:
                return count
            params = {"pageSize": PAGE_SIZE, "cursor": cursor}


def msgspec_goodstack(transport: httpx2.BaseTransport) -> int:
    """httpx2 + msgspec typed decoding, following Goodstack's cursors."""
    count = 0
    with httpx2.Client(base_url=GOODSTACK_URL, transport=transport) as client:
        client.headers["Authorization"] = KEY
        params: dict[str, Any] = {"pageSize": PAGE_SIZE}
        while True:
            body = _GOODSTACK_MSGSPEC.decode(client.get(GOODSTACK_PATH, params=params).content)
            count += len(body.data)
            cursor = cursor_of(body.links.next if body.links is not None else None)
            if cursor is None:
                return count
            params = {"pageSize": PAGE_SIZE, "cursor": cursor}

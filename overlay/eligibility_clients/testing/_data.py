"""Deterministic, realistic records for the fakes, built from a seed and the item schemas.

Records are plain dicts in the vendors' wire format, so the fakes serve exactly what they store.
Every field the spec documents is built from its schema (`_schema_data`); what the schema
cannot say is a table of overrides keyed by field, written below: realistic names and amounts,
status weights, and the relations between fields (a status fills in a review date, dates come
in order, ids carry their prefix). Keys starting with `_` are the fake's own (e.g. the
shopper's name, which Truemed's `search` matches but the list does not return) and are never
sent.

Each fake has a clock: the newest generated record is created at it and no generated date-time
is after it, however many records are asked for. Only deadlines (`expires_at`) lie beyond it.
"""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from eligibility_clients_goodstack.item_schemas import ITEM_SCHEMAS as GOODSTACK_SCHEMAS
from eligibility_clients_truemed.item_schemas import ITEM_SCHEMAS as TRUEMED_SCHEMAS

from .._goodstack import LIST as GOODSTACK_LIST
from .._truemed import LIST as TRUEMED_LIST
from ._schema_data import (
    Moments,
    Override,
    SchemaValues,
    enum_values,
    fixed,
    iso,
    spread,
    subschema,
)

__all__ = ["iso"]

TRUEMED_ITEM: Mapping[str, Any] = TRUEMED_SCHEMAS[TRUEMED_LIST.operation_id]
GOODSTACK_ITEM: Mapping[str, Any] = GOODSTACK_SCHEMAS[GOODSTACK_LIST.operation_id]

TRUEMED_STATUSES = enum_values(TRUEMED_ITEM["properties"]["status"])
GOODSTACK_STATUSES = enum_values(GOODSTACK_ITEM["properties"]["status"])

# Roughly what a live shop sees: most shoppers who finish the survey are approved. A status
# the spec adds later comes as often as a typical one (`_schema_data.weighted`).
_TRUEMED_WEIGHTS = {"pending": 25, "processing": 15, "approved": 45, "rejected": 15}
_GOODSTACK_WEIGHTS = {
    "pending_validation_request": 3,
    "validation_request_failed": 2,
    "pending": 4,
    "live": 18,
    "cancelled": 3,
    "cannot_define_eligibility": 3,
}

_FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim")
_LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson")
_SKUS = ("SKU-ROWER-01", "SKU-SAUNA-02", "SKU-BIKE-03", "SKU-MAT-04", "SKU-LIGHT-05")
_UTMS = ("spring_sale", "newsletter", "podcast", "affiliate", None)

# Goodstack's activity tags and sub-tags (names from the vendor's examples and categories).
_TAGS = (
    ("Education", "Schools, universities and learning programmes"),
    ("Health", "Hospitals, clinics and health charities"),
    ("Environment", "Conservation and climate action"),
    ("Sport", None),
)
_SUBTAGS = (
    (0, "Sport school", "Schools with a sports focus"),
    (0, "Higher education", None),
    (1, "Mental health", "Mental health services"),
    (1, "Medical research", None),
    (2, "Wildlife conservation", None),
    (3, "Community sport club", "Grassroots sports clubs"),
)
_ORG_WORDS = ("Hope", "River", "Bright", "Future", "Green", "Open", "Kind", "Northern", "Unity")
_ORG_KINDS = ("Foundation", "Trust", "Academy", "Sports Club", "Community Clinic", "Alliance")
# Some organisations name their place, which makes the long names tables must cut.
_ORG_PLACES = ("", "", "", " of Greater Manchester", " of the Scottish Highlands", " of Devon")

#: The fakes' clocks: when their newest generated record was created.
TRUEMED_CLOCK = datetime(2025, 4, 30, 17, 0, tzinfo=UTC)
GOODSTACK_CLOCK = datetime(2024, 10, 15, 12, 0, tzinfo=UTC)


def vendor_id(rng: random.Random, prefix: str) -> str:
    """A Goodstack-style id: prefix, underscore, 29 lowercase letters and digits."""
    alphabet = string.ascii_lowercase + string.digits
    return prefix + "_" + "".join(rng.choice(alphabet) for _ in range(29))


def _creations(
    rng: random.Random, clock: datetime, count: int, gap: tuple[int, int]
) -> list[datetime]:
    """`count` creation times, newest first, the newest at `clock`, `gap` minutes apart."""
    moments: list[datetime] = []
    moment = clock
    for _ in range(count):
        moments.append(moment)
        moment -= timedelta(minutes=rng.randint(*gap), seconds=rng.randint(0, 59))
    return moments


def truemed_sessions(seed: int, count: int) -> list[dict[str, Any]]:
    """`count` qualification sessions, newest first, over every status the spec lists."""
    rng = random.Random(f"truemed:{seed}")
    users = [_truemed_user(rng, n) for n in range(max(1, (count * 3) // 4))]
    statuses = spread(rng, TRUEMED_STATUSES, _TRUEMED_WEIGHTS, count)
    created = _creations(rng, TRUEMED_CLOCK, count, (20, 2 * 24 * 60))
    return [
        truemed_session(rng, rng.choice(users), status, moment, clock=TRUEMED_CLOCK)
        for status, moment in zip(statuses, created, strict=True)
    ]


def _truemed_user(rng: random.Random, n: int) -> dict[str, Any]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return {
        "user_id": f"user_{uuid.UUID(int=rng.getrandbits(128), version=4).hex[:12]}",
        "email": f"{first.lower()}.{last.lower()}{n}@example.com",
        "user_business_id": f"cust_{rng.randint(10_000, 99_999)}" if rng.random() < 0.7 else None,
        "_name": f"{first} {last}",
        "_external_user_id": f"ext-{rng.randint(1000, 9999)}" if rng.random() < 0.5 else None,
    }


def truemed_session(
    rng: random.Random,
    user: Mapping[str, Any],
    status: str,
    created: datetime,
    *,
    clock: datetime | None = None,
) -> dict[str, Any]:
    """One session of `user`; the fields a status implies (review, invoice) are filled in.

    No date is after `clock` (default: `created`) but the deadline `expires_at`.
    """
    now = max(created, clock or created)
    reviewed: datetime | None = None
    if status in ("approved", "rejected"):
        reviewed = min(now, created + timedelta(hours=rng.randint(1, 72)))
    amount = float(rng.choice((199, 349, 499, 1299, 2499, 3995)))
    paid: datetime | None = None
    if status == "approved" and reviewed is not None:
        paid = min(now, reviewed + timedelta(minutes=rng.randint(5, 600)))
    invoice = f"in_{uuid.UUID(int=rng.getrandbits(128), version=4).hex[:24]}" if paid else None
    skus = ",".join(sorted(rng.sample(_SKUS, rng.randint(1, 3))))
    # An approved letter lasts a year; an unfinished survey link lasts 30 days.
    expires: datetime | None = None
    if paid is not None and reviewed is not None:
        expires = reviewed + timedelta(days=365)
    elif status in ("pending", "processing"):
        expires = created + timedelta(days=30)
    approved = status == "approved"
    overrides: dict[str, Override] = {
        "qualification_session_id": lambda: f"qs_{uuid.UUID(int=rng.getrandbits(128), version=4)}",
        "status": lambda: status,
        "created_at": lambda: iso(created),
        "expires_at": lambda: iso(expires),
        "lmn_reviewed_at": lambda: iso(reviewed),
        "charge_group_created_at": lambda: (
            iso(min(now, reviewed + timedelta(minutes=2))) if paid and reviewed else None
        ),
        "stripe_invoice_paid_at": lambda: iso(paid),
        "eligible_amount": lambda: amount if approved else None,
        "fee": lambda: round(amount * 0.05, 2) if approved else None,
        "email": lambda: user["email"],
        "customer_status": lambda: rng.choice(("new", "returning")),
        "session_type": lambda: rng.choice(("checkout", "pre_qualification")),
        "skus_param": lambda: skus,
        "source": lambda: rng.choice(("shopify", "woocommerce", "api")),
        "stripe_invoice_id": lambda: invoice,
        "stripe_invoice_number": lambda: f"TM-{rng.randint(100000, 999999)}" if invoice else None,
        "user_business_id": lambda: user["user_business_id"],
        "user_id": lambda: user["user_id"],
    }
    record = SchemaValues(rng, Moments(created, now)).record(TRUEMED_ITEM, overrides)
    record["_name"] = user["_name"]
    record["_external_user_id"] = user["_external_user_id"]
    record["_utm"] = rng.choice(_UTMS)
    return record


def goodstack_catalogue(seed: int) -> tuple[list[dict[str, Any]], str, str]:
    """The partner's activity sub-tags (each with its tag), partner id and configuration id."""
    rng = random.Random(f"goodstack-catalogue:{seed}")
    tag_schema = subschema(GOODSTACK_ITEM, "suggestedActivitySubTags[].tag")
    subtag_schema = subschema(GOODSTACK_ITEM, "suggestedActivitySubTags[]")
    tagged = GOODSTACK_CLOCK - timedelta(days=600)
    values = SchemaValues(rng, Moments(tagged, tagged + timedelta(days=100)))
    tags = [
        values.record(
            tag_schema,
            {
                "id": lambda: vendor_id(rng, "activitytag"),
                "name": fixed(name),
                "description": fixed(description),
                "createdAt": lambda: iso(tagged, millis=True),
                "updatedAt": lambda: None,
            },
        )
        for name, description in _TAGS
    ]
    subtagged = tagged + timedelta(days=100)
    subtags = [
        values.record(
            subtag_schema,
            {
                "id": lambda: vendor_id(rng, "activitysubtag"),
                "name": fixed(name),
                "tag": fixed(tags[parent]),
                "description": fixed(description),
                "createdAt": lambda: iso(subtagged, millis=True),
                "updatedAt": lambda: None,
            },
        )
        for parent, name, description in _SUBTAGS
    ]
    return subtags, vendor_id(rng, "partner"), vendor_id(rng, "configuration")


def goodstack_subscriptions(seed: int, count: int) -> list[dict[str, Any]]:
    """`count` eligibility subscriptions, oldest first, with nested activity tags."""
    rng = random.Random(f"goodstack:{seed}")
    subtags, partner, configuration = goodstack_catalogue(seed)
    statuses = spread(rng, GOODSTACK_STATUSES, _GOODSTACK_WEIGHTS, count)
    created = _creations(rng, GOODSTACK_CLOCK, count, (6 * 60, 14 * 24 * 60))
    created.reverse()
    return [
        goodstack_subscription(
            rng, status, moment, subtags, partner, configuration, clock=GOODSTACK_CLOCK
        )
        for status, moment in zip(statuses, created, strict=True)
    ]


def goodstack_subscription(
    rng: random.Random,
    status: str,
    created: datetime,
    subtags: list[dict[str, Any]],
    partner: str,
    configuration: str,
    *,
    clock: datetime | None = None,
) -> dict[str, Any]:
    """One subscription; an organisation and results exist once validation has run.

    No date is after `clock` (default: `created`).
    """
    now = max(created, clock or created)
    validated = status not in ("pending_validation_request", "validation_request_failed")
    suggested = rng.sample(subtags, rng.randint(1, 2))
    passed = status in ("live", "cancelled") or (status == "pending" and rng.random() < 0.5)
    decided = validated and status != "cannot_define_eligibility"
    name = f"{rng.choice(_ORG_WORDS)} {rng.choice(_ORG_WORDS)} {rng.choice(_ORG_KINDS)}"
    name += rng.choice(_ORG_PLACES)
    updated = min(now, created + timedelta(days=rng.randint(1, 60))) if validated else None
    overrides: dict[str, Override] = {
        "id": lambda: vendor_id(rng, "eligibilitysubscription"),
        "organisationId": lambda: vendor_id(rng, "organisation") if validated else None,
        "organisationName": lambda: name if validated or rng.random() < 0.5 else None,
        "partnerId": lambda: partner,
        "configurationId": lambda: configuration,
        "validationRequestId": lambda: (
            vendor_id(rng, "validationrequest") if status != "pending_validation_request" else None
        ),
        "suggestedActivitySubTags": lambda: suggested,
        "status": lambda: status,
        "results.eligibilityStatus": lambda: ("pass" if passed else "fail") if decided else None,
        "results.confirmedActivitySubTags": lambda: (
            suggested if decided and passed else ([] if decided else None)
        ),
        "results.rejectedActivitySubTags": lambda: (
            ([] if passed else suggested) if decided else None
        ),
        "createdAt": lambda: iso(created, millis=True),
        "updatedAt": lambda: iso(updated, millis=True),
    }
    return SchemaValues(rng, Moments(created, now)).record(GOODSTACK_ITEM, overrides)

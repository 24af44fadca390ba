"""Deterministic, realistic records for the fakes, built from a seed.

Records are plain dicts in the vendors' wire format, so the fakes serve exactly what they store.
Keys starting with `_` are the fake's own (e.g. the shopper's name, which Truemed's `search`
matches but the list does not return) and are never sent.
"""

from __future__ import annotations

import random
import string
import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from eligibility_clients_goodstack.models import EligibilitySubscriptionStatus
from eligibility_clients_truemed.models import QualificationSessionStatus

from .._goodstack import LIST as GOODSTACK_LIST
from .._operation import Operation
from .._truemed import LIST as TRUEMED_LIST


def _declared(operation: Operation[Any], record: dict[str, Any]) -> dict[str, Any]:
    """`record` with every item field the spec declares, in the spec's order.

    A field this module does not invent (one the spec added since) is null; the fake's own
    `_` keys follow.
    """
    ordered = {name: record.get(name) for name, _ in operation.item_fields}
    return {**ordered, **{key: value for key, value in record.items() if key not in ordered}}


def _statuses(
    enum: type[StrEnum], weights: dict[str, int]
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The generated enum's values with weights.

    The known ones come in the order given, so a seed keeps its data; any other value of the
    enum follows with weight 1.
    """
    values = [member.value for member in enum]
    ordered = [v for v in weights if v in values] + [v for v in values if v not in weights]
    return tuple(ordered), tuple(weights.get(v, 1) for v in ordered)


# Roughly what a live shop sees: most shoppers who finish the survey are approved.
TRUEMED_STATUSES, _TRUEMED_WEIGHTS = _statuses(
    QualificationSessionStatus, {"pending": 25, "processing": 15, "approved": 45, "rejected": 15}
)
GOODSTACK_STATUSES, _GOODSTACK_WEIGHTS = _statuses(
    EligibilitySubscriptionStatus,
    {
        "pending_validation_request": 3,
        "validation_request_failed": 2,
        "pending": 4,
        "live": 18,
        "cancelled": 3,
        "cannot_define_eligibility": 3,
    },
)

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

_TRUEMED_EPOCH = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
_GOODSTACK_EPOCH = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def iso(moment: datetime | None, *, millis: bool = False) -> str | None:
    """Format as the vendors do: Truemed `...Z`, Goodstack `....000Z`."""
    if moment is None:
        return None
    text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{moment.microsecond // 1000:03d}Z" if millis else f"{text}Z"


def vendor_id(rng: random.Random, prefix: str) -> str:
    """A Goodstack-style id: prefix, underscore, 29 lowercase letters and digits."""
    alphabet = string.ascii_lowercase + string.digits
    return prefix + "_" + "".join(rng.choice(alphabet) for _ in range(29))


def truemed_sessions(seed: int, count: int) -> list[dict[str, Any]]:
    """`count` qualification sessions, newest first, spread over the four statuses."""
    rng = random.Random(f"truemed:{seed}")
    users = [_truemed_user(rng, n) for n in range(max(1, (count * 3) // 4))]
    created = _TRUEMED_EPOCH
    sessions = []
    for _ in range(count):
        created += timedelta(minutes=rng.randint(20, 2 * 24 * 60))
        status = rng.choices(TRUEMED_STATUSES, weights=_TRUEMED_WEIGHTS)[0]
        sessions.append(truemed_session(rng, rng.choice(users), status, created))
    sessions.reverse()
    return sessions


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
    rng: random.Random, user: dict[str, Any], status: str, created: datetime
) -> dict[str, Any]:
    """One session of `user`; the fields a status implies (review, invoice) are filled in."""
    reviewed: datetime | None = None
    if status in ("approved", "rejected"):
        reviewed = created + timedelta(hours=rng.randint(1, 72))
    amount = float(rng.choice((199, 349, 499, 1299, 2499, 3995)))
    paid: datetime | None = None
    if status == "approved" and reviewed is not None:
        paid = reviewed + timedelta(minutes=rng.randint(5, 600))
    invoice = f"in_{uuid.UUID(int=rng.getrandbits(128), version=4).hex[:24]}" if paid else None
    skus = ",".join(sorted(rng.sample(_SKUS, rng.randint(1, 3))))
    # An approved letter lasts a year; an unfinished survey link lasts 30 days.
    expires: datetime | None = None
    if paid is not None and reviewed is not None:
        expires = reviewed + timedelta(days=365)
    elif status in ("pending", "processing"):
        expires = created + timedelta(days=30)
    return _declared(
        TRUEMED_LIST,
        {
            "qualification_session_id": f"qs_{uuid.UUID(int=rng.getrandbits(128), version=4)}",
            "status": status,
            "created_at": iso(created),
            "expires_at": iso(expires),
            "lmn_reviewed_at": iso(reviewed),
            "charge_group_created_at": iso(reviewed + timedelta(minutes=2))
            if paid and reviewed
            else None,
            "stripe_invoice_paid_at": iso(paid),
            "eligible_amount": amount if status == "approved" else None,
            "fee": round(amount * 0.05, 2) if status == "approved" else None,
            "email": user["email"],
            "customer_status": rng.choice(("new", "returning")),
            "session_type": rng.choice(("checkout", "pre_qualification")),
            "skus_param": skus,
            "source": rng.choice(("shopify", "woocommerce", "api")),
            "stripe_invoice_id": invoice,
            "stripe_invoice_number": f"TM-{rng.randint(100000, 999999)}" if invoice else None,
            "user_business_id": user["user_business_id"],
            "user_id": user["user_id"],
            "_name": user["_name"],
            "_external_user_id": user["_external_user_id"],
            "_utm": rng.choice(_UTMS),
        },
    )


def goodstack_catalogue(seed: int) -> tuple[list[dict[str, Any]], str, str]:
    """The partner's activity sub-tags (each with its tag), partner id and configuration id."""
    rng = random.Random(f"goodstack-catalogue:{seed}")
    tags = [
        {
            "id": vendor_id(rng, "activitytag"),
            "name": name,
            "description": description,
            "createdAt": iso(_GOODSTACK_EPOCH - timedelta(days=400), millis=True),
            "updatedAt": None,
        }
        for name, description in _TAGS
    ]
    subtags = [
        {
            "id": vendor_id(rng, "activitysubtag"),
            "name": name,
            "tag": tags[parent],
            "description": description,
            "createdAt": iso(_GOODSTACK_EPOCH - timedelta(days=300), millis=True),
            "updatedAt": None,
        }
        for parent, name, description in _SUBTAGS
    ]
    return subtags, vendor_id(rng, "partner"), vendor_id(rng, "configuration")


def goodstack_subscriptions(seed: int, count: int) -> list[dict[str, Any]]:
    """`count` eligibility subscriptions, oldest first, with nested activity tags."""
    rng = random.Random(f"goodstack:{seed}")
    subtags, partner, configuration = goodstack_catalogue(seed)
    created = _GOODSTACK_EPOCH
    subscriptions = []
    for _ in range(count):
        created += timedelta(hours=rng.randint(6, 14 * 24), seconds=rng.randint(0, 59))
        status = rng.choices(GOODSTACK_STATUSES, weights=_GOODSTACK_WEIGHTS)[0]
        subscriptions.append(
            goodstack_subscription(rng, status, created, subtags, partner, configuration)
        )
    return subscriptions


def goodstack_subscription(
    rng: random.Random,
    status: str,
    created: datetime,
    subtags: list[dict[str, Any]],
    partner: str,
    configuration: str,
) -> dict[str, Any]:
    """One subscription; an organisation and results exist once validation has run."""
    validated = status not in ("pending_validation_request", "validation_request_failed")
    suggested = rng.sample(subtags, rng.randint(1, 2))
    passed = status in ("live", "cancelled") or (status == "pending" and rng.random() < 0.5)
    decided = validated and status != "cannot_define_eligibility"
    name = f"{rng.choice(_ORG_WORDS)} {rng.choice(_ORG_WORDS)} {rng.choice(_ORG_KINDS)}"
    updated = created + timedelta(days=rng.randint(1, 60)) if validated else None
    return _declared(
        GOODSTACK_LIST,
        {
            "id": vendor_id(rng, "eligibilitysubscription"),
            "organisationId": vendor_id(rng, "organisation") if validated else None,
            "organisationName": name if validated or rng.random() < 0.5 else None,
            "partnerId": partner,
            "configurationId": configuration,
            "validationRequestId": vendor_id(rng, "validationrequest")
            if status != "pending_validation_request"
            else None,
            "suggestedActivitySubTags": suggested,
            "status": status,
            "results": {
                "eligibilityStatus": ("pass" if passed else "fail") if decided else None,
                "confirmedActivitySubTags": suggested
                if decided and passed
                else ([] if decided else None),
                "rejectedActivitySubTags": ([] if passed else suggested) if decided else None,
            },
            "createdAt": iso(created, millis=True),
            "updatedAt": iso(updated, millis=True),
        },
    )

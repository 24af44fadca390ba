"""The fakes' records come from the spec's item schemas, deterministic and never in the future."""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from eligibility_clients.testing import FakeGoodstack, FakeTruemed, _data
from eligibility_clients.testing._schema_data import Moments, SchemaValues, from_pattern, spread

ROOT = Path(__file__).resolve().parent.parent
SPECS = {
    name: yaml.safe_load((ROOT / f"specs/{name}.yaml").read_text(encoding="utf-8"))
    for name in ("truemed", "goodstack")
}
ITEMS = {"truemed": "QualificationSession", "goodstack": "EligibilitySubscription"}
# The fakes' clocks, written down: the newest generated record is created at it.
CLOCKS = {"truemed": "2025-04-30T17:00:00", "goodstack": "2024-10-15T12:00:00"}
# Deadlines, not events: the only date-times that may lie after the clock.
DEADLINES = {"expires_at"}


def records(vendor: str, **options: Any) -> list[dict[str, Any]]:
    if vendor == "truemed":
        return FakeTruemed(**options).sessions
    return FakeGoodstack(**options).subscriptions


def moments(node: Any, key: str = "") -> list[tuple[str, dt.datetime]]:
    """Every ISO date-time string inside `node`, with the key it sits under."""
    if isinstance(node, dict):
        return [found for k, v in node.items() for found in moments(v, k)]
    if isinstance(node, list):
        return [found for v in node for found in moments(v, key)]
    if isinstance(node, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", node):
        return [(key, dt.datetime.fromisoformat(node))]
    return []


@pytest.mark.parametrize("vendor", ["truemed", "goodstack"])
def test_no_date_is_after_the_clock_however_many_records(vendor: str) -> None:
    clock = dt.datetime.fromisoformat(CLOCKS[vendor]).replace(tzinfo=dt.UTC)
    data = records(vendor, count=2000)
    found = [(key, moment) for record in data for key, moment in moments(record)]
    assert len(found) > 2000
    late = [(key, moment) for key, moment in found if moment > clock and key not in DEADLINES]
    assert late == []
    created = [
        moment
        for record in data
        for key, moment in moments(record)
        if key in ("created_at", "createdAt")
    ]
    assert max(created) == clock


@pytest.mark.parametrize("vendor", ["truemed", "goodstack"])
def test_every_documented_field_is_in_every_record_in_the_specs_order(vendor: str) -> None:
    spec_fields = list(SPECS[vendor]["components"]["schemas"][ITEMS[vendor]]["properties"])
    for record in records(vendor):
        assert [key for key in record if not key.startswith("_")] == spec_fields


@pytest.mark.parametrize("vendor", ["truemed", "goodstack"])
def test_every_status_the_spec_lists_appears(vendor: str) -> None:
    schemas = SPECS[vendor]["components"]["schemas"]
    enum = schemas[
        "QualificationSessionStatus" if vendor == "truemed" else "EligibilitySubscriptionStatus"
    ]
    statuses = {record["status"] for record in records(vendor)}
    assert statuses == set(enum["enum"])


@pytest.mark.parametrize("vendor", ["truemed", "goodstack"])
def test_ids_carry_the_prefix_of_the_specs_examples(vendor: str) -> None:
    properties = SPECS[vendor]["components"]["schemas"][ITEMS[vendor]]["properties"]
    prefixed = {
        name: field["examples"][0].split("_")[0] + "_"
        for name, field in properties.items()
        if "_" in str(field.get("examples", [""])[0])
    }
    assert prefixed  # both specs give id examples
    for record in records(vendor):
        for name, prefix in prefixed.items():
            assert record[name] is None or record[name].startswith(prefix), (name, record[name])


def test_the_same_seed_gives_the_same_records() -> None:
    assert FakeTruemed(seed=4).sessions == FakeTruemed(seed=4).sessions
    assert FakeGoodstack(seed=4).subscriptions == FakeGoodstack(seed=4).subscriptions
    assert FakeGoodstack(seed=4).subscriptions != FakeGoodstack(seed=5).subscriptions


# --- a field or value the spec adds later ---------------------------------------------------

NEW_FIELDS: dict[str, Any] = {
    "countryCode": {"type": ["string", "null"]},
    "seats": {"type": "integer", "minimum": 1, "maximum": 9},
    "ratio": {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}]},
    "verified": {"type": "boolean"},
    "reference": {"type": "string", "pattern": "^REF-[0-9]{4}$"},
    "ownerId": {"type": "string", "examples": ["owner_xxxxxxxxxx"]},
    "tier": {"anyOf": [{"enum": ["gold", "silver"], "type": "string"}, {"type": "string"}]},
    "reviewedOn": {"type": "string", "format": "date"},
    "seenAt": {"type": ["string", "null"], "format": "date-time"},
    "tags": {"type": "array", "items": {"type": "string"}},
}


def test_a_field_with_no_override_is_valid_and_mostly_not_null(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schema = copy.deepcopy(dict(_data.GOODSTACK_ITEM))
    schema["properties"] = {**schema["properties"], **NEW_FIELDS}
    monkeypatch.setattr(_data, "GOODSTACK_ITEM", schema)
    data = FakeGoodstack(count=200).subscriptions
    clock = dt.datetime(2024, 10, 15, 12, tzinfo=dt.UTC)
    for name in NEW_FIELDS:
        values = [record[name] for record in data]
        assert sum(v is not None for v in values) >= 160, name
    present = [record for record in data if record["countryCode"] is not None]
    assert all(isinstance(r["countryCode"], str) and r["countryCode"] for r in present)
    assert all(1 <= r["seats"] <= 9 and isinstance(r["seats"], int) for r in data)
    assert all(r["ratio"] is None or 0 <= r["ratio"] <= 1 for r in data)
    assert {r["verified"] for r in data} == {True, False}
    assert all(re.fullmatch(r"REF-[0-9]{4}", r["reference"]) for r in data)
    assert all(re.fullmatch(r"owner_[a-z0-9]{10}", r["ownerId"]) for r in data)
    assert len({r["ownerId"] for r in data}) > 150
    assert {r["tier"] for r in data} == {"gold", "silver"}
    assert all(dt.date.fromisoformat(r["reviewedOn"]) <= clock.date() for r in data)
    seen = [dt.datetime.fromisoformat(r["seenAt"]) for r in data if r["seenAt"]]
    assert seen
    assert all(s <= clock for s in seen)
    created = {r["id"]: dt.datetime.fromisoformat(r["createdAt"]) for r in data}
    assert all(
        dt.datetime.fromisoformat(r["seenAt"]) >= created[r["id"]] for r in data if r["seenAt"]
    )
    assert all(isinstance(tag, str) for r in data for tag in r["tags"])


def test_a_status_the_spec_adds_is_served(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_data, "TRUEMED_STATUSES", (*_data.TRUEMED_STATUSES, "on_hold"))
    data = FakeTruemed().sessions
    held = [record for record in data if record["status"] == "on_hold"]
    # Weighted like a typical status: about a quarter of the four known ones' 100.
    assert 5 <= len(held) <= 40


def test_weights_adjust_but_never_remove_a_value() -> None:
    drawn = spread(random.Random(1), ("a", "b", "c"), {"a": 1000, "b": 1}, 3)
    assert sorted(drawn) == ["a", "b", "c"]
    many = spread(random.Random(1), ("a", "b", "c"), {"a": 1, "b": 1}, 3000)
    # "c" has no weight written down: it gets the mean of the others', 1.
    assert 800 < many.count("c") < 1200


def test_patterns_give_matching_text() -> None:
    rng = random.Random(0)
    for pattern in (r"^[A-Z]{3}$", r"^cust_\d{5}$", r"^(ab|cd)+-x?$", r"^[a-f0-9-]{8,12}$"):
        for _ in range(20):
            assert re.search(pattern, from_pattern(pattern, rng)), pattern


def test_dates_fall_between_creation_and_the_clock() -> None:
    created = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    clock = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
    values = SchemaValues(random.Random(0), Moments(created, clock))
    for _ in range(50):
        text = values.value({"type": "string", "format": "date-time"}, "at")
        assert created <= dt.datetime.fromisoformat(text) <= clock

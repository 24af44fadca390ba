"""Drift check 3 (codegen/drift/upstream/): response statuses, bodies, fields and enums.

Every document here is a small one written by the test itself; no test reads the vendors'
real documents (CI does not have them) or touches the network.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from codegen.drift import upstream
from codegen.drift.upstream import UpstreamError
from tests.upstream_documents import (
    body,
    document,
    items_of,
    listing,
    rows,
)

# --- responses ------------------------------------------------------------------------------


def test_response_fields_added_removed_retyped_and_required() -> None:
    ours = listing(
        items_of(
            {
                "type": "object",
                "required": ["id", "name", "gone"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "total": {"type": "number"},
                    "when": {"type": "string", "format": "date-time"},
                    "gone": {"type": "string"},
                    "old": {"type": "string"},
                    "score": {"type": "integer"},
                    "loose": {"type": "string"},
                },
            }
        )
    )
    theirs = listing(
        items_of(
            {
                "type": "object",
                "required": ["id", "loose"],
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "total": {"type": "integer"},
                    "when": {"type": "string"},
                    "score": {"type": "number"},
                    "loose": {"type": "string"},
                    "fresh": {"type": "string"},
                },
            }
        )
    )
    assert rows(upstream.compare(ours, theirs)) == {
        ("field-retyped", "response 200 data[].id", "breaking"),
        ("field-required", "response 200 data[].name", "breaking"),
        ("field-retyped", "response 200 data[].total", "info"),  # an integer is a number
        ("field-retyped", "response 200 data[].when", "breaking"),  # we parse a date-time
        ("field-removed", "response 200 data[].gone", "breaking"),  # required by us
        ("field-removed", "response 200 data[].old", "info"),
        ("field-retyped", "response 200 data[].score", "breaking"),
        ("field-required", "response 200 data[].loose", "info"),
        ("field-added", "response 200 data[].fresh", "info"),
    }


def test_nested_fields_are_compared_through_refs_arrays_and_all_of() -> None:
    ours = listing(
        items_of({"$ref": "#/components/schemas/Sub"}),
        schemas={
            "Sub": {
                "type": "object",
                "properties": {"results": {"$ref": "#/components/schemas/Results"}},
            },
            "Results": {
                "type": "object",
                "properties": {
                    "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}
                },
            },
            "Tag": {"type": "object", "properties": {"level": {"type": "integer"}}},
        },
    )
    theirs = listing(
        items_of(
            {
                "allOf": [
                    {"type": "object", "properties": {"id": {"type": "string"}}},
                    {
                        "properties": {
                            "results": {
                                "properties": {
                                    "tags": {
                                        "type": "array",
                                        "items": {"properties": {"level": {"type": "string"}}},
                                    }
                                }
                            }
                        }
                    },
                ]
            }
        ),
        version="3.0.0",
    )
    assert rows(upstream.compare(ours, theirs)) == {
        ("field-added", "response 200 data[].id", "info"),
        ("field-retyped", "response 200 data[].results.tags[].level", "breaking"),
    }


def test_response_enum_values_with_and_without_our_fallback() -> None:
    enum = {"type": "string", "enum": ["a", "b"]}
    ours = listing(
        {
            "type": "object",
            "properties": {
                "open": {"anyOf": [enum, {"type": "string"}]},
                "closed": enum,
                "plain": {"type": "string"},
                "loose": {"anyOf": [enum, {"type": "string"}]},
            },
        }
    )
    theirs = listing(
        {
            "type": "object",
            "properties": {
                "open": {"type": "string", "enum": ["a", "c"]},
                "closed": {"type": "string", "enum": ["a", "b", "c"]},
                "plain": {"type": "string", "enum": ["x"]},
                "loose": {"type": "string"},
            },
        }
    )
    differences = upstream.compare(ours, theirs)
    assert rows(differences) == {
        ("enum-value-added", "response 200 open", "info"),
        ("enum-value-removed", "response 200 open", "info"),
        ("enum-value-added", "response 200 closed", "breaking"),
        ("enum-changed", "response 200 plain", "info"),
        ("enum-changed", "response 200 loose", "info"),
    }
    added = {(d.location, d.ours, d.theirs) for d in differences if d.kind == "enum-value-added"}
    assert added == {
        ("response 200 open", "kept as str by the fallback", "'c'"),
        ("response 200 closed", "not listed", "'c'"),
    }
    # Our closed enum against a vendor that says "any string": breaking.
    reverse = upstream.compare(theirs, ours)
    assert ("enum-changed", "response 200 plain", "breaking") in rows(reverse)
    assert ("enum-changed", "response 200 loose", "info") in rows(reverse)


def test_statuses_added_removed_and_ranges() -> None:
    error = {"type": "object", "properties": {"message": {"type": "string"}}}
    ours = listing(
        {},
        responses={"404": body(error), "5XX": body(error), "429": {"description": "slow"}},
    )
    theirs = listing(
        {},
        responses={
            "201": body({}),
            "500": body(error),
            "503": body(error),
            "400": body(error),
            "429": body(error),
        },
    )
    assert rows(upstream.compare(ours, theirs)) == {
        ("response-status-added", "response 201", "breaking"),
        ("response-status-added", "response 400", "info"),
        ("response-status-removed", "response 404", "info"),
        ("response-body-added", "response 429", "info"),
    }
    ours_only_200 = listing({"type": "object"})
    theirs_only_201 = document({"/items": {"get": {"responses": {"201": body({})}}}})
    assert rows(upstream.compare(ours_only_200, theirs_only_201)) == {
        ("response-status-removed", "response 200", "breaking"),
        ("response-status-added", "response 201", "breaking"),
    }


def test_success_bodies_added_or_removed_are_breaking() -> None:
    with_body = listing({"type": "object"})
    without = document({"/items": {"get": {"responses": {"200": {"description": "ok"}}}}})
    assert rows(upstream.compare(with_body, without)) == {
        ("response-body-removed", "response 200", "breaking")
    }
    assert rows(upstream.compare(without, with_body)) == {
        ("response-body-added", "response 200", "breaking")
    }


def test_error_body_differences_are_info_with_a_note() -> None:
    error = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
    ours = listing({}, responses={"400": body(error)})
    loose = {"type": "object", "properties": {"error": {"type": "integer"}}}
    theirs = listing({}, responses={"400": body(loose)})
    differences = upstream.compare(ours, theirs)
    assert rows(differences) == {
        ("field-required", "response 400 error", "info"),
        ("field-retyped", "response 400 error", "info"),
    }
    assert all("leniently" in d.note for d in differences)


def test_recursive_schemas_terminate() -> None:
    node: dict[str, Any] = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        },
    }
    ours = listing({"$ref": "#/components/schemas/Node"}, schemas={"Node": node})
    changed = copy.deepcopy(node)
    changed["properties"]["name"] = {"type": "integer"}
    theirs = listing({"$ref": "#/components/schemas/Node"}, schemas={"Node": changed})
    assert upstream.compare(ours, copy.deepcopy(ours)) == []
    assert ("field-retyped", "response 200 name", "breaking") in rows(
        upstream.compare(ours, theirs)
    )


def test_unresolvable_ref_is_a_usage_error() -> None:
    ours = listing({"type": "object"})
    theirs = listing({"$ref": "#/components/schemas/Missing"})
    with pytest.raises(UpstreamError, match="unresolvable"):
        upstream.compare(ours, theirs)

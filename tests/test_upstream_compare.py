"""Drift check 3 (codegen/drift/upstream/): normalising, parameters, operations and request bodies.

Every document here is a small one written by the test itself; no test reads the vendors'
real documents (CI does not have them) or touches the network.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from codegen.drift import upstream
from tests.upstream_documents import (
    ROOT,
    body,
    document,
    listing,
    only,
    query,
    rows,
)

# --- normalisation: equivalent schemas give no difference -----------------------------------


def test_identical_documents_have_no_difference() -> None:
    for name in ("truemed.yaml", "goodstack.yaml"):
        spec = yaml.safe_load((ROOT / "specs" / name).read_text(encoding="utf-8"))
        assert upstream.compare(spec, copy.deepcopy(spec)) == []


def test_30_and_31_nullability_styles_are_equivalent() -> None:
    ours = listing(
        {"$ref": "#/components/schemas/Thing"},
        schemas={
            "Status": {"type": "string", "enum": ["a", "b"]},
            "Tag": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Thing": {
                "type": "object",
                "properties": {
                    "name": {"type": ["string", "null"]},
                    "when": {"type": ["string", "null"], "format": "date-time"},
                    "count": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                    "tags": {
                        "anyOf": [
                            {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                            {"type": "null"},
                        ]
                    },
                    "tag": {"anyOf": [{"$ref": "#/components/schemas/Tag"}, {"type": "null"}]},
                    # our forward-compatible enums, nullable and not
                    "status": {
                        "anyOf": [
                            {"$ref": "#/components/schemas/Status"},
                            {"type": "string"},
                            {"type": "null"},
                        ]
                    },
                    "state": {
                        "anyOf": [{"$ref": "#/components/schemas/Status"}, {"type": "string"}]
                    },
                    "kind": {"type": ["string", "null"], "enum": ["x", "y", None]},
                },
            },
        },
    )
    theirs = listing(
        {
            "type": "object",
            "properties": {
                "name": {"type": "string", "nullable": True},
                "when": {"type": "string", "format": "date-time", "nullable": True},
                "count": {"type": "integer", "nullable": True},
                "tags": {
                    "type": "array",
                    "nullable": True,
                    "items": {"$ref": "#/components/schemas/Label"},
                },
                "tag": {"allOf": [{"$ref": "#/components/schemas/Label"}], "nullable": True},
                "status": {"type": "string", "enum": ["b", "a"], "nullable": True},
                "state": {"type": "string", "enum": ["a", "b"]},
                "kind": {"type": "string", "enum": ["y", "x"], "nullable": True},
            },
        },
        version="3.0.3",
        schemas={"Label": {"properties": {"id": {"type": "string"}}}},
    )
    assert upstream.compare(ours, theirs) == []


def test_3_0_exclusive_bounds_match_3_1_ones() -> None:
    ours = listing({}, parameters=[query("n", {"type": "integer", "exclusiveMinimum": 0})])
    theirs = listing(
        {},
        version="3.0.0",
        parameters=[query("n", {"type": "integer", "minimum": 0, "exclusiveMinimum": True})],
    )
    assert upstream.compare(ours, theirs) == []


def test_a_real_nullability_change_is_still_seen_through_both_styles() -> None:
    ours = listing({"type": "object", "properties": {"name": {"type": "string"}}})
    theirs = listing(
        {"type": "object", "properties": {"name": {"type": "string", "nullable": True}}},
        version="3.0.0",
    )
    difference = only(upstream.compare(ours, theirs))
    assert (difference.kind, difference.location, difference.severity) == (
        "nullability-changed",
        "response 200 name",
        "breaking",
    )
    assert (difference.ours, difference.theirs) == ("not nullable", "nullable")
    # The other way round our model is more lenient than needed: informational.
    assert rows(upstream.compare(theirs, ours)) == {
        ("nullability-changed", "response 200 name", "info")
    }


# --- parameters -----------------------------------------------------------------------------


def test_parameters_added_removed_and_required() -> None:
    ours = listing(
        {},
        parameters=[
            query("keep", {"type": "string"}),
            query("gone", {"type": "string"}),
            query("must", {"type": "string"}),
            query("relaxed", {"type": "string"}, required=True),
        ],
    )
    theirs = listing(
        {},
        parameters=[
            query("keep", {"type": "string"}),
            query("must", {"type": "string"}, required=True),
            query("relaxed", {"type": "string"}),
            query("extra", {"type": "string"}),
            query("needed", {"type": "integer"}, required=True),
            {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
        ],
    )
    assert rows(upstream.compare(ours, theirs)) == {
        ("parameter-removed", "parameter gone", "breaking"),
        ("parameter-required", "parameter must", "breaking"),
        ("parameter-required", "parameter relaxed", "info"),
        ("parameter-added", "parameter extra", "info"),
        ("parameter-added", "parameter needed", "breaking"),
        ("parameter-added", "header parameter X-Trace", "info"),
    }


def test_parameters_retyped() -> None:
    ours = listing(
        {},
        parameters=[
            query("since", {"type": "string", "format": "date-time"}),
            query("size", {"type": "integer"}),
            query("ratio", {"type": "number"}),
            query("flag", {"type": "boolean"}),
            query("width", {"type": "integer", "format": "int32"}),
        ],
    )
    theirs = listing(
        {},
        parameters=[
            query("since", {"type": "string", "format": "date"}),
            query("size", {"type": "number"}),  # accepts everything we send
            query("ratio", {"type": "integer"}),  # we may send 0.5
            query("flag", {"type": "string"}),
            query("width", {"type": "integer", "format": "int64"}),
        ],
    )
    differences = upstream.compare(ours, theirs)
    assert rows(differences) == {
        ("parameter-retyped", "parameter since", "breaking"),
        ("parameter-retyped", "parameter size", "info"),
        ("parameter-retyped", "parameter ratio", "breaking"),
        ("parameter-retyped", "parameter flag", "breaking"),
        ("parameter-retyped", "parameter width", "info"),
    }
    since = next(d for d in differences if d.location == "parameter since")
    assert (since.ours, since.theirs) == ("string (date-time)", "string (date)")


def test_request_enum_values_and_bounds() -> None:
    ours = listing(
        {},
        parameters=[
            query("status", {"$ref": "#/components/schemas/Status"}),
            query("size", {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}),
            query("limit", {"type": "integer", "maximum": 10}),
        ],
    )
    ours["components"] = {"schemas": {"Status": {"type": "string", "enum": ["a", "b", "old"]}}}
    theirs = listing(
        {},
        parameters=[
            query("status", {"type": "string", "enum": ["a", "b", "new"]}),
            query("size", {"type": "integer", "minimum": 0, "maximum": 50, "default": 20}),
            query("limit", {"type": "integer"}),
        ],
    )
    differences = upstream.compare(ours, theirs)
    assert rows(differences) == {
        ("enum-value-removed", "parameter status", "breaking"),
        ("enum-value-added", "parameter status", "info"),
        ("constraint-changed", "parameter size", "breaking"),  # maximum 100 > 50
        ("constraint-changed", "parameter size", "info"),  # minimum, default
        ("constraint-changed", "parameter limit", "info"),
    }
    removed = next(d for d in differences if d.kind == "enum-value-removed")
    assert (removed.ours, removed.theirs) == ("'old'", "not listed")
    bounds = {(d.ours, d.theirs, d.severity) for d in differences if d.location.endswith("size")}
    assert bounds == {
        ("minimum=1", "minimum=0", "info"),
        ("maximum=100", "maximum=50", "breaking"),
        ("default=25", "default=20", "info"),
    }


def test_a_plain_string_parameter_the_vendor_restricts_to_an_enum_is_breaking() -> None:
    ours = listing({}, parameters=[query("sort", {"type": "string"})])
    theirs = listing({}, parameters=[query("sort", {"type": "string", "enum": ["id"]})])
    assert rows(upstream.compare(ours, theirs)) == {("enum-changed", "parameter sort", "breaking")}
    assert rows(upstream.compare(theirs, ours)) == {("enum-changed", "parameter sort", "info")}


def test_parameter_refs_and_path_templates_are_resolved() -> None:
    ours = document(
        {
            "/items/{item_id}": {
                "parameters": [
                    {
                        "name": "item_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "get": {
                    "parameters": [{"$ref": "#/components/parameters/size"}],
                    "responses": {"200": {"description": "ok"}},
                },
            }
        },
        parameters={"size": query("size", {"type": "integer"})},
    )
    theirs = document(
        {
            "/items/{id}": {
                "get": {
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        query("size", {"type": "integer"}),
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        version="3.0.0",
    )
    differences = upstream.compare(ours, theirs)
    # Matched by method and path despite the template names; the path parameter differs
    # only by name, which shows as one removed and one added parameter.
    assert {d.operation for d in differences} == {"GET /items/{item_id}"}
    assert rows(differences) == {
        ("parameter-removed", "path parameter item_id", "breaking"),
        ("parameter-added", "path parameter id", "breaking"),
    }


# --- operations -----------------------------------------------------------------------------


def test_missing_and_uncovered_operations() -> None:
    ours = document(
        {
            "/items": {"get": {"responses": {"200": {"description": "ok"}}}},
            "/gone": {"get": {"responses": {"200": {"description": "ok"}}}},
        }
    )
    theirs = document(
        {
            "/items": {
                "get": {"responses": {"200": {"description": "ok"}}},
                "post": {"responses": {"200": {"description": "ok"}}},
            }
        }
    )
    missing = only(upstream.compare(ours, theirs))
    assert (missing.operation, missing.kind, missing.severity) == (
        "GET /gone",
        "operation-missing",
        "breaking",
    )
    with_all = upstream.compare(ours, theirs, include_uncovered=True)
    assert {(d.operation, d.kind, d.severity) for d in with_all} == {
        ("GET /gone", "operation-missing", "breaking"),
        ("POST /items", "operation-not-covered", "info"),
    }


def test_request_bodies() -> None:
    def post(request_body: dict[str, Any] | None) -> dict[str, Any]:
        operation: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
        if request_body is not None:
            operation["requestBody"] = request_body
        return document({"/items": {"post": operation}})

    schema = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}
    narrower = {
        "type": "object",
        "required": ["c"],
        "properties": {"a": {"type": "string"}, "c": {"type": "string"}},
    }
    differences = upstream.compare(post(body(schema)), post(body(narrower)))
    assert rows(differences) == {
        ("field-removed", "request body b", "breaking"),
        ("field-added", "request body c", "breaking"),
    }
    assert rows(upstream.compare(post(None), post(body(schema) | {"required": True}))) == {
        ("request-body-added", "request body", "breaking")
    }
    assert rows(upstream.compare(post(body(schema)), post(None))) == {
        ("request-body-removed", "request body", "breaking")
    }

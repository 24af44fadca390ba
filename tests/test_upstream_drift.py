"""Drift check 3 (codegen/upstream.py): the vendor's published OpenAPI document vs our spec.

Every document here is a small one written by the test itself; no test reads the vendors'
real documents (CI does not have them) or touches the network.
"""

from __future__ import annotations

import copy
import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import upstream
from codegen.upstream import Difference, UpstreamError

ROOT = Path(__file__).resolve().parent.parent
OP = "GET /items"

Row = tuple[str, str, str]  # kind, location, severity


def document(
    paths: dict[str, Any],
    *,
    version: str = "3.1.0",
    schemas: dict[str, Any] | None = None,
    parameters: dict[str, Any] | None = None,
) -> dict[str, Any]:
    doc: dict[str, Any] = {"openapi": version, "info": {"title": "t", "version": "1"}}
    doc["paths"] = paths
    components: dict[str, Any] = {}
    if schemas:
        components["schemas"] = schemas
    if parameters:
        components["parameters"] = parameters
    if components:
        doc["components"] = components
    return doc


def body(schema: Any) -> dict[str, Any]:
    return {"description": "d", "content": {"application/json": {"schema": schema}}}


def listing(
    schema: Any,
    *,
    version: str = "3.1.0",
    schemas: dict[str, Any] | None = None,
    parameters: list[Any] | None = None,
    responses: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A document with one operation, GET /items, whose 200 body is `schema`."""
    operation: dict[str, Any] = {"responses": {"200": body(schema), **(responses or {})}}
    if parameters is not None:
        operation["parameters"] = parameters
    return document({"/items": {"get": operation}}, version=version, schemas=schemas)


def query(name: str, schema: dict[str, Any], *, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema}


def rows(differences: list[Difference]) -> set[Row]:
    return {(d.kind, d.location, d.severity) for d in differences}


def only(differences: list[Difference]) -> Difference:
    assert len(differences) == 1, differences
    return differences[0]


ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {"id": {"type": "string"}},
    "required": ["id"],
}


def items_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {"data": {"type": "array", "items": item}}}


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


# --- allow-list -----------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_allowlist_entries_match_by_kind_operation_and_glob() -> None:
    entry = upstream.AllowEntry(
        "goodstack", OP, "field-required", "response 200 data[].*", "because"
    )

    def diff(location: str, kind: str = "field-required") -> Difference:
        return Difference(OP, location, kind, "required", "optional", "breaking")

    assert entry.matches(diff("response 200 data[].id"))
    assert not entry.matches(diff("response 200 data[].results.status"))  # * stops at a dot
    assert not entry.matches(diff("response 200 data[].id", "field-removed"))
    assert not entry.matches(
        Difference("GET /other", "response 200 data[].id", "field-required", "", "", "breaking")
    )
    deep = upstream.AllowEntry("goodstack", OP, "field-required", "response 200 data[]**.id", "r")
    assert deep.matches(diff("response 200 data[].results.tags[].id"))
    assert not deep.matches(diff("response 200 data[].results.tags[].name"))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('operation = "GET /items"\nkind = "field-added"\nlocation = "x"\n', "reason"),
        (
            'operation = "GET /items"\nkind = "field-added"\nlocation = "x"\nreason = "  "\n',
            "reason",
        ),
        ('operation = "GET /items"\nkind = "typo"\nlocation = "x"\nreason = "r"\n', "kind"),
        (
            'operation = "GET /items"\nkind = "field-added"\nlocation = "x"\nreason = "r"\n'
            'note = "?"\n',
            "unknown key",
        ),
        ('kind = "field-added"\nlocation = "x"\nreason = "r"\n', "operation"),
    ],
)
def test_allowlist_rejects_bad_entries(tmp_path: Path, entry: str, message: str) -> None:
    path = write(tmp_path / "allow.toml", "[[goodstack]]\n" + entry)
    with pytest.raises(UpstreamError, match=message):
        upstream.load_allowlist(path, "goodstack")


def test_allowlist_rejects_unknown_vendors_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(UpstreamError, match="unknown table"):
        upstream.load_allowlist(write(tmp_path / "a.toml", "[[acme]]\n"), "goodstack")
    with pytest.raises(UpstreamError, match="invalid TOML"):
        upstream.load_allowlist(write(tmp_path / "b.toml", "[[goodstack]\n"), "goodstack")


def test_allowlist_selects_the_vendor(tmp_path: Path) -> None:
    entry = 'operation = "GET /items"\nkind = "field-added"\nlocation = "x"\nreason = "r"\n'
    path = write(tmp_path / "allow.toml", f"[[goodstack]]\n{entry}[[truemed]]\n{entry}")
    (only_entry,) = upstream.load_allowlist(path, "truemed")
    assert only_entry.vendor == "truemed"
    assert len(upstream.load_allowlist(path)) == 2


def test_committed_allowlist_is_valid() -> None:
    entries = upstream.load_allowlist(upstream.DEFAULT_ALLOWLIST)
    assert entries
    assert all(entry.reason for entry in entries)


def _strip_required(node: Any) -> Any:
    """Our spec as the vendor writes it: no `required` in any schema."""
    if isinstance(node, dict):
        return {k: _strip_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_strip_required(v) for v in node]
    return node


def test_committed_allowlist_covers_our_goodstack_requirements() -> None:
    # The vendor marks no response field required; every field our spec requires must be
    # explained by the committed allow-list, and every entry must be used.
    ours = yaml.safe_load((ROOT / "specs/goodstack.yaml").read_text(encoding="utf-8"))
    vendor_style = _strip_required(ours)
    differences = upstream.compare(ours, vendor_style)
    assert {d.kind for d in differences} == {"field-required"}
    entries = upstream.load_allowlist(upstream.DEFAULT_ALLOWLIST, "goodstack")
    outcomes, stale = upstream.apply_allowlist(differences, entries)
    assert [o.difference.location for o in outcomes if o.failing] == []
    assert stale == []


# --- loader ---------------------------------------------------------------------------------


def test_load_document_reads_json_and_yaml_paths(tmp_path: Path) -> None:
    doc = listing({"type": "object"})
    json_path = write(tmp_path / "doc.json", json.dumps(doc))
    yaml_path = write(tmp_path / "doc.yaml", yaml.safe_dump(doc))
    assert upstream.load_document(json_path) == doc
    assert upstream.load_document(str(yaml_path)) == doc


def test_load_document_reads_a_file_url(tmp_path: Path) -> None:
    doc = listing({"type": "object"})
    path = write(tmp_path / "doc.json", json.dumps(doc))
    assert upstream.load_document(path.as_uri()) == doc


def test_load_document_fetches_http_with_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = listing({"type": "object"})
    seen: dict[str, Any] = {}

    class Response:
        def __enter__(self) -> Response:
            return self

        def __exit__(self, *args: object) -> None:
            return None

        def read(self, limit: int) -> bytes:
            return yaml.safe_dump(doc).encode()

    def urlopen(request: Any, timeout: float) -> Response:
        seen["url"] = request.full_url
        seen["timeout"] = timeout
        return Response()

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    assert upstream.load_document("https://vendor.example/openapi.yaml") == doc
    assert seen == {"url": "https://vendor.example/openapi.yaml", "timeout": 30.0}


def test_load_document_reports_fetch_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def urlopen(request: Any, timeout: float) -> Any:
        raise urllib.error.URLError("no route")

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    with pytest.raises(UpstreamError, match="cannot fetch"):
        upstream.load_document("http://vendor.example/openapi.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json: [", "neither JSON nor YAML"),
        ("- a list\n", "no top-level mapping"),
        ('{"swagger": "2.0", "paths": {}}', "Swagger 2.0"),
        ('{"openapi": "4.0.0", "paths": {}}', "not an OpenAPI 3.0 or 3.1"),
        ('{"openapi": "3.1.0", "paths": []}', "paths"),
    ],
)
def test_load_document_rejects_what_it_cannot_compare(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(UpstreamError, match=message):
        upstream.load_document(write(tmp_path / "doc", text))


def test_load_document_rejects_missing_files_and_other_schemes(tmp_path: Path) -> None:
    with pytest.raises(UpstreamError, match="cannot read"):
        upstream.load_document(tmp_path / "absent.json")
    with pytest.raises(UpstreamError, match="unsupported URL scheme"):
        upstream.load_document("ftp://vendor.example/openapi.json")


# --- command line, exit codes and report -----------------------------------------------------


@pytest.fixture
def drifted(tmp_path: Path) -> tuple[Path, Path]:
    """Our spec and a vendor document that differ by one breaking and one info difference."""
    ours = listing(
        items_of({**ITEM, "properties": {**ITEM["properties"], "name": {"type": "string"}}})
    )
    theirs = listing(
        items_of(
            {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "extra": {"type": "string"},
                },
            }
        ),
        version="3.0.0",
    )
    return (
        write(tmp_path / "ours.yaml", yaml.safe_dump(ours)),
        write(tmp_path / "theirs.json", json.dumps(theirs)),
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = upstream.main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_breaking_difference_fails_and_the_report_names_it(
    drifted: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = drifted
    empty = write(tmp_path / "allow.toml", "")
    status, out, err = run(
        ["goodstack", str(theirs), "--spec", str(ours), "--allowlist", str(empty)], capsys
    )
    assert status == 1
    assert err == ""
    lines = out.splitlines()
    heading = lines.index("GET /items: 1 breaking (0 allowed), 1 info")
    breaking = lines.index("  BREAKING  field-required  response 200 data[].id")
    info = lines.index("  info      field-added  response 200 data[].extra")
    assert heading < breaking < info
    assert "ours: required | theirs: optional" in lines[breaking + 1]
    assert (
        "Summary: 2 differences in 1 operation: 1 breaking (0 allowed, 1 not allowed), 1 info;"
        " 0 stale allow-list entries."
    ) in lines
    assert lines[-1].startswith("FAILED: 1 breaking difference not allow-listed.")


def test_allow_listed_difference_passes_and_stale_entries_warn(
    drifted: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = drifted
    allow = write(
        tmp_path / "allow.toml",
        '[[goodstack]]\noperation = "GET /items"\nkind = "field-required"\n'
        'location = "response 200 data[].*"\nreason = "we know ids are always sent"\n'
        '[[goodstack]]\noperation = "GET /items"\nkind = "field-removed"\n'
        'location = "response 200 data[].old"\nreason = "no longer needed"\n'
        '[[truemed]]\noperation = "GET /other"\nkind = "field-removed"\n'
        'location = "x"\nreason = "another vendor: neither used nor stale here"\n',
    )
    status, out, _ = run(
        ["goodstack", str(theirs), "--spec", str(ours), "--allowlist", str(allow)], capsys
    )
    assert status == 0
    assert "            allowed: we know ids are always sent" in out.splitlines()
    assert (
        "warning: stale allow-list entry, it matches nothing: [[goodstack]] field-removed "
        "GET /items response 200 data[].old"
    ) in out
    assert "GET /other" not in out
    assert "1 breaking (1 allowed, 0 not allowed), 1 info; 1 stale allow-list entry." in out
    assert out.splitlines()[-1] == "OK: no breaking difference outside the allow-list."


def test_no_breaking_difference_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = write(tmp_path / "ours.json", json.dumps(listing(items_of(ITEM))))
    theirs_doc = listing(
        items_of({**ITEM, "properties": {**ITEM["properties"], "extra": {"type": "string"}}})
    )
    theirs = write(tmp_path / "theirs.json", json.dumps(theirs_doc))
    empty = write(tmp_path / "allow.toml", "")
    status, out, _ = run(
        ["truemed", str(theirs), "--spec", str(ours), "--allowlist", str(empty)], capsys
    )
    assert status == 0
    assert "0 breaking (0 allowed, 0 not allowed), 1 info" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["acme", "doc.json"],
        ["goodstack"],
        ["goodstack", "{tmp}/absent.json"],
        ["goodstack", "{tmp}/theirs.json", "--spec", "{tmp}/absent.yaml"],
        [
            "goodstack",
            "{tmp}/theirs.json",
            "--spec",
            "{tmp}/ours.yaml",
            "--allowlist",
            "{tmp}/absent.toml",
        ],
        [
            "goodstack",
            "{tmp}/theirs.json",
            "--spec",
            "{tmp}/ours.yaml",
            "--allowlist",
            "{tmp}/bad.toml",
        ],
        ["goodstack", "{tmp}/broken.json", "--spec", "{tmp}/ours.yaml"],
        ["goodstack", "{tmp}/theirs.json", "--spec", "{tmp}/ours.yaml", "--bogus"],
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str],
    drifted: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write(
        tmp_path / "bad.toml",
        '[[goodstack]]\noperation = "x"\nkind = "field-added"\nlocation = "y"\n',
    )
    write(tmp_path / "broken.json", "{")
    status, out, err = run([arg.format(tmp=tmp_path) for arg in argv], capsys)
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("python -m codegen.upstream: error: ")
    assert "Traceback" not in err

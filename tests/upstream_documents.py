"""Small OpenAPI documents and difference summaries for the drift check 3 tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codegen.drift.upstream import Difference

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

"""The vendor's pinned facts: structure only, every referenced schema, where they came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codegen.drift.upstream.model import UpstreamError
from codegen.drift.upstream.pinning import pin, pinned_path

DOCUMENT = {
    "openapi": "3.0.0",
    "info": {"title": "Vendor", "version": "1", "description": "Prose we do not keep."},
    "paths": {
        "/v1/things": {
            "summary": "Things",
            "get": {
                "operationId": "listThings",
                "summary": "List things",
                "description": "Long prose.",
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "description": "Filter.",
                        "schema": {"$ref": "#/components/schemas/Status"},
                        "example": "live",
                    }
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Page"},
                                "examples": {"one": {"value": {}}},
                            }
                        },
                    }
                },
            },
        },
        "/v1/other": {"get": {"operationId": "other", "responses": {}}},
    },
    "components": {
        "schemas": {
            "Page": {
                "type": "object",
                "required": ["data"],
                "properties": {
                    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                    "description": {"type": "string", "nullable": True, "example": "x"},
                },
            },
            "Thing": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Status": {"type": "string", "enum": ["live", "gone"], "description": "Prose."},
            "Unused": {"type": "string"},
        }
    },
}


def test_pinning_keeps_structure_and_drops_prose() -> None:
    pinned = pin(
        DOCUMENT, ["/v1/things"], source="https://vendor.example/openapi", retrieved="2026-12-03"
    )
    assert pinned == {
        "components": {
            "schemas": {
                "Page": {
                    "type": "object",
                    "required": ["data"],
                    "properties": {
                        "data": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Thing"},
                        },
                        # A field called "description" is a name, and kept.
                        "description": {"type": "string", "nullable": True},
                    },
                },
                "Thing": {"type": "object", "properties": {"id": {"type": "string"}}},
                "Status": {"type": "string", "enum": ["live", "gone"]},
            }
        },
        "info": {"title": "Vendor", "version": "1"},
        "openapi": "3.0.0",
        "paths": {
            "/v1/things": {
                "get": {
                    "operationId": "listThings",
                    "parameters": [
                        {
                            "name": "status",
                            "in": "query",
                            "schema": {"$ref": "#/components/schemas/Status"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Page"}
                                }
                            }
                        }
                    },
                }
            }
        },
        "x-pinned": {
            "source": "https://vendor.example/openapi",
            "retrieved": "2026-12-03",
            "by": "python -m codegen.drift.upstream.pinning",
        },
    }


def test_pinning_a_path_the_vendor_lacks_is_an_error() -> None:
    with pytest.raises(UpstreamError, match="no /v1/missing"):
        pin(DOCUMENT, ["/v1/missing"], source="s", retrieved="r")


def test_the_committed_facts_say_where_they_came_from() -> None:
    pinned = json.loads(pinned_path("goodstack").read_text(encoding="utf-8"))
    assert pinned["x-pinned"]["source"].startswith("https://")
    assert pinned["x-pinned"]["retrieved"] == "2026-12-03"
    assert list(pinned["paths"]) == ["/v1/eligibility-subscriptions"]
    text = json.dumps(pinned)
    for prose in ('"summary"', '"example"', '"examples"'):
        assert prose not in text
    assert Path(pinned_path("goodstack")).parent.name == "upstream"

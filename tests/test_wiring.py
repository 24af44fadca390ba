"""Every operation the specs declare has a client method (sync and async), a fake and a command."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest
import yaml
from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
)
from eligibility_clients._api_resource import APIResource
from eligibility_clients._cli import _export
from eligibility_clients._operation import OPERATION_ATTRIBUTE
from eligibility_clients.testing import FakeGoodstack, FakeTruemed

from codegen.generate.surface import read_operations
from codegen.generate.wiring import unwired

ROOT = Path(__file__).resolve().parent.parent
VENDORS: dict[str, tuple[Any, Any, Any]] = {
    "truemed": (TruemedClient, AsyncTruemedClient, FakeTruemed),
    "goodstack": (GoodstackClient, AsyncGoodstackClient, FakeGoodstack),
}


def methods_of(client: Any) -> set[str]:
    """The operation ids the client's resources serve, as their methods declare them."""
    found: set[str] = set()
    for resource in vars(client).values():
        if not isinstance(resource, APIResource):
            continue
        for name in dir(type(resource)):
            operation_id = getattr(getattr(type(resource), name), OPERATION_ATTRIBUTE, None)
            if isinstance(operation_id, str):
                found.add(operation_id)
    return found


def served(vendor: str) -> dict[str, set[str]]:
    sync_client, async_client, fake = VENDORS[vendor]
    commands = {
        endpoint.operation.operation_id
        for endpoint in vars(_export).values()
        if isinstance(endpoint, _export.Endpoint)
    }
    return {
        "sync client method": methods_of(sync_client(api_key="wiring-test-key")),
        "async client method": methods_of(async_client(api_key="wiring-test-key")),
        "fake handler": {operation.operation_id for operation in fake.OPERATIONS},
        "command": commands,
    }


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_every_spec_operation_is_served(vendor: str) -> None:
    parts = served(vendor)
    assert all(parts.values()), parts  # each part was found serving something
    assert unwired(ROOT / f"specs/{vendor}.yaml", parts) == []


RETRIEVE = {
    "get": {
        "operationId": "retrieve_qualification_session_history",
        "summary": "Retrieve a Qualification Session's history",
        "tags": ["qualification_sessions"],
        "parameters": [
            {
                "name": "qualification_session_id",
                "in": "path",
                "required": True,
                "schema": {"type": "string"},
            }
        ],
        "responses": {
            "200": {
                "description": "One session.",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/QualificationSession"}
                    }
                },
            }
        },
    }
}


def test_an_operation_added_to_the_spec_alone_is_reported(tmp_path: Path) -> None:
    document = yaml.safe_load((ROOT / "specs/truemed.yaml").read_text("utf-8"))
    document["paths"]["/api/v1/qualification_session/{qualification_session_id}/history"] = RETRIEVE
    spec = tmp_path / "truemed.yaml"
    spec.write_text(yaml.safe_dump(document), "utf-8")
    assert unwired(spec, served("truemed")) == [
        "truemed.yaml: retrieve_qualification_session_history has no sync client method",
        "truemed.yaml: retrieve_qualification_session_history has no async client method",
        "truemed.yaml: retrieve_qualification_session_history has no fake handler",
    ]
    left_out = {"retrieve_qualification_session_history": "reference only"}
    assert unwired(spec, served("truemed"), left_out) == []


def test_a_list_operation_added_to_the_spec_alone_also_needs_a_command(tmp_path: Path) -> None:
    document = yaml.safe_load((ROOT / "specs/truemed.yaml").read_text("utf-8"))
    listing = document["paths"]["/api/v1/qualification_sessions"]["get"]
    document["paths"]["/api/v2/qualification_sessions"] = {
        "get": {**listing, "operationId": "list_qualification_sessions_v2"}
    }
    spec = tmp_path / "truemed.yaml"
    spec.write_text(yaml.safe_dump(document), "utf-8")
    assert unwired(spec, served("truemed")) == [
        "truemed.yaml: list_qualification_sessions_v2 has no sync client method",
        "truemed.yaml: list_qualification_sessions_v2 has no async client method",
        "truemed.yaml: list_qualification_sessions_v2 has no fake handler",
        "truemed.yaml: list_qualification_sessions_v2 has no command",
    ]


def _methods(client: Any) -> dict[str, Any]:
    """Each method of the client's resources that serves an operation, by operation id."""
    found: dict[str, Any] = {}
    for resource in vars(client).values():
        if isinstance(resource, APIResource):
            for name in dir(type(resource)):
                method = getattr(resource, name)
                operation_id = getattr(method, OPERATION_ATTRIBUTE, None)
                if isinstance(operation_id, str):
                    found[operation_id] = method
    return found


@pytest.mark.parametrize("vendor", sorted(VENDORS))
@pytest.mark.parametrize("mode", [0, 1], ids=["sync", "async"])
def test_each_method_takes_what_its_operation_declares(vendor: str, mode: int) -> None:
    """A list operation's filters, or a one-object operation's path parameters, as the spec says.

    Path parameters are the method's own positional parameters; query parameters users pass
    (not the walk's `page`/`cursor`) are the keywords of its filters' TypedDict.
    """
    client = VENDORS[vendor][mode](api_key="wiring-test-key")
    methods = _methods(client)
    for operation in read_operations(ROOT / f"specs/{vendor}.yaml"):
        method = methods[operation.operation_id]
        parameters = inspect.signature(method).parameters
        path = [p.python_name for p in operation.parameters if p.location == "path"]
        named = [n for n, p in parameters.items() if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert named == path, operation.operation_id
        query = {
            p.python_name
            for p in operation.parameters
            if p.location == "query" and "role" not in p.rules
        }
        filters = [p for p in parameters.values() if p.kind is p.VAR_KEYWORD]
        if operation.items_key is None:
            assert not filters, operation.operation_id
            assert not query, operation.operation_id
            continue
        (declared,) = filters
        typed = get_type_hints(method, include_extras=True)[declared.name]
        assert set(get_args(typed)[0].__annotations__) == query, operation.operation_id

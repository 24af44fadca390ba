"""Property tests: near-valid pages with one field removed, nulled or mistyped.

Whatever single change is made to one item, the walk either yields every item, exact and in
order, or raises `APIResponseValidationError` naming the changed field; nothing else escapes.
When Goodstack's published OpenAPI document is present next to the repository, every
single-field omission of a full item that the document still accepts must walk in the default
mode (the document is read from its place, never copied here).
"""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

import httpx2
import pytest
from eligibility_clients import APIError, APIResponseValidationError, GoodstackClient, TruemedClient
from hypothesis import given
from hypothesis import strategies as st

from codegen.refs import References
from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    Recorder,
    goodstack_page,
    truemed_page,
)

SUB_TAG: dict[str, Any] = {
    "id": "activitysubtag_1",
    "name": "Wildlife",
    "tag": {
        "id": "activitytag_1",
        "name": "Environment",
        "description": None,
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": None,
    },
    "description": "Animals",
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-02-01T00:00:00Z",
}
# Values of the wrong JSON type for any field of these specs: every field is a string, a
# number, an object or an array, so one of these is always wrong.
WRONG = [True, {"x": 1}, [1], "not-a-date"]
# Goodstack's published facts, pinned in the repository (codegen/drift/upstream/pinning.py).
REFERENCE = Path(__file__).resolve().parents[1] / "specs/upstream/goodstack.json"


def full_goodstack_page() -> dict[str, Any]:
    body: dict[str, Any] = goodstack_page(range(3)).json()
    for item in body["data"]:
        item["suggestedActivitySubTags"] = [copy.deepcopy(SUB_TAG)]
        item["results"]["confirmedActivitySubTags"] = [copy.deepcopy(SUB_TAG)]
        item["results"]["rejectedActivitySubTags"] = []
        item["updatedAt"] = "2024-03-01T00:00:00Z"
    return body


def paths(node: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key path inside `node` (objects' keys and arrays' indexes)."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*prefix, key))
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(paths(value, (*prefix, index)))
    return found


def dotted(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


GOODSTACK_FIELDS = [p for p in paths(full_goodstack_page()["data"][1]) if isinstance(p[-1], str)]
TRUEMED_FIELDS = [
    p
    for p in paths(truemed_page(range(3), page=1, last_page=1).json()["qualification_sessions"][1])
]


def change(item: dict[str, Any], path: tuple[str | int, ...], how: str, wrong: object) -> None:
    parent: Any = item
    for part in path[:-1]:
        parent = parent[part]
    if how == "remove":
        del parent[path[-1]]
    elif how == "null":
        parent[path[-1]] = None
    else:
        parent[path[-1]] = wrong


def check(vendor: str, path: tuple[str | int, ...], how: str, wrong: object, strict: bool) -> None:
    client_type: Any
    if vendor == "goodstack":
        body = full_goodstack_page()
        key, resource, ids = "data", "eligibility_subscriptions", "id"
        client_type, api_key = GoodstackClient, GOODSTACK_KEY
    else:
        body = truemed_page(range(3), page=1, last_page=1).json()
        key, resource, ids = (
            "qualification_sessions",
            "qualification_sessions",
            "qualification_session_id",
        )
        client_type, api_key = TruemedClient, TRUEMED_KEY
    expected = [item[ids] for item in body[key]]
    change(body[key][1], path, how, wrong)
    client = client_type(
        api_key=api_key,
        transport=Recorder(httpx2.Response(200, json=body)).transport,
        max_retries=0,
        strict_response_validation=strict,
    )
    failure: APIError | None = None
    try:
        items = list(getattr(client, resource).list())
    except APIError as exc:
        failure = exc
    if failure is not None:
        # Only a problem at (or inside) the changed field may be reported, by its exact path.
        assert isinstance(failure, APIResponseValidationError)
        assert failure.field is not None
        assert failure.field.startswith(f"{key}[1].{dotted(path)}")
        return
    got = [getattr(item, ids) for item in items]
    if path == (ids,):
        expected[1] = wrong if how == "mistype" else None
    assert got == expected
    # to_dict() keeps the vendor's shape: the same keys, at the same places.
    assert paths(items[1].to_dict()) == paths(body[key][1])


@given(
    path=st.sampled_from(GOODSTACK_FIELDS),
    how=st.sampled_from(["remove", "null", "mistype"]),
    wrong=st.sampled_from(WRONG),
    strict=st.booleans(),
)
def test_goodstack_single_field_changes(
    path: tuple[str | int, ...], how: str, wrong: object, strict: bool
) -> None:
    check("goodstack", path, how, wrong, strict)


@given(
    path=st.sampled_from(TRUEMED_FIELDS),
    how=st.sampled_from(["remove", "null", "mistype"]),
    wrong=st.sampled_from(WRONG),
    strict=st.booleans(),
)
def test_truemed_single_field_changes(
    path: tuple[str | int, ...], how: str, wrong: object, strict: bool
) -> None:
    check("truemed", path, how, wrong, strict)


@given(path=st.sampled_from(GOODSTACK_FIELDS))
def test_default_mode_never_raises_for_an_omission(path: tuple[str | int, ...]) -> None:
    body = full_goodstack_page()
    change(body["data"][1], path, "remove", None)
    client = GoodstackClient(
        api_key=GOODSTACK_KEY,
        transport=Recorder(httpx2.Response(200, json=body)).transport,
        max_retries=0,
    )
    items = list(client.eligibility_subscriptions.list())
    assert len(items) == 3
    assert paths(items[1].to_dict()) == paths(body["data"][1])


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    resolved: dict[str, Any] = References(document).deref(schema)
    return resolved


def _valid(document: dict[str, Any], schema: dict[str, Any], value: Any) -> bool:
    """A small validator for the parts of OpenAPI 3.0 the vendor's item schema uses."""
    schema = _resolve(document, schema)
    if value is None:
        return bool(schema.get("nullable")) or ("type" not in schema and "properties" not in schema)
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            return any(_valid(document, option, value) for option in schema[combinator])
    if "allOf" in schema:
        return all(_valid(document, option, value) for option in schema["allOf"])
    kind = schema.get("type", "object" if "properties" in schema else None)
    if kind == "object":
        if not isinstance(value, dict):
            return False
        if any(name not in value for name in schema.get("required", [])):
            return False
        return all(
            _valid(document, sub, value[name])
            for name, sub in schema.get("properties", {}).items()
            if name in value
        )
    if kind == "array":
        return isinstance(value, list) and all(
            _valid(document, schema.get("items", {}), element) for element in value
        )
    if kind == "string":
        return isinstance(value, str) and ("enum" not in schema or value in schema["enum"])
    if kind in ("number", "integer"):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    return True


def test_every_omission_the_vendors_document_allows_walks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    document = json.loads(REFERENCE.read_text(encoding="utf-8"))
    operation = document["paths"]["/v1/eligibility-subscriptions"]["get"]
    page_schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    item_schema = _resolve(document, page_schema)["properties"]["data"]["items"]
    full = full_goodstack_page()
    assert _valid(document, item_schema, full["data"][1]), "the full item must fit the document"
    tried = 0
    for path in GOODSTACK_FIELDS:
        body = copy.deepcopy(full)
        change(body["data"][1], path, "remove", None)
        if not _valid(document, item_schema, body["data"][1]):
            continue
        tried += 1
        client = GoodstackClient(
            api_key=GOODSTACK_KEY,
            transport=Recorder(httpx2.Response(200, json=body)).transport,
            max_retries=0,
        )
        with caplog.at_level(logging.WARNING, logger="eligibility_clients"):
            items = list(client.eligibility_subscriptions.list())
        assert [paths(item.to_dict()) for item in items] == [
            paths(item) for item in body["data"]
        ], dotted(path)
    assert tried == len(GOODSTACK_FIELDS)

"""Local `$ref`s and JSON pointers, resolved in one place (codegen/refs.py)."""

from __future__ import annotations

from typing import Any

import pytest

from codegen.refs import References, UnresolvableReference, segments

DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "Plain": {"type": "string"},
            "a/b": {"type": "integer"},
            "c~d": {"type": "boolean"},
            "~1": {"type": "number"},
            "with space": {"type": "null"},
            "Alias": {"$ref": "#/components/schemas/Plain"},
            "Loop": {"$ref": "#/components/schemas/Loop2"},
            "Loop2": {"$ref": "#/components/schemas/Loop"},
        },
        "parameters": {"sizes": [{"name": "first"}, {"name": "second"}]},
    }
}


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("#/components/schemas/Plain", {"type": "string"}),
        # RFC 6901: `~1` is `/` and `~0` is `~` inside a step.
        ("#/components/schemas/a~1b", {"type": "integer"}),
        ("#/components/schemas/c~0d", {"type": "boolean"}),
        # `~01` is `~1` (the key), not `/`: `~1` is unescaped first.
        ("#/components/schemas/~01", {"type": "number"}),
        # The fragment of a URI is percent-decoded first.
        ("#/components/schemas/with%20space", {"type": "null"}),
        ("#/components/parameters/sizes/1", {"name": "second"}),
    ],
)
def test_a_pointer_finds_its_node(ref: str, expected: dict[str, Any]) -> None:
    assert References(DOCUMENT).lookup(ref) == expected


@pytest.mark.parametrize(
    "ref",
    [
        "#/components/schemas/a/b",  # an unescaped `/` is two steps
        "#/components/schemas/Missing",
        "#/components/parameters/sizes/2",
        "#/components/parameters/sizes/first",
        "#/components/schemas/Plain/type/x",
        "#/components/schemas/Plain/nullable",
    ],
)
def test_a_pointer_to_nowhere_is_refused_by_name(ref: str) -> None:
    with pytest.raises(UnresolvableReference, match="unresolvable") as raised:
        References(DOCUMENT).lookup(ref)
    assert ref in str(raised.value)


def test_only_local_references_are_followed() -> None:
    with pytest.raises(UnresolvableReference, match="external"):
        References(DOCUMENT).lookup("other.yaml#/components/schemas/Plain")


def test_deref_follows_a_chain_and_leaves_other_nodes_alone() -> None:
    references = References(DOCUMENT)
    assert references.deref({"$ref": "#/components/schemas/Alias"}) == {"type": "string"}
    assert references.deref({"type": "string"}) == {"type": "string"}
    assert references.deref(["not", "a", "mapping"]) == ["not", "a", "mapping"]


def test_deref_refuses_a_cycle() -> None:
    with pytest.raises(UnresolvableReference, match="cycle"):
        References(DOCUMENT).deref({"$ref": "#/components/schemas/Loop"})


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("#/components/schemas/Plain", ("components", "schemas", "Plain")),
        ("#/components/schemas/a~1b", ("components", "schemas", "a/b")),
        ("#/components/schemas/c~0d", ("components", "schemas", "c~d")),
        ("#/components/schemas/~01", ("components", "schemas", "~1")),
        ("#", ()),
    ],
)
def test_segments_are_unescaped(ref: str, expected: tuple[str, ...]) -> None:
    assert segments(ref) == expected

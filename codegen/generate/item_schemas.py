"""The third generation step: each list operation's item schema, as Python data.

`nox -s generate` writes `<package>/item_schemas.py` from the spec: for every operation whose
200 response holds an array of items, the item's JSON schema with its `$ref`s inlined (resolved
with `referencing`, the library under jsonschema) and its prose left out. The fakes build their
records from it (`eligibility_clients.testing._schema_data`), so the installed package knows
every field's type, format, enum, pattern, examples and nullability without shipping the YAML.
Drift check 1 compares the module byte for byte like the rest of `generated/`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# What a schema says about a value; descriptions, titles and our `x-` extensions are prose or
# rules for the client, not facts about the data.
_KEPT = frozenset(
    {
        "type",
        "format",
        "enum",
        "pattern",
        "examples",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "properties",
        "required",
        "items",
        "anyOf",
        "oneOf",
        "allOf",
        "const",
        "default",
    }
)

_HEADER = '''\
"""The item schemas of `{spec}`'s list operations, for the fakes: do not edit.

Written by `nox -s generate` (codegen/generate/item_schemas.py) from the spec: each item's
JSON schema, references inlined, descriptions left out.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["ITEM_SCHEMAS"]

ITEM_SCHEMAS: Final[dict[str, dict[str, Any]]] = {schemas!r}
"""Each list operation's item schema, by operation id, in the spec's order."""
'''


def _inline(node: Any, registry: Registry[Any], seen: tuple[str, ...] = ()) -> Any:
    """`node` with every `$ref` replaced by its target, and only the `_KEPT` keywords."""
    if isinstance(node, list):
        return [_inline(item, registry, seen) for item in node]
    if not isinstance(node, Mapping):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str):
        if reference in seen:
            raise ValueError(f"recursive reference {reference}: the fakes cannot build it")
        target = registry.resolver().lookup(reference).contents
        return _inline(target, registry, (*seen, reference))
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            kept[key] = {name: _inline(sub, registry, seen) for name, sub in value.items()}
        elif key in _KEPT:
            kept[key] = _inline(value, registry, seen)
    return kept


def read_item_schemas(spec: Path) -> dict[str, dict[str, Any]]:
    """Each list operation's item schema in `spec`, by operation id, references inlined."""
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    # The spec is one resource with the empty URI, so `#/components/...` resolves in it.
    registry: Registry[Any] = Registry().with_resource(
        "", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    schemas: dict[str, dict[str, Any]] = {}
    for item in document["paths"].values():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            envelope = content.get("application/json", {}).get("schema")
            if envelope is None:
                continue
            envelope = _inline(envelope, registry)
            for value in envelope.get("properties", {}).values():
                if value.get("type") == "array" and value.get("items", {}).get("properties"):
                    schemas[operation["operationId"]] = value["items"]
                    break
    return schemas


def render_module(spec: Path) -> str:
    """The text of `<package>/item_schemas.py` (ruff formats it afterwards)."""
    return _HEADER.format(spec=f"specs/{spec.name}", schemas=read_item_schemas(spec))

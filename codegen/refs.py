"""Local `$ref`s and JSON pointers in an OpenAPI document, resolved in one place.

`referencing` (the library under jsonschema) does the resolving: RFC 6901 pointers with their
`~0`/`~1` escapes, percent-decoding of the URI fragment, and list indices. This module adds
what an OpenAPI document needs on top: only local references (`#/...`), chains of `$ref`s
followed with cycles refused, and one error type that names the reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

# The document is registered under a URI of its own so that a `#/...` reference resolves
# against it; the URI never leaves this module.
_BASE = "urn:eligibility-clients:document"


class UnresolvableReference(ValueError):
    """A `$ref` that is external, points nowhere, or runs in a cycle (the message names it)."""


class References:
    """The local references of one OpenAPI document (3.0 or 3.1)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        # Opaque: an OpenAPI document is not a JSON Schema, so no `$id` or anchor inside it
        # changes what a pointer means.
        resource: Resource[Any] = Resource.opaque(document)
        registry: Registry[Any] = Registry().with_resource(_BASE, resource)
        self._resolver = registry.resolver(base_uri=_BASE)

    def lookup(self, ref: str) -> Any:
        """The node a local reference (`#/components/schemas/Name`) points at."""
        if not ref.startswith("#"):
            raise UnresolvableReference(f"external $ref {ref!r} is not supported")
        try:
            return self._resolver.lookup(ref).contents
        # ValueError: a non-numeric step into a list; TypeError: a step into a scalar.
        except (Unresolvable, ValueError, TypeError):
            raise UnresolvableReference(f"unresolvable $ref {ref!r}") from None

    def deref(self, node: Any) -> Any:
        """`node`, or what its `$ref` chain ends at (a node without a `$ref` of its own)."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen:
                raise UnresolvableReference(f"$ref cycle at {ref!r}")
            seen.add(ref)
            node = self.lookup(ref)
        return node


def segments(ref: str) -> tuple[str, ...]:
    """The unescaped steps of a local reference: `#/a~1b/c~0d` -> `("a/b", "c~d")`."""
    if not ref.startswith("#"):
        raise UnresolvableReference(f"external $ref {ref!r} is not supported")
    fragment = unquote(ref[1:])
    if not fragment:
        return ()
    if not fragment.startswith("/"):
        raise UnresolvableReference(f"$ref {ref!r} is not a JSON pointer")
    # ~1 before ~0, as RFC 6901 says: "~01" is "~1", not "/".
    return tuple(step.replace("~1", "/").replace("~0", "~") for step in fragment[1:].split("/"))

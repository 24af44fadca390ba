"""Drift check 3, normalising: reduce 3.0 and 3.1 schemas to one comparable `Shape`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from codegen.drift.upstream.model import Scalar, UpstreamError
from codegen.refs import References, UnresolvableReference

# Formats that only annotate a number's width: no parser or validator acts on them.
_ANNOTATION_FORMATS = frozenset({"int32", "int64", "float", "double"})
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_EXACT_CONSTRAINTS = ("pattern", "multipleOf", "uniqueItems")
_CONSTRAINTS = (*_LOWER_BOUNDS, *_UPPER_BOUNDS, *_EXACT_CONSTRAINTS, "default")


@dataclass
class Shape:
    """A schema reduced to what matters for compatibility, in one style for 3.0 and 3.1.

    `types` holds the non-null JSON types (None: unconstrained, empty: only null). An enum
    next to a plain branch of the same value (our `anyOf [enum, string]`) is `open_enum`:
    the listed values are known, any other value is still accepted.
    """

    types: frozenset[str] | None = None
    nullable: bool = False
    format: str | None = None
    enum: frozenset[Scalar] | None = None
    open_enum: bool = False
    properties: dict[str, Shape] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Shape | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    cycle: str | None = None

    @property
    def is_null_only(self) -> bool:
        """Only null is allowed (`type: "null"`)."""
        return self.types is not None and not self.types and self.nullable

    @property
    def is_unconstrained(self) -> bool:
        """Nothing at all is said about the value."""
        return (
            self.types is None
            and self.enum is None
            and not self.properties
            and self.items is None
            and self.format is None
            and self.cycle is None
        )

    @property
    def is_object(self) -> bool:
        """An object, or a schema that describes properties."""
        return bool(self.properties) or (self.types is not None and "object" in self.types)


def _hashable(value: object) -> Scalar:
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, sort_keys=True, default=str)


class Normaliser:
    """Turns the schemas of one document into `Shape`s, resolving local `$ref`s."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self._references = References(document)
        self._expanding: list[str] = []

    def resolve(self, ref: str) -> Any:
        """Follow a local JSON pointer (`#/components/...`)."""
        try:
            return self._references.lookup(ref)
        except UnresolvableReference as exc:
            raise UpstreamError(str(exc)) from None

    def deref(self, node: Any) -> Any:
        """Follow `$ref`s until a node without one (for parameters, responses, bodies)."""
        try:
            return self._references.deref(node)
        except UnresolvableReference as exc:
            raise UpstreamError(str(exc)) from None

    def shape(self, schema: Any) -> Shape:
        """Normalise one schema."""
        if schema is True or schema is None:
            return Shape()
        if schema is False:
            return Shape(types=frozenset())
        if not isinstance(schema, Mapping):
            return Shape()
        parts = [self._own(schema)]
        ref = schema.get("$ref")
        if isinstance(ref, str):
            if ref in self._expanding:
                parts.append(Shape(cycle=ref))
            else:
                self._expanding.append(ref)
                try:
                    parts.append(self.shape(self.resolve(ref)))
                finally:
                    self._expanding.pop()
        parts.extend(self.shape(sub) for sub in schema.get("allOf") or [])
        for keyword in ("anyOf", "oneOf"):
            branches = schema.get(keyword)
            if branches:
                parts.append(_any_of([self.shape(branch) for branch in branches]))
        result = _all_of(parts)
        if schema.get("nullable") is True and result.types is not None:
            result.nullable = True
        return result

    def _own(self, schema: Mapping[str, Any]) -> Shape:
        shape = Shape()
        declared = schema.get("type")
        if isinstance(declared, str):
            declared = [declared]
        if isinstance(declared, list):
            shape.types = frozenset(str(t) for t in declared if t != "null")
            shape.nullable = "null" in declared
        values: list[Any] | None = None
        if isinstance(schema.get("enum"), list):
            values = list(schema["enum"])
        elif "const" in schema:
            values = [schema["const"]]
        if values is not None:
            if None in values:
                shape.nullable = True
            shape.enum = frozenset(_hashable(v) for v in values if v is not None)
            if shape.types is None:
                shape.types = frozenset(_json_type(v) for v in values if v is not None)
        if isinstance(schema.get("format"), str):
            shape.format = schema["format"]
        properties = schema.get("properties")
        if isinstance(properties, Mapping):
            shape.properties = {str(k): self.shape(v) for k, v in properties.items()}
            if shape.types is None:
                shape.types = frozenset({"object"})
        required = schema.get("required")
        if isinstance(required, list):
            shape.required = frozenset(str(name) for name in required)
        if "items" in schema and isinstance(schema["items"], Mapping | bool):
            shape.items = self.shape(schema["items"])
            if shape.types is None:
                shape.types = frozenset({"array"})
        shape.constraints = _constraints(schema)
        return shape


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def _constraints(schema: Mapping[str, Any]) -> dict[str, Any]:
    found = {key: schema[key] for key in _CONSTRAINTS if key in schema}
    # 3.0 writes `exclusiveMinimum: true` beside `minimum`; 3.1 writes the bound itself.
    for exclusive, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        flag = found.get(exclusive)
        if isinstance(flag, bool):
            del found[exclusive]
            if flag and bound in found:
                found[exclusive] = found.pop(bound)
    return found


def _intersect_types(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    both = set(a & b)
    if ("integer" in a and "number" in b) or ("number" in a and "integer" in b):
        both.add("integer")
    return frozenset(both)


def _types_within(inner: frozenset[str], outer: frozenset[str]) -> bool:
    """Every type of `inner` is accepted by `outer` (an integer is a number)."""
    return all(t in outer or (t == "integer" and "number" in outer) for t in inner)


def _all_of(parts: Sequence[Shape]) -> Shape:
    """Conjunction: `allOf`, or a node's own keywords beside `$ref`/`anyOf`."""
    constraining = [part for part in parts if not part.is_unconstrained or part.constraints]
    if not constraining:
        return Shape()
    if len(constraining) == 1:
        return replace(constraining[0])
    result = Shape()
    typed = [part for part in constraining if part.types is not None]
    if typed:
        types = typed[0].types or frozenset()
        for part in typed[1:]:
            types = _intersect_types(types, part.types or frozenset())
        result.types = types
        result.nullable = all(part.nullable for part in typed)
    result.format = next((part.format for part in constraining if part.format), None)
    enums = [part for part in constraining if part.enum is not None]
    closed = [part for part in enums if not part.open_enum]
    if closed:
        values = closed[0].enum or frozenset()
        for part in closed[1:]:
            values &= part.enum or frozenset()
        result.enum = values
    elif enums:
        result.enum = frozenset().union(*(part.enum or frozenset() for part in enums))
        result.open_enum = True
    names: dict[str, list[Shape]] = {}
    for part in constraining:
        for name, sub in part.properties.items():
            names.setdefault(name, []).append(sub)
    result.properties = {name: _all_of(subs) for name, subs in names.items()}
    result.required = frozenset().union(*(part.required for part in constraining))
    items = [part.items for part in constraining if part.items is not None]
    result.items = _all_of(items) if items else None
    for part in constraining:
        result.constraints.update(part.constraints)
    result.cycle = next((part.cycle for part in constraining if part.cycle), None)
    return result


def _any_of(branches: Sequence[Shape]) -> Shape:
    """Disjunction: `anyOf`/`oneOf`, with null branches folded into `nullable`."""
    nullable = any(branch.nullable or branch.types is None for branch in branches)
    values = [branch for branch in branches if not branch.is_null_only]
    if not values:
        return Shape(types=frozenset(), nullable=True)
    if len(values) == 1:
        only = replace(values[0])
        if only.types is not None:
            only.nullable = only.nullable or nullable
        return only
    result = Shape(nullable=nullable)
    if all(branch.types is not None for branch in values):
        result.types = frozenset().union(*(branch.types or frozenset() for branch in values))
    formats = {branch.format for branch in values}
    result.format = formats.pop() if len(formats) == 1 else None
    enums = [branch for branch in values if branch.enum is not None]
    if enums:
        result.enum = frozenset().union(*(branch.enum or frozenset() for branch in enums))
        result.open_enum = len(enums) < len(values) or any(branch.open_enum for branch in enums)
    objects = [branch for branch in values if branch.is_object]
    names: dict[str, list[Shape]] = {}
    for branch in objects:
        for name, sub in branch.properties.items():
            names.setdefault(name, []).append(sub)
    result.properties = {name: _any_of(subs) for name, subs in names.items()}
    if objects:
        required = objects[0].required
        for branch in objects[1:]:
            required &= branch.required
        result.required = required
    items = [branch.items for branch in values if branch.items is not None]
    result.items = _any_of(items) if items else None
    first = values[0].constraints
    result.constraints = {
        key: value
        for key, value in first.items()
        if all(branch.constraints.get(key, object()) == value for branch in values[1:])
    }
    result.cycle = next((branch.cycle for branch in values if branch.cycle), None)
    return result

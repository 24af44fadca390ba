"""Drift check 3, comparing two normalised schemas: types, enums, constraints and fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from codegen.drift.upstream.model import Difference, Direction, Scalar, Severity
from codegen.drift.upstream.normalising import (
    _ANNOTATION_FORMATS,
    _CONSTRAINTS,
    _LOWER_BOUNDS,
    _UPPER_BOUNDS,
    Normaliser,
    Shape,
    _types_within,
)


def _severity(direction: Direction, *, ours_wider: bool, theirs_wider: bool) -> Severity:
    """Breaking when the side that must accept the other's values accepts fewer of them."""
    risky = ours_wider if direction == "request" else theirs_wider
    return "breaking" if risky else "info"


def _type_text(shape: Shape) -> str:
    if shape.cycle and shape.types is None:
        return f"recursive {shape.cycle}"
    if shape.types is None:
        text = "any"
    elif not shape.types:
        text = "null"
    else:
        text = "|".join(sorted(shape.types))
    if shape.format:
        text += f" ({shape.format})"
    return text


def _values_text(values: Iterable[Scalar]) -> str:
    return ", ".join(repr(v) for v in sorted(values, key=repr))


def _enum_text(shape: Shape) -> str:
    if shape.enum is None:
        return f"any {_type_text(shape)}"
    text = f"enum [{_values_text(shape.enum)}]"
    return text + " + any string (fallback)" if shape.open_enum else text


def _bound_text(name: str, constraints: Mapping[str, Any]) -> str:
    return f"{name}={constraints[name]!r}" if name in constraints else f"no {name}"


def _join(path: str, segment: str) -> str:
    """Extend a field path: `data` + `[]` is `data[]`, `data[]` + `id` is `data[].id`."""
    if segment == "[]":
        return path + "[]"
    return f"{path}.{segment}" if path else segment


def _location(prefix: str, path: str) -> str:
    """`response 200` + `data[].id`; `parameter tags` + `[]` reads `parameter tags[]`."""
    if not path:
        return prefix
    if "parameter " in prefix:
        return prefix + path if path.startswith("[") else f"{prefix}.{path}"
    return f"{prefix} {path}"


class _SchemaComparer:
    """Collects the differences of one operation; compares its schemas field by field."""

    def __init__(self, label: str, ours: Normaliser, theirs: Normaliser) -> None:
        self.label = label
        self.ours = ours
        self.theirs = theirs
        self.found: list[Difference] = []

    def add(
        self, location: str, kind: str, ours: str, theirs: str, severity: Severity, note: str = ""
    ) -> None:
        self.found.append(Difference(self.label, location, kind, ours, theirs, severity, note))

    # -- schemas --------------------------------------------------------------------------------

    def schema(
        self,
        prefix: str,
        path: str,
        ours: Shape,
        theirs: Shape,
        direction: Direction,
        *,
        retyped_kind: str = "field-retyped",
    ) -> None:
        """Compare two normalised schemas at `path`, recursing through objects and arrays."""
        if ours.cycle or theirs.cycle:
            return  # a recursive schema: its first expansion has been compared already
        location = _location(prefix, path)
        self._types(location, ours, theirs, direction, retyped_kind)
        self._enums(location, ours, theirs, direction)
        self._constraints(location, ours, theirs, direction)
        if ours.is_object and theirs.is_object:
            self._properties(prefix, path, ours, theirs, direction)
        if (ours.items is not None or theirs.items is not None) and (
            _may_be_array(ours) and _may_be_array(theirs)
        ):
            self.schema(
                prefix,
                _join(path, "[]"),
                ours.items or Shape(),
                theirs.items or Shape(),
                direction,
            )

    def _types(
        self, location: str, ours: Shape, theirs: Shape, direction: Direction, kind: str
    ) -> None:
        ours_types, theirs_types = ours.types, theirs.types
        ours_wider = theirs_wider = False
        if ours_types != theirs_types:
            if ours_types is None:
                ours_wider = True
            elif theirs_types is None:
                theirs_wider = True
            else:
                ours_wider = not _types_within(ours_types, theirs_types)
                theirs_wider = not _types_within(theirs_types, ours_types)
        if ours.format != theirs.format and not (
            {ours.format, theirs.format} - {None} <= _ANNOTATION_FORMATS
        ):
            ours_wider = ours_wider or theirs.format is not None
            theirs_wider = theirs_wider or ours.format is not None
        if ours_types != theirs_types or ours.format != theirs.format:
            severity = _severity(direction, ours_wider=ours_wider, theirs_wider=theirs_wider)
            self.add(
                location,
                kind,
                _type_text(ours),
                _type_text(theirs),
                severity,
                _NOTES[direction] if severity == "breaking" else "",
            )
        if ours_types is not None and theirs_types is not None and ours.nullable != theirs.nullable:
            severity = _severity(direction, ours_wider=ours.nullable, theirs_wider=theirs.nullable)
            self.add(
                location,
                "nullability-changed",
                _nullable_text(ours.nullable),
                _nullable_text(theirs.nullable),
                severity,
                _NOTES[direction] if severity == "breaking" else "",
            )

    def _enums(self, location: str, ours: Shape, theirs: Shape, direction: Direction) -> None:
        mine, other = ours.enum, theirs.enum
        if mine is None and other is None:
            return
        if mine is not None and other is not None:
            for value in sorted(other - mine, key=repr):
                # The vendor may send it (response) or accepts it (request).
                breaking = direction == "response" and not ours.open_enum
                self.add(
                    location,
                    "enum-value-added",
                    "kept as str by the fallback" if ours.open_enum else "not listed",
                    repr(value),
                    "breaking" if breaking else "info",
                    "our closed enum rejects it" if breaking else "",
                )
            for value in sorted(mine - other, key=repr):
                # We may send it (request) or merely know it (response).
                breaking = direction == "request" and not theirs.open_enum
                self.add(
                    location,
                    "enum-value-removed",
                    repr(value),
                    "not listed",
                    "breaking" if breaking else "info",
                    "our client offers a value the vendor no longer lists" if breaking else "",
                )
            if direction == "response" and theirs.open_enum and not ours.open_enum:
                self._enum_changed(location, ours, theirs, "breaking", "response")
            elif direction == "request" and ours.open_enum and not theirs.open_enum:
                self._enum_changed(location, ours, theirs, "breaking", "request")
            return
        if mine is not None:  # the vendor allows any value
            risky = direction == "response" and not ours.open_enum
        else:  # the vendor restricts to values we do not restrict to
            risky = direction == "request" and not theirs.open_enum
        self._enum_changed(location, ours, theirs, "breaking" if risky else "info", direction)

    def _enum_changed(
        self, location: str, ours: Shape, theirs: Shape, severity: Severity, direction: Direction
    ) -> None:
        self.add(
            location,
            "enum-changed",
            _enum_text(ours),
            _enum_text(theirs),
            severity,
            _NOTES[direction] if severity == "breaking" else "",
        )

    def _constraints(self, location: str, ours: Shape, theirs: Shape, direction: Direction) -> None:
        for name in _CONSTRAINTS:
            mine = ours.constraints.get(name, _MISSING)
            other = theirs.constraints.get(name, _MISSING)
            if mine == other:
                continue
            ours_wider = _looser(name, mine, other)
            theirs_wider = _looser(name, other, mine)
            if direction == "response":
                severity: Severity = "info"  # generated models do not check bounds
            else:
                severity = _severity(direction, ours_wider=ours_wider, theirs_wider=theirs_wider)
            self.add(
                location,
                "constraint-changed",
                _bound_text(name, ours.constraints),
                _bound_text(name, theirs.constraints),
                severity,
                _NOTES[direction] if severity == "breaking" else "",
            )

    def _properties(
        self, prefix: str, path: str, ours: Shape, theirs: Shape, direction: Direction
    ) -> None:
        for name, mine in ours.properties.items():
            where = _join(path, name)
            location = _location(prefix, where)
            ours_required = name in ours.required
            if name not in theirs.properties:
                breaking = direction == "request" or ours_required
                self.add(
                    location,
                    "field-removed",
                    _required_text(ours_required),
                    "absent",
                    "breaking" if breaking else "info",
                    (
                        "our client sends a field the vendor does not document"
                        if direction == "request"
                        else "our model requires a field the vendor does not document"
                    )
                    if breaking
                    else "",
                )
                continue
            theirs_required = name in theirs.required
            if ours_required != theirs_required:
                if direction == "response":
                    breaking = ours_required
                    note = "the vendor may leave it out; our model then fails to parse the body"
                else:
                    breaking = theirs_required
                    note = "our client may leave out a field the vendor requires"
                self.add(
                    location,
                    "field-required",
                    _required_text(ours_required),
                    _required_text(theirs_required),
                    "breaking" if breaking else "info",
                    note if breaking else "",
                )
            self.schema(prefix, where, mine, theirs.properties[name], direction)
        for name in theirs.properties:
            if name in ours.properties:
                continue
            theirs_required = name in theirs.required
            breaking = direction == "request" and theirs_required
            self.add(
                _location(prefix, _join(path, name)),
                "field-added",
                "absent",
                _required_text(theirs_required),
                "breaking" if breaking else "info",
                "the vendor requires a field our client never sends"
                if breaking
                else (
                    "kept in additional_properties until the spec declares it"
                    if direction == "response"
                    else ""
                ),
            )


_NOTES: dict[Direction, str] = {
    "request": "our client may send what the vendor's document does not accept",
    "response": "the vendor may send what our generated model rejects",
}
_MISSING: Any = object()


def _looser(name: str, mine: Any, other: Any) -> bool:
    """`mine` accepts values that `other` refuses, for constraint `name`."""
    if other is _MISSING or name == "default":
        return False
    if mine is _MISSING:
        return True
    try:
        if name in _LOWER_BOUNDS:
            return bool(mine < other)
        if name in _UPPER_BOUNDS:
            return bool(mine > other)
    except TypeError:
        return True
    if name == "uniqueItems":
        return other is True and mine is not True
    return bool(mine != other)


def _may_be_array(shape: Shape) -> bool:
    return shape.types is None or "array" in shape.types


def _required_text(required: bool) -> str:
    return "required" if required else "optional"


def _nullable_text(nullable: bool) -> str:
    return "nullable" if nullable else "not nullable"

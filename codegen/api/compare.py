"""Comparing two API surfaces: every change, breaking or additive, with its path.

Part of the API check (`codegen/api/check.py`): griffe finds the breaking changes; `_other_changes`
adds what griffe leaves out: additions, and changed annotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import griffe

from codegen.api.surface import _public_path, _target


@dataclass(frozen=True)
class Change:
    """One difference in the public API, e.g. `QualificationSession.fee: removed`."""

    path: str
    what: str
    breaking: bool

    def __str__(self) -> str:
        return f"{self.path}: {self.what} ({'breaking' if self.breaking else 'additive'})"


# ---------------------------------------------------------------- comparing


def compare(
    old: griffe.Module,
    new: griffe.Module,
    ancestors: dict[str, frozenset[str]] | None = None,
    models: frozenset[str] = frozenset(),
) -> list[Change]:
    """Every change from `old` to `new`, breaking ones first, each path once per kind.

    `ancestors` (from `ancestry` of the live surface) names every base a new class still
    reaches; an old base among them is not reported as removed. `models` (from `attrs_models`)
    names the attrs classes, whose fields without a default are required constructor arguments:
    adding one, or taking a field's default away, is breaking.
    """
    changes = [
        Change(_public_path(b.obj), _describe(b), breaking=True)
        for b in griffe.find_breaking_changes(old, new)
        # Bases are compared by `_base_changes`, which knows the new class's ancestry.
        if b.kind is not griffe.BreakageKind.CLASS_REMOVED_BASE
    ]
    changes += list(_other_changes(old, new, ancestors or {}, models))
    unique = dict.fromkeys(changes)
    return sorted(unique, key=lambda c: (not c.breaking, c.path, c.what))


def _describe(breakage: griffe.Breakage) -> str:
    kind = breakage.kind
    if kind is griffe.BreakageKind.OBJECT_REMOVED:
        return "removed"
    if kind is griffe.BreakageKind.PARAMETER_REMOVED:
        return f"parameter {breakage.old_value.name} removed"
    if kind in {
        griffe.BreakageKind.PARAMETER_ADDED_REQUIRED,
        griffe.BreakageKind.PARAMETER_CHANGED_REQUIRED,
    }:
        return f"parameter {breakage.new_value.name} now required"
    if kind in {
        griffe.BreakageKind.PARAMETER_MOVED,
        griffe.BreakageKind.PARAMETER_CHANGED_KIND,
        griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT,
    }:
        old, new = breakage.old_value, breakage.new_value
        detail = {
            griffe.BreakageKind.PARAMETER_MOVED: "moved",
            griffe.BreakageKind.PARAMETER_CHANGED_KIND: f"kind {old.kind.value} -> "
            f"{new.kind.value}",
            griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT: f"default {old.default} -> "
            f"{new.default}",
        }[kind]
        return f"parameter {old.name} {detail}"
    return f"{kind.value.lower()}: {breakage.old_value} -> {breakage.new_value}"


def _other_changes(
    old: griffe.Object,
    new: griffe.Object,
    ancestors: dict[str, frozenset[str]],
    models: frozenset[str] = frozenset(),
) -> Iterator[Change]:
    """What `griffe.find_breaking_changes` does not report: additions and retyped names."""
    path = _public_path(new)
    if isinstance(old, griffe.Class) and isinstance(new, griffe.Class):
        yield from _base_changes(path, old, new, ancestors.get(path, frozenset()))
    if isinstance(old, griffe.Attribute) and isinstance(new, griffe.Attribute):
        if str(old.annotation) != str(new.annotation):
            # A TypedDict of filters is what users pass in: a value more is accepted, additive.
            widened = _is_input(new) and _widened(str(old.annotation), str(new.annotation))
            yield Change(path, f"type {old.annotation} -> {new.annotation}", not widened)
        if _is_enum_member(old) and str(old.value) != str(new.value):
            yield Change(path, f"value {old.value} -> {new.value}", True)
    if isinstance(old, griffe.Function) and isinstance(new, griffe.Function):
        yield from _signature_changes(path, old, new)
    if isinstance(old, griffe.Module | griffe.Class) and isinstance(new, type(old)):
        model = path in models
        for name, member in new.members.items():
            member_path = f"{path}.{name}" if path else name
            if name not in old.members:
                if model and _is_required_field(member):
                    yield Change(member_path, "added, required (no default)", True)
                else:
                    yield Change(member_path, "added", False)
                continue
            before = old.members[name]
            if model and _is_required_field(member) and not _is_required_field(before):
                yield Change(member_path, "default removed (now required)", True)
            if member.kind is before.kind:
                yield from _other_changes(_target(before), _target(member), ancestors, models)


def _is_required_field(member: griffe.Object | griffe.Alias) -> bool:
    """An attrs field with no default: an annotated attribute with no value."""
    return (
        isinstance(member, griffe.Attribute)
        and member.annotation is not None
        and member.value is None
        and not str(member.annotation).startswith(("ClassVar", "typing.ClassVar"))
    )


def _base_changes(
    path: str, old: griffe.Class, new: griffe.Class, reachable: frozenset[str]
) -> Iterator[Change]:
    # Bases are named as written (`httpx.MockTransport`), never as griffe's Expr reprs.
    old_bases, new_bases = {str(b) for b in old.bases}, {str(b) for b in new.bases}
    # A base the new bases still derive from is not lost: isinstance and inherited members hold.
    removed = old_bases - new_bases - reachable
    if removed:
        yield Change(path, f"bases {sorted(old_bases)} -> {sorted(new_bases)}", True)
    elif new_bases - old_bases:
        yield Change(path, f"bases added {sorted(new_bases - old_bases)}", False)


def _is_enum_member(attribute: griffe.Attribute) -> bool:
    parent = attribute.parent
    return isinstance(parent, griffe.Class) and any("Enum" in str(b) for b in parent.bases)


def _signature_changes(path: str, old: griffe.Function, new: griffe.Function) -> Iterator[Change]:
    if str(old.returns) != str(new.returns) and old.returns is not None:
        yield Change(path, f"return type {old.returns} -> {new.returns}", True)
    old_params = {param.name: param for param in old.parameters}
    for param in new.parameters:
        before = old_params.get(param.name)
        if before is None:
            if not param.required:
                yield Change(path, f"parameter {param.name} added", False)
        elif str(before.annotation) != str(param.annotation):
            # An argument that takes one value more (a new enum value) still takes the old ones.
            widened = _widened(str(before.annotation), str(param.annotation))
            yield Change(
                path,
                f"parameter {param.name} type {before.annotation} -> {param.annotation}",
                not widened,
            )


_LITERAL = re.compile(r"Literal\[([^\[\]]*)\]")
_LITERAL_VALUE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^,\s]+")


def _widened(old: str, new: str) -> bool:
    """`new` is `old` with values added to its `Literal[...]`s, and nothing else changed."""
    if _LITERAL.sub("Literal[]", old) != _LITERAL.sub("Literal[]", new):
        return False
    pairs = zip(_LITERAL.findall(old), _LITERAL.findall(new), strict=True)
    return all(
        set(_LITERAL_VALUE.findall(before)) <= set(_LITERAL_VALUE.findall(after))
        for before, after in pairs
    )


def _is_input(attribute: griffe.Attribute) -> bool:
    """A key of a TypedDict (the filters users pass), not a field users read."""
    parent = attribute.parent
    return isinstance(parent, griffe.Class) and any("TypedDict" in str(b) for b in parent.bases)

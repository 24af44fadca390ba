"""The public API check: compare what users import with the snapshot of the last release.

Usage (normally through nox: `nox -s api`, `nox -s api -- --update`):

    python -m codegen.api             # report changes; exit 1 if they need a bigger bump
    python -m codegen.api --update    # rewrite the snapshot from the code and `_version.py`

The public API is what `import eligibility_clients` (and `eligibility_clients.testing`) gives:
each exported class with every public member it has, inherited ones included, so a generated
model's fields and their annotations, the exception classes' attributes, and the clients',
resources' and pages' signatures. Each object is keyed by the path users reach it by
(`QualificationSession.fee`, `TruemedClient.qualification_sessions.list`), never by the module
that defines it, so moving a generated package does not read as a change.

griffe loads the code, writes and reads the snapshot (its JSON form) and finds the breaking
changes; `_other_changes` adds what griffe leaves out: additions, and changed annotations.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import griffe

from codegen import versions
from codegen.versions import bump_made, is_enough, parse_version

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "codegen/public-api.json"
VERSION_FILE = ROOT / "overlay/eligibility_clients/_version.py"
CHANGELOG = ROOT / "CHANGELOG.md"
SEARCH_PATHS = (ROOT / "overlay", ROOT / "generated")
PACKAGE = "eligibility_clients"
# Public submodules users import from, besides the package itself.
SUBMODULES = ("testing",)
# Packages whose classes a public name may come from; loaded so that aliases resolve.
SOURCES = ("eligibility_clients", "eligibility_clients_truemed", "eligibility_clients_goodstack")

_VERSION = re.compile(r'^__version__ = "([^"]*)"$', re.MULTILINE)
_RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


@dataclass(frozen=True)
class Change:
    """One difference in the public API, e.g. `QualificationSession.fee: removed`."""

    path: str
    what: str
    breaking: bool

    def __str__(self) -> str:
        return f"{self.path}: {self.what} ({'breaking' if self.breaking else 'additive'})"


# ---------------------------------------------------------------- building the surface


def build_surface(
    search_paths: tuple[Path, ...] = SEARCH_PATHS,
    package: str = PACKAGE,
    sources: tuple[str, ...] = SOURCES,
    submodules: tuple[str, ...] = SUBMODULES,
) -> griffe.Module:
    """The public API as one griffe module, with each object under its public name."""
    loader = griffe.GriffeLoader(search_paths=[str(path) for path in search_paths])
    for name in sources:
        loader.load(name)
    loader.resolve_aliases(implicit=True, external=False)
    root = loader.modules_collection[package]
    surface = _surface_module(root, package)
    for name in submodules:
        surface.set_member(name, _surface_module(root[name], name))
    return surface


def _surface_module(module: griffe.Object | griffe.Alias, name: str) -> griffe.Module:
    surface = griffe.Module(name)
    exports = sorted(str(export) for export in (module.exports or ()))
    for export in exports:
        if export == "__version__":  # the version is checked on its own, not as API
            continue
        surface.set_member(export, _public_copy(_target(module[export]), export))
    return surface


def _target(obj: griffe.Object | griffe.Alias) -> griffe.Object:
    return obj.final_target if isinstance(obj, griffe.Alias) else obj


def _is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def _clone(obj: griffe.Object) -> griffe.Object:
    """A detached copy, made through griffe's own JSON form (so it carries no parent)."""
    copy: griffe.Object = json.loads(json.dumps(obj, cls=griffe.JSONEncoder), object_hook=_decode)
    return copy


def _decode(data: dict[str, Any]) -> Any:
    # Docstrings are not API; leaving them out keeps the snapshot to what is compared.
    data.pop("docstring", None)
    # Nor are line numbers (the snapshot leaves them out), which griffe's decoder requires.
    if "kind" in data:
        data.setdefault("lineno", None)
    for decorator in data.get("decorators", []):
        decorator.setdefault("lineno", None)
        decorator.setdefault("endlineno", None)
    return griffe.json_decoder(data)


def _without_lines(node: Any) -> Any:
    """Griffe's JSON form with every `lineno` and `endlineno` left out.

    Where a name is defined is not API, and with line numbers a one-field removal moved every
    later object of its module in the snapshot's diff.
    """
    if isinstance(node, dict):
        return {
            key: _without_lines(value)
            for key, value in node.items()
            if key not in ("lineno", "endlineno")
        }
    if isinstance(node, list):
        return [_without_lines(value) for value in node]
    return node


def _public_copy(obj: griffe.Object, name: str) -> griffe.Object:
    if not isinstance(obj, griffe.Class):
        return _clone(obj)
    flat = griffe.Class(
        name,
        lineno=obj.lineno,
        endlineno=obj.endlineno,
        bases=list(obj.bases),
    )
    # Kept on the live copy only (griffe's JSON leaves `extra` out, so the snapshot is
    # unchanged): what the new side compares an old base against.
    flat.extra["api"]["ancestors"] = _ancestors(obj)
    flat.extra["api"]["attrs"] = _is_attrs_model(obj)
    if _is_attrs_model(obj) and "__init__" not in obj.all_members:
        # attrs writes the constructor at run time, so the source has none to compare: the
        # snapshot holds the one attrs makes, whose positional order is the fields' order.
        flat.set_member("__init__", attrs_constructor(obj))
    # Inherited members are copied in, so a subclass shows every attribute users can read.
    for member_name, member in sorted(obj.all_members.items()):
        if not _is_public(member_name) or member_name == "__repr__":
            continue
        target = _target(member)
        resource = _resource_class(target)
        copy = _public_copy(resource, member_name) if resource else _clone(target)
        flat.set_member(member_name, copy)
    return flat


def _ancestors(cls: griffe.Class) -> frozenset[str]:
    """Every base `cls` reaches, by written name and full path, as far as griffe can see.

    A base from another package (`httpx.MockTransport`) is not loaded, so its own bases are
    unknown; the bases of our classes, however deep, are followed.
    """
    names: set[str] = set()
    try:
        chain = [cls, *cls.mro()]
    except (ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        chain = [cls]
    for klass in chain:
        names.add(klass.path)
        for base in klass.bases:
            names.add(str(base))
            if isinstance(base, griffe.ExprSubscript):
                # A generic base (`APIResource[T]`) is the class before its subscript.
                names.add(str(base.left))
                base = base.left
            if isinstance(base, griffe.Expr):
                names.add(base.canonical_path)
    return frozenset(names)


# attrs' class decorators: their classes take each field without a default as a required
# `__init__` argument, which the snapshot (members only) does not show.
_ATTRS_DECORATORS = frozenset(
    f"{module}.{name}"
    for module in ("attr", "attrs")
    for name in ("define", "frozen", "mutable", "s", "attrs", "dataclass")
)


def _is_attrs_model(cls: griffe.Class) -> bool:
    return any(decorator.callable_path in _ATTRS_DECORATORS for decorator in cls.decorators)


def _keywords(expression: object) -> dict[str, str]:
    """The keyword arguments of a call expression, as written (`init=False` -> `False`)."""
    if not isinstance(expression, griffe.ExprCall):
        return {}
    return {
        argument.name: str(argument.value)
        for argument in expression.arguments
        if isinstance(argument, griffe.ExprKeyword)
    }


def _is_field_call(expression: object) -> bool:
    """`attrs.field(...)`, `attr.ib(...)` or an alias of them (`_attrs_field(...)`)."""
    if not isinstance(expression, griffe.ExprCall):
        return False
    name = str(expression.function).rpartition(".")[2]
    return name in ("field", "ib", "attrib") or name.endswith("_field")


def attrs_constructor(cls: griffe.Class) -> griffe.Function:
    """The `__init__` attrs writes for `cls`: its init fields in order, by kind and default.

    Inherited fields come first, as attrs orders them. A field is left out with `init=False`;
    it is keyword-only with `kw_only=True`, on the field or on the class decorator; its
    default is the value written (`None`), or the `default=`/`factory=` of its field call.
    """
    class_kw_only = any(
        _keywords(decorator.value).get("kw_only") == "True" for decorator in cls.decorators
    )
    try:
        chain = [klass for klass in reversed(cls.mro()) if _is_attrs_model(klass)]
    except (ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        chain = []
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    seen: set[str] = set()
    for klass in [*chain, cls]:
        fields = [
            member
            for member in klass.members.values()
            # griffe unwraps `ClassVar[...]` and labels those class attributes only.
            if isinstance(member, griffe.Attribute)
            and member.annotation is not None
            and "instance-attribute" in member.labels
            and "property" not in member.labels
        ]
        for member in sorted(fields, key=lambda field: field.lineno or 0):
            keywords = _keywords(member.value) if _is_field_call(member.value) else {}
            if keywords.get("init") == "False" or member.name in seen:
                continue
            seen.add(member.name)
            if _is_field_call(member.value):
                default = keywords.get("default")
                if default is None and "factory" in keywords:
                    default = f"{keywords['factory']}()"
            else:
                default = None if member.value is None else str(member.value)
            kw_only = class_kw_only or keywords.get("kw_only") == "True"
            parameters.append(
                griffe.Parameter(
                    # attrs drops a private field's leading underscores from its argument.
                    member.name.lstrip("_"),
                    annotation=member.annotation,
                    kind=griffe.ParameterKind.keyword_only
                    if kw_only
                    else griffe.ParameterKind.positional_or_keyword,
                    default=default,
                )
            )
    return griffe.Function("__init__", parameters=griffe.Parameters(*parameters), returns="None")


def attrs_models(surface: griffe.Object) -> frozenset[str]:
    """Public paths of the attrs classes of a live `build_surface` (see `compare`)."""
    found: set[str] = set()
    for member in surface.members.values():
        if isinstance(member, griffe.Module | griffe.Class):
            found |= attrs_models(member)
    if isinstance(surface, griffe.Class) and surface.extra["api"].get("attrs"):
        found.add(_public_path(surface))
    return frozenset(found)


def ancestry(surface: griffe.Object) -> dict[str, frozenset[str]]:
    """Public path -> the bases each class of a live `build_surface` reaches (see `compare`)."""
    found: dict[str, frozenset[str]] = {}
    for member in surface.members.values():
        if isinstance(member, griffe.Module | griffe.Class):
            found.update(ancestry(member))
    if isinstance(surface, griffe.Class) and "ancestors" in surface.extra["api"]:
        found[_public_path(surface)] = surface.extra["api"]["ancestors"]
    return found


def _resource_class(member: griffe.Object) -> griffe.Class | None:
    """The class of `client.resource` when `__init__` assigns an instance of one of ours."""
    value = getattr(member, "value", None)
    if not isinstance(member, griffe.Attribute) or not isinstance(value, griffe.ExprCall):
        return None
    function = value.function
    if not isinstance(function, griffe.ExprName):
        return None
    try:
        resolved = member.modules_collection[function.canonical_path]
    except (KeyError, ValueError, griffe.AliasResolutionError):
        return None
    target = _target(resolved)
    return target if isinstance(target, griffe.Class) else None


# ---------------------------------------------------------------- snapshot


def dump_snapshot(surface: griffe.Module, version: str) -> str:
    """The snapshot file's text: the release's version and the surface in griffe's JSON."""
    api = _without_lines(json.loads(json.dumps(surface, cls=griffe.JSONEncoder, full=False)))
    return json.dumps({"version": version, "api": api}, indent=1, sort_keys=True) + "\n"


def load_snapshot(text: str) -> tuple[str, griffe.Module]:
    """Read a snapshot written by `dump_snapshot`: (version, surface)."""
    data = json.loads(text)
    surface = json.loads(json.dumps(data["api"]), object_hook=_decode)
    if not isinstance(surface, griffe.Module):
        raise ValueError("the snapshot's api is not a module")
    return str(data["version"]), surface


def roundtrip(surface: griffe.Module) -> griffe.Module:
    """The surface as it reads back from a snapshot, so both sides compare alike."""
    return load_snapshot(dump_snapshot(surface, "0.0.0"))[1]


# ---------------------------------------------------------------- comparing


def _public_path(obj: griffe.Object | griffe.Alias) -> str:
    # The surface's root module stands for the package, so it is left out of every path.
    return obj.path.partition(".")[2]


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


# ---------------------------------------------------------------- versions


def read_version(path: Path = VERSION_FILE) -> str:
    """The version in `_version.py`."""
    match = _VERSION.search(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f'{path.name} has no __version__ = "X.Y.Z" line')
    return str(parse_version(match.group(1)))


def required_bump(version: str, changes: list[Change]) -> versions.Bump | None:
    """The smallest bump the changes need (README "Versioning"): None, patch, minor or major."""
    return versions.required_bump(
        version, breaking=any(change.breaking for change in changes), changed=bool(changes)
    )


def changelog_release(text: str) -> tuple[str, str] | None:
    """The newest dated entry of a Keep a Changelog file: (version, date), or None."""
    match = _RELEASE_HEADING.search(text)
    return (match.group(1), match.group(2)) if match else None


def consistency_errors(version: str, snapshot_version: str, changelog: str) -> list[str]:
    """Where the version, the snapshot and the CHANGELOG's newest entry disagree."""
    errors = []
    release = changelog_release(changelog)
    if release is None:
        errors.append("CHANGELOG.md has no dated release entry (## [X.Y.Z] - YYYY-MM-DD)")
    elif release[0] != snapshot_version:
        errors.append(
            f"the snapshot is of {snapshot_version} but CHANGELOG.md's newest entry is "
            f"{release[0]}; cut releases with `nox -s release`"
        )
    try:
        bump_made(snapshot_version, version)
    except ValueError as exc:
        errors.append(str(exc))
    return errors


# ---------------------------------------------------------------- command line


def check(snapshot: Path = SNAPSHOT, out: Any = sys.stdout) -> int:
    """Print the changes since the snapshot; 1 if the version bump is too small, else 0."""
    if not snapshot.exists():
        print(f"no snapshot at {snapshot.name}: run `nox -s api -- --update`", file=out)
        return 1
    released, old = load_snapshot(snapshot.read_text(encoding="utf-8"))
    version = read_version()
    errors = consistency_errors(version, released, CHANGELOG.read_text(encoding="utf-8"))
    live = build_surface()
    changes = compare(old, roundtrip(live), ancestry(live), attrs_models(live))
    for change in changes:
        print(change, file=out)
    needed = required_bump(released, changes)
    made = None if errors else bump_made(released, version)
    print(
        f"{len(changes)} change(s) since {released} "
        f"({sum(c.breaking for c in changes)} breaking); "
        f"needs {needed or 'no'} bump, version {version} makes {made or 'none'}",
        file=out,
    )
    for error in errors:
        print(f"error: {error}", file=out)
    if errors:
        return 1
    if not is_enough(made, needed):
        print(
            f"error: these changes need a {needed} release; "
            f"cut it with `nox -s release -- {needed}`",
            file=out,
        )
        return 1
    return 0


def update(snapshot: Path = SNAPSHOT) -> str:
    """Rewrite the snapshot from the code, at `_version.py`'s version; returns that version."""
    version = read_version()
    snapshot.write_text(dump_snapshot(build_surface(), version), encoding="utf-8")
    return version


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m codegen.api`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot")
    args = parser.parse_args(argv)
    if args.update:
        print(f"{SNAPSHOT.relative_to(ROOT)} rewritten at version {update()}")
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main())

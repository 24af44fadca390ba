"""The public API as griffe sees it: the surface users import, and its JSON snapshot.

Part of the API check (`codegen/api/check.py`): `build_surface` loads what `eligibility_clients`
exports, each class flattened with its inherited members and keyed by the path users reach it
by; the snapshot is griffe's JSON form of it, without line numbers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import griffe

from codegen.paths import ROOT

SEARCH_PATHS = (ROOT / "overlay", ROOT / "generated")
PACKAGE = "eligibility_clients"
# Public submodules users import from, besides the package itself.
SUBMODULES = ("testing",)
# Packages whose classes a public name may come from; loaded so that aliases resolve.
SOURCES = ("eligibility_clients", "eligibility_clients_truemed", "eligibility_clients_goodstack")


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


def _public_path(obj: griffe.Object | griffe.Alias) -> str:
    # The surface's root module stands for the package, so it is left out of every path.
    return obj.path.partition(".")[2]

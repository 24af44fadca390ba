"""Decoding a JSON body straight into the generated models, in one pass of msgspec's decoder.

The generated `from_dict` reads a decoded dict one field at a time in Python, and that was
most of a typed walk. For each generated model this module builds a msgspec `Struct` that
mirrors it (the same JSON keys, unknown keys forbidden, and for each field a type that
accepts no more than `from_dict` does) and a converter that turns the decoded struct into
the model: enum strings to members, ISO 8601 strings to datetimes, left-out keys to `None`
recorded in `_absent` and `_omitted`. The converter is written out as straight-line source,
the way attrs writes an `__init__`, because a loop over field descriptions would cost more
than the decoding saves.

A body that does not fit (an unknown key, a wrong type, a date `fromisoformat` refuses, or a
model with a field type this module does not mirror) is not an error here: `read` returns
`None` and the caller reads the body with `from_dict`, so what is accepted, what raises, and
the path an error names are exactly as before.
"""

from __future__ import annotations

import datetime
import enum
import sys
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

import attrs
import msgspec

ModelT = TypeVar("ModelT")

_NONE = type(None)
# What a converter may raise on a value the struct let through: `fromisoformat` on a string
# that is not a date. The body then goes to `from_dict`, which names the field.
_NOT_FITTING = (msgspec.DecodeError, ValueError, TypeError, OverflowError)


class _Unmirrored(Exception):
    """A field type with no struct mirror here; its model is read by `from_dict` alone."""


@cache
def reader_for(model: type[ModelT]) -> Callable[[bytes], ModelT | None] | None:
    """A function reading a body into `model`, or `None` for a body it leaves to `from_dict`.

    `None` here (not a function) when `model` has a field this module cannot mirror.
    """
    try:
        struct, convert = _Mirror().model(model)
    except _Unmirrored:
        return None
    decode = msgspec.json.Decoder(struct).decode

    def read(content: bytes) -> ModelT | None:
        try:
            return convert(decode(content))  # type: ignore[no-any-return]
        except _NOT_FITTING:
            return None

    return read


def _members(hint: object) -> tuple[bool, list[object]]:
    """Whether `hint` admits None, and its other members."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = list(typing.get_args(hint))
    else:
        members = [hint]
    return _NONE in members, [member for member in members if member is not _NONE]


class _Mirror:
    """Builds the struct and the converter of a model and of the models inside it."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "UNSET": msgspec.UNSET,
            "fromisoformat": datetime.datetime.fromisoformat,
        }
        self.built: dict[type, tuple[type, str]] = {}

    def model(self, model: type) -> tuple[type[msgspec.Struct], Callable[[Any], Any]]:
        struct, name = self._build(model)
        return struct, self.namespace[name]

    def _build(self, model: type) -> tuple[type, str]:
        if model in self.built:
            return self.built[model]
        if not attrs.has(model):
            raise _Unmirrored(model)
        module = sys.modules[model.__module__]
        package = sys.modules[model.__module__.rpartition(".")[0]]
        omitted = getattr(module, "omitted", None)
        json_names = dict(getattr(model, "_json_names", ()))
        optional_keys: frozenset[str] = getattr(model, "_optional_keys", frozenset())
        if omitted is None or not json_names:
            raise _Unmirrored(model)
        hints = typing.get_type_hints(model, vars(module), vars(package))
        name = f"_read_{model.__module__.replace('.', '_')}_{model.__name__}"
        self.namespace[f"{name}_model"] = model
        self.namespace[f"{name}_omitted"] = omitted
        fields: list[tuple[str, object, object]] = []
        lines = [f"def {name}(w):", "    missing = False", "    below = False"]
        arguments: list[str] = []
        optional: list[tuple[str, str]] = []
        for index, field in enumerate(field for field in attrs.fields(model) if field.init):
            key = json_names.get(field.name)
            if key is None or field.kw_only:
                raise _Unmirrored(model)
            required = key not in optional_keys
            nullable, others = _members(hints[field.name])
            if not required and not nullable:
                raise _Unmirrored(model)  # a left-out key must read as None
            wire, converted = self._field(others, f"v{index}", f"{name}_{index}")
            if nullable:
                wire = wire | None
            if required:
                fields.append((field.name, wire, msgspec.NODEFAULT))
            else:
                fields.append((field.name, wire | msgspec.UnsetType, msgspec.UNSET))
                optional.append((field.name, key))
            lines.append(f"    v{index} = w.{field.name}")
            if not required:
                lines += [f"    if v{index} is UNSET:", f"        v{index} = None"]
                lines.append("        missing = True")
            if converted:
                test = "elif" if not required else "if"
                guard = f"    {test} v{index} is not None:" if nullable or not required else None
                if guard is None:
                    lines += [f"    {line}" for line in converted]
                else:
                    lines.append(guard)
                    lines += [f"        {line}" for line in converted]
            arguments.append(f"v{index}")
        self.namespace[f"{name}_optional"] = tuple(optional)
        lines += [
            f"    obj = {name}_model({', '.join(arguments)})",
            "    if missing:",
            "        obj._absent = frozenset(",
            f"            [key for attr, key in {name}_optional if getattr(w, attr) is UNSET]",
            "        )",
            "    if missing or below:",
            f"        obj._omitted = {name}_omitted(obj)",
            "    return obj",
        ]
        rename = {attr: json_names[attr] for attr, _, _ in fields}
        struct = msgspec.defstruct(
            f"{model.__name__}Wire",
            fields,
            rename=rename,
            forbid_unknown_fields=True,
            kw_only=True,
            gc=False,
        )
        exec("\n".join(lines), self.namespace)
        self.built[model] = (struct, name)
        return struct, name

    def _field(self, members: list[object], var: str, prefix: str) -> tuple[Any, list[str]]:
        """The struct type of a field with these (non-None) members, and its conversion."""
        if len(members) == 2 and str in members:
            (enum_type,) = (member for member in members if member is not str)
            if isinstance(enum_type, type) and issubclass(enum_type, enum.Enum):
                # `_lookup` keeps a value the spec does not list as the plain string.
                self.namespace[f"{prefix}_enum"] = enum_type._value2member_map_
                return str, [f"{var} = {prefix}_enum.get({var}, {var})"]
        if len(members) != 1:
            raise _Unmirrored(members)
        (member,) = members
        if member in (str, int, bool):
            return member, []
        if member is float:
            return int | float, []  # `from_dict` keeps an integer as it came
        if member is datetime.datetime:
            return str, [f"{var} = fromisoformat({var})"]
        if typing.get_origin(member) is list:
            (element,) = typing.get_args(member)
            if element in (str, int, bool):
                return list[element], []  # type: ignore[valid-type]
            struct, name = self._build(element)
            return list[struct], [  # type: ignore[valid-type]
                f"{var} = [{name}(e) for e in {var}]",
                f"for e in {var}:",
                "    if e._omitted:",
                "        below = True",
                "        break",
            ]
        if isinstance(member, type):
            struct, name = self._build(member)
            return struct, [f"{var} = {name}({var})", f"if {var}._omitted:", "    below = True"]
        raise _Unmirrored(member)

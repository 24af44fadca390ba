"""An operation as its spec declares it, and the checks of the filters users pass to `list()`.

The declarations are generated (`<package>/operations.py`, written by `nox -s generate` from
the spec): names on the wire and in Python, descriptions, schemas and the `x-eligibility-clients`
rules. Everything here reads them, so a parameter added to the spec is checked, sent, offered
on the command line and accepted by the fakes without a hand edit.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar, cast

from . import _params

ArgumentsT = TypeVar("ArgumentsT", bound=Mapping[str, Any])
FuncT = TypeVar("FuncT", bound=Callable[..., Any])


@dataclass(frozen=True)
class Parameter:
    """One parameter of an operation."""

    name: str
    """As sent on the wire (`startDate`)."""
    python_name: str
    """As passed to `list()` and the request builder (`start_date`)."""
    location: str
    required: bool
    kind: str
    """`enum`, `date`, `date-time`, `string`, `integer`, `number` or `boolean`."""
    description: str
    schema: Mapping[str, Any]
    enum: type[StrEnum] | None
    rules: Mapping[str, Any]
    """The spec's `x-eligibility-clients` rules (see the spec's header)."""
    personal: bool = False
    """`x-eligibility-clients-personal` in the spec: the value can be personal data, so it is
    never logged at INFO or above, nor quoted in an error message."""

    @property
    def is_filter(self) -> bool:
        """Whether users pass it to `list()`; the walk's own `cursor`/`page` are not."""
        return self.location == "query" and "role" not in self.rules

    @property
    def minimum(self) -> float | None:
        """The lower bound the client enforces: the rules' own, else the schema's."""
        value: float | None = self.rules.get("minimum", self.schema.get("minimum"))
        return value

    @property
    def maximum(self) -> float | None:
        """The schema's upper bound."""
        value: float | None = self.schema.get("maximum")
        return value

    @property
    def choices(self) -> tuple[str, ...]:
        """An enum parameter's values, from the generated enum."""
        return tuple(member.value for member in self.enum) if self.enum is not None else ()


@dataclass(frozen=True)
class Operation(Generic[ArgumentsT]):
    """One operation: its parameters, the request builder's bridge and its items."""

    operation_id: str
    method: str
    path: str
    summary: str
    parameters: tuple[Parameter, ...]
    items_key: str | None
    item_fields: tuple[tuple[str, str], ...]
    """The item schema's properties, (wire name, Python name), in the spec's order."""
    kwargs: Callable[[ArgumentsT], dict[str, Any]]
    """The generated bridge to the request builder: checked arguments -> method, url, params."""

    @property
    def filters_name(self) -> str:
        """The generated `TypedDict` of the filters: `ListEligibilitySubscriptionsFilters`."""
        return "".join(part.capitalize() for part in self.operation_id.split("_")) + "Filters"

    @property
    def filters(self) -> tuple[Parameter, ...]:
        """The parameters users pass to `list()`, in the spec's order."""
        return tuple(p for p in self.parameters if p.is_filter)

    @property
    def arguments(self) -> tuple[Parameter, ...]:
        """What users pass to the operation's method: the path parameters, then the filters."""
        path = tuple(p for p in self.parameters if p.location == "path")
        return path + self.filters

    def parameter(self, python_name: str) -> Parameter:
        """The parameter called `python_name` in Python."""
        for parameter in self.parameters:
            if parameter.python_name == python_name:
                return parameter
        raise KeyError(python_name)


def declare(
    declaration: Mapping[str, Any], kwargs: Callable[[ArgumentsT], dict[str, Any]]
) -> Operation[ArgumentsT]:
    """An `Operation` from a generated declaration and its generated `kwargs` bridge.

    `kwargs` is passed again, typed, so that the checked arguments' `TypedDict` follows.
    """
    if declaration["kwargs"] is not kwargs:
        raise ValueError(f"{kwargs.__name__} is not {declaration['operation_id']}'s bridge")
    parameters = tuple(
        Parameter(
            name=raw["name"],
            python_name=raw["python_name"],
            location=raw["in"],
            required=raw["required"],
            kind=raw["kind"],
            description=raw["description"],
            schema=raw["schema"],
            enum=raw["enum"],
            rules=raw["rules"],
            personal=raw["personal"],
        )
        for raw in declaration["parameters"]
    )
    return Operation(
        operation_id=declaration["operation_id"],
        method=declaration["method"],
        path=declaration["path"],
        summary=declaration["summary"],
        parameters=parameters,
        items_key=declaration["items_key"],
        item_fields=tuple(declaration["item_fields"]),
        kwargs=kwargs,
    )


def check_value(parameter: Parameter, value: Any) -> Any:
    """`value` checked against the parameter's schema and rules, converted for the builder.

    Raises:
        ValueError: the value is outside what the parameter accepts (the message names it).
        TypeError: the value is of the wrong kind.
    """
    name, kind = parameter.python_name, parameter.kind
    if kind == "enum":
        assert parameter.enum is not None
        insensitive = bool(parameter.rules.get("case-insensitive"))
        return _params.enum_value(parameter.enum, value, name, case_insensitive=insensitive)
    if kind == "date":
        return _params.calendar_date(value, name)
    if kind == "date-time":
        aware = parameter.rules.get("timezone") == "required"
        return _params.instant(value, name, aware=aware)
    if kind == "integer":
        return _params.integer(value, name, minimum=parameter.minimum, maximum=parameter.maximum)
    if kind == "number":
        return _params.number(value, name, minimum=parameter.minimum, maximum=parameter.maximum)
    if kind == "boolean":
        return _params.flag(value, name)
    pattern = parameter.schema.get("pattern")
    return _params.text(value, name, pattern=pattern, personal=parameter.personal)


def check(
    operation: Operation[ArgumentsT], filters: Mapping[str, Any], *, method: str = "list"
) -> ArgumentsT:
    """The arguments given to a method (`list()`), checked and converted, None ones left out.

    Every declared filter, and every path parameter (which is required), goes through
    `check_value`; an unknown name raises TypeError at run time too (type checkers already
    refuse it), so no argument is ever dropped silently.
    """
    accepted = operation.arguments
    declared = {parameter.python_name for parameter in accepted}
    for name in filters:
        if name not in declared:
            raise TypeError(f"{method}() got an unexpected keyword argument {name!r}")
    checked: dict[str, Any] = {}
    for parameter in accepted:
        value = check_value(parameter, filters.get(parameter.python_name))
        if value is None and parameter.location == "path":
            raise TypeError(f"{method}() missing required argument {parameter.python_name!r}")
        if parameter.location == "path" and not value:
            raise ValueError(f"{parameter.python_name} must not be empty")
        if value is not None:
            checked[parameter.python_name] = value
    for parameter in operation.filters:
        later = parameter.rules.get("not-after")
        if later is not None:
            _not_after(operation, parameter, later, checked)
    # Every key is a declared parameter's Python name and every value the type `check_value`
    # gives its kind, which is what the generated Arguments TypedDict spells out.
    return cast(ArgumentsT, checked)


def _not_after(
    operation: Operation[Any], parameter: Parameter, later: str, checked: Mapping[str, Any]
) -> None:
    other = next(p for p in operation.parameters if p.name == later)
    start, end = checked.get(parameter.python_name), checked.get(other.python_name)
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
        raise ValueError(
            f"{parameter.python_name} ({start.isoformat()}) is after "
            f"{other.python_name} ({end.isoformat()})"
        )


def describe(parameter: Parameter) -> str:
    """One line on what a filter accepts, for docstrings and the command line's help."""
    if parameter.kind == "enum":
        return "one of " + ", ".join(parameter.choices)
    low, high = parameter.minimum, parameter.maximum
    if parameter.kind in ("integer", "number") and (low is not None or high is not None):
        if low is not None and high is not None:
            return f"{low} to {high}"
        return f">= {low}" if low is not None else f"<= {high}"
    return ""


#: Set on each method that serves an operation, to the operation's id.
OPERATION_ATTRIBUTE = "__eligibility_clients_operation__"


def documented(operation: Operation[Any]) -> Callable[[FuncT], FuncT]:
    """Append the operation's filters, as the spec describes them, to a method's docstring.

    The method is also marked as serving the operation (`OPERATION_ATTRIBUTE`).
    """

    def decorate(method: FuncT) -> FuncT:
        lines = ["", "Filters (from the spec; pass them as keywords):"]
        for parameter in operation.filters:
            accepts = describe(parameter)
            suffix = f" ({accepts})" if accepts else ""
            lines.append(f"    {parameter.python_name}: {parameter.description}{suffix}")
        listed = "\n" + "\n".join(lines) + "\n" if operation.filters else ""
        method.__doc__ = inspect.cleandoc(method.__doc__ or "") + listed
        # Lets a check find, from the spec, an operation no method serves
        # (codegen/generate/wiring.py).
        setattr(method, OPERATION_ATTRIBUTE, operation.operation_id)
        return method

    return decorate

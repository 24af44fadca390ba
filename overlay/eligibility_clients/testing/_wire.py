"""Reading a request's query as an operation declares it, with each vendor's own error wording.

The fakes accept every parameter the spec declares for an operation and check it against its
schema (type, enum, format, pattern, minimum and maximum), so a parameter added to the spec is
accepted after `nox -s generate` with no edit here. The client's own stricter rules
(`x-eligibility-clients`) are not applied: the fakes answer as the vendor would.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

import httpx2

from .._operation import Operation, Parameter

_IDENTIFIER = re.compile(r"\W")


class Dialect(Protocol):
    """How a vendor words a refused parameter."""

    def invalid(self, parameter: Parameter, value: str) -> str:
        """The value is not of the parameter's type or format, or not one of its values."""

    def below(self, parameter: Parameter, minimum: float) -> str:
        """The value is under the schema's minimum."""

    def above(self, parameter: Parameter, maximum: float) -> str:
        """The value is over the schema's maximum."""

    def mismatch(self, parameter: Parameter, pattern: str) -> str:
        """The value does not match the schema's pattern."""


class ClassValidatorDialect:
    """Goodstack (NestJS class-validator): `pageSize must be an integer number`."""

    _KINDS: ClassVar[dict[str, str]] = {
        "integer": "must be an integer number",
        "number": "must be a number conforming to the specified constraints",
        "boolean": "must be a boolean value",
        "date": "must be a valid ISO 8601 date string",
        "date-time": "must be a valid ISO 8601 date string",
        "string": "must be a string",
    }

    def invalid(self, parameter: Parameter, value: str) -> str:
        """`status must be one of the following values: ...`, `... must be a boolean value`."""
        if parameter.kind == "enum":
            allowed = ", ".join(parameter.choices)
            return f"{parameter.name} must be one of the following values: {allowed}"
        return f"{parameter.name} {self._KINDS[parameter.kind]}"

    def below(self, parameter: Parameter, minimum: float) -> str:
        """`pageSize must be greater than or equal to 0`."""
        return f"{parameter.name} must be greater than or equal to {minimum}"

    def above(self, parameter: Parameter, maximum: float) -> str:
        """`pageSize must be less than or equal to 100`."""
        return f"{parameter.name} must be less than or equal to {maximum}"

    def mismatch(self, parameter: Parameter, pattern: str) -> str:
        """`x must match /.../ regular expression`."""
        return f"{parameter.name} must match /{pattern}/ regular expression"


class RestFrameworkDialect:
    """Truemed (Django REST framework): `page: A valid integer is required.`."""

    _KINDS: ClassVar[dict[str, str]] = {
        "integer": "A valid integer is required.",
        "number": "A valid number is required.",
        "boolean": "Must be a valid boolean.",
        "date": "Date has wrong format. Use YYYY-MM-DD.",
        "date-time": "Datetime has wrong format.",
        "string": "Not a valid string.",
    }

    def invalid(self, parameter: Parameter, value: str) -> str:
        """`status: 'x' is not a valid choice; ...`, `expires_at: Date has wrong format. ...`."""
        if parameter.kind == "enum":
            allowed = ", ".join(parameter.choices)
            return f"{parameter.name}: '{value}' is not a valid choice; expected one of {allowed}."
        return f"{parameter.name}: {self._KINDS[parameter.kind]}"

    def below(self, parameter: Parameter, minimum: float) -> str:
        """`page: Ensure this value is greater than or equal to 1.`."""
        return f"{parameter.name}: Ensure this value is greater than or equal to {minimum}."

    def above(self, parameter: Parameter, maximum: float) -> str:
        """`page_size: Ensure this value is less than or equal to 100.`."""
        return f"{parameter.name}: Ensure this value is less than or equal to {maximum}."

    def mismatch(self, parameter: Parameter, pattern: str) -> str:
        """`x: This value does not match the required pattern.`."""
        return f"{parameter.name}: This value does not match the required pattern."


@dataclass(frozen=True)
class Query:
    """A request's declared parameters, read: values by wire name, and what was refused."""

    values: Mapping[str, Any]
    problems: list[str]


def _convert(parameter: Parameter, raw: str) -> Any:
    """`raw` as the parameter's kind; ValueError when it is not one."""
    kind = parameter.kind
    if kind == "integer":
        return int(raw)
    if kind == "number":
        return float(raw)
    if kind == "boolean":
        if raw not in ("true", "false"):
            raise ValueError(raw)
        return raw == "true"
    if kind == "date":
        return dt.date.fromisoformat(raw)
    if kind == "date-time":
        moment = dt.datetime.fromisoformat(raw)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    if kind == "enum" and raw not in parameter.choices:
        raise ValueError(raw)
    return raw


def read_query(operation: Operation[Any], params: httpx2.QueryParams, dialect: Dialect) -> Query:
    """Every declared query parameter present in `params`, checked against its schema.

    Names the operation does not declare are left alone, as both vendors ignore them.
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    for parameter in operation.parameters:
        if parameter.location != "query" or parameter.name not in params:
            continue
        raw = params[parameter.name]
        try:
            value = _convert(parameter, raw)
        except ValueError:
            problems.append(dialect.invalid(parameter, raw))
            continue
        schema = parameter.schema
        minimum, maximum = schema.get("minimum"), schema.get("maximum")
        if minimum is not None and value < minimum:
            problems.append(dialect.below(parameter, minimum))
        elif maximum is not None and value > maximum:
            problems.append(dialect.above(parameter, maximum))
        elif "pattern" in schema and re.search(schema["pattern"], raw) is None:
            problems.append(dialect.mismatch(parameter, schema["pattern"]))
        else:
            values[parameter.name] = value
    return Query(values, problems)


def path_pattern(template: str) -> re.Pattern[str]:
    """A spec path such as `/v1/things/{id}` as a regex capturing each `{name}`."""
    parts = re.split(r"\{([^}]+)\}", template)
    regex = ""
    for index, part in enumerate(parts):
        # Odd parts are the `{name}`s; a group name must be an identifier.
        regex += re.escape(part) if index % 2 == 0 else f"(?P<{_IDENTIFIER.sub('_', part)}>[^/]+)"
    return re.compile(regex + "/?")

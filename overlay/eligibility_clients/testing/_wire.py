"""Reading a request's query as an operation declares it, with each vendor's own error wording.

The fakes accept every parameter the spec declares for an operation and check it against its
schema (type, enum, format, pattern, minimum and maximum), so a parameter added to the spec is
accepted after `nox -s generate` with no edit here. The client's own stricter rules
(`x-eligibility-clients`) are not applied: the fakes answer as the vendor would.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, ClassVar

import httpx2

from .._constraints import Rule, Violation, violation
from .._operation import Operation, Parameter

_IDENTIFIER = re.compile(r"\W")


class Dialect:
    """How a vendor's framework words a refused parameter: its templates in `wording.json`."""

    #: The framework's key in `wording.json`.
    framework: ClassVar[str]

    def refused(self, parameter: Parameter, value: str, broken: Violation) -> str:
        """The message for `value` of `parameter`, which breaks `broken`'s rule."""
        template = _WORDING[self.framework][broken.rule]
        if broken.rule == "type":
            template = template[parameter.kind]
        allowed = ", ".join(parameter.choices)
        return str(template).format(
            name=parameter.name, value=value, allowed=allowed, limit=broken.limit
        )

    def invalid(self, parameter: Parameter, value: str) -> str:
        """The value is not of the parameter's type or format, or not one of its values."""
        rule: Rule = "enum" if parameter.kind == "enum" else "type"
        return self.refused(parameter, value, Violation(rule))

    def below(self, parameter: Parameter, minimum: float) -> str:
        """The value is under the schema's minimum."""
        return self.refused(parameter, "", Violation("minimum", minimum))

    def above(self, parameter: Parameter, maximum: float) -> str:
        """The value is over the schema's maximum."""
        return self.refused(parameter, "", Violation("maximum", maximum))

    def mismatch(self, parameter: Parameter, pattern: str) -> str:
        """The value does not match the schema's pattern."""
        return self.refused(parameter, "", Violation("pattern", pattern))


class ClassValidatorDialect(Dialect):
    """Goodstack (NestJS class-validator): `pageSize must be an integer number`."""

    framework = "class-validator"


class RestFrameworkDialect(Dialect):
    """Truemed (Django REST framework): `page: A valid integer is required.`."""

    framework = "rest-framework"


_WORDING: dict[str, dict[str, Any]] = json.loads(
    resources.files(__package__).joinpath("wording.json").read_text(encoding="utf-8")
)


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
    return raw


def read_query(operation: Operation[Any], params: httpx2.QueryParams, dialect: Dialect) -> Query:
    """Every declared query parameter present in `params`, checked against its schema.

    The rules are the schema's own (`_constraints`, as the client checks them), not the
    client's stricter ones. Names the operation does not declare are left alone, as both
    vendors ignore them.
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
            problems.append(dialect.refused(parameter, raw, Violation("type")))
            continue
        schema = parameter.schema
        broken = violation(
            value,
            raw,
            choices=parameter.choices if parameter.kind == "enum" else None,
            minimum=schema.get("minimum"),
            maximum=schema.get("maximum"),
            pattern=schema.get("pattern"),
        )
        if broken is None:
            values[parameter.name] = value
        else:
            problems.append(dialect.refused(parameter, raw, broken))
    return Query(values, problems)


def path_pattern(template: str) -> re.Pattern[str]:
    """A spec path such as `/v1/things/{id}` as a regex capturing each `{name}`."""
    parts = re.split(r"\{([^}]+)\}", template)
    regex = ""
    for index, part in enumerate(parts):
        # Odd parts are the `{name}`s; a group name must be an identifier.
        regex += re.escape(part) if index % 2 == 0 else f"(?P<{_IDENTIFIER.sub('_', part)}>[^/]+)"
    return re.compile(regex + "/?")

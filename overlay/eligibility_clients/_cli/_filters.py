"""The filter options of a list command, built from the operation's generated declaration.

Names, help, choices and types follow the spec: a parameter added to it appears in `--help`
after `nox -s generate`, with no edit here. Each option's value reaches `list()` under the
parameter's Python name, where the library checks it as it checks any caller's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

import click

from .._operation import Operation, Parameter, describe

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def option_name(parameter: Parameter) -> str:
    """`start_date` -> `--start-date`."""
    return "--" + parameter.python_name.replace("_", "-")


def _calendar_date(
    ctx: click.Context, param: click.Parameter, value: dt.datetime | None
) -> dt.date | None:
    return value.date() if value is not None else None


def _instant(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> dt.date | dt.datetime | None:
    """An ISO 8601 date (midnight UTC) or date-time; the library refuses what its rules refuse."""
    if value is None:
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is neither a date (2024-01-31) nor a date-time with a timezone "
            "(2024-01-31T09:00:00Z)",
            ctx,
            param,
        ) from None
    if moment.tzinfo is None:
        raise click.BadParameter(
            f"{value!r} has no timezone: add one (Z, +01:00) or give a date", ctx, param
        )
    return moment


# Generic only in click's stubs from 8.2 on; the `cli` extra admits 8.1, so not subscripted.
class _Saying(click.ParamType):  # type: ignore[type-arg]
    """`inner`, whose refusal says what is accepted: `'0' is not accepted: 1 to 100`."""

    def __init__(self, inner: click.ParamType[Any, Any], accepted: str) -> None:
        self.inner, self.accepted = inner, accepted
        self.name = inner.name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The inner type's value, or one error naming what is accepted."""
        try:
            return self.inner.convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"{value!r} is not accepted: {self.accepted}", param, ctx)


def choice(values: Sequence[str]) -> click.Choice[str]:
    """The one case rule for every choice: any case accepted, the API's spelling sent."""
    return click.Choice(list(values), case_sensitive=False)


def _help(parameter: Parameter, page_size: int | None) -> str:
    # click prints help as plain text: the spec's `code` marks would show as backticks.
    text = parameter.description.replace("`", "")
    if parameter.kind in ("integer", "number") and describe(parameter):
        # The bounds the client enforces, which may be stricter than the spec's prose.
        text += f" Accepted: {describe(parameter)}."
    if parameter.kind == "date-time":
        text += " A date (midnight UTC) or a date-time with a timezone."
    if parameter.python_name == "page_size" and page_size is not None:
        text += f"  [default: {page_size}, the most the API allows]"
    elif parameter.schema.get("default") is not None:
        text += f" (API default: {parameter.schema['default']})"
    return text


def filter_option(parameter: Parameter, page_size: int | None = None) -> Decorator:
    """The click option of one filter; `page_size` is what the command sends by default."""
    name, help_text = option_name(parameter), _help(parameter, page_size)
    dest = parameter.python_name
    kind = parameter.kind
    if kind == "boolean":
        flag = parameter.python_name.replace("_", "-")
        return click.option(f"--{flag}/--no-{flag}", dest, default=None, help=help_text)
    if kind == "enum":
        return click.option(name, dest, type=choice(parameter.choices), help=help_text)
    if kind in ("integer", "number"):
        bounds: dict[str, Any] = {"min": parameter.minimum, "max": parameter.maximum}
        ranged = click.IntRange(**bounds) if kind == "integer" else click.FloatRange(**bounds)
        accepted = describe(parameter) or ("a whole number" if kind == "integer" else "a number")
        return click.option(name, dest, type=_Saying(ranged, accepted), metavar="N", help=help_text)
    if kind == "date":
        return click.option(
            name,
            dest,
            type=_Saying(click.DateTime(["%Y-%m-%d"]), "a date, YYYY-MM-DD (2024-01-31)"),
            metavar="YYYY-MM-DD",
            callback=_calendar_date,
            help=help_text,
        )
    if kind == "date-time":
        return click.option(name, dest, metavar="ISO8601", callback=_instant, help=help_text)
    return click.option(name, dest, metavar=parameter.python_name.upper(), help=help_text)


def with_option_names(message: str, operation: Operation[Any]) -> str:
    """The library's message with each parameter's Python name given as its option's name."""
    for parameter in operation.parameters:
        pattern = rf"(?<![\w-]){re.escape(parameter.python_name)}\b"
        message = re.sub(pattern, option_name(parameter), message)
    return message


def filter_options(operation: Operation[Any], page_size: int | None = None) -> list[Decorator]:
    """The options of every filter of `operation`, in the spec's order."""
    return [filter_option(parameter, page_size) for parameter in operation.filters]

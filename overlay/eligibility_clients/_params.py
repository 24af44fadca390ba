"""Checking and converting `list()` arguments before anything is sent.

Every bad argument raises `ValueError` (or `TypeError` for the wrong kind of value) naming the
argument and what it accepts, so nothing reaches the network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from ._constraints import violation

EnumT = TypeVar("EnumT", bound=StrEnum)


def enum_value(
    enum: type[EnumT], value: EnumT | str | None, name: str, *, case_insensitive: bool = False
) -> EnumT | None:
    """`value` as a member of `enum`; plain strings are accepted."""
    if value is None or isinstance(value, enum):
        return value
    if isinstance(value, str):
        for member in enum:
            if value == member.value or (case_insensitive and value.lower() == member.lower()):
                return member
    allowed = ", ".join(repr(m.value) for m in enum)
    raise ValueError(f"{name} must be one of {allowed}; got {value!r}")


def integer(
    value: int | None, name: str, *, minimum: float | None, maximum: float | None
) -> int | None:
    """An integer filter, checked against its bounds."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    _within(value, name, minimum, maximum)
    return value


def number(
    value: float | None, name: str, *, minimum: float | None, maximum: float | None
) -> float | None:
    """A number filter (an int or a float), checked against its bounds."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    _within(value, name, minimum, maximum)
    return value


def _within(value: float, name: str, minimum: float | None, maximum: float | None) -> None:
    if violation(value, str(value), minimum=minimum, maximum=maximum) is None:
        return
    if minimum is not None and maximum is not None:
        bounds = f"between {minimum} and {maximum}"
    else:
        bounds = f">= {minimum}" if minimum is not None else f"<= {maximum}"
    raise ValueError(f"{name} must be {bounds}; got {value}")


def text(
    value: str | None, name: str, *, pattern: str | None = None, personal: bool = False
) -> str | None:
    """A text filter: a str, or None to leave it out; matching `pattern` when there is one.

    With `personal` (the spec's `x-eligibility-clients-personal`), a message names the filter
    and what is wrong, never the value, which may be an email or a name.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if violation(value, value, pattern=pattern) is not None:
        got = "" if personal else f"; got {value!r}"
        raise ValueError(f"{name} must match the pattern {pattern!r}{got}")
    return _sendable(value, name, personal=personal)


def _sendable(value: str, name: str, *, personal: bool = False) -> str:
    # A query string is UTF-8 on the wire; a lone surrogate has no UTF-8 form, and httpx2
    # would only find that out when the request is built (for async calls, at `await`).
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        held = "a character" if personal else repr(value[exc.start : exc.end])
        raise ValueError(
            f"{name} cannot be sent: it holds {held}, which has no UTF-8 form (a lone surrogate)"
        ) from None
    return value


def flag(value: bool | None, name: str) -> bool | None:
    """A boolean filter: True, False, or None to leave it out."""
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"{name} must be a bool or None, got {type(value).__name__}")


def calendar_date(value: dt.date | str | None, name: str) -> dt.date | None:
    """A date filter (`YYYY-MM-DD`): a `date`, a `datetime` (its date) or an ISO string."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{name} must be a date as YYYY-MM-DD; got {value!r}") from None
    raise TypeError(f"{name} must be a datetime.date or an ISO date string, got {value!r}")


def instant(
    value: dt.datetime | dt.date | str | None, name: str, *, aware: bool = True
) -> dt.datetime | None:
    """A point in time: a `datetime`, a `date` (midnight UTC) or an ISO string.

    With `aware` (the spec's `timezone: required`), a naive datetime is refused: the API would
    read it in a timezone nobody chose.
    """
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"{name} must be an ISO 8601 date-time such as '2024-01-31T00:00:00Z'; "
                f"got {value!r}"
            ) from None
    if isinstance(value, dt.datetime):
        if aware and (value.tzinfo is None or value.utcoffset() is None):
            raise ValueError(
                f"{name} is a naive datetime; pass a timezone-aware one, "
                f"e.g. datetime(..., tzinfo=datetime.UTC)"
            )
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    raise TypeError(f"{name} must be a datetime, a date or an ISO string, got {value!r}")


QueryValue = str | int | float | bool


def extra_query(value: Mapping[str, QueryValue] | None) -> dict[str, str]:
    """Extra query parameters, encoded as the APIs expect (booleans as `true`/`false`)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"extra_query must be a mapping, got {type(value).__name__}")
    encoded: dict[str, str] = {}
    for name, item in value.items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"extra_query keys must be non-empty str, got {name!r}")
        _sendable(name, "extra_query key")
        if isinstance(item, bool):
            encoded[name] = "true" if item else "false"
        elif isinstance(item, str | int | float):
            encoded[name] = _sendable(str(item), f"extra_query[{name!r}]")
        else:
            kind = type(item).__name__
            raise TypeError(f"extra_query[{name!r}] must be a str, int, float or bool, got {kind}")
    return encoded


def concurrency(value: int) -> int:
    """Requests a walk may have in flight: an int >= 1 (1 walks one page at a time)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"concurrency must be an int >= 1, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"concurrency must be >= 1; got {value}")
    return value

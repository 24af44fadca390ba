"""Documented fields a response left out: logged once per walk, or raised in strict mode.

The vendors promise almost no field (see the specs' headers), so a page may leave out any
optional one and still parse: the field reads as None. The generated parsers only flag that
something was left out (cheaply, in a context variable); this module then finds exactly which
fields, with their paths, and either counts them for one WARNING per walk or, with
`strict_response_validation=True`, raises `APIResponseValidationError` naming the first.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import httpx2

from ._errors import APIResponseValidationError
from ._logging import logger

_INDEX = re.compile(r"\[\d+\]")


def missing_fields(node: Any, path: str) -> Iterator[str]:
    """Paths of the documented optional fields left out in the parsed model `node`, in order.

    Works on any generated model: each one lists its `(python name, JSON key)` pairs and keeps
    the keys the response left out in `_absent`.
    """
    absent: frozenset[str] = getattr(node, "_absent", frozenset())
    for python_name, key in type(node)._json_names:
        if key in absent:
            yield f"{path}.{key}"
            continue
        value = getattr(node, python_name)
        if hasattr(type(value), "_json_names"):
            yield from missing_fields(value, f"{path}.{key}")
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if hasattr(type(element), "_json_names"):
                    yield from missing_fields(element, f"{path}.{key}[{index}]")


class PresenceCheck:
    """The omitted-field policy of one walk (one `list()` call), shared by all its pages.

    `flag` is the generated package's context variable that its parsers set when an object
    leaves out a documented field. In the default (tolerant) mode the omissions are counted,
    and `report()` logs them as one WARNING when the walk ends or is closed: every omitted
    field, with the number of items that lacked it. Field names only, never a value.
    """

    def __init__(self, vendor: str, flag: ContextVar[list[bool] | None], *, strict: bool) -> None:
        self.vendor = vendor
        self.flag = flag
        self.strict = strict
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        # A walk that is neither finished nor closed (a first page read by hand, then
        # dropped) still reports, when its pages are collected.
        weakref.finalize(self, _report, vendor, self._counts, self._lock)

    def check(
        self, items_key: str, items: list[Any], response: httpx2.Response, body: object
    ) -> None:
        """Count the fields each item left out, or raise on the first in strict mode."""
        for index, item in enumerate(items):
            fields: set[str] = set()
            for path in missing_fields(item, f"{items_key}[{index}]"):
                if self.strict:
                    raise APIResponseValidationError(
                        f"The {self.vendor} response lacks the documented field {path} "
                        "(strict_response_validation=True)",
                        response=response,
                        body=body,
                        field=path,
                    )
                fields.add(_INDEX.sub("[]", path))
            if fields:
                with self._lock:
                    for field in fields:
                        self._counts[field] = self._counts.get(field, 0) + 1

    def report(self) -> None:
        """Log what this walk left out so far as one WARNING, and start counting afresh."""
        _report(self.vendor, self._counts, self._lock)


def _report(vendor: str, counts: dict[str, int], lock: threading.Lock) -> None:
    with lock:
        if not counts:
            return
        fields = sorted(counts.items())
        counts.clear()
    listed = ", ".join(f"{field} ({n} item{'s' if n != 1 else ''})" for field, n in fields)
    logger.warning(
        "%s left out %d documented field(s) in this walk; they read as None: %s",
        vendor,
        len(fields),
        listed,
    )

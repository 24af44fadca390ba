"""Documented fields a response left out: logged once per walk, or raised in strict mode.

The vendors promise almost no field (see the specs' headers), so a page may leave out any
optional one and still parse: the field reads as None. The generated parsers only flag that
something was left out (cheaply, in a context variable); this module then finds exactly which
fields, with their paths, and either logs each one once per walk or, with
`strict_response_validation=True`, raises `APIResponseValidationError` naming the first.
"""

from __future__ import annotations

import re
import threading
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
    leaves out a documented field.
    """

    def __init__(self, vendor: str, flag: ContextVar[list[bool] | None], *, strict: bool) -> None:
        self.vendor = vendor
        self.flag = flag
        self.strict = strict
        self._reported: set[str] = set()
        self._lock = threading.Lock()

    def check(
        self, items_key: str, items: list[Any], response: httpx2.Response, body: object
    ) -> None:
        """Log each newly omitted field once, or raise on the first in strict mode."""
        for index, item in enumerate(items):
            for path in missing_fields(item, f"{items_key}[{index}]"):
                if self.strict:
                    raise APIResponseValidationError(
                        f"The {self.vendor} response lacks the documented field {path} "
                        "(strict_response_validation=True)",
                        response=response,
                        body=body,
                        field=path,
                    )
                field = _INDEX.sub("[]", path)
                with self._lock:
                    if field in self._reported:
                        continue
                    self._reported.add(field)
                logger.warning(
                    "%s left out the documented field %s (first at %s); it reads as None. "
                    "Logged once per walk.",
                    self.vendor,
                    field,
                    path,
                )

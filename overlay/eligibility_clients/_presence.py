"""Documented fields a response left out: logged once per walk, or raised in strict mode.

The vendors promise almost no field (see the specs' headers), so a page may leave out any
optional one and still parse: the field reads as None. The generated parsers record what each
object left out while they parse it, with the paths from that object down (`_omitted`), so
finding a page's omissions reads one attribute per item and walks nothing. `omitted_fields`
gives them as exact paths (`data[3].results.confirmedActivitySubTags[0].tag.description`);
`PresenceCheck` counts them for one WARNING per walk or, with
`strict_response_validation=True`, raises `APIResponseValidationError` naming the first.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

import httpx2

from ._errors import APIResponseValidationError
from ._json import loads
from ._logging import logger

_INDEX = re.compile(r"\[\d+\]")


def omitted_fields(items_key: str, items: Sequence[Any]) -> Iterator[str]:
    """Exact paths of the documented fields the page's `items` left out, in order.

    Each generated model holds the paths from itself in `_omitted`, recorded while parsing.
    """
    for index, item in enumerate(items):
        below: tuple[str, ...] = item._omitted
        if below:
            for path in below:
                yield f"{items_key}[{index}].{path}"


class PresenceCheck:
    """The omitted-field policy of one walk (one `list()` call), shared by all its pages.

    In the default (tolerant) mode the omissions are counted, and `report()` logs them as one
    WARNING when the walk ends or is closed: every omitted field, with the number of items that
    lacked it. Field names only, never a value.
    """

    def __init__(self, vendor: str, *, strict: bool) -> None:
        self.vendor = vendor
        self.strict = strict
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        # A walk that is neither finished nor closed (a first page read by hand, then
        # dropped) still reports, when its pages are collected.
        weakref.finalize(self, _report, vendor, self._counts, self._lock)

    def check(
        self, items_key: str, items: Sequence[Any], response: httpx2.Response, body: object
    ) -> None:
        """Count the fields each item left out, or raise on the first in strict mode.

        `body` is the decoded body, or the undecoded bytes of one read straight into models,
        decoded here only for the error that carries it.
        """
        for index, item in enumerate(items):
            below: tuple[str, ...] = item._omitted
            if not below:
                continue
            if self.strict:
                path = f"{items_key}[{index}].{below[0]}"
                raise APIResponseValidationError(
                    f"The {self.vendor} response lacks the documented field {path} "
                    "(strict_response_validation=True)",
                    response=response,
                    body=loads(body) if isinstance(body, bytes) else body,
                    field=path,
                )
            fields = {_INDEX.sub("[]", f"{items_key}[].{path}") for path in below}
            with self._lock:
                for field in fields:
                    self._counts[field] = self._counts.get(field, 0) + 1

    def check_one(self, item: Any, response: httpx2.Response, body: object) -> None:
        """`check` for a response that is one object: its own fields, then `report()`."""
        below: tuple[str, ...] = item._omitted
        if below and self.strict:
            raise APIResponseValidationError(
                f"The {self.vendor} response lacks the documented field {below[0]} "
                "(strict_response_validation=True)",
                response=response,
                body=loads(body) if isinstance(body, bytes) else body,
                field=below[0],
            )
        with self._lock:
            for field in {_INDEX.sub("[]", path) for path in below}:
                self._counts[field] = self._counts.get(field, 0) + 1
        self.report()

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

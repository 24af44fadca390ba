"""Documented fields a response left out: logged once per walk, or raised in strict mode.

The vendors promise almost no field (see the specs' headers), so a page may leave out any
optional one and still parse: the field reads as None. The generated parsers record what each
object left out while they parse it, with the paths from that object down (`_omitted`), so
finding a page's omissions reads one attribute per item and walks nothing. `omitted_fields`
gives them as exact paths (`data[3].results.confirmedActivitySubTags[0].tag.description`);
`PresenceCheck` logs each field once per walk or, with `strict_response_validation=True`,
raises `APIResponseValidationError` naming the first.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import httpx2

from ._errors import APIResponseValidationError
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
    """The omitted-field policy of one walk (one `list()` call), shared by all its pages."""

    def __init__(self, vendor: str, *, strict: bool) -> None:
        self.vendor = vendor
        self.strict = strict
        self._reported: set[str] = set()
        self._lock = threading.Lock()

    def check(
        self, items_key: str, items: Sequence[Any], response: httpx2.Response, body: object
    ) -> None:
        """Log each newly omitted field once, or raise on the first in strict mode."""
        for path in omitted_fields(items_key, items):
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

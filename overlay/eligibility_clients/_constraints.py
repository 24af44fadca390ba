"""The schema's rules for one parameter value: allowed values, range and pattern, checked once.

The client (`_params`, for `list()` arguments) and the fakes (`testing._wire`, for a request's
query) check values against the same rules here and word what is broken each their own way.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

#: Which rule a value breaks: not of the parameter's type or format, not one of its values,
#: under its minimum, over its maximum, or not matching its pattern.
Rule = Literal["type", "enum", "minimum", "maximum", "pattern"]


@dataclass(frozen=True)
class Violation:
    """The rule a value breaks, and the limit it breaks (the values, bound or pattern)."""

    rule: Rule
    limit: object = None


def violation(
    value: object,
    text: str,
    *,
    choices: Collection[str] | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    pattern: str | None = None,
) -> Violation | None:
    """The first rule `value` (written as `text`) breaks, or None when it keeps them all.

    Patterns are JSON Schema's: unanchored, as `re.search` reads them.
    """
    if choices is not None and text not in choices:
        return Violation("enum", choices)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if minimum is not None and value < minimum:
            return Violation("minimum", minimum)
        if maximum is not None and value > maximum:
            return Violation("maximum", maximum)
    if pattern is not None and re.search(pattern, text) is None:
        return Violation("pattern", pattern)
    return None

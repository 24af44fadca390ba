"""Drift check 3, the vocabulary: the kinds of difference, a difference, an allow-list entry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from codegen.paths import ROOT

DEFAULT_ALLOWLIST = ROOT / "codegen" / "drift" / "upstream-allowlist.toml"
VENDORS = ("truemed", "goodstack")
FETCH_TIMEOUT_SECONDS = 30.0
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

Severity = Literal["breaking", "info"]
Direction = Literal["request", "response"]
Scalar = str | int | float | bool

# Every kind of difference, with what it means. The allow-list refuses any other kind.
KINDS: dict[str, str] = {
    "operation-missing": "an operation of our spec is not in the vendor's document",
    "operation-not-covered": "an operation of the vendor's document is not in our spec (--all)",
    "parameter-added": "the vendor documents a parameter we do not",
    "parameter-removed": "we declare a parameter the vendor no longer documents",
    "parameter-retyped": "a parameter's type or format differs",
    "parameter-required": "a parameter's required-ness differs",
    "request-body-added": "the vendor documents a request body we do not",
    "request-body-removed": "we send a request body the vendor does not document",
    "response-status-added": "the vendor documents a response status we do not",
    "response-status-removed": "we document a response status the vendor does not",
    "response-body-added": "the vendor documents a body for a status where we document none",
    "response-body-removed": "we document a body for a status where the vendor documents none",
    "field-added": "the vendor documents a field we do not",
    "field-removed": "we declare a field the vendor does not",
    "field-retyped": "a field's type or format differs",
    "field-required": "a field's required-ness differs",
    "nullability-changed": "one side allows null and the other does not",
    "enum-value-added": "the vendor lists an enum value we do not",
    "enum-value-removed": "we list an enum value the vendor does not",
    "enum-changed": "one side restricts a value to an enum and the other does not",
    "constraint-changed": "a bound, pattern or default differs",
}


class UpstreamError(Exception):
    """A usage problem: a document that cannot be read, or a bad allow-list."""


@dataclass(frozen=True)
class Difference:
    """One difference between our spec and the vendor's document."""

    operation: str
    location: str
    kind: str
    ours: str
    theirs: str
    severity: Severity
    note: str = ""


@dataclass(frozen=True)
class AllowEntry:
    """One allow-list entry: differences it matches are expected, for `reason`."""

    vendor: str
    operation: str
    kind: str
    location: str
    reason: str

    def matches(self, difference: Difference) -> bool:
        """True when this entry covers `difference` (globs in operation and location)."""
        return (
            self.kind == difference.kind
            and _glob(self.operation).fullmatch(difference.operation) is not None
            and _glob(self.location).fullmatch(difference.location) is not None
        )

    def describe(self) -> str:
        """One line naming the entry."""
        return f"[[{self.vendor}]] {self.kind} {self.operation} {self.location}"


@dataclass(frozen=True)
class Outcome:
    """A difference and the allow-list entry that covers it, if any."""

    difference: Difference
    allowed_by: AllowEntry | None = None
    #: Not found when our spec is compared with the pinned facts (specs/upstream): the vendor's
    #: document changed since they were pinned, or our spec did.
    new: bool = False

    @property
    def failing(self) -> bool:
        """A breaking difference that no allow-list entry covers."""
        return self.difference.severity == "breaking" and self.allowed_by is None


def _glob(pattern: str) -> re.Pattern[str]:
    """`**` matches anything, `*` anything but a dot; every other character is literal."""
    parts = re.split(r"(\*\*|\*)", pattern)
    regex = "".join(
        ".*" if part == "**" else "[^.]*" if part == "*" else re.escape(part) for part in parts
    )
    return re.compile(regex)

"""Drift check 3: compare a vendor's published OpenAPI document with our hand-maintained spec.

Usage:

    python -m codegen.drift.upstream VENDOR DOCUMENT [--spec PATH] [--allowlist PATH] [--all]

VENDOR is `truemed` or `goodstack` (our spec defaults to `specs/<vendor>.yaml`); DOCUMENT is a
path or an http(s) URL of the vendor's OpenAPI 3.0 or 3.1 document, in JSON or YAML.

Every operation of our spec is matched with the vendor's by method and path, and its
parameters, request body and responses are compared after both documents are normalised
(3.0 `nullable: true`, 3.1 type arrays and `anyOf [..., null]`, `$ref`, `allOf`, our
`anyOf [enum, string]` fallback), so equivalent schemas produce no difference.

Severity follows one rule: a difference is `breaking` when it lets a real exchange fail.

- Request side (parameters, request body): breaking when our client may send something the
  vendor's document does not accept (a parameter or enum value it no longer lists, a required
  parameter we may omit, a looser bound, a looser type).
- Response side (success bodies, which the generated models parse strictly): breaking when the
  vendor may send something our models reject (a field we require that may be absent, a null
  where we expect a value, an enum value our closed enum does not know, another type or format).
- Error bodies (non-2xx) are reported but never breaking: the overlay reads them leniently
  (`eligibility_clients._errors`), never through the generated models.

Everything else is `info`. Exit status: 1 when a breaking difference is not allow-listed in
`codegen/drift/upstream-allowlist.toml`, 0 otherwise, 2 for a usage error or an unreadable document.
"""

from __future__ import annotations

from codegen.drift.upstream.cli import check, main
from codegen.drift.upstream.comparing import HTTP_METHODS, compare
from codegen.drift.upstream.loading import load_allowlist, load_document
from codegen.drift.upstream.model import (
    DEFAULT_ALLOWLIST,
    FETCH_TIMEOUT_SECONDS,
    KINDS,
    MAX_DOCUMENT_BYTES,
    VENDORS,
    AllowEntry,
    Difference,
    Direction,
    Outcome,
    Scalar,
    Severity,
    UpstreamError,
)
from codegen.drift.upstream.normalising import Normaliser, Shape
from codegen.drift.upstream.reporting import apply_allowlist, render_report
from codegen.paths import ROOT

__all__ = [
    "DEFAULT_ALLOWLIST",
    "FETCH_TIMEOUT_SECONDS",
    "HTTP_METHODS",
    "KINDS",
    "MAX_DOCUMENT_BYTES",
    "ROOT",
    "VENDORS",
    "AllowEntry",
    "Difference",
    "Direction",
    "Normaliser",
    "Outcome",
    "Scalar",
    "Severity",
    "Shape",
    "UpstreamError",
    "apply_allowlist",
    "check",
    "compare",
    "load_allowlist",
    "load_document",
    "main",
    "render_report",
]

"""Drift check 3, the command line: run the whole check for one vendor and print the report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from codegen.drift.upstream.comparing import compare
from codegen.drift.upstream.loading import load_allowlist, load_document
from codegen.drift.upstream.model import DEFAULT_ALLOWLIST, VENDORS, UpstreamError
from codegen.drift.upstream.pinning import pinned_path
from codegen.drift.upstream.reporting import _count, apply_allowlist, mark_new, render_report
from codegen.paths import ROOT


def check(
    vendor: str,
    document: str,
    *,
    spec: Path | None = None,
    allowlist: Path | None = None,
    include_uncovered: bool = False,
    pinned: Path | None = None,
    fail_on_new: bool = False,
) -> tuple[int, str]:
    """Run the whole check; return the exit status (0 or 1) and the report.

    With `pinned` (the vendor's facts pinned in specs/upstream), each difference that our spec
    does not also have with the pinned facts is marked new; with `fail_on_new`, a new
    difference of any severity makes the exit status 1, as an uncovered breaking one does.
    Raises `UpstreamError` for anything that is a usage problem (exit status 2).
    """
    if vendor not in VENDORS:
        raise UpstreamError(f"unknown vendor {vendor!r} (expected one of {', '.join(VENDORS)})")
    spec_path = spec or ROOT / "specs" / f"{vendor}.yaml"
    ours = load_document(spec_path)
    theirs = load_document(document)
    if allowlist is None:
        allowlist = DEFAULT_ALLOWLIST
        entries = load_allowlist(allowlist, vendor) if allowlist.exists() else []
    else:
        entries = load_allowlist(allowlist, vendor)
    differences = compare(ours, theirs, include_uncovered=include_uncovered)
    outcomes, stale = apply_allowlist(differences, entries)
    baseline = None
    if pinned is not None:
        facts = load_document(pinned)
        standing = compare(ours, facts, include_uncovered=include_uncovered)
        outcomes = mark_new(outcomes, standing)
        retrieved = facts.get("x-pinned", {}).get("retrieved", "no retrieval date")
        baseline = f"{_display(pinned)}, retrieved {retrieved}"
    info: Mapping[str, Any] = theirs["info"] if isinstance(theirs.get("info"), Mapping) else {}
    header = [
        f"Upstream drift check for {vendor}",
        f"  ours:       {_display(spec_path)}",
        f"  theirs:     {document} (OpenAPI {theirs.get('openapi')}, "
        f"{info.get('title', 'untitled')!s} {info.get('version', '')!s})".rstrip(),
        f"  allow-list: {_display(allowlist)} ({_count(len(entries), 'entry', 'entries')})",
    ]
    report = render_report(outcomes, stale, header=header, baseline=baseline)
    new = sum(outcome.new for outcome in outcomes)
    if fail_on_new and new:
        report += (
            f"\nFAILED: {_count(new, 'difference')} new since the pinned facts. Update the "
            "spec (README, Regenerating), then re-pin: python -m codegen.drift.upstream.pinning."
        )
    failed = any(outcome.failing for outcome in outcomes) or (fail_on_new and new > 0)
    return (1 if failed else 0), report


def default_pinned(vendor: str, document: str, spec: Path | None) -> Path | None:
    """The pinned facts that new differences are marked against, or None.

    They are used when our own spec is compared with a document other than the pinned facts.
    """
    pinned = pinned_path(vendor)
    if spec is not None or not pinned.exists():
        return None
    if "://" not in document and Path(document).resolve() == pinned.resolve():
        return None
    return pinned


def _display(path: Path) -> str:
    resolved = path.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UpstreamError(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = _Parser(
        prog="python -m codegen.drift.upstream",
        description="Compare a vendor's published OpenAPI document with our spec.",
    )
    parser.add_argument("vendor", choices=VENDORS, help="whose spec to compare")
    parser.add_argument("document", help="path or http(s) URL of the vendor's OpenAPI document")
    parser.add_argument("--spec", type=Path, help="our spec (default: specs/<vendor>.yaml)")
    parser.add_argument(
        "--allowlist", type=Path, help=f"allow-list (default: {_display(DEFAULT_ALLOWLIST)})"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        dest="include_uncovered",
        help="also list the vendor's operations that our spec does not describe",
    )
    parser.add_argument(
        "--pinned",
        type=Path,
        help="pinned facts to mark new differences against (default: specs/upstream/<vendor>"
        ".json, when it exists, --spec is not given and DOCUMENT is another document)",
    )
    parser.add_argument(
        "--fail-on-new",
        action="store_true",
        help="exit 1 on any difference new since the pinned facts, not only a breaking one",
    )
    try:
        args = parser.parse_args(argv)
        status, report = check(
            args.vendor,
            args.document,
            spec=args.spec,
            allowlist=args.allowlist,
            include_uncovered=args.include_uncovered,
            pinned=args.pinned or default_pinned(args.vendor, args.document, args.spec),
            fail_on_new=args.fail_on_new,
        )
    except UpstreamError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    print(report)
    return status

"""All three drift checks in one run, each reported under its own heading.

Check 3 needs each vendor's published document: given as `VENDOR=PATH_OR_URL`, else from
`<VENDOR>_OPENAPI`, else the vendor's facts pinned in `specs/upstream/` (so it runs offline,
every time). A vendor with none of the three is skipped with a line saying how to give one.
Every check runs even when an earlier one fails, so one run shows all the drift there is.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from codegen.drift import traffic
from codegen.drift.upstream import cli as upstream
from codegen.drift.upstream.model import VENDORS
from codegen.generate import regenerate
from codegen.paths import ROOT

PINNED = ROOT / "specs" / "upstream"


class UsageError(ValueError):
    """An argument that names no vendor or no document."""


def documents(
    arguments: Sequence[str], environ: Mapping[str, str], pinned: Path = PINNED
) -> dict[str, str | None]:
    """Each vendor's document for check 3: an argument, the environment, the pinned facts.

    None for a vendor with none of them. Raises `UsageError` for an argument that is not
    `VENDOR=PATH_OR_URL` with a known vendor.
    """
    given: dict[str, str] = {}
    for argument in arguments:
        vendor, _, location = argument.partition("=")
        if vendor not in VENDORS or not location:
            raise UsageError(
                f"expected VENDOR=PATH_OR_URL with VENDOR in {', '.join(VENDORS)}, got {argument!r}"
            )
        given[vendor] = location
    found: dict[str, str | None] = {}
    for vendor in VENDORS:
        facts = pinned / f"{vendor}.json"
        found[vendor] = (
            given.get(vendor)
            or environ.get(f"{vendor.upper()}_OPENAPI")
            or (str(facts.relative_to(ROOT)) if facts.exists() else None)
        )
    return found


def run_checks(
    located: Mapping[str, str | None],
    *,
    generated: Callable[[], int] = lambda: regenerate.check(regenerate.GENERATED),
    recorded: Callable[[], int] = lambda: traffic.main([]),
    published: Callable[[str, str], int] = lambda vendor, doc: upstream.main([vendor, doc]),
) -> list[str]:
    """Run every check; return the names of those that failed (empty: no drift)."""
    failed: list[str] = []

    def step(name: str, check: Callable[[], int]) -> None:
        print(f"--- {name}", flush=True)
        if check() != 0:
            failed.append(name)

    step("check 1: generated/ vs specs/", generated)
    step("check 2: cassettes vs specs/", recorded)
    for vendor, document in located.items():
        if document is None:
            print(
                f"--- check 3 for {vendor}: skipped, no published document given and none "
                f"pinned (set {vendor.upper()}_OPENAPI=PATH_OR_URL or pass "
                f"{vendor}=PATH_OR_URL)"
            )
            continue
        step(
            f"check 3 for {vendor}: {document} vs specs/{vendor}.yaml",
            _bind(published, vendor, document),
        )
    return failed


def _bind(check: Callable[[str, str], int], vendor: str, document: str) -> Callable[[], int]:
    return lambda: check(vendor, document)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: 0 with no drift, 1 with some, 2 for a usage error."""
    parser = argparse.ArgumentParser(prog="python -m codegen.drift", description=__doc__)
    parser.add_argument(
        "documents", nargs="*", metavar="VENDOR=PATH_OR_URL", help="a vendor's published document"
    )
    args = parser.parse_args(argv)
    try:
        located = documents(args.documents, os.environ)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    failed = run_checks(located)
    if failed:
        print(f"Drift found by: {'; '.join(failed)}", file=sys.stderr)
        return 1
    return 0

"""The public API check: compare what users import with the snapshot of the last release.

Usage (normally through nox: `nox -s api`, `nox -s api -- --update`):

    python -m codegen.api             # report changes; exit 1 if they need a bigger bump
    python -m codegen.api --update    # rewrite the snapshot from the code and `_version.py`

The public API is what `import eligibility_clients` (and `eligibility_clients.testing`) gives:
each exported class with every public member it has, inherited ones included, so a generated
model's fields and their annotations, the exception classes' attributes, and the clients',
resources' and pages' signatures. Each object is keyed by the path users reach it by
(`QualificationSession.fee`, `TruemedClient.qualification_sessions.list`), never by the module
that defines it, so moving a generated package does not read as a change.

griffe loads the code, writes and reads the snapshot (its JSON form) and finds the breaking
changes; `_other_changes` adds what griffe leaves out: additions, and changed annotations.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from codegen import versions
from codegen.api.compare import Change as Change
from codegen.api.compare import compare as compare
from codegen.api.surface import ancestry as ancestry
from codegen.api.surface import attrs_constructor as attrs_constructor
from codegen.api.surface import attrs_models as attrs_models
from codegen.api.surface import build_surface as build_surface
from codegen.api.surface import dump_snapshot as dump_snapshot
from codegen.api.surface import load_snapshot as load_snapshot
from codegen.api.surface import roundtrip as roundtrip
from codegen.paths import ROOT as ROOT
from codegen.versions import bump_made, is_enough, parse_version

SNAPSHOT = ROOT / "codegen/api/public-api.json"
VERSION_FILE = ROOT / "overlay/eligibility_clients/_version.py"
CHANGELOG = ROOT / "CHANGELOG.md"

_VERSION = re.compile(r'^__version__ = "([^"]*)"$', re.MULTILINE)
_RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


# ---------------------------------------------------------------- versions


def read_version(path: Path = VERSION_FILE) -> str:
    """The version in `_version.py`."""
    match = _VERSION.search(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f'{path.name} has no __version__ = "X.Y.Z" line')
    return str(parse_version(match.group(1)))


def required_bump(version: str, changes: list[Change]) -> versions.Bump | None:
    """The smallest bump the changes need (README "Versioning"): None, patch, minor or major."""
    return versions.required_bump(
        version, breaking=any(change.breaking for change in changes), changed=bool(changes)
    )


def changelog_release(text: str) -> tuple[str, str] | None:
    """The newest dated entry of a Keep a Changelog file: (version, date), or None."""
    match = _RELEASE_HEADING.search(text)
    return (match.group(1), match.group(2)) if match else None


def consistency_errors(version: str, snapshot_version: str, changelog: str) -> list[str]:
    """Where the version, the snapshot and the CHANGELOG's newest entry disagree."""
    errors = []
    release = changelog_release(changelog)
    if release is None:
        errors.append("CHANGELOG.md has no dated release entry (## [X.Y.Z] - YYYY-MM-DD)")
    elif release[0] != snapshot_version:
        errors.append(
            f"the snapshot is of {snapshot_version} but CHANGELOG.md's newest entry is "
            f"{release[0]}; cut releases with `nox -s release`"
        )
    try:
        bump_made(snapshot_version, version)
    except ValueError as exc:
        errors.append(str(exc))
    return errors


# ---------------------------------------------------------------- command line


def check(snapshot: Path = SNAPSHOT, out: Any = sys.stdout) -> int:
    """Print the changes since the snapshot; 1 if the version bump is too small, else 0."""
    if not snapshot.exists():
        print(f"no snapshot at {snapshot.name}: run `nox -s api -- --update`", file=out)
        return 1
    released, old = load_snapshot(snapshot.read_text(encoding="utf-8"))
    version = read_version()
    errors = consistency_errors(version, released, CHANGELOG.read_text(encoding="utf-8"))
    live = build_surface()
    changes = compare(old, roundtrip(live), ancestry(live), attrs_models(live))
    for change in changes:
        print(change, file=out)
    needed = required_bump(released, changes)
    made = None if errors else bump_made(released, version)
    print(
        f"{len(changes)} change(s) since {released} "
        f"({sum(c.breaking for c in changes)} breaking); "
        f"needs {needed or 'no'} bump, version {version} makes {made or 'none'}",
        file=out,
    )
    for error in errors:
        print(f"error: {error}", file=out)
    if errors:
        return 1
    if not is_enough(made, needed):
        print(
            f"error: these changes need a {needed} release; "
            f"cut it with `nox -s release -- {needed}`",
            file=out,
        )
        return 1
    return 0


def update(snapshot: Path = SNAPSHOT) -> str:
    """Rewrite the snapshot from the code, at `_version.py`'s version; returns that version."""
    version = read_version()
    snapshot.write_text(dump_snapshot(build_surface(), version), encoding="utf-8")
    return version


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m codegen.api`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot")
    args = parser.parse_args(argv)
    if args.update:
        print(f"{SNAPSHOT.relative_to(ROOT)} rewritten at version {update()}")
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main())

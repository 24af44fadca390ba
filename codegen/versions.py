"""Release versions and the bumps between them (README "Versioning"), with `packaging.version`.

A release is a final `MAJOR.MINOR.PATCH`, written in its canonical form (`0.7.0`, never
`0.07.0`, `v0.7.0` or `0.7.0rc1`): the same text names the tag, the wheel and the CHANGELOG
heading, so a second spelling of one version would break those links.
"""

from __future__ import annotations

from typing import Literal

from packaging.version import InvalidVersion, Version

Bump = Literal["patch", "minor", "major"]
#: The bumps, smallest first.
BUMPS: tuple[Bump, ...] = ("patch", "minor", "major")


def parse_version(text: str) -> Version:
    """`"1.2.3"` as a `Version`; anything but a canonical, final X.Y.Z raises ValueError."""
    try:
        version = Version(text)
    except InvalidVersion:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {text!r}") from None
    final = not (version.is_prerelease or version.is_postrelease or version.local)
    if len(version.release) != 3 or version.epoch or not final or str(version) != text:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {text!r}")
    return version


def required_bump(version: str, breaking: bool, changed: bool) -> Bump | None:
    """The smallest bump a change to the release `version` needs: None, patch, minor or major.

    Below 1.0.0 everything moves down one place: a breaking change needs a minor release, an
    addition a patch release.
    """
    initial = parse_version(version).major == 0
    if breaking:
        return "minor" if initial else "major"
    if changed:
        return "patch" if initial else "minor"
    return None


def bump_made(old: str, new: str) -> Bump | None:
    """Which part moved from `old` to `new` (None when equal); a step back raises ValueError."""
    before, after = parse_version(old), parse_version(new)
    if after < before:
        raise ValueError(f"version {new} is older than the last release {old}")
    if after.major != before.major:
        return "major"
    if after.minor != before.minor:
        return "minor"
    if after.micro != before.micro:
        return "patch"
    return None


def bump(version: str, part: str) -> str:
    """`version` with `part` ("major", "minor" or "patch") increased, the parts after it 0."""
    current = parse_version(version)
    if part == "major":
        return f"{current.major + 1}.0.0"
    if part == "minor":
        return f"{current.major}.{current.minor + 1}.0"
    if part == "patch":
        return f"{current.major}.{current.minor}.{current.micro + 1}"
    raise ValueError(f"unknown bump {part!r}; choose from {', '.join(BUMPS)}")


def is_enough(made: Bump | None, needed: Bump | None) -> bool:
    """Whether the bump made covers the bump needed."""
    rank = {None: 0, "patch": 1, "minor": 2, "major": 3}
    return rank[made] >= rank[needed]

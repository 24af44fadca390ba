"""What the wheel must hold, and nothing else: checked from the archive alone."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

#: Every top-level package the wheel installs carries the distribution's name.
WHEEL_PACKAGES = frozenset(
    {"eligibility_clients", "eligibility_clients_truemed", "eligibility_clients_goodstack"}
)
CONSOLE_SCRIPT = "eligibility-clients = eligibility_clients._cli:main"
# Folders and files of the checkout that must never ship inside the wheel.
NOT_SHIPPED_PARTS = frozenset({"tests", "specs", "cassettes"})


@dataclass(frozen=True)
class WheelReport:
    """What `inspect_wheel` found: the problems (none for a good wheel) and a summary."""

    problems: list[str]
    packages: list[str]
    runtime_requirements: list[str]
    files: int


def requirement_name(requirement: str) -> str:
    """The normalised project name a `Requires-Dist` line is about."""
    name = requirement
    for stop in " ;<>=!~[(":
        name = name.partition(stop)[0]
    return name.lower().replace("_", "-")


def inspect_wheel(wheel: Path) -> WheelReport:
    """Read `wheel` and list every way it differs from what we ship."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next((n for n in names if n.endswith(".dist-info/METADATA")), None)
        requires = [
            line.removeprefix("Requires-Dist:").strip()
            for line in (archive.read(metadata).decode() if metadata else "").splitlines()
            if line.startswith("Requires-Dist:")
        ]
        entry_points = next((n for n in names if n.endswith(".dist-info/entry_points.txt")), None)
        scripts = archive.read(entry_points).decode() if entry_points else ""
    top_level = {name.split("/", 1)[0] for name in names}
    packages = sorted(name for name in top_level if not name.endswith(".dist-info"))
    runtime = sorted({requirement_name(r) for r in requires if "extra ==" not in r})
    problems: list[str] = []
    if set(packages) != WHEEL_PACKAGES:
        problems.append(f"wheel holds packages {packages}, expected {sorted(WHEEL_PACKAGES)}")
    forbidden = [
        name
        for name in names
        if NOT_SHIPPED_PARTS.intersection(name.split("/")) or name.endswith((".yaml", ".yml"))
    ]
    if forbidden:
        problems.append(f"wheel holds files it must not ship: {forbidden}")
    untyped = [p for p in packages if f"{p}/py.typed" not in names]
    if untyped:
        problems.append(f"wheel packages without py.typed: {untyped}")
    if metadata is None:
        problems.append("wheel has no METADATA")
    if "httpx2" not in runtime or "httpx" in runtime:
        problems.append(f"the wheel must require httpx2 and not httpx; it requires {requires}")
    if CONSOLE_SCRIPT not in scripts:
        problems.append(f"wheel lacks the eligibility-clients console script: {scripts!r}")
    return WheelReport(problems, packages, runtime, len(names))

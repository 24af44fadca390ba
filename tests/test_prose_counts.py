"""Prose never counts a spec's enum values ("four statuses"): a new value would make it false.

The values themselves are listed where they are generated from the spec (the README's
parameter tables, the command's choices); prose says "every status" instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from eligibility_clients._cli._app import cli

ROOT = Path(__file__).resolve().parent.parent
NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|twenty)"
)
# What the specs enumerate: statuses, sort orders and directions, environments (servers).
# Plural only: "a 404 status" counts nothing.
NOUN = r"(?:statuses|sort orders|sort fields|sorts|directions|environments|enum values)"
COUNTED = re.compile(rf"\b{NUMBER}\s+(?:\w+\s+)?{NOUN}\b", re.IGNORECASE)


def counted(text: str) -> list[str]:
    return [match.group(0) for match in COUNTED.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100 sessions over the four statuses", ["four statuses"]),
        ("one of the 5 sort orders", ["5 sort orders"]),
        ("the two Goodstack environments", ["two Goodstack environments"]),
        ("over every status; retries 429 twice", []),
        ("status 503 after 2 retries", []),
        ("a 404 status", []),
    ],
)
def test_the_pattern_finds_counts(text: str, expected: list[str]) -> None:
    assert counted(text) == expected


def _prose_files() -> list[Path]:
    # User-facing prose: the README and any docs, the specs' descriptions, and the docstrings
    # generated from them.
    files = [ROOT / "README.md", *sorted((ROOT / "specs").glob("*.yaml"))]
    files += sorted((ROOT / "docs").rglob("*.md"))
    files += sorted((ROOT / "generated").rglob("*.py"))
    return files


def test_no_prose_counts_enum_values() -> None:
    found = {
        f"{path.relative_to(ROOT)}: {phrase}"
        for path in _prose_files()
        for phrase in counted(path.read_text(encoding="utf-8"))
    }
    assert sorted(found) == []


@pytest.mark.parametrize(
    "command",
    [(), ("truemed",), ("truemed", "sessions"), ("goodstack",), ("goodstack", "subscriptions")],
)
def test_no_command_help_counts_enum_values(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert counted(result.output) == []

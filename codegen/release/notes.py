"""Print a version's CHANGELOG.md entry: the notes of its GitHub Release.

    python3 -m codegen.release.notes 0.6.0     # exit 1 when CHANGELOG.md has no such entry

Standard library only: the release workflow runs it before anything is installed.
"""

from __future__ import annotations

import re
import sys

from codegen.paths import ROOT

CHANGELOG = ROOT / "CHANGELOG.md"


def entry(text: str, version: str) -> str | None:
    """The body under `## [version] - YYYY-MM-DD`, up to the next `## [`; None if absent."""
    heading = re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)
    if heading is None:
        return None
    rest = text[heading.end() :]
    following = re.search(r"^## \[", rest, re.MULTILINE)
    body = (rest[: following.start()] if following else rest).strip()
    return body or None


def main(argv: list[str]) -> int:
    """Print the entry of `argv[0]`, or say why there is none."""
    if len(argv) != 1:
        print("usage: release_notes.py X.Y.Z", file=sys.stderr)
        return 2
    body = entry(CHANGELOG.read_text(encoding="utf-8"), argv[0])
    if body is None:
        print(f"CHANGELOG.md has no dated, non-empty entry for {argv[0]}", file=sys.stderr)
        return 1
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The README's commit pin installs: from the newest release commit, in a clone without tags.

A consumer's mirror may carry no tags at all; the "Release X.Y.Z" commits are always there
(`git log --grep '^Release '`). This clones the checkout with `--no-tags`, finds that commit
and has pip install `eligibility-clients @ git+file://CLONE@COMMIT`, offline: no build
isolation (hatchling comes from the test group) and no dependencies (the venv has them).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def git(*args: str, cwd: Path = ROOT) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_newest_release_commit_installs_from_a_clone_without_tags(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git("clone", "--quiet", "--no-tags", "--no-local", str(ROOT), str(clone))
    assert git("tag", "--list", cwd=clone) == ""
    # A release commit's whole subject, so "Release notes: ..." is not taken for one.
    release = r"^Release [0-9]+\.[0-9]+\.[0-9]+$"
    newest = git("log", "-E", "--grep", release, "-1", "--format=%H %s", cwd=clone)
    assert newest, "no 'Release X.Y.Z' commit in the history (CI must clone it whole)"
    commit, subject = newest.split(" ", 1)
    version = re.fullmatch(r"Release (\d+\.\d+\.\d+)", subject)
    assert version, subject

    target = tmp_path / "site"
    requirement = f"eligibility-clients @ git+file://{clone}@{commit}"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    flags = ["--no-deps", "--no-build-isolation", "--no-index", "--target", str(target)]
    done = subprocess.run(
        [*command, *flags, requirement], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]

    installed = (target / "eligibility_clients/_version.py").read_text(encoding="utf-8")
    assert f'__version__ = "{version.group(1)}"' in installed
    metadata = next(target.glob("eligibility_clients-*.dist-info/METADATA")).read_text()
    assert f"Version: {version.group(1)}" in metadata

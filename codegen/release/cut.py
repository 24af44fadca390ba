"""Cut a release: version, CHANGELOG entry, API snapshot, wheel and sdist, and its commit.

Usage (normally through nox: `nox -s release -- minor`):

    python -m codegen.release minor                  # or major, patch, X.Y.Z
    python -m codegen.release auto                   # the bump `nox -s api` says is needed
    python -m codegen.release 0.2.0 --date 2026-12-01

The git tree must be clean, so the release is exactly what is committed. The command then
rewrites `_version.py` and the install lines of the README and the docs' pages,
turns CHANGELOG.md's `## [Unreleased]` section into `## [X.Y.Z] - YYYY-MM-DD` (with the
API changes `nox -s api` found) under a new empty `## [Unreleased]`, rewrites
`codegen/api/public-api.json`, builds the wheel and sdist into dist/, checks that they agree,
and runs drift check 1 (generated/ is byte for byte what specs/ generate) and the test suite
on exactly that tree. Only when all pass does it commit those files as "Release X.Y.Z";
otherwise it puts them back as they were.

It does not tag: pushing the commit to main is the release. The release workflow
(.github/workflows/release.yml) then sees a version without a tag, builds the wheel and sdist,
creates the tag `vX.Y.Z` and publishes the GitHub Release with the CHANGELOG entry as notes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from codegen import versions
from codegen.api import check as api
from codegen.paths import DIST, ROOT

UNRELEASED = "## [Unreleased]"


class ReleaseError(Exception):
    """A release cannot be cut; the message says why."""


def target_version(
    current: str, released: str | None, wanted: str, needed: versions.Bump | None
) -> str:
    """The version to release, from `major`/`minor`/`patch`/`auto` or an explicit X.Y.Z."""
    base = released or current
    if wanted == "auto":
        wanted = needed or "patch"
    version = versions.bump(base, wanted) if wanted in versions.BUMPS else wanted
    versions.parse_version(version)
    if released is not None:
        made = versions.bump_made(released, version)
        if made is None:
            raise ReleaseError(f"{version} is already released")
        if not versions.is_enough(made, needed):
            raise ReleaseError(
                f"the API changes since {released} need a {needed} release; {version} is a {made}"
            )
    elif versions.parse_version(version) < versions.parse_version(current):
        raise ReleaseError(f"{version} is older than _version.py's {current}")
    return version


def date_changelog(text: str, version: str, date: str, changes: list[api.Change]) -> str:
    """CHANGELOG.md with its Unreleased section released as `version` on `date`."""
    if UNRELEASED not in text.splitlines():
        raise ReleaseError(f"CHANGELOG.md has no `{UNRELEASED}` section to release")
    head, _, rest = text.partition(UNRELEASED + "\n")
    following = re.search(r"^## \[", rest, re.MULTILINE)
    body = rest[: following.start()] if following else rest
    tail = rest[following.start() :] if following else ""
    if not body.strip() and not changes:
        raise ReleaseError("the Unreleased section is empty: nothing to release")
    if changes:
        listed = "\n".join(f"- `{change}`" for change in changes)
        body = body.rstrip("\n") + f"\n\n### Public API changes (`nox -s api`)\n{listed}\n"
    released = f"## [{version}] - {date}\n\n" + body.lstrip("\n").rstrip("\n") + "\n\n"
    return head + UNRELEASED + "\n\n" + released + tail


#: The documents whose install lines name the release's tag and wheel: the README and every
#: page of the docs site (rewriting a page without one changes nothing).
INSTALL_DOCUMENTS = (ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")))


def install_lines(readme: str, version: str) -> str:
    """A document with its install lines naming `version`'s tag and wheel."""
    readme = re.sub(r"@v\d+\.\d+\.\d+\"", f'@v{version}"', readme)
    return re.sub(
        r"eligibility_clients-\d+\.\d+\.\d+-py3-none-any\.whl",
        f"eligibility_clients-{version}-py3-none-any.whl",
        readme,
    )


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def _build(version: str) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="eligibility-release-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "build", "--outdir", tmp, str(ROOT)], check=True, cwd=ROOT
        )
        built = sorted(Path(tmp).iterdir())
        expected = {
            f"eligibility_clients-{version}-py3-none-any.whl",
            f"eligibility_clients-{version}.tar.gz",
        }
        if {path.name for path in built} != expected:
            raise ReleaseError(f"the build made {[p.name for p in built]}, not {sorted(expected)}")
        DIST.mkdir(exist_ok=True)
        kept = []
        for path in built:
            (DIST / path.name).write_bytes(path.read_bytes())
            kept.append(DIST / path.name)
    return kept


def verify(version: str) -> None:
    """Fail unless `_version.py`, CHANGELOG.md, the snapshot and dist/ all say `version`."""
    snapshot_version, _ = api.load_snapshot(api.SNAPSHOT.read_text(encoding="utf-8"))
    release = api.changelog_release(api.CHANGELOG.read_text(encoding="utf-8"))
    found = {
        "_version.py": api.read_version(),
        "CHANGELOG.md": release[0] if release else None,
        "codegen/api/public-api.json": snapshot_version,
    }
    wrong = {name: value for name, value in found.items() if value != version}
    for suffix in ("-py3-none-any.whl", ".tar.gz"):
        if not (DIST / f"eligibility_clients-{version}{suffix}").exists():
            wrong[f"dist/eligibility_clients-{version}{suffix}"] = "missing"
    if wrong:
        raise ReleaseError(f"release {version} is inconsistent: {wrong}")


def release(wanted: str, date: str) -> str:
    """Cut the release; returns its version."""
    if _git("status", "--porcelain"):
        raise ReleaseError("the git tree has uncommitted changes: commit them first")
    current = api.read_version()
    released = None
    changes: list[api.Change] = []
    if api.SNAPSHOT.exists():
        released, old = api.load_snapshot(api.SNAPSHOT.read_text(encoding="utf-8"))
        live = api.build_surface()
        changes = api.compare(old, api.roundtrip(live), api.ancestry(live), api.attrs_models(live))
    needed = api.required_bump(released, changes) if released else None
    version = target_version(current, released, wanted, needed)
    tag = f"v{version}"
    if _git("tag", "--list", tag):
        raise ReleaseError(f"tag {tag} exists already")

    changelog = api.CHANGELOG.read_text(encoding="utf-8")
    api.CHANGELOG.write_text(date_changelog(changelog, version, date, changes), encoding="utf-8")
    text = api.VERSION_FILE.read_text(encoding="utf-8")
    api.VERSION_FILE.write_text(
        re.sub(r'^__version__ = ".*"$', f'__version__ = "{version}"', text, flags=re.MULTILINE),
        encoding="utf-8",
    )
    for document in INSTALL_DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        document.write_text(install_lines(text, version), encoding="utf-8")
    api.update()
    files = [api.CHANGELOG, api.VERSION_FILE, api.SNAPSHOT, *INSTALL_DOCUMENTS]
    try:
        artifacts = _build(version)
        verify(version)
        _checks_pass()
    except BaseException:
        _git("checkout", "--", *(str(path.relative_to(ROOT)) for path in files))
        raise

    _git("add", *(str(path.relative_to(ROOT)) for path in files))
    _git("commit", "--quiet", "-m", f"Release {version}")
    for change in changes:
        print(change)
    for path in artifacts:
        print(f"built {path.relative_to(ROOT)}")
    print(NEXT_STEPS.format(version=version, tag=tag, commit=_git("rev-parse", "--short", "HEAD")))
    return version


NEXT_STEPS = """\
prepared the release commit {commit} "Release {version}" (not tagged, not pushed).

Push it to main:  git push origin HEAD:main
On that push, .github/workflows/release.yml sees that _version.py names {version} and no tag
{tag} exists, so it:
  1. checks CHANGELOG.md's entry for {version} (python3 -m codegen.release.notes {version});
  2. builds the wheel and sdist with `nox -s build`;
  3. creates the tag {tag} on that commit and publishes the GitHub Release "{version}" with the
     entry as its notes and both files attached;
  4. uploads both files to the package index named by the repository variable
     PACKAGE_INDEX_URL, by trusted publishing, if that variable is set.
Do not push a tag yourself: the workflow would then see {version} as released already."""

# Drift check 1 and the suite, as `nox -s drift` and `nox -s tests` run them.
CHECKS = (
    ("drift check 1", [sys.executable, "-m", "codegen.generate", "check"]),
    ("the test suite", [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]),
)


def _checks_pass() -> None:
    """Refuse the release unless drift check 1 and the tests pass on the tree to commit."""
    for name, command in CHECKS:
        print(f"release: running {name}: {' '.join(command[1:])}", flush=True)
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            raise ReleaseError(f"{name} failed on the release tree: nothing was committed")


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m codegen.release`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="major, minor, patch, auto, or X.Y.Z")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="YYYY-MM-DD")
    args = parser.parse_args(argv)
    try:
        dt.date.fromisoformat(args.date)
        release(args.version, args.date)
    except (ReleaseError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

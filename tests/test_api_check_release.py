"""The release helpers: the bump a change needs, version numbers, the changelog and notes.

Covers `codegen.versions`, `codegen.release.cut` and `codegen.release.notes`, and the rules in
`codegen.api.check` that turn found changes into a required bump and check that the version
and the changelog agree.
"""

from __future__ import annotations

import sys

import pytest

from codegen import versions
from codegen.api import check as api
from codegen.release import cut as release


def test_bump_rules_under_and_after_zero() -> None:
    breaking = [api.Change("Session.fee", "removed", breaking=True)]
    additive = [api.Change("Session.currency", "added", breaking=False)]
    assert api.required_bump("0.1.0", breaking) == "minor"
    assert api.required_bump("0.1.0", additive) == "patch"
    assert api.required_bump("1.4.0", breaking) == "major"
    assert api.required_bump("1.4.0", additive) == "minor"
    assert api.required_bump("0.1.0", []) is None


def test_a_bump_too_small_is_refused() -> None:
    assert versions.bump_made("0.1.0", "0.1.1") == "patch"
    assert not versions.is_enough(versions.bump_made("0.1.0", "0.1.1"), "minor")
    assert versions.is_enough(versions.bump_made("0.1.0", "0.2.0"), "minor")
    assert not versions.is_enough(None, "patch")
    with pytest.raises(release.ReleaseError, match="need a minor release"):
        release.target_version("0.1.0", "0.1.0", "patch", "minor")
    assert release.target_version("0.1.0", "0.1.0", "auto", "minor") == "0.2.0"
    with pytest.raises(ValueError, match="older than the last release"):
        versions.bump_made("0.2.0", "0.1.9")


@pytest.mark.parametrize(
    ("version", "part", "expected"),
    [
        ("0.6.0", "patch", "0.6.1"),
        ("0.6.3", "minor", "0.7.0"),
        ("0.6.3", "major", "1.0.0"),
        ("1.9.9", "patch", "1.9.10"),
        ("1.9.9", "minor", "1.10.0"),
        ("9.12.4", "major", "10.0.0"),
    ],
)
def test_bump_moves_one_part_and_zeroes_the_rest(version: str, part: str, expected: str) -> None:
    assert versions.bump(version, part) == expected


def test_an_unknown_bump_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown bump 'huge'"):
        versions.bump("0.6.0", "huge")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("0.6.0", "0.6.0", None),
        ("0.6.0", "0.6.1", "patch"),
        ("0.6.9", "0.7.0", "minor"),
        # Numbers, not text: 0.10.0 comes after 0.9.0.
        ("0.9.0", "0.10.0", "minor"),
        ("0.9.9", "1.0.0", "major"),
        # The biggest part that moved names the bump, whatever the others did.
        ("1.2.3", "2.5.7", "major"),
    ],
)
def test_bump_made_names_the_biggest_part_that_moved(
    old: str, new: str, expected: str | None
) -> None:
    assert versions.bump_made(old, new) == expected


@pytest.mark.parametrize(
    "text", ["1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.2.3rc1", "1.2.3.post1", "1.2.3+local", "x"]
)
def test_only_a_canonical_final_release_version_is_accepted(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a MAJOR\.MINOR\.PATCH version"):
        versions.parse_version(text)


def test_release_versions_compare_as_numbers() -> None:
    assert versions.parse_version("0.10.0") > versions.parse_version("0.9.12")
    with pytest.raises(release.ReleaseError, match=r"older than _version\.py's 0\.10\.0"):
        release.target_version("0.10.0", None, "0.9.0", None)


def test_consistency_errors_name_what_disagrees() -> None:
    changelog = "# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-11-29\n"
    assert api.consistency_errors("0.1.0", "0.1.0", changelog) == []
    assert api.consistency_errors("0.1.0", "0.2.0", changelog) != []
    assert api.consistency_errors("0.1.0", "0.1.0", "# Changelog\n") != []


def test_changelog_release_dates_the_unreleased_section() -> None:
    text = "# Changelog\n\n## [Unreleased]\n\n### Added\n- a thing\n\n## [0.1.0] - 2026-11-29\n"
    change = api.Change("Session.fee", "removed", breaking=True)
    out = release.date_changelog(text, "0.2.0", "2026-12-01", [change])
    assert out.startswith(
        "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n### Added\n- a thing\n\n"
    )
    assert "- `Session.fee: removed (breaking)`" in out
    assert out.endswith("## [0.1.0] - 2026-11-29\n")
    assert api.changelog_release(out) == ("0.2.0", "2026-12-01")
    with pytest.raises(release.ReleaseError, match="nothing to release"):
        release.date_changelog("## [Unreleased]\n\n## [0.1.0] - 2026-11-29\n", "0.2.0", "x", [])


def test_install_lines_follow_the_release() -> None:
    readme = (
        'pip install "x @ git+URL@v0.1.0"\n'
        "pip install dist/eligibility_clients-0.1.0-py3-none-any.whl\n"
        'pip install "eligibility-clients[cli] @ git+URL@v0.1.0"\n'
        'pip install "./dist/eligibility_clients-0.1.0-py3-none-any.whl[cli]"\n'
    )
    out = release.install_lines(readme, "0.2.0")
    assert out == readme.replace("0.1.0", "0.2.0")


def test_release_notes_are_the_dated_changelog_entry() -> None:
    from codegen.release import notes as release_notes

    text = (
        "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n### Added\n- a thing\n\n"
        "## [0.1.0] - 2026-11-29\n\n- first\n"
    )
    assert release_notes.entry(text, "0.2.0") == "### Added\n- a thing"
    assert release_notes.entry(text, "0.1.0") == "- first"
    assert release_notes.entry(text, "0.3.0") is None
    assert (
        release_notes.entry("## [0.2.0] - 2026-12-01\n\n## [0.1.0] - 2026-11-29\n", "0.2.0") is None
    )


def test_release_refuses_when_a_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    failing = ("drift check 1", [sys.executable, "-c", "raise SystemExit(1)"])
    monkeypatch.setattr(release, "CHECKS", (failing,))
    with pytest.raises(release.ReleaseError, match="drift check 1 failed on the release tree"):
        release._checks_pass()
    monkeypatch.setattr(release, "CHECKS", (("ok", [sys.executable, "-c", "pass"]),))
    release._checks_pass()

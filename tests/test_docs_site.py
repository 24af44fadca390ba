"""The README stays short and the docs site stays whole: links resolve, the reference is complete.

`nox -s docs` builds the site with `--strict` (broken links and anchors fail it), but it needs
the docs tools and is not in the default run; these checks hold the same promises offline.
"""

from __future__ import annotations

import re
from pathlib import Path

import eligibility_clients
import eligibility_clients.testing
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```")


def _prose(path: Path) -> list[str]:
    """The lines of `path` outside fenced code blocks."""
    lines, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def _anchor(heading: str) -> str:
    """A heading's id as Python-Markdown's toc extension (and GitHub) writes it."""
    text = re.sub(r"[^\w\s-]", "", heading.replace("`", "")).strip().lower()
    return re.sub(r"[\s]+", "-", text)


def _anchors(path: Path) -> set[str]:
    return {_anchor(line.lstrip("#")) for line in _prose(path) if line.startswith("#")}


def _links(path: Path) -> list[str]:
    return [target for line in _prose(path) for target in LINK.findall(line)]


def test_the_readme_is_at_most_450_lines() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 450


def test_the_anchor_rule_matches_known_headings() -> None:
    # Written down, not computed: the ids the site and GitHub give these headings.
    assert _anchor("Migrating from httpx to httpx2") == "migrating-from-httpx-to-httpx2"
    assert _anchor("Tolerant by default, strict on request") == (
        "tolerant-by-default-strict-on-request"
    )
    assert _anchor("The `testing` extra") == "the-testing-extra"


@pytest.mark.parametrize("path", [README, *PAGES], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(path: Path) -> None:
    broken = []
    for target in _links(path):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        file_part, _, fragment = target.partition("#")
        destination = (path.parent / file_part).resolve() if file_part else path
        if not destination.exists():
            broken.append(f"{target}: no such file")
        elif fragment and destination.suffix == ".md" and fragment not in _anchors(destination):
            broken.append(f"{target}: no such heading")
    assert broken == []


def test_the_readme_links_into_every_page_of_the_site() -> None:
    linked = {
        (README.parent / target.partition("#")[0]).resolve()
        for target in _links(README)
        if target.startswith("docs/")
    }
    top_pages = {page.resolve() for page in DOCS.glob("*.md") if page.name != "index.md"}
    assert top_pages - linked == set()


def test_the_site_navigation_lists_every_page() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def listed(entries: object) -> set[str]:
        if isinstance(entries, str):
            return {entries}
        if isinstance(entries, list):
            return set().union(*(listed(entry) for entry in entries))
        if isinstance(entries, dict):
            return set().union(*(listed(value) for value in entries.values()))
        return set()

    pages = {page.relative_to(DOCS).as_posix() for page in PAGES}
    assert pages == listed(config["nav"])


def test_the_api_reference_names_every_public_name() -> None:
    reference = "\n".join(
        page.read_text(encoding="utf-8") for page in sorted((DOCS / "reference").glob("*.md"))
    )
    documented = set(re.findall(r"^::: ([\w.]+)$", reference, flags=re.MULTILINE))
    public = {f"eligibility_clients.{name}" for name in eligibility_clients.__all__}
    public |= {
        f"eligibility_clients.testing.{name}" for name in eligibility_clients.testing.__all__
    }
    assert public - documented == set()

"""Drift check 3 (codegen/drift/upstream/): the allow-list, the loader, the command line and report.

Every document here is a small one written by the test itself; no test reads the vendors'
real documents (CI does not have them) or touches the network.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.drift import upstream
from codegen.drift.upstream import Difference, UpstreamError
from codegen.drift.upstream import cli as upstream_cli
from tests.upstream_documents import (
    ITEM,
    OP,
    ROOT,
    items_of,
    listing,
)

# --- allow-list -----------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_allowlist_entries_match_by_kind_operation_and_glob() -> None:
    entry = upstream.AllowEntry(
        "goodstack", OP, "field-required", "response 200 data[].*", "because"
    )

    def diff(location: str, kind: str = "field-required") -> Difference:
        return Difference(OP, location, kind, "required", "optional", "breaking")

    assert entry.matches(diff("response 200 data[].id"))
    assert not entry.matches(diff("response 200 data[].results.status"))  # * stops at a dot
    assert not entry.matches(diff("response 200 data[].id", "field-removed"))
    assert not entry.matches(
        Difference("GET /other", "response 200 data[].id", "field-required", "", "", "breaking")
    )
    deep = upstream.AllowEntry("goodstack", OP, "field-required", "response 200 data[]**.id", "r")
    assert deep.matches(diff("response 200 data[].results.tags[].id"))
    assert not deep.matches(diff("response 200 data[].results.tags[].name"))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('operation = "GET /items"\nkind = "field-added"\nlocation = "x"\n', "reason"),
        (
            'operation = "GET /items"\nkind = "field-added"\nlocation = "x"\nreason = "  "\n',
            "reason",
        ),
        ('operation = "GET /items"\nkind = "typo"\nlocation = "x"\nreason = "r"\n', "kind"),
        (
            'operation = "GET /items"\nkind = "field-added"\nlocation = "x"\nreason = "r"\n'
            'note = "?"\n',
            "unknown key",
        ),
        ('kind = "field-added"\nlocation = "x"\nreason = "r"\n', "operation"),
    ],
)
def test_allowlist_rejects_bad_entries(tmp_path: Path, entry: str, message: str) -> None:
    path = write(tmp_path / "allow.toml", "[[goodstack]]\n" + entry)
    with pytest.raises(UpstreamError, match=message):
        upstream.load_allowlist(path, "goodstack")


def test_allowlist_rejects_unknown_vendors_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(UpstreamError, match="unknown table"):
        upstream.load_allowlist(write(tmp_path / "a.toml", "[[acme]]\n"), "goodstack")
    with pytest.raises(UpstreamError, match="invalid TOML"):
        upstream.load_allowlist(write(tmp_path / "b.toml", "[[goodstack]\n"), "goodstack")


def test_allowlist_selects_the_vendor(tmp_path: Path) -> None:
    entry = 'operation = "GET /items"\nkind = "field-added"\nlocation = "x"\nreason = "r"\n'
    path = write(tmp_path / "allow.toml", f"[[goodstack]]\n{entry}[[truemed]]\n{entry}")
    (only_entry,) = upstream.load_allowlist(path, "truemed")
    assert only_entry.vendor == "truemed"
    assert len(upstream.load_allowlist(path)) == 2


def test_committed_allowlist_is_valid() -> None:
    entries = upstream.load_allowlist(upstream.DEFAULT_ALLOWLIST)
    assert entries
    assert all(entry.reason for entry in entries)


def _strip_required(node: Any) -> Any:
    """Our spec as the vendor writes it: no `required` in any schema."""
    if isinstance(node, dict):
        return {k: _strip_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_strip_required(v) for v in node]
    return node


def test_committed_allowlist_covers_our_goodstack_requirements() -> None:
    # The vendor marks no response field required; every field our spec requires must be
    # explained by the committed allow-list, and every entry must be used.
    ours = yaml.safe_load((ROOT / "specs/goodstack.yaml").read_text(encoding="utf-8"))
    vendor_style = _strip_required(ours)
    differences = upstream.compare(ours, vendor_style)
    assert {d.kind for d in differences} == {"field-required"}
    entries = upstream.load_allowlist(upstream.DEFAULT_ALLOWLIST, "goodstack")
    outcomes, stale = upstream.apply_allowlist(differences, entries)
    assert [o.difference.location for o in outcomes if o.failing] == []
    assert stale == []


# --- loader ---------------------------------------------------------------------------------


def test_load_document_reads_json_and_yaml_paths(tmp_path: Path) -> None:
    doc = listing({"type": "object"})
    json_path = write(tmp_path / "doc.json", json.dumps(doc))
    yaml_path = write(tmp_path / "doc.yaml", yaml.safe_dump(doc))
    assert upstream.load_document(json_path) == doc
    assert upstream.load_document(str(yaml_path)) == doc


def test_load_document_reads_a_file_url(tmp_path: Path) -> None:
    doc = listing({"type": "object"})
    path = write(tmp_path / "doc.json", json.dumps(doc))
    assert upstream.load_document(path.as_uri()) == doc


def test_load_document_fetches_http_with_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = listing({"type": "object"})
    seen: dict[str, Any] = {}

    class Response:
        def __enter__(self) -> Response:
            return self

        def __exit__(self, *args: object) -> None:
            return None

        def read(self, limit: int) -> bytes:
            return yaml.safe_dump(doc).encode()

    def urlopen(request: Any, timeout: float) -> Response:
        seen["url"] = request.full_url
        seen["timeout"] = timeout
        return Response()

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    assert upstream.load_document("https://vendor.example/openapi.yaml") == doc
    assert seen == {"url": "https://vendor.example/openapi.yaml", "timeout": 30.0}


def test_load_document_reports_fetch_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def urlopen(request: Any, timeout: float) -> Any:
        raise urllib.error.URLError("no route")

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    with pytest.raises(UpstreamError, match="cannot fetch"):
        upstream.load_document("http://vendor.example/openapi.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json: [", "neither JSON nor YAML"),
        ("- a list\n", "no top-level mapping"),
        ('{"swagger": "2.0", "paths": {}}', "Swagger 2.0"),
        ('{"openapi": "4.0.0", "paths": {}}', "not an OpenAPI 3.0 or 3.1"),
        ('{"openapi": "3.1.0", "paths": []}', "paths"),
    ],
)
def test_load_document_rejects_what_it_cannot_compare(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(UpstreamError, match=message):
        upstream.load_document(write(tmp_path / "doc", text))


def test_load_document_rejects_missing_files_and_other_schemes(tmp_path: Path) -> None:
    with pytest.raises(UpstreamError, match="cannot read"):
        upstream.load_document(tmp_path / "absent.json")
    with pytest.raises(UpstreamError, match="unsupported URL scheme"):
        upstream.load_document("ftp://vendor.example/openapi.json")


# --- command line, exit codes and report -----------------------------------------------------


@pytest.fixture
def drifted(tmp_path: Path) -> tuple[Path, Path]:
    """Our spec and a vendor document that differ by one breaking and one info difference."""
    ours = listing(
        items_of({**ITEM, "properties": {**ITEM["properties"], "name": {"type": "string"}}})
    )
    theirs = listing(
        items_of(
            {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "extra": {"type": "string"},
                },
            }
        ),
        version="3.0.0",
    )
    return (
        write(tmp_path / "ours.yaml", yaml.safe_dump(ours)),
        write(tmp_path / "theirs.json", json.dumps(theirs)),
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = upstream.main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_breaking_difference_fails_and_the_report_names_it(
    drifted: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = drifted
    empty = write(tmp_path / "allow.toml", "")
    status, out, err = run(
        ["goodstack", str(theirs), "--spec", str(ours), "--allowlist", str(empty)], capsys
    )
    assert status == 1
    assert err == ""
    lines = out.splitlines()
    heading = lines.index("GET /items: 1 breaking (0 allowed), 1 info")
    breaking = lines.index("  BREAKING  field-required  response 200 data[].id")
    info = lines.index("  info      field-added  response 200 data[].extra")
    assert heading < breaking < info
    assert "ours: required | theirs: optional" in lines[breaking + 1]
    assert (
        "Summary: 2 differences in 1 operation: 1 breaking (0 allowed, 1 not allowed), 1 info;"
        " 0 stale allow-list entries."
    ) in lines
    assert lines[-1].startswith("FAILED: 1 breaking difference not allow-listed.")


def test_allow_listed_difference_passes_and_stale_entries_warn(
    drifted: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = drifted
    allow = write(
        tmp_path / "allow.toml",
        '[[goodstack]]\noperation = "GET /items"\nkind = "field-required"\n'
        'location = "response 200 data[].*"\nreason = "we know ids are always sent"\n'
        '[[goodstack]]\noperation = "GET /items"\nkind = "field-removed"\n'
        'location = "response 200 data[].old"\nreason = "no longer needed"\n'
        '[[truemed]]\noperation = "GET /other"\nkind = "field-removed"\n'
        'location = "x"\nreason = "another vendor: neither used nor stale here"\n',
    )
    status, out, _ = run(
        ["goodstack", str(theirs), "--spec", str(ours), "--allowlist", str(allow)], capsys
    )
    assert status == 0
    assert "            allowed: we know ids are always sent" in out.splitlines()
    assert (
        "warning: stale allow-list entry, it matches nothing: [[goodstack]] field-removed "
        "GET /items response 200 data[].old"
    ) in out
    assert "GET /other" not in out
    assert "1 breaking (1 allowed, 0 not allowed), 1 info; 1 stale allow-list entry." in out
    assert out.splitlines()[-1] == "OK: no breaking difference outside the allow-list."


def test_no_breaking_difference_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = write(tmp_path / "ours.json", json.dumps(listing(items_of(ITEM))))
    theirs_doc = listing(
        items_of({**ITEM, "properties": {**ITEM["properties"], "extra": {"type": "string"}}})
    )
    theirs = write(tmp_path / "theirs.json", json.dumps(theirs_doc))
    empty = write(tmp_path / "allow.toml", "")
    status, out, _ = run(
        ["truemed", str(theirs), "--spec", str(ours), "--allowlist", str(empty)], capsys
    )
    assert status == 0
    assert "0 breaking (0 allowed, 0 not allowed), 1 info" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["acme", "doc.json"],
        ["goodstack"],
        ["goodstack", "{tmp}/absent.json"],
        ["goodstack", "{tmp}/theirs.json", "--spec", "{tmp}/absent.yaml"],
        [
            "goodstack",
            "{tmp}/theirs.json",
            "--spec",
            "{tmp}/ours.yaml",
            "--allowlist",
            "{tmp}/absent.toml",
        ],
        [
            "goodstack",
            "{tmp}/theirs.json",
            "--spec",
            "{tmp}/ours.yaml",
            "--allowlist",
            "{tmp}/bad.toml",
        ],
        ["goodstack", "{tmp}/broken.json", "--spec", "{tmp}/ours.yaml"],
        ["goodstack", "{tmp}/theirs.json", "--spec", "{tmp}/ours.yaml", "--bogus"],
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str],
    drifted: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write(
        tmp_path / "bad.toml",
        '[[goodstack]]\noperation = "x"\nkind = "field-added"\nlocation = "y"\n',
    )
    write(tmp_path / "broken.json", "{")
    status, out, err = run([arg.format(tmp=tmp_path) for arg in argv], capsys)
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("python -m codegen.drift.upstream: error: ")
    assert "Traceback" not in err


def test_differences_new_since_the_pinned_facts_are_marked(
    drifted: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = drifted
    # The facts as pinned before the vendor added `extra`: only the breaking difference stood.
    facts = json.loads(theirs.read_text(encoding="utf-8"))
    item = facts["paths"]["/items"]["get"]["responses"]["200"]["content"]["application/json"]
    del item["schema"]["properties"]["data"]["items"]["properties"]["extra"]
    pinned = write(tmp_path / "pinned.json", json.dumps(facts))
    allow = write(
        tmp_path / "allow.toml",
        '[[goodstack]]\noperation = "GET /items"\nkind = "field-required"\n'
        'location = "response 200 data[].id"\nreason = "known"\n',
    )
    argv = ["goodstack", str(theirs), "--spec", str(ours), "--allowlist", str(allow)]
    status, out, _ = run([*argv, "--pinned", str(pinned)], capsys)
    assert status == 0
    lines = out.splitlines()
    assert f"New since the pinned facts ({pinned}, retrieved no retrieval date): 1" in lines
    assert "  info      field-added  response 200 data[].extra  NEW  in GET /items" in lines
    assert "  info      field-added  response 200 data[].extra  NEW" in lines
    # The standing difference is not marked.
    assert "  BREAKING  field-required  response 200 data[].id" in lines
    assert "New since the pinned facts: 1." in lines

    status, out, _ = run([*argv, "--pinned", str(pinned), "--fail-on-new"], capsys)
    assert status == 1
    assert out.splitlines()[-1].startswith("FAILED: 1 difference new since the pinned facts.")

    # Against facts that already hold `extra`, nothing is new and nothing fails.
    status, out, _ = run([*argv, "--pinned", str(theirs), "--fail-on-new"], capsys)
    assert status == 0
    assert "New since the pinned facts: 0." in out.splitlines()
    assert "NEW" not in out


def test_the_pinned_facts_are_the_default_baseline_for_another_document(tmp_path: Path) -> None:
    pinned = ROOT / "specs" / "upstream" / "goodstack.json"
    live = str(tmp_path / "live.json")
    assert upstream_cli.default_pinned("goodstack", live, None) == pinned
    assert upstream_cli.default_pinned("goodstack", "https://example.test/doc.json", None) == pinned
    # Not when the pinned facts are the document compared, nor against another spec.
    assert upstream_cli.default_pinned("goodstack", str(pinned), None) is None
    assert upstream_cli.default_pinned("goodstack", live, tmp_path / "ours.yaml") is None

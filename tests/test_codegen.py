"""The specs lint clean, and the drift check catches any change to generated/."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.generate import regenerate

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((ROOT / "specs" / name).read_text(encoding="utf-8"))
    return spec


def test_specs_pass_openapi_spec_validator() -> None:
    assert regenerate.lint_specs() == []


def test_lint_reports_an_invalid_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\ninfo: {title: x}\npaths: {}\n", encoding="utf-8")
    target = regenerate.Target("broken_client", broken, ROOT / "codegen/generate/truemed.yaml")
    monkeypatch.setattr(regenerate, "TARGETS", (target,))
    (problem,) = regenerate.lint_specs()
    assert problem.startswith(f"{broken}: ")
    assert "version" in problem


@pytest.mark.parametrize(
    ("spec", "servers", "scheme", "header"),
    [
        (
            "truemed.yaml",
            ["https://api.truemed.com", "https://dev-api.truemed.com"],
            "TruemedApiKey",
            "x-truemed-api-key",
        ),
        (
            "goodstack.yaml",
            ["https://api.goodstack.io", "https://sandbox-api.goodstack.io"],
            "SecretApiKey",
            "Authorization",
        ),
    ],
)
def test_specs_declare_both_servers_and_the_auth_header(
    spec: str, servers: list[str], scheme: str, header: str
) -> None:
    document = _load(spec)
    assert [server["url"] for server in document["servers"]] == servers
    security = document["components"]["securitySchemes"][scheme]
    assert security == security | {"type": "apiKey", "in": "header", "name": header}
    assert document["security"] == [{scheme: []}]


def test_unconfirmed_truemed_facts_are_marked() -> None:
    document = _load("truemed.yaml")
    operation = document["paths"]["/api/v1/qualification_sessions"]["get"]
    assert operation["x-confidence"]["path"] == "third-party"
    assert "UNCONFIRMED PATH" in operation["description"]
    pagination = document["components"]["schemas"]["Pagination"]
    assert pagination["x-confidence"] == "third-party"
    assert set(pagination["properties"]) == {"current_page", "page_size", "count", "last_page"}
    assert "required" not in pagination


def _copy_generated(tmp_path: Path) -> Path:
    copy = tmp_path / "generated"
    shutil.copytree(
        regenerate.GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    return copy


def test_drift_check_passes_on_an_untouched_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _copy_generated(tmp_path)
    assert regenerate.check(copy) == 0
    assert "No drift" in capsys.readouterr().out


def test_drift_check_fails_on_a_hand_edit_an_extra_and_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _copy_generated(tmp_path)
    edited = copy / "eligibility_clients_truemed/models/qualification_session.py"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "qualification_session_id: str", "qualification_session_id: int", 1
        ),
        encoding="utf-8",
    )
    (copy / "eligibility_clients_goodstack/models/hand_written.py").write_text(
        "X = 1\n", encoding="utf-8"
    )
    (copy / "eligibility_clients_goodstack/models/page_links.py").unlink()
    (copy / ".ruff_cache").mkdir()
    (copy / ".ruff_cache/CACHEDIR.TAG").write_text("litter\n", encoding="utf-8")

    assert regenerate.check(copy) == 1

    report = capsys.readouterr().err
    assert "differs: eligibility_clients_truemed/models/qualification_session.py" in report
    assert "-    qualification_session_id: str" in report
    assert "+    qualification_session_id: int" in report
    assert (
        "not produced by the generator: eligibility_clients_goodstack/models/hand_written.py"
        in report
    )
    assert "not produced by the generator: .ruff_cache/CACHEDIR.TAG" in report
    assert "missing from generated/: eligibility_clients_goodstack/models/page_links.py" in report


def test_diff_trees_reports_line_ending_only_changes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "m.py").write_bytes(b"x = 1\n")
    (b / "m.py").write_bytes(b"x = 1\r\n")
    (report,) = regenerate.diff_trees(a, b)
    assert report.startswith("differs: m.py")


def test_generation_refuses_a_generator_the_templates_were_not_made_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regenerate, "TEMPLATES_BASE_VERSION", "0.0.1")
    with pytest.raises(regenerate.GenerationError, match=r"edits of 0\.0\.1's"):
        regenerate.generate_tree(tmp_path / "generated")
    assert not (tmp_path / "generated").exists()


def test_templates_are_based_on_the_pinned_generator() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"openapi-python-client=={regenerate.TEMPLATES_BASE_VERSION}"' in pyproject
    for template in regenerate.TEMPLATES.rglob("*.jinja"):
        head = template.read_text(encoding="utf-8")[:400]
        assert f"openapi-python-client {regenerate.TEMPLATES_BASE_VERSION}" in head, template


def test_generated_code_is_moved_onto_httpx2_by_module_name_only(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "api").mkdir(parents=True)
    (package / "client.py").write_text(
        "import httpx\n\n\ndef get_httpx_client(httpx_args: dict[str, str]) -> httpx.Client:\n"
        '    """Raises httpx.TimeoutException."""\n    return httpx.Client(**httpx_args)\n',
        encoding="utf-8",
    )
    (package / "api" / "other.py").write_text("X = 1\n", encoding="utf-8")
    regenerate._use_httpx2(package)
    assert (package / "client.py").read_text(encoding="utf-8") == (
        "import httpx2\n\n\ndef get_httpx_client(httpx_args: dict[str, str]) -> httpx2.Client:\n"
        '    """Raises httpx2.TimeoutException."""\n    return httpx2.Client(**httpx_args)\n'
    )
    assert (package / "api" / "other.py").read_text(encoding="utf-8") == "X = 1\n"

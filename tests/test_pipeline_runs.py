"""The pipeline's plumbing: drift's and record's inputs, environment stamps, the noxfile's steps.

`codegen.drift.checks` (which document check 3 reads; every check runs), `codegen.cassettes`
(keys, stale cassettes, `sources.json`) and `codegen.devenv` (when to install again) are tried
on temporary folders; no generator, recording or install runs here.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from codegen import cassettes, devenv
from codegen.drift import checks
from codegen.paths import ROOT


def test_check_3_reads_an_argument_then_the_environment_then_the_pinned_facts(
    tmp_path: Path,
) -> None:
    pinned = ROOT / "specs" / "upstream"
    located = checks.documents([], {}, pinned)
    assert located == {"truemed": None, "goodstack": "specs/upstream/goodstack.json"}
    environ = {"GOODSTACK_OPENAPI": "env.json", "TRUEMED_OPENAPI": "t.json"}
    assert checks.documents([], environ, pinned) == {"truemed": "t.json", "goodstack": "env.json"}
    given = checks.documents(["goodstack=https://example.com/o.json"], environ, pinned)
    assert given["goodstack"] == "https://example.com/o.json"
    assert checks.documents([], {}, tmp_path) == {"truemed": None, "goodstack": None}


@pytest.mark.parametrize("argument", ["acme=doc.json", "goodstack=", "goodstack", "=doc.json"])
def test_a_document_argument_must_name_a_vendor_and_a_location(argument: str) -> None:
    with pytest.raises(checks.UsageError, match="expected VENDOR=PATH_OR_URL"):
        checks.documents([argument], {})
    assert checks.main([argument]) == 2


def test_every_drift_check_runs_even_after_one_fails(capsys: pytest.CaptureFixture[str]) -> None:
    called: list[str] = []

    def generated() -> int:
        called.append("generated")
        return 1

    def recorded() -> int:
        called.append("recorded")
        return 0

    def published(vendor: str, document: str) -> int:
        called.append(f"{vendor}:{document}")
        return 1 if vendor == "goodstack" else 0

    located: dict[str, str | None] = {"truemed": None, "goodstack": "g.json"}
    failed = checks.run_checks(located, generated=generated, recorded=recorded, published=published)
    assert called == ["generated", "recorded", "goodstack:g.json"]
    assert failed == [
        "check 1: generated/ vs specs/",
        "check 3 for goodstack: g.json vs specs/goodstack.yaml",
    ]
    assert "check 3 for truemed: skipped" in capsys.readouterr().out


def test_no_drift_is_no_failure() -> None:
    located: dict[str, str | None] = {"truemed": "t.json", "goodstack": "g.json"}
    passed = checks.run_checks(
        located, generated=lambda: 0, recorded=lambda: 0, published=lambda v, d: 0
    )
    assert passed == []


def test_live_recording_names_each_missing_key() -> None:
    environ = {"GOODSTACK_API_KEY": "gs-sandbox-key-0001", "TRUEMED_API_KEY": ""}
    assert cassettes.missing_keys(["truemed", "goodstack"], environ) == ["TRUEMED_API_KEY"]
    assert cassettes.missing_keys(["goodstack"], environ) == []


def test_live_recording_without_a_key_records_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    before = cassettes.SOURCES.read_text(encoding="utf-8")
    assert cassettes.main(["--live", "truemed"], environ={}) == 1
    assert "--live needs TRUEMED_API_KEY" in capsys.readouterr().err
    assert cassettes.SOURCES.read_text(encoding="utf-8") == before


def test_an_unknown_vendor_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_:
        cassettes.main(["acme"], environ={})
    assert exit_.value.code == 2


def test_cassettes_not_written_since_the_recording_began_are_stale(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.touch()
    new.touch()
    os.utime(old, (1_000, 1_000))
    os.utime(new, (3_000, 3_000))
    (tmp_path / "notes.txt").touch()
    assert cassettes.stale_cassettes(tmp_path, started=2_000) == [old]


def test_sources_say_where_each_recorded_vendor_came_from() -> None:
    sources = {"truemed": {"source": "fakes", "environment": "production"}}
    live = cassettes.updated_sources(sources, ["goodstack"], live=True, today=date(2026, 1, 2))
    assert live == {
        "truemed": {"source": "fakes", "environment": "production"},
        "goodstack": {"source": "sandbox", "environment": "sandbox", "recorded_on": "2026-01-02"},
    }
    fakes = cassettes.updated_sources(live, ["goodstack"], live=False, today=date(2026, 1, 3))
    assert fakes["goodstack"] == {"source": "fakes", "environment": "production"}
    assert sources == {"truemed": {"source": "fakes", "environment": "production"}}


def test_an_environment_is_installed_again_only_when_its_inputs_change(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\n", encoding="utf-8")
    inputs = (pyproject,)
    requirements = ["ruff==0.17.6", "-e", ".[cli]"]
    assert devenv.digest(requirements, inputs) == devenv.digest(list(requirements), inputs)
    assert devenv.digest(requirements, inputs) != devenv.digest(["ruff==0.17.7"], inputs)
    before = devenv.digest(requirements, inputs)
    pyproject.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert devenv.digest(requirements, inputs) != before

    environment = tmp_path / "env"
    environment.mkdir()
    assert not devenv.is_current(environment, requirements)
    devenv.mark_current(environment, requirements)
    assert devenv.is_current(environment, requirements)
    assert not devenv.is_current(environment, ["ruff==0.17.6"])


def test_the_lock_is_held_and_released(tmp_path: Path) -> None:
    lock = tmp_path / "sub" / ".dev.lock"
    with devenv.locked(lock):
        assert lock.parent.is_dir()
    with devenv.locked(lock):  # released: taking it again does not block
        pass


NOXFILE = (ROOT / "noxfile.py").read_text(encoding="utf-8")
STEPS = sorted(set(re.findall(r'\.step\(\s*"([\w.]+)"', NOXFILE)))
MODULES = sorted(set(re.findall(r'"-m", "(codegen[\w.]*)"', NOXFILE)))


def test_the_noxfile_runs_every_step_of_the_pipeline() -> None:
    assert sorted([*(f"codegen.{step}" for step in STEPS), *MODULES]) == [
        "codegen.api",
        "codegen.cassettes",
        "codegen.consumer_typing",
        "codegen.demo",
        "codegen.drift",
        "codegen.generate",
        "codegen.release",
        "codegen.trials.change_cost",
        "codegen.trials.scratch_change",
        "codegen.wheel",
    ]


@pytest.mark.parametrize("module", [f"codegen.{step}" for step in STEPS] + MODULES)
def test_each_step_the_noxfile_names_runs_as_a_module(module: str) -> None:
    spec = importlib.util.find_spec(module)
    assert spec is not None, module
    if spec.submodule_search_locations:  # a package: run through its __main__
        assert importlib.util.find_spec(f"{module}.__main__") is not None, module
    result = subprocess.run(
        [sys.executable, "-m", module, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout

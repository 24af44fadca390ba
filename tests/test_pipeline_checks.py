"""The checks the build and typing steps make, run on made-up artifacts and tool output.

`codegen.wheel.contents` reads a wheel; `codegen.consumer_typing.reports` reads what mypy and
pyright print; `codegen.running` runs a program. Each is tried here on inputs it must accept
and on each way it must refuse, without building a wheel or running a checker.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from codegen.consumer_typing.checking import built_wheel
from codegen.consumer_typing.reports import completeness, misspelt, typo_problem
from codegen.demo import served_url
from codegen.running import StepFailed, run, step_main
from codegen.wheel.contents import inspect_wheel, requirement_name

PACKAGES = ("eligibility_clients", "eligibility_clients_truemed", "eligibility_clients_goodstack")
METADATA = (
    "Requires-Dist: httpx2>=2.16\nRequires-Dist: attrs>=23\nRequires-Dist: click; extra == 'cli'\n"
)
ENTRY_POINTS = "[console_scripts]\neligibility-clients = eligibility_clients._cli:main\n"


def make_wheel(
    tmp_path: Path,
    *,
    drop: str = "",
    extra: dict[str, str] | None = None,
    metadata: str = METADATA,
    entry_points: str = ENTRY_POINTS,
) -> Path:
    """A wheel like ours, with the file `drop` left out and `extra` files added."""
    files = {f"{p}/{name}": "" for p in PACKAGES for name in ("__init__.py", "py.typed")}
    files["eligibility_clients-1.0.0.dist-info/METADATA"] = metadata
    files["eligibility_clients-1.0.0.dist-info/entry_points.txt"] = entry_points
    files.update(extra or {})
    files.pop(drop, None)
    wheel = tmp_path / "eligibility_clients-1.0.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return wheel


def test_a_wheel_like_ours_has_no_problem(tmp_path: Path) -> None:
    report = inspect_wheel(make_wheel(tmp_path))
    assert report.problems == []
    assert report.packages == sorted(PACKAGES)
    assert report.runtime_requirements == ["attrs", "httpx2"]
    assert report.files == 8


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"drop": "eligibility_clients_truemed/py.typed"}, "without py.typed"),
        ({"extra": {"tests/test_x.py": ""}}, "holds packages"),
        ({"extra": {"eligibility_clients/specs/a.yaml": ""}}, "must not ship"),
        ({"extra": {"eligibility_clients/cassettes/a.json": ""}}, "must not ship"),
        ({"metadata": "Requires-Dist: httpx>=0.27\n"}, "require httpx2 and not httpx"),
        ({"metadata": METADATA + "Requires-Dist: httpx\n"}, "require httpx2 and not httpx"),
        ({"entry_points": ""}, "console script"),
        ({"drop": "eligibility_clients-1.0.0.dist-info/METADATA"}, "no METADATA"),
    ],
)
def test_each_way_a_wheel_can_be_wrong_is_named(
    tmp_path: Path, change: dict[str, Any], problem: str
) -> None:
    problems = inspect_wheel(make_wheel(tmp_path, **change)).problems
    assert any(problem in line for line in problems), problems


@pytest.mark.parametrize(
    ("requirement", "name"),
    [
        ("httpx2>=2.16,<3", "httpx2"),
        ("Click ; extra == 'cli'", "click"),
        ("pytest_recording[x]>=0.13", "pytest-recording"),
        ("attrs", "attrs"),
    ],
)
def test_requirement_names_are_normalised(requirement: str, name: str) -> None:
    assert requirement_name(requirement) == name


CONSUMER = "for session in page:\n    print(session.qualification_session_id for x)\n"


def test_the_misspelt_copy_differs_in_the_one_field() -> None:
    assert misspelt(CONSUMER) == CONSUMER.replace("session_id for", "sesion_id for")
    with pytest.raises(ValueError, match="exactly once"):
        misspelt(CONSUMER * 2)
    with pytest.raises(ValueError, match="exactly once"):
        misspelt("print(1)\n")


def test_only_errors_in_typo_py_on_the_typo_pass() -> None:
    good = 'typo.py:3: error: "QualificationSession" has no attribute "qualification_sesion_id"'
    assert typo_problem("mypy", good + "\nFound 1 error in 1 file") is None
    elsewhere = good + "\nconsumer.py:9: error: Incompatible types in assignment"
    assert "expected errors in typo.py only" in str(typo_problem("mypy", elsewhere))
    assert typo_problem("pyright", 'typo.py:1: error: "x" is not defined') is not None
    assert typo_problem("pyright", "0 errors") is not None


def verifytypes_output(score: float, unknown: list[tuple[str, bool]]) -> str:
    symbols = [
        {
            "name": name,
            "isTypeKnown": False,
            "isExported": exported,
            "diagnostics": [{"message": f"Type of {name}\n   is partially unknown"}],
        }
        for name, exported in unknown
    ]
    report = {
        "typeCompleteness": {
            "completenessScore": score,
            "exportedSymbolCounts": {
                "withKnownType": 90,
                "withAmbiguousType": 0,
                "withUnknownType": 10,
            },
            "symbols": [
                *symbols,
                {"name": "ok", "isTypeKnown": True, "isExported": True, "diagnostics": []},
            ],
        }
    }
    return "pyright 1.1\n" + json.dumps(report) + "\n"


def test_completeness_reads_the_score_and_the_exported_gaps() -> None:
    verdict = completeness(verifytypes_output(0.9, [("pkg.f", True), ("pkg._g", False)]))
    assert verdict.score == pytest.approx(90.0)
    assert (verdict.known, verdict.symbols) == (90, 100)
    assert verdict.gaps == ["pkg.f: Type of pkg.f is partially unknown"]
    assert verdict.summary("--verifytypes x") == (
        "--verifytypes x: 90.0% (90 of 100 exported symbols known)"
    )
    with pytest.raises(ValueError, match="no JSON report"):
        completeness("pyright crashed")


def test_the_built_wheel_is_the_one_of_this_version(tmp_path: Path) -> None:
    version_file = tmp_path / "_version.py"
    version_file.write_text('__version__ = "1.2.3"\n', encoding="utf-8")
    with pytest.raises(StepFailed, match="run `nox -s build` first"):
        built_wheel(tmp_path, version_file)
    wheel = tmp_path / "eligibility_clients-1.2.3-py3-none-any.whl"
    wheel.touch()
    (tmp_path / "eligibility_clients-1.2.2-py3-none-any.whl").touch()
    assert built_wheel(tmp_path, version_file) == wheel
    version_file.write_text("VERSION = 1\n", encoding="utf-8")
    with pytest.raises(StepFailed, match="sets no __version__"):
        built_wheel(tmp_path, version_file)


def test_the_fake_servers_url_is_read_from_its_banner() -> None:
    banner = "Serving the fakes on http://127.0.0.1:4321 (Ctrl-C to stop)\n"
    assert served_url(banner) == "http://127.0.0.1:4321"
    with pytest.raises(StepFailed, match="did not start"):
        served_url("Traceback (most recent call last):\n")


def test_run_returns_output_and_refuses_an_unexpected_exit() -> None:
    say = [sys.executable, "-c", "import sys; print('out'); sys.exit(3)"]
    assert "out" in run(say, ok=(3,), capture=True)
    with pytest.raises(StepFailed, match=r"exited 3, expected \[0\]\nout"):
        run(say, capture=True)
    env_echo = [sys.executable, "-c", "import os; print(os.environ['PIPELINE_PROBE'])"]
    assert run(env_echo, env={"PIPELINE_PROBE": "seen"}, capture=True).strip() == "seen"


def test_a_failed_step_is_one_line_and_exit_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    def fails() -> None:
        raise StepFailed("the wheel holds tests/")

    assert step_main("build", fails) == 1
    assert capsys.readouterr().err == "build: the wheel holds tests/\n"
    assert step_main("build", lambda: None) == 0

"""CI's jobs, split to run side by side, still run every default session, tests on each Python."""

from __future__ import annotations

import ast
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / ".github/workflows/ci.yml"


def default_sessions() -> list[str]:
    """`nox.options.sessions`, read from the noxfile's source."""
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "nox.options.sessions":
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(name) for name in value]
    raise AssertionError("the noxfile sets no nox.options.sessions")


def jobs() -> dict[str, Any]:
    workflow = yaml.safe_load(CI.read_text(encoding="utf-8"))
    found: dict[str, Any] = workflow["jobs"]
    return found


def sessions_run_by(job: dict[str, Any]) -> list[str]:
    """The sessions a job's `.ci/run -s ...` steps name; `*` for a bare `.ci/run` (all)."""
    sessions: list[str] = []
    for step in job["steps"]:
        for line in str(step.get("run", "")).splitlines():
            words = shlex.split(line)
            if ".ci/run" not in words:
                continue
            arguments = words[words.index(".ci/run") + 1 :]
            if not arguments:
                sessions.append("*")
                continue
            assert arguments[0] == "-s", line
            sessions += arguments[1:]
    return sessions


def test_the_jobs_together_run_every_default_session_once_per_python() -> None:
    expected = default_sessions()
    assert "tests" in expected
    runs = {name: sessions_run_by(job) for name, job in jobs().items()}
    every = [session for sessions in runs.values() for session in sessions]
    assert "*" not in every, "a job runs every session: the split would repeat them"
    assert sorted(every) == sorted(expected), runs


def test_tests_run_on_every_python_the_package_supports() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    supported = [
        classifier.rpartition(" :: ")[2]
        for classifier in pyproject["project"]["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", classifier)
    ]
    assert len(supported) >= 3
    testing = [job for job in jobs().values() if "tests" in sessions_run_by(job)]
    assert len(testing) == 1
    assert testing[0]["strategy"]["matrix"]["python"] == supported


def test_every_action_is_pinned_by_a_full_commit_with_its_version() -> None:
    for workflow in sorted((ROOT / ".github/workflows").glob("*.yml")):
        for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
            if "uses:" not in line:
                continue
            where = f"{workflow.name}:{number}"
            assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", line), where


def test_the_mypy_cache_ci_keeps_is_where_typecheck_writes_it() -> None:
    static = [job for job in jobs().values() if "typecheck" in sessions_run_by(job)]
    assert len(static) == 1
    caches = [step for step in static[0]["steps"] if "actions/cache@" in step.get("uses", "")]
    assert [step["with"]["path"] for step in caches] == [".nox/.cache/mypy"]
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    assert '"--cache-dir", str(Path(session.cache_dir) / "mypy")' in noxfile


def session_decorators() -> dict[str, dict[str, str]]:
    """Each nox session's name and the keywords of its decorator, as source text."""
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    sessions: dict[str, dict[str, str]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "nox.session":
                keywords = {k.arg: ast.unparse(k.value) for k in decorator.keywords if k.arg}
                sessions[keywords.get("name", node.name).strip("'\"")] = keywords
    return sessions


def test_only_the_default_sessions_run_side_by_side() -> None:
    # A session that writes to the checkout (generate, record, release) must run alone.
    sessions = session_decorators()
    assert {"generate", "record", "release"} <= set(sessions)
    parallel = {name for name, keywords in sessions.items() if keywords.get("allow_parallel")}
    assert {name: sessions[name].get("allow_parallel") for name in parallel} == dict.fromkeys(
        default_sessions(), "True"
    )

"""Type-check a consumer of the built wheel, in a virtualenv holding only that wheel.

Takes the wheel `nox -s build` (which runs first) left in `dist/`. `tests/consumer/
consumer.py` passes `mypy --strict --disallow-any-expr` and pyright in strict mode; `typo.py`,
a copy with one field misspelt (`reports.TYPO`), fails both, on the typo. `pyright
--verifytypes eligibility_clients` scores 100% (`VERIFYTYPES_MIN`) without --ignoreexternal:
httpx2's types count too, since public signatures name only our own protocols.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from codegen.consumer_typing.reports import completeness, misspelt, typo_problem
from codegen.paths import DIST, ROOT
from codegen.running import StepFailed, run, step_main
from codegen.wheel.venvs import venv_with_only

CONSUMER = ROOT / "tests/consumer"
VERSION_FILE = ROOT / "overlay/eligibility_clients/_version.py"
VERIFYTYPES_MIN = 100.0


def built_wheel(dist: Path = DIST, version_file: Path = VERSION_FILE) -> Path:
    """The wheel of this version that `nox -s build` left in `dist`."""
    text = version_file.read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "(.+)"$', text, re.MULTILINE)
    if version is None:
        raise StepFailed(f"{version_file.name} sets no __version__")
    wheel = dist / f"eligibility_clients-{version.group(1)}-py3-none-any.whl"
    if not wheel.exists():
        raise StepFailed(f"no {wheel.name} in {dist.name}/: run `nox -s build` first")
    return wheel


def check_consumer(python: Path, work: Path, mypy_cache: Path) -> None:
    """Both checkers on consumer.py and typo.py: errors in typo.py only, on the typo."""
    shutil.copytree(CONSUMER, work)
    (work / "typo.py").write_text(misspelt((CONSUMER / "consumer.py").read_text("utf-8")))
    (work / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}\n')
    mypy = [sys.executable, "-m", "mypy", "--strict", "--disallow-any-expr"]
    checkers = {
        "mypy": [*mypy, "--python-executable", str(python), "--cache-dir", str(mypy_cache)],
        "pyright": [sys.executable, "-m", "pyright", "--pythonpath", str(python)],
    }
    # One run of each checker over both files: each file is checked on its own merits, so
    # consumer.py must come out without an error and typo.py with one.
    for name, checker in checkers.items():
        output = run([*checker, "consumer.py", "typo.py"], cwd=work, ok=(1,), capture=True)
        problem = typo_problem(name, output)
        if problem:
            raise StepFailed(problem)
        print(f"{name}: consumer.py passes; typo.py fails on qualification_sesion_id")


def check_completeness(python: Path, work: Path, minimum: float = VERIFYTYPES_MIN) -> None:
    """`pyright --verifytypes eligibility_clients`, httpx2's types included, at `minimum`."""
    # --verifytypes ignores --pythonpath: it takes the first `python` on PATH.
    path = os.pathsep.join([str(python.parent), os.environ.get("PATH", "")])
    command = [sys.executable, "-m", "pyright", "--verifytypes", "eligibility_clients"]
    output = run([*command, "--outputjson"], cwd=work, env={"PATH": path}, ok=(0, 1), capture=True)
    try:
        verdict = completeness(output)
    except ValueError as exc:
        raise StepFailed(f"pyright --verifytypes failed: {exc}") from None
    summary = verdict.summary("--verifytypes eligibility_clients")
    if verdict.score < minimum:
        raise StepFailed(f"{summary}, below {minimum}%:\n" + "\n".join(verdict.gaps))
    print(summary)
    # --ignoreexternal only counts more symbols as known, so it scores at least as much.
    print("with --ignoreexternal: at least as much, implied by the run without it")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: 0 when the wheel types as users need."""
    parser = argparse.ArgumentParser(prog="python -m codegen.consumer_typing")
    parser.add_argument("--venv", type=Path, default=ROOT / ".nox/typing-wheel")
    parser.add_argument("--mypy-cache", type=Path, default=ROOT / ".nox/.cache/mypy-consumer")
    args = parser.parse_args(argv)

    def body() -> None:
        python = venv_with_only(args.venv, built_wheel()) / "python"
        with tempfile.TemporaryDirectory(prefix="eligibility-typing-") as tmp:
            work = Path(tmp) / "consumer"
            check_consumer(python, work, args.mypy_cache)
            check_completeness(python, work)

    return step_main("typing", body)

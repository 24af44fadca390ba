"""Build the wheel and sdist, check them, and try the wheel as a user would.

In a virtualenv holding only the wheel, imported from outside the checkout so the sources
cannot shadow it: every package has `py.typed`, httpx2 is loaded and httpx is not; the
command without its `cli` extra exits 2 with the install hint; and a consumer project's suite
(the `testing` extra: plugin fixtures, faults without sleeping, a cassette) passes and
records no key. The artifacts are then kept in `dist/`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path

from codegen.paths import DIST, ROOT
from codegen.running import StepFailed, run, step_main
from codegen.wheel.contents import WHEEL_PACKAGES, inspect_wheel
from codegen.wheel.venvs import venv_with_only

CONSUMER_CHECKS = ROOT / "tests/consumer/consumer_checks.py"
# The consumer's own suite runs with the versions ours is tested with (the `test` group).
CONSUMER_PINS = ("pytest==", "pytest-recording==", "vcrpy==")
CONSUMER_KEY = "consumer-test-secret"

IMPORT_CHECK = f"""
import importlib.util, pathlib, sys
import eligibility_clients, eligibility_clients.testing
packages = {sorted(WHEEL_PACKAGES)!r}
for name in packages:
    package = __import__(name)
    assert (pathlib.Path(package.__file__).parent / "py.typed").exists(), name
old = sorted(m for m in sys.modules if m.partition(".")[0] in ("httpx", "httpcore"))
assert not old, f"importing eligibility_clients loaded {{old}}"
assert "httpx2" in sys.modules
installed = importlib.util.find_spec("httpx") is not None
print("wheel imports", eligibility_clients.__version__, "with py.typed in", packages)
print("httpx modules loaded: none; httpx installed in this virtualenv:", installed)
"""


def consumer_pins(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The `test` group's exact pins of what the consumer project's suite runs on."""
    groups = tomllib.loads(pyproject.read_text(encoding="utf-8"))["dependency-groups"]
    pins = [r for r in groups["test"] if isinstance(r, str) and r.startswith(CONSUMER_PINS)]
    if len(pins) != len(CONSUMER_PINS):
        raise StepFailed(f"the test group pins {pins}, expected one of each of {CONSUMER_PINS}")
    return pins


def build(outdir: Path) -> tuple[Path, Path]:
    """`python -m build` of the checkout into `outdir`; the wheel and the sdist."""
    run([sys.executable, "-m", "build", "--outdir", outdir, ROOT])
    wheels, sdists = list(outdir.glob("*.whl")), list(outdir.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        raise StepFailed(f"expected one wheel and one sdist, found {wheels + sdists}")
    return wheels[0], sdists[0]


def check_contents(wheel: Path) -> None:
    """Fail on anything `inspect_wheel` finds; print what the wheel holds."""
    report = inspect_wheel(wheel)
    if report.problems:
        raise StepFailed("\n".join(report.problems))
    print(f"{wheel.name}: {report.files} files, packages {report.packages}")
    print(f"requires {report.runtime_requirements} (and no httpx)")


def check_installed(bindir: Path, workdir: Path) -> None:
    """The import check, and the command without its extra, run from `workdir`."""
    run([bindir / "python", "-c", IMPORT_CHECK], cwd=workdir)
    output = run([bindir / "eligibility-clients", "--help"], cwd=workdir, ok=(2,), capture=True)
    if "eligibility-clients[cli]" not in output:
        raise StepFailed(f"the command without its extra printed {output!r}")
    print("eligibility-clients without the cli extra: exit 2 with the install hint")


def check_consumer_project(bindir: Path, wheel: Path, workdir: Path) -> None:
    """A consumer's suite on the wheel: plugin fixtures, sleepless faults, a cassette."""
    python = bindir / "python"
    # The `testing` extra as a user installs it, resolved together with our own suite's pins:
    # pip refuses if the extra's ranges ever stop admitting the versions we test with.
    run([python, "-m", "pip", "install", "--quiet", f"{wheel}[testing]", *consumer_pins()])
    project = workdir / "consumer"
    project.mkdir()
    shutil.copy(CONSUMER_CHECKS, project / "test_consumer.py")
    pytest: list[str | Path] = [
        python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "test_consumer.py",
    ]
    run([*pytest, "--record-mode=once"], cwd=project)
    cassettes = list(project.glob("cassettes/*/*.yaml"))
    text = "".join(path.read_text(encoding="utf-8") for path in cassettes)
    if not cassettes or "<redacted>" not in text or CONSUMER_KEY in text:
        raise StepFailed(f"the consumer's cassettes {cassettes} hold a key or nothing")
    run([*pytest, "--record-mode=none"], cwd=project, env={"CONSUMER_REPLAY": "1"})
    print("consumer project: fixtures, faults without sleeping, a cassette with no key")


def build_and_check() -> None:
    """The whole step; the artifacts end in `dist/` only once every check passed."""
    with tempfile.TemporaryDirectory(prefix="eligibility-build-") as tmp:
        work = Path(tmp)
        wheel, sdist = build(work / "dist")
        check_contents(wheel)
        bindir = venv_with_only(work / "venv", wheel)
        check_installed(bindir, work)
        check_consumer_project(bindir, wheel, work)
        # Kept in dist/ (git-ignored) to hand to a team: the wheel a release pins.
        DIST.mkdir(exist_ok=True)
        for artifact in (wheel, sdist):
            shutil.copy2(artifact, DIST / artifact.name)
            print(f"dist/{artifact.name}")
    shutil.rmtree(ROOT / "build", ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: 0 when the artifacts pass every check."""
    argparse.ArgumentParser(prog="python -m codegen.wheel", description=__doc__).parse_args(argv)
    return step_main("build", build_and_check)

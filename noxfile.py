"""Development sessions. A plain `nox` runs every check CI runs (`nox.options.sessions`).

Each session makes or reuses an environment and runs one step of the pipeline,
`python -m codegen.STEP` (see `codegen/__init__.py`), or one tool; what a step does and
checks lives in its module, with its tests, not here.

Every session installs what it needs from pyproject.toml's pinned dependency groups, so a
machine with only Python 3.11+ and nox can run all of them. What makes a second run fast:

- most sessions share one virtualenv, `.nox/dev`: their groups nest (typecheck includes test,
  which includes codegen and api), so one environment holding the typecheck, lint, release
  and consumer-typing groups serves them all;
- every environment is kept between runs, and nothing is installed into it while what it was
  installed from (the requirements, pyproject.toml, `_version.py`) is unchanged
  (`codegen/devenv.py`);
- build makes the wheel once, and typing (which requires build) takes it from dist/;
- mypy's cache is kept in `.nox/.cache/mypy*` (and cached by CI), the tests run on every core
  (pytest-xdist), and the other sessions run beside them (`nox.options.parallel`).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nox

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # nox loads this file by path; the pipeline is importable too
from codegen import devenv  # noqa: E402

PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")

# uv when it is installed, plain virtualenv otherwise; never fetch an interpreter.
nox.options.default_venv_backend = "uv|virtualenv"
# Environments are kept between runs; nothing is installed while their stamp is current.
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "typecheck", "tests", "drift", "api", "build", "typing", "demo"]
# The default sessions run side by side, one per core (`--parallel 1` for one at a time): while
# the suite runs, the other checks take turns beside it. Each session's output is printed whole
# when it ends. Sessions that write to the checkout (generate, record, release) never run
# alongside another: they do not set `allow_parallel`.
nox.options.parallel = os.cpu_count() or 1
nox.options.error_on_missing_interpreters = True
os.environ["UV_PYTHON_DOWNLOADS"] = "never"

LINTED = ["overlay", "tests", "codegen", "benchmarks", "scripts", "noxfile.py"]
TYPED = [
    *LINTED,
    # Our generation step's output: mypy checks its call into each request builder. Named as
    # files because mypy does not report errors in modules it only follows imports into.
    *sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("generated/*/operations.py")),
]
WORKFLOWS = ".github/workflows"
# The groups of the shared `.nox/dev` environment (see the module docstring), and the package
# itself with the command's extra, editable.
DEV_REQUIREMENTS = [
    *nox.project.dependency_groups(PYPROJECT, "typecheck", "lint", "release", "consumer-typing"),
    "-e",
    ".[cli]",
]


def _install(session: nox.Session, *requirements: str) -> None:
    """`session.install(*requirements)`, skipped while the environment's stamp is current."""
    location = Path(session.virtualenv.location)
    if devenv.is_current(location, requirements):
        session.log(f"{len(requirements)} requirements installed already ({devenv.STAMP})")
        return
    session.install(*requirements)
    devenv.mark_current(location, requirements)


class Env:
    """A virtualenv shared by several sessions, which run as `venv_backend="none"` sessions.

    Made and filled like nox's own (uv when it is installed, else virtualenv with pip; the
    interpreter that runs nox), and stamped like `_install`.
    """

    def __init__(self, session: nox.Session, name: str, requirements: Sequence[str]) -> None:
        self.session = session
        self.location = Path(session.cache_dir).resolve().parent / name
        self.bin = self.location / ("Scripts" if os.name == "nt" else "bin")
        with devenv.locked(self.location.with_name(f".{name}.lock")):
            self._fill(list(requirements))

    def _fill(self, requirements: list[str]) -> None:
        session, python = self.session, self.bin / "python"
        if python.exists() and devenv.is_current(self.location, requirements):
            session.log(f"{self.location.name}: requirements installed already")
            return
        uv = shutil.which("uv")
        if not python.exists():
            session.log(f"creating the shared environment {self.location}")
            location = str(self.location)
            if uv:
                # --seed: pip in it too, as virtualenv gives (a test installs with it).
                session.run(uv, "venv", "--quiet", "--seed", "--python", sys.executable, location)
            else:
                session.run(sys.executable, "-m", "virtualenv", "--quiet", location)
        if uv:
            session.run(uv, "pip", "install", "--python", str(python), *requirements)
        else:
            session.run(str(python), "-m", "pip", "install", "--quiet", *requirements)
        devenv.mark_current(self.location, requirements)

    def run(self, program: str, *args: str, **kwargs: Any) -> Any:
        """`session.run` of `program` from this environment, which is first on PATH."""
        tool = self.bin / program
        path = os.pathsep.join([str(self.bin), os.environ.get("PATH", "")])
        env = {"VIRTUAL_ENV": str(self.location), "PATH": path, **kwargs.pop("env", {})}
        command = str(tool) if tool.exists() else program
        return self.session.run(command, *args, env=env, external=True, **kwargs)

    def step(self, module: str, *args: str) -> Any:
        """`python -m codegen.<module> ARGS` in this environment."""
        return self.run("python", "-m", f"codegen.{module}", *args)


def _dev(session: nox.Session) -> Env:
    """The shared `.nox/dev` environment (see the module docstring)."""
    return Env(session, "dev", DEV_REQUIREMENTS)


@nox.session(venv_backend="none", allow_parallel=True)
def lint(session: nox.Session) -> None:
    """Ruff on everything hand-written; actionlint and zizmor on the CI workflows."""
    dev = _dev(session)
    dev.run("ruff", "check", *LINTED)
    dev.run("ruff", "format", "--check", *LINTED)
    dev.run("actionlint", "-no-color")
    # --offline: the audits that would ask GitHub's API are skipped, so lint needs no network.
    dev.run("zizmor", "--offline", "--no-progress", WORKFLOWS)


@nox.session(venv_backend="none", allow_parallel=True)
def typecheck(session: nox.Session) -> None:
    """Mypy --strict on the overlay, the tests and the tooling; pyright on the list() surface."""
    dev = _dev(session)
    # The cache is kept between runs (CI restores it), so a run checks only what changed.
    dev.run("mypy", "--cache-dir", str(Path(session.cache_dir) / "mypy"), *TYPED)
    # pyright too must refuse what tests/typing_surface.py marks (see its docstring).
    dev.run("pyright", "tests/typing_surface.py")


@nox.session(venv_backend="none", allow_parallel=True)
def tests(session: nox.Session) -> None:
    """Run the test suite offline, on every core (`-- -n 0` for one process)."""
    _dev(session).run("pytest", "-n", "auto", *session.posargs)


@nox.session(venv_backend="none", allow_parallel=True)
def drift(session: nox.Session) -> None:
    """The three drift checks; each fails with a report naming what drifted (codegen.drift).

    1. generated/ vs a fresh generation from specs/ (byte for byte);
    2. every recorded cassette exchange vs the spec of its operation;
    3. a vendor's published OpenAPI document vs our spec: given as `VENDOR=PATH_OR_URL` after
       `--` or in `<VENDOR>_OPENAPI`, else the vendor's facts pinned in specs/upstream/.
    """
    _dev(session).step("drift", *session.posargs)


@nox.session(venv_backend="none", allow_parallel=True)
def api(session: nox.Session) -> None:
    """Compare the public API with the last release's snapshot; fail if the bump is too small.

    Prints each change (`QualificationSession.fee: removed (breaking)`), and checks that
    `_version.py`, the snapshot and CHANGELOG.md's newest entry agree. `-- --update` rewrites
    the snapshot (the release command does that for you). See codegen.api.
    """
    _dev(session).step("api", *session.posargs)


@nox.session(venv_backend="none", allow_parallel=True)
def build(session: nox.Session) -> None:
    """Build the wheel and sdist into dist/, check the wheel, and try it as users do.

    See codegen.wheel: contents, an import from a fresh virtualenv, the command without its
    extra, and a consumer project's suite on the `testing` extra.
    """
    _dev(session).step("wheel")


@nox.session(name="typing", venv_backend="none", requires=["build"], allow_parallel=True)
def consumer_typing(session: nox.Session) -> None:
    """The installed wheel as a user's mypy and pyright see it (codegen.consumer_typing).

    Takes the wheel `nox -s build` (which runs first) left in dist/: a consumer file passes
    both checkers in strict mode, a copy with one field misspelt fails both on the typo, and
    `pyright --verifytypes eligibility_clients` scores 100%, httpx2's types included.
    """
    cache = Path(session.cache_dir).resolve()
    _dev(session).step(
        "consumer_typing",
        *("--venv", str(cache.parent / "typing-wheel")),
        *("--mypy-cache", str(cache / "mypy-consumer")),
    )


@nox.session(python=None, allow_parallel=True)
def demo(session: nox.Session) -> None:
    """Install the package with the `cli` extra and run the command against the fakes.

    In the default run so that CI proves the README's "Try it" command works (codegen.demo).
    """
    _install(session, "-e", ".[cli]")
    session.run("python", "-m", "codegen.demo")


@nox.session(venv_backend="none")
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from specs/ with the pinned generator and ruff (codegen.generate)."""
    _dev(session).step("generate")


@nox.session(venv_backend="none")
def record(session: nox.Session) -> None:
    """Re-record the cassettes from the fakes, or `-- --live [VENDOR ...]` from the sandboxes.

    Live recording needs `TRUEMED_API_KEY` / `GOODSTACK_API_KEY`. Afterwards the cassettes are
    replayed offline and checked for keys and against the specs (codegen.cassettes).
    """
    _dev(session).step("cassettes", *session.posargs)


@nox.session(venv_backend="none")
def release(session: nox.Session) -> None:
    """Cut a release: `nox -s release -- minor` (or major, patch, auto, X.Y.Z).

    Needs a clean git tree. Bumps `_version.py`, dates CHANGELOG.md's `## [Unreleased]`
    section, rewrites the API snapshot, builds the wheel and sdist into dist/, checks that
    they all agree, runs drift check 1 and the test suite on that tree, and only then commits
    "Release X.Y.Z". It does not tag: pushing the commit to main lets the release workflow
    tag and publish it (it prints what that workflow will do). `--date YYYY-MM-DD` sets the
    release date (default: today). See codegen.release.
    """
    _dev(session).step("release", *session.posargs)


@nox.session(venv_backend="none")
def scratch(session: nox.Session) -> None:
    """A new Goodstack parameter and field, regenerated in a scratch copy, reach users.

    They must reach `list()` (sync, async, typed), the command line and the fakes with no hand
    edit (codegen.trials.scratch_change). Not a default session (it regenerates both
    clients). `-- --all-tests` runs the whole suite in the copy instead of the parity tests.
    """
    _dev(session).step("trials.scratch_change", *session.posargs)


@nox.session(name="change-cost", venv_backend="none")
def change_cost(session: nox.Session) -> None:
    """What a retrieve-by-id operation costs by hand, tried in a scratch copy.

    Adds the operation to the Truemed spec, regenerates, makes the declaration, the typed
    methods and their tests, checks them, and prints the hand lines by file
    (codegen.trials.change_cost). Not a default session. `-- --all-tests` runs the whole suite.
    """
    _dev(session).step("trials.change_cost", *session.posargs)


@nox.session(python=None)
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/ with `mkdocs build --strict`.

    Not a default session. Strict: a broken link, anchor or API reference fails the build.
    The API reference is read from the sources (`overlay/`, `generated/`) by mkdocstrings.
    """
    _install(session, *nox.project.dependency_groups(PYPROJECT, "docs"))
    # The package's dependencies, so the reference resolves names it imports (httpx2's).
    session.install(".")
    session.run(
        "mkdocs", "build", "--strict", "--site-dir", "site", env={"NO_MKDOCS_2_WARNING": "1"}
    )


@nox.session(python=None)
def bench(session: nox.Session) -> None:
    """Benchmarks against raw httpx2, pydantic, msgspec and the generated clients; writes results.

    Writes benchmarks/results.md (a summary of the targets first) and the same summary as
    benchmarks/performance-table.md for the docs. Not a default session: it takes minutes and
    its numbers depend on the machine. Pass `-- --quick` for a short run that only checks the
    script, `-- --only latency` (or overhead, long, memory) for a part, `-- --no-write` to
    print only.
    """
    # Not editable, so installed again every time: the stamp does not follow the sources.
    session.install(".")
    # The generator, for the baseline our templates are measured against, and the peers.
    _install(session, *nox.project.dependency_groups(PYPROJECT, "bench"))
    session.run("python", "-m", "benchmarks.bench", *session.posargs)

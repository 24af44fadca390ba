"""Development sessions. A plain `nox` runs every check CI runs (`nox.options.sessions`).

`nox -s demo` installs the package with its command and runs it against the built-in fakes;
it is in the default run so that CI proves the README's "Try it" command works.

Every session installs what it needs from pyproject.toml's pinned dependency groups, so a
machine with only Python 3.11+ and nox can run all of them. What makes a second run fast:

- lint, typecheck, tests, drift and api (and generate, record, scratch) share one virtualenv,
  `.nox/dev`: their groups nest (typecheck includes test, which includes codegen and api), so
  one environment holding the typecheck and lint groups serves them all;
- every environment is kept between runs, and nothing is installed into it while what it was
  installed from (the requirements, pyproject.toml, `_version.py`) is unchanged: a digest of
  those is stamped in the environment (`_install`);
- build makes the wheel once, and typing (which requires build) takes it from dist/;
- mypy's cache is kept in `.nox/.cache/mypy*` (and cached by CI), the tests run on every core
  (pytest-xdist), and the other sessions run beside them (`nox.options.parallel`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import nox

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")

# uv when it is installed, plain virtualenv otherwise; never fetch an interpreter.
nox.options.default_venv_backend = "uv|virtualenv"
# Environments are kept between runs; `_install` installs only when what they hold would change.
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
    "overlay",
    "tests",
    "codegen",
    "benchmarks",
    "scripts",
    "noxfile.py",
    # Our generation step's output: mypy checks its call into each request builder. Named as
    # files because mypy does not report errors in modules it only follows imports into.
    *sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("generated/*/operations.py")),
]
WORKFLOWS = ".github/workflows"
DIST = ROOT / "dist"
# Every top-level package the wheel installs carries the distribution's name.
WHEEL_PACKAGES = {
    "eligibility_clients",
    "eligibility_clients_truemed",
    "eligibility_clients_goodstack",
}
# pyright --verifytypes eligibility_clients, without --ignoreexternal: the share of the public
# API whose types every checker infers the same way, httpx2's included. Public signatures name
# our own protocols (eligibility_clients._http_types), not httpx2's partly unannotated Request
# and Response, so nothing is left ambiguous and anything below 100% is a regression.
VERIFYTYPES_MIN = 100.0
CONSUMER = ROOT / "tests/consumer"
VENDORS = ("truemed", "goodstack")
CASSETTES = ROOT / "tests/cassettes"
SOURCES = CASSETTES / "sources.json"


# What an environment's contents follow besides its requirement list: a change to either is
# a reason to install again (the editable install records the version and entry points).
INSTALLED_FROM = (ROOT / "pyproject.toml", ROOT / "overlay/eligibility_clients/_version.py")
STAMP = "installed-from.sha256"
# The groups of the shared `.nox/dev` environment (see the module docstring), and the package
# itself with the command's extra, editable.
DEV_REQUIREMENTS = [
    *nox.project.dependency_groups(PYPROJECT, "typecheck", "lint"),
    "-e",
    ".[cli]",
]


def _digest(requirements: Sequence[str]) -> str:
    parts = [sys.version, *requirements, *(path.read_text("utf-8") for path in INSTALLED_FROM)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _install(session: nox.Session, *requirements: str) -> None:
    """`session.install(*requirements)`, skipped when the stamp says they are installed."""
    stamp = Path(session.virtualenv.location) / STAMP
    digest = _digest(requirements)
    if stamp.exists() and stamp.read_text("utf-8") == digest:
        session.log(f"{len(requirements)} requirements installed already (stamp {STAMP})")
        return
    session.install(*requirements)
    stamp.write_text(digest, encoding="utf-8")


def _install_groups(session: nox.Session, *groups: str) -> None:
    _install(session, *nox.project.dependency_groups(PYPROJECT, *groups))


class Env:
    """A virtualenv shared by several sessions, which run as `venv_backend="none"` sessions.

    Made and filled like nox's own (uv when it is installed, else virtualenv with pip; the
    interpreter that runs nox), and stamped like `_install`. A lock file keeps two sessions run
    with `--parallel` from installing into it at once.
    """

    def __init__(self, session: nox.Session, name: str, requirements: Sequence[str]) -> None:
        self.session = session
        self.location = Path(session.cache_dir).resolve().parent / name
        self.bin = self.location / ("Scripts" if os.name == "nt" else "bin")
        with _locked(self.location.with_name(f".{name}.lock")):
            self._fill(list(requirements))

    def _fill(self, requirements: list[str]) -> None:
        session, python = self.session, self.bin / "python"
        stamp, digest = self.location / STAMP, _digest(requirements)
        if python.exists() and stamp.exists() and stamp.read_text("utf-8") == digest:
            session.log(f"{self.location.name}: requirements installed already (stamp {STAMP})")
            return
        uv = shutil.which("uv")
        if not python.exists():
            session.log(f"creating the shared environment {self.location}")
            if uv:
                # --seed: pip in it too, as virtualenv gives (a test installs with it).
                location = str(self.location)
                session.run(uv, "venv", "--quiet", "--seed", "--python", sys.executable, location)
            else:
                session.run(sys.executable, "-m", "virtualenv", "--quiet", str(self.location))
        if uv:
            session.run(uv, "pip", "install", "--python", str(python), *requirements)
        else:
            session.run(str(python), "-m", "pip", "install", "--quiet", *requirements)
        stamp.write_text(digest, encoding="utf-8")

    def run(self, program: str, *args: str, **kwargs: Any) -> Any:
        """`session.run` of `program` from this environment, which is first on PATH."""
        tool = self.bin / program
        path = os.pathsep.join([str(self.bin), os.environ.get("PATH", "")])
        env = {"VIRTUAL_ENV": str(self.location), "PATH": path, **kwargs.pop("env", {})}
        command = str(tool) if tool.exists() else program
        return self.session.run(command, *args, env=env, external=True, **kwargs)


def _dev(session: nox.Session) -> Env:
    """The shared `.nox/dev` environment (see the module docstring)."""
    return Env(session, "dev", DEV_REQUIREMENTS)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` where the platform has fcntl; nothing elsewhere."""
    try:
        import fcntl
    except ImportError:  # Windows: a first run there needs `--parallel 1`
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
def api(session: nox.Session) -> None:
    """Compare the public API with the last release's snapshot; fail if the bump is too small.

    Prints each change (`QualificationSession.fee: removed (breaking)`), and checks that
    `_version.py`, the snapshot and CHANGELOG.md's newest entry agree. `-- --update` rewrites
    the snapshot (the release command does that for you).
    """
    _dev(session).run("python", "-m", "codegen.api", *session.posargs)


@nox.session(python=None)
def release(session: nox.Session) -> None:
    """Cut a release: `nox -s release -- minor` (or major, patch, auto, X.Y.Z).

    Needs a clean git tree. Bumps `_version.py`, dates CHANGELOG.md's `## [Unreleased]`
    section, rewrites the API snapshot, builds the wheel and sdist into dist/, checks that
    they all agree, runs drift check 1 and the test suite on that tree, and only then commits
    "Release X.Y.Z". It does not tag: pushing the commit to main lets the release workflow
    tag and publish it (it prints what that workflow will do). `--date YYYY-MM-DD` sets the
    release date (default: today).
    """
    # The test group holds the generator (drift check 1) and the api group; the suite needs
    # the package installed, and build makes the wheel and sdist.
    _install(session, *nox.project.dependency_groups(PYPROJECT, "release", "test"), "-e", ".")
    session.run("python", "-m", "codegen.release", *session.posargs)


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


@nox.session(python=None, allow_parallel=True)
def demo(session: nox.Session) -> None:
    """Install the package with the `cli` extra and run the command against the fakes."""
    _install(session, "-e", ".[cli]")
    session.run("eligibility-clients", "--version")

    session.log("Five approved Truemed sessions, as a table (--fake: no key, no network):")
    session.run(
        "eligibility-clients",
        *("truemed", "sessions", "--fake", "--status", "approved", "--limit", "5"),
        *("--format", "table"),
    )
    session.log("Two live Goodstack subscriptions, as JSON lines (the default when piped):")
    session.run(
        "eligibility-clients",
        *("goodstack", "subscriptions", "--fake", "--status", "live", "--limit", "2"),
        *("--format", "jsonl"),
    )

    session.log(
        "Next, an error on purpose (expected, not a failure of the demo): the fakes served over "
        "loopback HTTP answer a publishable key with 403, as Goodstack does; the command "
        "prints one line and exits 3."
    )
    with _fake_server(Path(session.bin) / "python") as url:
        session.run(
            "eligibility-clients",
            *("goodstack", "subscriptions", "--base-url", url),
            env={"GOODSTACK_API_KEY": "pk_demo_publishable_key"},
            success_codes=[3],
        )
    session.log("Exit status 3 (authentication), as documented.")


@contextlib.contextmanager
def _fake_server(python: Path) -> Iterator[str]:
    """`python -m eligibility_clients.testing serve` on a free loopback port; yields its URL."""
    command = [str(python), "-m", "eligibility_clients.testing", "serve", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            banner = server.stdout.readline()  # "Serving the fakes on http://127.0.0.1:PORT ..."
            urls = [word for word in banner.split() if word.startswith("http://")]
            if not urls:
                raise RuntimeError(f"the fake server did not start: {banner!r}")
            yield urls[0]
        finally:
            server.terminate()


@nox.session(name="change-cost", venv_backend="none")
def change_cost(session: nox.Session) -> None:
    """What a retrieve-by-id operation costs by hand, tried in a scratch copy.

    Adds the operation to the Truemed spec, regenerates, makes the declaration, the typed
    methods and their tests, checks them, and prints the hand lines by file
    (codegen/change_cost.py). Not a default session. `-- --all-tests` runs the whole suite.
    """
    _dev(session).run("python", "-m", "codegen.change_cost", *session.posargs)


@nox.session(python=None)
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/ with `mkdocs build --strict`.

    Not a default session. Strict: a broken link, anchor or API reference fails the build.
    The API reference is read from the sources (`overlay/`, `generated/`) by mkdocstrings.
    """
    _install_groups(session, "docs")
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
    _install_groups(session, "bench")
    session.run("python", "-m", "benchmarks.bench", *session.posargs)


@nox.session(venv_backend="none")
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from specs/ with the pinned generator and ruff."""
    _dev(session).run("python", "codegen/regenerate.py", "generate")


@nox.session(venv_backend="none")
def scratch(session: nox.Session) -> None:
    """A new Goodstack parameter and field, regenerated in a scratch copy, reach users.

    They must reach `list()` (sync, async, typed), the command line and the fakes with no hand
    edit (codegen/scratch_change.py). Not a default session (it regenerates both clients).
    `-- --all-tests` runs the whole suite in the copy instead of the parity tests.
    """
    _dev(session).run("python", "codegen/scratch_change.py", *session.posargs)


@nox.session(venv_backend="none", allow_parallel=True)
def drift(session: nox.Session) -> None:
    """The three drift checks; each fails with a report naming what drifted.

    1. generated/ vs a fresh generation from specs/ (byte for byte);
    2. every recorded cassette exchange vs the spec of its operation;
    3. a vendor's published OpenAPI document vs our spec, for each vendor whose document is
       given as `VENDOR=PATH_OR_URL` after `--` or in `<VENDOR>_OPENAPI` (see the README).
    """
    dev = _dev(session)
    dev.run("python", "codegen/regenerate.py", "check")
    dev.run("python", "-m", "codegen.traffic")
    _upstream_checks(session, dev)


def _upstream_checks(session: nox.Session, dev: Env) -> None:
    documents = {
        vendor: os.environ[f"{vendor.upper()}_OPENAPI"]
        for vendor in VENDORS
        if os.environ.get(f"{vendor.upper()}_OPENAPI")
    }
    for argument in session.posargs:
        vendor, _, location = argument.partition("=")
        if vendor not in VENDORS or not location:
            session.error(f"expected VENDOR=PATH_OR_URL with VENDOR in {VENDORS}, got {argument!r}")
        documents[vendor] = location
    for vendor in VENDORS:
        pinned = ROOT / "specs" / "upstream" / f"{vendor}.json"
        if vendor in documents:
            dev.run("python", "-m", "codegen.upstream", vendor, documents[vendor])
        elif pinned.exists():
            # The vendor's facts pinned in the repository: the check runs offline, every time.
            dev.run("python", "-m", "codegen.upstream", vendor, str(pinned.relative_to(ROOT)))
        else:
            session.log(
                f"check 3 for {vendor}: no published document given and none pinned "
                f"(set {vendor.upper()}_OPENAPI=PATH_OR_URL or pass {vendor}=PATH_OR_URL)"
            )


@nox.session(venv_backend="none")
def record(session: nox.Session) -> None:
    """Re-record the cassettes from the fakes, or `-- --live [VENDOR ...]` from the sandboxes.

    Live recording needs `TRUEMED_API_KEY` / `GOODSTACK_API_KEY`. Afterwards the cassettes are
    replayed offline and checked for keys and against the specs.
    """
    live = "--live" in session.posargs
    vendors = [arg for arg in session.posargs if arg != "--live"] or list(VENDORS)
    unknown = sorted(set(vendors) - set(VENDORS))
    if unknown:
        session.error(f"unknown vendor(s) {unknown}; choose from {VENDORS}")
    if live:
        missing = [
            f"{v.upper()}_API_KEY" for v in vendors if not os.environ.get(f"{v.upper()}_API_KEY")
        ]
        if missing:
            session.error(f"--live needs {', '.join(missing)} in the environment")
    dev = _dev(session)
    modules = [f"tests/test_{vendor}_cassettes.py" for vendor in vendors]
    started = time.time()
    dev.run(
        "pytest",
        *modules,
        "--record-mode=rewrite",
        env={"RECORD_SOURCE": "live" if live else "fakes"},
    )
    # A cassette no test used this time belongs to a renamed or deleted test.
    for vendor in vendors:
        for stale in (CASSETTES / f"test_{vendor}_cassettes").glob("*.yaml"):
            if stale.stat().st_mtime < started:
                session.log(f"removing stale cassette {stale.relative_to(ROOT)}")
                stale.unlink()
    sources = json.loads(SOURCES.read_text(encoding="utf-8"))
    for vendor in vendors:
        sources[vendor] = (
            {"source": "sandbox", "environment": "sandbox", "recorded_on": str(date.today())}
            if live
            else {"source": "fakes", "environment": "production"}
        )
    SOURCES.write_text(json.dumps(sources, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    dev.run("pytest", *modules, "tests/test_cassette_hygiene.py", env={"RECORD_SOURCE": ""})
    dev.run("python", "-m", "codegen.traffic")


@nox.session(python=None, allow_parallel=True)
def build(session: nox.Session) -> None:
    """Build the wheel and sdist into dist/, check the wheel, and import it from a fresh venv."""
    _install(session, "build==1.3.0", "pip")
    with tempfile.TemporaryDirectory(prefix="eligibility-build-") as tmp:
        built = Path(tmp) / "dist"
        session.run("python", "-m", "build", "--outdir", str(built), str(ROOT))
        wheels, sdists = list(built.glob("*.whl")), list(built.glob("*.tar.gz"))
        if len(wheels) != 1 or len(sdists) != 1:
            session.error(f"expected one wheel and one sdist, found {wheels + sdists}")
        wheel = wheels[0]
        _check_wheel_contents(session, wheel)

        bindir = _venv_with_only(session, Path(tmp) / "venv", wheel)
        python = str(bindir / "python")
        # Import from outside the checkout so the source tree cannot shadow the wheel. The
        # dev environments always hold httpx (the generator needs it); this one holds only the
        # wheel and what it requires, so it shows what importing the package really loads.
        with session.chdir(tmp):
            session.run(python, "-c", _IMPORT_CHECK, external=True)
            # Without the `cli` extra the command still installs, and says what it lacks.
            output = session.run(
                str(bindir / "eligibility-clients"),
                "--help",
                external=True,
                silent=True,
                success_codes=[2],
            )
            if "eligibility-clients[cli]" not in str(output):
                session.error(f"the command without its extra printed {output!r}")
            session.log("eligibility-clients without the cli extra: exit 2 with the install hint")
            _check_consumer_project(session, python, Path(tmp), wheel)
        # Kept in dist/ (git-ignored) to hand to a team: the wheel a release pins.
        DIST.mkdir(exist_ok=True)
        for artifact in (wheel, sdists[0]):
            shutil.copy2(artifact, DIST / artifact.name)
            session.log(f"dist/{artifact.name}")
    shutil.rmtree(ROOT / "build", ignore_errors=True)


_IMPORT_CHECK = f"""
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


def _venv_with_only(session: nox.Session, venv: Path, wheel: Path) -> Path:
    """A fresh virtualenv holding `wheel` and its requirements; returns its bin folder.

    `venv` is emptied first if it exists (typing keeps it at one path, so that mypy's cache
    of the installed package stays valid from one run to the next).
    """
    # virtualenv (a nox dependency) rather than venv: it needs no ensurepip, which Debian's
    # python3 lacks without python3-venv.
    command = [sys.executable, "-m", "virtualenv", "--quiet", "--clear", str(venv)]
    session.run(*command, external=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = str(bindir / "python")
    session.run(python, "-m", "pip", "install", "--quiet", str(wheel), external=True)
    return bindir


def _check_consumer_project(session: nox.Session, python: str, tmp: Path, wheel: Path) -> None:
    """A consumer's suite on the wheel: plugin fixtures, sleepless faults, a cassette."""
    pinned = [
        req
        for req in nox.project.dependency_groups(PYPROJECT, "test")
        if req.startswith(("pytest==", "pytest-recording==", "vcrpy=="))
    ]
    # The `testing` extra, as a user installs it, resolved together with our own suite's pins:
    # pip refuses if the extra's ranges ever stop admitting the versions we test with.
    testing = [f"{wheel}[testing]", *pinned]
    session.run(python, "-m", "pip", "install", "--quiet", *testing, external=True)
    project = tmp / "consumer"
    project.mkdir()
    shutil.copy(ROOT / "tests/consumer/consumer_checks.py", project / "test_consumer.py")
    pytest = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_consumer.py"]
    with session.chdir(project):
        session.run(*pytest, "--record-mode=once", external=True)
        cassettes = list(project.glob("cassettes/*/*.yaml"))
        text = "".join(path.read_text(encoding="utf-8") for path in cassettes)
        if not cassettes or "<redacted>" not in text or "consumer-test-secret" in text:
            session.error(f"the consumer's cassettes {cassettes} hold a key or nothing")
        session.run(*pytest, "--record-mode=none", external=True, env={"CONSUMER_REPLAY": "1"})
    session.log("consumer project: fixtures, faults without sleeping, a cassette with no key")


def _check_wheel_contents(session: nox.Session, wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    top_level = {name.split("/", 1)[0] for name in names if not name.endswith(".dist-info/")}
    packages = {name for name in top_level if not name.endswith(".dist-info")}
    if packages != WHEEL_PACKAGES:
        session.error(f"wheel holds packages {sorted(packages)}, expected {sorted(WHEEL_PACKAGES)}")
    forbidden = [
        name
        for name in names
        if any(part in {"tests", "specs", "cassettes"} for part in name.split("/"))
        or name.endswith((".yaml", ".yml"))
    ]
    if forbidden:
        session.error(f"wheel holds files it must not ship: {forbidden}")
    untyped = sorted(p for p in packages if f"{p}/py.typed" not in names)
    if untyped:
        session.error(f"wheel packages without py.typed: {untyped}")
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    with zipfile.ZipFile(wheel) as archive:
        requires = [
            line.removeprefix("Requires-Dist:").strip()
            for line in archive.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:")
        ]
    runtime = {_requirement_name(r) for r in requires if "extra ==" not in r}
    if "httpx2" not in runtime or "httpx" in runtime:
        session.error(f"the wheel must require httpx2 and not httpx; it requires {requires}")
    entry_points = next((n for n in names if n.endswith(".dist-info/entry_points.txt")), None)
    with zipfile.ZipFile(wheel) as archive:
        scripts = archive.read(entry_points).decode() if entry_points else ""
    if "eligibility-clients = eligibility_clients._cli:main" not in scripts:
        session.error(f"wheel lacks the eligibility-clients console script: {scripts!r}")
    session.log(f"{wheel.name}: {len(names)} files, packages {sorted(packages)}")
    session.log(f"requires {sorted(runtime)} (and no httpx)")


def _requirement_name(requirement: str) -> str:
    name = requirement
    for stop in " ;<>=!~[(":
        name = name.partition(stop)[0]
    return name.lower().replace("_", "-")


def _verifytypes(session: nox.Session, command: list[str], path: str, minimum: float) -> float:
    """Run `pyright --verifytypes ... --outputjson`; fail below `minimum` percent, else the score.

    On failure it names every exported symbol that is not fully known, with pyright's reason,
    so a regression says where it comes from (ours, or a third-party type we started naming).
    """
    # Not session.run: nox puts the session's own bin folder first on PATH, and that python
    # does not hold the wheel.
    session.log(" ".join(command))
    result = subprocess.run(
        command, env={**os.environ, "PATH": path}, capture_output=True, text=True, check=False
    )
    output = result.stdout
    if result.returncode not in (0, 1) or "{" not in output:
        session.error(f"pyright --verifytypes failed:\n{output}{result.stderr}")
    report = json.loads(output[output.index("{") : output.rindex("}") + 1])["typeCompleteness"]
    score = 100 * report["completenessScore"]
    counts = report["exportedSymbolCounts"]
    summary = (
        f"{' '.join(command[1:-1])}: {score:.1f}% ({counts['withKnownType']} of "
        f"{sum(counts.values())} exported symbols known)"
    )
    if score < minimum:
        gaps = [
            f"{symbol['name']}: "
            + "; ".join(" ".join(d["message"].split()) for d in symbol["diagnostics"])
            for symbol in report["symbols"]
            if not symbol["isTypeKnown"] and symbol["isExported"]
        ]
        session.error(f"{summary}, below {minimum}%:\n" + "\n".join(gaps))
    session.log(summary)
    return float(score)


# One field of consumer.py, misspelt for the copy both checkers must refuse.
TYPO = ("session.qualification_session_id for", "session.qualification_sesion_id for")


def _built_wheel(session: nox.Session) -> Path:
    """The wheel of this version that `nox -s build` left in dist/."""
    text = (ROOT / "overlay/eligibility_clients/_version.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "(.+)"$', text, re.MULTILINE)
    if version is None:
        session.error("_version.py sets no __version__")
    wheel = DIST / f"eligibility_clients-{version.group(1)}-py3-none-any.whl"
    if not wheel.exists():
        session.error(f"no {wheel.relative_to(ROOT)}: run `nox -s build` first")
    return wheel


def _only_the_typo(session: nox.Session, checker: str, output: str) -> None:
    """Fail unless every error `checker` reported is in typo.py, the misspelt name among them."""
    errors = [line.strip() for line in output.splitlines() if "error" in line and ".py:" in line]
    elsewhere = [line for line in errors if "typo.py:" not in line]
    if elsewhere or not any("qualification_sesion_id" in line for line in errors):
        session.error(f"{checker}: expected errors in typo.py only, on the typo:\n{output}")
    session.log(f"{checker}: consumer.py passes; typo.py fails on qualification_sesion_id")


def _misspelt(consumer: Path) -> str:
    """consumer.py with one field name misspelt: made here, so the two never drift apart."""
    text = consumer.read_text(encoding="utf-8")
    if text.count(TYPO[0]) != 1:
        raise RuntimeError(f"{consumer.name} must use {TYPO[0]!r} exactly once")
    return text.replace(*TYPO)


@nox.session(name="typing", python=None, requires=["build"], allow_parallel=True)
def consumer_typing(session: nox.Session) -> None:
    """The installed wheel as a user's type checkers see it.

    Takes the wheel `nox -s build` (which runs first) left in dist/. In a fresh virtualenv
    holding only that wheel: `tests/consumer/consumer.py` passes `mypy --strict
    --disallow-any-expr` and pyright in strict mode; `typo.py`, a copy made with one field
    misspelt (`TYPO`), fails both, on the typo. `pyright --verifytypes eligibility_clients`
    scores 100%, with --ignoreexternal and without it (VERIFYTYPES_MIN): httpx2's types count.
    """
    _install_groups(session, "consumer-typing")
    wheel = _built_wheel(session)
    venv = Path(session.cache_dir).resolve().parent / "typing-wheel"
    python = str(_venv_with_only(session, venv, wheel) / "python")
    with tempfile.TemporaryDirectory(prefix="eligibility-typing-") as tmp:
        work = Path(tmp) / "consumer"
        shutil.copytree(CONSUMER, work)
        (work / "typo.py").write_text(_misspelt(CONSUMER / "consumer.py"))
        (work / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}\n')
        cache = str(Path(session.cache_dir).resolve() / "mypy-consumer")
        mypy = ["mypy", "--strict", "--disallow-any-expr", "--python-executable", python]
        pyright = ["pyright", "--pythonpath", python]
        with session.chdir(work):
            # One run of each checker over both files: each file is checked on its own
            # merits, so consumer.py must come out without an error and typo.py with one.
            for checker in ([*mypy, "--cache-dir", cache], pyright):
                output = session.run(
                    *checker, "consumer.py", "typo.py", silent=True, success_codes=[1]
                )
                _only_the_typo(session, checker[0], str(output))
        # --verifytypes ignores --pythonpath: it takes the first `python` on PATH.
        venv_path = os.pathsep.join([str(Path(python).parent), os.environ.get("PATH", "")])
        verify = [str(Path(session.bin) / "pyright"), "--verifytypes", "eligibility_clients"]
        with session.chdir(work):
            score = _verifytypes(session, [*verify, "--outputjson"], venv_path, VERIFYTYPES_MIN)
            if score < 100.0:
                flags = ["--ignoreexternal", "--outputjson"]
                _verifytypes(session, [*verify, *flags], venv_path, 100.0)
            else:
                # --ignoreexternal only counts more symbols as known, so it scores 100% too.
                session.log("with --ignoreexternal: 100%, implied by the run without it")
    shutil.rmtree(ROOT / "build", ignore_errors=True)

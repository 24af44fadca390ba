#!/usr/bin/env python3
"""Run nox from a project-local virtualenv, on nothing but a stock `python3` (3.11+).

    python3 scripts/dev.py              # the full check, as CI runs it
    python3 scripts/dev.py -s demo      # any nox arguments

The first run creates `.venv-dev/` in the checkout (git-ignored) and installs into it the nox
version pinned in pyproject.toml's `typecheck` group; nothing is installed anywhere else, so
it works where the system Python is "externally managed" (PEP 668) and there is no `python`,
pip, uv or nox command. Nox then makes the sessions' virtualenvs under `.nox/` and keeps them
for the next run. Delete both folders to start afresh.

Where `venv` cannot install pip (Debian and Ubuntu without the `python3-venv` package), the
virtualenv is made without pip and pip is fetched from PyPI as a wheel, its digest checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-dev"
# The pip that `_bootstrap_pip` installs: an exact release, so every bootstrap gets the same
# wheel, whose sha256 comes from PyPI's JSON for that very release.
PIP_VERSION = "26.3"
PYPI_PIP = f"https://pypi.org/pypi/pip/{PIP_VERSION}/json"
NO_VENV_HINT = (
    "could not set up pip in {venv}: install the 'python3-venv' package "
    "(sudo apt install python3-venv) and run this again"
)


def main(arguments: list[str]) -> int:
    """Make sure `.venv-dev` holds the pinned nox, then run nox with `arguments`."""
    # Stock python3 on an older distribution: one clear line rather than an ImportError.
    if sys.version_info < (3, 11):  # noqa: UP036
        print(f"scripts/dev.py needs Python 3.11 or newer, not {sys.version.split()[0]}")
        return 2
    python = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pin = pinned_nox()
    if _installed_nox(python) != pin.partition("==")[2]:
        try:
            _create(python)
            _pip(python, "install", "--quiet", pin)
        except (OSError, subprocess.CalledProcessError, ValueError) as exc:
            print(f"scripts/dev.py: {NO_VENV_HINT.format(venv=VENV)} ({exc})", file=sys.stderr)
            return 1
    command = [str(python), "-m", "nox", *arguments]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def pinned_nox() -> str:
    """The `nox==X` requirement pinned in pyproject.toml (one source for every tool version)."""
    import tomllib  # here, so Python < 3.11 reaches the version check in main()

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in pyproject["dependency-groups"]["typecheck"]:
        if isinstance(requirement, str) and requirement.startswith("nox=="):
            return requirement
    raise SystemExit("pyproject.toml pins no nox== in its typecheck group")


def _installed_nox(python: Path) -> str | None:
    if not python.exists():
        return None
    probe = "import importlib.metadata as m; print(m.version('nox'))"
    result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def _create(python: Path) -> None:
    if _has_pip(python):
        return
    print(f"scripts/dev.py: creating {VENV.name}/ with nox", file=sys.stderr)
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    except (OSError, subprocess.CalledProcessError):
        # Debian's python3 without python3-venv: `venv` works, `ensurepip` does not.
        venv.EnvBuilder(with_pip=False, clear=True).create(VENV)
    if not _has_pip(python):
        _bootstrap_pip(python)


def _has_pip(python: Path) -> bool:
    if not python.exists():
        return False
    probe = [str(python), "-m", "pip", "--version"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def _bootstrap_pip(python: Path) -> None:
    """Install pip from PyPI's wheel: a pip wheel can run itself to install itself."""
    print(
        f"scripts/dev.py: no ensurepip here; fetching pip {PIP_VERSION}'s wheel from PyPI",
        file=sys.stderr,
    )
    with urllib.request.urlopen(PYPI_PIP, timeout=60) as answer:
        release = json.load(answer)
    wheel = next(f for f in release["urls"] if f["packagetype"] == "bdist_wheel")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / wheel["filename"]
        url = urllib.parse.urljoin(PYPI_PIP, wheel["url"])  # mirrors may give relative URLs
        with urllib.request.urlopen(url, timeout=120) as answer:
            path.write_bytes(answer.read())
        if hashlib.sha256(path.read_bytes()).hexdigest() != wheel["digests"]["sha256"]:
            raise ValueError(f"{wheel['filename']} does not match PyPI's sha256 digest")
        pip_in_wheel = str(path / "pip")
        subprocess.run([str(python), pip_in_wheel, "install", "--quiet", str(path)], check=True)


def _pip(python: Path, *arguments: str) -> None:
    command = [str(python), "-m", "pip", "--disable-pip-version-check", *arguments]
    subprocess.run(command, check=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

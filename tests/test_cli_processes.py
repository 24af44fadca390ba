"""The command as installed: entry points, what importing it loads, the missing `cli` extra.

These run `python -m eligibility_clients`, the console script or a fresh interpreter, since what
is at stake (the installed script, `sys.modules`) is per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.test_cli import MODULE, goodstack_expected, records


def run(command: Sequence[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, env={**os.environ, **env}
    )


def test_module_and_console_script_run_the_same_command() -> None:
    (script,) = entry_points(group="console_scripts", name="eligibility-clients")
    assert script.value == "eligibility_clients._cli:main"
    installed = Path(sys.executable).parent / "eligibility-clients"
    args = ["goodstack", "subscriptions", "--fake", "--limit", "2"]
    by_module = run([*MODULE, *args])
    by_script = run([str(installed), *args])
    assert by_module.returncode == by_script.returncode == 0, by_module.stderr
    assert by_module.stdout == by_script.stdout
    assert records(by_module.stdout) == goodstack_expected()[:2]

    failed = run([str(installed), "truemed", "sessions"])
    assert failed.returncode == 3
    assert failed.stderr.startswith("Error: no Truemed API key")
    assert len(failed.stderr.splitlines()) == 1


def test_importing_the_library_loads_neither_click_nor_rich() -> None:
    # httpx2 imports its own command (which needs click and rich) only when asked for it, so
    # nothing is switched off here: what is loaded is what this package and httpx2 import.
    code = (
        "import sys\n"
        "import eligibility_clients, eligibility_clients.testing, eligibility_clients._cli\n"
        "print(sorted(m for m in sys.modules if m.partition('.')[0] in ('click', 'rich')))"
    )
    result = run([sys.executable, "-c", code])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("missing", ["click", "rich"])
def test_without_the_cli_extra_the_command_says_how_to_get_it(missing: str) -> None:
    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        "from eligibility_clients._cli import main\n"
        "main()"
    )
    result = run([sys.executable, "-c", code, "truemed", "sessions", "--fake"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"eligibility-clients: the command needs {missing}, which is not installed: "
        "pip install 'eligibility-clients[cli] @ git+URL@vX.Y.Z' (URL: the repository you "
        "cloned) or pip install 'dist/eligibility_clients-X.Y.Z-py3-none-any.whl[cli]'"
    ]


def test_the_command_does_not_load_the_testing_kit_unless_asked() -> None:
    # Every command module loaded, a command's help rendered: still no testing kit.
    code = (
        "import contextlib, io, sys\n"
        "from eligibility_clients._cli._app import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    cli(['truemed', 'sessions', '--help'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('eligibility_clients.testing'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"

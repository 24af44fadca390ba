"""A virtualenv holding one wheel and what it requires, and nothing of the checkout."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from codegen.running import bin_folder, run


def venv_with_only(venv: Path, wheel: Path, extras: Sequence[str] = ()) -> Path:
    """Make `venv` afresh with `wheel` (and `extras`, more requirements) installed; its bin.

    `venv` is emptied first if it exists: a step that keeps it at one path (typing) keeps
    mypy's cache of the installed package valid from one run to the next.
    """
    # virtualenv rather than venv: it needs no ensurepip, which Debian's python3 lacks
    # without python3-venv. It comes with nox, in every environment that runs a step.
    run([sys.executable, "-m", "virtualenv", "--quiet", "--clear", venv])
    python = bin_folder(venv) / "python"
    run([python, "-m", "pip", "install", "--quiet", str(wheel), *extras])
    return bin_folder(venv)

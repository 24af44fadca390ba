"""Where the pipeline's steps find the checkout, wherever their modules sit in `codegen/`."""

from __future__ import annotations

from pathlib import Path

#: The checkout's root: the folder holding `pyproject.toml`, `specs/` and `codegen/`.
ROOT = Path(__file__).resolve().parent.parent
#: Where the build step keeps the wheel and sdist, for the typing step and the release.
DIST = ROOT / "dist"

"""When a kept environment must be installed into again, and one installer at a time.

Used by `noxfile.py`: every environment is kept between runs, and nothing is installed into it
while what it was installed from is unchanged. A digest of the requirement list, the files the
install also follows (pyproject.toml, `_version.py`) and the interpreter's version is stamped
in the environment; a lock keeps two sessions run with `--parallel` from installing at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from codegen.paths import ROOT

#: What an environment's contents follow besides its requirement list: a change to either is
#: a reason to install again (the editable install records the version and entry points).
INSTALLED_FROM = (ROOT / "pyproject.toml", ROOT / "overlay/eligibility_clients/_version.py")
STAMP = "installed-from.sha256"


def digest(requirements: Sequence[str], installed_from: Sequence[Path] = INSTALLED_FROM) -> str:
    """The digest an environment holding `requirements` is stamped with."""
    parts = [sys.version, *requirements, *(path.read_text("utf-8") for path in installed_from)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def is_current(environment: Path, requirements: Sequence[str]) -> bool:
    """Whether `environment`'s stamp says it holds `requirements` as they are now."""
    stamp = environment / STAMP
    return stamp.exists() and stamp.read_text("utf-8") == digest(requirements)


def mark_current(environment: Path, requirements: Sequence[str]) -> None:
    """Stamp `environment` as holding `requirements`, once they are installed."""
    (environment / STAMP).write_text(digest(requirements), encoding="utf-8")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
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

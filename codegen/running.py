"""Running the programs a pipeline step drives, and failing a step with one clear message."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path


class StepFailed(Exception):
    """A step's check failed; the message says what and how to go on."""


def run(
    command: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    ok: Sequence[int] = (0,),
    capture: bool = False,
) -> str:
    """Run `command`, printing it first; return its output when `capture` (else "").

    An exit status outside `ok` raises `StepFailed`, with the output when it was captured.
    `env` is added to this process's environment.
    """
    words = [str(word) for word in command]
    print(f"$ {shlex.join(words)}", flush=True)
    result = subprocess.run(
        words,
        cwd=cwd,
        env={**os.environ, **env} if env is not None else None,
        capture_output=capture,
        text=True,
        check=False,
    )
    output = (result.stdout or "") + (result.stderr or "")
    if result.returncode not in ok:
        raise StepFailed(f"{words[0]} exited {result.returncode}, expected {list(ok)}\n{output}")
    return output


def bin_folder(venv: Path) -> Path:
    """The folder of a virtualenv's programs."""
    return venv / ("Scripts" if os.name == "nt" else "bin")


def step_main(name: str, body: Callable[[], None]) -> int:
    """Call `body()`; print a `StepFailed` as one error line and return 1, else 0."""
    try:
        body()
    except StepFailed as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 1
    return 0

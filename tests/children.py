"""Helpers for tests that start the command as a child process and signal it."""

from __future__ import annotations

import signal


def default_sigint() -> None:
    """`preexec_fn` for a child a test interrupts: Ctrl-C's default disposition.

    A shell starts background jobs (`cmd &`) with SIGINT ignored and children inherit that,
    so without this a test's SIGINT would be lost when the suite runs from such a job.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)

"""The progress bar: shown on a terminal, also while writing a file, never when piped or quiet.

The command runs as `python -m eligibility_clients` with stderr (and stdout) on a
pseudo-terminal, since rich decides what to draw from the terminal it finds.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.children import default_sigint
from tests.test_cli import MODULE, TRUEMED_DATA, goodstack_expected, records, truemed_expected

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def on_terminal(args: Sequence[str], *, stdout_is_terminal: bool = True) -> tuple[int, str, str]:
    """Run the command with stderr (and stdout) on a pseudo-terminal.

    Returns the exit status, what the terminal received with colours and cursor moves removed,
    and what a piped stdout received.
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}
        and name not in {"COLUMNS", "LINES"}
    }
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [*MODULE, *args],
        preexec_fn=default_sigint,
        stdin=slave,
        stdout=slave if stdout_is_terminal else subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    received = bytearray()
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:  # a guard against hanging the suite, not a timing assertion
                pytest.fail(f"the command wrote nothing for a minute: {bytes(received)!r}")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every holder of the terminal has closed it
                break
            if not chunk:
                break
            received += chunk
        piped = process.stdout.read().decode() if process.stdout is not None else ""
        process.wait(timeout=60)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
        if process.stdout is not None:
            process.stdout.close()
    screen = ANSI.sub("", received.decode()).replace("\r", "")
    return process.returncode, screen, piped


def test_progress_on_a_terminal_counts_items_pages_and_the_total() -> None:
    code, screen, _ = on_terminal(["truemed", "sessions", "--fake"])
    assert code == 0, screen
    assert "Truemed sessions" in screen
    assert "100/100 items · 4 pages" in screen
    # The table is the default on a terminal, and its rows share the screen with the bar.
    assert "ID  " in screen
    assert "STATUS" in screen
    for record in TRUEMED_DATA[:3]:
        assert record["qualification_session_id"] in screen


def test_progress_shows_while_writing_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "subscriptions.jsonl"
    code, screen, _ = on_terminal(["goodstack", "subscriptions", "--fake", "-o", str(target)])
    assert code == 0, screen
    assert "Goodstack subscriptions" in screen
    assert "33/33 items · 1 page " in screen
    assert records(target.read_text(encoding="utf-8")) == goodstack_expected()


@pytest.mark.parametrize(
    ("extra", "stdout_is_terminal"), [([], False), (["--quiet"], True)], ids=["piped", "quiet"]
)
def test_no_progress_when_output_is_piped_or_quiet(
    extra: list[str], stdout_is_terminal: bool
) -> None:
    args = ["truemed", "sessions", "--fake", "--limit", "10", *extra]
    code, screen, piped = on_terminal(args, stdout_is_terminal=stdout_is_terminal)
    assert code == 0, screen
    assert "items" not in screen
    assert "Truemed sessions" not in screen
    if stdout_is_terminal:
        assert len([line for line in screen.splitlines() if line.startswith("qs_")]) == 10
    else:
        assert screen == ""
        assert records(piped) == truemed_expected()[:10]

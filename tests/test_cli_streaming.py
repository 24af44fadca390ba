"""Streaming and interrupts: an export writes each page before fetching the next; signals stop it.

The command runs as `python -m eligibility_clients` against a loopback fake that holds every
page after the first until the test releases it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from eligibility_clients import HTTPRequest, HTTPResponse
from eligibility_clients.testing import FakeServer, FakeTruemed

from tests.children import default_sigint
from tests.test_cli import MODULE


class HeldTruemed(FakeTruemed):
    """A fake that answers the first page at once and holds later ones until released."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.release = threading.Event()
        self.held_too_long = threading.Event()
        self.answered: list[str] = []

    def handle_request(self, request: HTTPRequest) -> HTTPResponse:
        page = request.url.params.get("page", "1")
        # A bound on the wait, so that a command that does not stream fails the test below
        # instead of hanging it.
        if page != "1" and not self.release.wait(timeout=30):
            self.held_too_long.set()
            self.release.set()
        response = super().handle_request(request)
        self.answered.append(page)
        return response


@pytest.fixture
def held_server() -> Iterator[tuple[HeldTruemed, str]]:
    fake = HeldTruemed(count=1000)
    with FakeServer(truemed=fake, port=0) as server:
        try:
            yield fake, server.url
        finally:
            fake.release.set()


def start_export(url: str, api_key: str) -> subprocess.Popen[str]:
    # Python's own switch for unbuffered output would hide a command that does not flush.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.Popen(
        [*MODULE, "truemed", "sessions", "--base-url", url, "--page-size", "5"],
        preexec_fn=default_sigint,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "TRUEMED_API_KEY": api_key},
    )


def test_an_export_writes_each_page_before_fetching_the_next(
    held_server: tuple[HeldTruemed, str],
) -> None:
    fake, url = held_server
    with start_export(url, fake.api_key) as process:
        assert process.stdout is not None
        # Five records are far less than a pipe's buffer: they arrive only if each is flushed.
        first = process.stdout.readline()
        assert not fake.held_too_long.is_set()
        assert fake.answered == ["1"]
        assert (
            json.loads(first)["qualification_session_id"]
            == fake.sessions[0]["qualification_session_id"]
        )
        fake.release.set()
        # Read the rest through the same buffered stream: readline() may already hold the next
        # lines, which communicate(), reading the pipe itself, would never see.
        rest = process.stdout.read()
        errors = process.stderr.read() if process.stderr else ""
        process.wait(timeout=60)
    assert process.returncode == 0, errors
    written = [first, *rest.splitlines()]
    assert len(written) == 1000
    assert len(fake.answered) == 200


@pytest.mark.parametrize(
    ("signum", "status", "message"),
    [(signal.SIGINT, 130, "Interrupted."), (signal.SIGTERM, 143, "Terminated.")],
)
def test_a_signal_stops_the_export_to_stdout_with_one_line(
    held_server: tuple[HeldTruemed, str], signum: int, status: int, message: str
) -> None:
    # The same line and status as when writing a file with -o (test_cli_export_file.py).
    fake, url = held_server
    with start_export(url, fake.api_key) as process:
        assert process.stdout is not None
        process.stdout.readline()  # the walk is now waiting for page 2
        process.send_signal(signum)
        _, errors = process.communicate(timeout=60)
    assert process.returncode == status
    assert errors.strip() == message
    assert "Traceback" not in errors

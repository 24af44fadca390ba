"""The command's `--output` file, default page size and choice spelling.

An export replaces its output file only when it completed: failures, Ctrl-C and SIGTERM leave
the previous file as it was and no temporary file behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from eligibility_clients import HTTPRequest, HTTPResponse
from eligibility_clients._cli._app import cli
from eligibility_clients.testing import FakeGoodstack, FakeServer, FakeTruemed

from tests.children import default_sigint

MODULE = [sys.executable, "-m", "eligibility_clients"]
PREVIOUS = "the previous export\n"


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


class FailingTruemed(FakeTruemed):
    """Answers page 1, then a 400 (not retried) for any later page."""

    def handle_request(self, request: HTTPRequest) -> HTTPResponse:
        if request.url.params.get("page", "1") != "1":
            self.requests.append(request)
            return self.error_response(400, "ValidationError", "page is out of range")
        return super().handle_request(request)


def test_a_completed_export_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "sessions.jsonl"
    target.write_text(PREVIOUS, encoding="utf-8")
    target.chmod(0o640)
    result = invoke("truemed", "sessions", "--fake", "--limit", "3", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3
    assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == ["sessions.jsonl"]


def test_the_data_is_synced_to_disk_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A crash after a rename that reached the disk before the data would leave an empty file.
    target = tmp_path / "sessions.jsonl"
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        steps.append(f"fsync {os.fstat(fd).st_size > 0}")
        real_fsync(fd)

    def replace(source: str, destination: str) -> None:
        steps.append("replace")
        real_replace(source, destination)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    result = invoke("truemed", "sessions", "--fake", "--limit", "3", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert steps == ["fsync True", "replace"]


def test_a_new_file_gets_the_usual_mode_not_the_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    umask = os.umask(0o022)
    try:
        result = invoke(
            "goodstack", "subscriptions", "--fake", "-o", str(target), "--format", "csv"
        )
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.output
    assert target.stat().st_mode & 0o777 == 0o644


def test_an_error_half_way_leaves_the_previous_file_and_no_partial_one(tmp_path: Path) -> None:
    target = tmp_path / "sessions.jsonl"
    target.write_text(PREVIOUS, encoding="utf-8")
    fake = FailingTruemed()
    with FakeServer(truemed=fake, port=0) as server:
        result = invoke(
            "truemed",
            "sessions",
            *("--base-url", server.url, "--page-size", "10", "-o", str(target)),
            env={"TRUEMED_API_KEY": fake.api_key},
        )
    assert result.exit_code == 4, result.output
    assert "page is out of range" in result.stderr
    assert len(fake.requests) == 2  # page 1 was written to the temporary file, then page 2 failed
    assert target.read_text(encoding="utf-8") == PREVIOUS
    assert leftovers(tmp_path) == ["sessions.jsonl"]


class HeldTruemed(FakeTruemed):
    """Answers page 1 at once and holds page 2 until released (or 30 s pass)."""

    def __init__(self) -> None:
        super().__init__(count=200)
        self.release = threading.Event()
        self.holding = threading.Event()

    def handle_request(self, request: HTTPRequest) -> HTTPResponse:
        if request.url.params.get("page", "1") != "1":
            self.holding.set()
            self.release.wait(timeout=30)
        return super().handle_request(request)


@pytest.fixture
def held() -> Iterator[tuple[HeldTruemed, str]]:
    fake = HeldTruemed()
    with FakeServer(truemed=fake, port=0) as server:
        try:
            yield fake, server.url
        finally:
            fake.release.set()


@pytest.mark.parametrize(
    ("signum", "status", "message"),
    [(signal.SIGTERM, 143, "Terminated."), (signal.SIGINT, 130, "Interrupted.")],
)
def test_a_signal_half_way_leaves_the_previous_file_and_no_partial_one(
    held: tuple[HeldTruemed, str], tmp_path: Path, signum: int, status: int, message: str
) -> None:
    fake, url = held
    target = tmp_path / "sessions.jsonl"
    target.write_text(PREVIOUS, encoding="utf-8")
    command = [*MODULE, "truemed", "sessions", "--base-url", url, "--page-size", "50"]
    with subprocess.Popen(
        [*command, "-o", str(target)],
        preexec_fn=default_sigint,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TRUEMED_API_KEY": fake.api_key},
    ) as process:
        assert fake.holding.wait(timeout=60), "the export never asked for page 2"
        # Page 1 is in the temporary file beside the target, and the walk waits for page 2.
        partial = [name for name in leftovers(tmp_path) if name.endswith(".part")]
        assert len(partial) == 1
        assert partial[0].startswith(".sessions.jsonl.")
        deadline = time.monotonic() + 30
        while (tmp_path / partial[0]).stat().st_size == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (tmp_path / partial[0]).stat().st_size > 0
        process.send_signal(signum)
        _, errors = process.communicate(timeout=60)
    assert process.returncode == status, errors
    assert errors.strip() == message
    assert target.read_text(encoding="utf-8") == PREVIOUS
    assert leftovers(tmp_path) == ["sessions.jsonl"]


# --- page size -------------------------------------------------------------------------------


def _served(args: list[str], count: int) -> tuple[Result, list[HTTPRequest]]:
    fake = FakeGoodstack(count=count)
    with FakeServer(goodstack=fake, port=0) as server:
        result = invoke(
            "goodstack",
            "subscriptions",
            *("--base-url", server.url, *args),
            env={"GOODSTACK_API_KEY": fake.api_key},
        )
    assert result.exit_code == 0, result.output
    return result, fake.requests


def test_goodstack_export_asks_for_the_documented_maximum_page_size() -> None:
    result, requests = _served([], count=200)
    assert len(result.stdout.splitlines()) == 200
    assert [r.url.params["pageSize"] for r in requests] == ["100", "100"]


def test_an_explicit_page_size_is_sent_as_given() -> None:
    _, requests = _served(["--page-size", "80"], count=200)
    assert [r.url.params["pageSize"] for r in requests] == ["80", "80", "80"]


def test_truemed_keeps_the_apis_default_page_size() -> None:
    fake = FakeTruemed(count=40)
    with FakeServer(truemed=fake, port=0) as server:
        result = invoke(
            "truemed", "sessions", "--base-url", server.url, env={"TRUEMED_API_KEY": fake.api_key}
        )
    assert result.exit_code == 0, result.output
    assert [r.url.params.get("page_size") for r in fake.requests] == ["30", "30"]


# --- choices: one case rule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["truemed", "sessions", "--status", "APPROVED"], {"status": "approved"}),
        (["truemed", "sessions", "--status", "Approved"], {"status": "approved"}),
        (["goodstack", "subscriptions", "--status", "LIVE"], {"status": "live"}),
        (["goodstack", "subscriptions", "--direction", "asc"], {"direction": "ASC"}),
        (["goodstack", "subscriptions", "--sort", "ID"], {"sort": "id"}),
    ],
)
def test_choices_accept_any_case_and_send_the_apis_spelling(
    args: list[str], expected: dict[str, Any]
) -> None:
    truemed, goodstack = FakeTruemed(), FakeGoodstack()
    fake = truemed if args[0] == "truemed" else goodstack
    with FakeServer(truemed=truemed, goodstack=goodstack, port=0) as server:
        result = invoke(
            *args,
            "--limit",
            "1",
            "--base-url",
            server.url,
            env={f"{args[0].upper()}_API_KEY": fake.api_key},
        )
    assert result.exit_code == 0, result.output
    sent = dict(fake.requests[0].url.params)
    assert {name: sent[name] for name in expected} == expected


@pytest.mark.parametrize(
    ("option", "value", "check"),
    [("--format", "JSONL", "json"), ("--format", "Csv", "csv"), ("--environment", "SANDBOX", "")],
)
def test_format_and_environment_follow_the_same_rule(option: str, value: str, check: str) -> None:
    result = invoke("truemed", "sessions", "--fake", "--limit", "1", option, value)
    assert result.exit_code == 0, result.output
    if check == "json":
        assert json.loads(result.stdout)["qualification_session_id"]
    elif check == "csv":
        assert result.stdout.startswith("qualification_session_id,")

"""The `eligibility-clients` command, driven through its entry points against the fakes.

Most tests call the real root command with click's runner (the same `main` the console script
runs); the ones about processes, terminals and streaming run `python -m eligibility_clients`.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import io
import json
import logging
import os
import pty
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Iterator, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from eligibility_clients import GoodstackClient, HTTPRequest, HTTPResponse, TruemedClient
from eligibility_clients._cli import _output
from eligibility_clients._cli._app import cli
from eligibility_clients.testing import FakeGoodstack, FakeServer, FakeTruemed

from tests.children import default_sigint

MODULE = [sys.executable, "-m", "eligibility_clients"]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TRUEMED_DATA = FakeTruemed().sessions
GOODSTACK_DATA = FakeGoodstack().subscriptions


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def truemed_expected(**filters: Any) -> list[dict[str, Any]]:
    """What the library returns from an identical fake: the command must write the same."""
    fake = FakeTruemed()
    with TruemedClient(api_key=fake.api_key, transport=fake.transport) as client:
        return [item.to_dict() for item in client.qualification_sessions.list(**filters)]


def goodstack_expected(**filters: Any) -> list[dict[str, Any]]:
    fake = FakeGoodstack()
    with GoodstackClient(api_key=fake.api_key, transport=fake.transport) as client:
        return [item.to_dict() for item in client.eligibility_subscriptions.list(**filters)]


def assert_one_line_error(result: Result, exit_code: int, *fragments: str) -> str:
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- formats -------------------------------------------------------------------------------


def test_jsonl_is_the_default_off_a_terminal_and_holds_the_wire_records() -> None:
    result = invoke("truemed", "sessions", "--fake")
    assert result.exit_code == 0, result.output
    assert records(result.stdout) == truemed_expected()
    assert len(records(result.stdout)) == 100
    assert result.stderr == ""  # no progress bar off a terminal

    result = invoke("goodstack", "subscriptions", "--fake", "--format", "jsonl")
    assert records(result.stdout) == goodstack_expected()
    assert len(records(result.stdout)) == 33


def test_csv_columns_are_every_field_of_the_models_in_order() -> None:
    assert list(truemed_expected()[0]) == list(_output.TRUEMED.csv_fields)
    assert list(goodstack_expected()[0]) == list(_output.GOODSTACK.csv_fields)


def test_csv_has_a_header_and_json_encodes_nested_values() -> None:
    result = invoke("goodstack", "subscriptions", "--fake", "--format", "csv")
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames == list(_output.GOODSTACK.csv_fields)
    rows = list(reader)
    expected = goodstack_expected()
    assert [row["id"] for row in rows] == [record["id"] for record in expected]
    for row, record in zip(rows, expected, strict=True):
        assert json.loads(row["results"]) == record["results"]
        assert json.loads(row["suggestedActivitySubTags"]) == record["suggestedActivitySubTags"]
        assert row["organisationId"] == (record["organisationId"] or "")
    assert any(record["organisationId"] is None for record in expected)  # null -> empty cell


def test_csv_writes_numbers_and_nulls_of_truemed_sessions() -> None:
    result = invoke("truemed", "sessions", "--fake", "--format", "csv", "--limit", "10")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = truemed_expected()[:10]
    assert len(rows) == 10
    for row, record in zip(rows, expected, strict=True):
        for name in _output.TRUEMED.csv_fields:
            value = record[name]
            if value is None:
                assert row[name] == ""
            elif isinstance(value, float):
                assert float(row[name]) == value
            else:
                assert row[name] == value


def test_table_prints_a_header_then_one_aligned_row_per_item() -> None:
    result = invoke("truemed", "sessions", "--fake", "--format", "table", "--limit", "4")
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "STATUS", "CREATED", "(UTC)"]
    assert "\x1b[" not in result.stdout  # no colours off a terminal
    status_at, created_at = header.index("STATUS"), header.index("CREATED")
    expected = truemed_expected()[:4]
    assert len(rows) == 4
    for row, record in zip(rows, expected, strict=True):
        assert row.startswith(record["qualification_session_id"] + "  ")
        assert row[status_at:].split()[0] == record["status"]
        created = dt.datetime.fromisoformat(record["created_at"]).astimezone(dt.UTC)
        assert row[created_at:].startswith(created.strftime("%Y-%m-%d %H:%M"))


def test_table_cuts_long_names_but_never_ids() -> None:
    columns = "id,organisationName,results.eligibilityStatus"
    result = invoke(
        "goodstack", "subscriptions", "--fake", "--format", "table", "--columns", columns
    )
    rows = result.stdout.splitlines()[1:]
    long_names = [
        s
        for s in goodstack_expected()
        if len(s["organisationName"] or "") > 30 and s["results"]["eligibilityStatus"]
    ]
    assert long_names
    for record in long_names:
        row = next(r for r in rows if r.startswith(record["id"] + "  "))
        assert record["organisationName"][:29] + "…" in row
        assert record["results"]["eligibilityStatus"] in row.split()


# --- filters, limit, output ----------------------------------------------------------------

USER_ID = TRUEMED_DATA[0]["user_id"]
EXPIRY = next(s["expires_at"] for s in TRUEMED_DATA if s["expires_at"])[:10]
ORGANISATION = next(s["organisationId"] for s in GOODSTACK_DATA if s["organisationId"])


@pytest.mark.parametrize(
    ("args", "filters"),
    [
        (["--status", "approved"], {"status": "approved"}),
        (["--search", "LOVELACE"], {"search": "LOVELACE"}),
        (["--user-id", USER_ID], {"user_id": USER_ID}),
        (["--expires-at", EXPIRY], {"expires_at": EXPIRY}),
        (["--status", "pending", "--page-size", "7"], {"status": "pending", "page_size": 7}),
    ],
)
def test_truemed_filters_select_what_the_library_selects(
    args: list[str], filters: dict[str, Any]
) -> None:
    result = invoke("truemed", "sessions", "--fake", *args)
    assert result.exit_code == 0, result.output
    expected = truemed_expected(**filters)
    assert records(result.stdout) == expected
    assert 0 < len(expected) < 100


@pytest.mark.parametrize(
    ("args", "filters"),
    [
        (["--status", "live"], {"status": "live"}),
        (["--query", ORGANISATION], {"query": ORGANISATION}),
        (["--no-has-organisation"], {"has_organisation": False}),
        (
            ["--has-organisation", "--status", "pending"],
            {"has_organisation": True, "status": "pending"},
        ),
        (
            ["--start-date", "2024-06-01", "--end-date", "2024-09-01T12:00:00+02:00"],
            {"start_date": dt.date(2024, 6, 1), "end_date": "2024-09-01T12:00:00+02:00"},
        ),
    ],
)
def test_goodstack_filters_select_what_the_library_selects(
    args: list[str], filters: dict[str, Any]
) -> None:
    result = invoke("goodstack", "subscriptions", "--fake", *args)
    assert result.exit_code == 0, result.output
    expected = goodstack_expected(**filters)
    assert records(result.stdout) == expected
    assert 0 < len(expected) < 33


def test_goodstack_sort_and_direction_reorder_the_walk() -> None:
    result = invoke("goodstack", "subscriptions", "--fake", "--sort", "id", "--direction", "asc")
    ids = [record["id"] for record in records(result.stdout)]
    assert ids == sorted(record["id"] for record in GOODSTACK_DATA)
    assert records(result.stdout) == goodstack_expected(sort="id", direction="ASC", page_size=None)


@pytest.mark.parametrize(("limit", "pages"), [(30, ["1"]), (31, ["1", "2"]), (5, ["1"])])
def test_limit_stops_the_walk_without_fetching_another_page(limit: int, pages: list[str]) -> None:
    fake = FakeTruemed()
    with FakeServer(truemed=fake, port=0) as server:
        result = invoke(
            "truemed",
            "sessions",
            *("--base-url", server.url, "--limit", str(limit)),
            env={"TRUEMED_API_KEY": fake.api_key},
        )
    assert result.exit_code == 0, result.output
    assert records(result.stdout) == truemed_expected()[:limit]
    assert [request.url.params["page"] for request in fake.requests] == pages


def test_output_writes_the_file_and_nothing_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "live.csv"
    result = invoke(
        "goodstack",
        "subscriptions",
        *("--fake", "--status", "live", "--format", "csv", "--output", str(target)),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == [s["id"] for s in goodstack_expected(status="live")]


def test_output_is_jsonl_by_default_and_left_alone_when_the_call_fails(tmp_path: Path) -> None:
    target = tmp_path / "sessions.out"
    result = invoke("truemed", "sessions", "--fake", "--limit", "3", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert records(target.read_text(encoding="utf-8")) == truemed_expected()[:3]

    target.write_text("an earlier export\n", encoding="utf-8")
    failed = invoke("truemed", "sessions", "-o", str(target))  # no key: nothing is fetched
    assert failed.exit_code == 3
    assert target.read_text(encoding="utf-8") == "an earlier export\n"


def test_an_output_file_that_cannot_be_written_exits_1(tmp_path: Path) -> None:
    result = invoke("truemed", "sessions", "--fake", "-o", str(tmp_path / "missing" / "x"))
    assert_one_line_error(result, 1, "cannot write", "No such file or directory")


def test_fake_ignores_keys_and_hosts_set_in_the_environment() -> None:
    env = {"TRUEMED_API_KEY": "tm_a_real_key", "TRUEMED_BASE_URL": "http://example.com"}
    result = invoke("truemed", "sessions", "--fake", "--limit", "2", env=env)
    assert result.exit_code == 0, result.output
    assert records(result.stdout) == truemed_expected()[:2]


@pytest.mark.parametrize("api", ["truemed", "goodstack"])
def test_concurrency_gives_the_same_output_as_one_page_at_a_time(api: str) -> None:
    command = ["truemed", "sessions"] if api == "truemed" else ["goodstack", "subscriptions"]
    one = invoke(*command, "--fake", "--page-size", "7", "--concurrency", "1")
    many = invoke(*command, "--fake", "--page-size", "7", "--concurrency", "4")
    assert one.exit_code == 0, one.output
    assert many.exit_code == 0, many.output
    expected = truemed_expected() if api == "truemed" else goodstack_expected()
    assert records(many.stdout) == records(one.stdout) == expected
    assert len(expected) == (100 if api == "truemed" else 33)


# --- errors --------------------------------------------------------------------------------


def test_no_key_is_an_authentication_error() -> None:
    result = invoke("goodstack", "subscriptions")
    assert_one_line_error(result, 3, "no Goodstack API key", "GOODSTACK_API_KEY", "--fake")


def test_a_wrong_key_gets_one_line_with_status_code_and_message() -> None:
    with FakeServer(port=0) as server:
        result = invoke(
            "truemed",
            "sessions",
            *("--base-url", server.url),
            env={"TRUEMED_API_KEY": "tm_wrong_key"},
        )
    line = assert_one_line_error(result, 3, "401", "Unauthorized", "Invalid or missing API key.")
    assert line == (
        "Error: Truemed answered 401 Unauthorized: Invalid or missing API key. "
        "(check TRUEMED_API_KEY)"
    )
    assert "tm_wrong_key" not in result.output


def test_a_publishable_goodstack_key_is_refused_with_403() -> None:
    with FakeServer(port=0) as server:
        result = invoke(
            "goodstack",
            "subscriptions",
            *("--base-url", server.url),
            env={"GOODSTACK_API_KEY": "pk_publishable"},
        )
    assert_one_line_error(result, 3, "403 forbidden", "missing scope permissions")


def test_other_api_errors_exit_4() -> None:
    fake = FakeGoodstack()
    fake.faults.server_errors(times=3)  # the first try and both retries
    with FakeServer(goodstack=fake, port=0) as server:
        result = invoke(
            "goodstack",
            "subscriptions",
            *("--base-url", server.url),
            env={"GOODSTACK_API_KEY": fake.api_key},
        )
    assert_one_line_error(result, 4, "Goodstack answered 503 internal_server_error")


def test_an_unreachable_api_exits_4() -> None:
    result = invoke(
        "truemed",
        "sessions",
        *("--base-url", f"http://127.0.0.1:{closed_port()}"),
        env={"TRUEMED_API_KEY": "tm_test_key_1"},
    )
    assert_one_line_error(result, 4, "could not reach Truemed at 127.0.0.1", "Connection")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["truemed", "sessions", "--fake", "--status", "archived"], "'archived' is not one of"),
        (["truemed", "sessions", "--fake", "--expires-at", "2024-13-01"], "'--expires-at'"),
        (["truemed", "sessions", "--fake", "--page-size", "0"], "'--page-size'"),
        (["truemed", "sessions", "--fake", "--limit", "0"], "'--limit'"),
        (["truemed", "sessions", "--fake", "--concurrency", "0"], "'--concurrency'"),
        (["truemed", "sessions", "--fake", "--format", "xml"], "'--format'"),
        (["truemed", "sessions", "--api-key", "tm_secret"], "No such option '--api-key'"),
        (["truemed", "sessions", "--fake", "--base-url", "http://example.com"], "plain http"),
        (["goodstack", "subscriptions", "--fake", "--page-size", "101"], "'--page-size'"),
        (["goodstack", "subscriptions", "--fake", "--start-date", "2024-01-31T09:00"], "timezone"),
        (["goodstack", "subscriptions", "--fake", "--end-date", "last week"], "'--end-date'"),
        (
            [
                *("goodstack", "subscriptions", "--fake"),
                *("--start-date", "2024-02-01", "--end-date", "2024-01-01"),
            ],
            "is after --end-date",
        ),
        (["truemed", "sessionz"], "No such command 'sessionz'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], fragment: str) -> None:
    result = invoke(*args)
    line = assert_one_line_error(result, 2, fragment)
    assert line.endswith("--help')")


def test_debug_logs_requests_with_keys_redacted_and_shows_tracebacks() -> None:
    handlers = list(logging.getLogger("eligibility_clients").handlers)
    result = invoke("truemed", "sessions", "--fake", "--limit", "1", "--debug")
    assert result.exit_code == 0, result.output
    assert "DEBUG eligibility_clients: request GET https://api.truemed.com/" in result.stderr
    assert "<redacted>" in result.stderr
    assert FakeTruemed.DEFAULT_API_KEY not in result.stderr

    failed = invoke("truemed", "sessions", "--debug")
    assert failed.exit_code == 3
    assert "Traceback" in failed.stderr
    assert "MissingAPIKeyError" in failed.stderr
    assert failed.stderr.splitlines()[-1].startswith("Error: no Truemed API key")
    assert logging.getLogger("eligibility_clients").handlers == handlers


def test_help_documents_exit_codes_and_key_variables() -> None:
    result = invoke("truemed", "sessions", "--help")
    assert result.exit_code == 0
    for text in ("TRUEMED_API_KEY", "GOODSTACK_API_KEY", "130", "401 or 403", "--fake"):
        assert text in result.stdout
    assert "--api-key" not in result.stdout


# --- processes: entry points, imports, the missing extra -----------------------------------


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


# --- terminals: the progress bar -----------------------------------------------------------


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


# --- streaming and interrupts --------------------------------------------------------------


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


# --- messages and help, as a person reads them ------------------------------------------------


def test_a_date_order_error_names_the_options() -> None:
    result = invoke(
        "goodstack",
        "subscriptions",
        "--fake",
        "--start-date",
        "2024-05-01",
        "--end-date",
        "2024-04-01",
    )
    assert result.exit_code == 2
    assert "--start-date (2024-05-01T00:00:00+00:00) is after --end-date" in result.output
    assert "start_date" not in result.output


@pytest.mark.parametrize("value", ["0", "101", "many"])
def test_a_bad_page_size_says_what_is_accepted(value: str) -> None:
    result = invoke("goodstack", "subscriptions", "--fake", "--page-size", value)
    assert result.exit_code == 2
    assert f"'{value}' is not accepted: 1 to 100" in result.output


def test_a_bad_date_says_what_is_accepted() -> None:
    result = invoke("truemed", "sessions", "--fake", "--expires-at", "31/01/2024")
    assert result.exit_code == 2
    assert "is not accepted: a date, YYYY-MM-DD (2024-01-31)" in result.output


@pytest.mark.parametrize("command", [("truemed", "sessions"), ("goodstack", "subscriptions")])
def test_help_has_no_backticks_nor_inferred_order(command: tuple[str, str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "`" not in result.output
    assert "newest first" not in result.output


def test_goodstack_page_size_help_gives_the_enforced_bounds() -> None:
    result = invoke("goodstack", "subscriptions", "--help")
    assert "Accepted: 1 to 100." in " ".join(result.output.split())


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

"""The command's failures and help: exit codes, one-line errors, usage messages, `--debug`.

Each failure is one `Error: ...` line on stderr with the exit code `--help` documents (2 for
usage, 3 for authentication, 4 for other API errors); `--debug` adds the traceback. Messages and
help are then read as a person reads them: option names, accepted values, no backticks.
"""

from __future__ import annotations

import logging
import socket

import pytest
from eligibility_clients.testing import FakeGoodstack, FakeServer, FakeTruemed

from tests.test_cli import assert_one_line_error, invoke


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


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

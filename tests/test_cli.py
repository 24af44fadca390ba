"""The `eligibility-clients` command's exports: formats, filters, limit, output file, concurrency.

Most tests call the real root command with click's runner (the same `main` the console script
runs). The helpers here (`invoke`, `records`, the expected records from the library) are shared
by the other `test_cli_*` modules: errors and help, processes, the progress bar, streaming.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from eligibility_clients import GoodstackClient, TruemedClient
from eligibility_clients._cli import _output
from eligibility_clients._cli._app import cli
from eligibility_clients.testing import FakeGoodstack, FakeServer, FakeTruemed

MODULE = [sys.executable, "-m", "eligibility_clients"]
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

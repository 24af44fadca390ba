"""The table's columns: fields of the spec's item schema, 80 cells wide by default, `--columns`.

The columns name item fields by hand, so each is checked against the spec; the widest row the
default columns can print is built from the spec's own examples and enums, not from the code.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from eligibility_clients._cli._app import cli
from eligibility_clients._cli._output import GOODSTACK, TRUEMED, Layout, TableWriter
from rich.cells import cell_len

from codegen.refs import References

SPECS = Path(__file__).resolve().parent.parent / "specs"
COMMANDS = {"truemed": ["truemed", "sessions"], "goodstack": ["goodstack", "subscriptions"]}


def invoke(*args: str) -> Result:
    # COLUMNS: the width of the terminal rich would otherwise measure; rows must not depend on it.
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": "80"}, catch_exceptions=False)


def schema_at(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """`schema`, following a local `$ref`."""
    resolved: dict[str, Any] = References(spec).deref(schema)
    return resolved


def missing_step(spec: dict[str, Any], item: str, path: tuple[str, ...]) -> str | None:
    """The first name of `path` the item schema does not declare, or None."""
    schema = schema_at(spec, spec["components"]["schemas"][item])
    for depth, name in enumerate(path):
        properties = schema.get("properties", {})
        if name not in properties:
            return ".".join(path[: depth + 1])
        schema = schema_at(spec, properties[name])
    return None


@pytest.mark.parametrize(
    ("spec_file", "item", "layout"),
    [
        ("truemed.yaml", "QualificationSession", TRUEMED),
        ("goodstack.yaml", "EligibilitySubscription", GOODSTACK),
    ],
)
def test_every_table_column_reads_a_field_the_spec_declares(
    spec_file: str, item: str, layout: Layout
) -> None:
    spec = yaml.safe_load((SPECS / spec_file).read_text(encoding="utf-8"))
    for column in layout.table:
        path = getattr(column.value, "path", None)
        assert path, f"column {column.header!r} does not say which field it reads"
        missing = missing_step(spec, item, path)
        assert missing is None, f"column {column.header!r} reads {missing!r}, not in {item}"


def test_a_field_the_spec_lacks_is_named() -> None:
    spec = yaml.safe_load((SPECS / "goodstack.yaml").read_text(encoding="utf-8"))
    path = ("results", "noSuchField")
    assert missing_step(spec, "EligibilitySubscription", path) == "results.noSuchField"
    assert missing_step(spec, "EligibilitySubscription", ("results", "eligibilityStatus")) is None


# --- 80 cells by default ---------------------------------------------------------------------

TERMINAL = 80


def widest_record(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """An object whose every field holds the longest value the spec shows for it.

    Enums give their longest member, other strings their longest example; a field that is an
    object is filled the same way, one level down.
    """
    record: dict[str, Any] = {}
    for name, field in schema_at(spec, schema).get("properties", {}).items():
        candidates = [schema_at(spec, field), *(schema_at(spec, s) for s in field.get("anyOf", []))]
        objects = [c for c in candidates if "properties" in c]
        if objects:
            record[name] = widest_record(spec, objects[0])
            continue
        values = [str(v) for c in candidates for v in c.get("enum", []) + c.get("examples", [])]
        if values:
            record[name] = max(values, key=len)
    return record


@pytest.mark.parametrize(
    ("spec_file", "item", "layout", "longest_id"),
    [
        # Truemed: `qs_` and a UUID (the fakes' and the cassettes' ids); the spec gives no example.
        ("truemed.yaml", "QualificationSession", TRUEMED, "qs_" + "0" * 36),
        ("goodstack.yaml", "EligibilitySubscription", GOODSTACK, None),
    ],
)
def test_the_default_columns_fit_an_80_column_terminal_with_the_widest_values(
    spec_file: str, item: str, layout: Layout, longest_id: str | None
) -> None:
    spec = yaml.safe_load((SPECS / spec_file).read_text(encoding="utf-8"))
    record = widest_record(spec, spec["components"]["schemas"][item])
    if longest_id is not None:
        record["qualification_session_id"] = longest_id
    assert record.get("status") in {"pending_validation_request", "processing"}
    stream = io.StringIO()
    writer = TableWriter(stream, layout.columns())
    writer.write(record)
    writer.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    for line in lines:
        assert cell_len(line) <= TERMINAL, line
    # The id is printed whole, so that it can be copied.
    ids = [value for key, value in record.items() if key in ("id", "qualification_session_id")]
    assert lines[1].startswith(ids[0] + "  ")


@pytest.mark.parametrize("vendor", COMMANDS)
def test_every_line_of_a_default_table_fits_80_columns(vendor: str) -> None:
    result = invoke(*COMMANDS[vendor], "--fake", "--format", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 30
    too_wide = [line for line in lines if cell_len(line) > TERMINAL]
    assert not too_wide, too_wide[:3]


# --- --columns -------------------------------------------------------------------------------


def test_columns_are_shown_in_the_order_given_whatever_their_case() -> None:
    result = invoke(
        *COMMANDS["goodstack"],
        *("--fake", "--format", "table", "--limit", "3"),
        *("--columns", "createdAt, ORGANISATIONNAME,id"),
    )
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["CREATED", "(UTC)", "ORGANISATION", "ID"]
    assert len(rows) == 3


def test_every_column_can_be_asked_for_by_its_field_name() -> None:
    result = invoke(
        *COMMANDS["truemed"],
        *("--fake", "--format", "table", "--limit", "2"),
        *("--columns", "qualification_session_id,status,created_at,email,user_id"),
    )
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0]
    assert header.split() == ["ID", "STATUS", "CREATED", "(UTC)", "EMAIL", "USER", "ID"]


@pytest.mark.parametrize(
    ("vendor", "value"),
    [("goodstack", "id,eligibility"), ("truemed", "status,,nope"), ("truemed", " , ")],
)
def test_an_unknown_column_is_refused_naming_the_option_and_the_accepted_names(
    vendor: str, value: str
) -> None:
    result = invoke(*COMMANDS[vendor], "--fake", "--format", "table", "--columns", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: Invalid value for '--columns': ")
    accepted = {
        "truemed": "qualification_session_id, status, created_at, email, user_id",
        "goodstack": "id, organisationName, status, results.eligibilityStatus, createdAt",
    }[vendor]
    assert f"accepted: {accepted}" in line


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_columns_with_another_format_is_a_usage_error(fmt: str) -> None:
    result = invoke(*COMMANDS["truemed"], "--fake", "--format", fmt, "--columns", "status")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert f"--columns applies to the table format only, not {fmt}" in line


@pytest.mark.parametrize("vendor", COMMANDS)
def test_help_lists_the_column_names_and_the_default(vendor: str) -> None:
    result = CliRunner().invoke(cli, [*COMMANDS[vendor], "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    help_text = " ".join(result.stdout.split())
    names = {
        "truemed": ["qualification_session_id", "status", "created_at", "email", "user_id"],
        "goodstack": ["id", "organisationName", "status", "results.eligibilityStatus", "createdAt"],
    }[vendor]
    for name in names:
        assert name in help_text
    default = {
        "truemed": "qualification_session_id,status,created_at",
        "goodstack": "id,status,results.eligibilityStatus",
    }[vendor]
    assert f"[default: {default}]" in help_text

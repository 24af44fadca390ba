"""The table's columns name item fields by hand: each must be a field of the spec's item schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from eligibility_clients._cli._output import GOODSTACK, TRUEMED, Layout

from codegen.refs import References

SPECS = Path(__file__).resolve().parent.parent / "specs"


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

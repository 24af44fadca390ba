"""Fidelity to a vendor's docs where the vendor publishes no OpenAPI document (Truemed).

`specs/truemed.docs.yaml` records what Truemed's pages list, with their address and the date
they were read; this test compares `specs/truemed.yaml` with that record. Goodstack publishes
an OpenAPI document, so its fidelity is drift check 3's job (`codegen/drift/upstream/`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from codegen.refs import References

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "specs" / name).read_text("utf-8"))
    return document


def _schema(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    resolved: dict[str, Any] = References(spec).deref(schema)
    return resolved


def test_the_record_names_its_source_and_date() -> None:
    record = _load("truemed.docs.yaml")
    assert record["source"].startswith("https://developers.truemed.com/")
    assert str(record["read_on"]).count("-") == 2


def test_truemed_spec_declares_what_the_docs_list() -> None:
    record, spec = _load("truemed.docs.yaml"), _load("truemed.yaml")
    operation = spec["paths"][record["path"]][record["method"]]
    ours = {p["name"]: _schema(spec, p["schema"]) for p in operation["parameters"]}
    documented = record["query_parameters"]
    assert sorted(set(documented) - set(ours)) == [], "documented but not in the spec"
    assert sorted(set(ours) - set(documented)) == [], "in the spec but not documented"
    problems = []
    for name, facts in documented.items():
        for key, value in facts.items():
            if ours[name].get(key) != value:
                problems.append(f"{name}.{key}: docs {value!r}, spec {ours[name].get(key)!r}")
    assert problems == []


def test_truemed_item_fields_are_the_documented_ones() -> None:
    record, spec = _load("truemed.docs.yaml"), _load("truemed.yaml")
    fields = list(spec["components"]["schemas"]["QualificationSession"]["properties"])
    assert fields == record["item_fields"]

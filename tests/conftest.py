"""Shared test helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"


def load_json(name: str) -> Any:
    """Load a JSON document from tests/data."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def truemed_body() -> dict[str, Any]:
    """A Truemed list body built from the vendor's documented fields."""
    body: dict[str, Any] = load_json("truemed_list_example.json")
    return body


@pytest.fixture
def goodstack_body() -> dict[str, Any]:
    """Goodstack's documented example of a list body (from the seed document)."""
    body: dict[str, Any] = load_json("goodstack_list_example.json")
    return body

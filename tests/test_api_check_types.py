"""The API check on types: a class's bases, and Literal values widened or narrowed.

A base replaced by its own subclass is additive, a base really gone is breaking. A value added to
a Literal a user passes in is additive; one taken away, or added to a field a user reads, is
breaking.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import griffe

from codegen.api import check as api
from tests.test_api_check import (
    CLIENT,
    ERRORS,
    INIT,
    MODELS,
    build_package,
    write_files,
)

TRANSPORTS = """
    class BaseTransport:
        \"\"\"The old base.\"\"\"

    class MockTransport(BaseTransport):
        \"\"\"A subclass of the old base.\"\"\"

    class Other:
        \"\"\"Unrelated.\"\"\"

    class FakeTransport({base}):
        \"\"\"The public class whose base changes.\"\"\"
"""


def _base_change(tmp_path: Path, old_base: str, new_base: str) -> list[str]:
    def build(root: Path, base: str) -> griffe.Module:
        extra = {"init_tail": "\nfrom ._t import FakeTransport\n__all__ += ['FakeTransport']\n"}
        write_files(root, {"pub/_t.py": TRANSPORTS.format(base=base)})
        files = {"gen/__init__.py": "", "gen/models.py": MODELS, "pub/_errors.py": ERRORS}
        files["pub/__init__.py"] = textwrap.dedent(INIT.format(gen="gen")) + extra["init_tail"]
        files["pub/_client.py"] = CLIENT
        write_files(root, files)
        return api.build_surface((root,), package="pub", sources=("pub", "gen"), submodules=())

    old = api.roundtrip(build(tmp_path / "old", old_base))
    live = build(tmp_path / "new", new_base)
    return [str(c) for c in api.compare(old, api.roundtrip(live), api.ancestry(live))]


def test_base_replaced_by_its_subclass_is_not_removed(tmp_path: Path) -> None:
    changes = _base_change(tmp_path, "BaseTransport", "MockTransport")
    assert changes == ["FakeTransport: bases added ['MockTransport'] (additive)"]


def test_base_really_removed_is_breaking_and_named_plainly(tmp_path: Path) -> None:
    changes = _base_change(tmp_path, "BaseTransport, Other", "MockTransport")
    assert changes == [
        "FakeTransport: bases ['BaseTransport', 'Other'] -> ['MockTransport'] (breaking)"
    ]
    assert not any("Expr" in change for change in changes)


FILTERS = """
    from typing import Literal, TypedDict

    class ItemsFilters(TypedDict, total=False):
        \"\"\"What list() takes.\"\"\"

        status: Literal['live', 'cancelled'] | None

    class Items:
        \"\"\"client.items\"\"\"

        def list(self, *, status: Literal['live', 'cancelled'] | None = None) -> list[str]:
            \"\"\"List.\"\"\"
            return []

    class Client:
        \"\"\"A client.\"\"\"

        def __init__(self, environment: Literal['production', 'sandbox'] = 'production') -> None:
            self.items = Items()
"""
FILTERS_INIT = "\nfrom ._client import ItemsFilters\n__all__ += ['ItemsFilters']\n"


def test_a_value_added_to_an_input_literal_is_additive(tmp_path: Path) -> None:
    old = build_package(tmp_path / "old", client=FILTERS, init_tail=FILTERS_INIT)
    wider = FILTERS.replace("'live', 'cancelled'", "'live', 'cancelled', 'paused'").replace(
        "'production', 'sandbox'", "'production', 'sandbox', 'eu'"
    )
    new = build_package(tmp_path / "new", client=wider, init_tail=FILTERS_INIT)
    live, paused = "'live', 'cancelled'", "'live', 'cancelled', 'paused'"
    assert [str(change) for change in api.compare(old, new)] == [
        "Client.__init__: parameter environment type Literal['production', 'sandbox'] -> "
        "Literal['production', 'sandbox', 'eu'] (additive)",
        f"Client.items.list: parameter status type Literal[{live}] | None -> "
        f"Literal[{paused}] | None (additive)",
        f"ItemsFilters.status: type Literal[{live}] | None -> Literal[{paused}] | None (additive)",
    ]


def test_a_value_taken_from_an_input_literal_is_breaking(tmp_path: Path) -> None:
    old = build_package(tmp_path / "old", client=FILTERS, init_tail=FILTERS_INIT)
    narrower = FILTERS.replace("'live', 'cancelled'", "'live'")
    new = build_package(tmp_path / "new", client=narrower, init_tail=FILTERS_INIT)
    changes = api.compare(old, new)
    assert {change.path for change in changes} == {"Client.items.list", "ItemsFilters.status"}
    assert all(change.breaking for change in changes)


def test_a_value_added_to_a_field_users_read_is_breaking(tmp_path: Path) -> None:
    # A model field's type is what users read: a new value can reach an exhaustive match.
    models = MODELS.replace("fee: float | None", "fee: Literal['a'] | None").replace(
        "from attrs", "from typing import Literal\n    from attrs"
    )
    old = build_package(tmp_path / "old", models=models)
    new = build_package(
        tmp_path / "new", models=models.replace("Literal['a']", "Literal['a', 'b']")
    )
    changes = [str(change) for change in api.compare(old, new)]
    assert "Session.fee: type Literal['a'] | None -> Literal['a', 'b'] | None (breaking)" in changes

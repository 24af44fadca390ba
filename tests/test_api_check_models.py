"""The API check on attrs models: constructors as attrs writes them, defaults, field order.

A model's `__init__` is part of its API: a new field without a default, a default removed or two
fields swapped breaks a caller's `Session(...)`, unless the model is keyword-only.
"""

from __future__ import annotations

from pathlib import Path

from codegen.api import check as api
from tests.test_api_check import MODELS, build_package, package_changes


def _model_changes(tmp_path: Path, models: str) -> list[str]:
    old = build_package(tmp_path / "old")
    (tmp_path / "new").mkdir()
    build_package(tmp_path / "new", models=models)  # writes the files
    live = api.build_surface(
        (tmp_path / "new",), package="pub", sources=("pub", "gen"), submodules=()
    )
    changes = api.compare(old, api.roundtrip(live), api.ancestry(live), api.attrs_models(live))
    return [str(change) for change in changes]


def test_new_model_field_without_default_is_breaking(tmp_path: Path) -> None:
    required = MODELS + "        currency: str\n"
    assert _model_changes(tmp_path, required) == [
        "Session.__init__: parameter currency now required (breaking)",
        "Session.currency: added, required (no default) (breaking)",
    ]
    optional = MODELS + "        currency: str | None = None\n"
    assert _model_changes(tmp_path / "b", optional) == [
        "Session.__init__: parameter currency added (additive)",
        "Session.currency: added (additive)",
    ]


def test_model_field_losing_its_default_is_breaking(tmp_path: Path) -> None:
    old_models = MODELS.replace("fee: float | None", "fee: float | None = None")
    old = build_package(tmp_path / "old", models=old_models)
    build_package(tmp_path / "new")
    live = api.build_surface(
        (tmp_path / "new",), package="pub", sources=("pub", "gen"), submodules=()
    )
    changes = api.compare(old, api.roundtrip(live), api.ancestry(live), api.attrs_models(live))
    assert [str(change) for change in changes] == [
        "Session.__init__: parameter fee now required (breaking)",
        "Session.fee: default removed (now required) (breaking)",
    ]


def test_a_model_constructor_is_snapshotted_as_attrs_writes_it(tmp_path: Path) -> None:
    models = """
        from typing import ClassVar

        from attrs import define as _attrs_define
        from attrs import field as _attrs_field

        @_attrs_define
        class Session:
            \"\"\"A model.\"\"\"

            session_id: str
            fee: float | None = None
            tags: list[str] = _attrs_field(factory=list)
            note: str = _attrs_field(default="", kw_only=True)
            _seen: frozenset[str] = _attrs_field(init=False, default=frozenset())
            _private: int = 0
            KEYS: ClassVar[frozenset[str]] = frozenset()

            @property
            def size(self) -> int:
                \"\"\"Not a field.\"\"\"
                return 0
    """
    surface = build_package(tmp_path, models=models)
    # Written down from attrs' own `inspect.signature(Session)`:
    # (session_id, fee=None, tags=NOTHING, private=0, *, note='').
    assert [
        (p.name, p.kind.value, p.default) for p in surface["Session"]["__init__"].parameters
    ] == [
        ("self", "positional or keyword", None),
        ("session_id", "positional or keyword", None),
        ("fee", "positional or keyword", "None"),
        ("tags", "positional or keyword", "list()"),
        ("note", "keyword-only", "''"),
        ("private", "positional or keyword", "0"),
    ]


def test_swapping_two_model_fields_is_breaking(tmp_path: Path) -> None:
    # `Session("s_1", 1.5)` would put 1.5 in another field: positional order is API.
    models = MODELS.replace(
        "        session_id: str\n        fee: float | None\n",
        "        fee: float | None\n        session_id: str\n",
    )
    assert models != MODELS
    assert package_changes(tmp_path, models=models) == [
        "Session.__init__: parameter fee moved (breaking)",
        "Session.__init__: parameter session_id moved (breaking)",
    ]


def test_a_keyword_only_model_reorders_freely(tmp_path: Path) -> None:
    keyword_only = MODELS.replace("@_attrs_define", "@_attrs_define(kw_only=True)")
    swapped = keyword_only.replace(
        "        session_id: str\n        fee: float | None\n",
        "        fee: float | None\n        session_id: str\n",
    )
    old = build_package(tmp_path / "old", models=keyword_only)
    assert api.compare(old, build_package(tmp_path / "new", models=swapped)) == []

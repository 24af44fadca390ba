"""The public API check (`codegen.api`): changes to the public surface, and the snapshot.

Each test builds a small package, changes one thing and compares the two surfaces; the snapshot
tests check what `public-api.json` holds. The package builders here are shared by
`test_api_check_models.py` (attrs models' constructors) and `test_api_check_types.py` (bases and
Literal values); `test_api_check_release.py` has the version and release helpers.
"""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path

import griffe

from codegen.api import check as api

MODELS = """
    from attrs import define as _attrs_define

    @_attrs_define
    class Session:
        \"\"\"A model.\"\"\"

        session_id: str
        fee: float | None
"""
ERRORS = """
    class APIError(Exception):
        \"\"\"Base.\"\"\"

        message: str

    class APIStatusError(APIError):
        \"\"\"Status.\"\"\"

        status_code: int
        code: str | None

    class BadRequestError(APIStatusError):
        \"\"\"400.\"\"\"
"""
CLIENT = """
    class Items:
        \"\"\"client.items\"\"\"

        def __init__(self, http: object) -> None:
            self._http = http

        def list(self, *, status: str | None = None, page_size: int | None = None) -> list[str]:
            \"\"\"List.\"\"\"
            return []

    class Client:
        \"\"\"A client.\"\"\"

        def __init__(self, api_key: str | None = None) -> None:
            self.items = Items(api_key)
"""
INIT = """
    from {gen}.models import Session
    from ._client import Client
    from ._errors import APIError, APIStatusError, BadRequestError

    __all__ = ["APIError", "APIStatusError", "BadRequestError", "Client", "Session"]
"""


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def build_package(
    root: Path, *, gen: str = "gen", models: str = MODELS, errors: str = ERRORS, **extra: str
) -> griffe.Module:
    files = {
        f"{gen}/__init__.py": "",
        f"{gen}/models.py": models,
        "pub/__init__.py": textwrap.dedent(INIT.format(gen=gen)) + extra.pop("init_tail", ""),
        "pub/_errors.py": errors,
        "pub/_client.py": extra.pop("client", CLIENT),
    }
    write_files(root, files)
    surface = api.build_surface((root,), package="pub", sources=("pub", gen), submodules=())
    return api.roundtrip(surface)


def package_changes(tmp_path: Path, **new: str) -> list[str]:
    old = build_package(tmp_path / "old")
    return [str(change) for change in api.compare(old, build_package(tmp_path / "new", **new))]


def test_no_change_reports_nothing(tmp_path: Path) -> None:
    assert package_changes(tmp_path) == []


def test_removed_model_field_is_breaking(tmp_path: Path) -> None:
    models = MODELS.replace("        fee: float | None\n", "")
    assert package_changes(tmp_path, models=models) == [
        "Session.__init__: parameter fee removed (breaking)",
        "Session.fee: removed (breaking)",
    ]


def test_retyped_model_field_is_breaking(tmp_path: Path) -> None:
    models = MODELS.replace("fee: float | None", "fee: str | None")
    assert package_changes(tmp_path, models=models) == [
        "Session.__init__: parameter fee type float | None -> str | None (breaking)",
        "Session.fee: type float | None -> str | None (breaking)",
    ]


def test_added_name_and_field_are_additive(tmp_path: Path) -> None:
    models = MODELS + "        currency: str | None = None\n"
    changes = package_changes(
        tmp_path,
        models=models,
        init_tail="\nVERSION_NAME = 'x'\n__all__ += ['VERSION_NAME']\n",
    )
    assert "Session.currency: added (additive)" in changes
    assert "VERSION_NAME: added (additive)" in changes
    assert all(change.endswith("(additive)") for change in changes), changes


def test_removed_exception_attribute_is_breaking_on_every_subclass(tmp_path: Path) -> None:
    errors = ERRORS.replace("        code: str | None\n", "")
    assert package_changes(tmp_path, errors=errors) == [
        "APIStatusError.code: removed (breaking)",
        "BadRequestError.code: removed (breaking)",
    ]


def test_resource_signature_is_keyed_by_the_client_attribute(tmp_path: Path) -> None:
    client = CLIENT.replace(", page_size: int | None = None", "")
    assert package_changes(tmp_path, client=client) == [
        "Client.items.list: parameter page_size removed (breaking)"
    ]
    optional = CLIENT.replace("page_size: int | None = None", "page_size: int | None = None, x=1")
    assert package_changes(tmp_path / "b", client=optional) == [
        "Client.items.list: parameter x added (additive)"
    ]


def test_moving_the_generated_package_is_not_a_change(tmp_path: Path) -> None:
    old = build_package(tmp_path / "old")
    renamed = build_package(tmp_path / "new", gen="pub_generated")
    assert api.compare(old, renamed) == []


def test_snapshot_round_trips(tmp_path: Path) -> None:
    surface = build_package(tmp_path)
    version, loaded = api.load_snapshot(api.dump_snapshot(surface, "1.2.3"))
    assert version == "1.2.3"
    assert api.compare(surface, loaded) == []
    assert str(loaded["Session.fee"].annotation) == "float | None"


def test_committed_snapshot_covers_the_public_models_and_errors() -> None:
    version, surface = api.load_snapshot(api.SNAPSHOT.read_text(encoding="utf-8"))
    assert version == api.read_version()
    assert str(surface["QualificationSession.fee"].annotation) == "float | None"
    assert "status_code" in surface["BadRequestError"].members
    assert "list" in surface["TruemedClient.qualification_sessions"].members
    assert "FakeTruemed" in surface["testing"].members


def test_the_snapshot_holds_no_line_numbers(tmp_path: Path) -> None:
    text = api.dump_snapshot(build_package(tmp_path), "1.2.3")
    assert '"lineno"' not in text
    assert '"endlineno"' not in text
    # A field removed from the top of a module changes only the lines that describe it.
    shorter = build_package(tmp_path / "b", models=MODELS.replace("        session_id: str\n", ""))
    diff = list(
        difflib.unified_diff(
            text.splitlines(), api.dump_snapshot(shorter, "1.2.3").splitlines(), n=0
        )
    )
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert any('"name": "session_id"' in line for line in removed)
    # Nothing else moved: with line numbers, every later object's would have been rewritten.
    assert added == []

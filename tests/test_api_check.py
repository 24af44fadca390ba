"""The public API check (`codegen.api`) and the release helpers (`codegen.release`)."""

from __future__ import annotations

import difflib
import sys
import textwrap
from pathlib import Path

import griffe
import pytest

from codegen import versions
from codegen.api import check as api
from codegen.release import cut as release

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


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _package(
    root: Path, *, gen: str = "gen", models: str = MODELS, errors: str = ERRORS, **extra: str
) -> griffe.Module:
    files = {
        f"{gen}/__init__.py": "",
        f"{gen}/models.py": models,
        "pub/__init__.py": textwrap.dedent(INIT.format(gen=gen)) + extra.pop("init_tail", ""),
        "pub/_errors.py": errors,
        "pub/_client.py": extra.pop("client", CLIENT),
    }
    _write(root, files)
    surface = api.build_surface((root,), package="pub", sources=("pub", gen), submodules=())
    return api.roundtrip(surface)


def _changes(tmp_path: Path, **new: str) -> list[str]:
    old = _package(tmp_path / "old")
    return [str(change) for change in api.compare(old, _package(tmp_path / "new", **new))]


def test_no_change_reports_nothing(tmp_path: Path) -> None:
    assert _changes(tmp_path) == []


def test_removed_model_field_is_breaking(tmp_path: Path) -> None:
    models = MODELS.replace("        fee: float | None\n", "")
    assert _changes(tmp_path, models=models) == [
        "Session.__init__: parameter fee removed (breaking)",
        "Session.fee: removed (breaking)",
    ]


def test_retyped_model_field_is_breaking(tmp_path: Path) -> None:
    models = MODELS.replace("fee: float | None", "fee: str | None")
    assert _changes(tmp_path, models=models) == [
        "Session.__init__: parameter fee type float | None -> str | None (breaking)",
        "Session.fee: type float | None -> str | None (breaking)",
    ]


def test_added_name_and_field_are_additive(tmp_path: Path) -> None:
    models = MODELS + "        currency: str | None = None\n"
    changes = _changes(
        tmp_path,
        models=models,
        init_tail="\nVERSION_NAME = 'x'\n__all__ += ['VERSION_NAME']\n",
    )
    assert "Session.currency: added (additive)" in changes
    assert "VERSION_NAME: added (additive)" in changes
    assert all(change.endswith("(additive)") for change in changes), changes


def test_removed_exception_attribute_is_breaking_on_every_subclass(tmp_path: Path) -> None:
    errors = ERRORS.replace("        code: str | None\n", "")
    assert _changes(tmp_path, errors=errors) == [
        "APIStatusError.code: removed (breaking)",
        "BadRequestError.code: removed (breaking)",
    ]


def test_resource_signature_is_keyed_by_the_client_attribute(tmp_path: Path) -> None:
    client = CLIENT.replace(", page_size: int | None = None", "")
    assert _changes(tmp_path, client=client) == [
        "Client.items.list: parameter page_size removed (breaking)"
    ]
    optional = CLIENT.replace("page_size: int | None = None", "page_size: int | None = None, x=1")
    assert _changes(tmp_path / "b", client=optional) == [
        "Client.items.list: parameter x added (additive)"
    ]


def test_moving_the_generated_package_is_not_a_change(tmp_path: Path) -> None:
    old = _package(tmp_path / "old")
    renamed = _package(tmp_path / "new", gen="pub_generated")
    assert api.compare(old, renamed) == []


def test_snapshot_round_trips(tmp_path: Path) -> None:
    surface = _package(tmp_path)
    version, loaded = api.load_snapshot(api.dump_snapshot(surface, "1.2.3"))
    assert version == "1.2.3"
    assert api.compare(surface, loaded) == []
    assert str(loaded["Session.fee"].annotation) == "float | None"


def test_bump_rules_under_and_after_zero() -> None:
    breaking = [api.Change("Session.fee", "removed", breaking=True)]
    additive = [api.Change("Session.currency", "added", breaking=False)]
    assert api.required_bump("0.1.0", breaking) == "minor"
    assert api.required_bump("0.1.0", additive) == "patch"
    assert api.required_bump("1.4.0", breaking) == "major"
    assert api.required_bump("1.4.0", additive) == "minor"
    assert api.required_bump("0.1.0", []) is None


def test_a_bump_too_small_is_refused() -> None:
    assert versions.bump_made("0.1.0", "0.1.1") == "patch"
    assert not versions.is_enough(versions.bump_made("0.1.0", "0.1.1"), "minor")
    assert versions.is_enough(versions.bump_made("0.1.0", "0.2.0"), "minor")
    assert not versions.is_enough(None, "patch")
    with pytest.raises(release.ReleaseError, match="need a minor release"):
        release.target_version("0.1.0", "0.1.0", "patch", "minor")
    assert release.target_version("0.1.0", "0.1.0", "auto", "minor") == "0.2.0"
    with pytest.raises(ValueError, match="older than the last release"):
        versions.bump_made("0.2.0", "0.1.9")


@pytest.mark.parametrize(
    ("version", "part", "expected"),
    [
        ("0.6.0", "patch", "0.6.1"),
        ("0.6.3", "minor", "0.7.0"),
        ("0.6.3", "major", "1.0.0"),
        ("1.9.9", "patch", "1.9.10"),
        ("1.9.9", "minor", "1.10.0"),
        ("9.12.4", "major", "10.0.0"),
    ],
)
def test_bump_moves_one_part_and_zeroes_the_rest(version: str, part: str, expected: str) -> None:
    assert versions.bump(version, part) == expected


def test_an_unknown_bump_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown bump 'huge'"):
        versions.bump("0.6.0", "huge")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("0.6.0", "0.6.0", None),
        ("0.6.0", "0.6.1", "patch"),
        ("0.6.9", "0.7.0", "minor"),
        # Numbers, not text: 0.10.0 comes after 0.9.0.
        ("0.9.0", "0.10.0", "minor"),
        ("0.9.9", "1.0.0", "major"),
        # The biggest part that moved names the bump, whatever the others did.
        ("1.2.3", "2.5.7", "major"),
    ],
)
def test_bump_made_names_the_biggest_part_that_moved(
    old: str, new: str, expected: str | None
) -> None:
    assert versions.bump_made(old, new) == expected


@pytest.mark.parametrize(
    "text", ["1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.2.3rc1", "1.2.3.post1", "1.2.3+local", "x"]
)
def test_only_a_canonical_final_release_version_is_accepted(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a MAJOR\.MINOR\.PATCH version"):
        versions.parse_version(text)


def test_release_versions_compare_as_numbers() -> None:
    assert versions.parse_version("0.10.0") > versions.parse_version("0.9.12")
    with pytest.raises(release.ReleaseError, match=r"older than _version\.py's 0\.10\.0"):
        release.target_version("0.10.0", None, "0.9.0", None)


def test_consistency_errors_name_what_disagrees() -> None:
    changelog = "# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-11-29\n"
    assert api.consistency_errors("0.1.0", "0.1.0", changelog) == []
    assert api.consistency_errors("0.1.0", "0.2.0", changelog) != []
    assert api.consistency_errors("0.1.0", "0.1.0", "# Changelog\n") != []


def test_changelog_release_dates_the_unreleased_section() -> None:
    text = "# Changelog\n\n## [Unreleased]\n\n### Added\n- a thing\n\n## [0.1.0] - 2026-11-29\n"
    change = api.Change("Session.fee", "removed", breaking=True)
    out = release.date_changelog(text, "0.2.0", "2026-12-01", [change])
    assert out.startswith(
        "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n### Added\n- a thing\n\n"
    )
    assert "- `Session.fee: removed (breaking)`" in out
    assert out.endswith("## [0.1.0] - 2026-11-29\n")
    assert api.changelog_release(out) == ("0.2.0", "2026-12-01")
    with pytest.raises(release.ReleaseError, match="nothing to release"):
        release.date_changelog("## [Unreleased]\n\n## [0.1.0] - 2026-11-29\n", "0.2.0", "x", [])


def test_committed_snapshot_covers_the_public_models_and_errors() -> None:
    version, surface = api.load_snapshot(api.SNAPSHOT.read_text(encoding="utf-8"))
    assert version == api.read_version()
    assert str(surface["QualificationSession.fee"].annotation) == "float | None"
    assert "status_code" in surface["BadRequestError"].members
    assert "list" in surface["TruemedClient.qualification_sessions"].members
    assert "FakeTruemed" in surface["testing"].members


def test_install_lines_follow_the_release() -> None:
    readme = (
        'pip install "x @ git+URL@v0.1.0"\n'
        "pip install dist/eligibility_clients-0.1.0-py3-none-any.whl\n"
        'pip install "eligibility-clients[cli] @ git+URL@v0.1.0"\n'
        'pip install "./dist/eligibility_clients-0.1.0-py3-none-any.whl[cli]"\n'
    )
    out = release.install_lines(readme, "0.2.0")
    assert out == readme.replace("0.1.0", "0.2.0")


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
        _write(root, {"pub/_t.py": TRANSPORTS.format(base=base)})
        files = {"gen/__init__.py": "", "gen/models.py": MODELS, "pub/_errors.py": ERRORS}
        files["pub/__init__.py"] = textwrap.dedent(INIT.format(gen="gen")) + extra["init_tail"]
        files["pub/_client.py"] = CLIENT
        _write(root, files)
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


def _model_changes(tmp_path: Path, models: str) -> list[str]:
    old = _package(tmp_path / "old")
    (tmp_path / "new").mkdir()
    _package(tmp_path / "new", models=models)  # writes the files
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
    old = _package(tmp_path / "old", models=old_models)
    _package(tmp_path / "new")
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
    surface = _package(tmp_path, models=models)
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
    assert _changes(tmp_path, models=models) == [
        "Session.__init__: parameter fee moved (breaking)",
        "Session.__init__: parameter session_id moved (breaking)",
    ]


def test_a_keyword_only_model_reorders_freely(tmp_path: Path) -> None:
    keyword_only = MODELS.replace("@_attrs_define", "@_attrs_define(kw_only=True)")
    swapped = keyword_only.replace(
        "        session_id: str\n        fee: float | None\n",
        "        fee: float | None\n        session_id: str\n",
    )
    old = _package(tmp_path / "old", models=keyword_only)
    assert api.compare(old, _package(tmp_path / "new", models=swapped)) == []


def test_the_snapshot_holds_no_line_numbers(tmp_path: Path) -> None:
    text = api.dump_snapshot(_package(tmp_path), "1.2.3")
    assert '"lineno"' not in text
    assert '"endlineno"' not in text
    # A field removed from the top of a module changes only the lines that describe it.
    shorter = _package(tmp_path / "b", models=MODELS.replace("        session_id: str\n", ""))
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


def test_release_notes_are_the_dated_changelog_entry() -> None:
    from codegen.release import notes as release_notes

    text = (
        "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n### Added\n- a thing\n\n"
        "## [0.1.0] - 2026-11-29\n\n- first\n"
    )
    assert release_notes.entry(text, "0.2.0") == "### Added\n- a thing"
    assert release_notes.entry(text, "0.1.0") == "- first"
    assert release_notes.entry(text, "0.3.0") is None
    assert (
        release_notes.entry("## [0.2.0] - 2026-12-01\n\n## [0.1.0] - 2026-11-29\n", "0.2.0") is None
    )


def test_release_refuses_when_a_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    failing = ("drift check 1", [sys.executable, "-c", "raise SystemExit(1)"])
    monkeypatch.setattr(release, "CHECKS", (failing,))
    with pytest.raises(release.ReleaseError, match="drift check 1 failed on the release tree"):
        release._checks_pass()
    monkeypatch.setattr(release, "CHECKS", (("ok", [sys.executable, "-c", "pass"]),))
    release._checks_pass()


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
    old = _package(tmp_path / "old", client=FILTERS, init_tail=FILTERS_INIT)
    wider = FILTERS.replace("'live', 'cancelled'", "'live', 'cancelled', 'paused'").replace(
        "'production', 'sandbox'", "'production', 'sandbox', 'eu'"
    )
    new = _package(tmp_path / "new", client=wider, init_tail=FILTERS_INIT)
    live, paused = "'live', 'cancelled'", "'live', 'cancelled', 'paused'"
    assert [str(change) for change in api.compare(old, new)] == [
        "Client.__init__: parameter environment type Literal['production', 'sandbox'] -> "
        "Literal['production', 'sandbox', 'eu'] (additive)",
        f"Client.items.list: parameter status type Literal[{live}] | None -> "
        f"Literal[{paused}] | None (additive)",
        f"ItemsFilters.status: type Literal[{live}] | None -> Literal[{paused}] | None (additive)",
    ]


def test_a_value_taken_from_an_input_literal_is_breaking(tmp_path: Path) -> None:
    old = _package(tmp_path / "old", client=FILTERS, init_tail=FILTERS_INIT)
    narrower = FILTERS.replace("'live', 'cancelled'", "'live'")
    new = _package(tmp_path / "new", client=narrower, init_tail=FILTERS_INIT)
    changes = api.compare(old, new)
    assert {change.path for change in changes} == {"Client.items.list", "ItemsFilters.status"}
    assert all(change.breaking for change in changes)


def test_a_value_added_to_a_field_users_read_is_breaking(tmp_path: Path) -> None:
    # A model field's type is what users read: a new value can reach an exhaustive match.
    models = MODELS.replace("fee: float | None", "fee: Literal['a'] | None").replace(
        "from attrs", "from typing import Literal\n    from attrs"
    )
    old = _package(tmp_path / "old", models=models)
    new = _package(tmp_path / "new", models=models.replace("Literal['a']", "Literal['a', 'b']"))
    changes = [str(change) for change in api.compare(old, new)]
    assert "Session.fee: type Literal['a'] | None -> Literal['a', 'b'] | None (breaking)" in changes

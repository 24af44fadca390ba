"""Drift check 2 (`codegen.drift.traffic`): recorded traffic that no longer fits the specs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from codegen.drift import traffic

CASSETTES = Path(__file__).parent / "cassettes"
GOODSTACK_PAGE = CASSETTES / "test_goodstack_cassettes" / "test_first_page.yaml"
TRUEMED_PAGE = CASSETTES / "test_truemed_cassettes" / "test_first_page.yaml"


def tampered(tmp_path: Path, source: Path, change: dict[str, object]) -> Path:
    """A copy of `source` with the first interaction changed."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    interaction = data["interactions"][0]
    if "uri" in change:
        interaction["request"]["uri"] = change["uri"]
    if "status" in change:
        interaction["response"]["status"]["code"] = change["status"]
    if "body" in change:
        body = change["body"]
        text = body if isinstance(body, str) else json.dumps(body)
        interaction["response"]["body"]["string"] = text
    if "content_type" in change:
        interaction["response"]["headers"]["content-type"] = [change["content_type"]]
    target = tmp_path / source.name
    target.write_text(yaml.safe_dump(data), encoding="utf-8")
    return target


def problems(path: Path) -> list[traffic.Problem]:
    specs = [traffic.Spec.load(p) for p in traffic.SPECS]
    return traffic.check_exchanges(traffic.read_cassette(path), specs)


def first_body(source: Path) -> dict[str, object]:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    body: dict[str, object] = json.loads(data["interactions"][0]["response"]["body"]["string"])
    return body


def test_committed_cassettes_fit_the_specs(capsys: pytest.CaptureFixture[str]) -> None:
    assert traffic.main([]) == 0
    assert "No traffic drift" in capsys.readouterr().out


def test_retyped_field_names_cassette_field_and_rule(tmp_path: Path) -> None:
    body = first_body(GOODSTACK_PAGE)
    data = body["data"]
    assert isinstance(data, list)
    data[2]["createdAt"] = 1700000000
    found = problems(tampered(tmp_path, GOODSTACK_PAGE, {"body": body}))
    assert [(p.rule, p.field) for p in found] == [("response-schema", "data[2].createdAt")]
    assert found[0].source.endswith("test_first_page.yaml#0")
    assert "not of type 'string'" in found[0].detail


def test_missing_required_field_and_bad_enum(tmp_path: Path) -> None:
    body = first_body(TRUEMED_PAGE)
    sessions = body["qualification_sessions"]
    assert isinstance(sessions, list)
    del sessions[0]["qualification_session_id"]
    body["pagination"] = {"current_page": "one"}
    found = problems(tampered(tmp_path, TRUEMED_PAGE, {"body": body}))
    fields = {p.field for p in found}
    assert "qualification_sessions[0]" in fields
    assert "pagination" in fields
    assert all(p.rule == "response-schema" for p in found)


def test_undocumented_status(tmp_path: Path) -> None:
    found = problems(tampered(tmp_path, TRUEMED_PAGE, {"status": 418}))
    assert [p.rule for p in found] == ["undocumented-status"]


def test_documented_5xx_range_is_accepted_but_needs_its_body(tmp_path: Path) -> None:
    ok = {"error": {"code": "internal", "title": "Error", "message": "boom", "reasons": None}}
    assert problems(tampered(tmp_path, GOODSTACK_PAGE, {"status": 503, "body": ok})) == []
    html = tampered(
        tmp_path, GOODSTACK_PAGE, {"status": 503, "body": "<html/>", "content_type": "text/html"}
    )
    assert [p.rule for p in problems(html)] == ["content-type"]


def test_non_json_body(tmp_path: Path) -> None:
    found = problems(tampered(tmp_path, GOODSTACK_PAGE, {"body": '{"data": ['}))
    assert [p.rule for p in found] == ["json"]


def test_undeclared_parameter_and_value_accepted_against_the_spec(tmp_path: Path) -> None:
    uri = "https://api.goodstack.io/v1/eligibility-subscriptions?pageSize=500&colour=red"
    found = problems(tampered(tmp_path, GOODSTACK_PAGE, {"uri": uri}))
    assert {(p.rule, p.field) for p in found} == {
        ("undeclared-parameter", "query.colour"),
        ("parameter-schema", "query.pageSize"),
    }


def test_bad_value_refused_with_400_is_expected() -> None:
    bad_request = CASSETTES / "test_goodstack_cassettes" / "test_documented_400_bad_request.yaml"
    assert "pageSize=101" in bad_request.read_text(encoding="utf-8")
    assert problems(bad_request) == []


def test_unknown_host_and_path(tmp_path: Path) -> None:
    elsewhere = "https://evil.example/v1/eligibility-subscriptions?pageSize=10"
    assert [p.rule for p in problems(tampered(tmp_path, GOODSTACK_PAGE, {"uri": elsewhere}))] == [
        "server"
    ]
    unknown = "https://api.goodstack.io/v2/other"
    assert [p.rule for p in problems(tampered(tmp_path, GOODSTACK_PAGE, {"uri": unknown}))] == [
        "operation"
    ]


def test_main_reports_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(TRUEMED_PAGE, tmp_path / "good.yaml")
    tampered(tmp_path, TRUEMED_PAGE, {"status": 418}).rename(tmp_path / "bad.yaml")
    assert traffic.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "bad.yaml#0: [undocumented-status]" in out
    assert "nox -s record" in out
    assert traffic.main([str(tmp_path / "nothing-here")]) == 1


def test_templated_paths_match_their_operation() -> None:
    spec = traffic.Spec(
        {
            "servers": [{"url": "https://api.example.test"}],
            "paths": {
                "/v1/things": {"get": {"operationId": "list_things", "responses": {}}},
                "/v1/things/{thing_id}": {
                    "get": {
                        "operationId": "retrieve_thing",
                        "responses": {"200": {"description": "ok"}},
                    }
                },
            },
        },
        "things.yaml",
    )
    assert spec.template_for("/v1/things") == "/v1/things"
    assert spec.template_for("/v1/things/thing_123") == "/v1/things/{thing_id}"
    assert spec.template_for("/v1/things/a/b") is None
    assert spec.template_for("/v1/things/") is None
    exchange = traffic.Exchange(
        "x#0", "GET", "https://api.example.test/v1/things/thing_123", 200, "", b""
    )
    assert traffic.spec_for(exchange.url, [spec]) is spec
    assert [p.rule for p in spec.check(exchange)] == []


def test_a_parameter_schema_behind_an_escaped_ref_is_followed() -> None:
    # The component's name holds `/` and `~`, escaped in the pointer as `~1` and `~0`.
    spec = traffic.Spec(
        {
            "servers": [{"url": "https://api.example.test"}],
            "components": {"schemas": {"size/max~": {"type": "integer", "maximum": 10}}},
            "paths": {
                "/v1/things": {
                    "get": {
                        "operationId": "list_things",
                        "parameters": [
                            {
                                "name": "size",
                                "in": "query",
                                "schema": {"$ref": "#/components/schemas/size~1max~0"},
                            }
                        ],
                        "responses": {"200": {"description": "ok"}},
                    }
                }
            },
        },
        "things.yaml",
    )

    def rules(query: str) -> list[tuple[str, str]]:
        url = f"https://api.example.test/v1/things?{query}"
        exchange = traffic.Exchange("x#0", "GET", url, 200, "", b"")
        return [(p.rule, p.detail) for p in spec.check(exchange)]

    assert rules("size=7") == []
    # "11" is read as the integer the schema describes, so the bound is what fails.
    assert rules("size=11") == [("parameter-schema", "'11': 11 is greater than the maximum of 10")]

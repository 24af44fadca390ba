"""Parity: for each operation, the spec's parameters reach every surface built from them.

The spec (read here straight from `specs/*.yaml`) is compared with the generated declaration,
the request builder's keywords, the `list()` surface (sync and async, sent on the wire), the
command line's options, the fakes' accepted names and the README's tables. Each failure names
what is missing where.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import httpx2
import pytest
import yaml
from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
)
from eligibility_clients._cli._app import cli
from eligibility_clients._goodstack import LIST as GOODSTACK_LIST
from eligibility_clients._operation import Operation, Parameter, check, check_value
from eligibility_clients._truemed import LIST as TRUEMED_LIST
from eligibility_clients.testing import FakeAPI, FakeGoodstack, FakeTruemed
from eligibility_clients_goodstack.api.eligibility_subscriptions import (
    list_eligibility_subscriptions,
)
from eligibility_clients_truemed.api.qualification_sessions import list_qualification_sessions

from codegen.generate import regenerate
from codegen.generate.surface import EXTENSION, read_operations, render_table

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Surface:
    """Where one list operation shows up."""

    vendor: str
    operation: Operation[Any]
    builder: Callable[..., Any]
    client: Callable[..., Any]
    async_client: Callable[..., Any]
    resource: str
    empty_page: dict[str, Any]
    command: tuple[str, str]
    fake: Callable[[], FakeAPI]


SURFACES = [
    Surface(
        "truemed",
        TRUEMED_LIST,
        list_qualification_sessions._get_kwargs,
        TruemedClient,
        AsyncTruemedClient,
        "qualification_sessions",
        {"qualification_sessions": [], "pagination": None},
        ("truemed", "sessions"),
        FakeTruemed,
    ),
    Surface(
        "goodstack",
        GOODSTACK_LIST,
        list_eligibility_subscriptions._get_kwargs,
        GoodstackClient,
        AsyncGoodstackClient,
        "eligibility_subscriptions",
        {"data": []},
        ("goodstack", "subscriptions"),
        FakeGoodstack,
    ),
]
by_vendor = pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.vendor)


def spec_parameters(surface: Surface) -> list[dict[str, Any]]:
    """The operation's parameters exactly as the spec file lists them."""
    document = yaml.safe_load((ROOT / f"specs/{surface.vendor}.yaml").read_text("utf-8"))
    operation = document["paths"][surface.operation.path][surface.operation.method.lower()]
    parameters: list[dict[str, Any]] = operation["parameters"]
    return parameters


def spec_filters(surface: Surface) -> list[str]:
    """Wire names of the parameters users pass (the walk's own `role` ones excluded)."""
    return [
        p["name"]
        for p in spec_parameters(surface)
        if p["in"] == "query" and "role" not in p.get(EXTENSION, {})
    ]


def expected_option(wire_name: str) -> str:
    """The option the command line must offer for a spec parameter, written out here.

    `startDate` and `page_size` alike: words split at capitals and underscores, joined by `-`.
    """
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", wire_name).lower().split("_")
    return "--" + "-".join(words)


def test_expected_option_spells_both_vendors_styles() -> None:
    assert expected_option("startDate") == "--start-date"
    assert expected_option("hasOrganisation") == "--has-organisation"
    assert expected_option("page_size") == "--page-size"
    assert expected_option("user_id") == "--user-id"


def sample(parameter: Parameter) -> Any:
    """A value `list()` accepts for the parameter, from its schema."""
    kind = parameter.kind
    if kind == "enum":
        return parameter.choices[0]
    if kind == "date":
        return "2024-01-31"
    if kind == "date-time":
        return "2024-01-31T00:00:00Z"
    if kind in ("integer", "number"):
        low = parameter.minimum if parameter.minimum is not None else 1
        return int(max(low, 1))
    if kind == "boolean":
        return True
    examples = parameter.schema.get("examples")
    return examples[0] if examples else "x"


def missing(expected: list[str], found: set[str] | list[str], where: str) -> str:
    gone = [name for name in expected if name not in found]
    return f"{where} lacks {gone}" if gone else ""


# --- the declaration and the request builder -----------------------------------------------


@by_vendor
def test_declaration_lists_the_specs_parameters(surface: Surface) -> None:
    declared = [p.name for p in surface.operation.parameters]
    expected = [p["name"] for p in spec_parameters(surface)]
    assert declared == expected, "regenerate: the declaration differs from the spec"


@by_vendor
def test_request_builder_takes_one_keyword_per_declared_parameter(surface: Surface) -> None:
    keywords = list(inspect.signature(surface.builder).parameters)
    declared = [p.python_name for p in surface.operation.parameters]
    assert keywords == declared


@by_vendor
def test_filters_typeddict_covers_exactly_the_filters(surface: Surface) -> None:
    filters = surface.operation.kwargs.__globals__[surface.operation.filters_name]
    names = [p.python_name for p in surface.operation.filters]
    assert list(filters.__annotations__) == names
    assert [surface.operation.parameter(n).name for n in names] == spec_filters(surface)


# --- list(), sync and async, on the wire -----------------------------------------------------


def _recorder(surface: Surface, seen: list[httpx2.Request]) -> httpx2.MockTransport:
    def answer(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json=surface.empty_page)

    return httpx2.MockTransport(answer)


@by_vendor
def test_every_filter_reaches_the_wire_from_sync_list(surface: Surface) -> None:
    seen: list[httpx2.Request] = []
    client = surface.client(api_key="k_test_key", transport=_recorder(surface, seen))
    for parameter in surface.operation.filters:
        list(getattr(client, surface.resource).list(**{parameter.python_name: sample(parameter)}))
    sent = [name for request in seen for name in request.url.params]
    assert not missing(spec_filters(surface), sent, "sync list()'s requests")


@by_vendor
def test_every_filter_reaches_the_wire_from_async_list(surface: Surface) -> None:
    seen: list[httpx2.Request] = []

    async def walk() -> None:
        client = surface.async_client(api_key="k_test_key", transport=_recorder(surface, seen))
        async with client:
            for parameter in surface.operation.filters:
                filters = {parameter.python_name: sample(parameter)}
                async for _ in getattr(client, surface.resource).list(**filters):
                    pass

    asyncio.run(walk())
    sent = [name for request in seen for name in request.url.params]
    assert not missing(spec_filters(surface), sent, "async list()'s requests")


@by_vendor
def test_sync_and_async_list_share_one_signature(surface: Surface) -> None:
    resource_sync = type(getattr(surface.client(api_key="k_test_key"), surface.resource))
    resource_async = type(getattr(surface.async_client(api_key="k_test_key"), surface.resource))
    sync = inspect.signature(resource_sync.list).replace(return_annotation=None)
    concurrent = inspect.signature(resource_async.list).replace(return_annotation=None)
    assert sync == concurrent
    assert f"Unpack[{surface.operation.filters_name}]" in str(sync)


@by_vendor
def test_list_refuses_an_unknown_filter_before_sending(surface: Surface) -> None:
    seen: list[httpx2.Request] = []
    client = surface.client(api_key="k_test_key", transport=_recorder(surface, seen))
    with pytest.raises(TypeError, match="unexpected keyword argument 'statuss'"):
        getattr(client, surface.resource).list(statuss="x")
    assert seen == []


@by_vendor
def test_list_docstring_documents_every_filter_from_the_spec(surface: Surface) -> None:
    method = type(getattr(surface.client(api_key="k_test_key"), surface.resource)).list
    text = method.__doc__ or ""
    for parameter in surface.operation.filters:
        assert f"{parameter.python_name}: {parameter.description}" in text, parameter.name


# --- the command line -----------------------------------------------------------------------


@by_vendor
def test_command_offers_an_option_per_filter(surface: Surface) -> None:
    group = cli.commands[surface.command[0]]
    assert isinstance(group, click.Group)
    command = group.commands[surface.command[1]]
    options = {opt for param in command.params for opt in param.opts}
    expected = [expected_option(name) for name in spec_filters(surface)]
    assert not missing(expected, options, f"`{' '.join(surface.command)} --help`")
    for parameter in surface.operation.filters:
        option = next(p for p in command.params if p.name == parameter.python_name)
        assert isinstance(option, click.Option)
        assert option.help is not None
        # As the spec says it, less the backticks that plain-text help would show literally.
        assert parameter.description.replace("`", "") in option.help
        if parameter.enum is not None:
            assert isinstance(option.type, click.Choice)
            assert list(option.type.choices) == list(parameter.choices)


# --- the fakes ------------------------------------------------------------------------------


@by_vendor
def test_fake_accepts_every_declared_parameter(surface: Surface) -> None:
    fake = surface.fake()
    assert surface.operation in fake.OPERATIONS
    client = surface.client(api_key=fake.api_key, transport=fake.transport)
    for parameter in surface.operation.filters:
        page = getattr(client, surface.resource).list(**{parameter.python_name: sample(parameter)})
        assert page.items is not None, parameter.name
    applied = fake.APPLIED[surface.operation.operation_id]
    declared = {p.name for p in surface.operation.parameters}
    assert applied <= declared, f"the fake applies undeclared {sorted(applied - declared)}"


@by_vendor
def test_fake_logs_a_declared_parameter_it_does_not_apply(
    surface: Surface, caplog: pytest.LogCaptureFixture
) -> None:
    fake = surface.fake()
    first = surface.operation.filters[0]
    fake.APPLIED = {surface.operation.operation_id: frozenset()}  # type: ignore[misc]
    client = surface.client(api_key=fake.api_key, transport=fake.transport)
    with caplog.at_level(logging.INFO, logger="eligibility_clients.testing"):
        getattr(client, surface.resource).list(**{first.python_name: sample(first)})
    assert f"{first.name}=" in caplog.text
    assert "accepted but not applied" in caplog.text


# --- the README -----------------------------------------------------------------------------


def test_readme_tables_are_the_generated_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == regenerate.readme_text(), "run `nox -s generate` to refresh the README"
    for each in SURFACES:
        table = render_table(
            next(
                o
                for o in read_operations(ROOT / f"specs/{each.vendor}.yaml")
                if o.operation_id == each.operation.operation_id
            )
        )
        assert table in readme
        for parameter in each.operation.filters:
            option = expected_option(parameter.name)
            row = f"| `{parameter.python_name}` | `{option}` | `{parameter.name}` |"
            assert row in table, parameter.name


# --- checks from the schema that no current parameter uses ---------------------------------


def _parameter(kind: str, schema: dict[str, Any], **rules: Any) -> Parameter:
    return Parameter("code", "code", "query", False, kind, "", schema, None, rules)


def test_pattern_minimum_and_maximum_come_from_the_schema() -> None:
    pattern = _parameter("string", {"type": "string", "pattern": "^[A-Z]{3}$"})
    assert check_value(pattern, "GBR") == "GBR"
    with pytest.raises(ValueError, match=r"code must match the pattern '\^\[A-Z\]\{3\}\$'"):
        check_value(pattern, "gbr")
    bounded = _parameter("number", {"type": "number", "minimum": 0.5, "maximum": 2})
    assert check_value(bounded, 1.5) == 1.5
    with pytest.raises(ValueError, match=r"code must be between 0\.5 and 2; got 3"):
        check_value(bounded, 3)
    stricter = _parameter("integer", {"type": "integer", "minimum": 0}, minimum=1)
    with pytest.raises(ValueError, match="code must be >= 1; got 0"):
        check_value(stricter, 0)


def test_naive_datetimes_are_refused_only_where_the_spec_says_so() -> None:
    naive = dt.datetime(2024, 1, 1)
    lenient = _parameter("date-time", {"type": "string", "format": "date-time"})
    assert check_value(lenient, naive) == naive
    strict = _parameter("date-time", {"type": "string", "format": "date-time"}, timezone="required")
    with pytest.raises(ValueError, match="code is a naive datetime"):
        check_value(strict, naive)


def test_not_after_rule_orders_two_filters() -> None:
    with pytest.raises(ValueError, match=r"start_date \(2024-02-01T00:00:00\+00:00\) is after"):
        check(
            GOODSTACK_LIST, {"start_date": "2024-02-01T00:00:00Z", "end_date": dt.date(2024, 1, 1)}
        )

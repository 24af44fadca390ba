"""The second generation step: each operation's declaration, from the spec, as Python.

`nox -s generate` runs openapi-python-client first, which writes the models and one request
builder per operation (`api/<tag>/<operation>.py`, `_get_kwargs`). This module then writes
`<package>/operations.py` beside them, per operation:

- `<Operation>Filters`, a `TypedDict` of the query parameters users pass to `list()` (the
  overlay spells its signature `**filters: Unpack[...]`), documented from the spec;
- `<Operation>Arguments`, the same parameters once checked (enum members, datetimes), and
  `<operation>_kwargs(arguments)`, which calls the generated request builder with one keyword
  per parameter, so that mypy checks every name and type of that call;
- `<OPERATION>`, the declaration as data: names on the wire and in Python, descriptions,
  schemas (enums, formats, bounds, patterns, defaults), the `x-eligibility-clients` rules and
  the item fields. The overlay's argument checks, the command line and the fakes read it.

It also renders the README's parameter tables (`readme_blocks`). Both outputs are compared
byte for byte by drift check 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from codegen.refs import References, segments

#: The extension that carries the rules a schema cannot state (see the README).
EXTENSION = "x-eligibility-clients"
#: Marks a parameter whose value can be personal data (an email, a name, a user id, a search
#: term): the client never logs its value at INFO or above, nor names it in a message.
PERSONAL = "x-eligibility-clients-personal"
_SOURCE_TAG = re.compile(r"\s*\[(?:C|3P|I)\]")
_RULES = frozenset({"role", "minimum", "why", "timezone", "case-insensitive", "not-after"})
_ROLES = frozenset({"cursor", "page"})


class SpecError(ValueError):
    """The spec uses something this generation step does not declare (it says what)."""


@dataclass(frozen=True)
class Parameter:
    """One parameter of an operation, as read from the spec."""

    name: str
    python_name: str
    location: str
    required: bool
    description: str
    schema: dict[str, Any]
    enum_class: str | None
    rules: dict[str, Any]
    personal: bool = False

    @property
    def kind(self) -> str:
        """`enum`, `date`, `date-time`, `string`, `integer`, `number` or `boolean`."""
        if self.enum_class is not None:
            return "enum"
        kind = self.schema.get("type")
        if kind == "string" and self.schema.get("format") in ("date", "date-time"):
            return str(self.schema["format"])
        if kind not in ("string", "integer", "number", "boolean"):
            raise SpecError(f"parameter {self.name}: unsupported schema {self.schema}")
        return str(kind)

    @property
    def is_filter(self) -> bool:
        """Whether users pass it to `list()` (pagination's own parameters are not)."""
        return self.location == "query" and "role" not in self.rules


@dataclass(frozen=True)
class Operation:
    """One operation of a spec."""

    operation_id: str
    method: str
    path: str
    summary: str
    tag: str
    parameters: tuple[Parameter, ...]
    items_key: str | None
    item_fields: tuple[tuple[str, str], ...]

    @property
    def class_prefix(self) -> str:
        """`list_eligibility_subscriptions` -> `ListEligibilitySubscriptions`."""
        return "".join(part.capitalize() for part in self.operation_id.split("_"))


def clean(text: str) -> str:
    """A spec description for users: the source tags dropped, one line."""
    return " ".join(_SOURCE_TAG.sub("", text).split())


def python_name(name: str) -> str:
    """The name openapi-python-client gives a parameter or property."""
    from openapi_python_client.strings import PythonIdentifier

    return str(PythonIdentifier(name, prefix=""))


def _resolve(
    references: References, schema: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """`schema` with its `$ref` followed, and the component's name if it is an enum."""
    reference = schema.get("$ref")
    if reference is None:
        return dict(schema), None
    target = references.deref(schema)
    # The generator names an enum's class after its component: the pointer's last step.
    return dict(target), segments(reference)[-1] if "enum" in target else None


def _items(
    references: References, operation: Mapping[str, Any]
) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return None, ()
    envelope, _ = _resolve(references, schema)
    for key, value in envelope.get("properties", {}).items():
        if value.get("type") == "array" and "$ref" in value.get("items", {}):
            item, _ = _resolve(references, value["items"])
            fields = tuple((field, python_name(field)) for field in item.get("properties", {}))
            return key, fields
    return None, ()


def _personal(spec: Path, raw: Mapping[str, Any]) -> bool:
    value = raw.get(PERSONAL, False)
    if not isinstance(value, bool):
        raise SpecError(f"{spec.name} {raw['name']}: {PERSONAL} must be true or false")
    return value


def read_operations(spec: Path) -> list[Operation]:
    """Every operation of the spec at `spec`, in the spec's order."""
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    references = References(document)
    operations = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            parameters = []
            for raw in operation.get("parameters", []):
                schema, enum_class = _resolve(references, raw["schema"])
                rules = dict(raw.get(EXTENSION, {}))
                unknown = set(rules) - _RULES
                if unknown or rules.get("role", "cursor") not in _ROLES:
                    raise SpecError(f"{spec.name} {raw['name']}: unknown {EXTENSION} {rules}")
                parameter = Parameter(
                    name=raw["name"],
                    python_name=python_name(raw["name"]),
                    location=raw["in"],
                    required=bool(raw.get("required", False)) or raw["in"] == "path",
                    description=clean(raw.get("description", "")),
                    schema=schema,
                    enum_class=enum_class,
                    rules=rules,
                    personal=_personal(spec, raw),
                )
                parameter.kind  # noqa: B018 - raises SpecError for a schema we cannot declare
                parameters.append(parameter)
            items_key, item_fields = _items(references, operation)
            operations.append(
                Operation(
                    operation_id=operation["operationId"],
                    method=method.upper(),
                    path=path,
                    summary=clean(operation.get("summary", "")),
                    tag=operation["tags"][0],
                    parameters=tuple(parameters),
                    items_key=items_key,
                    item_fields=item_fields,
                )
            )
    return operations


_FILTER_TYPES = {
    "date": "datetime.date | str | None",
    "date-time": "datetime.datetime | datetime.date | str | None",
    "string": "str | None",
    "integer": "int | None",
    "number": "float | None",
    "boolean": "bool | None",
}
_CHECKED_TYPES = {
    "date": "datetime.date",
    "date-time": "datetime.datetime",
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
}


def _filter_type(parameter: Parameter) -> str:
    if parameter.enum_class is not None:
        # The spec's values as a Literal, so a type checker refuses a misspelt value; the
        # enum's members are accepted too.
        values = ", ".join(repr(value) for value in parameter.schema["enum"])
        text = f"{parameter.enum_class} | Literal[{values}] | None"
    else:
        text = _FILTER_TYPES[parameter.kind]
    return f"Required[{text}]" if parameter.required else text


def _checked_type(parameter: Parameter) -> str:
    text = parameter.enum_class or _CHECKED_TYPES[parameter.kind]
    return f"Required[{text}]" if parameter.required else text


def _default(parameter: Parameter) -> str:
    if "default" not in parameter.schema:
        return "UNSET"
    if parameter.enum_class is not None:
        return f"{parameter.enum_class}({parameter.schema['default']!r})"
    return repr(parameter.schema["default"])


def _docstring(text: str) -> str:
    return '"""' + text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '"""'


def read_environments(spec: Path) -> dict[str, str]:
    """Each server of the spec by its `x-eligibility-clients` environment name, in order."""
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    environments = {}
    for server in document.get("servers", []):
        name = server.get(EXTENSION, {}).get("environment")
        if not isinstance(name, str):
            raise SpecError(f"{spec.name} server {server['url']}: no {EXTENSION} environment")
        environments[name] = server["url"]
    return environments


#: The folder of `operations.py.jinja`, our own template; codegen/generate/templates/ holds only the
#: generator's templates we keep edited copies of.
TEMPLATE_FOLDER = Path(__file__).resolve().parent


def render_module(spec: Path, package: str, operations: list[Operation]) -> str:
    """The text of `<package>/operations.py`, from its template (ruff tidies it afterwards).

    The template imports every name an operation could need; ruff's unused-import fix, run
    by the generation step, drops those no operation uses.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_FOLDER),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters.update(
        pyrepr=repr,
        filter_type=_filter_type,
        checked_type=_checked_type,
        default_value=_default,
        docstring=_docstring,
    )
    names = sorted(
        ["ENVIRONMENTS", "Environment"]
        + [
            name
            for operation in operations
            for name in (
                f"{operation.class_prefix}Filters",
                f"{operation.class_prefix}Arguments",
                f"{operation.operation_id}_kwargs",
                operation.operation_id.upper(),
            )
        ]
    )
    enums = sorted({p.enum_class for o in operations for p in o.parameters if p.enum_class})
    return environment.get_template("operations.py.jinja").render(
        spec=f"specs/{spec.name}",
        operations=operations,
        enums=enums,
        names=names,
        environments=read_environments(spec),
    )


# -- README tables --------------------------------------------------------------------------


def block_name(vendor: str, operation: Operation) -> str:
    """The README marker of an operation's parameter table, e.g. `goodstack-list-params`."""
    verb = operation.operation_id.split("_", 1)[0]
    return f"{vendor}-{verb}-params"


def cli_option(parameter: Parameter) -> str:
    """The command line option of a filter: `start_date` -> `--start-date`."""
    return "--" + parameter.python_name.replace("_", "-")


def _accepts(parameter: Parameter) -> str:
    schema, rules = parameter.schema, parameter.rules
    if parameter.kind == "enum":
        text = ", ".join(f"`{value}`" for value in schema["enum"])
        if rules.get("case-insensitive"):
            text += " (any case)"
        return text
    if parameter.kind == "date":
        return "a `date` or `YYYY-MM-DD`"
    if parameter.kind == "date-time":
        text = "a `datetime`, a `date` (midnight UTC) or an ISO 8601 string"
        if rules.get("timezone") == "required":
            text += "; naive datetimes are refused"
        return text
    low = rules.get("minimum", schema.get("minimum"))
    high = schema.get("maximum")
    parts = [f"{parameter.kind}"]
    if low is not None and high is not None:
        parts.append(f"{low} to {high}")
    elif low is not None:
        parts.append(f">= {low}")
    elif high is not None:
        parts.append(f"<= {high}")
    if "pattern" in schema:
        parts.append(f"matching `{schema['pattern']}`")
    if "default" in schema:
        parts.append(f"API default {schema['default']}")
    return ", ".join(parts)


def render_table(operation: Operation) -> str:
    """The Markdown table of an operation's filters: argument, CLI option, wire name, values."""
    rows = [
        "| `list()` argument | command line | sent as | accepts | description |",
        "|---|---|---|---|---|",
    ]
    for parameter in operation.parameters:
        if not parameter.is_filter:
            continue
        description = parameter.description.replace("|", "\\|")
        accepts = _accepts(parameter).replace("|", "\\|")
        rows.append(
            f"| `{parameter.python_name}` | `{cli_option(parameter)}` | `{parameter.name}` "
            f"| {accepts} | {description} |"
        )
    return "\n".join(rows) + "\n"


def readme_blocks(specs: Mapping[str, Path]) -> dict[str, str]:
    """Every generated README block by name, for the specs given by vendor."""
    blocks = {}
    for vendor, spec in specs.items():
        for operation in read_operations(spec):
            if operation.items_key is not None:
                blocks[block_name(vendor, operation)] = render_table(operation)
    return blocks


def _marker(name: str, end: bool = False) -> str:
    return f"<!-- {'END' if end else 'BEGIN'} GENERATED: {name} -->"


def fill_readme(text: str, blocks: Mapping[str, str]) -> str:
    """`text` with each marked block replaced by its generated content.

    Raises:
        SpecError: a block's markers are missing from the README.
    """
    for name, content in blocks.items():
        begin, end = _marker(name), _marker(name, end=True)
        start, stop = text.find(begin), text.find(end)
        if start < 0 or stop < start:
            raise SpecError(f"README.md lacks the markers {begin} ... {end}")
        text = text[: start + len(begin)] + "\n" + content + text[stop:]
    return text

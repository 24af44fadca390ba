"""Drift check 3: compare a vendor's published OpenAPI document with our hand-maintained spec.

Usage:

    python -m codegen.upstream VENDOR DOCUMENT [--spec PATH] [--allowlist PATH] [--all]

VENDOR is `truemed` or `goodstack` (our spec defaults to `specs/<vendor>.yaml`); DOCUMENT is a
path or an http(s) URL of the vendor's OpenAPI 3.0 or 3.1 document, in JSON or YAML.

Every operation of our spec is matched with the vendor's by method and path, and its
parameters, request body and responses are compared after both documents are normalised
(3.0 `nullable: true`, 3.1 type arrays and `anyOf [..., null]`, `$ref`, `allOf`, our
`anyOf [enum, string]` fallback), so equivalent schemas produce no difference.

Severity follows one rule: a difference is `breaking` when it lets a real exchange fail.

- Request side (parameters, request body): breaking when our client may send something the
  vendor's document does not accept (a parameter or enum value it no longer lists, a required
  parameter we may omit, a looser bound, a looser type).
- Response side (success bodies, which the generated models parse strictly): breaking when the
  vendor may send something our models reject (a field we require that may be absent, a null
  where we expect a value, an enum value our closed enum does not know, another type or format).
- Error bodies (non-2xx) are reported but never breaking: the overlay reads them leniently
  (`eligibility_clients._errors`), never through the generated models.

Everything else is `info`. Exit status: 1 when a breaking difference is not allow-listed in
`codegen/upstream-allowlist.toml`, 0 otherwise, 2 for a usage error or an unreadable document.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, NoReturn

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ALLOWLIST = ROOT / "codegen" / "upstream-allowlist.toml"
VENDORS = ("truemed", "goodstack")
FETCH_TIMEOUT_SECONDS = 30.0
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

Severity = Literal["breaking", "info"]
Direction = Literal["request", "response"]
Scalar = str | int | float | bool

# Every kind of difference, with what it means. The allow-list refuses any other kind.
KINDS: dict[str, str] = {
    "operation-missing": "an operation of our spec is not in the vendor's document",
    "operation-not-covered": "an operation of the vendor's document is not in our spec (--all)",
    "parameter-added": "the vendor documents a parameter we do not",
    "parameter-removed": "we declare a parameter the vendor no longer documents",
    "parameter-retyped": "a parameter's type or format differs",
    "parameter-required": "a parameter's required-ness differs",
    "request-body-added": "the vendor documents a request body we do not",
    "request-body-removed": "we send a request body the vendor does not document",
    "response-status-added": "the vendor documents a response status we do not",
    "response-status-removed": "we document a response status the vendor does not",
    "response-body-added": "the vendor documents a body for a status where we document none",
    "response-body-removed": "we document a body for a status where the vendor documents none",
    "field-added": "the vendor documents a field we do not",
    "field-removed": "we declare a field the vendor does not",
    "field-retyped": "a field's type or format differs",
    "field-required": "a field's required-ness differs",
    "nullability-changed": "one side allows null and the other does not",
    "enum-value-added": "the vendor lists an enum value we do not",
    "enum-value-removed": "we list an enum value the vendor does not",
    "enum-changed": "one side restricts a value to an enum and the other does not",
    "constraint-changed": "a bound, pattern or default differs",
}

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Formats that only annotate a number's width: no parser or validator acts on them.
_ANNOTATION_FORMATS = frozenset({"int32", "int64", "float", "double"})
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_EXACT_CONSTRAINTS = ("pattern", "multipleOf", "uniqueItems")
_CONSTRAINTS = (*_LOWER_BOUNDS, *_UPPER_BOUNDS, *_EXACT_CONSTRAINTS, "default")


class UpstreamError(Exception):
    """A usage problem: a document that cannot be read, or a bad allow-list."""


@dataclass(frozen=True)
class Difference:
    """One difference between our spec and the vendor's document."""

    operation: str
    location: str
    kind: str
    ours: str
    theirs: str
    severity: Severity
    note: str = ""


@dataclass(frozen=True)
class AllowEntry:
    """One allow-list entry: differences it matches are expected, for `reason`."""

    vendor: str
    operation: str
    kind: str
    location: str
    reason: str

    def matches(self, difference: Difference) -> bool:
        """True when this entry covers `difference` (globs in operation and location)."""
        return (
            self.kind == difference.kind
            and _glob(self.operation).fullmatch(difference.operation) is not None
            and _glob(self.location).fullmatch(difference.location) is not None
        )

    def describe(self) -> str:
        """One line naming the entry."""
        return f"[[{self.vendor}]] {self.kind} {self.operation} {self.location}"


@dataclass(frozen=True)
class Outcome:
    """A difference and the allow-list entry that covers it, if any."""

    difference: Difference
    allowed_by: AllowEntry | None = None

    @property
    def failing(self) -> bool:
        """A breaking difference that no allow-list entry covers."""
        return self.difference.severity == "breaking" and self.allowed_by is None


def _glob(pattern: str) -> re.Pattern[str]:
    """`**` matches anything, `*` anything but a dot; every other character is literal."""
    parts = re.split(r"(\*\*|\*)", pattern)
    regex = "".join(
        ".*" if part == "**" else "[^.]*" if part == "*" else re.escape(part) for part in parts
    )
    return re.compile(regex)


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def load_document(source: str | Path) -> dict[str, Any]:
    """Read an OpenAPI 3.0/3.1 document (JSON or YAML) from a path or an http(s)/file URL."""
    text = _read_text(str(source))
    try:
        document: object = json.loads(text)
    except json.JSONDecodeError:
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise UpstreamError(f"{source}: neither JSON nor YAML ({problem})") from exc
    if not isinstance(document, dict):
        raise UpstreamError(f"{source}: not an OpenAPI document (no top-level mapping)")
    if "swagger" in document:
        raise UpstreamError(f"{source}: Swagger 2.0 is not supported, only OpenAPI 3.0 and 3.1")
    version = str(document.get("openapi", ""))
    if not version.startswith(("3.0", "3.1")):
        raise UpstreamError(f"{source}: not an OpenAPI 3.0 or 3.1 document (openapi={version!r})")
    paths = document.get("paths", {})
    if not isinstance(paths, dict):
        raise UpstreamError(f"{source}: `paths` is not a mapping")
    return document


def _read_text(source: str) -> str:
    if re.match(r"^(https?|file)://", source, re.IGNORECASE):
        request = urllib.request.Request(
            source,
            headers={
                "Accept": "application/json, application/yaml;q=0.9, */*;q=0.1",
                "User-Agent": "eligibility-clients-upstream-check",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
                raw: bytes = response.read(MAX_DOCUMENT_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise UpstreamError(f"{source}: cannot fetch ({exc})") from exc
    elif "://" in source:
        raise UpstreamError(f"{source}: unsupported URL scheme (use http, https or a path)")
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise UpstreamError(f"{source}: cannot read ({exc.strerror or exc})") from exc
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise UpstreamError(f"{source}: larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UpstreamError(f"{source}: not UTF-8 text") from exc


def load_allowlist(path: Path, vendor: str | None = None) -> list[AllowEntry]:
    """Read and check the allow-list; return the entries of `vendor` (all when None)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UpstreamError(f"{path}: cannot read the allow-list ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UpstreamError(f"{path}: invalid TOML ({exc})") from exc
    entries: list[AllowEntry] = []
    for table, items in data.items():
        if table not in VENDORS:
            raise UpstreamError(f"{path}: unknown table [[{table}]] (expected one of {VENDORS})")
        if not isinstance(items, list):
            raise UpstreamError(f"{path}: write [[{table}]] entries, not a [{table}] table")
        for number, item in enumerate(items, start=1):
            where = f"{path}: entry {number} of [[{table}]]"
            entries.append(_allow_entry(table, item, where))
    return [entry for entry in entries if vendor is None or entry.vendor == vendor]


def _allow_entry(vendor: str, item: object, where: str) -> AllowEntry:
    if not isinstance(item, dict):
        raise UpstreamError(f"{where}: not a table")
    fields = ("operation", "kind", "location", "reason")
    unknown = sorted(set(item) - set(fields))
    if unknown:
        raise UpstreamError(f"{where}: unknown key(s) {', '.join(unknown)}")
    values: dict[str, str] = {}
    for name in fields:
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            what = "a reason: say why this difference is expected" if name == "reason" else name
            raise UpstreamError(f"{where}: missing or empty {what}")
        values[name] = value.strip()
    if values["kind"] not in KINDS:
        raise UpstreamError(f"{where}: unknown kind {values['kind']!r}")
    return AllowEntry(vendor=vendor, **values)


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------


@dataclass
class Shape:
    """A schema reduced to what matters for compatibility, in one style for 3.0 and 3.1.

    `types` holds the non-null JSON types (None: unconstrained, empty: only null). An enum
    next to a plain branch of the same value (our `anyOf [enum, string]`) is `open_enum`:
    the listed values are known, any other value is still accepted.
    """

    types: frozenset[str] | None = None
    nullable: bool = False
    format: str | None = None
    enum: frozenset[Scalar] | None = None
    open_enum: bool = False
    properties: dict[str, Shape] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Shape | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    cycle: str | None = None

    @property
    def is_null_only(self) -> bool:
        """Only null is allowed (`type: "null"`)."""
        return self.types is not None and not self.types and self.nullable

    @property
    def is_unconstrained(self) -> bool:
        """Nothing at all is said about the value."""
        return (
            self.types is None
            and self.enum is None
            and not self.properties
            and self.items is None
            and self.format is None
            and self.cycle is None
        )

    @property
    def is_object(self) -> bool:
        """An object, or a schema that describes properties."""
        return bool(self.properties) or (self.types is not None and "object" in self.types)


def _hashable(value: object) -> Scalar:
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, sort_keys=True, default=str)


class Normaliser:
    """Turns the schemas of one document into `Shape`s, resolving local `$ref`s."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self._expanding: list[str] = []

    def resolve(self, ref: str) -> Any:
        """Follow a local JSON pointer (`#/components/...`)."""
        if not ref.startswith("#"):
            raise UpstreamError(f"external $ref {ref!r} is not supported")
        node: Any = self.document
        for raw in ref[1:].split("/")[1:]:
            key = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and key in node:
                node = node[key]
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                raise UpstreamError(f"unresolvable $ref {ref!r}")
        return node

    def deref(self, node: Any) -> Any:
        """Follow `$ref`s until a node without one (for parameters, responses, bodies)."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen:
                raise UpstreamError(f"$ref cycle at {ref!r}")
            seen.add(ref)
            node = self.resolve(ref)
        return node

    def shape(self, schema: Any) -> Shape:
        """Normalise one schema."""
        if schema is True or schema is None:
            return Shape()
        if schema is False:
            return Shape(types=frozenset())
        if not isinstance(schema, Mapping):
            return Shape()
        parts = [self._own(schema)]
        ref = schema.get("$ref")
        if isinstance(ref, str):
            if ref in self._expanding:
                parts.append(Shape(cycle=ref))
            else:
                self._expanding.append(ref)
                try:
                    parts.append(self.shape(self.resolve(ref)))
                finally:
                    self._expanding.pop()
        parts.extend(self.shape(sub) for sub in schema.get("allOf") or [])
        for keyword in ("anyOf", "oneOf"):
            branches = schema.get(keyword)
            if branches:
                parts.append(_any_of([self.shape(branch) for branch in branches]))
        result = _all_of(parts)
        if schema.get("nullable") is True and result.types is not None:
            result.nullable = True
        return result

    def _own(self, schema: Mapping[str, Any]) -> Shape:
        shape = Shape()
        declared = schema.get("type")
        if isinstance(declared, str):
            declared = [declared]
        if isinstance(declared, list):
            shape.types = frozenset(str(t) for t in declared if t != "null")
            shape.nullable = "null" in declared
        values: list[Any] | None = None
        if isinstance(schema.get("enum"), list):
            values = list(schema["enum"])
        elif "const" in schema:
            values = [schema["const"]]
        if values is not None:
            if None in values:
                shape.nullable = True
            shape.enum = frozenset(_hashable(v) for v in values if v is not None)
            if shape.types is None:
                shape.types = frozenset(_json_type(v) for v in values if v is not None)
        if isinstance(schema.get("format"), str):
            shape.format = schema["format"]
        properties = schema.get("properties")
        if isinstance(properties, Mapping):
            shape.properties = {str(k): self.shape(v) for k, v in properties.items()}
            if shape.types is None:
                shape.types = frozenset({"object"})
        required = schema.get("required")
        if isinstance(required, list):
            shape.required = frozenset(str(name) for name in required)
        if "items" in schema and isinstance(schema["items"], Mapping | bool):
            shape.items = self.shape(schema["items"])
            if shape.types is None:
                shape.types = frozenset({"array"})
        shape.constraints = _constraints(schema)
        return shape


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def _constraints(schema: Mapping[str, Any]) -> dict[str, Any]:
    found = {key: schema[key] for key in _CONSTRAINTS if key in schema}
    # 3.0 writes `exclusiveMinimum: true` beside `minimum`; 3.1 writes the bound itself.
    for exclusive, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        flag = found.get(exclusive)
        if isinstance(flag, bool):
            del found[exclusive]
            if flag and bound in found:
                found[exclusive] = found.pop(bound)
    return found


def _intersect_types(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    both = set(a & b)
    if ("integer" in a and "number" in b) or ("number" in a and "integer" in b):
        both.add("integer")
    return frozenset(both)


def _types_within(inner: frozenset[str], outer: frozenset[str]) -> bool:
    """Every type of `inner` is accepted by `outer` (an integer is a number)."""
    return all(t in outer or (t == "integer" and "number" in outer) for t in inner)


def _all_of(parts: Sequence[Shape]) -> Shape:
    """Conjunction: `allOf`, or a node's own keywords beside `$ref`/`anyOf`."""
    constraining = [part for part in parts if not part.is_unconstrained or part.constraints]
    if not constraining:
        return Shape()
    if len(constraining) == 1:
        return replace(constraining[0])
    result = Shape()
    typed = [part for part in constraining if part.types is not None]
    if typed:
        types = typed[0].types or frozenset()
        for part in typed[1:]:
            types = _intersect_types(types, part.types or frozenset())
        result.types = types
        result.nullable = all(part.nullable for part in typed)
    result.format = next((part.format for part in constraining if part.format), None)
    enums = [part for part in constraining if part.enum is not None]
    closed = [part for part in enums if not part.open_enum]
    if closed:
        values = closed[0].enum or frozenset()
        for part in closed[1:]:
            values &= part.enum or frozenset()
        result.enum = values
    elif enums:
        result.enum = frozenset().union(*(part.enum or frozenset() for part in enums))
        result.open_enum = True
    names: dict[str, list[Shape]] = {}
    for part in constraining:
        for name, sub in part.properties.items():
            names.setdefault(name, []).append(sub)
    result.properties = {name: _all_of(subs) for name, subs in names.items()}
    result.required = frozenset().union(*(part.required for part in constraining))
    items = [part.items for part in constraining if part.items is not None]
    result.items = _all_of(items) if items else None
    for part in constraining:
        result.constraints.update(part.constraints)
    result.cycle = next((part.cycle for part in constraining if part.cycle), None)
    return result


def _any_of(branches: Sequence[Shape]) -> Shape:
    """Disjunction: `anyOf`/`oneOf`, with null branches folded into `nullable`."""
    nullable = any(branch.nullable or branch.types is None for branch in branches)
    values = [branch for branch in branches if not branch.is_null_only]
    if not values:
        return Shape(types=frozenset(), nullable=True)
    if len(values) == 1:
        only = replace(values[0])
        if only.types is not None:
            only.nullable = only.nullable or nullable
        return only
    result = Shape(nullable=nullable)
    if all(branch.types is not None for branch in values):
        result.types = frozenset().union(*(branch.types or frozenset() for branch in values))
    formats = {branch.format for branch in values}
    result.format = formats.pop() if len(formats) == 1 else None
    enums = [branch for branch in values if branch.enum is not None]
    if enums:
        result.enum = frozenset().union(*(branch.enum or frozenset() for branch in enums))
        result.open_enum = len(enums) < len(values) or any(branch.open_enum for branch in enums)
    objects = [branch for branch in values if branch.is_object]
    names: dict[str, list[Shape]] = {}
    for branch in objects:
        for name, sub in branch.properties.items():
            names.setdefault(name, []).append(sub)
    result.properties = {name: _any_of(subs) for name, subs in names.items()}
    if objects:
        required = objects[0].required
        for branch in objects[1:]:
            required &= branch.required
        result.required = required
    items = [branch.items for branch in values if branch.items is not None]
    result.items = _any_of(items) if items else None
    first = values[0].constraints
    result.constraints = {
        key: value
        for key, value in first.items()
        if all(branch.constraints.get(key, object()) == value for branch in values[1:])
    }
    result.cycle = next((branch.cycle for branch in values if branch.cycle), None)
    return result


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------


def _severity(direction: Direction, *, ours_wider: bool, theirs_wider: bool) -> Severity:
    """Breaking when the side that must accept the other's values accepts fewer of them."""
    risky = ours_wider if direction == "request" else theirs_wider
    return "breaking" if risky else "info"


def _type_text(shape: Shape) -> str:
    if shape.cycle and shape.types is None:
        return f"recursive {shape.cycle}"
    if shape.types is None:
        text = "any"
    elif not shape.types:
        text = "null"
    else:
        text = "|".join(sorted(shape.types))
    if shape.format:
        text += f" ({shape.format})"
    return text


def _values_text(values: Iterable[Scalar]) -> str:
    return ", ".join(repr(v) for v in sorted(values, key=repr))


def _enum_text(shape: Shape) -> str:
    if shape.enum is None:
        return f"any {_type_text(shape)}"
    text = f"enum [{_values_text(shape.enum)}]"
    return text + " + any string (fallback)" if shape.open_enum else text


def _bound_text(name: str, constraints: Mapping[str, Any]) -> str:
    return f"{name}={constraints[name]!r}" if name in constraints else f"no {name}"


def _join(path: str, segment: str) -> str:
    """Extend a field path: `data` + `[]` is `data[]`, `data[]` + `id` is `data[].id`."""
    if segment == "[]":
        return path + "[]"
    return f"{path}.{segment}" if path else segment


def _location(prefix: str, path: str) -> str:
    """`response 200` + `data[].id`; `parameter tags` + `[]` reads `parameter tags[]`."""
    if not path:
        return prefix
    if "parameter " in prefix:
        return prefix + path if path.startswith("[") else f"{prefix}.{path}"
    return f"{prefix} {path}"


class _OperationComparer:
    """Compares one operation of our spec with the vendor's."""

    def __init__(self, label: str, ours: Normaliser, theirs: Normaliser) -> None:
        self.label = label
        self.ours = ours
        self.theirs = theirs
        self.found: list[Difference] = []

    def add(
        self, location: str, kind: str, ours: str, theirs: str, severity: Severity, note: str = ""
    ) -> None:
        self.found.append(Difference(self.label, location, kind, ours, theirs, severity, note))

    # -- parameters -----------------------------------------------------------------------------

    def parameters(
        self,
        ours: Mapping[tuple[str, str], Mapping[str, Any]],
        theirs: Mapping[tuple[str, str], Mapping[str, Any]],
    ) -> None:
        """Compare parameters matched by location (`in`) and name."""
        for key, mine in ours.items():
            prefix = _parameter_prefix(key, mine)
            other = theirs.get(key)
            if other is None:
                self.add(
                    prefix,
                    "parameter-removed",
                    "declared",
                    "absent",
                    "breaking",
                    "our client can send a parameter the vendor no longer documents",
                )
                continue
            ours_required = _parameter_required(mine)
            theirs_required = _parameter_required(other)
            if ours_required != theirs_required:
                self.add(
                    prefix,
                    "parameter-required",
                    _required_text(ours_required),
                    _required_text(theirs_required),
                    "breaking" if theirs_required else "info",
                    "our client may leave out a parameter the vendor requires"
                    if theirs_required
                    else "",
                )
            self.schema(
                prefix,
                "",
                self.ours.shape(_parameter_schema(mine)),
                self.theirs.shape(_parameter_schema(other)),
                "request",
                retyped_kind="parameter-retyped",
            )
        for key, other in theirs.items():
            if key in ours:
                continue
            required = _parameter_required(other)
            self.add(
                _parameter_prefix(key, other),
                "parameter-added",
                "absent",
                _required_text(required),
                "breaking" if required else "info",
                "the vendor requires a parameter our client never sends" if required else "",
            )

    # -- bodies ---------------------------------------------------------------------------------

    def request_body(self, ours: Any, theirs: Any) -> None:
        """Compare request bodies (their JSON schemas) as something we send."""
        ours, theirs = self.ours.deref(ours), self.theirs.deref(theirs)
        mine, other = _json_body(ours), _json_body(theirs)
        location = "request body"
        if mine is None and other is None:
            return
        if mine is None:
            required = isinstance(theirs, Mapping) and theirs.get("required") is True
            self.add(
                location,
                "request-body-added",
                "none",
                f"{other[0] if other else ''} ({_required_text(required)})",
                "breaking" if required else "info",
                "the vendor requires a body our client never sends" if required else "",
            )
            return
        if other is None:
            self.add(
                location,
                "request-body-removed",
                mine[0],
                "none",
                "breaking",
                "our client sends a body the vendor no longer documents",
            )
            return
        self.schema(location, "", self.ours.shape(mine[1]), self.theirs.shape(other[1]), "request")

    def responses(self, ours: Mapping[Any, Any], theirs: Mapping[Any, Any]) -> None:
        """Compare documented statuses and, for each status both document, the JSON body."""
        mine = {_status_key(key): value for key, value in ours.items()}
        other = {_status_key(key): value for key, value in theirs.items()}
        pairs, only_ours, only_theirs = _match_statuses(mine, other)
        for status in only_ours:
            success = _is_success(status)
            self.add(
                f"response {status}",
                "response-status-removed",
                "documented",
                "not documented",
                "breaking" if success else "info",
                "the vendor no longer documents this success status"
                if success
                else "an error status; the overlay maps any status to an exception",
            )
        for status in only_theirs:
            success = _is_success(status)
            self.add(
                f"response {status}",
                "response-status-added",
                "not documented",
                "documented",
                "breaking" if success else "info",
                "a success our client does not know how to read"
                if success
                else "an error status; the overlay maps any status to an exception",
            )
        for label, ours_status, theirs_status in pairs:
            self._response(label, mine[ours_status], other[theirs_status])

    def _response(self, status: str, ours: Any, theirs: Any) -> None:
        mine = _json_body(self.ours.deref(ours))
        other = _json_body(self.theirs.deref(theirs))
        location = f"response {status}"
        success = _is_success(status)
        if mine is None and other is None:
            return
        if mine is None:
            self.add(
                location,
                "response-body-added",
                "no body",
                f"{other[0] if other else ''} body",
                "breaking" if success else "info",
                "our client ignores a success body the vendor documents" if success else "",
            )
            return
        if other is None:
            self.add(
                location,
                "response-body-removed",
                f"{mine[0]} body",
                "no body",
                "breaking" if success else "info",
                "our client parses a success body the vendor does not document" if success else "",
            )
            return
        start = len(self.found)
        self.schema(location, "", self.ours.shape(mine[1]), self.theirs.shape(other[1]), "response")
        if not success:
            for index in range(start, len(self.found)):
                difference = self.found[index]
                if difference.severity == "breaking":
                    self.found[index] = replace(
                        difference,
                        severity="info",
                        note="error body: the overlay reads it leniently, never through the "
                        "generated models",
                    )

    # -- schemas --------------------------------------------------------------------------------

    def schema(
        self,
        prefix: str,
        path: str,
        ours: Shape,
        theirs: Shape,
        direction: Direction,
        *,
        retyped_kind: str = "field-retyped",
    ) -> None:
        """Compare two normalised schemas at `path`, recursing through objects and arrays."""
        if ours.cycle or theirs.cycle:
            return  # a recursive schema: its first expansion has been compared already
        location = _location(prefix, path)
        self._types(location, ours, theirs, direction, retyped_kind)
        self._enums(location, ours, theirs, direction)
        self._constraints(location, ours, theirs, direction)
        if ours.is_object and theirs.is_object:
            self._properties(prefix, path, ours, theirs, direction)
        if (ours.items is not None or theirs.items is not None) and (
            _may_be_array(ours) and _may_be_array(theirs)
        ):
            self.schema(
                prefix,
                _join(path, "[]"),
                ours.items or Shape(),
                theirs.items or Shape(),
                direction,
            )

    def _types(
        self, location: str, ours: Shape, theirs: Shape, direction: Direction, kind: str
    ) -> None:
        ours_types, theirs_types = ours.types, theirs.types
        ours_wider = theirs_wider = False
        if ours_types != theirs_types:
            if ours_types is None:
                ours_wider = True
            elif theirs_types is None:
                theirs_wider = True
            else:
                ours_wider = not _types_within(ours_types, theirs_types)
                theirs_wider = not _types_within(theirs_types, ours_types)
        if ours.format != theirs.format and not (
            {ours.format, theirs.format} - {None} <= _ANNOTATION_FORMATS
        ):
            ours_wider = ours_wider or theirs.format is not None
            theirs_wider = theirs_wider or ours.format is not None
        if ours_types != theirs_types or ours.format != theirs.format:
            severity = _severity(direction, ours_wider=ours_wider, theirs_wider=theirs_wider)
            self.add(
                location,
                kind,
                _type_text(ours),
                _type_text(theirs),
                severity,
                _NOTES[direction] if severity == "breaking" else "",
            )
        if ours_types is not None and theirs_types is not None and ours.nullable != theirs.nullable:
            severity = _severity(direction, ours_wider=ours.nullable, theirs_wider=theirs.nullable)
            self.add(
                location,
                "nullability-changed",
                _nullable_text(ours.nullable),
                _nullable_text(theirs.nullable),
                severity,
                _NOTES[direction] if severity == "breaking" else "",
            )

    def _enums(self, location: str, ours: Shape, theirs: Shape, direction: Direction) -> None:
        mine, other = ours.enum, theirs.enum
        if mine is None and other is None:
            return
        if mine is not None and other is not None:
            for value in sorted(other - mine, key=repr):
                # The vendor may send it (response) or accepts it (request).
                breaking = direction == "response" and not ours.open_enum
                self.add(
                    location,
                    "enum-value-added",
                    "kept as str by the fallback" if ours.open_enum else "not listed",
                    repr(value),
                    "breaking" if breaking else "info",
                    "our closed enum rejects it" if breaking else "",
                )
            for value in sorted(mine - other, key=repr):
                # We may send it (request) or merely know it (response).
                breaking = direction == "request" and not theirs.open_enum
                self.add(
                    location,
                    "enum-value-removed",
                    repr(value),
                    "not listed",
                    "breaking" if breaking else "info",
                    "our client offers a value the vendor no longer lists" if breaking else "",
                )
            if direction == "response" and theirs.open_enum and not ours.open_enum:
                self._enum_changed(location, ours, theirs, "breaking", "response")
            elif direction == "request" and ours.open_enum and not theirs.open_enum:
                self._enum_changed(location, ours, theirs, "breaking", "request")
            return
        if mine is not None:  # the vendor allows any value
            risky = direction == "response" and not ours.open_enum
        else:  # the vendor restricts to values we do not restrict to
            risky = direction == "request" and not theirs.open_enum
        self._enum_changed(location, ours, theirs, "breaking" if risky else "info", direction)

    def _enum_changed(
        self, location: str, ours: Shape, theirs: Shape, severity: Severity, direction: Direction
    ) -> None:
        self.add(
            location,
            "enum-changed",
            _enum_text(ours),
            _enum_text(theirs),
            severity,
            _NOTES[direction] if severity == "breaking" else "",
        )

    def _constraints(self, location: str, ours: Shape, theirs: Shape, direction: Direction) -> None:
        for name in _CONSTRAINTS:
            mine = ours.constraints.get(name, _MISSING)
            other = theirs.constraints.get(name, _MISSING)
            if mine == other:
                continue
            ours_wider = _looser(name, mine, other)
            theirs_wider = _looser(name, other, mine)
            if direction == "response":
                severity: Severity = "info"  # generated models do not check bounds
            else:
                severity = _severity(direction, ours_wider=ours_wider, theirs_wider=theirs_wider)
            self.add(
                location,
                "constraint-changed",
                _bound_text(name, ours.constraints),
                _bound_text(name, theirs.constraints),
                severity,
                _NOTES[direction] if severity == "breaking" else "",
            )

    def _properties(
        self, prefix: str, path: str, ours: Shape, theirs: Shape, direction: Direction
    ) -> None:
        for name, mine in ours.properties.items():
            where = _join(path, name)
            location = _location(prefix, where)
            ours_required = name in ours.required
            if name not in theirs.properties:
                breaking = direction == "request" or ours_required
                self.add(
                    location,
                    "field-removed",
                    _required_text(ours_required),
                    "absent",
                    "breaking" if breaking else "info",
                    (
                        "our client sends a field the vendor does not document"
                        if direction == "request"
                        else "our model requires a field the vendor does not document"
                    )
                    if breaking
                    else "",
                )
                continue
            theirs_required = name in theirs.required
            if ours_required != theirs_required:
                if direction == "response":
                    breaking = ours_required
                    note = "the vendor may leave it out; our model then fails to parse the body"
                else:
                    breaking = theirs_required
                    note = "our client may leave out a field the vendor requires"
                self.add(
                    location,
                    "field-required",
                    _required_text(ours_required),
                    _required_text(theirs_required),
                    "breaking" if breaking else "info",
                    note if breaking else "",
                )
            self.schema(prefix, where, mine, theirs.properties[name], direction)
        for name in theirs.properties:
            if name in ours.properties:
                continue
            theirs_required = name in theirs.required
            breaking = direction == "request" and theirs_required
            self.add(
                _location(prefix, _join(path, name)),
                "field-added",
                "absent",
                _required_text(theirs_required),
                "breaking" if breaking else "info",
                "the vendor requires a field our client never sends"
                if breaking
                else (
                    "kept in additional_properties until the spec declares it"
                    if direction == "response"
                    else ""
                ),
            )


_NOTES: dict[Direction, str] = {
    "request": "our client may send what the vendor's document does not accept",
    "response": "the vendor may send what our generated model rejects",
}
_MISSING: Any = object()


def _looser(name: str, mine: Any, other: Any) -> bool:
    """`mine` accepts values that `other` refuses, for constraint `name`."""
    if other is _MISSING or name == "default":
        return False
    if mine is _MISSING:
        return True
    try:
        if name in _LOWER_BOUNDS:
            return bool(mine < other)
        if name in _UPPER_BOUNDS:
            return bool(mine > other)
    except TypeError:
        return True
    if name == "uniqueItems":
        return other is True and mine is not True
    return bool(mine != other)


def _may_be_array(shape: Shape) -> bool:
    return shape.types is None or "array" in shape.types


def _required_text(required: bool) -> str:
    return "required" if required else "optional"


def _nullable_text(nullable: bool) -> str:
    return "nullable" if nullable else "not nullable"


def _parameter_prefix(key: tuple[str, str], parameter: Mapping[str, Any]) -> str:
    where = key[0]
    name = str(parameter.get("name", key[1]))
    return f"parameter {name}" if where == "query" else f"{where} parameter {name}"


def _parameter_required(parameter: Mapping[str, Any]) -> bool:
    return parameter.get("required") is True or parameter.get("in") == "path"


def _parameter_schema(parameter: Mapping[str, Any]) -> Any:
    if "schema" in parameter:
        return parameter["schema"]
    body = _json_body(parameter)
    return body[1] if body else None


def _json_body(node: Any) -> tuple[str, Any] | None:
    """The media type and schema of a response, request body or parameter `content`."""
    if not isinstance(node, Mapping):
        return None
    content = node.get("content")
    if not isinstance(content, Mapping) or not content:
        return None
    media_types = [str(media) for media in content]
    chosen = next(
        (m for m in media_types if m.split(";")[0].strip().lower() == "application/json"),
        next((m for m in media_types if "json" in m.lower()), media_types[0]),
    )
    entry = content[chosen]
    schema = entry.get("schema", {}) if isinstance(entry, Mapping) else {}
    return chosen, schema


def _status_key(status: object) -> str:
    text = str(status).strip()
    return "default" if text.lower() == "default" else text.upper()


def _status_range(status: str) -> str | None:
    return f"{status[0]}XX" if len(status) == 3 and status.isdigit() else None


def _is_success(status: str) -> bool:
    return status.startswith("2")


def _match_statuses(
    ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    """Pair statuses exactly, then a specific status with the other side's range (`5XX`)."""
    pairs: list[tuple[str, str, str]] = []
    used_ours: set[str] = set()
    used_theirs: set[str] = set()
    for status in theirs:
        if status in ours:
            pairs.append((status, status, status))
            used_ours.add(status)
            used_theirs.add(status)
    for status in theirs:
        span = _status_range(status)
        if status not in used_theirs and span is not None and span in ours:
            pairs.append((status, span, status))
            used_ours.add(span)
            used_theirs.add(status)
    for status in ours:
        span = _status_range(status)
        if status not in used_ours and span is not None and span in theirs:
            pairs.append((status, status, span))
            used_ours.add(status)
            used_theirs.add(span)
    pairs.sort()
    only_ours = sorted(status for status in ours if status not in used_ours)
    only_theirs = sorted(status for status in theirs if status not in used_theirs)
    return pairs, only_ours, only_theirs


def _mapping(node: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = node.get(key)
    return value if isinstance(value, Mapping) else {}


def _path_key(path: str) -> str:
    """Template names do not matter when matching paths: `/a/{id}` is `/a/{orgId}`."""
    return re.sub(r"\{[^}]*\}", "{}", path).rstrip("/") or "/"


def _operations(
    document: Mapping[str, Any], normaliser: Normaliser
) -> Iterator[tuple[tuple[str, str], str, Mapping[str, Any], Mapping[str, Any]]]:
    """(method, path key), label, path item, operation for every operation of a document."""
    for path, item in _mapping(document, "paths").items():
        item = normaliser.deref(item)
        if not isinstance(item, Mapping):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, Mapping):
                yield (method, _path_key(str(path))), f"{method.upper()} {path}", item, operation


def _parameters(
    item: Mapping[str, Any], operation: Mapping[str, Any], normaliser: Normaliser
) -> dict[tuple[str, str], Mapping[str, Any]]:
    """Path-level parameters overridden by the operation's, keyed by (`in`, name)."""
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    declared = [item.get("parameters"), operation.get("parameters")]
    for raw in [entry for group in declared if isinstance(group, list) for entry in group]:
        parameter = normaliser.deref(raw)
        if not isinstance(parameter, Mapping):
            continue
        where = str(parameter.get("in", "query"))
        name = str(parameter.get("name", ""))
        found[(where, name.lower() if where == "header" else name)] = parameter
    return found


def compare(
    ours: Mapping[str, Any], theirs: Mapping[str, Any], *, include_uncovered: bool = False
) -> list[Difference]:
    """Every difference between our spec and the vendor's document, operation by operation.

    With `include_uncovered`, operations of the vendor's document that our spec does not
    describe are listed too (as info).
    """
    ours_normaliser, theirs_normaliser = Normaliser(ours), Normaliser(theirs)
    theirs_operations = {
        key: (item, operation) for key, _, item, operation in _operations(theirs, theirs_normaliser)
    }
    differences: list[Difference] = []
    covered: set[tuple[str, str]] = set()
    for key, label, item, operation in _operations(ours, ours_normaliser):
        covered.add(key)
        comparer = _OperationComparer(label, ours_normaliser, theirs_normaliser)
        match = theirs_operations.get(key)
        if match is None:
            comparer.add(
                "operation",
                "operation-missing",
                "declared",
                "absent",
                "breaking",
                "the vendor's document has no operation with this method and path",
            )
        else:
            their_item, their_operation = match
            comparer.parameters(
                _parameters(item, operation, ours_normaliser),
                _parameters(their_item, their_operation, theirs_normaliser),
            )
            comparer.request_body(operation.get("requestBody"), their_operation.get("requestBody"))
            comparer.responses(
                _mapping(operation, "responses"), _mapping(their_operation, "responses")
            )
        differences.extend(comparer.found)
    if include_uncovered:
        for key, label, _, _ in _operations(theirs, theirs_normaliser):
            if key not in covered:
                differences.append(
                    Difference(
                        label, "operation", "operation-not-covered", "absent", "declared", "info"
                    )
                )
    return differences


# --------------------------------------------------------------------------------------------
# Allow-list and report
# --------------------------------------------------------------------------------------------


def apply_allowlist(
    differences: Sequence[Difference], entries: Sequence[AllowEntry]
) -> tuple[list[Outcome], list[AllowEntry]]:
    """Pair each difference with the first entry that covers it; return the stale entries too."""
    used: set[int] = set()
    outcomes: list[Outcome] = []
    for difference in differences:
        entry_index = next(
            (index for index, entry in enumerate(entries) if entry.matches(difference)), None
        )
        if entry_index is None:
            outcomes.append(Outcome(difference))
        else:
            used.add(entry_index)
            outcomes.append(Outcome(difference, entries[entry_index]))
    stale = [entry for index, entry in enumerate(entries) if index not in used]
    return outcomes, stale


def _rank(outcome: Outcome) -> int:
    if outcome.failing:
        return 0
    return 1 if outcome.difference.severity == "breaking" else 2


def _count(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def render_report(
    outcomes: Sequence[Outcome], stale: Sequence[AllowEntry], *, header: Sequence[str] = ()
) -> str:
    """The readable report: grouped by operation, breaking first, then a summary."""
    lines = list(header)
    operations: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        operations.setdefault(outcome.difference.operation, []).append(outcome)
    for operation, group in operations.items():
        breaking = sum(o.difference.severity == "breaking" for o in group)
        allowed = sum(
            o.difference.severity == "breaking" and o.allowed_by is not None for o in group
        )
        lines.append("")
        lines.append(
            f"{operation}: {breaking} breaking ({allowed} allowed), {len(group) - breaking} info"
        )
        for outcome in sorted(group, key=_rank):
            difference = outcome.difference
            tag = "BREAKING" if difference.severity == "breaking" else "info"
            lines.append(f"  {tag:<8}  {difference.kind}  {difference.location}")
            detail = f"ours: {difference.ours} | theirs: {difference.theirs}"
            if difference.note:
                detail += f"  ({difference.note})"
            lines.append(f"            {detail}")
            if outcome.allowed_by is not None:
                lines.append(f"            allowed: {outcome.allowed_by.reason}")
    if stale:
        lines.append("")
        for entry in stale:
            lines.append(f"warning: stale allow-list entry, it matches nothing: {entry.describe()}")
    all_breaking = [o for o in outcomes if o.difference.severity == "breaking"]
    failing = [o for o in all_breaking if o.failing]
    lines.append("")
    lines.append(
        f"Summary: {_count(len(outcomes), 'difference')} in "
        f"{_count(len(operations), 'operation')}: {len(all_breaking)} breaking "
        f"({len(all_breaking) - len(failing)} allowed, {len(failing)} not allowed), "
        f"{len(outcomes) - len(all_breaking)} info; "
        f"{_count(len(stale), 'stale allow-list entry', 'stale allow-list entries')}."
    )
    if failing:
        lines.append(
            f"FAILED: {_count(len(failing), 'breaking difference')} not allow-listed. Update "
            "the spec and regenerate, or add an allow-list entry with a reason."
        )
    else:
        lines.append("OK: no breaking difference outside the allow-list.")
    return "\n".join(lines)


def check(
    vendor: str,
    document: str,
    *,
    spec: Path | None = None,
    allowlist: Path | None = None,
    include_uncovered: bool = False,
) -> tuple[int, str]:
    """Run the whole check; return the exit status (0 or 1) and the report.

    Raises `UpstreamError` for anything that is a usage problem (exit status 2).
    """
    if vendor not in VENDORS:
        raise UpstreamError(f"unknown vendor {vendor!r} (expected one of {', '.join(VENDORS)})")
    spec_path = spec or ROOT / "specs" / f"{vendor}.yaml"
    ours = load_document(spec_path)
    theirs = load_document(document)
    if allowlist is None:
        allowlist = DEFAULT_ALLOWLIST
        entries = load_allowlist(allowlist, vendor) if allowlist.exists() else []
    else:
        entries = load_allowlist(allowlist, vendor)
    differences = compare(ours, theirs, include_uncovered=include_uncovered)
    outcomes, stale = apply_allowlist(differences, entries)
    info: Mapping[str, Any] = theirs["info"] if isinstance(theirs.get("info"), Mapping) else {}
    header = [
        f"Upstream drift check for {vendor}",
        f"  ours:       {_display(spec_path)}",
        f"  theirs:     {document} (OpenAPI {theirs.get('openapi')}, "
        f"{info.get('title', 'untitled')!s} {info.get('version', '')!s})".rstrip(),
        f"  allow-list: {_display(allowlist)} ({_count(len(entries), 'entry', 'entries')})",
    ]
    report = render_report(outcomes, stale, header=header)
    return (1 if any(outcome.failing for outcome in outcomes) else 0), report


def _display(path: Path) -> str:
    resolved = path.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UpstreamError(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = _Parser(
        prog="python -m codegen.upstream",
        description="Compare a vendor's published OpenAPI document with our spec.",
    )
    parser.add_argument("vendor", choices=VENDORS, help="whose spec to compare")
    parser.add_argument("document", help="path or http(s) URL of the vendor's OpenAPI document")
    parser.add_argument("--spec", type=Path, help="our spec (default: specs/<vendor>.yaml)")
    parser.add_argument(
        "--allowlist", type=Path, help=f"allow-list (default: {_display(DEFAULT_ALLOWLIST)})"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        dest="include_uncovered",
        help="also list the vendor's operations that our spec does not describe",
    )
    try:
        args = parser.parse_args(argv)
        status, report = check(
            args.vendor,
            args.document,
            spec=args.spec,
            allowlist=args.allowlist,
            include_uncovered=args.include_uncovered,
        )
    except UpstreamError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    print(report)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Values for the fakes' records, built from the item schemas the spec declares.

Every documented field gets a value from its schema: its type, format, enum, pattern, examples
and nullability. Identifier-like examples (`organisation_xxxx...`) give ids with the same
prefix and shape; date-times fall between the record's creation and the fake's clock, never
after it. What the schema cannot say (realistic names, amounts, which fields a status fills
in) comes from a table of overrides keyed by field path (`results.eligibilityStatus`), so a
field the spec adds later still gets a valid value, non-null on most records.
"""

from __future__ import annotations

import importlib
import random
import re
import string
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

# A field that may be null is null on this share of the records that have no override for it.
NULL_SHARE = 0.1
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*_[A-Za-z0-9-]+$")
_ALPHANUMERIC = string.ascii_lowercase + string.digits


@dataclass(frozen=True)
class Moments:
    """The span a record's generated date-times fall in: from its creation to the clock."""

    created: datetime
    clock: datetime

    def between(self, rng: random.Random) -> datetime:
        """A moment from `created` to `clock`, whole seconds."""
        span = max(0, int((self.clock - self.created).total_seconds()))
        return self.created + timedelta(seconds=rng.randint(0, span))


Override = Callable[[], Any]
"""A hand-written value for one field: called when the record is built."""


def fixed(value: Any) -> Override:
    """An override that is always `value`."""
    return lambda: value


def iso(moment: datetime | None, *, millis: bool = False) -> str | None:
    """Format as the vendors do: Truemed `...Z`, Goodstack `....000Z`."""
    if moment is None:
        return None
    text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{moment.microsecond // 1000:03d}Z" if millis else f"{text}Z"


def enum_values(schema: Mapping[str, Any]) -> tuple[str, ...]:
    """The values of the enum in `schema` (directly or in one of its `anyOf` branches)."""
    if "enum" in schema:
        return tuple(schema["enum"])
    for branch in (*schema.get("anyOf", ()), *schema.get("oneOf", ())):
        values = enum_values(branch)
        if values:
            return values
    return ()


def weighted(values: tuple[str, ...], weights: Mapping[str, float]) -> tuple[float, ...]:
    """Each value's weight: the one written down, else the written ones' mean.

    The spec's list decides which values exist; the weights only adjust how often each comes,
    so a value the spec adds later appears about as often as a typical one.
    """
    known = [weights[value] for value in values if value in weights]
    typical = sum(known) / len(known) if known else 1.0
    return tuple(weights.get(value, typical) for value in values)


def spread(
    rng: random.Random, values: tuple[str, ...], weights: Mapping[str, float], count: int
) -> list[str]:
    """`count` values drawn by weight, each value present at least once when `count` allows."""
    drawn = rng.choices(values, weights=weighted(values, weights), k=count) if values else []
    missing = [value for value in values if value not in drawn]
    if count >= len(values):
        slots = rng.sample(range(count), len(missing))
        for slot, value in zip(slots, missing, strict=True):
            drawn[slot] = value
    return drawn


def subschema(schema: Mapping[str, Any], path: str) -> Mapping[str, Any]:
    """The schema at a dotted field path; `[]` steps into an array's items (`tags[].name`)."""
    node = _branch(schema)
    for part in path.split("."):
        name, _, rest = part.partition("[]")
        node = _branch(node["properties"][name])
        if part.endswith("[]"):
            node = _branch(node["items"])
        assert not rest, path
    return node


def _nullable(schema: Mapping[str, Any]) -> bool:
    kinds = schema.get("type")
    if kinds == "null" or (isinstance(kinds, list) and "null" in kinds):
        return True
    return any(_nullable(b) for b in (*schema.get("anyOf", ()), *schema.get("oneOf", ())))


def _branch(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The non-null branch a value is built from: an enum's first, for a documented value."""
    branches = [
        b for b in (*schema.get("anyOf", ()), *schema.get("oneOf", ())) if b.get("type") != "null"
    ]
    if not branches:
        return schema
    return next((b for b in branches if enum_values(b)), branches[0])


def _type(schema: Mapping[str, Any]) -> str | None:
    kinds = schema.get("type")
    if isinstance(kinds, list):
        kinds = next((k for k in kinds if k != "null"), None)
    if kinds is None and "properties" in schema:
        return "object"
    return kinds if isinstance(kinds, str) else None


class SchemaValues:
    """Builds JSON values from schemas with one random generator, so a seed gives one result."""

    def __init__(
        self, rng: random.Random, moments: Moments, *, null_share: float = NULL_SHARE
    ) -> None:
        self.rng = rng
        self.moments = moments
        self.null_share = null_share
        """The share of nullable fields left null: 1.0 gives the least a schema accepts."""

    def record(
        self, schema: Mapping[str, Any], overrides: Mapping[str, Override], prefix: str = ""
    ) -> dict[str, Any]:
        """Every property of an object schema, in its order; `overrides` by dotted path."""
        schema = _branch(schema)
        built: dict[str, Any] = {}
        for name, field in schema.get("properties", {}).items():
            path = f"{prefix}{name}"
            if path in overrides:
                built[name] = overrides[path]()
            elif _type(_branch(field)) == "object" and any(
                key.startswith(f"{path}.") for key in overrides
            ):
                built[name] = self.record(field, overrides, f"{path}.")
            else:
                built[name] = self.value(field, name)
        return built

    def value(self, schema: Mapping[str, Any], name: str) -> Any:
        """A value `schema` accepts; null on `null_share` of the calls when it allows null."""
        if _nullable(schema) and self.rng.random() < self.null_share:
            return None
        schema = _branch(schema)
        if "const" in schema:
            return schema["const"]
        values = enum_values(schema)
        if values:
            return self.rng.choice(values)
        kind = _type(schema)
        if kind == "object":
            return self.record(schema, {})
        if kind == "array":
            low = int(schema.get("minItems", 0))
            high = max(low, min(int(schema.get("maxItems", 2)), 2))
            return [self.value(schema["items"], name) for _ in range(self.rng.randint(low, high))]
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind in ("integer", "number"):
            return self._number(schema, kind)
        return self._text(schema, name)

    def _number(self, schema: Mapping[str, Any], kind: str) -> int | float:
        low = schema.get("minimum", 0)
        high = schema.get("maximum", low + 1000)
        if kind == "integer":
            return self.rng.randint(int(low), int(high))
        return round(self.rng.uniform(float(low), float(high)), 2)

    def _text(self, schema: Mapping[str, Any], name: str) -> str:
        form, pattern = schema.get("format"), schema.get("pattern")
        examples = [e for e in schema.get("examples", ()) if isinstance(e, str)]
        if pattern is not None:
            examples = [e for e in examples if re.search(pattern, e)]
        if form == "date-time":
            return str(iso(self.moments.between(self.rng)))
        if form == "date":
            return self.moments.between(self.rng).date().isoformat()
        if form == "email":
            return f"{name.lower()}{self.rng.randint(1, 9999)}@example.com"
        if form == "uuid":
            return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        if form in ("uri", "url"):
            return f"https://example.com/{self._token(8)}"
        if examples:
            return self._like(self.rng.choice(examples))
        if pattern is not None:
            return from_pattern(pattern, self.rng)
        text = f"{name}-{self._token(6)}"
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        text = text.ljust(low, "x")
        return text[:high] if high is not None else text

    def _like(self, example: str) -> str:
        """An example as is, or for an id (`prefix_...`), a new id of the same shape."""
        if _IDENTIFIER.match(example) is None:
            return example
        prefix, _, body = example.partition("_")
        return f"{prefix}_{''.join(self._like_char(c) for c in body)}"

    def _like_char(self, char: str) -> str:
        if char == "x" or char not in string.hexdigits:
            return self.rng.choice(_ALPHANUMERIC) if char.isalnum() else char
        if char.isdigit():
            return self.rng.choice(string.digits)
        return self.rng.choice("abcdef")

    def _token(self, size: int) -> str:
        return "".join(self.rng.choice(_ALPHANUMERIC) for _ in range(size))


def from_pattern(pattern: str, rng: random.Random) -> str:
    """A string matching the regular expression `pattern` (literals, classes, repeats)."""
    parser: Any = importlib.import_module("re._parser")  # the stdlib's own regex parser
    text = "".join(_emit(parser.parse(pattern), rng))
    if re.search(pattern, text) is None:  # a construct this walk does not cover
        raise ValueError(f"cannot build a value for the pattern {pattern!r}")
    return text


def _emit(tokens: Any, rng: random.Random) -> list[str]:
    out: list[str] = []
    for op, argument in tokens:
        kind = str(op)
        if kind == "LITERAL":
            out.append(chr(argument))
        elif kind == "ANY":
            out.append(rng.choice(_ALPHANUMERIC))
        elif kind == "IN":
            out.append(_one_of(argument, rng))
        elif kind in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, inner = argument
            for _ in range(rng.randint(low, min(high, low + 3))):
                out.extend(_emit(inner, rng))
        elif kind == "SUBPATTERN":
            out.extend(_emit(argument[-1], rng))
        elif kind == "BRANCH":
            out.extend(_emit(rng.choice(argument[1]), rng))
    return out


def _one_of(items: Any, rng: random.Random) -> str:
    choices: list[str] = []
    for op, argument in items:
        kind = str(op)
        if kind == "LITERAL":
            choices.append(chr(argument))
        elif kind == "RANGE":
            choices.extend(chr(c) for c in range(argument[0], argument[1] + 1))
        elif kind == "CATEGORY":
            category = str(argument)
            choices.extend(
                string.digits if "DIGIT" in category else _ALPHANUMERIC + string.ascii_uppercase
            )
    return rng.choice(choices or list(_ALPHANUMERIC))

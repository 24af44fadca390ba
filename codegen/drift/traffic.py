"""Drift check 2: recorded traffic vs the specs.

Every interaction in every cassette must fit the spec of the operation it called:

- the request goes to one of the spec's servers, on a path and method the spec declares, and
  sends only query parameters the operation declares; a value outside its parameter's schema
  must have been refused (4xx), else the server accepts what the spec forbids;
- the response has a status the operation documents (exactly, as `4XX`/`5XX`, or `default`);
- a documented body is JSON and validates against that status's schema (formats included).

So a cassette re-recorded from the real API that no longer fits our spec fails, naming the
cassette, the interaction, the field and the rule. Usage (normally through `nox -s drift`):

    python -m codegen.drift.traffic [CASSETTE_DIR_OR_FILE ...]   # default: tests/cassettes
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from codegen.paths import ROOT
from codegen.refs import References

SPECS = (ROOT / "specs/truemed.yaml", ROOT / "specs/goodstack.yaml")
CASSETTES = ROOT / "tests/cassettes"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Problem:
    """One way an exchange breaks its spec."""

    source: str
    rule: str
    field: str
    detail: str

    def __str__(self) -> str:
        where = f" at {self.field}" if self.field else ""
        return f"{self.source}: [{self.rule}]{where}: {self.detail}"


@dataclass(frozen=True)
class Exchange:
    """One recorded request and its response, as the checks need them."""

    source: str
    method: str
    url: str
    status: int
    content_type: str
    body: bytes


class Spec:
    """One OpenAPI document, ready to check exchanges against."""

    def __init__(self, document: Mapping[str, Any], name: str) -> None:
        self.document = document
        self.name = name
        self.hosts = frozenset(
            urlsplit(server["url"]).hostname or "" for server in document.get("servers", [])
        )
        self.paths: Mapping[str, Mapping[str, Any]] = document.get("paths", {})
        self.references = References(document)

    @classmethod
    def load(cls, path: Path) -> Spec:
        """Read a spec file (YAML or JSON)."""
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)

    def template_for(self, path: str) -> str | None:
        """The spec path that `path` is an instance of: itself, or a templated one.

        `/v1/things/abc` matches `/v1/things/{id}`; a literal path wins over a template.
        """
        if path in self.paths:
            return path
        for template in self.paths:
            if "{" in template and _template_pattern(template).fullmatch(path):
                return template
        return None

    def validator(self, schema: Mapping[str, Any]) -> Draft202012Validator:
        """A JSON Schema 2020-12 validator for `schema`, resolving `#/components/...` refs."""
        root = {**schema, "components": self.document.get("components", {})}
        return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)

    def check(self, exchange: Exchange, *, requests: bool = True) -> list[Problem]:
        """Everything about `exchange` that the spec does not allow.

        With `requests=False` only the response is judged (for deliberately bad requests).
        """
        parts = urlsplit(exchange.url)
        problems: list[Problem] = []

        def problem(rule: str, field: str, detail: str) -> None:
            problems.append(Problem(exchange.source, rule, field, detail))

        host = parts.hostname or ""
        if host not in self.hosts and host not in LOOPBACK_HOSTS:
            problem("server", "host", f"{host!r} is not a server of {self.name}")
        template = self.template_for(parts.path)
        operation = self.paths.get(template or "", {}).get(exchange.method.lower())
        if operation is None:
            problem("operation", "path", f"{exchange.method} {parts.path} is not in {self.name}")
            return problems
        if requests:
            # A value outside its schema is drift only if the server accepted it: a 4xx for it
            # is what the spec predicts (the suite records such 400s on purpose).
            self._check_query(operation, parts.query, problem, check_values=exchange.status < 400)
        self._check_response(operation, exchange, problem)
        return problems

    def _check_query(
        self, operation: Mapping[str, Any], query: str, problem: Any, *, check_values: bool
    ) -> None:
        declared = {p["name"]: p for p in operation.get("parameters", []) if p.get("in") == "query"}
        for name, raw in parse_qsl(query, keep_blank_values=True):
            parameter = declared.get(name)
            if parameter is None:
                problem(
                    "undeclared-parameter",
                    f"query.{name}",
                    f"not a parameter of {operation.get('operationId')}; declared: "
                    f"{', '.join(sorted(declared))}",
                )
                continue
            if not check_values:
                continue
            value = _coerce(raw, self.references.deref(parameter.get("schema", {})))
            for error in self.validator(parameter.get("schema", {})).iter_errors(value):
                problem("parameter-schema", f"query.{name}", f"{raw!r}: {error.message}")

    def _check_response(
        self, operation: Mapping[str, Any], exchange: Exchange, problem: Any
    ) -> None:
        responses: Mapping[str, Any] = operation.get("responses", {})
        status = str(exchange.status)
        documented = next(
            (key for key in (status, f"{status[0]}XX", "default") if key in responses), None
        )
        if documented is None:
            problem(
                "undocumented-status",
                "status",
                f"{exchange.status} is not documented (documented: {', '.join(responses)})",
            )
            return
        content = responses[documented].get("content") or {}
        schema = (content.get("application/json") or {}).get("schema")
        if schema is None:
            return  # The spec documents no body for this status: any body is allowed.
        if "json" not in exchange.content_type:
            problem(
                "content-type",
                "body",
                f"status {documented} documents JSON; got {exchange.content_type or 'none'!r}",
            )
            return
        try:
            body = json.loads(exchange.body)
        except ValueError as exc:
            problem("json", "body", f"not valid JSON: {exc}")
            return
        errors = sorted(self.validator(schema).iter_errors(body), key=lambda e: list(e.path))
        for error in errors:
            problem("response-schema", _field(error) or "body", _describe(error))


def _coerce(raw: str, schema: Mapping[str, Any]) -> object:
    """A query string value as the JSON value its schema describes."""
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            return float(raw)
    except ValueError:
        return raw
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


def _field(error: ValidationError) -> str:
    text = ""
    for part in error.absolute_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _describe(error: ValidationError) -> str:
    # anyOf failures say only "not valid under any of the given schemas"; name the closest.
    if error.context:
        deepest = max(error.context, key=lambda e: len(e.absolute_path))
        return f"{error.message} (closest: {deepest.message})"
    return str(error.message)


def read_cassette(path: Path) -> Iterator[Exchange]:
    """The exchanges recorded in one vcrpy cassette."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for index, interaction in enumerate(data.get("interactions", [])):
        request, response = interaction["request"], interaction["response"]
        headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
        content_type = headers.get("content-type", [""])
        body = (response.get("body") or {}).get("string", b"")
        yield Exchange(
            source=f"{_display(path)}#{index}",
            method=request["method"],
            url=request["uri"],
            status=int(response["status"]["code"]),
            content_type=content_type[0] if isinstance(content_type, list) else content_type,
            body=body.encode() if isinstance(body, str) else bytes(body),
        )


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _template_pattern(template: str) -> re.Pattern[str]:
    """`/v1/things/{id}` as a regex: each `{name}` stands for one non-empty path segment."""
    parts = re.split(r"\{[^}]+\}", template)
    return re.compile("[^/]+".join(re.escape(part) for part in parts))


def spec_for(url: str, specs: Sequence[Spec]) -> Spec | None:
    """The spec that declares the URL's path, literally or as a templated path."""
    path = urlsplit(url).path
    return next((spec for spec in specs if spec.template_for(path) is not None), None)


def check_exchanges(
    exchanges: Iterable[Exchange], specs: Sequence[Spec], *, requests: bool = True
) -> list[Problem]:
    """Every problem of every exchange; one with no matching spec is a problem too."""
    problems: list[Problem] = []
    for exchange in exchanges:
        spec = spec_for(exchange.url, specs)
        if spec is None:
            problems.append(
                Problem(exchange.source, "operation", "path", f"no spec declares {exchange.url}")
            )
            continue
        problems.extend(spec.check(exchange, requests=requests))
    return problems


def cassette_files(locations: Iterable[Path]) -> list[Path]:
    """All cassette files under the given files and folders, sorted."""
    found: set[Path] = set()
    for location in locations:
        if location.is_dir():
            found.update(location.rglob("*.yaml"))
        elif location.is_file():
            found.add(location)
    return sorted(found)


def main(argv: Sequence[str] | None = None) -> int:
    """Check the cassettes; print a report; 1 when any exchange breaks its spec."""
    parser = argparse.ArgumentParser(prog="python -m codegen.drift.traffic", description=__doc__)
    parser.add_argument("locations", nargs="*", type=Path, default=[CASSETTES])
    args = parser.parse_args(argv)
    specs = [Spec.load(path) for path in SPECS]
    files = cassette_files(args.locations)
    if not files:
        print(f"traffic drift: no cassettes under {', '.join(map(str, args.locations))}")
        return 1
    exchanges = [exchange for path in files for exchange in read_cassette(path)]
    problems = check_exchanges(exchanges, specs)
    if problems:
        print(f"Traffic drift: {len(problems)} problem(s) in recorded traffic vs specs/:")
        for item in problems:
            print(f"  {item}")
        print(
            "Fix: if the API really changed, update specs/ and regenerate (nox -s generate); "
            "if the recording is wrong, re-record it (nox -s record)."
        )
        return 1
    print(
        f"No traffic drift: {len(exchanges)} recorded exchanges in {len(files)} cassettes fit "
        "the specs (status, body schema, parameters)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

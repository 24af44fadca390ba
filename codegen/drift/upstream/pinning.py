"""The vendor's published facts, pinned in the repository: structure only, none of its prose.

`python -m codegen.drift.upstream.pinning goodstack DOCUMENT --source URL` reads the vendor's
published OpenAPI document and writes `specs/upstream/<vendor>.json`: the operations our spec
covers and the schemas they reach, with names, types, formats, enums, required sets,
nullability and references, and nothing else (no descriptions, summaries or examples). It
records where the document came from and when. Drift check 3 and the omission property test
read this file in every `nox` run, offline; the weekly workflow compares the live document
with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from codegen.drift.upstream.loading import load_document
from codegen.drift.upstream.model import VENDORS, UpstreamError
from codegen.paths import ROOT
from codegen.refs import References, UnresolvableReference, segments

PINNED = ROOT / "specs" / "upstream"
#: The keys kept from a schema, a parameter or an operation: what the differ compares.
_STRUCTURAL = frozenset(
    {
        "openapi",
        "paths",
        "components",
        "schemas",
        "parameters",
        "responses",
        "content",
        "schema",
        "operationId",
        "name",
        "in",
        "required",
        "type",
        "format",
        "enum",
        "nullable",
        "items",
        "properties",
        "additionalProperties",
        "$ref",
        "anyOf",
        "oneOf",
        "allOf",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "pattern",
        "default",
        *("get", "put", "post", "delete", "patch"),
    }
)
_METHODS = ("get", "put", "post", "delete", "patch")


def pinned_path(vendor: str) -> Path:
    """Where the pinned facts of `vendor` live."""
    return PINNED / f"{vendor}.json"


def _reduce(node: Any, *, under_names: bool = False) -> Any:
    """`node` with every non-structural key left out, recursively.

    Under `properties`, `schemas`, `paths` and response codes the keys are names, not
    keywords, so they are all kept.
    """
    if isinstance(node, list):
        return [_reduce(element) for element in node]
    if not isinstance(node, Mapping):
        return node
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if not under_names and key not in _STRUCTURAL and not _is_media_type(key):
            continue
        names = key in ("properties", "schemas", "paths", "responses", "content", "parameters")
        kept[key] = _reduce(value, under_names=names)
    return kept


def _is_media_type(key: str) -> bool:
    return "/" in key


def _references(node: Any) -> set[str]:
    if isinstance(node, list):
        return {ref for element in node for ref in _references(element)}
    if not isinstance(node, Mapping):
        return set()
    found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
    for value in node.values():
        found |= _references(value)
    return found


def pin(
    document: Mapping[str, Any], paths: Sequence[str], *, source: str, retrieved: str
) -> dict[str, Any]:
    """The pinned form of `document`: `paths` and every component they reach, structure only."""
    missing = [path for path in paths if path not in document.get("paths", {})]
    if missing:
        raise UpstreamError(f"the published document has no {', '.join(missing)}")
    kept_paths = {
        path: {
            method: operation
            for method, operation in document["paths"][path].items()
            if method in _METHODS
        }
        for path in paths
    }
    components: dict[str, dict[str, Any]] = {}
    references = References(document)
    pending = _references(kept_paths)
    done: set[str] = set()
    while pending:
        reference = pending.pop()
        done.add(reference)
        try:
            parts = segments(reference)
            target = references.lookup(reference)
        except UnresolvableReference as exc:
            raise UpstreamError(str(exc)) from None
        if len(parts) != 3 or parts[0] != "components":
            raise UpstreamError(f"unsupported reference {reference!r}")
        components.setdefault(parts[1], {})[parts[2]] = target
        pending |= _references(target) - done
    reduced = _reduce(
        {"openapi": document["openapi"], "paths": kept_paths, "components": components}
    )
    info = document.get("info", {})
    reduced["info"] = {"title": info.get("title", ""), "version": info.get("version", "")}
    reduced["x-pinned"] = {
        "source": source,
        "retrieved": retrieved,
        "by": "python -m codegen.drift.upstream.pinning",
    }
    return dict(sorted(reduced.items()))


def our_paths(vendor: str) -> list[str]:
    """The paths our spec describes, which are the ones pinned."""
    spec = yaml.safe_load((ROOT / "specs" / f"{vendor}.yaml").read_text(encoding="utf-8"))
    return list(spec["paths"])


def main(argv: Sequence[str] | None = None) -> int:
    """Write `specs/upstream/<vendor>.json` from the vendor's published document."""
    parser = argparse.ArgumentParser(prog="python -m codegen.drift.upstream.pinning")
    parser.add_argument("vendor", choices=VENDORS)
    parser.add_argument("document", help="path or http(s) URL of the published document")
    parser.add_argument("--source", required=True, help="the document's public URL, recorded")
    parser.add_argument(
        "--retrieved", default=dt.date.today().isoformat(), help="when it was fetched (YYYY-MM-DD)"
    )
    args = parser.parse_args(argv)
    try:
        document = load_document(args.document)
        pinned = pin(document, our_paths(args.vendor), source=args.source, retrieved=args.retrieved)
    except UpstreamError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    target = pinned_path(args.vendor)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Drift check 3, loading: read an OpenAPI document (path or URL) and the allow-list."""

from __future__ import annotations

import json
import re
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from codegen.drift.upstream.model import (
    FETCH_TIMEOUT_SECONDS,
    KINDS,
    MAX_DOCUMENT_BYTES,
    VENDORS,
    AllowEntry,
    UpstreamError,
)


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

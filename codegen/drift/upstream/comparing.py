"""Drift check 3, comparing: match operations by method and path, then compare them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from codegen.drift.upstream.model import Difference
from codegen.drift.upstream.normalising import Normaliser
from codegen.drift.upstream.schemas import _required_text, _SchemaComparer

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class _OperationComparer(_SchemaComparer):
    """Compares one operation of our spec with the vendor's."""

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

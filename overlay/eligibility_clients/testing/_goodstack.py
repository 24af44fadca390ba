"""`FakeGoodstack`: List Eligibility Subscriptions held in memory, answering as Goodstack does."""

from __future__ import annotations

import base64
import hashlib
import json
import random
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

from .._goodstack import LIST, OPERATIONS
from .._http_types import HTTPRequest, HTTPResponse
from .._operation import Operation
from . import _data
from ._fake import FakeAPI, json_response
from ._wire import ClassValidatorDialect, Dialect, Query

_DEFAULT_PAGE_SIZE: int = LIST.parameter("page_size").schema["default"]
_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
}


class FakeGoodstack(FakeAPI):
    """Goodstack's `GET /v1/eligibility-subscriptions`, stateful and in memory.

    - Authenticates the raw secret key in `Authorization` (else 401 "Authorization header is
      invalid"; a publishable `pk_` key gets 403 `forbidden`).
    - Accepts every query parameter `specs/goodstack.yaml` declares, checked against its schema.
      Filters by `status`, `query` (organisation id), `startDate`/`endDate` (on `createdAt`,
      inclusive) and `hasOrganisation`; orders by `sort`/`direction` (default: newest first).
      A declared parameter with no meaning written here is accepted and logged as not applied.
    - Paginates with opaque cursors: `_links.next` is an absolute URL on the host the request
      came to. `expire_cursors()` makes every cursor handed out so far invalid.
    - Rejects bad parameters with 400 `bad_request` and class-validator style `reasons`, and a
      corrupt or expired cursor with 400 `pagination/cursor_error`.

    Args:
        seed: Seeds the generated records; the same seed gives the same data.
        count: How many subscriptions to generate (default 33, the vendor's documented total).
        subscriptions: Use these records (wire-format dicts) instead of generated ones.
        api_key: The secret key to accept (default `FakeGoodstack.DEFAULT_API_KEY`).
    """

    DEFAULT_API_KEY = "sk_fake_goodstack_key"
    PATH = LIST.path
    OPERATIONS: ClassVar[tuple[Operation[Any], ...]] = OPERATIONS
    RECORDS: ClassVar[str] = "subscriptions"
    ID_FIELD: ClassVar[str] = "id"
    # What each filter means is written below; the spec cannot say it.
    APPLIED: ClassVar[Mapping[str, frozenset[str]]] = {
        LIST.operation_id: frozenset(
            {"status", "query", "startDate", "endDate", "hasOrganisation", "sort"}
            | {"direction", "cursor", "pageSize"}
        )
    }
    DIALECT: ClassVar[Dialect] = ClassValidatorDialect()

    def __init__(
        self,
        *,
        seed: int = 0,
        count: int = 33,
        subscriptions: Iterable[Mapping[str, Any]] | None = None,
        api_key: str | None = None,
    ) -> None:
        super().__init__(api_key=api_key)
        self._rng = random.Random(f"goodstack-added:{seed}")
        self._cursor_generation = 0
        self._catalogue = _data.goodstack_catalogue(seed)
        self.subscriptions: list[dict[str, Any]] = (
            [dict(s) for s in subscriptions]
            if subscriptions is not None
            else _data.goodstack_subscriptions(seed, count)
        )

    def __len__(self) -> int:
        return len(self.subscriptions)

    def add_subscription(self, **fields: Any) -> dict[str, Any]:
        """Add a subscription created now; unspecified fields get realistic values.

        Returns the stored record (wire format), e.g. `fake.add_subscription(status="live")`.
        """
        subtags, partner, configuration = self._catalogue
        record = _data.goodstack_subscription(
            self._rng,
            str(fields.get("status", "live")),
            datetime.now(UTC).replace(microsecond=0),
            subtags,
            partner,
            configuration,
        )
        record.update(fields)
        with self._lock:
            self.subscriptions.append(record)
        return record

    def expire_cursors(self) -> None:
        """Invalidate every cursor handed out so far, as a vendor-side expiry would."""
        with self._lock:
            self._cursor_generation += 1

    def _check_key(self, request: HTTPRequest) -> HTTPResponse | None:
        given = request.headers.get("authorization", "")
        if given.startswith("pk_"):
            return self.error_response(
                403, "forbidden", "Access is denied due to missing scope permissions"
            )
        if self.api_key and given == self.api_key:
            return None
        return self.error_response(401, "unauthorized", "Authorization header is invalid")

    def error_response(
        self, status: int, code: str, message: str, reasons: list[str] | None = None
    ) -> HTTPResponse:
        """Goodstack's error body: `{"error": {code, title, message, reasons}}`."""
        title = _TITLES.get(status, "Internal Server Error" if status >= 500 else "Error")
        error = {"code": code, "title": title, "message": message, "reasons": reasons}
        return json_response(status, {"error": error})

    def invalid_response(self, problems: list[str]) -> HTTPResponse:
        """400 `bad_request` with class-validator style `reasons`."""
        return self.error_response(400, "bad_request", "Bad request", problems)

    def _list_eligibility_subscriptions(
        self, request: HTTPRequest, query: Query, path_params: Mapping[str, str]
    ) -> HTTPResponse:
        params, values = request.url.params, query.values
        size: int = values.get("pageSize", _DEFAULT_PAGE_SIZE)
        status, organisation = values.get("status"), values.get("query")
        start, end = values.get("startDate"), values.get("endDate")
        has_org: bool | None = values.get("hasOrganisation")
        sort, direction = values.get("sort"), values.get("direction", "DESC")
        offset = 0
        if params.get("cursor") is not None:
            decoded = self._decode_cursor(params["cursor"])
            if decoded is None:
                return self.error_response(
                    400, "pagination/cursor_error", "Unable to find the next page"
                )
            offset = decoded

        matches = [
            s
            for s in self.subscriptions
            if (status is None or s["status"] == status)
            and (organisation is None or s["organisationId"] == organisation)
            and (start is None or _parse(s["createdAt"]) >= start)
            and (end is None or _parse(s["createdAt"]) <= end)
            and (has_org is None or (s["organisationId"] is not None) == has_org)
        ]
        key = "id" if sort == "id" else "createdAt"
        matches.sort(key=lambda s: (s[key], s["id"]), reverse=direction == "DESC")
        window = matches[offset : offset + size]
        base = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}{self.PATH}"
        kept = [(k, v) for k, v in params.multi_items() if k != "cursor"]

        def link(position: int) -> str:
            pairs = [*kept, ("cursor", self._encode_cursor(position))] if position else kept
            return f"{base}?{urlencode(pairs)}" if pairs else base

        links: dict[str, str | None] = {
            "current": link(offset),
            "next": link(offset + size) if size and offset + size < len(matches) else None,
            "prev": link(max(0, offset - size)) if offset else None,
        }
        return json_response(
            200,
            {
                "data": window,
                "object": "eligibility_subscription",
                "totalResults": len(matches),
                "pageSize": size,
                "_links": links,
            },
        )

    def _encode_cursor(self, offset: int) -> str:
        payload = json.dumps({"g": self._cursor_generation, "o": offset}, separators=(",", ":"))
        raw = payload.encode() + b"." + _digest(payload.encode())
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _decode_cursor(self, cursor: str) -> int | None:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            payload, _, digest = raw.rpartition(b".")
            if not payload or digest != _digest(payload):
                return None
            fields = json.loads(payload)
        except (ValueError, TypeError):
            return None
        if not isinstance(fields, dict) or fields.get("g") != self._cursor_generation:
            return None
        offset = fields.get("o")
        return offset if isinstance(offset, int) and offset >= 0 else None


def _digest(payload: bytes) -> bytes:
    # A checksum, not a secret: it lets the fake tell a corrupt cursor from a valid one.
    return hashlib.sha256(b"fake-goodstack-cursor:" + payload).hexdigest()[:12].encode()


def _parse(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

"""`FakeTruemed`: List Qualification Sessions held in memory, answering as Truemed documents."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from .._http_types import HTTPRequest, HTTPResponse
from .._operation import Operation
from .._truemed import LIST, OPERATIONS
from . import _data
from ._fake import FakeAPI, json_response
from ._wire import Dialect, Query, RestFrameworkDialect

_DEFAULT_PAGE: int = LIST.parameter("page").schema["default"]
_DEFAULT_PAGE_SIZE: int = LIST.parameter("page_size").schema["default"]

_SEARCHED = ("email", "user_business_id", "user_id", "_name", "_utm", "_external_user_id")


class FakeTruemed(FakeAPI):
    """Truemed's `GET /api/v1/qualification_sessions`, stateful and in memory.

    - Authenticates `x-truemed-api-key` against `api_key` (else 401 `Unauthorized`).
    - Accepts every query parameter `specs/truemed.yaml` declares, checked against its schema.
      Filters by `status`, `user_id`, `expires_at` (the UTC date) and `search` (user name,
      email, user_business_id, utm, external_user_id; case-insensitive substring). A declared
      parameter with no meaning written here is accepted and logged as not applied.
    - Sorts newest first and paginates by `page`/`page_size` with the pagination object.
    - Rejects bad parameters with 400 `ValidationError`, as Truemed does.

    Args:
        seed: Seeds the generated records; the same seed gives the same data.
        count: How many sessions to generate (default 100, over every status the spec lists).
        sessions: Use these records (wire-format dicts) instead of generated ones.
        api_key: The key to accept (default `FakeTruemed.DEFAULT_API_KEY`).
    """

    DEFAULT_API_KEY = "tm_fake_truemed_key"
    PATH = LIST.path
    OPERATIONS: ClassVar[tuple[Operation[Any], ...]] = OPERATIONS
    RECORDS: ClassVar[str] = "sessions"
    ID_FIELD: ClassVar[str] = "qualification_session_id"
    # What each filter means is written below; the spec cannot say it.
    APPLIED: ClassVar[Mapping[str, frozenset[str]]] = {
        LIST.operation_id: frozenset(
            {"page", "page_size", "status", "user_id", "expires_at", "search"}
        )
    }
    DIALECT: ClassVar[Dialect] = RestFrameworkDialect()

    def __init__(
        self,
        *,
        seed: int = 0,
        count: int = 100,
        sessions: Iterable[Mapping[str, Any]] | None = None,
        api_key: str | None = None,
    ) -> None:
        super().__init__(api_key=api_key)
        self._rng = random.Random(f"truemed-added:{seed}")
        self.sessions: list[dict[str, Any]] = (
            [dict(s) for s in sessions]
            if sessions is not None
            else _data.truemed_sessions(seed, count)
        )

    def __len__(self) -> int:
        return len(self.sessions)

    def add_session(self, **fields: Any) -> dict[str, Any]:
        """Add a session, newest of all; unspecified fields get realistic values.

        Returns the stored record (wire format), e.g. `fake.add_session(status="approved")`.
        """
        user = {
            "user_id": fields.get("user_id", f"user_added{len(self.sessions)}"),
            "email": fields.get("email", f"added{len(self.sessions)}@example.com"),
            "user_business_id": None,
            "_name": "Added User",
            "_external_user_id": None,
        }
        status = fields.get("status", "approved")
        created = datetime.now(UTC).replace(microsecond=0)
        record = _data.truemed_session(self._rng, user, str(status), created)
        record.update(fields)
        with self._lock:
            self.sessions.insert(0, record)
        return record

    def _check_key(self, request: HTTPRequest) -> HTTPResponse | None:
        if request.headers.get("x-truemed-api-key") == self.api_key and self.api_key:
            return None
        return self.error_response(401, "Unauthorized", "Invalid or missing API key.")

    def error_response(self, status: int, code: str, message: str) -> HTTPResponse:
        """Truemed's error body: `{"error": <code>, "message": <details>}`."""
        names = {
            "not_found": "NotFound",
            "method_not_allowed": "MethodNotAllowed",
            "rate_limited": "RateLimited",
            "internal_server_error": "InternalServerError",
        }
        return json_response(status, {"error": names.get(code, code), "message": message})

    def invalid_response(self, problems: list[str]) -> HTTPResponse:
        """400 `ValidationError`, the problems in one message, as Truemed answers."""
        return self.error_response(400, "ValidationError", " ".join(problems))

    def _list_qualification_sessions(
        self, request: HTTPRequest, query: Query, path_params: Mapping[str, str]
    ) -> HTTPResponse:
        values = query.values
        page: int = values.get("page", _DEFAULT_PAGE)
        size: int = values.get("page_size", _DEFAULT_PAGE_SIZE)
        status, user_id = values.get("status"), values.get("user_id")
        expires_on: date | None = values.get("expires_at")
        matches = [
            s
            for s in self.sessions
            if (status is None or s["status"] == status)
            and (user_id is None or s["user_id"] == user_id)
            and (expires_on is None or _utc_date(s["expires_at"]) == expires_on)
            and _matches_search(s, values.get("search"))
        ]
        # Truemed sorts by created_at, newest first; records users supply may come in any order.
        matches.sort(key=lambda s: s["created_at"] or "", reverse=True)
        last_page = max(1, math.ceil(len(matches) / size))
        window = matches[(page - 1) * size : page * size]
        return json_response(
            200,
            {
                "qualification_sessions": [_public(s) for s in window],
                "pagination": {
                    "current_page": page,
                    "page_size": size,
                    "count": len(matches),
                    "last_page": last_page,
                },
            },
        )


def _utc_date(stamp: str | None) -> date | None:
    if stamp is None:
        return None
    return datetime.fromisoformat(stamp).astimezone(UTC).date()


def _matches_search(session: Mapping[str, Any], search: str | None) -> bool:
    if not search:
        return True
    needle = search.casefold()
    return any(needle in str(session.get(key) or "").casefold() for key in _SEARCHED)


def _public(session: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in session.items() if not key.startswith("_")}

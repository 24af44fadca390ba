"""What both fakes share: the key check, the request log, faults, and the in-process transport."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import httpx2

from .._http_types import HTTPRequest, HTTPResponse
from .._operation import Operation
from .._secrets import MIN_KEY_LENGTH
from ._faults import ConnectionDropped, Faults, apply_fault
from ._wire import Dialect, Query, path_pattern, read_query

logger = logging.getLogger("eligibility_clients.testing")

Handler = Callable[[HTTPRequest, Query, Mapping[str, str]], HTTPResponse]


class FakeAPI:
    """Base of `FakeTruemed` and `FakeGoodstack`: a vendor's operations held in memory.

    This class routes a request to the declared operation whose path (templated, such as
    `/v1/things/{id}`) and method match, checks the key, reads and checks every parameter the
    spec declares for it (a refused one gets the vendor's 400), logs the request, applies
    injected faults and offers `transport`. Subclasses answer each operation they serve in a
    method named `_<operation_id>(request, query, path_params)`.
    """

    #: The key a fake accepts unless it is given another one.
    DEFAULT_API_KEY = ""
    #: Path of the list operation the fake serves.
    PATH = ""
    #: The operations served, as their spec declares them (generated declarations).
    OPERATIONS: ClassVar[tuple[Operation[Any], ...]] = ()
    #: Per operation id, the parameters (wire names) whose meaning the fake implements; any
    #: other declared parameter is accepted, checked and logged as not applied.
    APPLIED: ClassVar[Mapping[str, frozenset[str]]] = {}
    #: How the vendor words a refused parameter.
    DIALECT: ClassVar[Dialect]
    #: The attribute holding the fake's records, and the field a retrieve-one operation (one
    #: path parameter, no list of items) finds a record by: such operations are served with
    #: no handler of their own.
    RECORDS: ClassVar[str] = ""
    ID_FIELD: ClassVar[str] = "id"

    def __init__(self, *, api_key: str | None = None) -> None:
        if api_key is not None and len(api_key) < MIN_KEY_LENGTH:
            # The clients refuse such a key, so a fake that took one could never be called.
            raise ValueError(
                f"{type(self).__name__}: api_key must be at least {MIN_KEY_LENGTH} characters, "
                "as the clients require"
            )
        self.api_key: str = api_key if api_key is not None else self.DEFAULT_API_KEY
        self.faults: Faults = Faults()
        self.requests: list[HTTPRequest] = []
        # Guards the records and the log: the sync client may fetch pages from several threads.
        self._lock = threading.RLock()

    @property
    def transport(self) -> FakeTransport:
        """A transport (sync and async) that answers from this fake, with no sockets.

        Pass it as `transport=` to any of the clients; see `FakeTransport`.
        """
        return FakeTransport(self)

    def handle_request(self, request: HTTPRequest) -> HTTPResponse:
        """Answer one request as the vendor would (without the latency, which callers add).

        `request` is an `httpx2.Request`; the answer is an `httpx2.Response`. A subclass may
        override this to answer some requests its own way and pass the rest to `super()`;
        what it returns must then be an `httpx2.Response` too.

        Raises:
            ConnectionDropped: an injected fault asks for the connection to be dropped.
        """
        with self._lock:
            self.requests.append(request)
        fault = self.faults._take()
        if fault is not None:
            return apply_fault(fault, request, self._respond, self.error_response)
        return self._respond(request)

    def serves(self, path: str) -> bool:
        """Whether one of the fake's operations lives at `path`."""
        return any(pattern.fullmatch(path) for pattern, _ in self._routes())

    def _routes(self) -> list[tuple[re.Pattern[str], Operation[Any]]]:
        return [(path_pattern(operation.path), operation) for operation in self.OPERATIONS]

    def _respond(self, request: HTTPRequest) -> HTTPResponse:
        path = request.url.path
        matches = [(p.fullmatch(path), op) for p, op in self._routes() if p.fullmatch(path)]
        if not matches:
            return self.error_response(404, "not_found", f"No route for {path}")
        found = next(((m, op) for m, op in matches if op.method == request.method), None)
        if found is None:
            return self.error_response(405, "method_not_allowed", f"{request.method} not allowed")
        denied = self._check_key(request)
        if denied is not None:
            return denied
        match, operation = found
        assert match is not None
        query = read_query(operation, request.url.params, self.DIALECT)
        if query.problems:
            return self.invalid_response(query.problems)
        applied = self.APPLIED.get(operation.operation_id, frozenset())
        for name in query.values:
            if name not in applied:
                logger.info(
                    "%s: %s=%r is accepted but not applied; the fake implements no meaning for it",
                    type(self).__name__,
                    name,
                    query.values[name],
                )
        handler: Handler | None = getattr(self, f"_{operation.operation_id}", None)
        if handler is None and operation.items_key is None and len(match.groupdict()) == 1:
            with self._lock:
                return self._retrieve_one(*match.groupdict().values())
        if handler is None:
            return self.error_response(501, "not_implemented", f"{operation.operation_id}")
        with self._lock:
            return handler(request, query, match.groupdict())

    def _retrieve_one(self, wanted: str) -> HTTPResponse:
        """The record whose `ID_FIELD` is `wanted`, as the vendor would answer it, or a 404."""
        records: list[dict[str, Any]] = getattr(self, self.RECORDS)
        for record in records:
            if record.get(self.ID_FIELD) == wanted:
                return json_response(200, {k: v for k, v in record.items() if k[:1] != "_"})
        return self.error_response(404, "not_found", f"No record with {self.ID_FIELD} {wanted}")

    def invalid_response(self, problems: list[str]) -> HTTPResponse:
        """The vendor's 400 for refused parameters."""
        raise NotImplementedError

    def _check_key(self, request: HTTPRequest) -> HTTPResponse | None:
        raise NotImplementedError

    def error_response(self, status: int, code: str, message: str) -> HTTPResponse:
        """A response carrying this vendor's error body."""
        raise NotImplementedError

    def __repr__(self) -> str:
        # Never show the key, even a fake one: reprs end up in logs and bug reports.
        return f"{type(self).__name__}(records={len(self)}, requests={len(self.requests)})"

    def __len__(self) -> int:
        raise NotImplementedError


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx2.Response:
    """A JSON response encoded compactly, as both vendors send it."""
    content = json.dumps(body, separators=(",", ":")).encode()
    return httpx2.Response(
        status,
        headers={"Content-Type": "application/json", **(headers or {})},
        content=content,
    )


class FakeTransport:
    """Serve a fake in-process: pass it as `transport=` to a sync or an async client.

    It is a `SyncTransport` and an `AsyncTransport`. Latency is slept in the calling thread
    (sync) or awaited (async), so concurrent requests overlap as they would on a real network.

    After the latency it hands the request to an `httpx2.MockTransport` that asks the fake,
    so vcrpy, which patches `MockTransport`, records and replays what goes through it like
    any network request.
    """

    def __init__(self, fake: FakeAPI) -> None:
        self.fake: FakeAPI = fake
        self._mock = httpx2.MockTransport(self._answer)

    def handle_request(self, request: HTTPRequest) -> HTTPResponse:
        """Answer a sync client's request."""
        if self.fake.faults.latency > 0:
            time.sleep(self.fake.faults.latency)
        return self._mock.handle_request(_sent(request))

    async def handle_async_request(self, request: HTTPRequest) -> HTTPResponse:
        """Answer an async client's request."""
        if self.fake.faults.latency > 0:
            await asyncio.sleep(self.fake.faults.latency)
        return await self._mock.handle_async_request(_sent(request))

    def close(self) -> None:
        """Nothing to release: the fake holds no connections."""

    async def aclose(self) -> None:
        """Nothing to release: the fake holds no connections."""

    def _answer(self, request: httpx2.Request) -> httpx2.Response:
        try:
            response = self.fake.handle_request(request)
        except ConnectionDropped as exc:
            raise httpx2.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from exc
        if isinstance(response, httpx2.Response):
            return response
        raise TypeError(
            f"{type(self.fake).__name__}.handle_request returned {type(response).__name__}; "
            "a fake must answer with an httpx2.Response"
        )

    def __repr__(self) -> str:
        return f"FakeTransport({self.fake!r})"


def _sent(request: HTTPRequest) -> httpx2.Request:
    """The request a client sent, which is httpx2's own (the protocol types only the surface)."""
    if isinstance(request, httpx2.Request):
        return request
    raise TypeError(f"FakeTransport serves httpx2.Request objects, got {type(request).__name__}")

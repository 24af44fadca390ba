"""The base of `client.<resource>` objects, apart from the clients that build them."""

from __future__ import annotations

from typing import Final, Generic, Protocol, TypeVar

import httpx2

from ._sending import RequestOptions

HTTPClientT = TypeVar("HTTPClientT", httpx2.Client, httpx2.AsyncClient)


class ResourceHost(Protocol[HTTPClientT]):
    """What a resource reads of its client when it is built."""

    _http: HTTPClientT

    @property
    def _request_options(self) -> RequestOptions: ...

    @property
    def strict_response_validation(self) -> bool: ...


class APIResource(Generic[HTTPClientT]):
    """Base of `client.<resource>` objects: built from their client, as in Stainless SDKs.

    A resource reads its client's connection pool, per-request options and mode when it is
    built; a client made by `with_options()` builds its own resources.
    """

    def __init__(self, client: ResourceHost[HTTPClientT]) -> None:
        self._http: Final[HTTPClientT] = client._http
        self._options: Final = client._request_options
        self._strict: Final = client.strict_response_validation

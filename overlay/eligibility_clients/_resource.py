"""Resources: `client.<resource>` objects, and the one way every list operation is walked.

A vendor module declares a `Listing` (its operation, envelope, where the items are, how it
pages) and subclasses `SyncListResource` or `AsyncListResource` with a typed `list()` that
hands its arguments on; everything else is here, once for both APIs and both modes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Any, Generic, TypeVar

import httpx2

from . import _params
from ._api_resource import APIResource
from ._client import AsyncAPIClient, SyncAPIClient
from ._logging import RequestLabel
from ._operation import Operation, check
from ._page_request import Loaded, PageRequest, PaginationStyle
from ._pagination import AsyncPaginator, AsyncSource, SyncPage, SyncSource
from ._parsing import Model, parse_model, parse_page
from ._presence import PresenceCheck
from ._sending import asend, label, send

ItemT = TypeVar("ItemT")
ModelT = TypeVar("ModelT", bound=Model)
#: A `list()` call's filters, checked against the operation's declaration.
Filters = Mapping[str, Any]
ExtraQuery = Mapping[str, _params.QueryValue] | None
#: The event a concurrent walk sets once it is closed; None outside one.
Closed = threading.Event | None
EnvelopeT = TypeVar("EnvelopeT", bound=Model)
HTTPClientT = TypeVar("HTTPClientT", httpx2.Client, httpx2.AsyncClient)


@dataclass(frozen=True)
class Listing(Generic[EnvelopeT, ItemT]):
    """What differs between list operations: everything a walk of one needs to know.

    `api` names the vendor in messages; `operation` is the spec's declaration, which also says
    where the envelope holds the items; `style` how the pages follow one another (and where
    the envelope holds what leads on: a page whose link part does not parse keeps its items);
    `item_id` what a walk de-duplicates by; `prepare` adjusts the first request (e.g. page
    numbers the walk counts in ints).
    """

    api: str
    operation: Operation[Any]
    envelope: type[EnvelopeT]
    style: PaginationStyle[EnvelopeT]
    item_id: Callable[[ItemT], Hashable]
    prepare: Callable[[PageRequest], PageRequest] = lambda request: request
    label: Mapping[str, RequestLabel] = field(init=False)
    items: Callable[[EnvelopeT], list[ItemT]] = field(init=False)

    def __post_init__(self) -> None:
        # Tells log lines which operation a request is, and which of its values are personal.
        object.__setattr__(self, "label", label(self.operation))
        key = self.operation.items_key
        if key is None:
            raise ValueError(f"{self.operation.operation_id} returns no list of items")
        names = {json: name for name, json in getattr(self.envelope, "_json_names", ())}
        attribute = names.get(key, key)
        object.__setattr__(self, "items", attrgetter(attribute))

    @property
    def items_key(self) -> str:
        """The envelope's JSON key for the items, as the spec declares it."""
        return str(self.operation.items_key)

    def first_request(
        self, filters: Mapping[str, Any], extra_query: Mapping[str, _params.QueryValue] | None
    ) -> PageRequest:
        """The checked first request; raises ValueError/TypeError before anything is sent."""
        arguments = check(self.operation, filters)
        # The generated bridge calls the request builder, the spec's word on names and
        # encodings, with one checked keyword per parameter (and the spec's defaults).
        kwargs = self.operation.kwargs(arguments)
        params = {**kwargs["params"], **_params.extra_query(extra_query)}
        return self.prepare(PageRequest(url=kwargs["url"], params=params))

    def loaded(self, response: httpx2.Response, presence: PresenceCheck) -> Loaded[ItemT]:
        """Parse one page's response, keeping its items when only its way on is broken."""
        envelope, broken = parse_page(
            self.envelope,
            response,
            link_key=self.style.link_key,
            items_key=self.items_key,
            presence=presence,
        )
        return Loaded(
            self.items(envelope),
            total_count=self.style.total(envelope),
            response=response,
            envelope=envelope,
            style=self.style,
            broken=broken,
        )


@dataclass(frozen=True)
class Retrieval(Generic[ModelT]):
    """A retrieve-one operation: the spec's declaration, and the model its answer is."""

    api: str
    operation: Operation[Any]
    model: type[ModelT]
    label: Mapping[str, RequestLabel] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", label(self.operation))

    def request(self, arguments: Mapping[str, Any], method: str) -> tuple[str, Mapping[str, Any]]:
        """The checked request's path and query; raises ValueError/TypeError before sending."""
        kwargs = self.operation.kwargs(check(self.operation, arguments, method=method))
        return kwargs["url"], {**kwargs.get("params", {})}

    def parsed(self, response: httpx2.Response, strict: bool) -> ModelT:
        """The answer as the model; a left-out field is logged, or raised when `strict`."""
        model = parse_model(self.model, response)
        PresenceCheck(self.api, strict=strict).check_one(model, response, response.content)
        return model


class _ListResource(APIResource[HTTPClientT], Generic[HTTPClientT, ItemT]):
    """What the sync and async list resources share: checking arguments before anything."""

    _listing: Listing[Any, ItemT]

    def _source_parts(
        self, filters: Mapping[str, Any], extra_query: Mapping[str, _params.QueryValue] | None
    ) -> tuple[PageRequest, PresenceCheck]:
        # Checked before anything is sent; one PresenceCheck per list() call, so that what
        # its walk left out is logged once, as one WARNING.
        request = self._listing.first_request(filters, extra_query)
        return request, PresenceCheck(self._listing.api, strict=self._strict)

    def _arguments(self, closed: threading.Event | None) -> Mapping[str, Any]:
        return self._options.arguments(self._listing.label, closed)

    def _retrieval_request(
        self, retrieval: Retrieval[ModelT], arguments: Mapping[str, Any], method: str
    ) -> tuple[str, Mapping[str, Any], Mapping[str, Any]]:
        url, params = retrieval.request(arguments, method)
        return url, params, self._options.arguments(retrieval.label)


class SyncListResource(_ListResource[httpx2.Client, ItemT]):
    """A sync resource with a `list()` operation; see `Listing`."""

    def __init__(self, client: SyncAPIClient) -> None:
        # The client's own connection pool, options and mode; users reach this through it.
        super().__init__(client)

    def _list(self, filters: Filters, extra_query: ExtraQuery, concurrency: int) -> SyncPage[ItemT]:
        request, presence = self._source_parts(filters, extra_query)
        load = partial(self._load, presence)
        listing = self._listing
        source = SyncSource(
            load, listing.item_id, _params.concurrency(concurrency), presence.report
        )
        return source.fetch(request)

    def _load(self, presence: PresenceCheck, request: PageRequest, closed: Closed) -> Loaded[ItemT]:
        response = send(self._http, request.url, request.params, self._arguments(closed))
        return self._listing.loaded(response, presence)

    def _retrieve(
        self, retrieval: Retrieval[ModelT], arguments: Mapping[str, Any], method: str
    ) -> ModelT:
        url, params, via = self._retrieval_request(retrieval, arguments, method)
        return retrieval.parsed(send(self._http, url, params, via), self._strict)


class AsyncListResource(_ListResource[httpx2.AsyncClient, ItemT]):
    """An async resource with a `list()` operation; see `Listing`."""

    def __init__(self, client: AsyncAPIClient) -> None:
        super().__init__(client)

    def _list(
        self, filters: Filters, extra_query: ExtraQuery, concurrency: int
    ) -> AsyncPaginator[ItemT]:
        request, presence = self._source_parts(filters, extra_query)
        listing = self._listing
        source = AsyncSource(
            partial(self._load, presence),
            item_id=listing.item_id,
            concurrency=_params.concurrency(concurrency),
            on_end=presence.report,
        )
        return AsyncPaginator(partial(source.fetch, request))

    async def _load(
        self, presence: PresenceCheck, request: PageRequest, closed: Closed
    ) -> Loaded[ItemT]:
        arguments = self._arguments(closed)
        return self._listing.loaded(
            await asend(self._http, request.url, request.params, arguments), presence
        )

    async def _retrieve(
        self, retrieval: Retrieval[ModelT], arguments: Mapping[str, Any], method: str
    ) -> ModelT:
        url, params, via = self._retrieval_request(retrieval, arguments, method)
        return retrieval.parsed(await asend(self._http, url, params, via), self._strict)

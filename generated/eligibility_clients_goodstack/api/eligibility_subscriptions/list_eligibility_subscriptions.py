import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.eligibility_subscription_list import EligibilitySubscriptionList
from ...models.eligibility_subscription_sort import EligibilitySubscriptionSort
from ...models.eligibility_subscription_status import EligibilitySubscriptionStatus
from ...models.goodstack_error import GoodstackError
from ...models.sort_direction import SortDirection
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: EligibilitySubscriptionSort | Unset = UNSET,
    query: str | Unset = UNSET,
    status: EligibilitySubscriptionStatus | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    has_organisation: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 25,
    direction: SortDirection | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["query"] = query

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["startDate"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["endDate"] = json_end_date

    params["hasOrganisation"] = has_organisation

    params["cursor"] = cursor

    params["pageSize"] = page_size

    json_direction: str | Unset = UNSET
    if not isinstance(direction, Unset):
        json_direction = direction.value

    params["direction"] = json_direction

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/eligibility-subscriptions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Any | EligibilitySubscriptionList | GoodstackError | None:
    if response.status_code == 200:
        response_200 = EligibilitySubscriptionList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GoodstackError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 403:
        response_403 = GoodstackError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = GoodstackError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GoodstackError.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = GoodstackError.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[Any | EligibilitySubscriptionList | GoodstackError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: EligibilitySubscriptionSort | Unset = UNSET,
    query: str | Unset = UNSET,
    status: EligibilitySubscriptionStatus | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    has_organisation: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 25,
    direction: SortDirection | Unset = UNSET,
) -> Response[Any | EligibilitySubscriptionList | GoodstackError]:
    """List Eligibility Subscriptions

     One page of Eligibility Subscriptions. [C] Pages are linked by opaque cursors: the
    `_links.next` URL of a page carries the `cursor` for the next one.

    Args:
        sort (EligibilitySubscriptionSort | Unset): Field to sort by. [C]
        query (str | Unset):
        status (EligibilitySubscriptionStatus | Unset): Where an Eligibility Subscription stands.
            [C]
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        has_organisation (bool | Unset):
        cursor (str | Unset):
        page_size (int | Unset):  Default: 25.
        direction (SortDirection | Unset): Sort direction. [C]

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EligibilitySubscriptionList | GoodstackError]
    """

    kwargs = _get_kwargs(
        sort=sort,
        query=query,
        status=status,
        start_date=start_date,
        end_date=end_date,
        has_organisation=has_organisation,
        cursor=cursor,
        page_size=page_size,
        direction=direction,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    sort: EligibilitySubscriptionSort | Unset = UNSET,
    query: str | Unset = UNSET,
    status: EligibilitySubscriptionStatus | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    has_organisation: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 25,
    direction: SortDirection | Unset = UNSET,
) -> Any | EligibilitySubscriptionList | GoodstackError | None:
    """List Eligibility Subscriptions

     One page of Eligibility Subscriptions. [C] Pages are linked by opaque cursors: the
    `_links.next` URL of a page carries the `cursor` for the next one.

    Args:
        sort (EligibilitySubscriptionSort | Unset): Field to sort by. [C]
        query (str | Unset):
        status (EligibilitySubscriptionStatus | Unset): Where an Eligibility Subscription stands.
            [C]
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        has_organisation (bool | Unset):
        cursor (str | Unset):
        page_size (int | Unset):  Default: 25.
        direction (SortDirection | Unset): Sort direction. [C]

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EligibilitySubscriptionList | GoodstackError
    """

    return sync_detailed(
        client=client,
        sort=sort,
        query=query,
        status=status,
        start_date=start_date,
        end_date=end_date,
        has_organisation=has_organisation,
        cursor=cursor,
        page_size=page_size,
        direction=direction,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: EligibilitySubscriptionSort | Unset = UNSET,
    query: str | Unset = UNSET,
    status: EligibilitySubscriptionStatus | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    has_organisation: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 25,
    direction: SortDirection | Unset = UNSET,
) -> Response[Any | EligibilitySubscriptionList | GoodstackError]:
    """List Eligibility Subscriptions

     One page of Eligibility Subscriptions. [C] Pages are linked by opaque cursors: the
    `_links.next` URL of a page carries the `cursor` for the next one.

    Args:
        sort (EligibilitySubscriptionSort | Unset): Field to sort by. [C]
        query (str | Unset):
        status (EligibilitySubscriptionStatus | Unset): Where an Eligibility Subscription stands.
            [C]
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        has_organisation (bool | Unset):
        cursor (str | Unset):
        page_size (int | Unset):  Default: 25.
        direction (SortDirection | Unset): Sort direction. [C]

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EligibilitySubscriptionList | GoodstackError]
    """

    kwargs = _get_kwargs(
        sort=sort,
        query=query,
        status=status,
        start_date=start_date,
        end_date=end_date,
        has_organisation=has_organisation,
        cursor=cursor,
        page_size=page_size,
        direction=direction,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    sort: EligibilitySubscriptionSort | Unset = UNSET,
    query: str | Unset = UNSET,
    status: EligibilitySubscriptionStatus | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    has_organisation: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 25,
    direction: SortDirection | Unset = UNSET,
) -> Any | EligibilitySubscriptionList | GoodstackError | None:
    """List Eligibility Subscriptions

     One page of Eligibility Subscriptions. [C] Pages are linked by opaque cursors: the
    `_links.next` URL of a page carries the `cursor` for the next one.

    Args:
        sort (EligibilitySubscriptionSort | Unset): Field to sort by. [C]
        query (str | Unset):
        status (EligibilitySubscriptionStatus | Unset): Where an Eligibility Subscription stands.
            [C]
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        has_organisation (bool | Unset):
        cursor (str | Unset):
        page_size (int | Unset):  Default: 25.
        direction (SortDirection | Unset): Sort direction. [C]

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EligibilitySubscriptionList | GoodstackError
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            query=query,
            status=status,
            start_date=start_date,
            end_date=end_date,
            has_organisation=has_organisation,
            cursor=cursor,
            page_size=page_size,
            direction=direction,
        )
    ).parsed

import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.qualification_session_list import QualificationSessionList
from ...models.qualification_session_status import QualificationSessionStatus
from ...models.truemed_error import TruemedError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 30,
    user_id: str | Unset = UNSET,
    status: QualificationSessionStatus | Unset = UNSET,
    expires_at: datetime.date | Unset = UNSET,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["user_id"] = user_id

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_expires_at: str | Unset = UNSET
    if not isinstance(expires_at, Unset):
        json_expires_at = expires_at.isoformat()
    params["expires_at"] = json_expires_at

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/qualification_sessions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Any | QualificationSessionList | TruemedError | None:
    if response.status_code == 200:
        response_200 = QualificationSessionList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = TruemedError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = TruemedError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 405:
        response_405 = cast(Any, None)
        return response_405

    if response.status_code == 500:
        response_500 = cast(Any, None)
        return response_500

    if response.status_code == 501:
        response_501 = cast(Any, None)
        return response_501

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[Any | QualificationSessionList | TruemedError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 30,
    user_id: str | Unset = UNSET,
    status: QualificationSessionStatus | Unset = UNSET,
    expires_at: datetime.date | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Any | QualificationSessionList | TruemedError]:
    """List Qualification Sessions

     Returns a paginated view of all Qualification Sessions associated with the API key used in
    the request header, sorted by their `created_at` date [C] (direction not stated; sibling
    list endpoints sort descending [I]).

    UNCONFIRMED PATH [3P]: the vendor confirms the method (GET) but not the path. An emulator
    built from the vendor's spec routes `GET /api/v1/qualification_sessions`; the vendor
    confirms the sibling `POST /api/v1/qualification_session/{id}/update`.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 30.
        user_id (str | Unset):
        status (QualificationSessionStatus | Unset): Where a Qualification Session stands. [C]
            - `pending`: the session was created; the shopper hasn't completed the survey yet.
            - `processing`: the shopper completed the survey and it is under review.
            - `approved`: the shopper holds a valid Letter of Medical Necessity covering the items
              in this order.
            - `rejected`: the shopper is ineligible for a Letter of Medical Necessity for the items
              in this order.
        expires_at (datetime.date | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | QualificationSessionList | TruemedError]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        user_id=user_id,
        status=status,
        expires_at=expires_at,
        search=search,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 30,
    user_id: str | Unset = UNSET,
    status: QualificationSessionStatus | Unset = UNSET,
    expires_at: datetime.date | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Any | QualificationSessionList | TruemedError | None:
    """List Qualification Sessions

     Returns a paginated view of all Qualification Sessions associated with the API key used in
    the request header, sorted by their `created_at` date [C] (direction not stated; sibling
    list endpoints sort descending [I]).

    UNCONFIRMED PATH [3P]: the vendor confirms the method (GET) but not the path. An emulator
    built from the vendor's spec routes `GET /api/v1/qualification_sessions`; the vendor
    confirms the sibling `POST /api/v1/qualification_session/{id}/update`.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 30.
        user_id (str | Unset):
        status (QualificationSessionStatus | Unset): Where a Qualification Session stands. [C]
            - `pending`: the session was created; the shopper hasn't completed the survey yet.
            - `processing`: the shopper completed the survey and it is under review.
            - `approved`: the shopper holds a valid Letter of Medical Necessity covering the items
              in this order.
            - `rejected`: the shopper is ineligible for a Letter of Medical Necessity for the items
              in this order.
        expires_at (datetime.date | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | QualificationSessionList | TruemedError
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        user_id=user_id,
        status=status,
        expires_at=expires_at,
        search=search,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 30,
    user_id: str | Unset = UNSET,
    status: QualificationSessionStatus | Unset = UNSET,
    expires_at: datetime.date | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Any | QualificationSessionList | TruemedError]:
    """List Qualification Sessions

     Returns a paginated view of all Qualification Sessions associated with the API key used in
    the request header, sorted by their `created_at` date [C] (direction not stated; sibling
    list endpoints sort descending [I]).

    UNCONFIRMED PATH [3P]: the vendor confirms the method (GET) but not the path. An emulator
    built from the vendor's spec routes `GET /api/v1/qualification_sessions`; the vendor
    confirms the sibling `POST /api/v1/qualification_session/{id}/update`.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 30.
        user_id (str | Unset):
        status (QualificationSessionStatus | Unset): Where a Qualification Session stands. [C]
            - `pending`: the session was created; the shopper hasn't completed the survey yet.
            - `processing`: the shopper completed the survey and it is under review.
            - `approved`: the shopper holds a valid Letter of Medical Necessity covering the items
              in this order.
            - `rejected`: the shopper is ineligible for a Letter of Medical Necessity for the items
              in this order.
        expires_at (datetime.date | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | QualificationSessionList | TruemedError]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        user_id=user_id,
        status=status,
        expires_at=expires_at,
        search=search,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 30,
    user_id: str | Unset = UNSET,
    status: QualificationSessionStatus | Unset = UNSET,
    expires_at: datetime.date | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Any | QualificationSessionList | TruemedError | None:
    """List Qualification Sessions

     Returns a paginated view of all Qualification Sessions associated with the API key used in
    the request header, sorted by their `created_at` date [C] (direction not stated; sibling
    list endpoints sort descending [I]).

    UNCONFIRMED PATH [3P]: the vendor confirms the method (GET) but not the path. An emulator
    built from the vendor's spec routes `GET /api/v1/qualification_sessions`; the vendor
    confirms the sibling `POST /api/v1/qualification_session/{id}/update`.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 30.
        user_id (str | Unset):
        status (QualificationSessionStatus | Unset): Where a Qualification Session stands. [C]
            - `pending`: the session was created; the shopper hasn't completed the survey yet.
            - `processing`: the shopper completed the survey and it is under review.
            - `approved`: the shopper holds a valid Letter of Medical Necessity covering the items
              in this order.
            - `rejected`: the shopper is ineligible for a Letter of Medical Necessity for the items
              in this order.
        expires_at (datetime.date | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | QualificationSessionList | TruemedError
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            user_id=user_id,
            status=status,
            expires_at=expires_at,
            search=search,
        )
    ).parsed

"""The walks part 1 compares: raw httpx2 (the floor), the generated clients, and ours.

Ours runs in both modes: tolerant (the default) and `strict_response_validation=True`.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
from eligibility_clients import (
    GoodstackClient,
    TruemedClient,
)
from eligibility_clients_goodstack import Client as GeneratedGoodstack
from eligibility_clients_goodstack.api.eligibility_subscriptions import (
    list_eligibility_subscriptions,
)
from eligibility_clients_goodstack.models import EligibilitySubscriptionList, PageLinks
from eligibility_clients_goodstack.types import UNSET, Unset
from eligibility_clients_truemed import Client as GeneratedTruemed
from eligibility_clients_truemed.api.qualification_sessions import list_qualification_sessions
from eligibility_clients_truemed.models import Pagination, QualificationSessionList

from benchmarks.config import (
    GOODSTACK_PATH,
    GOODSTACK_URL,
    KEY,
    PAGE_SIZE,
    TRUEMED_PATH,
    TRUEMED_URL,
)
from benchmarks.serving import cursor_of


def floor_truemed(transport: httpx2.BaseTransport) -> int:
    """Raw httpx2 and json.loads, walking Truemed's page numbers by hand."""
    count = 0
    with httpx2.Client(base_url=TRUEMED_URL, transport=transport) as client:
        client.headers["x-truemed-api-key"] = KEY
        page = 1
        while True:
            params = {"page": page, "page_size": PAGE_SIZE}
            body = json.loads(client.get(TRUEMED_PATH, params=params).content)
            for _session in body["qualification_sessions"]:
                count += 1
            if page >= body["pagination"]["last_page"]:
                return count
            page += 1


def generated_truemed(transport: httpx2.BaseTransport) -> int:
    """The generated client, walked by hand as a user without the overlay would."""
    client = GeneratedTruemed(
        base_url=TRUEMED_URL,
        headers={"x-truemed-api-key": KEY},
        httpx_args={"transport": transport},
    )
    count = 0
    page = 1
    with client:
        while True:
            parsed = list_qualification_sessions.sync(client=client, page=page, page_size=PAGE_SIZE)
            if not isinstance(parsed, QualificationSessionList):
                raise RuntimeError(f"unexpected answer {parsed!r}")
            for _session in parsed.qualification_sessions:
                count += 1
            pagination = parsed.pagination
            last_page = pagination.last_page if isinstance(pagination, Pagination) else None
            if not isinstance(last_page, int) or page >= last_page:
                return count
            page += 1


def ours_truemed(transport: httpx2.BaseTransport, strict: bool = False) -> int:
    """This package: iterate `list()`; with `strict`, a `strict_response_validation` client."""
    with TruemedClient(
        api_key=KEY, transport=transport, strict_response_validation=strict
    ) as client:
        count = 0
        for _session in client.qualification_sessions.list(page_size=PAGE_SIZE):
            count += 1
        return count


def floor_goodstack(transport: httpx2.BaseTransport) -> int:
    """Raw httpx2 and json.loads, following Goodstack's cursors by hand."""
    count = 0
    with httpx2.Client(base_url=GOODSTACK_URL, transport=transport) as client:
        client.headers["Authorization"] = KEY
        params: dict[str, Any] = {"pageSize": PAGE_SIZE}
        while True:
            body = json.loads(client.get(GOODSTACK_PATH, params=params).content)
            for _subscription in body["data"]:
                count += 1
            cursor = cursor_of(body["_links"].get("next"))
            if cursor is None:
                return count
            params = {"pageSize": PAGE_SIZE, "cursor": cursor}


def generated_goodstack(transport: httpx2.BaseTransport) -> int:
    """The generated client, following the cursors by hand."""
    client = GeneratedGoodstack(
        base_url=GOODSTACK_URL,
        headers={"Authorization": KEY},
        httpx_args={"transport": transport},
    )
    count = 0
    cursor: str | Unset = UNSET
    with client:
        while True:
            parsed = list_eligibility_subscriptions.sync(
                client=client, page_size=PAGE_SIZE, cursor=cursor
            )
            if not isinstance(parsed, EligibilitySubscriptionList):
                raise RuntimeError(f"unexpected answer {parsed!r}")
            for _subscription in parsed.data:
                count += 1
            links = parsed.field_links
            link = links.next_ if isinstance(links, PageLinks) else None
            next_cursor = cursor_of(link if isinstance(link, str) else None)
            if next_cursor is None:
                return count
            cursor = next_cursor


def ours_goodstack(transport: httpx2.BaseTransport, strict: bool = False) -> int:
    """This package: iterate `list()`; with `strict`, a `strict_response_validation` client."""
    with GoodstackClient(
        api_key=KEY, transport=transport, strict_response_validation=strict
    ) as client:
        count = 0
        for _subscription in client.eligibility_subscriptions.list(page_size=PAGE_SIZE):
            count += 1
        return count

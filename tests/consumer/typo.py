"""consumer.py with one field misspelt: mypy and pyright must both report it."""

from __future__ import annotations

import asyncio
import datetime

import httpx2
from eligibility_clients import (
    APIStatusError,
    AsyncGoodstackClient,
    EligibilitySubscription,
    QualificationSession,
    SyncPage,
    TruemedClient,
)
from eligibility_clients.testing import FakeGoodstack, FakeTruemed


def approved_ids(client: TruemedClient) -> list[str]:
    """Ids of the approved sessions."""
    page: SyncPage[QualificationSession] = client.qualification_sessions.list(status="approved")
    return [session.qualification_sesion_id for session in page]


def created(session: QualificationSession) -> datetime.datetime | None:
    """When a session was created, if the API said."""
    return session.created_at


async def subscription_ids(client: AsyncGoodstackClient) -> list[str | None]:
    """Ids of the live subscriptions, walked asynchronously (Goodstack promises no field)."""
    ids: list[str | None] = []
    async for subscription in client.eligibility_subscriptions.list(status="live"):
        ids.append(subscription.id)
    return ids


def organisation(subscription: EligibilitySubscription) -> str | None:
    """The organisation a subscription is for, if it has one."""
    return subscription.organisation_id


def main() -> None:
    """Walk both fakes."""
    truemed = FakeTruemed(seed=1)
    with TruemedClient(
        api_key=truemed.api_key, transport=truemed.transport, timeout=httpx2.Timeout(10.0)
    ) as client:
        print(approved_ids(client))
    goodstack = FakeGoodstack(seed=1)
    try:
        print(
            asyncio.run(
                subscription_ids(
                    AsyncGoodstackClient(
                        api_key=goodstack.api_key, transport=goodstack.transport, timeout=5.0
                    )
                )
            )
        )
    except APIStatusError as exc:
        print(exc.status_code, exc.response.status_code)


if __name__ == "__main__":
    main()

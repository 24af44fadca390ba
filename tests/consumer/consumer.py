"""An application's code using the installed package, for the type checkers.

`nox -s typing` checks this file with `mypy --strict --disallow-any-expr` and with pyright in
strict mode, against the wheel installed in a fresh virtualenv: every value below must have a
type the checkers know, with no `Any` and nothing unknown. The session also checks a copy
with one field misspelt (`TYPO` in noxfile.py), which both checkers must report.
"""

from __future__ import annotations

import asyncio
import datetime

import httpx2
from eligibility_clients import (
    APIConnectionError,
    APIStatusError,
    AsyncGoodstackClient,
    EligibilitySubscription,
    HTTPResponse,
    QualificationSession,
    SyncPage,
    TruemedClient,
)
from eligibility_clients.testing import FakeGoodstack, FakeTruemed


def approved_ids(client: TruemedClient) -> list[str]:
    """Ids of the approved sessions."""
    page: SyncPage[QualificationSession] = client.qualification_sessions.list(status="approved")
    return [session.qualification_session_id for session in page]


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


def through(transport: httpx2.HTTPTransport) -> TruemedClient:
    """A client sending through an httpx2 transport of the application's own."""
    return TruemedClient(api_key="test-key-1", transport=transport, max_retries=0)


def reply(request: httpx2.Request) -> httpx2.Response:
    """What a test's httpx2.MockTransport answers."""
    body = b'{"error": "Unavailable", "message": "down for maintenance"}'
    return httpx2.Response(503, headers={"Content-Type": "application/json"}, content=body)


def retry_after(response: HTTPResponse) -> str | None:
    """A header of the response behind an error, and the host that answered."""
    print(response.request.url.host, response.reason_phrase, response.is_error)
    return response.headers.get("retry-after")


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
    print([(request.method, request.url.path) for request in truemed.requests])
    mocked = TruemedClient(
        api_key="test-key-1", transport=httpx2.MockTransport(reply), max_retries=0
    )
    try:
        list(mocked.qualification_sessions.list())
    except APIStatusError as exc:
        print(retry_after(exc.response), exc.response.text)
    except APIConnectionError as exc:
        print(exc.request.method if exc.request is not None else None)
    through(httpx2.HTTPTransport(retries=1)).close()


if __name__ == "__main__":
    main()

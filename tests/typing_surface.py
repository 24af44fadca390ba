"""Type-checker assertions on the generated `list()` surface; checked by `nox -s typecheck`.

Not a test module: mypy and pyright read it. Each `type: ignore[...]` (mypy) and
`pyright: ignore[...]` below marks a call the checker must refuse. Both report an ignore that is
no longer needed (mypy --strict's `warn_unused_ignores`, pyright's
`reportUnnecessaryTypeIgnoreComment`), so if a wrong keyword or type were ever accepted, the
type check fails here.
"""

from __future__ import annotations

import datetime as dt

from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
)


def accepted(
    goodstack: GoodstackClient,
    agoodstack: AsyncGoodstackClient,
    truemed: TruemedClient,
    atruemed: AsyncTruemedClient,
) -> None:
    """Calls the type checkers must accept."""
    goodstack.eligibility_subscriptions.list(
        status="live", start_date=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), page_size=100
    )
    agoodstack.eligibility_subscriptions.list(has_organisation=None, concurrency=2)
    truemed.qualification_sessions.list(status="approved", expires_at=dt.date(2024, 1, 1))
    atruemed.qualification_sessions.list(search="ada", extra_query={"x": 1})


def refused(
    goodstack: GoodstackClient,
    agoodstack: AsyncGoodstackClient,
    truemed: TruemedClient,
    atruemed: AsyncTruemedClient,
) -> None:
    """Calls the type checkers must refuse: an unknown keyword, a wrong type."""
    goodstack.eligibility_subscriptions.list(statuss="live")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    agoodstack.eligibility_subscriptions.list(querry="x")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    truemed.qualification_sessions.list(user="u")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    atruemed.qualification_sessions.list(searchh="x")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    goodstack.eligibility_subscriptions.list(page_size="25")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    atruemed.qualification_sessions.list(expires_at=3)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    # The walk's own parameters are not filters.
    goodstack.eligibility_subscriptions.list(cursor="c")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    truemed.qualification_sessions.list(page=2)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    # Enum filters and environments take the spec's values only: a misspelt one is refused.
    truemed.qualification_sessions.list(status="aproved")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    agoodstack.eligibility_subscriptions.list(status="liv")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    goodstack.eligibility_subscriptions.list(direction="asc")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    goodstack.eligibility_subscriptions.list(sort="created")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    GoodstackClient(environment="sandbx")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    AsyncTruemedClient(environment="prod")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]

"""Replay recorded traffic through the real network transport (record mode none).

The cassettes carry the production hostnames; `RECORDING=1 pytest tests/test_cassettes.py
--record-mode=rewrite` re-records them from in-process stand-ins, never from the network.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from eligibility_clients import AuthenticationError, BadRequestError, GoodstackClient, TruemedClient

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    Recorder,
    goodstack_page,
    truemed_error,
    truemed_page,
)

CASSETTES = Path(__file__).parent / "cassettes"
RECORDING = os.environ.get("RECORDING") == "1"


def transport(*script: object) -> httpx.BaseTransport | None:
    """The scripted stand-in when recording; the real network transport when replaying."""
    return Recorder(*script).transport if RECORDING else None


@pytest.mark.vcr
def test_truemed_walk_replays() -> None:
    client = TruemedClient(
        api_key=TRUEMED_KEY,
        transport=transport(
            truemed_page(range(0, 2), page=1, last_page=2, page_size=2, count=3),
            truemed_page(range(2, 3), page=2, last_page=2, page_size=2, count=3),
        ),
    )
    page = client.qualification_sessions.list(status="approved", page_size=2)
    assert page.total_count == 3
    assert len(list(page)) == 3


@pytest.mark.vcr
def test_truemed_400_replays() -> None:
    client = TruemedClient(
        api_key=TRUEMED_KEY,
        transport=transport(truemed_error(400, "ValidationError", "page_size is invalid")),
    )
    with pytest.raises(BadRequestError, match="ValidationError"):
        client.qualification_sessions.list(page_size=1000000)


@pytest.mark.vcr
def test_goodstack_walk_replays() -> None:
    client = GoodstackClient(
        api_key=GOODSTACK_KEY,
        transport=transport(
            goodstack_page(range(0, 2), next_cursor="c2"), goodstack_page(range(2, 3))
        ),
    )
    assert [s.id[-1] for s in client.eligibility_subscriptions.list(page_size=2)] == ["0", "1", "2"]


@pytest.mark.vcr
def test_goodstack_401_replays() -> None:
    client = GoodstackClient(
        api_key=GOODSTACK_KEY,
        transport=transport(httpx.Response(401, content=b"")),
        max_retries=0,
    )
    with pytest.raises(AuthenticationError):
        client.eligibility_subscriptions.list()


def test_no_cassette_contains_a_key() -> None:
    cassettes = sorted(CASSETTES.rglob("*.yaml"))
    assert len(cassettes) >= 4
    for cassette in cassettes:
        text = cassette.read_text(encoding="utf-8")
        assert TRUEMED_KEY not in text, cassette
        assert GOODSTACK_KEY not in text, cassette
        assert "<redacted>" in text, cassette
        assert "api.truemed.com" in text or "api.goodstack.io" in text, cassette

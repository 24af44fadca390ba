"""A consumer project's tests, run by `nox -s build` against the built wheel in its own venv.

Not collected by the suite (the name does not start with `test_`): `nox -s build` copies it
into a scratch folder and runs it twice, recording (`--record-mode=once`) and replaying
(`--record-mode=none`, with `CONSUMER_REPLAY=1`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from eligibility_clients import GoodstackClient, TruemedClient
from eligibility_clients.testing import FakeGoodstack, FakeServer, FakeTruemed
from eligibility_clients.testing import vcr_config as eligibility_vcr_config

KEY = "consumer-test-secret-not-a-real-key-0001"
REPLAY = os.environ.get("CONSUMER_REPLAY") == "1"


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return eligibility_vcr_config()


def test_fixtures_come_from_the_installed_plugin(
    fake_truemed: FakeTruemed, fake_truemed_client: TruemedClient
) -> None:
    import eligibility_clients

    assert "site-packages" in Path(eligibility_clients.__file__).parts
    assert len(list(fake_truemed_client.qualification_sessions.list(status="approved"))) > 0
    assert fake_truemed.requests


def test_faults_are_retried_without_sleeping(
    fake_goodstack: FakeGoodstack,
    fake_goodstack_client: GoodstackClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    fake_goodstack.faults.server_errors(times=2, status=503)
    assert len(fake_goodstack_client.eligibility_subscriptions.list().items) == 25
    assert len(fake_goodstack.requests) == 3
    assert sum(slept) == 0


@pytest.mark.vcr
def test_a_cassette_through_fake_server(eligibility_recording: bool) -> None:
    assert eligibility_recording is not REPLAY
    with FakeServer(FakeTruemed(api_key=KEY), FakeGoodstack(api_key=KEY), port=0) as server:
        truemed = TruemedClient(api_key=KEY, base_url=server.url)
        goodstack = GoodstackClient(api_key=KEY, base_url=server.url)
        assert len(list(truemed.qualification_sessions.list(page_size=50))) == 100
        assert len(list(goodstack.eligibility_subscriptions.list())) == 33
        served = len(server.truemed.requests) + len(server.goodstack.requests)
    assert served == (0 if REPLAY else 4)

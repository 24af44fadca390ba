"""What a team that depends on us gets for its own tests: fixtures, sleepless faults, cassettes.

The plugin and the vcrpy recipe run in a child pytest (pytester), as in a consumer's project:
the plugin comes from the installed package's `pytest11` entry point, not from our conftest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from eligibility_clients import GoodstackClient, InternalServerError, TruemedClient
from eligibility_clients.testing import FakeGoodstack, FakeTruemed, vcr_config
from eligibility_clients.testing._vcr import drop_response_cookies
from vcr.request import Request  # type: ignore[import-untyped]

from tests.builders import RetrySleeps

TEST_KEY = "kit-test-secret-not-a-real-key-0002"


# --- faults do not sleep ---------------------------------------------------------------------


def test_two_injected_503s_ask_for_no_wait(retry_sleeps: RetrySleeps) -> None:
    fake = FakeTruemed()
    fake.faults.server_errors(times=2, status=503)
    # Built as the README shows, with the default max_retries; the copy records the waits.
    client = retry_sleeps.on(TruemedClient(api_key=fake.api_key, transport=fake.transport))
    assert client.qualification_sessions.list().items
    assert retry_sleeps.delays == [0.0, 0.0]
    assert len(fake.requests) == 3


@pytest.mark.parametrize(
    "inject",
    [
        lambda f: f.rate_limit(),
        lambda f: f.server_errors(),
        lambda f: f.html_error(),
        lambda f: f.status(520),
    ],
)
def test_every_error_fault_says_retry_now(inject: object, retry_sleeps: RetrySleeps) -> None:
    fake = FakeGoodstack()
    inject(fake.faults)  # type: ignore[operator]
    client = retry_sleeps.on(GoodstackClient(api_key=fake.api_key, transport=fake.transport))
    assert client.eligibility_subscriptions.list()
    assert retry_sleeps.delays == [0.0]


def test_a_delay_is_sent_only_when_asked_for(retry_sleeps: RetrySleeps) -> None:
    fake = FakeTruemed()
    fake.faults.server_errors(retry_after=2.5).server_errors(retry_after=None)
    client = retry_sleeps.on(TruemedClient(api_key=fake.api_key, transport=fake.transport))
    assert client.qualification_sessions.list().items
    first, second = retry_sleeps.delays
    assert first == 2.5
    # No header: the client's own backoff for a second retry, 1 s scaled by [0.75, 1].
    assert 0.75 <= second <= 1.0
    with pytest.raises(ValueError, match="retry_after"):
        fake.faults.server_errors(retry_after=-1)
    with pytest.raises(TypeError, match="retry_after"):
        fake.faults.rate_limit(retry_after="0")  # type: ignore[arg-type]


def test_exhausted_retries_still_raise(retry_sleeps: RetrySleeps) -> None:
    fake = FakeTruemed()
    fake.faults.server_errors(times=3)
    client = retry_sleeps.on(TruemedClient(api_key=fake.api_key, transport=fake.transport))
    with pytest.raises(InternalServerError):
        client.qualification_sessions.list()
    assert retry_sleeps.delays == [0.0, 0.0]


# --- vcr_config ------------------------------------------------------------------------------


def test_vcr_config_filters_keys_and_cookies_and_ignores_the_port() -> None:
    config = vcr_config()
    assert "record_mode" not in config
    assert {name for name, _ in config["filter_headers"]} == {"cookie"}
    # The auth headers are redacted by the request hook, which reads the key first.
    request = Request("GET", "https://api.truemed.com/x", b"", {"x-truemed-api-key": "k1"})
    assert config["before_record_request"](request).headers["x-truemed-api-key"] == "<redacted>"
    assert "port" not in config["match_on"]
    assert {"method", "host", "path", "query"} <= set(config["match_on"])
    response = {"headers": {"Set-Cookie": ["a=b"], "Authorization": ["k"], "Date": ["x"]}}
    assert drop_response_cookies(response)["headers"] == {"Date": ["x"]}
    assert vcr_config() is not config  # each call a fresh dict the caller may change


def test_vcr_config_scrubs_given_env_and_sent_keys_from_what_it_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRUEMED_API_KEY", "env-truemed-key")
    monkeypatch.setenv("GOODSTACK_API_KEY", "")  # set but empty: must not redact everything
    config = vcr_config("given-key")
    sent = Request(
        "POST",
        "https://api.goodstack.io/v1?token=given-key",
        b'{"echo": "env-truemed-key"}',
        {"Authorization": "Bearer sent-key", "Cookie": "a=b"},
    )
    recorded = config["before_record_request"](sent)
    assert recorded.headers["Authorization"] == "<redacted>"
    assert recorded.uri == "https://api.goodstack.io/v1?token=<redacted>"
    assert recorded.body == b'{"echo": "<redacted>"}'
    response = {
        "status": {"code": 401, "message": "Unauthorized"},
        "headers": {"X-Echo": ["sent-key"], "Set-Cookie": ["a=b"]},
        "body": {"string": b"bad key Bearer sent-key; given-key; env-truemed-key; ok"},
    }
    scrubbed = config["before_record_response"](response)
    assert scrubbed["headers"] == {"X-Echo": ["<redacted>"]}
    assert scrubbed["body"]["string"] == b"bad key <redacted>; <redacted>; <redacted>; ok"
    text = {"headers": {}, "body": {"string": "sent-key"}}
    assert config["before_record_response"](text)["body"]["string"] == "<redacted>"


# --- the plugin, in a child pytest -----------------------------------------------------------

PLUGIN_TESTS = """
import asyncio

from eligibility_clients import AsyncGoodstackClient, GoodstackClient, TruemedClient
from eligibility_clients.testing import FakeServer, FakeTruemed


def test_fresh_fakes(fake_truemed, fake_goodstack):
    assert isinstance(fake_truemed, FakeTruemed)
    assert fake_truemed.requests == [] and fake_goodstack.requests == []
    fake_truemed.add_session(status="approved")


def test_fresh_again(fake_truemed):
    assert len(fake_truemed) == 100  # the session added above is gone


def test_clients(fake_truemed_client, fake_goodstack_client, fake_goodstack):
    assert isinstance(fake_truemed_client, TruemedClient)
    assert isinstance(fake_goodstack_client, GoodstackClient)
    page = fake_goodstack_client.eligibility_subscriptions.list(page_size=10)
    assert len(page.items) == 10 and len(fake_goodstack.requests) == 1


def test_async_clients(fake_async_truemed_client, fake_async_goodstack_client):
    async def walk():
        truemed = [s async for s in fake_async_truemed_client.qualification_sessions.list()]
        first = await fake_async_goodstack_client.eligibility_subscriptions.list()
        return len(truemed), len(first.items)

    assert asyncio.run(walk()) == (100, 25)


def test_server(fake_eligibility_server, fake_goodstack):
    assert isinstance(fake_eligibility_server, FakeServer)
    assert fake_eligibility_server.goodstack is fake_goodstack
    client = GoodstackClient(api_key=fake_goodstack.api_key, base_url=fake_eligibility_server.url)
    assert len(list(client.eligibility_subscriptions.list())) == 33


def test_faults_retry_without_sleeping(fake_truemed, fake_truemed_client, monkeypatch):
    import time

    slept = []
    monkeypatch.setattr(time, "sleep", lambda seconds: slept.append(seconds))
    fake_truemed.faults.server_errors(times=2, status=503)
    assert fake_truemed_client.qualification_sessions.list().items
    assert len(fake_truemed.requests) == 3
    assert sum(slept) == 0
"""


def test_plugin_fixtures_in_a_consumer_suite(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_consumer=PLUGIN_TESTS)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=6)


def test_plugin_is_registered_and_not_autouse(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    names = set(re.findall(r"^(fake_\w+)", result.stdout.str(), re.MULTILINE))
    assert names == {
        "fake_truemed",
        "fake_goodstack",
        "fake_truemed_client",
        "fake_goodstack_client",
        "fake_async_truemed_client",
        "fake_async_goodstack_client",
        "fake_eligibility_server",
    }
    # Nothing autouse, and loading the plugin costs the testing package, not the CLI.
    pytester.makepyfile(
        test_modules="""
import sys

def test_modules(request):
    assert "eligibility_clients.testing._pytest_plugin" in sys.modules
    assert "eligibility_clients._cli" not in sys.modules
    assert not [name for name in request.fixturenames if name.startswith("fake_")]
"""
    )
    pytester.runpytest_subprocess("-q", "test_modules.py").assert_outcomes(passed=1)


VCR_TESTS = f'''
import pytest
from eligibility_clients import AuthenticationError, GoodstackClient, TruemedClient
from eligibility_clients.testing import FakeGoodstack, FakeServer, FakeTruemed, vcr_config

KEY = "{TEST_KEY}"


@pytest.fixture(scope="module")
def vcr_config():
    from eligibility_clients.testing import vcr_config as recipe
    return recipe()


@pytest.mark.vcr
def test_over_loopback():
    with FakeServer(FakeTruemed(api_key=KEY), FakeGoodstack(api_key=KEY), port=0) as server:
        truemed = TruemedClient(api_key=KEY, base_url=server.url)
        goodstack = GoodstackClient(api_key=KEY, base_url=server.url)
        sessions = list(truemed.qualification_sessions.list(page_size=40))
        subscriptions = list(goodstack.eligibility_subscriptions.list())
        served = len(server.truemed.requests) + len(server.goodstack.requests)
    assert len(sessions) == 100 and len(subscriptions) == 33
    print("SERVED", served)


class EchoingTruemed(FakeTruemed):
    # A server that echoes the key it was sent in its error body.
    def _check_key(self, request):
        sent = request.headers.get("x-truemed-api-key", "")
        return self.error_response(401, "Unauthorized", f"Invalid API key: {{sent}}")


class EchoingGoodstack(FakeGoodstack):
    def _check_key(self, request):
        sent = request.headers.get("authorization", "")
        return self.error_response(401, "unauthorized", f"Invalid API key: {{sent}}")


@pytest.mark.vcr
def test_echoed_key():
    fake = EchoingTruemed(api_key=KEY)
    with FakeServer(EchoingGoodstack(api_key=KEY), port=0) as server:
        goodstack = GoodstackClient(api_key=KEY, base_url=server.url, max_retries=0)
        with pytest.raises(AuthenticationError):
            goodstack.eligibility_subscriptions.list()
    truemed = TruemedClient(api_key=KEY, transport=fake.transport, max_retries=0)
    with pytest.raises(AuthenticationError):
        truemed.qualification_sessions.list()
    print("SERVED", len(fake.requests))


@pytest.mark.vcr
def test_in_process():
    fake = FakeGoodstack(api_key=KEY)
    client = GoodstackClient(api_key=KEY, transport=fake.transport)
    assert len(client.eligibility_subscriptions.list(page_size=5).items) == 5
    print("SERVED", len(fake.requests))
'''


def test_vcr_recipe_records_no_key_and_replays_on_another_port(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_recorded=VCR_TESTS)
    # In this process: the plugin's own registration in a fresh interpreter is checked by
    # test_plugin_is_registered_and_not_autouse and by `nox -s build`'s consumer project.
    recorded = pytester.runpytest_inprocess("-s", "-p", "no:cacheprovider", "--record-mode=once")
    recorded.assert_outcomes(passed=3)
    # Recording: every request reached a fake (3 Truemed pages + 2 Goodstack pages, then 1).
    assert re.findall(r"SERVED (\d+)", recorded.stdout.str()) == ["5", "1", "1"]

    cassettes = sorted(Path(pytester.path, "cassettes", "test_recorded").glob("*.yaml"))
    names = ["test_echoed_key.yaml", "test_in_process.yaml", "test_over_loopback.yaml"]
    assert [c.name for c in cassettes] == names
    # Both fakes echoed the key they were sent (Goodstack's raw, Truemed's in a header).
    echoed = " ".join(cassettes[0].read_text(encoding="utf-8").split())  # YAML wraps lines
    assert echoed.count("Invalid API key: <redacted>") == 2
    for cassette in cassettes:
        text = cassette.read_text(encoding="utf-8")
        assert TEST_KEY not in text
        assert TEST_KEY[:12] not in text
        assert "<redacted>" in text
        assert "cookie" not in text.lower()
    # The loopback cassette was recorded on a port the replay's new FakeServer will not have.
    assert re.search(r"http://127\.0\.0\.1:\d+/", cassettes[2].read_text(encoding="utf-8"))

    replayed = pytester.runpytest_inprocess("-s", "-p", "no:cacheprovider", "--record-mode=none")
    replayed.assert_outcomes(passed=3)
    # Replay: the cassettes answered; no request reached a fake.
    assert re.findall(r"SERVED (\d+)", replayed.stdout.str()) == ["0", "0", "0"]


RECORDING_PROBE = """
import pytest
from eligibility_clients import TruemedClient
from eligibility_clients.testing import FakeServer, FakeTruemed, vcr_config as kit_config

@pytest.fixture(scope="module")
def vcr_config():
    return kit_config()

@pytest.mark.vcr
def test_probe(eligibility_recording):
    with FakeServer(FakeTruemed(api_key="probe-secret"), port=0) as server:
        client = TruemedClient(api_key="probe-secret", base_url=server.url)
        client.qualification_sessions.list(page_size=5)
    print("RECORDING" if eligibility_recording else "REPLAYING")

def test_unmarked(eligibility_recording):
    assert eligibility_recording is False
"""


def test_eligibility_recording_tells_recording_from_replaying(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_probe=RECORDING_PROBE)
    modes = []
    for mode in ("once", "once", "none", "rewrite"):
        # In this process, as the recipe's test above runs its runs.
        result = pytester.runpytest_inprocess(
            "-s", "-p", "no:cacheprovider", f"--record-mode={mode}"
        )
        result.assert_outcomes(passed=2)
        modes.append("RECORDING" if "RECORDING" in result.stdout.str() else "REPLAYING")
    # The first `once` writes the cassette; the second finds it and replays.
    assert modes == ["RECORDING", "REPLAYING", "REPLAYING", "RECORDING"]


def test_recorded_user_agent_carries_no_version() -> None:
    from eligibility_clients.testing import vcr_config
    from vcr.request import Request as RecordedRequest

    hook = vcr_config()["before_record_request"]
    ours = RecordedRequest(
        "GET", "https://api.truemed.com/x", None, {"User-Agent": "eligibility-clients/9.8.7"}
    )
    assert hook(ours).headers["User-Agent"] == "eligibility-clients"
    other = RecordedRequest("GET", "https://api.truemed.com/x", None, {"User-Agent": "curl/8.0"})
    assert hook(other).headers["User-Agent"] == "curl/8.0"

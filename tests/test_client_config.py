"""Client construction: keys, hosts, environments, timeouts, transports and repr."""

from __future__ import annotations

import inspect

import httpx2
import pytest
from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    MissingAPIKeyError,
    TruemedClient,
    __version__,
)
from eligibility_clients._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_SECONDS
from eligibility_clients._retries import RetryPolicy

from tests.builders import GOODSTACK_KEY, TRUEMED_KEY, Recorder, goodstack_page, truemed_page


def test_missing_key_raises_at_construction() -> None:
    with pytest.raises(MissingAPIKeyError, match="TRUEMED_API_KEY"):
        TruemedClient()
    with pytest.raises(MissingAPIKeyError, match="GOODSTACK_API_KEY"):
        AsyncGoodstackClient(api_key="  ")


def test_key_and_base_url_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUEMED_API_KEY", TRUEMED_KEY)
    monkeypatch.setenv("TRUEMED_BASE_URL", "http://127.0.0.1:8765")
    recorder = Recorder(truemed_page(range(2), page=1, last_page=1))
    with TruemedClient(transport=recorder.transport) as client:
        assert str(client.base_url) == "http://127.0.0.1:8765"
        list(client.qualification_sessions.list())
    request = recorder.requests[0]
    assert request.url.host == "127.0.0.1"
    assert request.headers["x-truemed-api-key"] == TRUEMED_KEY


@pytest.mark.parametrize(
    ("environment", "truemed_host", "goodstack_host"),
    [
        ("production", "api.truemed.com", "api.goodstack.io"),
        ("sandbox", "dev-api.truemed.com", "sandbox-api.goodstack.io"),
    ],
)
def test_environments_select_the_vendor_hosts(
    environment: str, truemed_host: str, goodstack_host: str
) -> None:
    truemed = TruemedClient(api_key=TRUEMED_KEY, environment=environment)  # type: ignore[arg-type]
    goodstack = GoodstackClient(api_key=GOODSTACK_KEY, environment=environment)  # type: ignore[arg-type]
    assert truemed.base_url.host == truemed_host
    assert goodstack.base_url.host == goodstack_host
    assert truemed.environment == environment


def test_unknown_environment_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'production', 'sandbox'"):
        TruemedClient(api_key=TRUEMED_KEY, environment="staging")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url", ["http://api.truemed.com", "http://10.0.0.5:8000", "http://localhost.evil.com"]
)
def test_plain_http_is_refused_for_non_loopback_hosts(url: str) -> None:
    with pytest.raises(ValueError, match="plain http"):
        TruemedClient(api_key=TRUEMED_KEY, base_url=url)


@pytest.mark.parametrize(
    "url", ["http://localhost:8000", "http://127.0.0.1:1", "http://127.8.9.10", "http://[::1]:80"]
)
def test_plain_http_is_allowed_for_loopback(url: str) -> None:
    client = GoodstackClient(api_key=GOODSTACK_KEY, base_url=url)
    assert client.base_url.scheme == "http"


@pytest.mark.parametrize("url", ["ftp://api.truemed.com", "api.truemed.com", "https://"])
def test_malformed_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        TruemedClient(api_key=TRUEMED_KEY, base_url=url)


def test_repr_never_shows_the_key() -> None:
    for client in (
        TruemedClient(api_key=TRUEMED_KEY),
        GoodstackClient(api_key=GOODSTACK_KEY),
        AsyncTruemedClient(api_key=TRUEMED_KEY),
    ):
        text = repr(client)
        assert TRUEMED_KEY not in text
        assert GOODSTACK_KEY not in text
        assert "base_url=" in text
        assert TRUEMED_KEY not in repr(vars(client))
        assert GOODSTACK_KEY not in repr(vars(client))


def test_timeouts_default_to_60s_with_a_5s_connect() -> None:
    client = TruemedClient(api_key=TRUEMED_KEY)
    assert client._http.timeout == httpx2.Timeout(60.0, connect=5.0)
    custom = TruemedClient(api_key=TRUEMED_KEY, timeout=httpx2.Timeout(3.0))
    assert custom._http.timeout == httpx2.Timeout(3.0)
    short = TruemedClient(api_key=TRUEMED_KEY, timeout=2)
    assert short._http.timeout == httpx2.Timeout(2.0)


@pytest.mark.parametrize("timeout", [0, -1.0, "10"])
def test_bad_timeouts_are_refused(timeout: object) -> None:
    with pytest.raises(ValueError, match="timeout"):
        TruemedClient(api_key=TRUEMED_KEY, timeout=timeout)  # type: ignore[arg-type]


@pytest.mark.parametrize("retries", [-1, 1.5, True])
def test_bad_max_retries_are_refused(retries: object) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        TruemedClient(api_key=TRUEMED_KEY, max_retries=retries)  # type: ignore[arg-type]


def test_transport_kind_must_match_the_client() -> None:
    async_transport = httpx2.AsyncHTTPTransport()
    with pytest.raises(TypeError, match=r"httpx2\.BaseTransport"):
        TruemedClient(api_key=TRUEMED_KEY, transport=async_transport)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx2\.AsyncBaseTransport"):
        AsyncGoodstackClient(
            api_key=GOODSTACK_KEY,
            transport=httpx2.HTTPTransport(),  # type: ignore[arg-type]
        )


def test_requests_carry_the_vendor_auth_header_and_user_agent() -> None:
    truemed = Recorder(truemed_page(range(1), page=1, last_page=1))
    goodstack = Recorder(goodstack_page(range(1)))
    TruemedClient(api_key=TRUEMED_KEY, transport=truemed.transport).qualification_sessions.list()
    GoodstackClient(
        api_key=GOODSTACK_KEY, transport=goodstack.transport
    ).eligibility_subscriptions.list()

    (truemed_request,) = truemed.requests
    (goodstack_request,) = goodstack.requests
    assert truemed_request.headers["x-truemed-api-key"] == TRUEMED_KEY
    assert "authorization" not in truemed_request.headers
    assert goodstack_request.headers["authorization"] == GOODSTACK_KEY
    for request in (truemed_request, goodstack_request):
        assert request.headers["user-agent"].startswith(f"eligibility-clients/{__version__}")
        assert TRUEMED_KEY not in str(request.url)
        assert GOODSTACK_KEY not in str(request.url)
        assert request.url.scheme == "https"


def test_close_and_context_manager_close_the_pool() -> None:
    client = TruemedClient(api_key=TRUEMED_KEY)
    with client as entered:
        assert entered is client
    assert client._http.is_closed
    other = GoodstackClient(api_key=GOODSTACK_KEY)
    other.close()
    assert other._http.is_closed


@pytest.mark.anyio
async def test_async_context_manager_closes_the_pool() -> None:
    async with AsyncTruemedClient(api_key=TRUEMED_KEY) as client:
        assert not client._http.is_closed
    assert client._http.is_closed


@pytest.mark.parametrize(
    "client", [TruemedClient, AsyncTruemedClient, GoodstackClient, AsyncGoodstackClient]
)
def test_the_signatures_show_the_defaults_the_settings_apply(client: type[object]) -> None:
    # The signatures spell the defaults out for editors and the API check; the settings hold
    # them once. Both must say what the documentation says: 60 s and 2 retries.
    parameters = inspect.signature(client).parameters
    assert parameters["timeout"].default == DEFAULT_TIMEOUT_SECONDS == 60.0
    assert parameters["max_retries"].default == DEFAULT_MAX_RETRIES == 2
    assert RetryPolicy().max_retries == DEFAULT_MAX_RETRIES

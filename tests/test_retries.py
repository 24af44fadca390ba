"""Retries: what is retried, how long to wait, and what happens when retries run out."""

from __future__ import annotations

import datetime as dt
import email.utils
import logging

import httpx2
import pytest
from eligibility_clients import (
    APIConnectionError,
    AsyncTruemedClient,
    BadRequestError,
    GoodstackClient,
    InternalServerError,
    RateLimitError,
    TruemedClient,
)
from eligibility_clients._logging import ENV_VAR, logger, setup_from_env
from eligibility_clients._retries import RetryPolicy, retry_after_seconds

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    Recorder,
    RetrySleeps,
    truemed_error,
    truemed_page,
)


def ok() -> httpx2.Response:
    return truemed_page(range(1), page=1, last_page=1)


def client_for(recorder: Recorder, sleeps: RetrySleeps, retries: int = 2) -> TruemedClient:
    client = TruemedClient(api_key=TRUEMED_KEY, transport=recorder.transport, max_retries=retries)
    return sleeps.on(client)


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 520])
def test_retryable_statuses_are_retried_then_succeed(
    status: int, retry_sleeps: RetrySleeps
) -> None:
    recorder = Recorder(httpx2.Response(status), ok())
    page = client_for(recorder, retry_sleeps).qualification_sessions.list()
    assert len(page.items) == 1
    assert len(recorder.requests) == 2
    assert len(retry_sleeps.delays) == 1
    assert 0.375 <= retry_sleeps.delays[0] <= 0.5


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(status: int, retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(truemed_error(status, "ValidationError", "no"))
    with pytest.raises(Exception, match="ValidationError"):
        client_for(recorder, retry_sleeps).qualification_sessions.list()
    assert len(recorder.requests) == 1
    assert retry_sleeps.delays == []


def test_backoff_grows_and_retries_run_out(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(*[httpx2.Response(500)] * 5)
    with pytest.raises(InternalServerError):
        client_for(recorder, retry_sleeps, retries=4).qualification_sessions.list()
    assert len(recorder.requests) == 5
    bounds = [(0.375, 0.5), (0.75, 1.0), (1.5, 2.0), (3.0, 4.0)]
    for delay, (low, high) in zip(retry_sleeps.delays, bounds, strict=True):
        assert low <= delay <= high


def test_backoff_is_capped_at_8_seconds() -> None:
    policy = RetryPolicy(max_retries=10)
    assert all(6.0 <= policy.backoff(n) <= 8.0 for n in range(4, 10))


def test_retry_after_seconds_is_honoured(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(httpx2.Response(429, headers={"Retry-After": "7"}), ok())
    client_for(recorder, retry_sleeps).qualification_sessions.list()
    assert retry_sleeps.delays == [7.0]


def test_retry_after_is_capped_at_60_seconds(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(httpx2.Response(503, headers={"Retry-After": "3600"}), ok())
    client_for(recorder, retry_sleeps).qualification_sessions.list()
    assert retry_sleeps.delays == [60.0]


def test_retry_after_http_date() -> None:
    now = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    later = email.utils.format_datetime(now + dt.timedelta(seconds=12), usegmt=True)
    assert retry_after_seconds(httpx2.Headers({"Retry-After": later}), now=now) == 12.0
    past = email.utils.format_datetime(now - dt.timedelta(seconds=5), usegmt=True)
    assert retry_after_seconds(httpx2.Headers({"Retry-After": past}), now=now) == 0.0
    assert retry_after_seconds(httpx2.Headers({"retry-after-ms": "250"})) == 0.25
    assert retry_after_seconds(httpx2.Headers({"Retry-After": "soon"})) is None
    assert retry_after_seconds(httpx2.Headers({})) is None


def test_rate_limit_after_retries_is_a_rate_limit_error(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(*[httpx2.Response(429, headers={"Retry-After": "1"})] * 3)
    with pytest.raises(RateLimitError) as caught:
        client_for(recorder, retry_sleeps).qualification_sessions.list()
    assert caught.value.status_code == 429
    assert retry_sleeps.delays == [1.0, 1.0]


def test_x_should_retry_overrides_the_status(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(
        httpx2.Response(400, json={"error": "Busy"}, headers={"x-should-retry": "true"}),
        ok(),
    )
    client_for(recorder, retry_sleeps).qualification_sessions.list()
    assert len(recorder.requests) == 2
    assert len(retry_sleeps.delays) == 1
    never = Recorder(httpx2.Response(503, headers={"x-should-retry": "false"}))
    with pytest.raises(InternalServerError):
        client_for(never, retry_sleeps).qualification_sessions.list()
    assert len(never.requests) == 1


def test_connection_errors_and_timeouts_are_retried(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(httpx2.ConnectError("refused"), httpx2.ReadTimeout("slow"), ok())
    assert len(client_for(recorder, retry_sleeps).qualification_sessions.list().items) == 1
    assert len(recorder.requests) == 3
    assert len(retry_sleeps.delays) == 2


def test_max_retries_zero_disables_retries(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(httpx2.ConnectError("refused"))
    with pytest.raises(APIConnectionError):
        client_for(recorder, retry_sleeps, retries=0).qualification_sessions.list()
    assert len(recorder.requests) == 1
    assert retry_sleeps.delays == []


def test_retries_apply_per_page_mid_walk(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(
        truemed_page(range(0, 2), page=1, last_page=2, page_size=2),
        httpx2.Response(502),
        truemed_page(range(2, 4), page=2, last_page=2, page_size=2),
    )
    walk = client_for(recorder, retry_sleeps).qualification_sessions.list(page_size=2)
    assert len(list(walk)) == 4
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2", "2"]
    assert len(retry_sleeps.delays) == 1


def test_bad_request_is_not_retried_for_goodstack() -> None:
    recorder = Recorder(httpx2.Response(400, json={"error": {"code": "bad_request"}}))
    client = GoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport)
    with pytest.raises(BadRequestError):
        client.eligibility_subscriptions.list()
    assert len(recorder.requests) == 1


@pytest.mark.anyio
async def test_async_retries(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(httpx2.Response(503, headers={"Retry-After": "2"}), ok())
    client = retry_sleeps.on(AsyncTruemedClient(api_key=TRUEMED_KEY, transport=recorder.transport))
    page = await client.qualification_sessions.list()
    assert len(page.items) == 1
    assert retry_sleeps.delays == [2.0]


def test_log_env_var_turns_on_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    monkeypatch.setattr(logger, "handlers", [])
    setup_from_env()
    assert logger.level == logging.NOTSET
    monkeypatch.setenv(ENV_VAR, "debug")
    setup_from_env()
    setup_from_env()
    assert logger.level == logging.DEBUG
    assert len(logger.handlers) == 1
    monkeypatch.setenv(ENV_VAR, "INFO")
    setup_from_env()
    assert logger.level == logging.INFO

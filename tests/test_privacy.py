"""No key in anything the library prints: exception chains, log records; short keys refused.

A server may echo what it was sent anywhere: a header, a field that then fails to parse, an
error message, a next link, a body that is not JSON. Whatever it echoes, the formatted
exception chain (what `logging.exception`, Sentry and a plain traceback print) and every
log record are checked for the key. `every_record` and `shown` are shared with
`test_privacy_personal.py`, which checks the same for personal values.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx2
import pytest
from eligibility_clients import (
    APIError,
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
)
from eligibility_clients._secrets import MIN_KEY_LENGTH, REDACTED, redact
from hypothesis import given
from hypothesis import strategies as st

from tests.builders import RetrySleeps, goodstack_subscription, truemed_session

KEYS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    min_size=16,
    max_size=40,
).map(lambda text: f"sk_{text}")
AROUND = st.text(alphabet="abc -:/'\"", max_size=6)
Echo = Callable[[str, str], httpx2.Response]


def _truemed_field(field: str) -> Echo:
    def echo(key: str, around: str) -> httpx2.Response:
        item = truemed_session(1)
        item[field] = f"{around}{key}{around}"
        return httpx2.Response(200, json={"qualification_sessions": [item], "pagination": None})

    return echo


def _truemed_error(status: int) -> Echo:
    def echo(key: str, around: str) -> httpx2.Response:
        body = {"error": f"Code{around}{key}", "message": f"bad key {around}{key}"}
        return httpx2.Response(status, json=body, headers={"x-request-id": f"req-{key}"})

    return echo


def _not_json(key: str, around: str) -> httpx2.Response:
    return httpx2.Response(200, text=f"<html>{around}{key}</html>")


def _echoed_header(key: str, around: str) -> httpx2.Response:
    return httpx2.Response(
        502, text="bad gateway", headers={"x-truemed-api-key": key, "request-id": f"{around}{key}"}
    )


def _truemed_nested(key: str, around: str) -> httpx2.Response:
    return httpx2.Response(
        200, json={"qualification_sessions": [truemed_session(1)], "pagination": {"count": key}}
    )


TRUEMED_ECHOES: dict[str, Echo] = {
    "a date field": _truemed_field("created_at"),
    "a number field": _truemed_field("eligible_amount"),
    "a 400 message and request id": _truemed_error(400),
    "a 401 message": _truemed_error(401),
    "a 500 message": _truemed_error(500),
    "a body that is not JSON": _not_json,
    "an echoed auth header": _echoed_header,
    "the pagination object": _truemed_nested,
}


def _goodstack_link(key: str, around: str) -> httpx2.Response:
    body = {
        "data": [goodstack_subscription(1)],
        "_links": {"next": f"https://api.goodstack.io/v1/eligibility-subscriptions?cursor={key}"},
    }
    return httpx2.Response(200, json=body)


def _goodstack_field(key: str, around: str) -> httpx2.Response:
    item = goodstack_subscription(1)
    item["createdAt"] = f"{around}{key}"
    return httpx2.Response(200, json={"data": [item]})


def _goodstack_error(key: str, around: str) -> httpx2.Response:
    error = {"code": "bad_request", "title": key, "message": f"{around}{key}", "reasons": [key]}
    return httpx2.Response(400, json={"error": error})


def _goodstack_foreign_host(key: str, around: str) -> httpx2.Response:
    body = {
        "data": [goodstack_subscription(1)],
        "_links": {"next": f"https://{key.lower()}.example/v1/x?cursor=c2"},
    }
    return httpx2.Response(200, json=body)


GOODSTACK_ECHOES: dict[str, Echo] = {
    "the next link's cursor": _goodstack_link,
    "a date field": _goodstack_field,
    "an error's title, message and reasons": _goodstack_error,
    "the next link's host": _goodstack_foreign_host,
}


@contextmanager
def every_record(caplog: pytest.LogCaptureFixture) -> Iterator[list[logging.LogRecord]]:
    with caplog.at_level(logging.DEBUG, logger="eligibility_clients"):
        yield caplog.records


def shown(records: list[logging.LogRecord], error: BaseException | None) -> str:
    """Everything a log handler or traceback printer would show."""
    formatter = logging.Formatter()
    lines = [formatter.format(record) for record in records]
    if error is not None:
        lines.append("".join(traceback.format_exception(error)))
        lines.append(repr(error))
        lines.append(repr(error.args))
    return "\n".join(lines)


def walk_truemed(key: str, answer: httpx2.Response, **filters: Any) -> APIError | None:
    client = TruemedClient(
        api_key=key, transport=httpx2.MockTransport(lambda request: answer), max_retries=0
    )
    try:
        list(client.qualification_sessions.list(**filters))
    except APIError as exc:
        return exc
    return None


@pytest.mark.parametrize("where", sorted(TRUEMED_ECHOES))
@given(key=KEYS, around=AROUND)
def test_an_echoed_truemed_key_is_nowhere_in_the_chain_or_the_logs(
    caplog: pytest.LogCaptureFixture, where: str, key: str, around: str
) -> None:
    caplog.clear()
    with every_record(caplog) as records:
        error = walk_truemed(key, TRUEMED_ECHOES[where](key, around))
    assert error is not None  # every echo here is a response the walk cannot accept
    assert key not in shown(records, error)
    # The raw response stays as the server sent it, as documented.
    assert key in error.response.text or key in str(error.response.headers)  # type: ignore[attr-defined]


@pytest.mark.parametrize("where", sorted(GOODSTACK_ECHOES))
@given(key=KEYS, around=AROUND)
def test_an_echoed_goodstack_key_is_nowhere_in_the_chain_or_the_logs(
    caplog: pytest.LogCaptureFixture, where: str, key: str, around: str
) -> None:
    caplog.clear()
    client = GoodstackClient(
        api_key=key,
        transport=httpx2.MockTransport(lambda request: GOODSTACK_ECHOES[where](key, around)),
        max_retries=0,
    )
    error: APIError | None = None
    with every_record(caplog) as records:
        try:
            list(client.eligibility_subscriptions.list())
        except APIError as exc:
            error = exc
    assert key not in shown(records, error)
    for record in records:  # nor does the key reach any other host
        assert key not in record.getMessage()


@pytest.mark.anyio
@pytest.mark.parametrize("where", ["a date field", "a 400 message and request id"])
async def test_async_chains_are_as_clean(caplog: pytest.LogCaptureFixture, where: str) -> None:
    key = "sk_async_key_that_is_echoed_1234"
    answer = TRUEMED_ECHOES[where](key, "'")
    client = AsyncTruemedClient(
        api_key=key, transport=httpx2.MockTransport(lambda request: answer), max_retries=0
    )
    error: APIError | None = None
    with every_record(caplog) as records:
        try:
            [item async for item in client.qualification_sessions.list()]
        except APIError as exc:
            error = exc
    await client.aclose()
    assert error is not None
    assert key not in shown(records, error)


def test_a_cause_that_shows_the_key_is_cut_but_the_path_stays_exact() -> None:
    key = "sk_key_in_a_date_field_123456"
    error = walk_truemed(key, TRUEMED_ECHOES["a date field"](key, ""))
    assert error is not None
    assert error.__cause__ is None
    assert error.__context__ is None
    assert error.field == "qualification_sessions[0].created_at"  # type: ignore[attr-defined]


def test_a_cause_without_the_key_is_kept() -> None:
    item = truemed_session(1)
    item["created_at"] = "not a date"
    answer = httpx2.Response(200, json={"qualification_sessions": [item], "pagination": None})
    error = walk_truemed("sk_a_key_nobody_echoed_12345", answer)
    assert error is not None
    assert error.__cause__ is not None
    assert "not a date" in "".join(traceback.format_exception(error))


def test_strict_mode_raises_as_cleanly() -> None:
    key = "sk_strict_mode_key_1234567"
    answer = TRUEMED_ECHOES["a number field"](key, "")
    client = TruemedClient(
        api_key=key,
        transport=httpx2.MockTransport(lambda request: answer),
        max_retries=0,
        strict_response_validation=True,
    )
    with pytest.raises(APIError) as caught:
        list(client.qualification_sessions.list())
    assert key not in "".join(traceback.format_exception(caught.value))


def test_a_connection_error_quoting_the_key_is_cut(
    caplog: pytest.LogCaptureFixture, retry_sleeps: RetrySleeps
) -> None:
    key = "sk_connection_key_12345678"

    def fail(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError(f"proxy refused {key}", request=request)

    transport = httpx2.MockTransport(fail)
    client = retry_sleeps.on(TruemedClient(api_key=key, transport=transport, max_retries=1))
    with every_record(caplog) as records, pytest.raises(APIError) as caught:
        list(client.qualification_sessions.list())
    assert key not in shown(records, caught.value)
    assert "Connection error: proxy refused <redacted>" in str(caught.value)


# -- keys too short, and redaction ---------------------------------------------------------


@pytest.mark.parametrize(
    "client", [TruemedClient, AsyncTruemedClient, GoodstackClient, AsyncGoodstackClient]
)
def test_a_short_key_is_refused_naming_where_it_came_from(
    client: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="from api_key is shorter than 8 characters") as caught:
        client(api_key="e")
    assert "'e'" not in str(caught.value)
    env = "TRUEMED_API_KEY" if "Truemed" in client.__name__ else "GOODSTACK_API_KEY"
    monkeypatch.setenv(env, "short")
    with pytest.raises(ValueError, match=f"from {env} is shorter than 8 characters"):
        client()
    monkeypatch.setenv(env, "exactly8")
    client()  # eight characters are enough


def test_a_short_key_sends_nothing() -> None:
    sent: list[httpx2.Request] = []

    def record(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(200)

    with pytest.raises(ValueError, match="shorter than"):
        TruemedClient(api_key="1234567", transport=httpx2.MockTransport(record))
    assert sent == []
    assert MIN_KEY_LENGTH == 8


def test_redaction_replaces_whole_keys_and_keeps_its_marker() -> None:
    assert redact("Connection Error: bad key abcdefgh!", ("abcdefgh",)) == (
        "Connection Error: bad key <redacted>!"
    )
    # The marker is never rewritten, so redacting twice changes nothing.
    once = redact("x redacted y <redacted>", ("redacted",))
    assert once == "x <redacted> y <redacted>"
    assert redact(once, ("redacted",)) == once
    # Longest first: a key holding another goes whole.
    assert redact("k=abcdefgh12345678", ("abcdefgh", "abcdefgh12345678")) == "k=<redacted>"


@given(text=st.text(max_size=60), key=st.text(min_size=MIN_KEY_LENGTH, max_size=12))
def test_redaction_is_idempotent_and_removes_the_key(text: str, key: str) -> None:
    once = redact(text + key + text, (key,))
    assert redact(once, (key,)) == once
    assert REDACTED in once
    # Whatever is left of the key can only be where it overlapped the marker.
    assert key not in once.replace(REDACTED, "\x00")


def test_json_bodies_keep_what_the_server_sent() -> None:
    key = "sk_body_is_kept_as_sent_1234"
    error = walk_truemed(key, TRUEMED_ECHOES["a 400 message and request id"](key, ""))
    assert error is not None
    assert key not in str(error)
    assert json.loads(error.response.content)["message"] == f"bad key {key}"  # type: ignore[attr-defined]


def test_a_fake_refuses_a_key_the_clients_would_refuse() -> None:
    from eligibility_clients.testing import FakeGoodstack, FakeTruemed

    for fake in (FakeTruemed, FakeGoodstack):
        with pytest.raises(ValueError, match="at least 8 characters"):
            fake(api_key="short")
        assert fake(api_key="long-enough-key").api_key == "long-enough-key"

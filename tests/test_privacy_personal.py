"""No personal value (an email, a user id, a search term) in the records at INFO and above.

Filters a caller passes may name a person: what the server echoes of them, the retry message,
the exception chain and the error for a value that fails its check must not show them. DEBUG
shows the URLs with those values hidden, unless `ELIGIBILITY_CLIENTS_LOG_VALUES` asks for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx2
import pytest
from eligibility_clients import APIError, GoodstackClient, TruemedClient

from tests.builders import RetrySleeps
from tests.test_privacy import every_record, shown

EMAIL = "ada.lovelace@example.com"


def _busy_then(answer: httpx2.Response) -> Callable[[httpx2.Request], httpx2.Response]:
    answers = [httpx2.Response(503), answer]

    def reply(request: httpx2.Request) -> httpx2.Response:
        return answers.pop(0) if answers else answer

    return reply


@pytest.mark.parametrize(
    ("filters", "values"),
    [
        ({"search": EMAIL}, [EMAIL]),
        ({"user_id": "user_7c1f9a2b", "search": "Lovelace"}, ["user_7c1f9a2b", "Lovelace"]),
    ],
)
def test_truemed_personal_values_stay_out_of_info_and_messages(
    caplog: pytest.LogCaptureFixture,
    filters: dict[str, str],
    values: list[str],
    retry_sleeps: RetrySleeps,
) -> None:
    echo = f"no session matches {' '.join(values)}"
    answer = httpx2.Response(400, json={"error": "ValidationError", "message": echo})
    transport = httpx2.MockTransport(_busy_then(answer))
    client = retry_sleeps.on(TruemedClient(api_key="tm_test_key_privacy", transport=transport))
    with every_record(caplog) as records, pytest.raises(APIError) as caught:
        list(client.qualification_sessions.list(**filters))  # type: ignore[arg-type]
    loud = [r for r in records if r.levelno >= logging.INFO]
    text = shown(loud, caught.value) + str(caught.value)
    for value in values:
        assert value not in text
    # INFO names the operation, the parameters and the attempt.
    retry = next(r.getMessage() for r in loud if "retrying" in r.getMessage())
    names = ", ".join(sorted(["page", "page_size", *filters]))
    assert retry.startswith(
        f"retrying GET list_qualification_sessions (query: {names}) after status 503"
    )
    assert "retry 1 of 2" in retry
    # DEBUG shows the URLs, with the personal values hidden and the others as sent.
    debug = "\n".join(r.getMessage() for r in records if r.levelno == logging.DEBUG)
    for value in values:
        assert value not in debug
    assert "search=<hidden>" in debug or "user_id=<hidden>" in debug
    assert "page_size=30" in debug


def test_debug_shows_personal_values_only_when_asked(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELIGIBILITY_CLIENTS_LOG_VALUES", "1")
    answer = httpx2.Response(200, json={"qualification_sessions": [], "pagination": None})
    client = TruemedClient(
        api_key="tm_test_key_privacy", transport=httpx2.MockTransport(lambda request: answer)
    )
    with every_record(caplog) as records:
        list(client.qualification_sessions.list(search=EMAIL))
    debug = [r.getMessage() for r in records if r.levelno == logging.DEBUG]
    assert any("search=ada.lovelace%40example.com" in line for line in debug)
    assert all(r.levelno == logging.DEBUG for r in records)


def test_goodstack_query_is_personal(
    caplog: pytest.LogCaptureFixture, retry_sleeps: RetrySleeps
) -> None:
    term = "organisation_abcdefghij"
    answer = httpx2.Response(
        400, json={"error": {"code": "bad_request", "message": f"unknown {term}"}}
    )
    transport = httpx2.MockTransport(_busy_then(answer))
    client = retry_sleeps.on(GoodstackClient(api_key="gs-privacy-test-key", transport=transport))
    with every_record(caplog) as records, pytest.raises(APIError) as caught:
        list(client.eligibility_subscriptions.list(query=term))
    assert term not in shown([r for r in records if r.levelno >= logging.INFO], caught.value)
    assert term not in "\n".join(r.getMessage() for r in records)


def test_a_personal_value_that_fails_its_check_is_not_quoted() -> None:
    client = TruemedClient(api_key="tm_test_key_privacy")
    with pytest.raises(ValueError, match="search cannot be sent") as caught:
        client.qualification_sessions.list(search="ada\ud800lovelace")
    assert "ada" not in str(caught.value)
    assert "\\ud800" not in str(caught.value)

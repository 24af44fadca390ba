"""Every failure ends in one documented exception carrying status, code, message and response."""

from __future__ import annotations

import logging

import httpx2
import pytest
from eligibility_clients import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncGoodstackClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    GoodstackClient,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TruemedClient,
    UnprocessableEntityError,
)

from tests.builders import (
    GOODSTACK_KEY,
    TRUEMED_KEY,
    Recorder,
    RetrySleeps,
    goodstack_error,
    goodstack_page,
    truemed_error,
    truemed_page,
)


def truemed(recorder: Recorder) -> TruemedClient:
    return TruemedClient(api_key=TRUEMED_KEY, transport=recorder.transport, max_retries=0)


def goodstack(recorder: Recorder) -> GoodstackClient:
    return GoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport, max_retries=0)


def assert_no_key(exc: BaseException) -> None:
    for text in (str(exc), repr(exc), repr(getattr(exc, "body", None))):
        assert TRUEMED_KEY not in text
        assert GOODSTACK_KEY not in text


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (405, APIStatusError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (501, InternalServerError),
        (520, InternalServerError),
    ],
)
def test_truemed_statuses_map_to_classes(status: int, cls: type[APIStatusError]) -> None:
    recorder = Recorder(truemed_error(status, "ValidationError", f"bad thing {status}"))
    with pytest.raises(cls) as caught:
        truemed(recorder).qualification_sessions.list()
    error = caught.value
    assert type(error) is cls
    assert isinstance(error, APIError)
    assert error.status_code == status
    assert error.code == "ValidationError"
    assert error.message == f"bad thing {status}"
    assert error.body == {"error": "ValidationError", "message": f"bad thing {status}"}
    assert error.response.status_code == status
    assert str(error).startswith(f"{status} ValidationError: bad thing {status}")
    assert_no_key(error)


def test_goodstack_bad_request_keeps_reasons() -> None:
    recorder = Recorder(
        goodstack_error(
            400,
            "bad_request",
            "One or more of the inputs were invalid",
            reasons=["pageSize must be greater than or equal to 0"],
        )
    )
    with pytest.raises(BadRequestError) as caught:
        goodstack(recorder).eligibility_subscriptions.list()
    error = caught.value
    assert error.code == "bad_request"
    assert error.title == "Error"
    assert error.reasons == ["pageSize must be greater than or equal to 0"]
    assert "pageSize must be greater than or equal to 0" in str(error)


def test_goodstack_cursor_error_mid_walk_surfaces_where_the_page_was() -> None:
    recorder = Recorder(
        goodstack_page(range(2), next_cursor="broken"),
        goodstack_error(400, "pagination/cursor_error", "Unable to find the next page"),
    )
    walked: list[object] = []
    with pytest.raises(BadRequestError) as caught:
        walked.extend(goodstack(recorder).eligibility_subscriptions.list())
    assert len(walked) == 2
    assert caught.value.code == "pagination/cursor_error"
    assert caught.value.reasons == []


def test_goodstack_empty_401_body() -> None:
    recorder = Recorder(httpx2.Response(401, content=b""))
    with pytest.raises(AuthenticationError) as caught:
        goodstack(recorder).eligibility_subscriptions.list()
    assert caught.value.body == ""
    assert caught.value.code is None
    assert caught.value.message == "Unauthorized"
    assert_no_key(caught.value)


@pytest.mark.parametrize("status", [403, 404, 429, 503])
def test_goodstack_documented_error_bodies(status: int) -> None:
    recorder = Recorder(goodstack_error(status, "forbidden", "Access is denied"))
    with pytest.raises(APIStatusError) as caught:
        goodstack(recorder).eligibility_subscriptions.list()
    assert caught.value.status_code == status
    assert caught.value.code == "forbidden"
    assert caught.value.message == "Access is denied"


def test_html_error_page_from_a_proxy() -> None:
    html = "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
    recorder = Recorder(httpx2.Response(502, text=html, headers={"content-type": "text/html"}))
    with pytest.raises(InternalServerError) as caught:
        truemed(recorder).qualification_sessions.list()
    assert caught.value.body == html
    assert caught.value.message == "Bad Gateway"
    assert caught.value.code is None


def test_non_standard_status_without_reason_phrase() -> None:
    recorder = Recorder(httpx2.Response(520, text="origin error"))
    with pytest.raises(InternalServerError) as caught:
        goodstack(recorder).eligibility_subscriptions.list()
    assert caught.value.status_code == 520
    assert caught.value.message == "origin error"


def test_request_id_header_is_kept() -> None:
    recorder = Recorder(
        httpx2.Response(
            404, json={"error": "NotFound", "message": "no"}, headers={"x-request-id": "req_123"}
        )
    )
    with pytest.raises(NotFoundError) as caught:
        truemed(recorder).qualification_sessions.list()
    assert caught.value.request_id == "req_123"
    assert "req_123" in str(caught.value)


def test_non_json_success_body_is_a_validation_error() -> None:
    recorder = Recorder(httpx2.Response(200, text="<html>maintenance</html>"))
    with pytest.raises(APIResponseValidationError, match="not valid JSON") as caught:
        truemed(recorder).qualification_sessions.list()
    assert caught.value.body == "<html>maintenance</html>"
    assert caught.value.status_code == 200


def test_truncated_json_body_is_a_validation_error() -> None:
    recorder = Recorder(httpx2.Response(200, content=b'{"data": [{"id": '))
    with pytest.raises(APIResponseValidationError, match="not valid JSON"):
        goodstack(recorder).eligibility_subscriptions.list()


def test_json_array_body_is_a_validation_error() -> None:
    recorder = Recorder(httpx2.Response(200, json=[1, 2]))
    with pytest.raises(APIResponseValidationError, match="Expected a JSON object"):
        goodstack(recorder).eligibility_subscriptions.list()


def test_missing_required_field_is_named_with_its_index() -> None:
    # Truemed's status is one of the two fields the vendor promises (never null).
    body = truemed_page(range(3), page=1, last_page=1).json()
    del body["qualification_sessions"][2]["status"]
    recorder = Recorder(httpx2.Response(200, json=body))
    with pytest.raises(APIResponseValidationError) as caught:
        truemed(recorder).qualification_sessions.list()
    assert caught.value.field == "qualification_sessions[2].status"
    assert "missing required field 'status'" in str(caught.value)
    assert caught.value.body == body


def test_bad_date_is_named() -> None:
    body = goodstack_page(range(2)).json()
    body["data"][1]["createdAt"] = "last tuesday"
    recorder = Recorder(httpx2.Response(200, json=body))
    with pytest.raises(APIResponseValidationError) as caught:
        goodstack(recorder).eligibility_subscriptions.list()
    assert caught.value.field == "data[1].createdAt"
    assert isinstance(caught.value.__cause__, ValueError)


def test_bad_value_in_a_nullable_date_is_named() -> None:
    body = truemed_page(range(2), page=1, last_page=1).json()
    body["qualification_sessions"][1]["expires_at"] = "next week"
    recorder = Recorder(httpx2.Response(200, json=body))
    with pytest.raises(APIResponseValidationError) as caught:
        truemed(recorder).qualification_sessions.list()
    assert caught.value.field == "qualification_sessions[1].expires_at"
    assert isinstance(caught.value.__cause__, ValueError)


def test_malformed_object_in_a_nullable_list_is_named() -> None:
    body = goodstack_page(range(1)).json()
    body["data"][0]["suggestedActivitySubTags"] = [
        {
            "id": "activitysubtag_1",
            "name": "Wildlife",
            "tag": {
                "id": "activitytag_1",
                "name": "Environment",
                "description": None,
                "createdAt": "2024-01-01T00:00:00Z",
            },
            "description": None,
            "createdAt": "not a date",
        }
    ]
    recorder = Recorder(httpx2.Response(200, json=body))
    with pytest.raises(APIResponseValidationError) as caught:
        goodstack(recorder).eligibility_subscriptions.list()
    assert caught.value.field == "data[0].suggestedActivitySubTags[0].createdAt"


def test_wrong_type_is_a_validation_error() -> None:
    body = truemed_page(range(1), page=1, last_page=1).json()
    body["qualification_sessions"] = "none"
    recorder = Recorder(httpx2.Response(200, json=body))
    with pytest.raises(APIResponseValidationError):
        truemed(recorder).qualification_sessions.list()


def test_connection_error_keeps_the_httpx_cause() -> None:
    recorder = Recorder(httpx2.ConnectError("connection refused"))
    with pytest.raises(APIConnectionError) as caught:
        truemed(recorder).qualification_sessions.list()
    assert not isinstance(caught.value, APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx2.ConnectError)
    assert caught.value.request is not None
    assert_no_key(caught.value)


def test_dropped_connection_is_a_connection_error() -> None:
    recorder = Recorder(
        httpx2.RemoteProtocolError("Server disconnected without sending a response.")
    )
    with pytest.raises(APIConnectionError, match="Server disconnected"):
        goodstack(recorder).eligibility_subscriptions.list()


def test_timeout_is_a_timeout_error() -> None:
    recorder = Recorder(httpx2.ReadTimeout("timed out"))
    with pytest.raises(APITimeoutError) as caught:
        goodstack(recorder).eligibility_subscriptions.list()
    assert isinstance(caught.value, APIConnectionError)
    assert isinstance(caught.value.__cause__, httpx2.ReadTimeout)


@pytest.mark.anyio
async def test_async_errors_map_the_same_way(retry_sleeps: RetrySleeps) -> None:
    recorder = Recorder(goodstack_error(403, "forbidden", "Access is denied"))
    client = AsyncGoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport)
    with pytest.raises(PermissionDeniedError):
        await client.eligibility_subscriptions.list()
    timeout = Recorder(*[httpx2.ConnectTimeout("slow")] * 3)
    client = AsyncGoodstackClient(api_key=GOODSTACK_KEY, transport=timeout.transport)
    with pytest.raises(APITimeoutError):
        async for _ in retry_sleeps.on(client).eligibility_subscriptions.list():
            pass
    assert len(timeout.requests) == 3
    assert len(retry_sleeps.delays) == 2


def test_key_never_appears_in_logs(
    caplog: pytest.LogCaptureFixture, retry_sleeps: RetrySleeps
) -> None:
    caplog.set_level(logging.DEBUG, logger="eligibility_clients")
    recorder = Recorder(
        httpx2.Response(503),
        goodstack_page(range(2), next_cursor="c2"),
        goodstack_error(401, "unauthorized", "Authorization header is invalid"),
    )
    client = retry_sleeps.on(GoodstackClient(api_key=GOODSTACK_KEY, transport=recorder.transport))
    with pytest.raises(AuthenticationError) as caught:
        list(client.eligibility_subscriptions.list())
    assert_no_key(caught.value)
    text = caught.value.message + "\n" + "\n".join(r.getMessage() for r in caplog.records)
    assert "<redacted>" in text
    assert "retrying GET" in text
    assert "goodstack page" in text
    assert GOODSTACK_KEY not in text

"""Tolerant by default, strict on request: omitted fields, nulls, wrong types and their paths."""

from __future__ import annotations

import logging
from typing import Any

import httpx2
import pytest
from eligibility_clients import (
    APIResponseValidationError,
    AsyncGoodstackClient,
    GoodstackClient,
    TruemedClient,
)
from eligibility_clients_goodstack.models import EligibilitySubscription

from tests.builders import GOODSTACK_KEY, TRUEMED_KEY, Recorder, goodstack_page, truemed_page

SUB_TAG: dict[str, Any] = {
    "id": "activitysubtag_1",
    "name": "Wildlife",
    "tag": {
        "id": "activitytag_1",
        "name": "Environment",
        "description": None,
        "createdAt": "2024-01-01T00:00:00Z",
    },
    "description": None,
}


def goodstack(recorder: Recorder, *, strict: bool = False) -> GoodstackClient:
    return GoodstackClient(
        api_key=GOODSTACK_KEY,
        transport=recorder.transport,
        max_retries=0,
        strict_response_validation=strict,
    )


def truemed(recorder: Recorder, *, strict: bool = False) -> TruemedClient:
    return TruemedClient(
        api_key=TRUEMED_KEY,
        transport=recorder.transport,
        max_retries=0,
        strict_response_validation=strict,
    )


def omitted(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "eligibility_clients" and r.levelno == logging.WARNING
    ]


def test_omitted_field_reads_as_none_and_is_logged_once_per_walk(
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = goodstack_page(range(3), next_cursor="c2").json()
    second = goodstack_page(range(3, 5)).json()
    for item in first["data"] + second["data"]:
        del item["organisationName"]
    recorder = Recorder(httpx2.Response(200, json=first), httpx2.Response(200, json=second))
    with caplog.at_level(logging.WARNING, logger="eligibility_clients"):
        items = list(goodstack(recorder).eligibility_subscriptions.list())
    assert [item.id for item in items] == [f"eligibilitysubscription_{n:08d}" for n in range(5)]
    assert all(item.organisation_name is None for item in items)
    warnings = omitted(caplog)
    assert warnings == [
        "Goodstack left out 1 documented field(s) in this walk; they read as None: "
        "data[].organisationName (5 items)"
    ]


def test_one_warning_per_walk_names_every_omitted_field_with_its_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = goodstack_page(range(3), next_cursor="c2").json()
    second = goodstack_page(range(3, 5)).json()
    del first["data"][0]["partnerId"]
    del first["data"][2]["configurationId"]
    del second["data"][1]["partnerId"]
    recorder = Recorder(httpx2.Response(200, json=first), httpx2.Response(200, json=second))
    with caplog.at_level(logging.WARNING, logger="eligibility_clients"):
        assert len(list(goodstack(recorder).eligibility_subscriptions.list())) == 5
    assert omitted(caplog) == [
        "Goodstack left out 2 documented field(s) in this walk; they read as None: "
        "data[].configurationId (1 item), data[].partnerId (2 items)"
    ]


def test_a_walk_closed_early_reports_what_it_saw(caplog: pytest.LogCaptureFixture) -> None:
    first = goodstack_page(range(3), next_cursor="c2").json()
    del first["data"][1]["partnerId"]
    recorder = Recorder(httpx2.Response(200, json=first))
    with caplog.at_level(logging.WARNING, logger="eligibility_clients"):
        walk = iter(goodstack(recorder).eligibility_subscriptions.list())
        next(walk)
        assert omitted(caplog) == []  # not while the walk runs
        walk.close()  # type: ignore[attr-defined]
    assert omitted(caplog) == [
        "Goodstack left out 1 documented field(s) in this walk; they read as None: "
        "data[].partnerId (1 item)"
    ]
    assert len(recorder.requests) == 1


@pytest.mark.anyio
async def test_an_async_walk_reports_once_when_it_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = goodstack_page(range(2), next_cursor="c2").json()
    second = goodstack_page(range(2, 4)).json()
    for item in first["data"] + second["data"]:
        del item["validationRequestId"]
    responses = iter([first, second])

    async def reply(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json=next(responses))

    client = AsyncGoodstackClient(
        api_key=GOODSTACK_KEY, transport=httpx2.MockTransport(reply), max_retries=0
    )
    with caplog.at_level(logging.WARNING, logger="eligibility_clients"):
        items = [item async for item in client.eligibility_subscriptions.list()]
    await client.aclose()
    assert len(items) == 4
    assert omitted(caplog) == [
        "Goodstack left out 1 documented field(s) in this walk; they read as None: "
        "data[].validationRequestId (4 items)"
    ]


def test_each_walk_logs_again(caplog: pytest.LogCaptureFixture) -> None:
    body = goodstack_page(range(1)).json()
    del body["data"][0]["partnerId"]
    recorder = Recorder(httpx2.Response(200, json=body), httpx2.Response(200, json=body))
    client = goodstack(recorder)
    with caplog.at_level(logging.WARNING, logger="eligibility_clients"):
        list(client.eligibility_subscriptions.list())
        list(client.eligibility_subscriptions.list())
    assert len(omitted(caplog)) == 2


def test_to_dict_keeps_the_vendors_shape() -> None:
    body = goodstack_page(range(1)).json()
    item = body["data"][0]
    del item["organisationName"]
    del item["results"]["eligibilityStatus"]
    item["suggestedActivitySubTags"] = [SUB_TAG]
    parsed = EligibilitySubscription.from_dict(item)
    assert parsed.organisation_name is None
    assert parsed.validation_request_id is None
    assert parsed.results is not None
    assert parsed.results.eligibility_status is None
    dumped = parsed.to_dict()
    assert "organisationName" not in dumped
    assert dumped["validationRequestId"] is None
    assert "eligibilityStatus" not in dumped["results"]
    assert "updatedAt" not in dumped["suggestedActivitySubTags"][0]["tag"]
    assert EligibilitySubscription.from_dict(dumped).to_dict() == dumped


def test_item_without_id_is_still_yielded() -> None:
    body = goodstack_page(range(3)).json()
    del body["data"][0]["id"]
    del body["data"][1]["id"]
    recorder = Recorder(httpx2.Response(200, json=body))
    items = list(goodstack(recorder).eligibility_subscriptions.list())
    assert [item.id for item in items] == [None, None, "eligibilitysubscription_00000002"]


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda i: i["results"].pop("eligibilityStatus"), "data[0].results.eligibilityStatus"),
        (lambda i: i.pop("createdAt"), "data[0].createdAt"),
        (
            lambda i: i.update(suggestedActivitySubTags=[SUB_TAG, {**SUB_TAG, "tag": {}}]),
            "data[0].suggestedActivitySubTags[0].tag.updatedAt",
        ),
    ],
)
def test_strict_mode_raises_with_the_exact_path(edit: Any, field: str) -> None:
    body = goodstack_page(range(1)).json()
    edit(body["data"][0])
    with pytest.raises(APIResponseValidationError) as caught:
        list(
            goodstack(
                Recorder(httpx2.Response(200, json=body)), strict=True
            ).eligibility_subscriptions.list()
        )
    assert caught.value.field == field
    assert "strict_response_validation" in str(caught.value)
    # The same body walks in the default mode.
    assert (
        len(
            list(
                goodstack(
                    Recorder(httpx2.Response(200, json=body))
                ).eligibility_subscriptions.list()
            )
        )
        == 1
    )


def test_strict_sub_tag_without_tag_id_is_named_exactly() -> None:
    body = goodstack_page(range(1)).json()
    tag = {k: v for k, v in SUB_TAG["tag"].items() if k != "id"}
    body["data"][0]["results"]["confirmedActivitySubTags"] = [
        {
            **SUB_TAG,
            "createdAt": "2024-01-01T00:00:00Z",
            "updatedAt": None,
            "tag": {**tag, "updatedAt": None},
        }
    ]
    with pytest.raises(APIResponseValidationError) as caught:
        list(
            goodstack(
                Recorder(httpx2.Response(200, json=body)), strict=True
            ).eligibility_subscriptions.list()
        )
    assert caught.value.field == "data[0].results.confirmedActivitySubTags[0].tag.id"


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda i: i.update(createdAt="yesterday"), "data[0].createdAt"),
        (lambda i: i.update(organisationName=5), "data[0].organisationName"),
        (lambda i: i.update(id=["a"]), "data[0].id"),
        (lambda i: i.update(results="pass"), "data[0].results"),
        (lambda i: i["results"].update(eligibilityStatus=1), "data[0].results.eligibilityStatus"),
        (
            lambda i: i["results"].update(rejectedActivitySubTags=[{**SUB_TAG, "tag": {"id": 3}}]),
            "data[0].results.rejectedActivitySubTags[0].tag.id",
        ),
    ],
)
def test_wrong_values_raise_in_both_modes_with_the_exact_path(
    strict: bool, edit: Any, field: str
) -> None:
    body = goodstack_page(range(1)).json()
    edit(body["data"][0])
    with pytest.raises(APIResponseValidationError) as caught:
        list(
            goodstack(
                Recorder(httpx2.Response(200, json=body)), strict=strict
            ).eligibility_subscriptions.list()
        )
    assert caught.value.field == field


@pytest.mark.parametrize("strict", [False, True])
def test_truemed_amount_given_as_a_string_raises(strict: bool) -> None:
    body = truemed_page(range(2), page=1, last_page=1).json()
    body["qualification_sessions"][1]["eligible_amount"] = "100.00"
    with pytest.raises(APIResponseValidationError) as caught:
        list(
            truemed(
                Recorder(httpx2.Response(200, json=body)), strict=strict
            ).qualification_sessions.list()
        )
    assert caught.value.field == "qualification_sessions[1].eligible_amount"


def test_truemed_required_id_raises_in_default_mode() -> None:
    body = truemed_page(range(2), page=1, last_page=1).json()
    del body["qualification_sessions"][0]["qualification_session_id"]
    with pytest.raises(APIResponseValidationError) as caught:
        list(truemed(Recorder(httpx2.Response(200, json=body))).qualification_sessions.list())
    assert caught.value.field == "qualification_sessions[0].qualification_session_id"


@pytest.mark.parametrize("items", [None, {}, "x", 3])
def test_envelope_item_list_missing_or_not_a_list_raises(items: object) -> None:
    body = goodstack_page(range(1)).json()
    if items is None:
        del body["data"]
    else:
        body["data"] = items
    with pytest.raises(APIResponseValidationError) as caught:
        list(goodstack(Recorder(httpx2.Response(200, json=body))).eligibility_subscriptions.list())
    assert caught.value.field == "data"


def test_strict_option_is_checked_and_shown() -> None:
    with pytest.raises(ValueError, match="strict_response_validation"):
        GoodstackClient(api_key=GOODSTACK_KEY, strict_response_validation="yes")  # type: ignore[arg-type]
    client = AsyncGoodstackClient(api_key=GOODSTACK_KEY, strict_response_validation=True)
    assert client.strict_response_validation is True


@pytest.mark.anyio
async def test_async_strict_mode_raises() -> None:
    body = goodstack_page(range(1)).json()
    del body["data"][0]["status"]
    recorder = Recorder(httpx2.Response(200, json=body))
    client = AsyncGoodstackClient(
        api_key=GOODSTACK_KEY,
        transport=httpx2.MockTransport(recorder),
        max_retries=0,
        strict_response_validation=True,
    )
    with pytest.raises(APIResponseValidationError) as caught:
        async for _ in client.eligibility_subscriptions.list():
            pass
    assert caught.value.field == "data[0].status"

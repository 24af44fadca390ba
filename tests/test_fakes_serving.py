"""The fakes served: sync, async and loopback transports, faults, responses that fit our specs."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from eligibility_clients import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    HTTPRequest,
    HTTPResponse,
    InternalServerError,
    RateLimitError,
    TruemedClient,
)
from eligibility_clients.testing import FakeGoodstack, FakeServer, FakeTruemed, Faults

from codegen.drift.traffic import SPECS, Exchange, Spec, check_exchanges
from tests.builders import RetrySleeps
from tests.test_fakes import (
    ROOT,
    eligibility_clients_goodstack,
    eligibility_clients_truemed,
    raw,
)

# --- transports: sync, async, loopback HTTP ------------------------------------------------


@pytest.mark.anyio
async def test_fakes_serve_async_clients() -> None:
    truemed, goodstack = FakeTruemed(), FakeGoodstack()
    async with AsyncTruemedClient(api_key=truemed.api_key, transport=truemed.transport) as tm:
        sessions = [s async for s in tm.qualification_sessions.list(status="approved")]
    async with AsyncGoodstackClient(api_key=goodstack.api_key, transport=goodstack.transport) as gs:
        first = await gs.eligibility_subscriptions.list(page_size=5)
    assert len(sessions) == sum(s["status"] == "approved" for s in truemed.sessions)
    assert len(first.items) == 5
    assert first.has_next_page()


def test_server_serves_both_fakes_over_loopback() -> None:
    with FakeServer(port=0) as server:
        assert server.url.startswith("http://127.0.0.1:")
        truemed = TruemedClient(api_key=server.truemed.api_key, base_url=server.url)
        goodstack = GoodstackClient(api_key=server.goodstack.api_key, base_url=server.url)
        assert len(list(truemed.qualification_sessions.list(page_size=40))) == 100
        page = goodstack.eligibility_subscriptions.list(page_size=20)
        assert page.has_next_page()
        assert len(list(page)) == 33
        server.goodstack.faults.drop_connection()
        with pytest.raises(APIConnectionError):
            GoodstackClient(
                api_key=server.goodstack.api_key, base_url=server.url, max_retries=0
            ).eligibility_subscriptions.list()
    with pytest.raises(ValueError, match="loopback"):
        FakeServer(host="0.0.0.0")


def test_serve_command_prints_how_to_connect() -> None:
    command = [sys.executable, "-m", "eligibility_clients.testing", "serve", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            url = first.split(" on ", 1)[1].split()[0]
            exports = process.stdout.readline() + process.stdout.readline()
            assert f"TRUEMED_BASE_URL={url}" in exports
            assert f"GOODSTACK_API_KEY={FakeGoodstack.DEFAULT_API_KEY}" in exports
            client = TruemedClient(api_key=FakeTruemed.DEFAULT_API_KEY, base_url=url)
            assert client.qualification_sessions.list().total_count == 100
        finally:
            process.terminate()
            process.wait(timeout=10)


# --- faults --------------------------------------------------------------------------------


def test_latency_is_slept_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    fake = FakeTruemed()
    fake.faults.latency = 0.05
    list(eligibility_clients_truemed(fake).qualification_sessions.list(page_size=50))
    assert slept == [0.05, 0.05]


def test_rate_limit_then_success_is_retried(retry_sleeps: RetrySleeps) -> None:
    fake = FakeGoodstack()
    client = retry_sleeps.on(eligibility_clients_goodstack(fake))
    fake.faults.rate_limit(retry_after=3)
    assert len(client.eligibility_subscriptions.list().items) == 25
    assert retry_sleeps.delays == [3.0]
    fake.faults.rate_limit(times=3, retry_after=None)
    with pytest.raises(RateLimitError) as caught:
        client.eligibility_subscriptions.list()
    assert caught.value.code == "rate_limited"
    assert len(retry_sleeps.delays) == 3


def test_server_is_quiet_when_a_client_hangs_up_but_reports_other_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with FakeServer(port=0) as server, socket.socket() as connection:
        httpd = server._httpd
        assert httpd is not None
        try:
            raise ConnectionResetError(104, "Connection reset by peer")
        except ConnectionResetError:
            httpd.handle_error(connection, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise RuntimeError("a bug in a fake")
        except RuntimeError:
            httpd.handle_error(connection, ("127.0.0.1", 1))
        assert "a bug in a fake" in capsys.readouterr().err


def test_server_error_burst_exhausts_retries() -> None:
    fake = FakeTruemed()
    fake.faults.server_errors(times=3, status=503)
    with pytest.raises(InternalServerError) as caught:
        eligibility_clients_truemed(fake, max_retries=2).qualification_sessions.list()
    assert caught.value.status_code == 503
    assert fake.faults.pending == 0
    fake.faults.server_errors(times=2)
    assert eligibility_clients_truemed(fake, max_retries=2).qualification_sessions.list().items


def test_dropped_connection(retry_sleeps: RetrySleeps) -> None:
    fake = FakeTruemed()
    fake.faults.drop_connection()
    with pytest.raises(APIConnectionError):
        eligibility_clients_truemed(fake, max_retries=0).qualification_sessions.list()
    fake.faults.drop_connection()
    client = retry_sleeps.on(eligibility_clients_truemed(fake, max_retries=1))
    assert client.qualification_sessions.list().items
    assert len(retry_sleeps.delays) == 1


@pytest.mark.parametrize("inject", [Faults.truncated_body, Faults.non_json_body])
def test_broken_bodies_raise_validation_error(inject: Any) -> None:
    fake = FakeGoodstack()
    inject(fake.faults)
    with pytest.raises(APIResponseValidationError) as caught:
        eligibility_clients_goodstack(fake).eligibility_subscriptions.list()
    assert caught.value.status_code == 200


def test_html_error_page_and_nonstandard_status() -> None:
    fake = FakeTruemed()
    fake.faults.html_error(status=502).status(520)
    with pytest.raises(APIStatusError) as html:
        eligibility_clients_truemed(fake, max_retries=0).qualification_sessions.list()
    assert html.value.status_code == 502
    assert "Bad Gateway" in str(html.value)
    with pytest.raises(APIStatusError) as odd:
        eligibility_clients_truemed(fake, max_retries=0).qualification_sessions.list()
    assert odd.value.status_code == 520


def test_fault_arguments_are_checked() -> None:
    faults = Faults()
    with pytest.raises(ValueError, match="times"):
        faults.rate_limit(times=0)
    with pytest.raises(ValueError, match="5xx"):
        faults.server_errors(status=404)
    faults.rate_limit().drop_connection()
    assert faults.pending == 2
    assert faults.clear().pending == 0


# --- every response fits our specs ---------------------------------------------------------


def _exchanges(fake: FakeTruemed | FakeGoodstack, queries: list[str]) -> Iterator[Exchange]:
    for query in queries:
        response = raw(fake, f"{fake.PATH}?{query}" if query else fake.PATH)
        yield Exchange(
            source=f"{type(fake).__name__}?{query}",
            method="GET",
            url=f"https://api.truemed.com{fake.PATH}?{query}"
            if isinstance(fake, FakeTruemed)
            else f"https://api.goodstack.io{fake.PATH}?{query}",
            status=response.status_code,
            content_type=response.headers["content-type"],
            body=response.content,
        )


def test_every_fake_response_validates_against_our_specs() -> None:
    specs = [Spec.load(path) for path in SPECS]
    truemed, goodstack = FakeTruemed(), FakeGoodstack()
    truemed_queries = [
        "",
        "page=2&page_size=7",
        "page=99",
        "status=approved",
        "search=zzz-nobody",
        "expires_at=2025-03-01",
        "page=0",
        "status=archived",
    ]
    goodstack_queries = [
        "",
        "pageSize=0",
        "pageSize=100&direction=ASC&sort=id",
        "status=live&hasOrganisation=true",
        "startDate=2024-06-01T00:00:00.000Z&endDate=2025-01-01T00:00:00Z",
        "pageSize=-1&status=nope",
        "cursor=corrupt",
    ]
    exchanges = [*_exchanges(truemed, truemed_queries), *_exchanges(goodstack, goodstack_queries)]
    # Injected faults the spec documents for that API: Goodstack's 429 and 5XX.
    goodstack.faults.rate_limit().server_errors(status=500)
    exchanges += [*_exchanges(goodstack, ["", ""])]
    statuses = {e.status for e in exchanges}
    assert {200, 400, 429, 500} <= statuses
    # Some requests are bad on purpose (to get the 400s), so only the responses are judged.
    assert check_exchanges(exchanges, specs, requests=False) == []
    # And the check is real: the wrong key's 401 from Goodstack fits, a broken body does not.
    broken = Exchange("broken", "GET", exchanges[0].url, 200, "application/json", b'{"x": 1}')
    assert check_exchanges([broken], specs)


def test_generated_data_serializes_as_json() -> None:
    # The fakes' records are plain JSON-compatible data, so users can dump and reload them.
    fake = FakeGoodstack(seed=3)
    assert json.loads(json.dumps(fake.subscriptions)) == fake.subscriptions


def test_a_fake_serves_a_templated_operation_beside_the_list() -> None:
    """A fake can serve a second operation: routed by its templated path, checked by its spec."""
    from eligibility_clients._operation import Operation, Parameter
    from eligibility_clients.testing._fake import json_response
    from eligibility_clients.testing._wire import Query

    retrieve: Operation[Any] = Operation(
        operation_id="retrieve_qualification_session",
        method="GET",
        path="/api/v1/qualification_session/{qualification_session_id}",
        summary="Retrieve Qualification Session",
        parameters=(
            Parameter(
                "qualification_session_id",
                "qualification_session_id",
                "path",
                True,
                "string",
                "",
                {"type": "string"},
                None,
                {},
            ),
            Parameter("verbose", "verbose", "query", False, "boolean", "", {}, None, {}),
        ),
        items_key=None,
        item_fields=(),
        kwargs=lambda arguments: {},
    )

    class WithRetrieve(FakeTruemed):
        OPERATIONS = (*FakeTruemed.OPERATIONS, retrieve)

        def _retrieve_qualification_session(
            self, request: HTTPRequest, query: Query, path_params: Any
        ) -> HTTPResponse:
            wanted = path_params["qualification_session_id"]
            found = [s for s in self.sessions if s["qualification_session_id"] == wanted]
            if not found:
                return self.error_response(404, "not_found", "No such session")
            return json_response(200, {**found[0], "verbose": query.values.get("verbose")})

    fake = WithRetrieve()
    first = fake.sessions[0]["qualification_session_id"]
    assert raw(fake, f"/api/v1/qualification_session/{first}?verbose=true").json()["verbose"]
    assert raw(fake, "/api/v1/qualification_session/qs_nope").status_code == 404
    refused = raw(fake, f"/api/v1/qualification_session/{first}?verbose=maybe")
    assert refused.status_code == 400
    assert refused.json()["message"] == "verbose: Must be a valid boolean."
    assert raw(fake, FakeTruemed.PATH).status_code == 200

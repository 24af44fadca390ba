"""httpx2, not httpx: what the clients accept, what they send, and what importing them loads.

The refusal reads an object's module name, so the old library's classes are stood in for by
classes that carry its module names: this package's tests never import httpx. `nox -s build`
checks the import against a virtualenv that holds only the wheel.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import httpx2
import pytest
from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
    __version__,
)

from tests.builders import GOODSTACK_KEY, TRUEMED_KEY, Recorder, goodstack_page, truemed_page


class _OldHTTPX:
    """Stand-ins for httpx's classes: named and placed as httpx names and places them."""

    class HTTPTransport:
        __module__ = "httpx._transports.default"

    class AsyncHTTPTransport:
        __module__ = "httpx._transports.default"

    class MockTransport:
        __module__ = "httpx._transports.mock"

    class BaseTransport:
        __module__ = "httpx._transports.base"

    class Timeout:
        __module__ = "httpx._config"

    class URL:
        __module__ = "httpx._urls"


for _cls in vars(_OldHTTPX).values():
    if isinstance(_cls, type):
        _cls.__qualname__ = _cls.__name__
httpx = _OldHTTPX

CLIENTS: list[tuple[Any, str]] = [
    (TruemedClient, TRUEMED_KEY),
    (GoodstackClient, GOODSTACK_KEY),
]
ASYNC_CLIENTS: list[tuple[Any, str]] = [
    (AsyncTruemedClient, TRUEMED_KEY),
    (AsyncGoodstackClient, GOODSTACK_KEY),
]


@pytest.mark.parametrize(("client", "key"), CLIENTS)
def test_an_httpx_transport_is_refused_with_the_way_out(client: Any, key: str) -> None:
    with pytest.raises(TypeError) as caught:
        client(api_key=key, transport=httpx.HTTPTransport())
    message = str(caught.value)
    assert message.startswith("transport is httpx.HTTPTransport from the httpx package")
    assert "pass an httpx2.BaseTransport instead" in message
    assert "httpx2.alias_httpx()" in message


@pytest.mark.parametrize(("client", "key"), ASYNC_CLIENTS)
def test_an_httpx_async_transport_is_refused(client: Any, key: str) -> None:
    with pytest.raises(TypeError, match=r"^transport is httpx\.AsyncHTTPTransport from the httpx "):
        client(api_key=key, transport=httpx.AsyncHTTPTransport())
    with pytest.raises(TypeError, match=r"pass an httpx2\.AsyncBaseTransport instead"):
        client(api_key=key, transport=httpx.MockTransport())


def test_a_subclass_of_an_httpx_transport_is_named_as_such() -> None:
    class Counting(httpx.BaseTransport):
        pass

    with pytest.raises(TypeError) as caught:
        TruemedClient(api_key=TRUEMED_KEY, transport=Counting())  # type: ignore[arg-type]
    assert str(caught.value).startswith(
        "transport is test_a_subclass_of_an_httpx_transport_is_named_as_such.<locals>.Counting, "
        "a subclass of httpx.BaseTransport, from the httpx package"
    )


@pytest.mark.parametrize(("client", "key"), CLIENTS + ASYNC_CLIENTS)
def test_an_httpx_timeout_is_refused(client: Any, key: str) -> None:
    with pytest.raises(TypeError) as caught:
        client(api_key=key, timeout=httpx.Timeout())
    message = str(caught.value)
    assert message.startswith("timeout is httpx.Timeout from the httpx package")
    assert "pass an httpx2.Timeout or a number of seconds instead" in message


def test_an_httpx_url_is_refused_as_base_url() -> None:
    with pytest.raises(TypeError, match=r"^base_url is httpx\.URL from the httpx package"):
        GoodstackClient(
            api_key=GOODSTACK_KEY,
            base_url=httpx.URL(),  # type: ignore[arg-type]
        )


def test_httpx2_objects_are_taken() -> None:
    recorder = Recorder(truemed_page(range(2), page=1, last_page=1))
    client = TruemedClient(
        api_key=TRUEMED_KEY,
        base_url=httpx2.URL("https://api.truemed.com"),
        timeout=httpx2.Timeout(3.0),
        transport=recorder.transport,
    )
    assert len(list(client.qualification_sessions.list())) == 2
    assert client._http.timeout == httpx2.Timeout(3.0)


def test_the_user_agent_is_ours_alone() -> None:
    truemed = Recorder(truemed_page(range(1), page=1, last_page=1))
    goodstack = Recorder(goodstack_page(range(1)))
    TruemedClient(api_key=TRUEMED_KEY, transport=truemed.transport).qualification_sessions.list()
    GoodstackClient(
        api_key=GOODSTACK_KEY, transport=goodstack.transport
    ).eligibility_subscriptions.list()
    with httpx2.Client() as plain:
        library_default = plain.headers["user-agent"]
    assert library_default.startswith("python-httpx2/")  # what would leak without ours
    for request in truemed.requests + goodstack.requests:
        user_agent = request.headers["user-agent"]
        assert user_agent == f"eligibility-clients/{__version__}"
        assert "python-httpx" not in user_agent
        assert "httpx" not in user_agent.lower()


def test_importing_the_package_loads_no_httpx_and_aliases_nothing() -> None:
    code = (
        "import sys\n"
        "import eligibility_clients, eligibility_clients.testing\n"
        "import eligibility_clients_truemed.api.qualification_sessions"
        ".list_qualification_sessions\n"
        "import eligibility_clients_goodstack.api.eligibility_subscriptions"
        ".list_eligibility_subscriptions\n"
        "old = sorted(m for m in sys.modules if m.partition('.')[0] in ('httpx', 'httpcore'))\n"
        "aliases = [f for f in sys.meta_path if type(f).__module__.startswith('httpx2')]\n"
        "print(old, aliases, 'httpx2' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] [] True"

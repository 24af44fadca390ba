"""Settings for recording and replaying this package's traffic with vcrpy (pytest-recording).

```python
@pytest.fixture(scope="module")
def vcr_config():
    return eligibility_clients.testing.vcr_config()
```
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from .._http import USER_AGENT_NAME
from .._secrets import CREDENTIAL_HEADERS, KEY_ENV_VARS, REDACTED, credential_values, redact

# The headers a key travels in: both vendors' and a proxy's (see `_secrets.py`).
AUTH_HEADERS = CREDENTIAL_HEADERS
# Cookies identify a session; a cassette is committed, so none are kept.
_RESPONSE_HEADERS_DROPPED = frozenset({"set-cookie", *AUTH_HEADERS})

# vcrpy's default matchers without `port`: a cassette recorded against `FakeServer(port=0)`
# replays against another `FakeServer(port=0)`. The vendors' hosts are https on 443 anyway.
MATCH_ON = ("method", "scheme", "host", "path", "query")


def _versionless(agent: str) -> str:
    # `eligibility-clients/0.6.0` -> `eligibility-clients`; another agent is left as it is.
    name, _, _version = agent.partition("/")
    return name if name == USER_AGENT_NAME else agent


def drop_response_cookies(response: dict[str, Any]) -> dict[str, Any]:
    """A vcrpy `before_record_response` hook: drop `Set-Cookie` and any echoed auth header."""
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in _RESPONSE_HEADERS_DROPPED:
            del headers[name]
    return response


def _scrub_text(text: str, secrets: set[str]) -> str:
    return redact(text, tuple(secrets))


def _scrub(value: Any, secrets: set[str]) -> Any:
    """`value` with every secret replaced; bytes stay bytes, str stays str."""
    if isinstance(value, bytes):
        for secret in sorted(secrets, key=len, reverse=True):
            value = value.replace(secret.encode("utf-8"), REDACTED.encode("utf-8"))
        return value
    if isinstance(value, str):
        return _scrub_text(value, secrets)
    return value


def _header_secrets(value: str) -> set[str]:
    return set(credential_values(value))


class _Scrubber:
    """vcrpy hooks that keep keys out of a cassette, even when a server echoes one back.

    vcrpy runs `filter_headers` before any `before_record_request` hook, so the auth headers
    are redacted here instead: this hook must read the key the client actually sent first.
    `Cassette.append` calls the request hook, then the response hook, for each interaction.
    """

    def __init__(self, secrets: set[str]) -> None:
        self.secrets = secrets

    def before_record_request(self, request: Any) -> Any:
        """Learn the request's auth header values, redact them, scrub the URI and body.

        Our User-Agent is recorded without its version, so that re-recording one cassette
        after a release does not rewrite every other.
        """
        for name in list(request.headers):
            if name.lower() == "user-agent":
                request.headers[name] = _versionless(str(request.headers[name]))
            if name.lower() in AUTH_HEADERS:
                self.secrets |= _header_secrets(str(request.headers[name]))
                request.headers[name] = REDACTED
        if self.secrets:
            request.uri = _scrub_text(request.uri, self.secrets)
            body = getattr(request, "_body", None)
            if isinstance(body, (bytes, str)):
                request.body = _scrub(body, self.secrets)
        return request

    def before_record_response(self, response: dict[str, Any]) -> dict[str, Any]:
        """Drop cookies and echoed auth headers; scrub every known key from headers and body."""
        response = drop_response_cookies(response)
        if not self.secrets:
            return response
        headers = response.get("headers") or {}
        for name, values in headers.items():
            if isinstance(values, list):
                headers[name] = [_scrub(value, self.secrets) for value in values]
            else:
                headers[name] = _scrub(values, self.secrets)
        body = response.get("body")
        if isinstance(body, dict) and "string" in body:
            body["string"] = _scrub(body["string"], self.secrets)
        return response


def vcr_config(*secrets: str) -> dict[str, Any]:
    """Settings for pytest-recording's `vcr_config` fixture.

    - Both vendors' auth headers (`Authorization`, `x-truemed-api-key`) are recorded as
      `<redacted>`, the request's `Cookie` is dropped, and so are a response's `Set-Cookie`
      and any auth header a server echoes.
    - Every key is replaced by `<redacted>` wherever it appears in a recorded request URI or
      body, or in a response's headers or body (a server that echoes the key): the `secrets`
      given here, the values of `TRUEMED_API_KEY` and `GOODSTACK_API_KEY` when set, and every
      auth header value a recorded request carried. Empty strings are ignored.
    - Requests match on method, scheme, host, path and query, not on port.
    - There is deliberately no `record_mode`: it would override `--record-mode` on the
      command line. Add your own keys to the returned dict as needed.
    """
    known = {secret.strip() for secret in secrets}
    known |= {os.environ.get(name, "").strip() for name in KEY_ENV_VARS}
    known.discard("")
    scrubber = _Scrubber(known)
    before_record_request: Callable[[Any], Any] = scrubber.before_record_request
    return {
        "filter_headers": [("cookie", None)],
        "before_record_request": before_record_request,
        "before_record_response": scrubber.before_record_response,
        "match_on": list(MATCH_ON),
        "decode_compressed_response": True,
    }

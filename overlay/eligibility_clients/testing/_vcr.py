"""Settings for recording and replaying this package's traffic with vcrpy (pytest-recording).

```python
@pytest.fixture(scope="module")
def vcr_config():
    return eligibility_clients.testing.vcr_config()
```
"""

from __future__ import annotations

from typing import Any

# The headers each vendor's key travels in (see `_config.py`); both clients send one.
AUTH_HEADERS = ("authorization", "x-truemed-api-key")
REDACTED = "<redacted>"
# Cookies identify a session; a cassette is committed, so none are kept.
_RESPONSE_HEADERS_DROPPED = frozenset({"set-cookie", *AUTH_HEADERS})

# vcrpy's default matchers without `port`: a cassette recorded against `FakeServer(port=0)`
# replays against another `FakeServer(port=0)`. The vendors' hosts are https on 443 anyway.
MATCH_ON = ("method", "scheme", "host", "path", "query")


def drop_response_cookies(response: dict[str, Any]) -> dict[str, Any]:
    """A vcrpy `before_record_response` hook: drop `Set-Cookie` and any echoed auth header."""
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in _RESPONSE_HEADERS_DROPPED:
            del headers[name]
    return response


def vcr_config() -> dict[str, Any]:
    """Settings for pytest-recording's `vcr_config` fixture.

    - Both vendors' auth headers (`Authorization`, `x-truemed-api-key`) are recorded as
      `<redacted>`, the request's `Cookie` is dropped, and so are a response's `Set-Cookie`
      and any auth header a server echoes.
    - Requests match on method, scheme, host, path and query, not on port.
    - There is deliberately no `record_mode`: it would override `--record-mode` on the
      command line. Add your own keys to the returned dict as needed.
    """
    return {
        "filter_headers": [*((name, REDACTED) for name in AUTH_HEADERS), ("cookie", None)],
        "before_record_response": drop_response_cookies,
        "match_on": list(MATCH_ON),
        "decode_compressed_response": True,
    }

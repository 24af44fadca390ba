"""Where cassette tests get their clients: replay, re-record from the fakes, or record live.

`RECORD_SOURCE` (set by `nox -s record`) picks the mode:

- unset: replay. The client has the real network transport, the cassette answers every
  request (`--record-mode=none`), and `--block-network` stops anything that slips through.
- `fakes`: record from the in-process fakes (seed 0), under the production hostnames.
- `live`: record from the vendor's sandbox with `TRUEMED_API_KEY` / `GOODSTACK_API_KEY`.

`tests/cassettes/sources.json` says where each API's cassettes came from; replay uses its
`environment` so that requests go to the hosts that were recorded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from eligibility_clients import GoodstackClient, SyncTransport, TruemedClient
from eligibility_clients.testing import FakeGoodstack, FakeTruemed

CASSETTES = Path(__file__).parent / "cassettes"
SOURCES = CASSETTES / "sources.json"
MODE = os.environ.get("RECORD_SOURCE") or "replay"
# Sent in replay; the recorded requests carry "<redacted>" and matching ignores headers.
REPLAY_KEY = "replay-placeholder-key"
WRONG_KEY = "invalid-key-for-the-401-test"


def sources() -> dict[str, Any]:
    """What `nox -s record` wrote about each API's cassettes."""
    loaded: dict[str, Any] = json.loads(SOURCES.read_text(encoding="utf-8"))
    return loaded


def _options(vendor: str, env_var: str, fake_key: str) -> dict[str, Any]:
    if MODE == "fakes":
        return {"api_key": fake_key, "environment": "production"}
    if MODE == "live":
        key = os.environ.get(env_var)
        if not key:
            pytest.fail(f"RECORD_SOURCE=live needs {env_var}")
        return {"api_key": key, "environment": "sandbox"}
    return {"api_key": REPLAY_KEY, "environment": sources()[vendor]["environment"]}


def _recordable(fake: FakeTruemed | FakeGoodstack) -> SyncTransport:
    # vcrpy records only through the httpx2 transports it patches (HTTPTransport,
    # MockTransport, ...); a fake's transport hands each request to a MockTransport.
    return fake.transport


def _client_options(
    vendor: str, fake: FakeTruemed | FakeGoodstack, api_key: str | None
) -> dict[str, Any]:
    settings = _options(vendor, f"{vendor.upper()}_API_KEY", fake.api_key)
    if api_key is not None:
        settings["api_key"] = api_key
    settings["transport"] = _recordable(fake) if MODE == "fakes" else None
    settings["max_retries"] = 0
    return settings


def truemed(*, api_key: str | None = None, **options: Any) -> TruemedClient:
    """A Truemed client for the current mode (`api_key` overrides, e.g. for the 401 test)."""
    return TruemedClient(**_client_options("truemed", FakeTruemed(seed=0), api_key), **options)


def goodstack(*, api_key: str | None = None, **options: Any) -> GoodstackClient:
    """A Goodstack client for the current mode (`api_key` overrides, e.g. for the 401 test)."""
    settings = _client_options("goodstack", FakeGoodstack(seed=0), api_key)
    return GoodstackClient(**settings, **options)

"""Shared test helpers."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# Imported before any test runs: httpx2 imports httpcore2 on a first request and caches its
# exception classes, and `pytester.runpytest_inprocess` drops the modules its run imported.
# Were httpcore2 first imported there, a later import would make new classes that httpx2's
# cache does not map, and a dropped connection would escape as httpcore2's own error.
import httpcore2  # noqa: F401
import pytest
from eligibility_clients._secrets import KEY_ENV_VARS
from hypothesis import HealthCheck, settings

from tests.builders import RetrySleeps

DATA = Path(__file__).parent / "data"

# One fixed profile for the property tests, locally and in CI: derandomized, so every run tries
# the same examples and a failure reproduces from its printed blob (no example database is
# written); no deadline, since a shared CI machine's timing is not the code's.
# `HYPOTHESIS_PROFILE` picks another registered profile for a deeper search.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    max_examples=50,
    database=None,
    # The autouse clean environment holds for every example alike; a property test that
    # retries records its waits in a `RetrySleeps` of each example's own.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def load_json(name: str) -> Any:
    """Load a JSON document from tests/data."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def truemed_body() -> dict[str, Any]:
    """A Truemed list body built from the vendor's documented fields."""
    body: dict[str, Any] = load_json("truemed_list_example.json")
    return body


@pytest.fixture
def goodstack_body() -> dict[str, Any]:
    """Goodstack's documented example of a list body (from the seed document)."""
    body: dict[str, Any] = load_json("goodstack_list_example.json")
    return body


@pytest.fixture
def retry_sleeps() -> RetrySleeps:
    """Retry delays recorded instead of slept, for clients built with `retry_sleeps.on(...)`."""
    return RetrySleeps()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see a real key or base URL from the developer's shell."""
    for name in (
        *KEY_ENV_VARS,
        "TRUEMED_BASE_URL",
        "GOODSTACK_BASE_URL",
        "ELIGIBILITY_CLIENTS_LOG",
        "ELIGIBILITY_CLIENTS_LOG_VALUES",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def anyio_backend() -> str:
    """Run `@pytest.mark.anyio` tests on asyncio only."""
    return "asyncio"


# Response headers that vary per request or could identify an account; never committed.
VOLATILE_RESPONSE_HEADERS = frozenset(
    {"set-cookie", "date", "cf-ray", "x-request-id", "x-amzn-requestid", "x-amzn-trace-id"}
)


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Drop cookies and per-request headers from a response before it is recorded."""
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in VOLATILE_RESPONSE_HEADERS:
            del headers[name]
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """The shipped `testing.vcr_config()`, which records our own cassettes as it does users'.

    On top of it, headers that vary per request are dropped from recorded responses. No
    `record_mode` here: it would silently override `--record-mode` on the command line.
    """
    from eligibility_clients.testing import vcr_config as shipped

    config = shipped()
    scrub_secrets = config["before_record_response"]

    def before_record_response(response: dict[str, Any]) -> dict[str, Any]:
        return scrub_response(scrub_secrets(response))

    config["before_record_response"] = before_record_response
    return config

"""Committed cassettes hold no secrets, carry the production hosts, and say where they came from."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from eligibility_clients._secrets import AUTH_HEADERS, KEY_ENV_VARS
from eligibility_clients.testing import FakeGoodstack, FakeTruemed

from tests import recording
from tests.builders import GOODSTACK_KEY, TRUEMED_KEY

HOSTS = {
    "truemed": {"production": "api.truemed.com", "sandbox": "dev-api.truemed.com"},
    "goodstack": {"production": "api.goodstack.io", "sandbox": "sandbox-api.goodstack.io"},
}
KEY_SHAPES = re.compile(r"\b(sk|pk)_(live|test)_[A-Za-z0-9]{6,}")


def cassettes(vendor: str) -> list[Path]:
    return sorted((recording.CASSETTES / f"test_{vendor}_cassettes").glob("*.yaml"))


def known_keys() -> list[str]:
    keys = [
        FakeTruemed.DEFAULT_API_KEY,
        FakeGoodstack.DEFAULT_API_KEY,
        TRUEMED_KEY,
        GOODSTACK_KEY,
        recording.REPLAY_KEY,
        recording.WRONG_KEY,
    ]
    # When a maintainer re-records live, the real keys are in the environment: check them too.
    keys += [os.environ[name] for name in KEY_ENV_VARS if name in os.environ]
    return keys


def test_every_api_has_cassettes_and_a_declared_source() -> None:
    sources = recording.sources()
    assert set(sources) == {"truemed", "goodstack"}
    for vendor, source in sources.items():
        assert source["source"] in ("fakes", "sandbox"), vendor
        assert source["environment"] in ("production", "sandbox"), vendor
        assert len(cassettes(vendor)) >= 10, vendor


def test_no_cassette_contains_a_key() -> None:
    keys = known_keys()
    for vendor in ("truemed", "goodstack"):
        for path in cassettes(vendor):
            text = path.read_text(encoding="utf-8")
            for key in keys:
                assert key not in text, (path, "holds a key")
            assert not KEY_SHAPES.search(text), path


def test_auth_headers_are_scrubbed_and_hosts_are_the_recorded_environment() -> None:
    sources = recording.sources()
    for vendor in ("truemed", "goodstack"):
        host = HOSTS[vendor][sources[vendor]["environment"]]
        for path in cassettes(vendor):
            interactions = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
            assert interactions, path
            for interaction in interactions:
                request = interaction["request"]
                headers = {k.lower(): v for k, v in request["headers"].items()}
                present = [h for h in AUTH_HEADERS if h in headers]
                assert present, (path, "no auth header recorded at all")
                for header in present:
                    assert headers[header] == ["<redacted>"], (path, header)
                assert request["uri"].startswith(f"https://{host}/"), (path, request["uri"])

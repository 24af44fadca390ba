"""Client settings: where the key, host and limits come from, and the rules they must meet."""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

import httpx2
from eligibility_clients_goodstack.operations import ENVIRONMENTS as GOODSTACK_ENVIRONMENTS
from eligibility_clients_truemed.operations import ENVIRONMENTS as TRUEMED_ENVIRONMENTS

from ._errors import MissingAPIKeyError
from ._old_httpx import reject_old_httpx
from ._secrets import (
    CREDENTIAL_HEADERS,
    GOODSTACK_AUTH_HEADER,
    GOODSTACK_KEY_ENV,
    MIN_KEY_LENGTH,
    TRUEMED_AUTH_HEADER,
    TRUEMED_KEY_ENV,
)

# The defaults, here once. The clients' signatures show them as literals too, so that editors
# and the API check read them; tests/test_client_config.py holds the two to these.
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_CONNECT_SECONDS = 5.0
DEFAULT_TIMEOUT = httpx2.Timeout(DEFAULT_TIMEOUT_SECONDS, connect=DEFAULT_CONNECT_SECONDS)
DEFAULT_MAX_RETRIES = 2


@dataclass(frozen=True)
class Vendor:
    """What differs between the two APIs at the connection level."""

    name: str
    key_env: str
    environments: Mapping[str, str]
    """Environment name -> API root, from the spec's servers (generated declarations)."""
    auth_header: str

    @property
    def base_url_env(self) -> str:
        """The environment variable that overrides the API root: `<NAME>_BASE_URL`."""
        return f"{self.name.upper()}_BASE_URL"


# Fields in order: name, key_env, environments, auth_header.
TRUEMED = Vendor("Truemed", TRUEMED_KEY_ENV, TRUEMED_ENVIRONMENTS, TRUEMED_AUTH_HEADER)
GOODSTACK = Vendor("Goodstack", GOODSTACK_KEY_ENV, GOODSTACK_ENVIRONMENTS, GOODSTACK_AUTH_HEADER)


@dataclass(frozen=True)
class Settings:
    """Resolved, validated client settings. The key is left out of `repr`."""

    vendor: Vendor
    api_key: str = field(repr=False)
    base_url: httpx2.URL
    environment: str
    timeout: httpx2.Timeout
    max_retries: int


class SettingsArguments(TypedDict):
    """The constructor arguments of every client that `resolve_settings` resolves."""

    api_key: str | None
    base_url: str | httpx2.URL | None
    environment: str
    timeout: float | httpx2.Timeout | None
    max_retries: int


def resolve_settings(vendor: Vendor, **arguments: Unpack[SettingsArguments]) -> Settings:
    """Apply defaults from the environment and check every setting; raise on a bad one."""
    api_key, base_url = arguments["api_key"], arguments["base_url"]
    environment = arguments["environment"]
    if environment not in vendor.environments:
        allowed = ", ".join(repr(e) for e in vendor.environments)
        raise ValueError(f"Unknown {vendor.name} environment {environment!r}; use one of {allowed}")
    key = api_key if api_key is not None else os.environ.get(vendor.key_env)
    if not key or not key.strip():
        raise MissingAPIKeyError(
            f"No {vendor.name} API key: pass api_key=... or set the {vendor.key_env} "
            "environment variable."
        )
    if any(c in key for c in "\r\n"):
        raise ValueError(f"The {vendor.name} API key contains a line break")
    if len(key.strip()) < MIN_KEY_LENGTH:
        # Never the key itself: only where it came from and what is wrong with it.
        source = "api_key" if api_key is not None else vendor.key_env
        raise ValueError(
            f"The {vendor.name} API key from {source} is shorter than {MIN_KEY_LENGTH} "
            "characters; real keys are longer, and a key this short cannot be kept out of "
            "messages safely."
        )
    url = base_url if base_url is not None else os.environ.get(vendor.base_url_env)
    resolved_url = _check_base_url(vendor, url or vendor.environments[environment])
    return Settings(
        vendor=vendor,
        api_key=key.strip(),
        base_url=resolved_url,
        environment=environment,
        timeout=check_timeout(arguments["timeout"]),
        max_retries=check_max_retries(arguments["max_retries"]),
    )


def check_max_retries(max_retries: int) -> int:
    """`max_retries` if it is an integer >= 0; raise ValueError otherwise."""
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValueError(f"max_retries must be an integer >= 0, got {max_retries!r}")
    return max_retries


def check_extra_headers(vendor: Vendor, headers: object) -> dict[str, str]:
    """Extra headers to send: str names and values; never a credential header."""
    if not isinstance(headers, Mapping):
        raise TypeError(f"extra_headers must be a mapping, got {type(headers).__name__}")
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not name or not isinstance(value, str):
            raise TypeError("extra_headers must map non-empty str names to str values")
        if any(c in name + value for c in "\r\n"):
            raise ValueError(f"extra_headers[{name!r}] contains a line break")
        if name.lower() in CREDENTIAL_HEADERS or name.lower() == vendor.auth_header.lower():
            # The key comes from api_key alone, and goes only to the API's own origin.
            raise ValueError(
                f"extra_headers may not set {name!r}: the {vendor.name} key is sent from api_key"
            )
        checked[name] = value
    return checked


def _check_base_url(vendor: Vendor, raw: str | httpx2.URL) -> httpx2.URL:
    reject_old_httpx("base_url", raw, "httpx2.URL or a str")
    try:
        url = httpx2.URL(raw)
    except (httpx2.InvalidURL, TypeError) as exc:
        raise ValueError(f"Invalid {vendor.name} base_url {str(raw)!r}: {exc}") from None
    if url.scheme not in ("https", "http") or not url.host:
        raise ValueError(
            f"{vendor.name} base_url must be an absolute http(s) URL, got {str(raw)!r}"
        )
    if url.scheme == "http" and not is_loopback(url.host):
        raise ValueError(
            f"Refusing to send the {vendor.name} API key over plain http to {url.host!r}: "
            "use https, or http only to localhost / 127.0.0.0/8 / ::1."
        )
    if url.query or url.fragment:
        raise ValueError(f"{vendor.name} base_url must not carry a query or fragment")
    return url


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_timeout(timeout: float | httpx2.Timeout | None) -> httpx2.Timeout:
    if timeout is None:
        return DEFAULT_TIMEOUT
    reject_old_httpx("timeout", timeout, "httpx2.Timeout or a number of seconds")
    if isinstance(timeout, httpx2.Timeout):
        for name in ("connect", "read", "write", "pool"):
            part = getattr(timeout, name)
            # None means "no limit" to httpx2; NaN, infinity or a negative number would only
            # fail later, deep in a socket call, or never time out at all.
            if part is not None and not _is_positive_finite(part):
                raise ValueError(
                    f"timeout.{name} must be a positive, finite number of seconds or None, "
                    f"got {part!r}"
                )
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if not _is_positive_finite(timeout):
        raise ValueError(f"timeout must be a positive, finite number of seconds, got {timeout!r}")
    return httpx2.Timeout(float(timeout), connect=min(DEFAULT_CONNECT_SECONDS, float(timeout)))


def _is_positive_finite(value: float) -> bool:
    # Written so that NaN, which compares false with everything, fails it.
    return 0 < value < math.inf

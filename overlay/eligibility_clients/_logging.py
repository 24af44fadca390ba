"""The package logger, its environment switch, and header redaction."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

logger = logging.getLogger("eligibility_clients")

ENV_VAR = "ELIGIBILITY_CLIENTS_LOG"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
# Both vendors' auth headers, plus the usual suspects a proxy or a user's transport might add.
SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "x-truemed-api-key", "cookie", "set-cookie"}
)
REDACTED = "<redacted>"


def setup_from_env() -> None:
    """Turn on logging to stderr when ELIGIBILITY_CLIENTS_LOG is `debug` or `info`.

    Does nothing when the variable is unset, so applications keep control of their own logging
    configuration.
    """
    level = _LEVELS.get(os.environ.get(ENV_VAR, "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if not any(getattr(h, "_eligibility_clients", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._eligibility_clients = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers as a dict for logging, with every credential replaced by `<redacted>`."""
    return {
        name: REDACTED if name.lower() in SENSITIVE_HEADERS else value for name, value in headers
    }

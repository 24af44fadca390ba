"""The package logger, its environment switches, and what a log line may show of a request.

At INFO and above a line names the operation, the query parameters' *names*, the status and
the attempt, never a value: a search term or user id is personal data, and many teams ship
every log line to a third party. At DEBUG the URL is shown with the values of the parameters
the spec marks `x-eligibility-clients-personal` hidden, unless ELIGIBILITY_CLIENTS_LOG_VALUES
is set; credential headers are always hidden.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from ._secrets import REDACTED, SENSITIVE_HEADERS

logger = logging.getLogger("eligibility_clients")

ENV_VAR = "ELIGIBILITY_CLIENTS_LOG"
#: Set to 1 (or true, yes) to let DEBUG lines show the values of personal parameters.
VALUES_ENV_VAR = "ELIGIBILITY_CLIENTS_LOG_VALUES"
#: The request extension under which the resources label what they send.
LABEL_EXTENSION = "eligibility_clients.label"
#: What stands for a value a log line leaves out.
HIDDEN = "<hidden>"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


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


@dataclass(frozen=True)
class RequestLabel:
    """What a log line may say about a request: its operation, and which values are personal."""

    operation: str
    personal: frozenset[str]
    """Wire names of the query parameters whose values can be personal data."""


def values_opted_in() -> bool:
    """Whether ELIGIBILITY_CLIENTS_LOG_VALUES asks for personal values in DEBUG lines."""
    return os.environ.get(VALUES_ENV_VAR, "").strip().lower() in ("1", "true", "yes")


def _label(request: Any) -> RequestLabel | None:
    label = getattr(request, "extensions", {}).get(LABEL_EXTENSION)
    return label if isinstance(label, RequestLabel) else None


def described(request: Any) -> str:
    """A request for INFO and above: method, operation and parameter names, no value.

    `GET list_qualification_sessions (query: page, search)`. A request the resources did not
    label (none of ours) is named by its path.
    """
    label = _label(request)
    operation = label.operation if label is not None else request.url.path
    names = sorted({name for name, _ in request.url.params.multi_items()})
    query = f" (query: {', '.join(names)})" if names else ""
    return f"{request.method} {operation}{query}"


def shown_url(request: Any) -> str:
    """A request's URL for DEBUG lines, personal values hidden unless the user opted in.

    Without a label nothing says which values are safe, so every query value is hidden.
    """
    url = request.url
    if not url.query or values_opted_in():
        return str(url)
    label = _label(request)
    text = str(url)
    base, _, query = text.partition("?")
    parts = []
    for part in query.split("&"):
        raw_name, equals, _value = part.partition("=")
        name = unquote_plus(raw_name)
        if equals and (label is None or name in label.personal):
            part = f"{raw_name}={HIDDEN}"
        parts.append(part)
    return f"{base}?{'&'.join(parts)}"

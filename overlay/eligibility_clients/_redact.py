"""Keeping the clients' own API keys out of every message, repr and log line.

A server may echo the key it was sent: in an error message, a request id, a next-page link.
Whatever server text the package carries into its own messages passes through `redact`,
which replaces every key a client of this process was configured with by `<redacted>`.
The raw `body` and `response` on an exception are left exactly as received.
"""

from __future__ import annotations

import logging
import threading

from ._logging import REDACTED, logger

# Longest first, so that a key containing another is replaced whole. A tuple, replaced on
# each change, so readers on other threads never see it mid-update and need no lock.
_keys: tuple[str, ...] = ()
_lock = threading.Lock()


def remember_key(key: str) -> None:
    """Redact `key` from now on (called for each client's resolved key)."""
    global _keys
    if not key or key in _keys:
        return
    with _lock:
        if key not in _keys:
            _keys = tuple(sorted({*_keys, key}, key=len, reverse=True))


def redact(text: str) -> str:
    """`text` with every remembered key replaced by `<redacted>`."""
    for key in _keys:
        if key in text:
            text = text.replace(key, REDACTED)
    return text


def redact_optional(text: str | None) -> str | None:
    """`redact` for a value that may be None."""
    return None if text is None else redact(text)


class RedactingFilter(logging.Filter):
    """Rewrites a log record whose formatted message contains a remembered key.

    It runs only for records that pass the logger's level, so a quiet logger costs nothing.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place; never drops it."""
        if _keys:
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


if not any(isinstance(f, RedactingFilter) for f in logger.filters):
    logger.addFilter(RedactingFilter())

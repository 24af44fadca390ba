"""What counts as a secret, in one place, and how a secret is cut out of text.

Every list of credential headers in the package (the log formatter, the exception
redaction, the cassette scrubber) and in its tests derives from the names here, so a new
vendor or header is added once.
"""

from __future__ import annotations

#: The header each vendor's key travels in, as the clients send it.
TRUEMED_AUTH_HEADER = "x-truemed-api-key"
GOODSTACK_AUTH_HEADER = "Authorization"
#: The environment variables the clients read their keys from.
TRUEMED_KEY_ENV = "TRUEMED_API_KEY"
GOODSTACK_KEY_ENV = "GOODSTACK_API_KEY"
KEY_ENV_VARS = (TRUEMED_KEY_ENV, GOODSTACK_KEY_ENV)

#: Lower-case names of the headers that carry the clients' keys.
AUTH_HEADERS = (GOODSTACK_AUTH_HEADER.lower(), TRUEMED_AUTH_HEADER)
#: Headers whose values are credentials: ours, and the one a proxy-using caller may add.
CREDENTIAL_HEADERS = (*AUTH_HEADERS, "proxy-authorization")
#: Headers never shown in a log line: the credentials, and cookies, which identify a session.
SENSITIVE_HEADERS = frozenset({*CREDENTIAL_HEADERS, "cookie", "set-cookie"})

#: What stands where a secret was.
REDACTED = "<redacted>"
#: The shortest key a client accepts. A shorter one would be found inside ordinary words
#: ("e" in "Connection error"), so cutting it out would garble every message it touches.
MIN_KEY_LENGTH = 8


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """`text` with every whole occurrence of each secret replaced by `<redacted>`.

    The marker itself is never rewritten, so redacting twice gives the same text, and a
    secret that is part of the marker (or overlaps it) cannot garble it. `secrets` are tried
    longest first, so a key holding another key goes whole.
    """
    if not secrets or not text:
        return text
    ordered = sorted({s for s in secrets if s}, key=len, reverse=True)
    if not any(secret in text for secret in ordered):
        return text
    parts = text.split(REDACTED)
    for index, part in enumerate(parts):
        for secret in ordered:
            if secret in part:
                part = part.replace(secret, REDACTED)
        parts[index] = part
    return REDACTED.join(parts)


def credential_values(header_value: str) -> tuple[str, ...]:
    """The secrets in one credential header's value: the whole value, and the key alone.

    `Authorization: Bearer KEY` sends the scheme too, and a server may echo only the KEY.
    """
    value = header_value.strip()
    if not value:
        return ()
    scheme, _, credential = value.partition(" ")
    credential = credential.strip()
    if scheme and credential:
        return (value, credential)
    return (value,)

"""Refusing objects from httpx, the library httpx2 continues, with a message that says so.

httpx2 keeps httpx's names (`HTTPTransport`, `Timeout`, `URL`), so an `httpx.HTTPTransport`
handed to a client built on httpx2 would otherwise fail deep inside a request, or be refused
with a message naming a class the caller believes they passed. The check reads the type's
module name: importing httpx to compare against would load the very library this package no
longer needs.
"""

from __future__ import annotations

_OLD_PACKAGES = frozenset({"httpx", "httpcore"})


def _old_httpx_class(value: object) -> type | None:
    """The first class of `value`'s that belongs to httpx or httpcore, if any."""
    for cls in type(value).__mro__:
        if cls.__module__.partition(".")[0] in _OLD_PACKAGES:
            return cls
    return None


def reject_old_httpx(argument: str, value: object, expected: str) -> None:
    """Raise `TypeError` when `value` comes from httpx; `expected` names the httpx2 type."""
    origin = _old_httpx_class(value)
    if origin is None:
        return
    package = origin.__module__.partition(".")[0]
    what = f"{package}.{origin.__qualname__}"
    if type(value) is not origin:
        what = f"{type(value).__qualname__}, a subclass of {what},"
    raise TypeError(
        f"{argument} is {what} from the {package} package, but eligibility-clients is built "
        f"on httpx2, the maintained successor of httpx: pass an {expected} instead "
        "(`import httpx2`, then build it the same way). If a dependency of your application "
        "still makes httpx objects, call `httpx2.alias_httpx()` once at your application's "
        "start, before anything imports httpx, so that `import httpx` gives httpx2."
    )

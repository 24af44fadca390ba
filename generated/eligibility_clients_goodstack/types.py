"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from contextvars import ContextVar
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx2.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx2 will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# eligibility-clients: what a parser raises when a value does not fit, and where it is.
PARSE_FAILURES = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    OverflowError,
)


class FieldError(ValueError):
    """A value that does not fit the spec, with its path from the object being parsed.

    `cause` is the original error (a `KeyError` for a missing required field); `path` lists the
    keys and list indexes leading to the value, outermost first.
    """

    def __init__(self, cause: Exception) -> None:
        super().__init__(cause)
        self.cause = cause
        self._segments: list[str | int] = []

    @property
    def path(self) -> list[str | int]:
        """Keys and indexes from the outermost object to the value."""
        return self._segments[::-1]

    def __str__(self) -> str:
        cause = self.cause
        if isinstance(cause, KeyError):
            return (
                f"missing required field {cause.args[0]!r}"
                if cause.args
                else "missing field"
            )
        return (
            f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
        )


def at(segment: str | int, exc: Exception) -> FieldError:
    """`exc` as a `FieldError` one level further out, under the key or index `segment`."""
    error = exc if isinstance(exc, FieldError) else FieldError(exc)
    error._segments.append(segment)
    return error


def wrong_type(value: object, expected: str) -> TypeError:
    """The error for a value of the wrong JSON type."""
    return TypeError(f"expected {expected}, got {type(value).__name__}")


def undeclared(
    src: Mapping[str, object], declared: frozenset[str]
) -> dict[str, object]:
    """The keys of `src` that are not `declared`, with their values, in the order they came."""
    return {key: value for key, value in src.items() if key not in declared}


# Set while a response is parsed: the parsers flip it when an object leaves out a documented
# optional field, so the caller knows to look for which ones without walking every page.
absence_seen: ContextVar[list[bool] | None] = ContextVar("absence_seen", default=None)


def note_absent() -> None:
    """Record that an object being parsed left out at least one documented field."""
    seen = absence_seen.get()
    if seen is not None:
        seen[0] = True


__all__ = [
    "UNSET",
    "FieldError",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "absence_seen",
    "at",
    "note_absent",
    "undeclared",
    "wrong_type",
]

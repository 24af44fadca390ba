"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

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


class _Absent:
    """The value `from_dict` reads for an optional key the object left out."""

    def __repr__(self) -> str:
        return "ABSENT"


# Not None, so a left-out key is told apart from an explicit null; no JSON value is it.
ABSENT: Any = _Absent()


def omitted(node: Any) -> tuple[str, ...]:
    """Paths, from `node`, of the documented fields left out in it and in the objects below it.

    Called by `from_dict` only when the object or a nested one left a field out: the nested
    objects already hold theirs (`_omitted`), so this looks one level down, never further.
    """
    paths: list[str] = []
    absent: frozenset[str] = getattr(node, "_absent", frozenset())
    for python_name, key in type(node)._json_names:
        if key in absent:
            paths.append(key)
            continue
        value = getattr(node, python_name)
        below = getattr(value, "_omitted", None)
        if below:
            paths.extend(f"{key}.{path}" for path in below)
        elif type(value) is list:
            for index, element in enumerate(value):
                below = getattr(element, "_omitted", None)
                if below:
                    paths.extend(f"{key}[{index}].{path}" for path in below)
    return tuple(paths)


__all__ = [
    "ABSENT",
    "UNSET",
    "FieldError",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "at",
    "omitted",
    "undeclared",
    "wrong_type",
]

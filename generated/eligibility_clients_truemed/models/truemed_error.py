from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    ABSENT,
    PARSE_FAILURES,
    at,
    omitted,
    undeclared,
    wrong_type,
)

T = TypeVar("T", bound="TruemedError")


@_attrs_define
class TruemedError:
    """Truemed's error body. [C] for 400, where `error` is `ValidationError`; Truemed uses other
    codes elsewhere (e.g. 409 `user_id_already_set`), so `error` is an open string.

        Attributes:
            error (str):
            message (str | None): Details on how the request was invalid.
    """

    error: str
    message: str | None = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "message",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "error",
            "message",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("error", "error"),
        ("message", "message"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        error = self.error

        message: str | None
        if self.message is None:
            message = None
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if "message" not in self._absent:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Read one from the API's JSON object; a wrong-typed value raises naming its path."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type(src_dict, "an object")
        d = src_dict
        # An optional key left out reads as ABSENT, which fails every type test, so only the
        # branch that raises looks for it; `below`: a nested object left out a field.
        missing = False
        below = False
        try:
            error = d["error"]
            if not isinstance(error, str):
                raise wrong_type(error, "a string")

        except PARSE_FAILURES as exc:
            raise at("error", exc)

        try:
            message: str | None = d.get("message", ABSENT)
            if not (message is None or isinstance(message, str)):
                if message is not ABSENT:
                    raise wrong_type(message, "a string")
                message = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("message", exc)

        truemed_error = cls(
            error,
            message,
        )

        if missing:
            truemed_error._absent = cls._optional_keys.difference(d)
        if missing or below:
            truemed_error._omitted = omitted(truemed_error)

        if missing or len(d) > 2:
            truemed_error.additional_properties = undeclared(d, cls._declared_keys)
        return truemed_error

    @property
    def additional_keys(self) -> list[str]:
        """The keys of the fields the spec does not declare, as the API sent them."""
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

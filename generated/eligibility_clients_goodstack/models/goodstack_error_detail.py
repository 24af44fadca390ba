from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    ClassVar,
    Self,
    TypeVar,
    cast,
)

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

T = TypeVar("T", bound="GoodstackErrorDetail")


@_attrs_define
class GoodstackErrorDetail:
    """What went wrong. [C]

    Attributes:
        code (str | None):
        title (str | None):
        message (str | None):
        reasons (list[str] | None):
    """

    code: str | None = None
    title: str | None = None
    message: str | None = None
    reasons: list[str] | None = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "code",
            "title",
            "message",
            "reasons",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "code",
            "title",
            "message",
            "reasons",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("code", "code"),
        ("title", "title"),
        ("message", "message"),
        ("reasons", "reasons"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        code: str | None
        if self.code is None:
            code = None
        else:
            code = self.code

        title: str | None
        if self.title is None:
            title = None
        else:
            title = self.title

        message: str | None
        if self.message is None:
            message = None
        else:
            message = self.message

        reasons: list[str] | None
        if isinstance(self.reasons, list):
            reasons = self.reasons

        else:
            reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if "code" not in self._absent:
            field_dict["code"] = code
        if "title" not in self._absent:
            field_dict["title"] = title
        if "message" not in self._absent:
            field_dict["message"] = message
        if "reasons" not in self._absent:
            field_dict["reasons"] = reasons

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
            code: str | None = d.get("code", ABSENT)
            if not (code is None or isinstance(code, str)):
                if code is not ABSENT:
                    raise wrong_type(code, "a string")
                code = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("code", exc)

        try:
            title: str | None = d.get("title", ABSENT)
            if not (title is None or isinstance(title, str)):
                if title is not ABSENT:
                    raise wrong_type(title, "a string")
                title = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("title", exc)

        try:
            message: str | None = d.get("message", ABSENT)
            if not (message is None or isinstance(message, str)):
                if message is not ABSENT:
                    raise wrong_type(message, "a string")
                message = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("message", exc)

        try:
            _reasons_raw = d.get("reasons", ABSENT)
            if _reasons_raw is ABSENT:
                _reasons_raw = None
                missing = True
            _reasons_data = _reasons_raw
            reasons: list[str] | None
            if _reasons_data is None:
                reasons = _reasons_data
            else:
                if not isinstance(_reasons_data, list):
                    raise TypeError()
                reasons_type_0 = cast(list[str], _reasons_data)

                reasons = reasons_type_0

        except PARSE_FAILURES as exc:
            raise at("reasons", exc)

        goodstack_error_detail = cls(
            code,
            title,
            message,
            reasons,
        )

        if missing:
            goodstack_error_detail._absent = cls._optional_keys.difference(d)
        if missing or below:
            goodstack_error_detail._omitted = omitted(goodstack_error_detail)

        if missing or len(d) > 4:
            goodstack_error_detail.additional_properties = undeclared(
                d, cls._declared_keys
            )
        return goodstack_error_detail

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

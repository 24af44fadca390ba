from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GoodstackErrorDetail")


@_attrs_define
class GoodstackErrorDetail:
    """What went wrong. [C]

    Attributes:
        code (str | Unset):
        title (str | Unset):
        message (str | Unset):
        reasons (list[str] | None | Unset):
    """

    code: str | Unset = UNSET
    title: str | Unset = UNSET
    message: str | Unset = UNSET
    reasons: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        title = self.title

        message = self.message

        reasons: list[str] | None | Unset
        if isinstance(self.reasons, Unset):
            reasons = UNSET
        elif isinstance(self.reasons, list):
            reasons = self.reasons

        else:
            reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if title is not UNSET:
            field_dict["title"] = title
        if message is not UNSET:
            field_dict["message"] = message
        if reasons is not UNSET:
            field_dict["reasons"] = reasons

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        title = d.pop("title", UNSET)

        message = d.pop("message", UNSET)

        _reasons_data = d.pop("reasons", UNSET)
        reasons: list[str] | None | Unset
        if _reasons_data is None or isinstance(_reasons_data, Unset):
            reasons = _reasons_data
        else:
            if not isinstance(_reasons_data, list):
                raise TypeError()
            reasons_type_0 = cast(list[str], _reasons_data)

            reasons = reasons_type_0

        goodstack_error_detail = cls(
            code=code,
            title=title,
            message=message,
            reasons=reasons,
        )

        goodstack_error_detail.additional_properties = d
        return goodstack_error_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

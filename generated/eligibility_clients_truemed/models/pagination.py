from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Pagination")


@_attrs_define
class Pagination:
    """Current page, page size, total count and last page. [C] FIELD NAMES NOT CONFIRMED [3P]:
    `current_page`, `page_size`, `count` and `last_page` come from third-party material, so
    every field is optional and a client must not depend on them being present.

        Attributes:
            current_page (int | Unset):
            page_size (int | Unset):
            count (int | Unset): Total number of sessions across all pages.
            last_page (int | Unset):
    """

    current_page: int | Unset = UNSET
    page_size: int | Unset = UNSET
    count: int | Unset = UNSET
    last_page: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_page = self.current_page

        page_size = self.page_size

        count = self.count

        last_page = self.last_page

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if current_page is not UNSET:
            field_dict["current_page"] = current_page
        if page_size is not UNSET:
            field_dict["page_size"] = page_size
        if count is not UNSET:
            field_dict["count"] = count
        if last_page is not UNSET:
            field_dict["last_page"] = last_page

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        current_page = d.pop("current_page", UNSET)

        page_size = d.pop("page_size", UNSET)

        count = d.pop("count", UNSET)

        last_page = d.pop("last_page", UNSET)

        pagination = cls(
            current_page=current_page,
            page_size=page_size,
            count=count,
            last_page=last_page,
        )

        pagination.additional_properties = d
        return pagination

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

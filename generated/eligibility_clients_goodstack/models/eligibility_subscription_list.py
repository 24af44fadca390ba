from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EligibilitySubscriptionList")


@_attrs_define
class EligibilitySubscriptionList:
    """One page of Eligibility Subscriptions. [C]

    Attributes:
        data (list[EligibilitySubscription]):
        object_ (str | Unset):
        total_results (int | Unset): Total number of subscriptions across all pages.
        page_size (int | Unset):
        field_links (PageLinks | Unset): Absolute URLs of this, the next and the previous page, each carrying
            `?cursor=...`. [C]
            `next` is absent or null on the last page [I].
    """

    data: list[EligibilitySubscription]
    object_: str | Unset = UNSET
    total_results: int | Unset = UNSET
    page_size: int | Unset = UNSET
    field_links: PageLinks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        object_ = self.object_

        total_results = self.total_results

        page_size = self.page_size

        field_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_links, Unset):
            field_links = self.field_links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if total_results is not UNSET:
            field_dict["totalResults"] = total_results
        if page_size is not UNSET:
            field_dict["pageSize"] = page_size
        if field_links is not UNSET:
            field_dict["_links"] = field_links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = EligibilitySubscription.from_dict(data_item_data)

            data.append(data_item)

        object_ = d.pop("object", UNSET)

        total_results = d.pop("totalResults", UNSET)

        page_size = d.pop("pageSize", UNSET)

        _field_links = d.pop("_links", UNSET)
        field_links: PageLinks | Unset
        if isinstance(_field_links, Unset):
            field_links = UNSET
        else:
            field_links = PageLinks.from_dict(_field_links)

        eligibility_subscription_list = cls(
            data=data,
            object_=object_,
            total_results=total_results,
            page_size=page_size,
            field_links=field_links,
        )

        eligibility_subscription_list.additional_properties = d
        return eligibility_subscription_list

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


# Imported after the class is defined, so models that refer to each other import cleanly.
from ..models.eligibility_subscription import EligibilitySubscription
from ..models.page_links import PageLinks

from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    ClassVar,
    Self,
    TypeVar,
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

T = TypeVar("T", bound="EligibilitySubscriptionList")


@_attrs_define
class EligibilitySubscriptionList:
    """One page of Eligibility Subscriptions. [C]

    Attributes:
        data (list[EligibilitySubscription]):
        object_ (str | None):
        total_results (int | None): Total number of subscriptions across all pages.
        page_size (int | None):
        field_links (PageLinks | None): Absolute URLs of this, the next and the previous page, each carrying
            `?cursor=...`. [C]
            `next` is absent or null on the last page [I].
    """

    data: list[EligibilitySubscription]
    object_: str | None = None
    total_results: int | None = None
    page_size: int | None = None
    field_links: PageLinks | None = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "object",
            "totalResults",
            "pageSize",
            "_links",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "data",
            "object",
            "totalResults",
            "pageSize",
            "_links",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("data", "data"),
        ("object_", "object"),
        ("total_results", "totalResults"),
        ("page_size", "pageSize"),
        ("field_links", "_links"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        object_: str | None
        if self.object_ is None:
            object_ = None
        else:
            object_ = self.object_

        total_results: int | None
        if self.total_results is None:
            total_results = None
        else:
            total_results = self.total_results

        page_size: int | None
        if self.page_size is None:
            page_size = None
        else:
            page_size = self.page_size

        field_links: dict[str, Any] | None
        if self.field_links is None:
            field_links = None
        else:
            field_links = self.field_links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if "object" not in self._absent:
            field_dict["object"] = object_
        if "totalResults" not in self._absent:
            field_dict["totalResults"] = total_results
        if "pageSize" not in self._absent:
            field_dict["pageSize"] = page_size
        if "_links" not in self._absent:
            field_dict["_links"] = field_links

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
            _data = d["data"]
            if not isinstance(_data, list):
                raise wrong_type(_data, "an array")
            data = []
            for _data_index, data_item_data in enumerate(_data):
                try:
                    data_item = EligibilitySubscription.from_dict(data_item_data)

                except PARSE_FAILURES as exc:
                    raise at(_data_index, exc)
                data.append(data_item)
                if data_item._omitted:
                    below = True

        except PARSE_FAILURES as exc:
            raise at("data", exc)

        try:
            object_: str | None = d.get("object", ABSENT)
            if not (object_ is None or isinstance(object_, str)):
                if object_ is not ABSENT:
                    raise wrong_type(object_, "a string")
                object_ = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("object", exc)

        try:
            total_results: int | None = d.get("totalResults", ABSENT)
            if not (
                total_results is None
                or (
                    isinstance(total_results, int)
                    and not isinstance(total_results, bool)
                )
            ):
                if total_results is not ABSENT:
                    raise wrong_type(total_results, "an integer")
                total_results = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("totalResults", exc)

        try:
            page_size: int | None = d.get("pageSize", ABSENT)
            if not (
                page_size is None
                or (isinstance(page_size, int) and not isinstance(page_size, bool))
            ):
                if page_size is not ABSENT:
                    raise wrong_type(page_size, "an integer")
                page_size = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("pageSize", exc)

        try:
            _field_links_value = d.get("_links", ABSENT)
            field_links: PageLinks | None
            if _field_links_value is None:
                field_links = None
            elif _field_links_value is ABSENT:
                field_links = None
                missing = True
            else:
                field_links = PageLinks.from_dict(_field_links_value)

                if field_links._omitted:
                    below = True

        except PARSE_FAILURES as exc:
            raise at("_links", exc)

        eligibility_subscription_list = cls(
            data,
            object_,
            total_results,
            page_size,
            field_links,
        )

        if missing:
            eligibility_subscription_list._absent = cls._optional_keys.difference(d)
        if missing or below:
            eligibility_subscription_list._omitted = omitted(
                eligibility_subscription_list
            )

        if missing or len(d) > 5:
            eligibility_subscription_list.additional_properties = undeclared(
                d, cls._declared_keys
            )
        return eligibility_subscription_list

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


# Imported after the class is defined, so models that refer to each other import cleanly.
from ..models.eligibility_subscription import EligibilitySubscription
from ..models.page_links import PageLinks

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

T = TypeVar("T", bound="Pagination")


@_attrs_define
class Pagination:
    """Current page, page size, total count and last page. [C] FIELD NAMES NOT CONFIRMED [3P]:
    `current_page`, `page_size`, `count` and `last_page` come from third-party material, so
    every field is optional and a client must not depend on them being present.

        Attributes:
            current_page (int | None):
            page_size (int | None):
            count (int | None): Total number of sessions across all pages.
            last_page (int | None):
    """

    current_page: int | None = None
    page_size: int | None = None
    count: int | None = None
    last_page: int | None = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "current_page",
            "page_size",
            "count",
            "last_page",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "current_page",
            "page_size",
            "count",
            "last_page",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("current_page", "current_page"),
        ("page_size", "page_size"),
        ("count", "count"),
        ("last_page", "last_page"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        current_page: int | None
        if self.current_page is None:
            current_page = None
        else:
            current_page = self.current_page

        page_size: int | None
        if self.page_size is None:
            page_size = None
        else:
            page_size = self.page_size

        count: int | None
        if self.count is None:
            count = None
        else:
            count = self.count

        last_page: int | None
        if self.last_page is None:
            last_page = None
        else:
            last_page = self.last_page

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if "current_page" not in self._absent:
            field_dict["current_page"] = current_page
        if "page_size" not in self._absent:
            field_dict["page_size"] = page_size
        if "count" not in self._absent:
            field_dict["count"] = count
        if "last_page" not in self._absent:
            field_dict["last_page"] = last_page

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
            current_page: int | None = d.get("current_page", ABSENT)
            if not (
                current_page is None
                or (
                    isinstance(current_page, int) and not isinstance(current_page, bool)
                )
            ):
                if current_page is not ABSENT:
                    raise wrong_type(current_page, "an integer")
                current_page = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("current_page", exc)

        try:
            page_size: int | None = d.get("page_size", ABSENT)
            if not (
                page_size is None
                or (isinstance(page_size, int) and not isinstance(page_size, bool))
            ):
                if page_size is not ABSENT:
                    raise wrong_type(page_size, "an integer")
                page_size = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("page_size", exc)

        try:
            count: int | None = d.get("count", ABSENT)
            if not (
                count is None
                or (isinstance(count, int) and not isinstance(count, bool))
            ):
                if count is not ABSENT:
                    raise wrong_type(count, "an integer")
                count = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("count", exc)

        try:
            last_page: int | None = d.get("last_page", ABSENT)
            if not (
                last_page is None
                or (isinstance(last_page, int) and not isinstance(last_page, bool))
            ):
                if last_page is not ABSENT:
                    raise wrong_type(last_page, "an integer")
                last_page = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("last_page", exc)

        pagination = cls(
            current_page,
            page_size,
            count,
            last_page,
        )

        if missing:
            pagination._absent = cls._optional_keys.difference(d)
        if missing or below:
            pagination._omitted = omitted(pagination)

        if missing or len(d) > 4:
            pagination.additional_properties = undeclared(d, cls._declared_keys)
        return pagination

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

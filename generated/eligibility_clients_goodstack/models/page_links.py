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

T = TypeVar("T", bound="PageLinks")


@_attrs_define
class PageLinks:
    """Absolute URLs of this, the next and the previous page, each carrying `?cursor=...`. [C]
    `next` is absent or null on the last page [I].

        Attributes:
            current (None | str):
            next_ (None | str):
            prev (None | str):
    """

    current: None | str = None
    next_: None | str = None
    prev: None | str = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "current",
            "next",
            "prev",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "current",
            "next",
            "prev",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("current", "current"),
        ("next_", "next"),
        ("prev", "prev"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        current: None | str
        current = self.current

        next_: None | str
        next_ = self.next_

        prev: None | str
        prev = self.prev

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if "current" not in self._absent:
            field_dict["current"] = current
        if "next" not in self._absent:
            field_dict["next"] = next_
        if "prev" not in self._absent:
            field_dict["prev"] = prev

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
            _current_raw = d.get("current", ABSENT)
            if _current_raw is ABSENT:
                _current_raw = None
                missing = True
            current: None | str = _current_raw
            if not (isinstance(current, str) or current is None):
                raise wrong_type(current, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("current", exc)

        try:
            _next__raw = d.get("next", ABSENT)
            if _next__raw is ABSENT:
                _next__raw = None
                missing = True
            next_: None | str = _next__raw
            if not (isinstance(next_, str) or next_ is None):
                raise wrong_type(next_, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("next", exc)

        try:
            _prev_raw = d.get("prev", ABSENT)
            if _prev_raw is ABSENT:
                _prev_raw = None
                missing = True
            prev: None | str = _prev_raw
            if not (isinstance(prev, str) or prev is None):
                raise wrong_type(prev, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("prev", exc)

        page_links = cls(
            current,
            next_,
            prev,
        )

        if missing:
            page_links._absent = cls._optional_keys.difference(d)
        if missing or below:
            page_links._omitted = omitted(page_links)

        if missing or len(d) > 3:
            page_links.additional_properties = undeclared(d, cls._declared_keys)
        return page_links

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

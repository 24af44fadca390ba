from __future__ import annotations

import datetime
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

T = TypeVar("T", bound="ActivityTag")


@_attrs_define
class ActivityTag:
    """An activity tag (the vendor's ActivityTagWithoutSubTags). [C]

    Attributes:
        id (str | None):
        name (str | None): Tag name
        description (None | str): Tag description
        created_at (datetime.datetime | None):
        updated_at (datetime.datetime | None):
    """

    id: str | None = None
    name: str | None = None
    description: None | str = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "id",
            "name",
            "description",
            "createdAt",
            "updatedAt",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "id",
            "name",
            "description",
            "createdAt",
            "updatedAt",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("id", "id"),
        ("name", "name"),
        ("description", "description"),
        ("created_at", "createdAt"),
        ("updated_at", "updatedAt"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        id: str | None
        if self.id is None:
            id = None
        else:
            id = self.id

        name: str | None
        if self.name is None:
            name = None
        else:
            name = self.name

        description: None | str
        description = self.description

        created_at: str | None
        if self.created_at is None:
            created_at = None
        else:
            created_at = self.created_at.isoformat()

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if "id" not in self._absent:
            field_dict["id"] = id
        if "name" not in self._absent:
            field_dict["name"] = name
        if "description" not in self._absent:
            field_dict["description"] = description
        if "createdAt" not in self._absent:
            field_dict["createdAt"] = created_at
        if "updatedAt" not in self._absent:
            field_dict["updatedAt"] = updated_at

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
            id: str | None = d.get("id", ABSENT)
            if not (id is None or isinstance(id, str)):
                if id is not ABSENT:
                    raise wrong_type(id, "a string")
                id = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("id", exc)

        try:
            name: str | None = d.get("name", ABSENT)
            if not (name is None or isinstance(name, str)):
                if name is not ABSENT:
                    raise wrong_type(name, "a string")
                name = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("name", exc)

        try:
            _description_raw = d.get("description", ABSENT)
            if _description_raw is ABSENT:
                _description_raw = None
                missing = True
            description: None | str = _description_raw
            if not (isinstance(description, str) or description is None):
                raise wrong_type(description, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("description", exc)

        try:
            _created_at_value = d.get("createdAt", ABSENT)
            created_at: datetime.datetime | None
            if _created_at_value is None:
                created_at = None
            elif _created_at_value is ABSENT:
                created_at = None
                missing = True
            else:
                created_at = datetime.datetime.fromisoformat(_created_at_value)

        except PARSE_FAILURES as exc:
            raise at("createdAt", exc)

        try:
            _updated_at_raw = d.get("updatedAt", ABSENT)
            if _updated_at_raw is ABSENT:
                _updated_at_raw = None
                missing = True
            _updated_at_data = _updated_at_raw
            updated_at: datetime.datetime | None
            if _updated_at_data is None:
                updated_at = _updated_at_data
            else:
                if not isinstance(_updated_at_data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(_updated_at_data)

                updated_at = updated_at_type_0

        except PARSE_FAILURES as exc:
            raise at("updatedAt", exc)

        activity_tag = cls(
            id,
            name,
            description,
            created_at,
            updated_at,
        )

        if missing:
            activity_tag._absent = cls._optional_keys.difference(d)
        if missing or below:
            activity_tag._omitted = omitted(activity_tag)

        if missing or len(d) > 5:
            activity_tag.additional_properties = undeclared(d, cls._declared_keys)
        return activity_tag

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

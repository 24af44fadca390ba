from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QualificationSessionList")


@_attrs_define
class QualificationSessionList:
    """One page of Qualification Sessions. [C]

    Attributes:
        qualification_sessions (list[QualificationSession]):
        pagination (None | Pagination | Unset): "object or null" [C]. Optional here because a null or missing object
            must not stop a
            page from parsing; clients then stop on an empty or short page.
    """

    qualification_sessions: list[QualificationSession]
    pagination: None | Pagination | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        qualification_sessions = []
        for qualification_sessions_item_data in self.qualification_sessions:
            qualification_sessions_item = qualification_sessions_item_data.to_dict()
            qualification_sessions.append(qualification_sessions_item)

        pagination: dict[str, Any] | None | Unset
        if isinstance(self.pagination, Unset):
            pagination = UNSET
        elif isinstance(self.pagination, Pagination):
            pagination = self.pagination.to_dict()
        else:
            pagination = self.pagination

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "qualification_sessions": qualification_sessions,
            }
        )
        if pagination is not UNSET:
            field_dict["pagination"] = pagination

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        qualification_sessions = []
        _qualification_sessions = d.pop("qualification_sessions")
        for qualification_sessions_item_data in _qualification_sessions:
            qualification_sessions_item = QualificationSession.from_dict(
                qualification_sessions_item_data
            )

            qualification_sessions.append(qualification_sessions_item)

        _pagination_data = d.pop("pagination", UNSET)
        pagination: None | Pagination | Unset
        if _pagination_data is None or isinstance(_pagination_data, Unset):
            pagination = _pagination_data
        else:
            if not isinstance(_pagination_data, dict):
                raise TypeError()
            pagination_type_0 = Pagination.from_dict(_pagination_data)

            pagination = pagination_type_0

        qualification_session_list = cls(
            qualification_sessions=qualification_sessions,
            pagination=pagination,
        )

        qualification_session_list.additional_properties = d
        return qualification_session_list

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
from ..models.pagination import Pagination
from ..models.qualification_session import QualificationSession

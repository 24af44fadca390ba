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

T = TypeVar("T", bound="QualificationSessionList")


@_attrs_define
class QualificationSessionList:
    """One page of Qualification Sessions. [C]

    Attributes:
        qualification_sessions (list[QualificationSession]):
        pagination (None | Pagination): "object or null" [C]. Optional here because a null or missing object must not
            stop a
            page from parsing; clients then stop on an empty or short page.
    """

    qualification_sessions: list[QualificationSession]
    pagination: None | Pagination = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "pagination",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "qualification_sessions",
            "pagination",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("qualification_sessions", "qualification_sessions"),
        ("pagination", "pagination"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        qualification_sessions = []
        for qualification_sessions_item_data in self.qualification_sessions:
            qualification_sessions_item = qualification_sessions_item_data.to_dict()
            qualification_sessions.append(qualification_sessions_item)

        pagination: dict[str, Any] | None
        if isinstance(self.pagination, Pagination):
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
        if "pagination" not in self._absent:
            field_dict["pagination"] = pagination

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
            _qualification_sessions = d["qualification_sessions"]
            if not isinstance(_qualification_sessions, list):
                raise wrong_type(_qualification_sessions, "an array")
            qualification_sessions = []
            for (
                _qualification_sessions_index,
                qualification_sessions_item_data,
            ) in enumerate(_qualification_sessions):
                try:
                    qualification_sessions_item = QualificationSession.from_dict(
                        qualification_sessions_item_data
                    )

                except PARSE_FAILURES as exc:
                    raise at(_qualification_sessions_index, exc)
                qualification_sessions.append(qualification_sessions_item)
                if qualification_sessions_item._omitted:
                    below = True

        except PARSE_FAILURES as exc:
            raise at("qualification_sessions", exc)

        try:
            _pagination_raw = d.get("pagination", ABSENT)
            if _pagination_raw is ABSENT:
                _pagination_raw = None
                missing = True
            _pagination_data = _pagination_raw
            pagination: None | Pagination
            if _pagination_data is None:
                pagination = _pagination_data
            else:
                if not isinstance(_pagination_data, dict):
                    raise TypeError()
                pagination_type_0 = Pagination.from_dict(_pagination_data)

                pagination = pagination_type_0

            if getattr(pagination, "_omitted", None):
                below = True

        except PARSE_FAILURES as exc:
            raise at("pagination", exc)

        qualification_session_list = cls(
            qualification_sessions,
            pagination,
        )

        if missing:
            qualification_session_list._absent = cls._optional_keys.difference(d)
        if missing or below:
            qualification_session_list._omitted = omitted(qualification_session_list)

        if missing or len(d) > 2:
            qualification_session_list.additional_properties = undeclared(
                d, cls._declared_keys
            )
        return qualification_session_list

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
from ..models.pagination import Pagination
from ..models.qualification_session import QualificationSession

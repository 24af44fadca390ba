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
    PARSE_FAILURES,
    at,
    omitted,
    undeclared,
    wrong_type,
)

T = TypeVar("T", bound="GoodstackError")


@_attrs_define
class GoodstackError:
    """Goodstack's error body, the same for every status. [C]

    Attributes:
        error (GoodstackErrorDetail): What went wrong. [C]
    """

    error: GoodstackErrorDetail
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset()
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "error",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (("error", "error"),)
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

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
            error = GoodstackErrorDetail.from_dict(d["error"])

            if error._omitted:
                below = True

        except PARSE_FAILURES as exc:
            raise at("error", exc)

        goodstack_error = cls(
            error,
        )

        if missing or below:
            goodstack_error._omitted = omitted(goodstack_error)

        if missing or len(d) > 1:
            goodstack_error.additional_properties = undeclared(d, cls._declared_keys)
        return goodstack_error

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
from ..models.goodstack_error_detail import GoodstackErrorDetail

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

from ..models.eligibility_status import EligibilityStatus
from ..types import (
    ABSENT,
    PARSE_FAILURES,
    at,
    omitted,
    undeclared,
    wrong_type,
)

T = TypeVar("T", bound="EligibilitySubscriptionResults")


@_attrs_define
class EligibilitySubscriptionResults:
    """Results of the eligibility check. [C]

    Attributes:
        eligibility_status (EligibilityStatus | None | str): An `EligibilityStatus`, a plain string for a value added
            later, or null.
        confirmed_activity_sub_tags (list[ActivitySubTag] | None):
        rejected_activity_sub_tags (list[ActivitySubTag] | None): Confirmed organisation's activity subtags that are not
            allowed in the partner's
            configuration.
    """

    eligibility_status: EligibilityStatus | None | str = None
    confirmed_activity_sub_tags: list[ActivitySubTag] | None = None
    rejected_activity_sub_tags: list[ActivitySubTag] | None = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "eligibilityStatus",
            "confirmedActivitySubTags",
            "rejectedActivitySubTags",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "eligibilityStatus",
            "confirmedActivitySubTags",
            "rejectedActivitySubTags",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("eligibility_status", "eligibilityStatus"),
        ("confirmed_activity_sub_tags", "confirmedActivitySubTags"),
        ("rejected_activity_sub_tags", "rejectedActivitySubTags"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
        eligibility_status: None | str
        if isinstance(self.eligibility_status, EligibilityStatus):
            eligibility_status = self.eligibility_status.value
        else:
            eligibility_status = self.eligibility_status

        confirmed_activity_sub_tags: list[dict[str, Any]] | None
        if isinstance(self.confirmed_activity_sub_tags, list):
            confirmed_activity_sub_tags = []
            for (
                confirmed_activity_sub_tags_type_0_item_data
            ) in self.confirmed_activity_sub_tags:
                confirmed_activity_sub_tags_type_0_item = (
                    confirmed_activity_sub_tags_type_0_item_data.to_dict()
                )
                confirmed_activity_sub_tags.append(
                    confirmed_activity_sub_tags_type_0_item
                )

        else:
            confirmed_activity_sub_tags = self.confirmed_activity_sub_tags

        rejected_activity_sub_tags: list[dict[str, Any]] | None
        if isinstance(self.rejected_activity_sub_tags, list):
            rejected_activity_sub_tags = []
            for (
                rejected_activity_sub_tags_type_0_item_data
            ) in self.rejected_activity_sub_tags:
                rejected_activity_sub_tags_type_0_item = (
                    rejected_activity_sub_tags_type_0_item_data.to_dict()
                )
                rejected_activity_sub_tags.append(
                    rejected_activity_sub_tags_type_0_item
                )

        else:
            rejected_activity_sub_tags = self.rejected_activity_sub_tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if "eligibilityStatus" not in self._absent:
            field_dict["eligibilityStatus"] = eligibility_status
        if "confirmedActivitySubTags" not in self._absent:
            field_dict["confirmedActivitySubTags"] = confirmed_activity_sub_tags
        if "rejectedActivitySubTags" not in self._absent:
            field_dict["rejectedActivitySubTags"] = rejected_activity_sub_tags

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
            _eligibility_status_raw = d.get("eligibilityStatus", ABSENT)
            if _eligibility_status_raw is ABSENT:
                _eligibility_status_raw = None
                missing = True
            _eligibility_status_data = _eligibility_status_raw
            eligibility_status: EligibilityStatus | None | str
            if _eligibility_status_data is None:
                eligibility_status = _eligibility_status_data
            else:
                try:
                    if not isinstance(_eligibility_status_data, str):
                        raise TypeError()
                    eligibility_status_type_0 = EligibilityStatus._lookup(
                        _eligibility_status_data
                    )

                    eligibility_status = eligibility_status_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    if not (isinstance(_eligibility_status_data, str)):
                        raise wrong_type(_eligibility_status_data, "a string")

                    eligibility_status = _eligibility_status_data

        except PARSE_FAILURES as exc:
            raise at("eligibilityStatus", exc)

        try:
            _confirmed_activity_sub_tags_raw = d.get("confirmedActivitySubTags", ABSENT)
            if _confirmed_activity_sub_tags_raw is ABSENT:
                _confirmed_activity_sub_tags_raw = None
                missing = True
            _confirmed_activity_sub_tags_data = _confirmed_activity_sub_tags_raw
            confirmed_activity_sub_tags: list[ActivitySubTag] | None
            if _confirmed_activity_sub_tags_data is None:
                confirmed_activity_sub_tags = _confirmed_activity_sub_tags_data
            else:
                if not isinstance(_confirmed_activity_sub_tags_data, list):
                    raise TypeError()
                _confirmed_activity_sub_tags_type_0 = _confirmed_activity_sub_tags_data
                if not isinstance(_confirmed_activity_sub_tags_type_0, list):
                    raise wrong_type(_confirmed_activity_sub_tags_type_0, "an array")
                confirmed_activity_sub_tags_type_0 = []
                for (
                    _confirmed_activity_sub_tags_type_0_index,
                    confirmed_activity_sub_tags_type_0_item_data,
                ) in enumerate(_confirmed_activity_sub_tags_type_0):
                    try:
                        confirmed_activity_sub_tags_type_0_item = (
                            ActivitySubTag.from_dict(
                                confirmed_activity_sub_tags_type_0_item_data
                            )
                        )

                    except PARSE_FAILURES as exc:
                        raise at(_confirmed_activity_sub_tags_type_0_index, exc)
                    confirmed_activity_sub_tags_type_0.append(
                        confirmed_activity_sub_tags_type_0_item
                    )
                    if confirmed_activity_sub_tags_type_0_item._omitted:
                        below = True

                confirmed_activity_sub_tags = confirmed_activity_sub_tags_type_0

        except PARSE_FAILURES as exc:
            raise at("confirmedActivitySubTags", exc)

        try:
            _rejected_activity_sub_tags_raw = d.get("rejectedActivitySubTags", ABSENT)
            if _rejected_activity_sub_tags_raw is ABSENT:
                _rejected_activity_sub_tags_raw = None
                missing = True
            _rejected_activity_sub_tags_data = _rejected_activity_sub_tags_raw
            rejected_activity_sub_tags: list[ActivitySubTag] | None
            if _rejected_activity_sub_tags_data is None:
                rejected_activity_sub_tags = _rejected_activity_sub_tags_data
            else:
                if not isinstance(_rejected_activity_sub_tags_data, list):
                    raise TypeError()
                _rejected_activity_sub_tags_type_0 = _rejected_activity_sub_tags_data
                if not isinstance(_rejected_activity_sub_tags_type_0, list):
                    raise wrong_type(_rejected_activity_sub_tags_type_0, "an array")
                rejected_activity_sub_tags_type_0 = []
                for (
                    _rejected_activity_sub_tags_type_0_index,
                    rejected_activity_sub_tags_type_0_item_data,
                ) in enumerate(_rejected_activity_sub_tags_type_0):
                    try:
                        rejected_activity_sub_tags_type_0_item = (
                            ActivitySubTag.from_dict(
                                rejected_activity_sub_tags_type_0_item_data
                            )
                        )

                    except PARSE_FAILURES as exc:
                        raise at(_rejected_activity_sub_tags_type_0_index, exc)
                    rejected_activity_sub_tags_type_0.append(
                        rejected_activity_sub_tags_type_0_item
                    )
                    if rejected_activity_sub_tags_type_0_item._omitted:
                        below = True

                rejected_activity_sub_tags = rejected_activity_sub_tags_type_0

        except PARSE_FAILURES as exc:
            raise at("rejectedActivitySubTags", exc)

        eligibility_subscription_results = cls(
            eligibility_status,
            confirmed_activity_sub_tags,
            rejected_activity_sub_tags,
        )

        if missing:
            eligibility_subscription_results._absent = cls._optional_keys.difference(d)
        if missing or below:
            eligibility_subscription_results._omitted = omitted(
                eligibility_subscription_results
            )

        if missing or len(d) > 3:
            eligibility_subscription_results.additional_properties = undeclared(
                d, cls._declared_keys
            )
        return eligibility_subscription_results

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
from ..models.activity_sub_tag import ActivitySubTag

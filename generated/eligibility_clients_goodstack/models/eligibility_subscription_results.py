from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.eligibility_status import EligibilityStatus

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

    eligibility_status: EligibilityStatus | None | str
    confirmed_activity_sub_tags: list[ActivitySubTag] | None
    rejected_activity_sub_tags: list[ActivitySubTag] | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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
        field_dict.update(
            {
                "eligibilityStatus": eligibility_status,
                "confirmedActivitySubTags": confirmed_activity_sub_tags,
                "rejectedActivitySubTags": rejected_activity_sub_tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _eligibility_status_data = d.pop("eligibilityStatus")
        eligibility_status: EligibilityStatus | None | str
        if _eligibility_status_data is None:
            eligibility_status = _eligibility_status_data
        else:
            try:
                if not isinstance(_eligibility_status_data, str):
                    raise TypeError()
                eligibility_status_type_0 = EligibilityStatus(_eligibility_status_data)

                eligibility_status = eligibility_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                eligibility_status = _eligibility_status_data

        _confirmed_activity_sub_tags_data = d.pop("confirmedActivitySubTags")
        confirmed_activity_sub_tags: list[ActivitySubTag] | None
        if _confirmed_activity_sub_tags_data is None:
            confirmed_activity_sub_tags = _confirmed_activity_sub_tags_data
        else:
            if not isinstance(_confirmed_activity_sub_tags_data, list):
                raise TypeError()
            confirmed_activity_sub_tags_type_0 = []
            _confirmed_activity_sub_tags_type_0 = _confirmed_activity_sub_tags_data
            for (
                confirmed_activity_sub_tags_type_0_item_data
            ) in _confirmed_activity_sub_tags_type_0:
                confirmed_activity_sub_tags_type_0_item = ActivitySubTag.from_dict(
                    confirmed_activity_sub_tags_type_0_item_data
                )

                confirmed_activity_sub_tags_type_0.append(
                    confirmed_activity_sub_tags_type_0_item
                )

            confirmed_activity_sub_tags = confirmed_activity_sub_tags_type_0

        _rejected_activity_sub_tags_data = d.pop("rejectedActivitySubTags")
        rejected_activity_sub_tags: list[ActivitySubTag] | None
        if _rejected_activity_sub_tags_data is None:
            rejected_activity_sub_tags = _rejected_activity_sub_tags_data
        else:
            if not isinstance(_rejected_activity_sub_tags_data, list):
                raise TypeError()
            rejected_activity_sub_tags_type_0 = []
            _rejected_activity_sub_tags_type_0 = _rejected_activity_sub_tags_data
            for (
                rejected_activity_sub_tags_type_0_item_data
            ) in _rejected_activity_sub_tags_type_0:
                rejected_activity_sub_tags_type_0_item = ActivitySubTag.from_dict(
                    rejected_activity_sub_tags_type_0_item_data
                )

                rejected_activity_sub_tags_type_0.append(
                    rejected_activity_sub_tags_type_0_item
                )

            rejected_activity_sub_tags = rejected_activity_sub_tags_type_0

        eligibility_subscription_results = cls(
            eligibility_status=eligibility_status,
            confirmed_activity_sub_tags=confirmed_activity_sub_tags,
            rejected_activity_sub_tags=rejected_activity_sub_tags,
        )

        eligibility_subscription_results.additional_properties = d
        return eligibility_subscription_results

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
from ..models.activity_sub_tag import ActivitySubTag

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.eligibility_subscription_status import EligibilitySubscriptionStatus

T = TypeVar("T", bound="EligibilitySubscription")


@_attrs_define
class EligibilitySubscription:
    """An organisation's eligibility subscription. [C]

    Attributes:
        id (str):
        organisation_id (None | str):
        organisation_name (None | str):
        partner_id (str):
        configuration_id (str):
        validation_request_id (None | str):
        suggested_activity_sub_tags (list[ActivitySubTag] | None):
        status (EligibilitySubscriptionStatus | str): An `EligibilitySubscriptionStatus`, or a plain string for a status
            added later.
        results (EligibilitySubscriptionResults): Results of the eligibility check. [C]
        created_at (datetime.datetime):
        updated_at (datetime.datetime | None):
    """

    id: str
    organisation_id: None | str
    organisation_name: None | str
    partner_id: str
    configuration_id: str
    validation_request_id: None | str
    suggested_activity_sub_tags: list[ActivitySubTag] | None
    status: EligibilitySubscriptionStatus | str
    results: EligibilitySubscriptionResults
    created_at: datetime.datetime
    updated_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        organisation_id: None | str
        organisation_id = self.organisation_id

        organisation_name: None | str
        organisation_name = self.organisation_name

        partner_id = self.partner_id

        configuration_id = self.configuration_id

        validation_request_id: None | str
        validation_request_id = self.validation_request_id

        suggested_activity_sub_tags: list[dict[str, Any]] | None
        if isinstance(self.suggested_activity_sub_tags, list):
            suggested_activity_sub_tags = []
            for (
                suggested_activity_sub_tags_type_0_item_data
            ) in self.suggested_activity_sub_tags:
                suggested_activity_sub_tags_type_0_item = (
                    suggested_activity_sub_tags_type_0_item_data.to_dict()
                )
                suggested_activity_sub_tags.append(
                    suggested_activity_sub_tags_type_0_item
                )

        else:
            suggested_activity_sub_tags = self.suggested_activity_sub_tags

        status: str
        if isinstance(self.status, EligibilitySubscriptionStatus):
            status = self.status.value
        else:
            status = self.status

        results = self.results.to_dict()

        created_at = self.created_at.isoformat()

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "organisationId": organisation_id,
                "organisationName": organisation_name,
                "partnerId": partner_id,
                "configurationId": configuration_id,
                "validationRequestId": validation_request_id,
                "suggestedActivitySubTags": suggested_activity_sub_tags,
                "status": status,
                "results": results,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        organisation_id: None | str = d.pop("organisationId")

        organisation_name: None | str = d.pop("organisationName")

        partner_id = d.pop("partnerId")

        configuration_id = d.pop("configurationId")

        validation_request_id: None | str = d.pop("validationRequestId")

        _suggested_activity_sub_tags_data = d.pop("suggestedActivitySubTags")
        suggested_activity_sub_tags: list[ActivitySubTag] | None
        if _suggested_activity_sub_tags_data is None:
            suggested_activity_sub_tags = _suggested_activity_sub_tags_data
        else:
            if not isinstance(_suggested_activity_sub_tags_data, list):
                raise TypeError()
            suggested_activity_sub_tags_type_0 = []
            _suggested_activity_sub_tags_type_0 = _suggested_activity_sub_tags_data
            for (
                suggested_activity_sub_tags_type_0_item_data
            ) in _suggested_activity_sub_tags_type_0:
                suggested_activity_sub_tags_type_0_item = ActivitySubTag.from_dict(
                    suggested_activity_sub_tags_type_0_item_data
                )

                suggested_activity_sub_tags_type_0.append(
                    suggested_activity_sub_tags_type_0_item
                )

            suggested_activity_sub_tags = suggested_activity_sub_tags_type_0

        _status_data = d.pop("status")
        status: EligibilitySubscriptionStatus | str
        try:
            if not isinstance(_status_data, str):
                raise TypeError()
            status_type_0 = EligibilitySubscriptionStatus(_status_data)

            status = status_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            status = _status_data

        results = EligibilitySubscriptionResults.from_dict(d.pop("results"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        _updated_at_data = d.pop("updatedAt")
        updated_at: datetime.datetime | None
        if _updated_at_data is None:
            updated_at = _updated_at_data
        else:
            if not isinstance(_updated_at_data, str):
                raise TypeError()
            updated_at_type_0 = datetime.datetime.fromisoformat(_updated_at_data)

            updated_at = updated_at_type_0

        eligibility_subscription = cls(
            id=id,
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            partner_id=partner_id,
            configuration_id=configuration_id,
            validation_request_id=validation_request_id,
            suggested_activity_sub_tags=suggested_activity_sub_tags,
            status=status,
            results=results,
            created_at=created_at,
            updated_at=updated_at,
        )

        eligibility_subscription.additional_properties = d
        return eligibility_subscription

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
from ..models.eligibility_subscription_results import EligibilitySubscriptionResults

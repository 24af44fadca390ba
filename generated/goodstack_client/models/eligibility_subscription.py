from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.eligibility_subscription_status import EligibilitySubscriptionStatus

if TYPE_CHECKING:
    from ..models.activity_sub_tag import ActivitySubTag
    from ..models.eligibility_subscription_results import EligibilitySubscriptionResults


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
        from ..models.activity_sub_tag import ActivitySubTag
        from ..models.eligibility_subscription_results import (
            EligibilitySubscriptionResults,
        )

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_organisation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation_id = _parse_organisation_id(d.pop("organisationId"))

        def _parse_organisation_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation_name = _parse_organisation_name(d.pop("organisationName"))

        partner_id = d.pop("partnerId")

        configuration_id = d.pop("configurationId")

        def _parse_validation_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        validation_request_id = _parse_validation_request_id(
            d.pop("validationRequestId")
        )

        def _parse_suggested_activity_sub_tags(
            data: object,
        ) -> list[ActivitySubTag] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                suggested_activity_sub_tags_type_0 = []
                _suggested_activity_sub_tags_type_0 = data
                for (
                    suggested_activity_sub_tags_type_0_item_data
                ) in _suggested_activity_sub_tags_type_0:
                    suggested_activity_sub_tags_type_0_item = ActivitySubTag.from_dict(
                        suggested_activity_sub_tags_type_0_item_data
                    )

                    suggested_activity_sub_tags_type_0.append(
                        suggested_activity_sub_tags_type_0_item
                    )

                return suggested_activity_sub_tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ActivitySubTag] | None, data)

        suggested_activity_sub_tags = _parse_suggested_activity_sub_tags(
            d.pop("suggestedActivitySubTags")
        )

        def _parse_status(data: object) -> EligibilitySubscriptionStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = EligibilitySubscriptionStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EligibilitySubscriptionStatus | str, data)

        status = _parse_status(d.pop("status"))

        results = EligibilitySubscriptionResults.from_dict(d.pop("results"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updatedAt"))

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

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

from ..models.eligibility_subscription_status import EligibilitySubscriptionStatus
from ..types import (
    ABSENT,
    PARSE_FAILURES,
    at,
    omitted,
    undeclared,
    wrong_type,
)

T = TypeVar("T", bound="EligibilitySubscription")


@_attrs_define
class EligibilitySubscription:
    """An organisation's eligibility subscription. [C]

    Attributes:
        id (str | None):
        organisation_id (None | str):
        organisation_name (None | str):
        partner_id (str | None):
        configuration_id (str | None):
        validation_request_id (None | str):
        suggested_activity_sub_tags (list[ActivitySubTag] | None):
        status (EligibilitySubscriptionStatus | str | None): An `EligibilitySubscriptionStatus`, or a plain string for a
            status added later.
        results (EligibilitySubscriptionResults | None): Results of the eligibility check. [C]
        created_at (datetime.datetime | None):
        updated_at (datetime.datetime | None):
    """

    id: str | None = None
    organisation_id: None | str = None
    organisation_name: None | str = None
    partner_id: str | None = None
    configuration_id: str | None = None
    validation_request_id: None | str = None
    suggested_activity_sub_tags: list[ActivitySubTag] | None = None
    status: EligibilitySubscriptionStatus | str | None = None
    results: EligibilitySubscriptionResults | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "id",
            "organisationId",
            "organisationName",
            "partnerId",
            "configurationId",
            "validationRequestId",
            "suggestedActivitySubTags",
            "status",
            "results",
            "createdAt",
            "updatedAt",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "id",
            "organisationId",
            "organisationName",
            "partnerId",
            "configurationId",
            "validationRequestId",
            "suggestedActivitySubTags",
            "status",
            "results",
            "createdAt",
            "updatedAt",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("id", "id"),
        ("organisation_id", "organisationId"),
        ("organisation_name", "organisationName"),
        ("partner_id", "partnerId"),
        ("configuration_id", "configurationId"),
        ("validation_request_id", "validationRequestId"),
        ("suggested_activity_sub_tags", "suggestedActivitySubTags"),
        ("status", "status"),
        ("results", "results"),
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

        organisation_id: None | str
        organisation_id = self.organisation_id

        organisation_name: None | str
        organisation_name = self.organisation_name

        partner_id: str | None
        if self.partner_id is None:
            partner_id = None
        else:
            partner_id = self.partner_id

        configuration_id: str | None
        if self.configuration_id is None:
            configuration_id = None
        else:
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

        status: str | None
        if self.status is None:
            status = None
        else:
            status: str
            if isinstance(self.status, EligibilitySubscriptionStatus):
                status = self.status.value
            else:
                status = self.status

        results: dict[str, Any] | None
        if self.results is None:
            results = None
        else:
            results = self.results.to_dict()

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
        if "organisationId" not in self._absent:
            field_dict["organisationId"] = organisation_id
        if "organisationName" not in self._absent:
            field_dict["organisationName"] = organisation_name
        if "partnerId" not in self._absent:
            field_dict["partnerId"] = partner_id
        if "configurationId" not in self._absent:
            field_dict["configurationId"] = configuration_id
        if "validationRequestId" not in self._absent:
            field_dict["validationRequestId"] = validation_request_id
        if "suggestedActivitySubTags" not in self._absent:
            field_dict["suggestedActivitySubTags"] = suggested_activity_sub_tags
        if "status" not in self._absent:
            field_dict["status"] = status
        if "results" not in self._absent:
            field_dict["results"] = results
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
            _organisation_id_raw = d.get("organisationId", ABSENT)
            if _organisation_id_raw is ABSENT:
                _organisation_id_raw = None
                missing = True
            organisation_id: None | str = _organisation_id_raw
            if not (isinstance(organisation_id, str) or organisation_id is None):
                raise wrong_type(organisation_id, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("organisationId", exc)

        try:
            _organisation_name_raw = d.get("organisationName", ABSENT)
            if _organisation_name_raw is ABSENT:
                _organisation_name_raw = None
                missing = True
            organisation_name: None | str = _organisation_name_raw
            if not (isinstance(organisation_name, str) or organisation_name is None):
                raise wrong_type(organisation_name, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("organisationName", exc)

        try:
            partner_id: str | None = d.get("partnerId", ABSENT)
            if not (partner_id is None or isinstance(partner_id, str)):
                if partner_id is not ABSENT:
                    raise wrong_type(partner_id, "a string")
                partner_id = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("partnerId", exc)

        try:
            configuration_id: str | None = d.get("configurationId", ABSENT)
            if not (configuration_id is None or isinstance(configuration_id, str)):
                if configuration_id is not ABSENT:
                    raise wrong_type(configuration_id, "a string")
                configuration_id = None
                missing = True
        except PARSE_FAILURES as exc:
            raise at("configurationId", exc)

        try:
            _validation_request_id_raw = d.get("validationRequestId", ABSENT)
            if _validation_request_id_raw is ABSENT:
                _validation_request_id_raw = None
                missing = True
            validation_request_id: None | str = _validation_request_id_raw
            if not (
                isinstance(validation_request_id, str) or validation_request_id is None
            ):
                raise wrong_type(validation_request_id, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("validationRequestId", exc)

        try:
            _suggested_activity_sub_tags_raw = d.get("suggestedActivitySubTags", ABSENT)
            if _suggested_activity_sub_tags_raw is ABSENT:
                _suggested_activity_sub_tags_raw = None
                missing = True
            _suggested_activity_sub_tags_data = _suggested_activity_sub_tags_raw
            suggested_activity_sub_tags: list[ActivitySubTag] | None
            if _suggested_activity_sub_tags_data is None:
                suggested_activity_sub_tags = _suggested_activity_sub_tags_data
            else:
                if not isinstance(_suggested_activity_sub_tags_data, list):
                    raise TypeError()
                _suggested_activity_sub_tags_type_0 = _suggested_activity_sub_tags_data
                if not isinstance(_suggested_activity_sub_tags_type_0, list):
                    raise wrong_type(_suggested_activity_sub_tags_type_0, "an array")
                suggested_activity_sub_tags_type_0 = []
                for (
                    _suggested_activity_sub_tags_type_0_index,
                    suggested_activity_sub_tags_type_0_item_data,
                ) in enumerate(_suggested_activity_sub_tags_type_0):
                    try:
                        suggested_activity_sub_tags_type_0_item = (
                            ActivitySubTag.from_dict(
                                suggested_activity_sub_tags_type_0_item_data
                            )
                        )

                    except PARSE_FAILURES as exc:
                        raise at(_suggested_activity_sub_tags_type_0_index, exc)
                    suggested_activity_sub_tags_type_0.append(
                        suggested_activity_sub_tags_type_0_item
                    )
                    if suggested_activity_sub_tags_type_0_item._omitted:
                        below = True

                suggested_activity_sub_tags = suggested_activity_sub_tags_type_0

        except PARSE_FAILURES as exc:
            raise at("suggestedActivitySubTags", exc)

        try:
            _status_value = d.get("status", ABSENT)
            status: EligibilitySubscriptionStatus | str | None
            if _status_value is None:
                status = None
            elif _status_value is ABSENT:
                status = None
                missing = True
            else:
                _status_data = _status_value
                try:
                    if not isinstance(_status_data, str):
                        raise TypeError()
                    status_type_0 = EligibilitySubscriptionStatus._lookup(_status_data)

                    status = status_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    if not (isinstance(_status_data, str)):
                        raise wrong_type(_status_data, "a string")

                    status = _status_data

        except PARSE_FAILURES as exc:
            raise at("status", exc)

        try:
            _results_value = d.get("results", ABSENT)
            results: EligibilitySubscriptionResults | None
            if _results_value is None:
                results = None
            elif _results_value is ABSENT:
                results = None
                missing = True
            else:
                results = EligibilitySubscriptionResults.from_dict(_results_value)

                if results._omitted:
                    below = True

        except PARSE_FAILURES as exc:
            raise at("results", exc)

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

        eligibility_subscription = cls(
            id,
            organisation_id,
            organisation_name,
            partner_id,
            configuration_id,
            validation_request_id,
            suggested_activity_sub_tags,
            status,
            results,
            created_at,
            updated_at,
        )

        if missing:
            eligibility_subscription._absent = cls._optional_keys.difference(d)
        if missing or below:
            eligibility_subscription._omitted = omitted(eligibility_subscription)

        if missing or len(d) > 11:
            eligibility_subscription.additional_properties = undeclared(
                d, cls._declared_keys
            )
        return eligibility_subscription

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
from ..models.eligibility_subscription_results import EligibilitySubscriptionResults

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.qualification_session_status import QualificationSessionStatus

T = TypeVar("T", bound="QualificationSession")


@_attrs_define
class QualificationSession:
    """A shopper's Qualification Session. [C] The vendor's page lists the fields below and may
    not be exhaustive; unknown fields are kept in `additional_properties`.

        Attributes:
            qualification_session_id (str):
            status (QualificationSessionStatus | str): A `QualificationSessionStatus`, or a plain string for a status added
                later.
            created_at (datetime.datetime | None):
            expires_at (datetime.datetime | None):
            lmn_reviewed_at (datetime.datetime | None): When the Letter of Medical Necessity was reviewed.
            charge_group_created_at (datetime.datetime | None):
            stripe_invoice_paid_at (datetime.datetime | None):
            eligible_amount (float | None):
            fee (float | None):
            email (None | str):
            customer_status (None | str):
            session_type (None | str):
            skus_param (None | str):
            source (None | str):
            stripe_invoice_id (None | str):
            stripe_invoice_number (None | str):
            user_business_id (None | str):
            user_id (None | str):
    """

    qualification_session_id: str
    status: QualificationSessionStatus | str
    created_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    lmn_reviewed_at: datetime.datetime | None
    charge_group_created_at: datetime.datetime | None
    stripe_invoice_paid_at: datetime.datetime | None
    eligible_amount: float | None
    fee: float | None
    email: None | str
    customer_status: None | str
    session_type: None | str
    skus_param: None | str
    source: None | str
    stripe_invoice_id: None | str
    stripe_invoice_number: None | str
    user_business_id: None | str
    user_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        qualification_session_id = self.qualification_session_id

        status: str
        if isinstance(self.status, QualificationSessionStatus):
            status = self.status.value
        else:
            status = self.status

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        lmn_reviewed_at: None | str
        if isinstance(self.lmn_reviewed_at, datetime.datetime):
            lmn_reviewed_at = self.lmn_reviewed_at.isoformat()
        else:
            lmn_reviewed_at = self.lmn_reviewed_at

        charge_group_created_at: None | str
        if isinstance(self.charge_group_created_at, datetime.datetime):
            charge_group_created_at = self.charge_group_created_at.isoformat()
        else:
            charge_group_created_at = self.charge_group_created_at

        stripe_invoice_paid_at: None | str
        if isinstance(self.stripe_invoice_paid_at, datetime.datetime):
            stripe_invoice_paid_at = self.stripe_invoice_paid_at.isoformat()
        else:
            stripe_invoice_paid_at = self.stripe_invoice_paid_at

        eligible_amount: float | None
        eligible_amount = self.eligible_amount

        fee: float | None
        fee = self.fee

        email: None | str
        email = self.email

        customer_status: None | str
        customer_status = self.customer_status

        session_type: None | str
        session_type = self.session_type

        skus_param: None | str
        skus_param = self.skus_param

        source: None | str
        source = self.source

        stripe_invoice_id: None | str
        stripe_invoice_id = self.stripe_invoice_id

        stripe_invoice_number: None | str
        stripe_invoice_number = self.stripe_invoice_number

        user_business_id: None | str
        user_business_id = self.user_business_id

        user_id: None | str
        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "qualification_session_id": qualification_session_id,
                "status": status,
                "created_at": created_at,
                "expires_at": expires_at,
                "lmn_reviewed_at": lmn_reviewed_at,
                "charge_group_created_at": charge_group_created_at,
                "stripe_invoice_paid_at": stripe_invoice_paid_at,
                "eligible_amount": eligible_amount,
                "fee": fee,
                "email": email,
                "customer_status": customer_status,
                "session_type": session_type,
                "skus_param": skus_param,
                "source": source,
                "stripe_invoice_id": stripe_invoice_id,
                "stripe_invoice_number": stripe_invoice_number,
                "user_business_id": user_business_id,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        qualification_session_id = d.pop("qualification_session_id")

        def _parse_status(data: object) -> QualificationSessionStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = QualificationSessionStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(QualificationSessionStatus | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        def _parse_lmn_reviewed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lmn_reviewed_at_type_0 = datetime.datetime.fromisoformat(data)

                return lmn_reviewed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        lmn_reviewed_at = _parse_lmn_reviewed_at(d.pop("lmn_reviewed_at"))

        def _parse_charge_group_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                charge_group_created_at_type_0 = datetime.datetime.fromisoformat(data)

                return charge_group_created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        charge_group_created_at = _parse_charge_group_created_at(
            d.pop("charge_group_created_at")
        )

        def _parse_stripe_invoice_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stripe_invoice_paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return stripe_invoice_paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stripe_invoice_paid_at = _parse_stripe_invoice_paid_at(
            d.pop("stripe_invoice_paid_at")
        )

        def _parse_eligible_amount(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        eligible_amount = _parse_eligible_amount(d.pop("eligible_amount"))

        def _parse_fee(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        fee = _parse_fee(d.pop("fee"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_customer_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        customer_status = _parse_customer_status(d.pop("customer_status"))

        def _parse_session_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        session_type = _parse_session_type(d.pop("session_type"))

        def _parse_skus_param(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        skus_param = _parse_skus_param(d.pop("skus_param"))

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        def _parse_stripe_invoice_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stripe_invoice_id = _parse_stripe_invoice_id(d.pop("stripe_invoice_id"))

        def _parse_stripe_invoice_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stripe_invoice_number = _parse_stripe_invoice_number(
            d.pop("stripe_invoice_number")
        )

        def _parse_user_business_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_business_id = _parse_user_business_id(d.pop("user_business_id"))

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        qualification_session = cls(
            qualification_session_id=qualification_session_id,
            status=status,
            created_at=created_at,
            expires_at=expires_at,
            lmn_reviewed_at=lmn_reviewed_at,
            charge_group_created_at=charge_group_created_at,
            stripe_invoice_paid_at=stripe_invoice_paid_at,
            eligible_amount=eligible_amount,
            fee=fee,
            email=email,
            customer_status=customer_status,
            session_type=session_type,
            skus_param=skus_param,
            source=source,
            stripe_invoice_id=stripe_invoice_id,
            stripe_invoice_number=stripe_invoice_number,
            user_business_id=user_business_id,
            user_id=user_id,
        )

        qualification_session.additional_properties = d
        return qualification_session

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

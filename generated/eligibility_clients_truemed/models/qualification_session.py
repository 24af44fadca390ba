from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

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

        _status_data = d.pop("status")
        status: QualificationSessionStatus | str
        try:
            if not isinstance(_status_data, str):
                raise TypeError()
            status_type_0 = QualificationSessionStatus(_status_data)

            status = status_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            status = _status_data

        _created_at_data = d.pop("created_at")
        created_at: datetime.datetime | None
        if _created_at_data is None:
            created_at = _created_at_data
        else:
            if not isinstance(_created_at_data, str):
                raise TypeError()
            created_at_type_0 = datetime.datetime.fromisoformat(_created_at_data)

            created_at = created_at_type_0

        _expires_at_data = d.pop("expires_at")
        expires_at: datetime.datetime | None
        if _expires_at_data is None:
            expires_at = _expires_at_data
        else:
            if not isinstance(_expires_at_data, str):
                raise TypeError()
            expires_at_type_0 = datetime.datetime.fromisoformat(_expires_at_data)

            expires_at = expires_at_type_0

        _lmn_reviewed_at_data = d.pop("lmn_reviewed_at")
        lmn_reviewed_at: datetime.datetime | None
        if _lmn_reviewed_at_data is None:
            lmn_reviewed_at = _lmn_reviewed_at_data
        else:
            if not isinstance(_lmn_reviewed_at_data, str):
                raise TypeError()
            lmn_reviewed_at_type_0 = datetime.datetime.fromisoformat(
                _lmn_reviewed_at_data
            )

            lmn_reviewed_at = lmn_reviewed_at_type_0

        _charge_group_created_at_data = d.pop("charge_group_created_at")
        charge_group_created_at: datetime.datetime | None
        if _charge_group_created_at_data is None:
            charge_group_created_at = _charge_group_created_at_data
        else:
            if not isinstance(_charge_group_created_at_data, str):
                raise TypeError()
            charge_group_created_at_type_0 = datetime.datetime.fromisoformat(
                _charge_group_created_at_data
            )

            charge_group_created_at = charge_group_created_at_type_0

        _stripe_invoice_paid_at_data = d.pop("stripe_invoice_paid_at")
        stripe_invoice_paid_at: datetime.datetime | None
        if _stripe_invoice_paid_at_data is None:
            stripe_invoice_paid_at = _stripe_invoice_paid_at_data
        else:
            if not isinstance(_stripe_invoice_paid_at_data, str):
                raise TypeError()
            stripe_invoice_paid_at_type_0 = datetime.datetime.fromisoformat(
                _stripe_invoice_paid_at_data
            )

            stripe_invoice_paid_at = stripe_invoice_paid_at_type_0

        eligible_amount: float | None = d.pop("eligible_amount")

        fee: float | None = d.pop("fee")

        email: None | str = d.pop("email")

        customer_status: None | str = d.pop("customer_status")

        session_type: None | str = d.pop("session_type")

        skus_param: None | str = d.pop("skus_param")

        source: None | str = d.pop("source")

        stripe_invoice_id: None | str = d.pop("stripe_invoice_id")

        stripe_invoice_number: None | str = d.pop("stripe_invoice_number")

        user_business_id: None | str = d.pop("user_business_id")

        user_id: None | str = d.pop("user_id")

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

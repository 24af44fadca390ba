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

from ..models.qualification_session_status import QualificationSessionStatus
from ..types import (
    ABSENT,
    PARSE_FAILURES,
    at,
    omitted,
    undeclared,
    wrong_type,
)

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
    created_at: datetime.datetime | None = None
    expires_at: datetime.datetime | None = None
    lmn_reviewed_at: datetime.datetime | None = None
    charge_group_created_at: datetime.datetime | None = None
    stripe_invoice_paid_at: datetime.datetime | None = None
    eligible_amount: float | None = None
    fee: float | None = None
    email: None | str = None
    customer_status: None | str = None
    session_type: None | str = None
    skus_param: None | str = None
    source: None | str = None
    stripe_invoice_id: None | str = None
    stripe_invoice_number: None | str = None
    user_business_id: None | str = None
    user_id: None | str = None
    _absent: frozenset[str] = _attrs_field(init=False, default=frozenset(), repr=False)
    _omitted: tuple[str, ...] = _attrs_field(
        init=False, default=(), repr=False, eq=False
    )
    _optional_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "created_at",
            "expires_at",
            "lmn_reviewed_at",
            "charge_group_created_at",
            "stripe_invoice_paid_at",
            "eligible_amount",
            "fee",
            "email",
            "customer_status",
            "session_type",
            "skus_param",
            "source",
            "stripe_invoice_id",
            "stripe_invoice_number",
            "user_business_id",
            "user_id",
        }
    )
    _declared_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "qualification_session_id",
            "status",
            "created_at",
            "expires_at",
            "lmn_reviewed_at",
            "charge_group_created_at",
            "stripe_invoice_paid_at",
            "eligible_amount",
            "fee",
            "email",
            "customer_status",
            "session_type",
            "skus_param",
            "source",
            "stripe_invoice_id",
            "stripe_invoice_number",
            "user_business_id",
            "user_id",
        }
    )
    _json_names: ClassVar[tuple[tuple[str, str], ...]] = (
        ("qualification_session_id", "qualification_session_id"),
        ("status", "status"),
        ("created_at", "created_at"),
        ("expires_at", "expires_at"),
        ("lmn_reviewed_at", "lmn_reviewed_at"),
        ("charge_group_created_at", "charge_group_created_at"),
        ("stripe_invoice_paid_at", "stripe_invoice_paid_at"),
        ("eligible_amount", "eligible_amount"),
        ("fee", "fee"),
        ("email", "email"),
        ("customer_status", "customer_status"),
        ("session_type", "session_type"),
        ("skus_param", "skus_param"),
        ("source", "source"),
        ("stripe_invoice_id", "stripe_invoice_id"),
        ("stripe_invoice_number", "stripe_invoice_number"),
        ("user_business_id", "user_business_id"),
        ("user_id", "user_id"),
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the API's JSON object (a dict), unknown fields included."""
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
            }
        )
        if "created_at" not in self._absent:
            field_dict["created_at"] = created_at
        if "expires_at" not in self._absent:
            field_dict["expires_at"] = expires_at
        if "lmn_reviewed_at" not in self._absent:
            field_dict["lmn_reviewed_at"] = lmn_reviewed_at
        if "charge_group_created_at" not in self._absent:
            field_dict["charge_group_created_at"] = charge_group_created_at
        if "stripe_invoice_paid_at" not in self._absent:
            field_dict["stripe_invoice_paid_at"] = stripe_invoice_paid_at
        if "eligible_amount" not in self._absent:
            field_dict["eligible_amount"] = eligible_amount
        if "fee" not in self._absent:
            field_dict["fee"] = fee
        if "email" not in self._absent:
            field_dict["email"] = email
        if "customer_status" not in self._absent:
            field_dict["customer_status"] = customer_status
        if "session_type" not in self._absent:
            field_dict["session_type"] = session_type
        if "skus_param" not in self._absent:
            field_dict["skus_param"] = skus_param
        if "source" not in self._absent:
            field_dict["source"] = source
        if "stripe_invoice_id" not in self._absent:
            field_dict["stripe_invoice_id"] = stripe_invoice_id
        if "stripe_invoice_number" not in self._absent:
            field_dict["stripe_invoice_number"] = stripe_invoice_number
        if "user_business_id" not in self._absent:
            field_dict["user_business_id"] = user_business_id
        if "user_id" not in self._absent:
            field_dict["user_id"] = user_id

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
            qualification_session_id = d["qualification_session_id"]
            if not isinstance(qualification_session_id, str):
                raise wrong_type(qualification_session_id, "a string")

        except PARSE_FAILURES as exc:
            raise at("qualification_session_id", exc)

        try:
            _status_data = d["status"]
            status: QualificationSessionStatus | str
            try:
                if not isinstance(_status_data, str):
                    raise TypeError()
                status_type_0 = QualificationSessionStatus._lookup(_status_data)

                status = status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                if not (isinstance(_status_data, str)):
                    raise wrong_type(_status_data, "a string")

                status = _status_data

        except PARSE_FAILURES as exc:
            raise at("status", exc)

        try:
            _created_at_raw = d.get("created_at", ABSENT)
            if _created_at_raw is ABSENT:
                _created_at_raw = None
                missing = True
            _created_at_data = _created_at_raw
            created_at: datetime.datetime | None
            if _created_at_data is None:
                created_at = _created_at_data
            else:
                if not isinstance(_created_at_data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(_created_at_data)

                created_at = created_at_type_0

        except PARSE_FAILURES as exc:
            raise at("created_at", exc)

        try:
            _expires_at_raw = d.get("expires_at", ABSENT)
            if _expires_at_raw is ABSENT:
                _expires_at_raw = None
                missing = True
            _expires_at_data = _expires_at_raw
            expires_at: datetime.datetime | None
            if _expires_at_data is None:
                expires_at = _expires_at_data
            else:
                if not isinstance(_expires_at_data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(_expires_at_data)

                expires_at = expires_at_type_0

        except PARSE_FAILURES as exc:
            raise at("expires_at", exc)

        try:
            _lmn_reviewed_at_raw = d.get("lmn_reviewed_at", ABSENT)
            if _lmn_reviewed_at_raw is ABSENT:
                _lmn_reviewed_at_raw = None
                missing = True
            _lmn_reviewed_at_data = _lmn_reviewed_at_raw
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

        except PARSE_FAILURES as exc:
            raise at("lmn_reviewed_at", exc)

        try:
            _charge_group_created_at_raw = d.get("charge_group_created_at", ABSENT)
            if _charge_group_created_at_raw is ABSENT:
                _charge_group_created_at_raw = None
                missing = True
            _charge_group_created_at_data = _charge_group_created_at_raw
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

        except PARSE_FAILURES as exc:
            raise at("charge_group_created_at", exc)

        try:
            _stripe_invoice_paid_at_raw = d.get("stripe_invoice_paid_at", ABSENT)
            if _stripe_invoice_paid_at_raw is ABSENT:
                _stripe_invoice_paid_at_raw = None
                missing = True
            _stripe_invoice_paid_at_data = _stripe_invoice_paid_at_raw
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

        except PARSE_FAILURES as exc:
            raise at("stripe_invoice_paid_at", exc)

        try:
            _eligible_amount_raw = d.get("eligible_amount", ABSENT)
            if _eligible_amount_raw is ABSENT:
                _eligible_amount_raw = None
                missing = True
            eligible_amount: float | None = _eligible_amount_raw
            if not (
                (
                    isinstance(eligible_amount, (int, float))
                    and not isinstance(eligible_amount, bool)
                )
                or eligible_amount is None
            ):
                raise wrong_type(eligible_amount, "a number or null")

        except PARSE_FAILURES as exc:
            raise at("eligible_amount", exc)

        try:
            _fee_raw = d.get("fee", ABSENT)
            if _fee_raw is ABSENT:
                _fee_raw = None
                missing = True
            fee: float | None = _fee_raw
            if not (
                (isinstance(fee, (int, float)) and not isinstance(fee, bool))
                or fee is None
            ):
                raise wrong_type(fee, "a number or null")

        except PARSE_FAILURES as exc:
            raise at("fee", exc)

        try:
            _email_raw = d.get("email", ABSENT)
            if _email_raw is ABSENT:
                _email_raw = None
                missing = True
            email: None | str = _email_raw
            if not (isinstance(email, str) or email is None):
                raise wrong_type(email, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("email", exc)

        try:
            _customer_status_raw = d.get("customer_status", ABSENT)
            if _customer_status_raw is ABSENT:
                _customer_status_raw = None
                missing = True
            customer_status: None | str = _customer_status_raw
            if not (isinstance(customer_status, str) or customer_status is None):
                raise wrong_type(customer_status, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("customer_status", exc)

        try:
            _session_type_raw = d.get("session_type", ABSENT)
            if _session_type_raw is ABSENT:
                _session_type_raw = None
                missing = True
            session_type: None | str = _session_type_raw
            if not (isinstance(session_type, str) or session_type is None):
                raise wrong_type(session_type, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("session_type", exc)

        try:
            _skus_param_raw = d.get("skus_param", ABSENT)
            if _skus_param_raw is ABSENT:
                _skus_param_raw = None
                missing = True
            skus_param: None | str = _skus_param_raw
            if not (isinstance(skus_param, str) or skus_param is None):
                raise wrong_type(skus_param, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("skus_param", exc)

        try:
            _source_raw = d.get("source", ABSENT)
            if _source_raw is ABSENT:
                _source_raw = None
                missing = True
            source: None | str = _source_raw
            if not (isinstance(source, str) or source is None):
                raise wrong_type(source, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("source", exc)

        try:
            _stripe_invoice_id_raw = d.get("stripe_invoice_id", ABSENT)
            if _stripe_invoice_id_raw is ABSENT:
                _stripe_invoice_id_raw = None
                missing = True
            stripe_invoice_id: None | str = _stripe_invoice_id_raw
            if not (isinstance(stripe_invoice_id, str) or stripe_invoice_id is None):
                raise wrong_type(stripe_invoice_id, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("stripe_invoice_id", exc)

        try:
            _stripe_invoice_number_raw = d.get("stripe_invoice_number", ABSENT)
            if _stripe_invoice_number_raw is ABSENT:
                _stripe_invoice_number_raw = None
                missing = True
            stripe_invoice_number: None | str = _stripe_invoice_number_raw
            if not (
                isinstance(stripe_invoice_number, str) or stripe_invoice_number is None
            ):
                raise wrong_type(stripe_invoice_number, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("stripe_invoice_number", exc)

        try:
            _user_business_id_raw = d.get("user_business_id", ABSENT)
            if _user_business_id_raw is ABSENT:
                _user_business_id_raw = None
                missing = True
            user_business_id: None | str = _user_business_id_raw
            if not (isinstance(user_business_id, str) or user_business_id is None):
                raise wrong_type(user_business_id, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("user_business_id", exc)

        try:
            _user_id_raw = d.get("user_id", ABSENT)
            if _user_id_raw is ABSENT:
                _user_id_raw = None
                missing = True
            user_id: None | str = _user_id_raw
            if not (isinstance(user_id, str) or user_id is None):
                raise wrong_type(user_id, "a string or null")

        except PARSE_FAILURES as exc:
            raise at("user_id", exc)

        qualification_session = cls(
            qualification_session_id,
            status,
            created_at,
            expires_at,
            lmn_reviewed_at,
            charge_group_created_at,
            stripe_invoice_paid_at,
            eligible_amount,
            fee,
            email,
            customer_status,
            session_type,
            skus_param,
            source,
            stripe_invoice_id,
            stripe_invoice_number,
            user_business_id,
            user_id,
        )

        if missing:
            qualification_session._absent = cls._optional_keys.difference(d)
        if missing or below:
            qualification_session._omitted = omitted(qualification_session)

        if missing or len(d) > 18:
            qualification_session.additional_properties = undeclared(
                d, cls._declared_keys
            )
        return qualification_session

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

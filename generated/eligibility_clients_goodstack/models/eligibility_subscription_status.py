from enum import StrEnum
from typing import Self, cast


class EligibilitySubscriptionStatus(StrEnum):
    """Where an Eligibility Subscription stands. [C]"""

    CANCELLED = "cancelled"
    CANNOT_DEFINE_ELIGIBILITY = "cannot_define_eligibility"
    LIVE = "live"
    PENDING = "pending"
    PENDING_VALIDATION_REQUEST = "pending_validation_request"
    VALIDATION_REQUEST_FAILED = "validation_request_failed"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _lookup(cls, value: str) -> Self:
        member = cls._value2member_map_.get(value)
        return cast(Self, member) if member is not None else cls(value)

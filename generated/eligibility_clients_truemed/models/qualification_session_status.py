from enum import StrEnum
from typing import Self, cast


class QualificationSessionStatus(StrEnum):
    """Where a Qualification Session stands. [C]
    - `pending`: the session was created; the shopper hasn't completed the survey yet.
    - `processing`: the shopper completed the survey and it is under review.
    - `approved`: the shopper holds a valid Letter of Medical Necessity covering the items
      in this order.
    - `rejected`: the shopper is ineligible for a Letter of Medical Necessity for the items
      in this order."""

    APPROVED = "approved"
    PENDING = "pending"
    PROCESSING = "processing"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _lookup(cls, value: str) -> Self:
        member = cls._value2member_map_.get(value)
        return cast(Self, member) if member is not None else cls(value)

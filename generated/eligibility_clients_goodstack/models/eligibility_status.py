from enum import StrEnum
from typing import Self, cast


class EligibilityStatus(StrEnum):
    """Outcome of the eligibility check. [C]"""

    FAIL = "fail"
    PASS = "pass"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _lookup(cls, value: str) -> Self:
        member = cls._value2member_map_.get(value)
        return cast(Self, member) if member is not None else cls(value)

from enum import StrEnum


class EligibilityStatus(StrEnum):
    """Outcome of the eligibility check. [C]"""

    FAIL = "fail"
    PASS = "pass"

    def __str__(self) -> str:
        return str(self.value)

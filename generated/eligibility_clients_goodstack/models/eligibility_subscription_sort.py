from enum import StrEnum


class EligibilitySubscriptionSort(StrEnum):
    """Field to sort by. [C]"""

    ID = "id"

    def __str__(self) -> str:
        return str(self.value)

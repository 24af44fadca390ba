from enum import StrEnum


class EligibilitySubscriptionSort(StrEnum):
    ID = "id"

    def __str__(self) -> str:
        return str(self.value)

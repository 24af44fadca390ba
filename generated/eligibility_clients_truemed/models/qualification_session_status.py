from enum import StrEnum


class QualificationSessionStatus(StrEnum):
    APPROVED = "approved"
    PENDING = "pending"
    PROCESSING = "processing"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class SortDirection(StrEnum):
    """Sort direction. [C]"""

    ASC = "ASC"
    DESC = "DESC"

    def __str__(self) -> str:
        return str(self.value)

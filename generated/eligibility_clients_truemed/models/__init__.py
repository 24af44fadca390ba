"""Contains all the data models used in inputs/outputs"""

from .pagination import Pagination
from .qualification_session import QualificationSession
from .qualification_session_list import QualificationSessionList
from .qualification_session_status import QualificationSessionStatus
from .truemed_error import TruemedError

__all__ = (
    "Pagination",
    "QualificationSession",
    "QualificationSessionList",
    "QualificationSessionStatus",
    "TruemedError",
)

"""Contains all the data models used in inputs/outputs"""

from .activity_sub_tag import ActivitySubTag
from .activity_tag import ActivityTag
from .eligibility_status import EligibilityStatus
from .eligibility_subscription import EligibilitySubscription
from .eligibility_subscription_list import EligibilitySubscriptionList
from .eligibility_subscription_results import EligibilitySubscriptionResults
from .eligibility_subscription_sort import EligibilitySubscriptionSort
from .eligibility_subscription_status import EligibilitySubscriptionStatus
from .goodstack_error import GoodstackError
from .goodstack_error_detail import GoodstackErrorDetail
from .page_links import PageLinks
from .sort_direction import SortDirection

__all__ = (
    "ActivitySubTag",
    "ActivityTag",
    "EligibilityStatus",
    "EligibilitySubscription",
    "EligibilitySubscriptionList",
    "EligibilitySubscriptionResults",
    "EligibilitySubscriptionSort",
    "EligibilitySubscriptionStatus",
    "GoodstackError",
    "GoodstackErrorDetail",
    "PageLinks",
    "SortDirection",
)

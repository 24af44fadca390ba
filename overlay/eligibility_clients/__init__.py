"""Typed clients for Truemed's and Goodstack's eligibility APIs.

```python
from eligibility_clients import TruemedClient

with TruemedClient() as client:  # key from TRUEMED_API_KEY
    for session in client.qualification_sessions.list(status="approved"):
        print(session.qualification_session_id, session.created_at)
```

Everything users need is importable from here: the four clients, the page classes, the
exception hierarchy (all derived from `APIError`), the item and enum types, the
`TypedDict`s of each `list()`'s filters, and the protocols (`SyncTransport`, `AsyncTransport`,
`HTTPRequest`, `HTTPResponse`) that type what `transport=` takes and what an exception's
`request` and `response` are: httpx2's own objects at run time.
"""

from eligibility_clients_goodstack.models import (
    ActivitySubTag,
    ActivityTag,
    EligibilityStatus,
    EligibilitySubscription,
    EligibilitySubscriptionResults,
    EligibilitySubscriptionSort,
    EligibilitySubscriptionStatus,
    SortDirection,
)
from eligibility_clients_goodstack.operations import Environment as GoodstackEnvironment
from eligibility_clients_goodstack.operations import ListEligibilitySubscriptionsFilters
from eligibility_clients_truemed.models import QualificationSession, QualificationSessionStatus
from eligibility_clients_truemed.operations import Environment as TruemedEnvironment
from eligibility_clients_truemed.operations import ListQualificationSessionsFilters

from ._clients import AsyncGoodstackClient, AsyncTruemedClient, GoodstackClient, TruemedClient
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    MissingAPIKeyError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._http_types import AsyncTransport, HTTPRequest, HTTPResponse, SyncTransport
from ._logging import setup_from_env as _setup_logging_from_env
from ._pagination import AsyncPage, AsyncPaginator, SyncPage
from ._version import __version__

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ActivitySubTag",
    "ActivityTag",
    "AsyncGoodstackClient",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncTransport",
    "AsyncTruemedClient",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "EligibilityStatus",
    "EligibilitySubscription",
    "EligibilitySubscriptionResults",
    "EligibilitySubscriptionSort",
    "EligibilitySubscriptionStatus",
    "GoodstackClient",
    "GoodstackEnvironment",
    "HTTPRequest",
    "HTTPResponse",
    "InternalServerError",
    "ListEligibilitySubscriptionsFilters",
    "ListQualificationSessionsFilters",
    "MissingAPIKeyError",
    "NotFoundError",
    "PermissionDeniedError",
    "QualificationSession",
    "QualificationSessionStatus",
    "RateLimitError",
    "SortDirection",
    "SyncPage",
    "SyncTransport",
    "TruemedClient",
    "TruemedEnvironment",
    "UnprocessableEntityError",
    "__version__",
]

_setup_logging_from_env()

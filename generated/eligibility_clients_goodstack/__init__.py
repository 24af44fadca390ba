"""A client library for accessing Goodstack Eligibility Subscriptions"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

"""Typed clients for Truemed's and Goodstack's eligibility APIs."""

from ._version import __version__

__all__ = ["__version__"]

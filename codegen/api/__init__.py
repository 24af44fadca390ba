"""The public API check: what `eligibility_clients` exports, against the last release's.

`python -m codegen.api` (`nox -s api`) prints each change and fails when the version bump is
too small for them. `surface` reads the API (griffe) into `public-api.json`'s shape, `compare`
classifies the changes, and `check` holds the command and the version rules it applies.
"""

"""The drift checks: what we ship against what it was made from or must fit.

1. `generated/` against a fresh generation from `specs/` (`codegen.generate check`);
2. every recorded cassette exchange against its operation's spec (`traffic`);
3. each vendor's published OpenAPI document against our spec (`upstream`).

`python -m codegen.drift [VENDOR=PATH_OR_URL ...]` (`nox -s drift`) runs all three
(`checks`); each also runs alone.
"""

"""Cutting a release: `python -m codegen.release minor` (`nox -s release -- minor`).

`cut` bumps the version, dates the changelog, rewrites the API snapshot and the install lines,
builds and checks the artifacts, and commits. `notes` prints a version's changelog entry for
the release workflow, with the standard library alone (nothing here imports more at load).
"""

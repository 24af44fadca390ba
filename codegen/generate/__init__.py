"""Step 1 of the pipeline: regenerate `generated/` from `specs/`.

`python -m codegen.generate` rewrites it (`nox -s generate`); `python -m codegen.generate
check` regenerates into a temporary folder and diffs (drift check 1). `regenerate` drives the
pinned openapi-python-client with our templates, `surface` writes each package's
`operations.py`, `item_schemas` its items' JSON schemas, and `wiring` finds an operation that
nothing hand-written serves yet.
"""

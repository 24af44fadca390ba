"""Build the wheel and sdist and check them as a user installs them (`nox -s build`).

`contents` checks what the wheel holds (our packages only, typed, httpx2 not httpx, the
command); `venvs` makes a virtualenv holding nothing but the wheel; `building` builds, runs
those checks, imports the wheel from outside the checkout, runs a consumer project's suite on
it, and keeps the artifacts in `dist/`.
"""

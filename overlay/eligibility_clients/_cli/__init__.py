"""The `eligibility-clients` command, also `python -m eligibility_clients`.

It needs click and rich, from the `cli` extra (see `EXTRA_HINT`). The
library never imports this package, so `import eligibility_clients` never loads them.
"""

from __future__ import annotations

import sys

# The project is not on PyPI, so the hint names the forms of the README's Install section.
EXTRA_HINT = (
    "pip install 'eligibility-clients[cli] @ git+URL@vX.Y.Z' (URL: the repository you cloned) "
    "or pip install 'dist/eligibility_clients-X.Y.Z-py3-none-any.whl[cli]'"
)
# Exit status when the command cannot run at all; the same as a usage error.
EXIT_MISSING_EXTRA = 2


def main() -> None:
    """Run the command with `sys.argv` and exit; the console script's entry point."""
    try:
        from ._app import cli
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").partition(".")[0]
        if missing not in ("click", "rich"):
            raise
        sys.stderr.write(
            f"eligibility-clients: the command needs {missing}, which is not installed: "
            f"{EXTRA_HINT}\n"
        )
        sys.exit(EXIT_MISSING_EXTRA)
    cli.main(prog_name="eligibility-clients")

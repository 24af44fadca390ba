"""`python -m codegen.generate [generate | check [--against DIR] | lint-specs]`."""

import sys

from codegen.generate.regenerate import main

# No command: regenerate, as `nox -s generate` does.
sys.exit(main(sys.argv[1:] or ["generate"]))

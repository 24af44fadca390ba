"""`python -m codegen.drift.upstream VENDOR DOCUMENT`: drift check 3 (see the package)."""

import sys

from codegen.drift.upstream.cli import main

sys.exit(main())

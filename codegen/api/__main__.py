"""`python -m codegen.api [--update]`: the public API check (see `codegen.api.check`)."""

import sys

from codegen.api.check import main

sys.exit(main())

"""`python -m codegen.drift [VENDOR=PATH_OR_URL ...]`: the three drift checks."""

import sys

from codegen.drift.checks import main

sys.exit(main())

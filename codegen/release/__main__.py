"""`python -m codegen.release minor|major|patch|auto|X.Y.Z [--date YYYY-MM-DD]`."""

import sys

from codegen.release.cut import main

sys.exit(main())

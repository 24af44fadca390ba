"""`python -m codegen.upstream VENDOR DOCUMENT`: run drift check 3 (see `codegen.upstream`)."""

import sys

from codegen.upstream.cli import main

sys.exit(main())

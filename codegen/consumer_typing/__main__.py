"""`python -m codegen.consumer_typing`: see `codegen.consumer_typing`."""

import sys

from codegen.consumer_typing.checking import main

sys.exit(main())

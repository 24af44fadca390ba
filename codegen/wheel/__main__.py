"""`python -m codegen.wheel`: build and check the wheel and sdist (see `codegen.wheel`)."""

import sys

from codegen.wheel.building import main

sys.exit(main())

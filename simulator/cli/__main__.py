"""`python -m simulator.cli`: the `litige` command."""

import sys

from simulator.cli.main import main

sys.exit(main())

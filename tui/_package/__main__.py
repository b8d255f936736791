"""``python -m scalescope``: the same command line as ``scalescope``."""

import sys

from scalescope.tui.cli import main

sys.exit(main())

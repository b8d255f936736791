"""``python -m scalescope``: the same command line as ``scalescope``."""

from scalescope.tui.cli import entry

entry()

"""Start-up (issue #22, first frame): what tui/app.py does to the process when it is imported."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_app_leaves_the_gc_on_with_the_imports_frozen():
    """The cyclic GC is paused while the app's imports run, then they are frozen (gc.freeze) and
    the GC is on again: the app's own objects are still collected."""
    code = (
        "import gc\n"
        "import scalescope.tui.app\n"
        "assert gc.isenabled()\n"
        "assert gc.get_freeze_count() > 20_000, gc.get_freeze_count()\n"
        "class Cycle: pass\n"
        "a = Cycle(); a.me = a; del a\n"
        "assert gc.collect() >= 1  # a cycle made after the imports is collected\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_gc_stays_off_if_it_was_off():
    code = "import gc\ngc.disable()\nimport scalescope.tui.app\nassert not gc.isenabled()\n"
    subprocess.run([sys.executable, "-c", code], check=True)

"""A real start of the app for tests: a fresh process, headless, as benchmarks/bench_startup.py
times it (the test pilot's app differs: it has no focus while composing, and no terminal size
arrives as Resize events), with code run before the app is made and once its first frame is on
screen."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def first_frame(on_frame: str, *, setup: str = "", after: str = "", size=(200, 50), n_boot: int = 0) -> str:
    """Start the app in a fresh process and return what it printed. ``setup`` runs first (module
    level: patch Textual here), ``on_frame`` in the callback that runs once the first frame is
    on screen (``self`` is the app; it exits right after), ``after`` once the app has exited."""
    code = (
        "import sys\n" + textwrap.dedent(setup) + "from scalescope.tui.app import ScalescopeApp\n"
        "class FirstFrame(ScalescopeApp):\n"
        "    def on_mount(self, event):\n"
        "        super().on_mount()\n"
        "        event.prevent_default()  # Textual calls every class's on_mount: the app's runs once\n"
        "        self.call_after_refresh(self.done)\n"
        "    def done(self):\n" + textwrap.indent(textwrap.dedent(on_frame), "        ") + "        self.exit()\n"
        f"app = FirstFrame(n_boot={n_boot})\n"
        f"app.run(headless=True, size={tuple(size)!r})\n" + textwrap.dedent(after)
    )
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=120).stdout

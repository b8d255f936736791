"""The app in a real terminal (tmux at 80x24), driven the way the first bug report did it:
PageDown, d, Down, Enter, d, l. The screen must say linear-x and show no traceback.

Skipped (with the reason) only when tmux is not installed; .ci/run installs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

# slow tier (CI's second run): a real terminal takes tens of seconds; the same keys through the
# pilot (tests/test_keys.py, tests/test_app.py) run in the default tier
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
]

# a guard against a hung app, not a speed limit: the app is polled until the screen changes
PATIENCE = 180.0


class Tmux:
    def __init__(self, cwd) -> None:
        self.socket = f"scalescope-test-{os.getpid()}-{time.monotonic_ns()}"
        self.cwd = cwd

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True)
        return out.stdout

    def start(self, width: int, height: int, env: dict[str, str]) -> None:
        command = " ".join(
            [
                *(f"{k}={v}" for k, v in env.items()),
                sys.executable,
                "-m",
                "scalescope",
                "; echo scalescope-exited-$?; sleep 600",
            ]
        )
        self.run("-f", os.devnull, "new-session", "-d", "-s", "smoke", "-x", str(width), "-y", str(height), "-c",
                 str(self.cwd), command)  # fmt: skip

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "smoke")

    def keys(self, key: str) -> None:
        self.run("send-keys", "-t", "smoke", key)

    def wait(self, condition, what: str) -> str:
        deadline = time.monotonic() + PATIENCE
        while True:
            text = self.screen()
            if "Traceback" in text or "scalescope-exited" in text:
                pytest.fail(f"the app died while waiting for {what}:\n{text}")
            if condition(text):
                return text
            if time.monotonic() > deadline:
                pytest.fail(f"waited {PATIENCE:.0f} s for {what}; the screen:\n{text}")
            time.sleep(0.2)

    def settle(self) -> str:
        """Wait until two captures 0.5 s apart agree (the app has drawn what the key did)."""
        previous = None
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            text = self.screen()
            if text == previous:
                return text
            previous = text
            time.sleep(0.5)
        return previous or ""

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def test_first_minute_in_tmux_at_80x24(tmp_path):
    tmux = Tmux(tmp_path)
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": str(tmp_path), "COLUMNS": "80", "LINES": "24"}
    try:
        tmux.start(80, 24, env)
        # the summary's first figure (the RL boost's value; "RL boost" alone is also in the chart's legend)
        tmux.wait(lambda s: "log-x" in s and "+6.27 pp" in s, "the first screen")
        tmux.settle()
        tmux.keys("PageDown")  # used to crash (KeyError in the collapsed dataset list)
        screen = tmux.wait(lambda s: "+6.27 pp" not in s, "PageDown to scroll the summary")
        tmux.keys("d")
        tmux.wait(lambda s: "Datasets" in s and "gpqa-diamond" in s, "d to show the dataset pane")
        tmux.settle()
        tmux.keys("Down")
        tmux.settle()
        tmux.keys("Enter")
        tmux.wait(lambda s: "gpqa-diamond ─" in s, "Enter to open the next dataset")
        tmux.keys("d")
        tmux.wait(lambda s: "Datasets" not in s, "d to hide the dataset pane")
        tmux.keys("l")
        screen = tmux.wait(lambda s: "linear-x" in s, "l to switch to a linear x axis")
        assert "Traceback" not in screen and "Error" not in screen
        assert "filter datasets" not in screen  # no hidden box swallowed the keys
    finally:
        tmux.kill()


def test_keys_typed_while_the_app_starts_and_with_d_in_tmux(tmp_path):
    """newcomer9: `/gpqa` Enter sent as the app starts (the terminal not in raw mode yet, so Enter
    arrives as a line feed) filtered the list and opened nothing; `d Down Enter` in one send-keys
    opened the pane and dropped the rest. Both at 80x24 and at 200x50."""
    for width, height in ((80, 24), (200, 50)):
        tmux = Tmux(tmp_path)
        env = {"TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8", "HOME": str(tmp_path)}
        try:
            tmux.start(width, height, env)
            tmux.run("send-keys", "-t", "smoke", "/gpqa", "Enter")  # before the app is up
            tmux.wait(lambda s: "gpqa-diamond ─" in s, "the first match of /gpqa opened")
            tmux.settle()
            tmux.keys("Escape")  # the summary has the focus; below 110 columns the pane hides
            tmux.settle()
            tmux.run("send-keys", "-t", "smoke", "d", "Down", "Enter")  # one burst
            screen = tmux.wait(lambda s: "gpqa-diamond ─" not in s and "linear fit ·" in s, "d Down Enter")
            assert "Traceback" not in screen
            tmux.keys("q")  # the list has the focus: q quits (it is text only in the filter box)
            deadline = time.monotonic() + PATIENCE
            while "scalescope-exited-0" not in tmux.screen() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert "scalescope-exited-0" in tmux.screen()
        finally:
            tmux.kill()

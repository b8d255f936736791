"""Live: a running Inspect eval written step by step by inspect_ai's own recorder
(tests/live_writer.py), watched by ``show --follow`` and by the app in a real terminal (tmux,
120x40). Slow tier: real processes, inspect_ai imported, a terminal polled."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

WRITER = Path(__file__).parent / "live_writer.py"
PATIENCE = 120.0  # a guard against a hang, not a speed limit


class Writer:
    """tests/live_writer.py in a child process: ``step("sample")`` appends one sample and flushes."""

    def __init__(self, log: Path, task: str = "live_task") -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(log), task], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout.readline().strip() == "ok 0"

    def step(self, command: str) -> str:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def lines_of(proc) -> queue.Queue:
    q: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:
            q.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return q


def wait_line(q: queue.Queue, needle: str) -> str:
    deadline = time.monotonic() + PATIENCE
    seen = []
    while time.monotonic() < deadline:
        try:
            line = q.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return line
    pytest.fail(f"no line with {needle!r}; saw {seen}")


def test_show_follow_prints_a_line_per_flush(tmp_path):
    log = tmp_path / "run.eval"
    writer = Writer(log)
    follow = subprocess.Popen(
        [sys.executable, "-m", "scalescope", "show", str(tmp_path), "--follow"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        q = lines_of(follow)
        wait_line(q, "watching")
        assert writer.step("sample") == "ok 1"
        wait_line(q, "running: 1/10 samples")
        assert writer.step("sample") == "ok 2"
        line = wait_line(q, "running: 2/10 samples")
        assert "run.eval" in line and "openai/o3-mini_high" in line
        # the score with its error (one problem, two epochs: the binomial from n = 1, p kept at 0.5)
        assert "% ± 50.0 (n 1 problem)" in line, line
        assert writer.step("finish") == "ok 2"
        wait_line(q, "success: 2/10 samples")
    finally:
        follow.kill()
        follow.wait()
        writer.close()


class Tmux:
    def __init__(self) -> None:
        self.socket = f"h21-live-{os.getpid()}-{time.monotonic_ns()}"

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True).stdout

    def start(self, source: Path, width: int = 120, height: int = 40) -> None:
        command = f"NO_COLOR=1 TERM=xterm {sys.executable} -m scalescope {source}; echo scalescope-exited-$?; sleep 600"
        self.run("-f", os.devnull, "new-session", "-d", "-s", "live", "-x", str(width), "-y", str(height), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "live")

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

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")
def test_the_app_shows_a_running_log_grow(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    fixtures = Path(__file__).parent / "fixtures" / "inspect-samples"
    for name in ("arith_o3-mini_low.eval", "arith_o3-mini_medium.json"):
        shutil.copy(fixtures / name, folder / name)
    writer = Writer(folder / "running.eval", task="arith")
    tmux = Tmux()
    try:
        writer.step("sample")
        tmux.start(folder)
        first = tmux.wait(lambda t: "1 running (1 samples done)" in t, "the running log")
        for _ in range(3):
            writer.step("sample")
        later = tmux.wait(lambda t: "1 running (4 samples done)" in t, "four samples done")
        assert later != first
        writer.step("finish")
        tmux.wait(lambda t: "all finished" in t, "the run finishing")
    finally:
        tmux.kill()
        writer.close()

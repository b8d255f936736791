"""Issue #20 (app half) in a real terminal: the column dialog on ``model_name,tokens,accuracy``,
the points table and the footer, at 80x24 and 120x40 (tmux, NO_COLOR, TERM=xterm).

Slow tier, as tests/test_tmux_smoke.py (whose tmux driver this reuses); the same checks run
through the pilot in tests/test_first_contact_app.py."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from .test_tmux_smoke import Tmux

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
]


class TmuxFile(Tmux):
    def start_on(self, width: int, height: int, env: dict[str, str], source: str) -> None:
        command = " ".join(
            [*(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "scalescope", source,
             "; echo scalescope-exited-$?; sleep 600"]
        )  # fmt: skip
        self.run("-f", os.devnull, "new-session", "-d", "-s", "smoke", "-x", str(width), "-y", str(height), "-c",
                 str(self.cwd), command)  # fmt: skip


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_mapping_dialog_points_table_and_footer_in_tmux(size, tmp_path):
    (tmp_path / "mta.csv").write_text(
        "model_name,tokens,accuracy\nm1,1000,0.5695\nm2,4000,0.61\nm3,16000,0.66\n", encoding="utf-8"
    )
    env = {"TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8", "HOME": str(tmp_path)}
    tmux = TmuxFile(tmp_path)
    try:
        tmux.start_on(*size, env, "mta.csv")
        text = tmux.wait(lambda t: "Open with this mapping" in t, "the column dialog")
        for shown in ("model_name", "tokens per question", "accuracy", "fraction (0-1)"):
            assert shown in text, text
        for _ in range(9):  # Tab through the fields to the button (the first select has the focus)
            tmux.keys("Tab")
        tmux.settle()
        tmux.keys("Enter")
        text = tmux.wait(lambda t: "tokens per question (log scale)" in t, "the chart of the file")
        footer = text.rstrip("\n").split("\n")[-1]
        for key in ("? Help", "q Quit", "e Export", "p Points", "o Open", "d Data"):
            assert key in footer, footer
        tmux.keys("p")
        text = tmux.wait(lambda t: "score %" in t, "the points table")
        header = next(line for line in text.split("\n") if "score %" in line)
        assert "compute" in header and "model" in header
        assert "56.95" in text and "16,000" in text
    finally:
        tmux.kill()

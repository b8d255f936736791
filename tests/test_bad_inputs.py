"""The bad-input corpus: every file gets one clear line (file, row, column), exit code 2, no
traceback, from the command line and in the app; no input file is ever modified."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.cli import main

from .conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXTRA = {  # damaged Inspect logs written by inspect_ai itself, then cut or scrambled
    str(FIXTURES / "inspect-bad" / "truncated.eval"): {"words": ["damaged or truncated"], "row": None, "column": None},
    str(FIXTURES / "inspect-bad" / "corrupt.eval"): {
        "words": ["not a readable .eval file"],
        "row": None,
        "column": None,
    },
}
ALL = {str(CORPUS / name): spec for name, spec in EXPECTED.items()} | EXTRA


def digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_corpus_is_large_enough():
    assert len(ALL) >= 25


@pytest.mark.parametrize("path", sorted(ALL), ids=lambda p: Path(p).name)
@pytest.mark.parametrize("command", ["show", "decompose", "plot"])
def test_cli_says_one_line_and_exits_2(path, command, capsys):
    spec = ALL[path]
    before = digest(path)
    code = main([command, path])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"scalescope: {path}")
    assert "Traceback" not in err
    for words in spec["words"]:
        assert words in err
    if spec["row"] is not None:
        assert f"row {spec['row']}" in err
    if spec["column"] is not None:
        assert f"column '{spec['column']}'" in err
    assert digest(path) == before


def test_a_real_process_prints_no_traceback():
    for name in ("latin1.csv", "zip_is_not_eval.eval", "random.parquet", "bad_line.jsonl"):
        proc = subprocess.run(
            [sys.executable, "-m", "scalescope", "fit", str(CORPUS / name)], capture_output=True, text=True, cwd=ROOT
        )
        assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_directory_and_unreadable_file(tmp_path, capsys, monkeypatch):
    empty_dir = tmp_path / "logs"
    empty_dir.mkdir()
    assert main(["show", str(empty_dir)]) == 2
    assert "folder has no Inspect logs" in capsys.readouterr().err
    locked = tmp_path / "locked.csv"
    locked.write_text("model,compute,score\na,1,2\n", encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the permission check see what a user would
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(locked) else real(p, mode))
    assert main(["show", str(locked)]) == 2
    assert "permission denied" in capsys.readouterr().err


async def test_app_shows_each_error_and_keeps_running(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "claims"])  # after the first frame
        await pilot.pause()
        before = app.analysis
        for path, spec in sorted(ALL.items()):
            worker = app.open_path(path)
            await worker.wait()
            await pilot.pause()
            if type(app.screen).__name__ == "ColumnMapScreen":  # the reader's message is in the dialog
                message = str(app.screen.query_one("#map-problem").content)
                app.screen.dismiss(None)
                await pilot.pause()
            else:
                message = list(app._notifications)[-1].message
            assert Path(path).name in message, message
            for words in spec["words"]:
                assert words in message
        assert app.view.dataset_id == "math-level-5" and app.is_running
        assert app.analysis is before  # nothing the user had was replaced
        assert len(app.datasets) == 1

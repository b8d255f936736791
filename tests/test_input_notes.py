"""What a reader leaves out of a file is said in every output format, not only in text: every
command's --json carries the reader's notes as ``input_notes`` (newcomer6: MathArena's "left out"
lines were in `show --json` only), and so do the app's exports (Markdown, CSV, JSON, figure)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from scalescope.engine.io import load
from scalescope.tui.cli import main

HEADER = "problem_idx,model_name,model_config,idx_answer,input_tokens,output_tokens,cost,correct"
LEFT_OUT = (
    "1 attempt(s) have no 'correct' (a judged, not answer-checked, problem): left out",
    "1 attempt(s) have no 'model_config' or 'problem_idx': left out",
)


def matharena_csv(tmp_path):
    rows = [HEADER]
    for config, tokens, cost, right in (("m (high)", 2000, 0.02, 0.7), ("m (low)", 800, 0.008, 0.4)):
        for problem in range(1, 9):
            for attempt in range(3):
                ok = (problem * 7 + attempt * 3) % 10 < 10 * right
                rows.append(f"{problem},m,{config},{attempt},100,{tokens},{cost},{ok}")
    rows.append("1,m,,3,100,2000,0.02,True")  # no model_config: left out
    rows.append("2,m,m (high),3,100,2000,0.02,")  # no correct: left out
    path = tmp_path / "arena.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


COMMANDS = [
    ["show"],
    ["fit"],
    ["plot"],
    ["frontier"],
    ["compare", "m (high)", "m (low)"],
    ["decompose", "--base", "m (low)", "--reasoning", "m (high)"],
]


def notes_of(out: dict, command: str) -> list[str]:
    if command == "show":  # show --json carries them under both keys (input_notes, as every command)
        assert out["input_notes"] == out["notes"]
    return out["input_notes"]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_matharena_left_out_lines_are_in_every_commands_json(tmp_path, capsys, command):
    path = matharena_csv(tmp_path)
    assert main([command[0], str(path), *command[1:], "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    notes = notes_of(out, command[0])
    for line in LEFT_OUT:
        assert line in notes, (command, notes)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_any_readers_notes_reach_the_json_as_the_text_prints_them(tmp_path, capsys, monkeypatch, command):
    """Reader-agnostic: whatever notes an opened file's reader gives are the text's `note:` lines
    and the JSON's, the same list in the same order."""
    real = load(matharena_csv(tmp_path))
    said = ("a reader's note <b>[x]</b>", "another: 3 row(s) left out")
    monkeypatch.setattr("scalescope.engine.io.load", lambda *a, **k: dataclasses.replace(real, notes=said))
    argv = [command[0], "anything.csv", *command[1:]]
    assert main(argv) == 0
    err = capsys.readouterr().err
    if command[0] != "show":  # show lists them in its header
        assert [line for line in err.splitlines() if line.startswith("note: ")] == [f"note: {n}" for n in said]
    assert main([*argv, "--json"]) == 0
    assert notes_of(json.loads(capsys.readouterr().out), command[0]) == list(said)


def test_decompose_of_several_files_gives_each_its_own_notes(tmp_path, capsys):
    one = matharena_csv(tmp_path)
    other = tmp_path / "other.csv"
    other.write_text("\n".join(line for line in one.read_text().splitlines() if not line.startswith("1,m,,")) + "\n")
    argv = ["decompose", str(one), str(other), "--base", "m (low)", "--reasoning", "m (high)", "--json"]
    assert main(argv) == 0
    first, second = json.loads(capsys.readouterr().out)
    assert set(LEFT_OUT) <= set(first["input_notes"])
    assert LEFT_OUT[0] in second["input_notes"] and LEFT_OUT[1] not in second["input_notes"]


def test_the_apps_exports_carry_the_notes(tmp_path):
    from scalescope.tui.chart import ChartSpec
    from scalescope.tui.figure import figure_csv, figure_json
    from scalescope.tui.report import csv_report, json_report, markdown_report

    ds = load(matharena_csv(tmp_path))
    md = markdown_report(ds, None, [], None)
    assert "- note: 1 attempt(s) have no 'model\\_config' or 'problem\\_idx': left out" in md
    rows = list(csv.reader(io.StringIO(csv_report(None, [], None, list(ds.notes)))))
    for line in LEFT_OUT:
        assert ["note", line, "", "", ""] in rows
        assert line in json.loads(json_report(ds, None, [], None))["input_notes"]
        assert line in json.loads(figure_json(ChartSpec(dataset=ds)))["input_notes"]
        figure_rows = list(csv.reader(io.StringIO(figure_csv(ChartSpec(dataset=ds)))))
        assert ["note", "", "", line, "", "", ""] in figure_rows


def test_a_note_is_never_a_spreadsheet_formula():
    from scalescope.tui.report import csv_report

    rows = list(csv.reader(io.StringIO(csv_report(None, [], None, ["=HYPERLINK(1)", "-x\x1b[2J"]))))
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(1)", "'-x\\x1b[2J"]


def test_a_bundled_datasets_json_has_an_empty_list(capsys):
    assert main(["fit", "math-level-5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["input_notes"] == []

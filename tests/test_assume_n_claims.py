"""`--assume-n` does not change the essays' claims, and the command line says why (s7's closing
note: the claims stayed cannot_tell under any assumed N, and nothing said so where the N was
given). An assumed question count is not data: `decompose --assume-n` prints its intervals on
that assumption and a note naming the claims rows that do not take it; `--json` carries the same
note as ``assume_n_note``; the claims' own notes say the row stays cannot_tell."""

from __future__ import annotations

import json

from scalescope.engine.claims import CLAIM_DATASETS, claim
from scalescope.tui.cli import main

OTIS = "otis-mock-aime"


def test_decompose_with_assume_n_says_the_claims_do_not_take_it(capsys):
    rows = [i for i, ids in CLAIM_DATASETS.items() if OTIS in ids]
    assert "4" in rows
    assert main(["decompose", OTIS, "--assume-n", "45"]) == 0
    out = capsys.readouterr().out
    note = next(line for line in out.splitlines() if line.startswith("note: --assume-n 45"))
    assert "not data" in note and f"rows {', '.join(rows)}" in note and "cannot_tell" in note
    assert main(["decompose", OTIS, "--assume-n", "45", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "note: " + data["assume_n_note"] == note
    # the claim itself: still cannot_tell, and its note says why an assumed N does not change it
    c = claim("4")
    assert c.status == "cannot_tell" and "an assumption is not data, so this row stays cannot_tell" in c.note


def test_no_note_without_assume_n_or_without_claims(capsys, tmp_path):
    assert main(["decompose", "math-level-5", "--json"]) == 0
    assert "assume_n_note" not in json.loads(capsys.readouterr().out)
    path = tmp_path / "mine.csv"
    path.write_text(
        "model,series,role,compute,score\nb,B,base,100,20\nr1,R,reasoning,1000,40\nr2,R,reasoning,10000,60\n"
    )
    assert main(["decompose", str(path), "--assume-n", "50", "--json"]) == 0
    assert "assume_n_note" not in json.loads(capsys.readouterr().out)  # an opened file tests no claim
    assert main(["decompose", str(path), "--assume-n", "50"]) == 0
    assert "note: --assume-n" not in capsys.readouterr().out

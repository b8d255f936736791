"""show --x dollars says where the dollars come from once, as its note, not again at the end of
the source line (newcomer6 found it twice; it was still in both)."""

from __future__ import annotations

from scalescope.tui.cli import main


def test_the_price_source_is_said_once(capsys):
    assert main(["show", "epoch-math-level-5", "--x", "dollars"]) == 0
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert out.count("dollars: genai-prices") == 1
    assert out.count("have no price") == 1
    source = next(line for line in out.splitlines() if line.lstrip().startswith("source:"))
    assert "dollars:" not in source and source.rstrip().endswith("run matching.")
    assert "  note: dollars: genai-prices" in out


def test_other_notes_are_all_listed(capsys, tmp_path):
    path = tmp_path / "arena.csv"
    rows = ["problem_idx,model_name,model_config,idx_answer,input_tokens,output_tokens,cost,correct"]
    rows += [f"{p},m,m (high),{i},1,10,0.01,{(p + i) % 2 == 0}" for p in range(1, 4) for i in range(2)]
    rows.append("1,m,,2,1,10,0.01,True")
    path.write_text("\n".join(rows) + "\n")
    assert main(["show", str(path)]) == 0
    assert "note: 1 attempt(s) have no 'model_config' or 'problem_idx': left out" in capsys.readouterr().out

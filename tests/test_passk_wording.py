"""passk words the power law's bound one way, for a published dataset and for a file alike
(newcomer6: "strictly between 0 and 1" against "strictly between 0% and 100%")."""

from __future__ import annotations

from scalescope.engine.passk import TOO_FEW_INSIDE
from scalescope.tui.cli import main


def test_the_same_words_for_a_dataset_and_a_file(tmp_path, capsys):
    assert main(["passk", "llm-monkeys-coverage"]) == 0
    published = capsys.readouterr().out
    path = tmp_path / "samples.csv"
    path.write_text("model,problem,correct\n" + "".join(f"all,p{i},1\nall,p{i},1\n" for i in range(5)))
    assert main(["passk", str(path)]) == 0
    mine = capsys.readouterr().out
    want = f"power law not fitted: {TOO_FEW_INSIDE}"
    assert want in published and want in mine
    assert "0 and 1" not in published + mine
    assert TOO_FEW_INSIDE.endswith("strictly between 0% and 100%")

"""decompose names a file as fit and show do (its file name, not its stem), and asks for --base
and --reasoning in one message when neither is given nor marked by a role column, listing the
series a trend can be fitted to (newcomer6: 'three: base ...' against fit's 'three.csv', and two
runs to learn both options were needed)."""

from __future__ import annotations

import json

from scalescope.tui.cli import main

THREE = (
    "model,series,compute,score,score_stderr\n"
    "m-low,M,1000,40,1.5\nm-mid,M,4000,52,1.5\nm-high,M,16000,64.5,1.5\n"
    "w1,W,1000,30,1.5\nw2,W,8000,41,1.5\nbase-a,B,500,35,1.5\n"
)


def test_decompose_fit_and_show_name_the_file_alike(tmp_path, capsys):
    path = tmp_path / "three.csv"
    path.write_text(THREE)
    assert main(["decompose", str(path), "--base", "base-a", "--reasoning", "M"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("three.csv: base base-a -> reasoning series M")
    assert main(["decompose", str(path), "--base", "base-a", "--reasoning", "M", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["benchmark"] == "three.csv"
    assert main(["fit", str(path)]) == 0
    assert capsys.readouterr().out.lstrip().startswith("three.csv")


def test_neither_base_nor_reasoning_is_one_message_with_the_candidates(tmp_path, capsys):
    path = tmp_path / "three.csv"
    path.write_text(THREE)
    assert main(["decompose", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "--base MODEL --reasoning SERIES" in err
    assert "series with a trend: M (3 points), W (2 points)" in err and "base-a" in err


def test_only_the_reasoning_missing_lists_the_candidates(tmp_path, capsys):
    path = tmp_path / "three.csv"
    path.write_text(THREE)
    assert main(["decompose", str(path), "--base", "base-a"]) == 2
    err = capsys.readouterr().err
    assert "choose a reasoning series (--reasoning SERIES); series with a trend: M (3 points), W (2 points)" in err
    assert main(["decompose", str(path), "--reasoning", "M"]) == 2
    assert "choose a base model (--base MODEL)" in capsys.readouterr().err


def test_a_bundled_dataset_keeps_its_benchmark_name(capsys):
    assert main(["decompose", "math-level-5"]) == 0
    assert capsys.readouterr().out.startswith("MATH level 5: base")

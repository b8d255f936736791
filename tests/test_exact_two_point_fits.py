"""A 2-parameter curve through exactly 2 points is exact by construction: its R² is 1 whatever the
data (newcomer7, problem 9: passk on 2 epochs printed 'R² 1.000', which reads as a perfect fit).
pass@k's power law, fit's line and decompose's R² all say so alike, and JSON gives no R²."""

from __future__ import annotations

import json

import numpy as np

from scalescope.engine.passk import fit_power_law
from scalescope.tui.cli import main


def _two_epochs(tmp_path):
    rng = np.random.default_rng(1)
    rows = ["model,problem,correct"]
    for p in range(20):
        rows += [f"acme,p{p},{int(rng.random() < 0.4)}" for _ in range(2)]
    path = tmp_path / "two.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_power_law_through_two_values_of_k_is_exact_by_construction():
    ks, cov = np.array([1.0, 2.0]), np.array([0.3, 0.55])
    fit = fit_power_law(ks, cov)
    # the curve passes through both points whatever they are: R² 1 says nothing
    assert np.allclose(fit.predict(ks), cov) and fit.r_squared == 1.0
    assert fit.exact and fit.n_points == 2
    assert "through 2 points: exact, no misfit test" in fit.r2_text()
    assert fit.as_dict()["r_squared"] is None and fit.as_dict()["exact"] is True
    three = fit_power_law(np.array([1.0, 2.0, 4.0]), np.array([0.3, 0.55, 0.6]))
    assert not three.exact and three.r2_text().startswith("R² ")


def test_passk_text_and_json_say_exact_not_r2_1(tmp_path, capsys):
    path = _two_epochs(tmp_path)
    assert main(["passk", str(path)]) == 0
    out = capsys.readouterr().out
    assert "through 2 points: exact, no misfit test" in out
    assert "R² 1.000" not in out
    assert main(["passk", str(path), "--json"]) == 0
    law = json.loads(capsys.readouterr().out)["models"]["acme"]["power_law"]
    assert law["r_squared"] is None and law["exact"] is True and law["fitted_points"] == 2


def test_fit_and_decompose_treat_two_points_alike(capsys):
    assert main(["fit", "arc-agi-1-semi-private", "--series", "o3-preview"]) == 0
    out = capsys.readouterr().out
    assert "- (2 pts: exact)" in out
    assert main(["fit", "arc-agi-1-semi-private", "--series", "o3-preview", "--json"]) == 0
    fit = json.loads(capsys.readouterr().out)["fits"]["o3-preview"]
    assert fit["n_points"] == 2 and fit["r_squared"] is None and fit["exact_fit"] is True
    assert main(["decompose", "otis-mock-aime", "--assume-n", "45"]) == 0
    r2 = next(line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("R²"))
    assert "through 2 points: exact, no misfit test" in r2
    assert main(["decompose", "otis-mock-aime", "--assume-n", "45", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fit"]["r_squared"] is None

"""The installed package: one top-level name, a version from the metadata, the command line's
entry points (``scalescope PATH_OR_ID``, ``python -m scalescope``), --json on every result
command, and quiet output into a closed pipe."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest

from scalescope.tui import cli

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel CI built (SCALESCOPE_WHEEL), or one built here from the checkout, offline."""
    given = os.environ.get("SCALESCOPE_WHEEL")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("scalescope-*.whl")
    return path


def test_wheel_holds_only_the_scalescope_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    dist_info = f"scalescope-{version('scalescope')}.dist-info"
    assert top == {"scalescope", dist_info}, sorted(top)
    # the bundled data and the app's stylesheet travel inside the package
    for needed in (
        "scalescope/data/catalog.json",
        "scalescope/tui/app.tcss",
        "scalescope/tui/dialogs.tcss",
        "scalescope/__main__.py",
    ):
        assert needed in names
    assert any(n.startswith("scalescope/data/points/") and n.endswith(".csv") for n in names)
    # the licence, and the data's own terms, are in the dist-info
    assert f"{dist_info}/licenses/LICENSE" in names
    assert f"{dist_info}/licenses/data/raw/SOURCES.md" in names
    meta = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
    for field in ("License-Expression: MIT", "Author:", "Project-URL: Source", "Project-URL: Issues", "Classifier:"):
        assert field in meta, field


def test_version_comes_from_the_metadata():
    out = subprocess.run(
        [sys.executable, "-m", "scalescope", "--version"], capture_output=True, text=True, check=True, cwd="/"
    )
    assert out.stdout.strip() == f"scalescope {version('scalescope')}"


def test_importing_the_top_package_imports_nothing_else():
    code = "import sys, scalescope; print(sorted(m for m in sys.modules if m.startswith('scalescope')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert out.stdout.strip() == "['scalescope']"


@pytest.mark.parametrize(
    ("argv", "routed"),
    [
        (["results.csv"], ["app", "results.csv"]),
        (["math-level-5"], ["app", "math-level-5"]),
        (["logs/"], ["app", "logs/"]),
        (["app", "x.csv"], ["app", "x.csv"]),
        (["fit", "x.csv"], ["fit", "x.csv"]),
        (["--version"], ["--version"]),
        ([], []),
    ],
)
def test_a_path_or_id_opens_the_app(argv, routed):
    assert cli._route(argv) == routed


def test_path_or_id_reaches_the_app_with_that_source(monkeypatch):
    opened = []
    import scalescope.tui.app as app_module

    monkeypatch.setattr(app_module, "run_app", lambda source: opened.append(source) or 0)
    monkeypatch.setattr(cli, "_terminal_problem", lambda: None)  # pytest's stdout is not a terminal
    assert cli.main(["gpqa-diamond"]) == 0
    assert cli.main(["app", "otis-mock-aime"]) == 0
    assert opened == ["gpqa-diamond", "otis-mock-aime"]


@pytest.mark.parametrize("command", ["list --json", "show math-level-5", "fit arc-agi-1-semi-private"])
def test_output_into_a_closed_pipe_ends_quietly(command):
    """``| head -c 100`` closes the pipe early: no traceback, no error line, status 141 (SIGPIPE)."""
    for _ in range(5):
        out = subprocess.run(
            [
                "bash",
                "-c",
                f'"{sys.executable}" -m scalescope {command} | head -c 100 >/dev/null; echo "${{PIPESTATUS[0]}}"',
            ],
            capture_output=True,
            text=True,
            cwd="/",
        )
        assert out.stderr == ""
        assert out.stdout.strip() in ("0", "141")  # 0 when everything fit in the pipe before head closed it


def test_plot_json_carries_series_trends_and_ticks(capsys):
    from scalescope.engine import load_bundled
    from scalescope.engine.fit import fit_series

    assert cli.main(["plot", "math-level-5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["x"] == {"kind": "tokens", "name": load_bundled("math-level-5").x.name, "scale": "log"}
    names = {s["name"] for s in out["series"]}
    assert {"Claude 3.5 Sonnet", "Claude 3.7 Sonnet"} <= names
    # each trend line is the fit itself: recompute one point by hand from the fitted coefficients
    trend = next(t for t in out["trends"] if t["series"] == "Claude 3.7 Sonnet")
    fit = fit_series(load_bundled("math-level-5"), "Claude 3.7 Sonnet")
    u = np.log10(trend["compute"])
    assert np.allclose(trend["score"], fit.predict_u(u))
    pts = load_bundled("math-level-5").points.to_pandas()
    reason = pts[pts["series"] == "Claude 3.7 Sonnet"]
    slope, intercept = np.polyfit(np.log10(reason["compute"]), reason["score"], 1)
    assert np.allclose(trend["score"], intercept + slope * u)
    # decade ticks of the log axis, with the labels the chart draws
    labels = [t["label"] for t in out["axes"]["x_ticks"]]
    assert "1K" in labels and "10K" in labels
    at = {t["label"]: t["at"] for t in out["axes"]["x_ticks"]}
    assert math.isclose(at["1K"], 1000) and math.isclose(at["10K"], 10000)
    d = out["decomposition"]
    assert d["base_model"] == "claude-3-5-sonnet-20241022"
    assert math.isclose(d["rl_boost"]["to"] - d["rl_boost"]["from"], 6.27, abs_tol=0.005)


def test_plot_json_linear_axis(capsys):
    assert cli.main(["plot", "math-level-5", "--json", "--linear-x"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["x"]["scale"] == "linear" and out["axes"]["x_range"][0] == 0


def test_years_json_is_the_logarithm_ratio(capsys):
    assert cli.main(["years", "1000", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert math.isclose(out["years"], math.log(1000) / math.log(4))
    assert out["ratio"] == 1000 and out["yearly_decline"] == 4

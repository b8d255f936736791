"""An Inspect log that finished ('success') with fewer scored samples than it planned (3 of 10:
`show --follow` said `success: 3/10 samples`) read as a whole run: its label was `high effort,
2 epoch(s), scorer match` in `show`, `fit` and the app (newcomer7, newcomer8 G). It is now
labelled 'partial: 3 of 10 samples', as a log that did not finish is 'incomplete', and a note names
it. It stays in the model's fit: its score, n and stderr are those of the samples it has."""

from __future__ import annotations

from pathlib import Path

from scalescope.engine.fit import fit_all_series_report
from scalescope.engine.io import load
from scalescope.tui.app import ScalescopeApp
from scalescope.tui.cli import main

from .inspect_headers import header_log
from .screen import screen_text

MODEL = "openai/o3-mini-2025-01-31"
SAMPLES = Path(__file__).parent / "fixtures" / "inspect-samples"


def _log(folder, name, *, budget, tokens, accuracy, completed=100):
    header_log(folder, name, model=MODEL, budget=budget, tokens=tokens, accuracy=accuracy, completed=completed)


def _sweep(folder):
    _log(folder, "low", budget=1024, tokens=300, accuracy=0.40)
    _log(folder, "mid", budget=4096, tokens=1000, accuracy=0.55)
    _log(folder, "high", budget=16384, tokens=3000, accuracy=0.70, completed=30)


def test_a_finished_log_with_fewer_samples_than_planned_is_labelled_partial_and_named(tmp_path):
    _sweep(tmp_path)
    ds = load(tmp_path)
    labels = {Path(str(s)).name: str(label) for s, label in zip(ds.points["source"], ds.points["label"], strict=True)}
    assert labels["high.eval"].startswith("partial: 30 of 100 samples, "), labels
    assert not any(labels[n].startswith(("partial", "incomplete")) for n in ("low.eval", "mid.eval")), labels
    note = next(n for n in ds.notes if "fewer scored samples than planned" in n)
    assert "high.eval (30 of 100)" in note and "Kept in the model's fit" in note
    ns = {Path(str(s)).name: float(n) for s, n in zip(ds.points["source"], ds.points["n"], strict=True)}
    assert ns == {"low.eval": 100, "mid.eval": 100, "high.eval": 30}  # the problems it scored, not the dataset's
    # kept in the fit: one series of three points (a smaller n, not a run that did not finish)
    assert set(ds.points["series"]) == {MODEL}
    fitted, unfitted = fit_all_series_report(ds)
    assert [name for name, _ in fitted] == [MODEL] and fitted[0][1].n_points == 3 and unfitted == []


def test_a_log_with_an_errored_sample_counts_from_its_samples():
    """A fixture of 48 samples, one errored (Inspect's fail_on_error let it finish): 47 of 48."""
    ds = load(SAMPLES, task="arith")
    labels = [
        str(label)
        for s, label in zip(ds.points["source"], ds.points["label"], strict=True)
        if str(s).endswith("arith_o3-mini_medium.json")
    ]
    assert [label.split(",")[0] for label in labels] == ["partial: 47 of 48 samples"]
    assert any("arith_o3-mini_medium.json (47 of 48)" in n for n in ds.notes)


def test_show_and_fit_say_partial(tmp_path, capsys):
    _sweep(tmp_path)
    assert main(["show", str(tmp_path)]) == 0
    seen = capsys.readouterr()
    assert "partial: 30 of 100 samples" in seen.out and "fewer scored samples than planned" in seen.out + seen.err
    assert main(["fit", str(tmp_path)]) == 0
    seen = capsys.readouterr()
    out = " ".join((seen.out + seen.err).split())  # its notes wrap
    assert "fewer scored samples than planned: high.eval (30 of 100)" in out


async def test_the_app_labels_the_point_partial(tmp_path):
    _sweep(tmp_path)
    app = ScalescopeApp(str(tmp_path), n_boot=200)
    async with app.run_test(size=(200, 50)) as pilot:
        for _ in range(200):
            await pilot.pause()
            if app.analysis is not None:
                break
        await pilot.press("p")
        for _ in range(5):
            await pilot.pause()
        assert "partial: 30 of 100 samples" in screen_text(app)

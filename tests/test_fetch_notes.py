"""What a fetch changed or left out travels with the fetched data (newcomer7, problem 11): `fetch arc`
printed that two costs were read as unknown, and the reason was gone by `show`, `fit`, the app
and `--json`. A real HTTP server on 127.0.0.1 serves the files, as in tests/test_fetch.py."""

from __future__ import annotations

import json

from scalescope.engine.fetched import fetched_catalog
from scalescope.engine.io import load
from scalescope.engine.readers.epoch import NO_TOKENS

from .fetch_fixtures import epoch_zip
from .test_hostile_cache import arc_files, cache, run, serve  # noqa: F401 (fixtures)

COSTS = "2 cost(s) per task of 0, below 0 or out of range read as unknown (kept, left out of fits)"
V3 = "v3_Semi_Private: 1 row(s) give a total cost, not costPerTask: left out (not comparable per task)"
BAD_COSTS = [
    {"datasetId": "v1_Semi_Private", "modelId": "[bold red]evil[/]-low", "score": 0.1, "costPerTask": 0},
    {"datasetId": "v1_Semi_Private", "modelId": "[bold red]evil[/]-high", "score": 0.2, "costPerTask": -3},
]
ID = "fetched-arc-agi-1-semi-private"


def test_why_a_cost_is_unknown_is_said_wherever_the_fetched_data_is_looked_at(capsys, serve):  # noqa: F811
    base, files = serve
    arc_files(files, BAD_COSTS)
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 0, err
    assert f"note: {ID}: {COSTS}: '[bold red]evil[/]-low', '[bold red]evil[/]-high'" in err  # as it was

    code, out, err = run(capsys, "show", ID)  # the dataset's notes, and each point's label
    assert code == 0, err
    assert f"note: {COSTS}: '[bold red]evil[/]-low', '[bold red]evil[/]-high'" in out
    assert f"note: in the same fetch: {V3}" in out
    assert "[cost per task 0 read as unknown: 0, below 0 or out of range]" in out
    assert "[cost per task -3 read as unknown: 0, below 0 or out of range]" in out
    shown = json.loads(run(capsys, "show", ID, "--json")[1])
    assert any(n.startswith(COSTS) for n in shown["notes"]) and f"in the same fetch: {V3}" in shown["notes"]

    code, out, err = run(capsys, "fit", ID)  # the notes after the output, as for an opened file
    assert code == 0, err
    assert f"note: {COSTS}" in out + err and f"note: in the same fetch: {V3}" in out + err
    code, out, err = run(capsys, "fit", ID, "--json")
    notes = json.loads(out)["input_notes"]
    assert any(n.startswith(COSTS) and "evil[/]-high" in n for n in notes), notes
    assert f"in the same fetch: {V3}" in notes

    other = load("fetched-arc-agi-2-semi-private")  # a note about the whole fetch is in every dataset's
    assert f"in the same fetch: {V3}" in other.notes and not any(n.startswith(COSTS) for n in other.notes)
    entry = next(e for e in fetched_catalog()[0] if e.id == ID)  # stored in the catalog entry itself
    assert any(n.startswith(COSTS) for n in entry.notes)


def test_bundled_data_keeps_its_notes_to_show(capsys):
    """Unchanged: a bundled dataset's notes are `show`'s, not every command's."""
    code, out, err = run(capsys, "fit", "arc-agi-1-semi-private", "--json")
    assert code == 0 and json.loads(out)["input_notes"] == []


def test_fetched_epoch_notes_travel_too(capsys, serve):  # noqa: F811
    base, files = serve
    files["/epoch/benchmark_data.zip"] = epoch_zip()
    assert run(capsys, "fetch", "epoch", "--from", f"{base}/epoch/")[0] == 0
    code, out, err = run(capsys, "show", "fetched-epoch-gpqa-diamond", "--json")
    notes = json.loads(out)["notes"]
    assert "in the same fetch: 1 republished (*_external.csv) table(s) left out: not Epoch's own runs" in notes
    assert NO_TOKENS in notes
    code, out, err = run(capsys, "show", "fetched-epoch-gpqa-diamond")
    assert "note: in the same fetch: 1 republished" in out


async def test_the_app_summary_says_it(capsys, serve, tmp_path):  # noqa: F811
    from scalescope.tui.app import ScalescopeApp

    from .test_app import settle, summary_text

    base, files = serve
    arc_files(files, BAD_COSTS)
    assert run(capsys, "fetch", "arc", "--from", f"{base}/arc/")[0] == 0
    app = ScalescopeApp(ID, export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        text = " ".join(summary_text(app).split())
        assert "note: " + COSTS in text, text[-2000:]
        assert "note: in the same fetch: " + V3 in text
        exported = json.loads(app.export("json").read_text(encoding="utf-8"))  # e j
        assert any(n.startswith(COSTS) for n in exported["input_notes"])
        assert COSTS in app.export("md").read_text(encoding="utf-8")  # e m

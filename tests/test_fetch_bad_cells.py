"""One rule for a bad cell in a fetched public sweep (newcomer7 problem 11: a score of 1.7 in one
row failed the whole `fetch arc`, while a bad cost was kept as unknown): a row that cannot be a
point (no set, no model, a score that is not a fraction in [0, 1]) is left out, a cost or stderr
that is not a number is read as unknown; each is a note naming the rows, carried by the dataset.
The fetch fails only on a file of the wrong structure or when nothing usable is left. A real HTTP
server on 127.0.0.1 serves the files, as in tests/test_fetch.py."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from scalescope.engine.fetched import fetched_catalog
from scalescope.engine.io import load

from .fetch_fixtures import EPOCH_TABLES, evaluations
from .test_hostile_cache import arc_files, cache, run, serve  # noqa: F401 (fixtures)

ROW = {"datasetId": "v2_Semi_Private", "modelId": "odd-model", "score": 0.05, "costPerTask": 1.0, "display": True}
FIRST = len(evaluations()) + 1  # the row number of the first row added to the fixture's
ID = "fetched-arc-agi-2-semi-private"


@pytest.mark.parametrize(
    ("score", "shown"), [(1.7, "1.7"), (7, "7"), (-0.1, "-0.1"), ("0.5", "'0.5'"), (None, "None"), (True, "True")]
)
def test_a_bad_score_leaves_its_row_out_with_a_note_not_the_fetch(capsys, serve, score, shown):  # noqa: F811
    base, files = serve
    arc_files(files, [{**ROW, "score": score}, {**ROW, "modelId": "fine-model", "score": 0.2}])
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 0, err
    line = f"1 row(s) left out, score not a fraction in [0, 1]: row {FIRST} 'odd-model' ({shown})"
    assert f"note: {ID}: {line}" in err
    ds = load(ID)
    assert "odd-model" not in set(ds.points["model"]) and "fine-model" in set(ds.points["model"])
    assert line in ds.notes  # carried: show, fit's notes and input_notes, the app
    assert len(ds.points) == 7  # the fixture's 6 points of this set (a duplicate kept once), and the good row
    code, out, err = run(capsys, "fit", ID, "--json")
    assert code == 0 and line in json.loads(out)["input_notes"]


def test_a_cost_that_is_not_a_number_is_unknown_not_a_failed_fetch(capsys, serve):  # noqa: F811
    base, files = serve
    arc_files(files, [{**ROW, "costPerTask": "abc"}, {**ROW, "modelId": "nan-model", "costPerTask": "nan"}])
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 0, err
    line = (
        "2 costPerTask value(s) not a number read as unknown (kept, left out of fits): "
        f"row {FIRST} 'odd-model' ('abc'), row {FIRST + 1} 'nan-model' ('nan')"
    )
    assert line in load(ID).notes
    pts = load(ID).points.to_pandas().set_index("model")
    assert pts.loc[["odd-model", "nan-model"], "compute"].isna().all()
    assert "costPerTask 'abc' is not a number (read as unknown)" in pts.loc["odd-model", "label"]


def test_a_row_without_a_set_or_a_model_is_left_out_with_a_note(capsys, serve):  # noqa: F811
    base, files = serve
    arc_files(files, [{**ROW, "modelId": None}, {**ROW, "datasetId": 5}])
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 0, err
    no_model = f"1 row(s) of evaluations.json left out, no modelId as text: row {FIRST} None (None)"
    no_set = (
        f"1 row(s) of evaluations.json left out, no datasetId (the ARC set) as text: row {FIRST + 1} 'odd-model' (5)"
    )
    assert no_model in load(ID).notes
    assert "in the same fetch: " + no_set in load(ID).notes  # no set to carry it: every dataset does


def test_nothing_usable_left_fails_in_one_line_and_writes_nothing(capsys, serve):  # noqa: F811
    base, files = serve
    files["/arc/evaluations.json"] = json.dumps([{**ROW, "score": 7}, {**ROW, "score": 1.7}]).encode()
    files["/arc/models.json"] = b"[]"
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 2 and err.count("\n") == 1, err
    assert "no ARC set with a usable row" in err and "score not a fraction in [0, 1]: row 1 'odd-model' (7)" in err
    assert fetched_catalog() == ((), ())


def test_the_wrong_structure_still_fails(capsys, serve):  # noqa: F811
    base, files = serve
    arc_files(files, [])
    files["/arc/evaluations.json"] = json.dumps({"rows": evaluations()}).encode()  # not a list of objects
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 2 and "expected a JSON list of objects" in err
    assert fetched_catalog() == ((), ())


def _zip(tables: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(name, text)
    return buffer.getvalue()


RUN = ",2026-10-01,Example Lab,United States,2026-10-21\n"


def test_epoch_one_bad_score_leaves_its_row_out_and_the_rest_read_as_fractions(capsys, serve):  # noqa: F811
    """Before, a score of 1.7 in Epoch's GPQA table made the reader take every score as a percent
    (77.27 % read as 0.77 %), and 'abc' made the fetched dataset unreadable (show: exit 2)."""
    base, files = serve
    tables = dict(EPOCH_TABLES)
    tables["gpqa_diamond.csv"] += "odd-model_high,1.7,0.02" + RUN
    tables["math_level_5.csv"] += "weird-model_high,abc,-1" + RUN + "ok-model_high,0.5,abc" + RUN
    files["/epoch/benchmark_data.zip"] = _zip(tables)
    code, out, err = run(capsys, "fetch", "epoch", "--from", f"{base}/epoch/")
    assert code == 0, err
    gpqa = load("fetched-epoch-gpqa-diamond")
    scores = dict(zip(gpqa.points["model"], gpqa.points["score"]))
    assert "odd-model_high" not in scores and scores["claude-3-7-sonnet-20250219_64K"] == pytest.approx(77.27)
    assert "1 row(s) left out, score not a fraction in [0, 1]: row 5 'odd-model_high' ('1.7')" in gpqa.notes
    code, out, err = run(capsys, "show", "fetched-epoch-math-level-5")
    assert code == 0, err
    assert "note: 1 row(s) left out, score not a fraction in [0, 1]: row 4 'weird-model_high' ('abc')" in out
    assert "note: 1 stderr value(s) not a number >= 0 read as unknown (the point kept): row 5 'ok-model_high'" in out
    math = load("fetched-epoch-math-level-5").points.to_pandas().set_index("model")
    assert math.loc["ok-model_high", "score"] == pytest.approx(50) and math["score_stderr"].isna().sum() == 1


def test_epoch_a_table_with_no_usable_row_is_left_out_and_none_at_all_fails(capsys, serve):  # noqa: F811
    base, files = serve
    header = EPOCH_TABLES["gpqa_diamond.csv"].splitlines()[0] + "\n"
    tables = {**EPOCH_TABLES, "gpqa_diamond.csv": header + "odd-model_high,1.7,0.02" + RUN}
    files["/epoch/benchmark_data.zip"] = _zip(tables)
    code, out, err = run(capsys, "fetch", "epoch", "--from", f"{base}/epoch/")
    assert code == 0, err
    assert {e.id for e in fetched_catalog()[0]} == {"fetched-epoch-math-level-5"}
    left = "in the same fetch: gpqa_diamond.csv left out: no usable row (1 row(s) left out, score not a fraction"
    assert any(n.startswith(left) for n in load("fetched-epoch-math-level-5").notes)
    only = {"gpqa_diamond.csv": header + "odd-model_high,1.7,0.02" + RUN}
    files["/epoch/benchmark_data.zip"] = _zip(only)
    code, out, err = run(capsys, "fetch", "epoch", "--from", f"{base}/epoch/")
    assert code == 2 and err.count("\n") == 1 and "with a usable row" in err and "'odd-model_high' ('1.7')" in err
    assert {e.id for e in fetched_catalog()[0]} == {"fetched-epoch-math-level-5"}  # the previous cache as it was

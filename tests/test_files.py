"""File access and limits (engine/files.py) and the readers' shape checks, file by file."""

from __future__ import annotations

import ast
import json
import os
import tracemalloc
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine import files
from scalescope.engine.errors import DataError
from scalescope.engine.fit import fit_trend, pow10
from scalescope.engine.io import load
from scalescope.engine.readers.persample import read_per_sample
from scalescope.engine.readers.table import read_table

from .conftest import ROOT
from .hostile.make_corpus import (
    WRONG_SHAPES,
    _mutated,
    bomb_deflate,
    bomb_zstd,
    eval_zip,
    inspect_header,
)

GOOD = "model,compute,score\na,10,20\nb,100,30\nc,1000,40\n"


def test_data_flows_one_way():
    """io -> readers -> files: no reader imports io, files imports no reader, and nothing below
    io opens files on its own (open(), Path.open/read_bytes/read_text)."""
    engine = ROOT / "engine"
    for path in [*sorted((engine / "readers").glob("*.py")), engine / "files.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                assert module not in ("..io", ".io") and not module.endswith("engine.io"), (path.name, module)
                if path.name == "files.py":
                    assert not module.startswith((".readers", "..readers")), module
            if isinstance(node, ast.Call) and path.name != "files.py":
                func = node.func
                builtin_open = isinstance(func, ast.Name) and func.id == "open"
                path_method = isinstance(func, ast.Attribute) and func.attr in ("open", "read_bytes", "read_text")
                assert not (builtin_open or path_method), (path.name, node.lineno)


@pytest.mark.parametrize("suffix", [".csv", ".eval", ".parquet", ".json", ".jsonl"])
def test_fifo_is_refused_without_blocking(tmp_path, suffix):
    fifo = tmp_path / f"x{suffix}"
    os.mkfifo(fifo)  # nobody ever writes to it: an open() without O_NONBLOCK would wait forever
    with pytest.raises(DataError, match="FIFO") as info:
        load(fifo)
    assert str(fifo) in str(info.value)
    if suffix == ".csv":
        with pytest.raises(DataError, match="FIFO"):
            read_per_sample(fifo)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_link_to_a_device_is_refused(tmp_path, target):
    link = tmp_path / "x.csv"
    link.symlink_to(target)
    with pytest.raises(DataError, match="character device"):
        load(link)


def test_links_loops_and_folders_named_like_files(tmp_path):
    (tmp_path / "real.txt").write_text(GOOD)
    (tmp_path / "good.csv").symlink_to(tmp_path / "real.txt")
    assert len(load(tmp_path / "good.csv").points) == 3  # a link to a regular file is fine
    (tmp_path / "loop.csv").symlink_to(tmp_path / "loop.csv")
    with pytest.raises(DataError, match="symlink loop"):
        load(tmp_path / "loop.csv")
    (tmp_path / "gone.csv").symlink_to(tmp_path / "missing.csv")
    with pytest.raises(DataError, match="target does not exist"):
        load(tmp_path / "gone.csv")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(DataError, match="no Inspect logs"):
        load(tmp_path / "dir.csv")


def test_folder_of_logs_skips_specials_and_bad_logs_by_name(tmp_path):
    (tmp_path / "a.eval").write_bytes(eval_zip(inspect_header(model="m/a", accuracy=0.4, tokens=1000)))
    (tmp_path / "b.json").write_text(json.dumps(inspect_header(model="m/b", accuracy=0.6, tokens=4000)))
    (tmp_path / "bad.eval").write_bytes(eval_zip([inspect_header()]))
    os.mkfifo(tmp_path / "fifo.eval")
    (tmp_path / "zero.eval").symlink_to("/dev/zero")
    (tmp_path / "dir.eval").mkdir()
    ds = load(tmp_path)
    assert sorted(ds.points["series"]) == ["m/a", "m/b"]
    assert sorted(ds.points["score"]) == [40.0, 60.0]
    notes = " | ".join(ds.notes)
    for name, why in (("fifo.eval", "FIFO"), ("zero.eval", "character device"), ("dir.eval", "directory")):
        assert f"{tmp_path / name}: {why}" in notes or f"{tmp_path / name}: a {why}" in notes, notes
    assert f"{tmp_path / 'bad.eval'}: header.json should be a JSON object, got a list" in notes


def test_folder_of_only_specials(tmp_path):
    os.mkfifo(tmp_path / "x.eval")
    with pytest.raises(DataError, match="no Inspect logs .*FIFO"):
        load(tmp_path)


# ------------------------------------------------------------------------------------ zip members


@pytest.mark.parametrize("make", [bomb_deflate, bomb_zstd], ids=["deflate", "zstd"])
@pytest.mark.parametrize("lying", [False, True], ids=["honest", "lying-size"])
def test_zip_bomb_is_cut_off_at_the_limit(tmp_path, make, lying):
    size = 64 * 1024**2
    path = tmp_path / "bomb.eval"
    path.write_bytes(make(size, declared=100 if lying else None))
    assert path.stat().st_size < 100_000
    cap = 2 * 1024**2
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="MAX_MEMBER_BYTES") as info:
            files.zip_member(path, "header.json", max_bytes=cap)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(path) in str(info.value)
    assert peak < 3 * cap + 4 * 1024**2  # the limit plus one chunk of output, not 64 MiB


@pytest.mark.parametrize("make", [bomb_deflate, bomb_zstd], ids=["deflate", "zstd"])
def test_zip_member_under_the_limit_is_exact(tmp_path, make):
    path = tmp_path / "small.eval"
    path.write_bytes(make(1024**2))
    data = files.zip_member(path, "header.json")
    assert data == b'{"status": "success", "eval": {"model": "m", "task": "t"}, "pad": "' + b" " * 1024**2 + b'"}'
    import zipfile_zstd  # noqa: F401  (zipfile itself agrees, CRC included)

    with zipfile.ZipFile(path) as archive:
        assert archive.read("header.json") == data


def test_zip_member_detects_damage(tmp_path):
    good = eval_zip(inspect_header())
    start = good.index(b"header.json") + len(b"header.json")
    damaged = bytearray(good)
    damaged[start + 5] ^= 0xFF
    path = tmp_path / "x.eval"
    path.write_bytes(bytes(damaged))
    with pytest.raises(DataError, match="not a readable .eval file"):
        files.zip_member(path, "header.json")


def test_eval_bomb_through_load(tmp_path):
    path = tmp_path / "bomb.eval"
    path.write_bytes(bomb_zstd(files.MAX_MEMBER_BYTES + 1024**2))
    with pytest.raises(DataError, match="decompresses to more than 64.0 MiB"):
        load(path)


# ------------------------------------------------------------------------------------ JSON


def _depth(value) -> int:
    if isinstance(value, (list, dict)):
        children = value if isinstance(value, list) else list(value.values())
        return 1 + max((_depth(v) for v in children), default=0)
    return 0


SMALL_DEPTH = 6
_strings = st.text(alphabet='[]{}"\\ab\n', max_size=6)
_trees = st.recursive(
    st.none() | _strings | st.integers(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_strings, inner, max_size=3),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(_trees)
def test_json_depth_scan_agrees_with_the_parsed_depth(value):
    text = json.dumps(value)
    old = files.MAX_JSON_DEPTH
    files.MAX_JSON_DEPTH = SMALL_DEPTH
    try:
        error = files.json_depth_error(text, "x.json")
    finally:
        files.MAX_JSON_DEPTH = old
    assert (error is not None) == (_depth(value) > SMALL_DEPTH)


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000, "[" * 100_000],
    ids=["list", "object", "unclosed"],
)
def test_deep_json_is_refused_before_parsing(tmp_path, text):
    path = tmp_path / "deep.json"
    path.write_text(text)
    with pytest.raises(DataError, match="nested more than 100 levels deep") as info:
        load(path)
    assert str(path) in str(info.value)


def test_deep_jsonl_names_the_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"model": "a", "compute": 10, "score": 20}\n' + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(DataError, match="row 2: JSON nested more than"):
        load(path)


def test_json_duplicate_keys_and_huge_integers(tmp_path):
    dup = tmp_path / "dup.json"
    dup.write_text('[{"model": "a", "compute": 10, "score": 20, "score": 90}]')
    with pytest.raises(DataError, match="key 'score' appears twice"):
        load(dup)
    big = tmp_path / "big.json"
    big.write_text('[{"model": "a", "compute": 10, "score": ' + "9" * 5000 + "}]")
    with pytest.raises(DataError, match="integer with 5,000 digits") as info:
        load(big)
    assert str(big) in str(info.value)


# ------------------------------------------------------------------------------------ Inspect shapes


EXPECTED_PATHS = {
    "header_list": "header.json should be a JSON object, got a list",
    "header_string": "header.json should be a JSON object, got a string",
    "scores_dict": "results.scores should be a list, got an object",
    "scores_strings": "results.scores[0] should be an object, got a string",
    "eval_string": "eval should be an object, got a string",
    "metrics_list": "results.scores[0].metrics should be an object, got a list",
    "model_list": "eval.model should be a string, got a list",
    "accuracy_high": "results.scores[0].metrics.accuracy.value should be a number, got a string 'high'",
    "header_null": "header.json should be a JSON object, got null",
    "completed_forty": "results.completed_samples should be a number, got a string 'forty'",
    "usage_list": "stats.model_usage should be an object, got a list",
    "tokens_string": "stats.model_usage['m/a'].output_tokens should be a number, got a string 'many'",
}


@pytest.mark.parametrize("case", sorted(WRONG_SHAPES))
@pytest.mark.parametrize("suffix", [".eval", ".json"])
def test_inspect_header_of_the_wrong_shape(tmp_path, case, suffix):
    header = _mutated(WRONG_SHAPES[case])
    path = tmp_path / f"log{suffix}"
    if suffix == ".eval":
        path.write_bytes(eval_zip(header))
    else:
        path.write_text(json.dumps(header))
    try:
        ds = load(path)
    except DataError as exc:
        message = str(exc)
        assert message.startswith(str(path)), message
        assert "\n" not in message
        if case in EXPECTED_PATHS and (suffix == ".eval" or not case.startswith("header_")):
            assert EXPECTED_PATHS[case] in message, message
    else:  # total_samples is not needed when completed_samples is there; what is read is right
        assert case == "total_forty", case
        assert list(ds.points["score"]) == [50.0] and list(ds.points["compute"]) == [400.0]


def test_one_bad_log_in_a_folder_does_not_stop_the_rest(tmp_path):
    for i, (name, change) in enumerate(sorted(WRONG_SHAPES.items())):
        (tmp_path / f"bad_{name}.eval").write_bytes(eval_zip(_mutated(change)))
        if i > 5:
            break
    (tmp_path / "good.eval").write_bytes(eval_zip(inspect_header(model="m/good", accuracy=0.25)))
    ds = load(tmp_path)
    assert list(ds.points["series"]) == ["m/good"] and ds.points["score"][0] == 25.0
    assert sum(note.startswith("skipped: ") for note in ds.notes) == 7


# ------------------------------------------------------------------------------------ tables


def test_points_table_limits(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("model,compute,score\n" + "".join(f"m{i},{i + 1},5\n" for i in range(11)))
    with pytest.raises(DataError, match="more than 10 rows .MAX_POINT_ROWS"):
        read_table(rows, max_rows=10)
    assert len(read_table(rows, max_rows=11)[0]) == 11
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(files.MAX_COLUMNS + 1)) + "\n")
    with pytest.raises(DataError, match="1,001 columns; the limit is 1,000 .MAX_COLUMNS"):
        load(wide)
    line = tmp_path / "line.csv"
    line.write_text("model" + "x" * (files.MAX_HEADER_BYTES + 10))
    with pytest.raises(DataError, match="MAX_HEADER_BYTES"):
        load(line)


def test_whole_file_reads_are_bounded(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_text(GOOD + "".join(f"m{i},{i + 1},5\n" for i in range(1000)))
    assert len(files.read_bytes(path)) == path.stat().st_size
    with pytest.raises(DataError, match="limit"):
        files.read_bytes(path, max_bytes=1000)


def test_two_columns_for_one_field(tmp_path):
    cases = {
        "model,tokens,cost,score\na,1000,0.5,20\nb,10000,5,30\n": (
            "'tokens' and 'cost' both give compute",
            "compute=tokens",
        ),
        "model,model_version,compute,score\na,a1,10,20\nb,b1,100,30\n": ("'model' and 'model_version'", "model=model"),
        "model,compute,score,score\na,10,20,90\nb,100,30,80\n": ("column 'score' appears twice", None),
        "model,compute,score,accuracy\na,10,20,0.9\nb,100,30,0.8\n": (
            "'score' and 'accuracy' both give score",
            "score=score",
        ),
    }
    for i, (text, (words, choice)) in enumerate(cases.items()):
        path = tmp_path / f"dup{i}.csv"
        path.write_text(text)
        with pytest.raises(DataError, match=words.replace("(", r"\(")):
            load(path)
        if choice:
            canonical, header = choice.split("=")
            ds = load(path, columns={canonical: header})
            assert len(ds.points) == 2


def test_fraction_scores_get_a_note_and_a_way_to_read_them(tmp_path):
    path = tmp_path / "frac.csv"
    path.write_text("model,compute,score\na,10,0.31\nb,100,0.72\n")
    ds = load(path)
    assert list(ds.points["score"]) == [0.31, 0.72]  # read as given
    assert any("--columns score_fraction=score" in note for note in ds.notes)
    as_fraction = load(path, columns={"score_fraction": "score", "model": "model", "compute": "compute"})
    assert list(as_fraction.points["score"]) == [31.0, 72.0]
    assert not any("score_fraction" in note for note in as_fraction.notes)
    percent = tmp_path / "pct.csv"
    percent.write_text("model,compute,score\na,10,31\nb,100,0.72\n")
    assert not any("between 0 and 1" in note for note in load(percent).notes)


# ------------------------------------------------------------------------------------ numbers


def test_pow10_never_raises():
    assert pow10(2.0) == 100.0 and pow10(400.0) == float("inf") and pow10(-400.0) == 0.0
    assert np.allclose(pow10(np.array([0.0, 1.5])), [1.0, 10**1.5])


def test_nearly_flat_series_has_a_defined_answer(tmp_path):
    path = tmp_path / "flat.csv"
    path.write_text("model,series,compute,score\na,S,10,50\nb,S,100,50\nc,S,1000,50.000000001\n")
    ds = load(path)
    fit = fit_trend(ds.points["compute"], ds.points["score"])
    cost = fit.multiple_for_gain(10.0)
    b = fit.params[1]
    assert b > 0 and cost == (10 ** (10 / b) if 10 / b < 308 else float("inf"))


@pytest.mark.parametrize("value", ["5e-324", "1e-300", "1.7e308", "1e101"])
def test_compute_outside_the_working_range_is_refused(tmp_path, value):
    path = tmp_path / "x.csv"
    path.write_text(f"model,compute,score\na,{value},20\nb,10,30\n")
    with pytest.raises(DataError, match="outside the range scalescope works in") as info:
        load(path)
    assert "row 2" in str(info.value) and "column 'compute'" in str(info.value)


@pytest.mark.parametrize("n", ["1000000000000000000", "1e15", "1e308"])
def test_absurd_sample_counts_are_refused_without_allocating(tmp_path, n):
    path = tmp_path / "counts.csv"
    path.write_text(f"problem,n,c\nq1,{n},5\nq2,10,3\n")
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="MAX_SAMPLES_PER_PROBLEM") as info:
            read_per_sample(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "row 2" in str(info.value) and peak < 50 * 1024**2


def test_stderr_and_n_bounds(tmp_path):
    path = tmp_path / "se.csv"
    path.write_text("model,compute,score,score_stderr\na,10,20,1e308\n")
    with pytest.raises(DataError, match="more than the whole 0-100 scale"):
        load(path)
    path.write_text("model,compute,score,n\na,10,20,1e300\n")
    with pytest.raises(DataError, match="n must be a whole number from 1 to"):
        load(path)


def test_bad_utf8_and_bom(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert len(load(path).points) == 3
    path.write_bytes(b"model,compute,score\na\xff,10,20\n")
    with pytest.raises(DataError, match="not UTF-8 .* row 2|row 2: not UTF-8"):
        load(path)


def test_open_regular_rechecks_after_open(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(GOOD)
    with files.open_regular(path) as handle:
        assert handle.read() == GOOD.encode()
        assert os.get_blocking(handle.fileno())  # O_NONBLOCK was only for the open

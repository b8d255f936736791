"""The cache itself (issue #20 item 13): a fetch validates before it writes, the cache is read as
input (a tampered catalog.json is a note, not a crash), and one bad dataset never blocks the
rest (`list` still lists bundled data; every other command still works). A real HTTP server on
127.0.0.1 serves the files, as in tests/test_fetch.py."""

from __future__ import annotations

import http.server
import json
import signal
import subprocess
import sys
import threading

import pytest

from scalescope.engine.fetched import fetched_catalog
from scalescope.engine.io import load
from scalescope.tui.cli import main

from .conftest import ROOT
from .fetch_fixtures import evaluations, models


@pytest.fixture
def serve():
    """Serve a mapping {path: bytes}; returns (base URL, the mapping to fill)."""
    files: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", files
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    yield tmp_path / "xdg-cache" / "scalescope"
    signal.signal(signal.SIGPIPE, previous)


def run(capsys, *argv):
    try:
        code = main(list(argv))
    finally:
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    out, err = capsys.readouterr()
    return code, out, err


def arc_files(files: dict, rows: list[dict]) -> None:
    files["/arc/evaluations.json"] = json.dumps(evaluations() + rows).encode()
    files["/arc/models.json"] = json.dumps(models()).encode()


BAD_ROWS = [
    ("zero cost", {"costPerTask": 0}),
    ("negative cost", {"costPerTask": -1.5}),
    ("cost 1e400", {"costPerTask": 1e400}),  # json.dumps writes Infinity
    ("cost as text 1e400", {"costPerTask": "1e400"}),
    ("cost as text 'abc'", {"costPerTask": "abc"}),  # was a failed fetch; now unknown, as the others
    ("10k-character model id", {"modelId": "m" * 10_000}),
    ("score 7 (700 %)", {"score": 7}),  # was a failed fetch; now its row is left out (tests/test_fetch_bad_cells.py)
]


def test_a_fetch_with_an_impossible_score_leaves_that_row_out_in_one_note(capsys, serve, cache):
    """The rule for a bad cell in a fetched sweep (README "Fresh data"): the row is left out and
    named, the rest is fetched; only a fetch with nothing usable left fails (and writes nothing:
    tests/test_fetch_bad_cells.py)."""
    base, files = serve
    row = {"datasetId": "v2_Semi_Private", "modelId": "odd-model", "score": 7, "costPerTask": 1.0}  # 700 %
    arc_files(files, [row])
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 0, err
    assert [line for line in err.splitlines() if "score" in line] == [
        f"note: fetched-arc-agi-2-semi-private: 1 row(s) left out, score not a fraction in [0, 1]: "
        f"row {len(evaluations()) + 1} 'odd-model' (7)"
    ]
    assert "odd-model" not in set(load("fetched-arc-agi-2-semi-private").points["model"])
    assert run(capsys, "list")[0] == 0


@pytest.mark.parametrize(("what", "change"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_a_fetch_with_a_bad_row_writes_a_cache_everything_reads(capsys, serve, what, change):
    base, files = serve
    row = {"datasetId": "v2_Semi_Private", "modelId": "odd-model", "score": 0.05, "costPerTask": 1.0, "display": True}
    arc_files(files, [{**row, **change}])
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 0, err
    assert "fetched-arc-agi-2-semi-private" in out
    code, out, err = run(capsys, "list")
    assert code == 0, err
    assert "math-level-5" in out and "fetched-arc-agi-2-semi-private" in out
    assert "cannot be read" not in err
    ds = load("fetched-arc-agi-2-semi-private")  # reads back: validated before it was written
    assert len(ds.points) > 0
    fetched_models = set(ds.points["model"])
    if "cost" in what:  # kept, with its cost unknown (left out of fits), and said so
        assert "odd-model" in fetched_models
        i = list(ds.points["model"]).index("odd-model")
        assert ds.points["compute"][i] != ds.points["compute"][i]  # NaN
    else:
        assert not fetched_models & {"odd-model", "m" * 10_000}
    code, out, err = run(capsys, "show", "fetched-arc-agi-2-semi-private")
    assert code == 0, err


def _tamper(cache, change) -> None:
    source = cache / "fetched" / "arc"
    snapshot = source / (source / "current").read_text().strip()
    path = snapshot / "catalog.json"
    meta = json.loads(path.read_text())
    text = change(meta)
    path.write_text(text if isinstance(text, str) else json.dumps(meta))


TAMPERED = [
    ("id is a number", lambda m: m["datasets"][0].update(id=5)),
    (
        "n_questions 1e400",
        # the first set's n_questions (fetch now writes one for every set, as the bundled catalog has)
        lambda m: json.dumps(m["datasets"][0].update(n_questions="1e400") or m).replace('"1e400"', "1e400", 1),
    ),
    ("nested 100k deep", lambda m: "[" * 100_000 + "]" * 100_000),
    ("datasets not a list", lambda m: m.update(datasets={"a": 1})),
    ("file outside the snapshot", lambda m: m["datasets"][0].update(file="../../../../etc/passwd")),
    ("not JSON", lambda m: "{"),
    ("floor is text", lambda m: m["datasets"][0].update(floor="low")),
]


@pytest.mark.parametrize(("what", "change"), TAMPERED, ids=[t[0] for t in TAMPERED])
def test_a_tampered_cache_catalog_never_blocks_the_rest(capsys, serve, cache, what, change):
    base, files = serve
    arc_files(files, [])
    assert run(capsys, "fetch", "arc", "--from", f"{base}/arc/")[0] == 0
    _tamper(cache, change)
    entries, problems = fetched_catalog()  # never an exception
    assert problems, what
    code, out, err = run(capsys, "list")
    assert code == 0, err
    assert "math-level-5" in out and "arc-agi-1-semi-private" in out
    assert "Traceback" not in err and all(line.startswith("note: ") for line in err.splitlines())
    for command in (["fit", "math-level-5"], ["show", "gpqa-diamond"], ["list", "--json"]):
        assert run(capsys, *command)[0] == 0
    if what in ("id is a number", "n_questions 1e400", "floor is text", "file outside the snapshot"):
        assert len(entries) >= 1  # the other sets of the snapshot are still there


def test_a_damaged_cached_table_is_listed_as_unreadable(capsys, serve, cache):
    base, files = serve
    arc_files(files, [])
    assert run(capsys, "fetch", "arc", "--from", f"{base}/arc/")[0] == 0
    source = cache / "fetched" / "arc"
    snapshot = source / (source / "current").read_text().strip()
    table = snapshot / "points" / "fetched-arc-agi-2-semi-private.csv"
    table.write_text(table.read_text().replace(",0.2343,", ",0,", 1))  # a cost of 0 written by hand
    code, out, err = run(capsys, "list")
    assert code == 0
    assert "fetched-arc-agi-2-semi-private" in out and "math-level-5" in out
    assert "fetched-arc-agi-2-semi-private: cannot be read" in err and "compute must be > 0" in err
    data = json.loads(run(capsys, "list", "--json")[1])
    bad = next(e for e in data if e["id"] == "fetched-arc-agi-2-semi-private")
    assert bad["points"] is None and "compute must be > 0" in bad["cannot_read"]  # why, in JSON too
    assert all(e["cannot_read"] is None for e in data if e["id"] != bad["id"])
    code, _, err = run(capsys, "show", "fetched-arc-agi-2-semi-private")
    assert code == 2 and err.count("\n") == 1


@pytest.mark.slow
def test_the_app_opens_despite_a_damaged_cache(serve, cache, tmp_path):
    """The app at start-up with a tampered catalog and an unreadable cached table: it starts,
    shows the bundled data, and opening the bad dataset is a notice (headless driver, keys q)."""
    base, files = serve
    arc_files(files, [])
    env = {"XDG_CACHE_HOME": str(cache.parent)}
    fetch = subprocess.run(
        [sys.executable, "-m", "scalescope", "fetch", "arc", "--from", f"{base}/arc/"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, **env},
        timeout=120,
    )
    assert fetch.returncode == 0, fetch.stderr
    source = cache / "fetched" / "arc"
    snapshot = source / (source / "current").read_text().strip()
    table = snapshot / "points" / "fetched-arc-agi-2-semi-private.csv"
    table.write_text(table.read_text().replace(",0.2343,", ",0,", 1))
    import os

    environ = {**os.environ, **env, "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
    for argv in (["fetched-arc-agi-2-semi-private"], []):
        proc = subprocess.run(
            [sys.executable, "-m", "scalescope", *argv],
            capture_output=True,
            text=True,
            env={**environ, "TEXTUAL_PRESS": "q"},
            cwd=ROOT,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested more than"),
        (
            b'[{"datasetId": "v1_Semi_Private", "modelId": "m", "score": 0.5, "costPerTask": 1' + b"0" * 400 + b"}]",
            "digits",
        ),
    ],
    ids=["nested 100k deep", "400-digit cost"],
)
def test_a_hostile_leaderboard_file_is_one_line(capsys, serve, body, words):
    base, files = serve
    arc_files(files, [])
    files["/arc/evaluations.json"] = body
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{base}/arc/")
    assert code == 2 and err.count("\n") == 1 and words in err, err
    assert fetched_catalog() == ((), ())


def test_what_a_killed_fetch_left_is_removed_by_the_next(capsys, serve, cache):
    """kill -9 during a fetch leaves its staging folder (with .part files); the next fetch removes
    it (its process is gone) and leaves nothing behind."""
    import os
    import time

    base, files = serve
    arc_files(files, [])
    code = (
        "import os, sys, time\n"
        "from scalescope.engine import fetch as f\n"
        "real = f.download\n"
        "def slow(url, dest, **kw):\n"
        "    dest.parent.mkdir(parents=True, exist_ok=True)\n"
        "    (dest.parent / ('.' + dest.name + '.x.part')).write_bytes(b'half')\n"
        "    print('ready', flush=True); time.sleep(600)\n"
        "f.download = slow\n"
        "f.fetch('arc', sys.argv[1])\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    proc = subprocess.Popen([sys.executable, "-c", code, f"{base}/arc/"], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        root = cache / "fetched" / "arc"
        assert [p.name for p in root.iterdir() if p.name.startswith(".staging-")]  # left by the fetch in progress
        proc.kill()  # kill -9
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    time.sleep(0.1)
    assert run(capsys, "fetch", "arc", "--from", f"{base}/arc/")[0] == 0
    left = [p.name for p in root.rglob("*") if p.name.startswith(".") and p.name != "current"]
    assert left == [], left

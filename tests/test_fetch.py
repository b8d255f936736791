"""`scalescope fetch` against a local HTTP server (127.0.0.1, random port): never the internet.

The server serves the fixture files (tests/fetch_fixtures.py) under /good/ and /bad/, and the
same files misbehaving under /truncated/ (Content-Length larger than the body), /slow/ (no answer
before the client's timeout) and /missing/ (404). Every failure must give one line on stderr and
exit code 2, and leave the cache as it was: no partial file, the previous snapshot untouched.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import signal
import socket
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scalescope.engine.catalog import dataset_ids, load_bundled
from scalescope.engine.fetched import PREFIX, cache_dir, fetched_catalog
from scalescope.engine.io import load
from scalescope.engine.readers.epoch import NO_TOKENS
from scalescope.tui.cli import main

from .conftest import RAW, ROOT
from .fetch_fixtures import BUNDLED_COPIES, NEW_MODEL, NEW_SCORES, write_fixtures


class _Handler(http.server.BaseHTTPRequestHandler):
    root: Path
    release: threading.Event

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        mode, _, rest = self.path.lstrip("/").partition("/")
        source = "bad" if mode == "bad" else "good"
        path = self.root / source / rest
        if mode == "missing" or not path.is_file():
            self.send_error(404, "Not Found")
            return
        body = path.read_bytes()
        if mode == "slow":
            self.release.wait(10)  # longer than the client's timeout; released at teardown
        self.send_response(200)
        self.send_header("Content-Length", str(len(body) + (1000 if mode == "truncated" else 0)))
        self.end_headers()
        self.wfile.write(body)
        if mode == "truncated":
            self.close_connection = True


@pytest.fixture
def server(tmp_path):
    root = write_fixtures(tmp_path / "served")
    release = threading.Event()
    handler = type("Handler", (_Handler,), {"root": root, "release": release})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path / "xdg-cache" / "scalescope"


@pytest.fixture(autouse=True)
def ignore_sigpipe():
    """`list`/`show` restore the default SIGPIPE (quiet `| head`); in this process it would let a test
    server's write to a socket the client closed kill pytest. Python's own default is to ignore it."""
    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    yield
    signal.signal(signal.SIGPIPE, previous)


def run(capsys, *argv):
    try:
        code = main(list(argv))
    finally:
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    out, err = capsys.readouterr()
    return code, out, err


def snapshot_state(cache: Path) -> dict[str, str]:
    """Every file under the cache with a hash of its bytes."""
    if not cache.exists():
        return {}
    return {
        str(p.relative_to(cache)): hashlib.sha256(p.read_bytes()).hexdigest() for p in cache.rglob("*") if p.is_file()
    }


def leftovers(cache: Path) -> list[str]:
    return [str(p) for p in cache.rglob("*") if p.name.startswith(".") or p.suffix == ".part"] if cache.exists() else []


# ---- ARC ------------------------------------------------------------------------------------


def test_cache_dir_respects_xdg_cache_home(cache):
    assert cache_dir() == cache


def test_fetch_arc_makes_one_dataset_per_set_with_the_new_model(capsys, server, cache):
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{server}/good/arc/")
    assert code == 0, err
    assert "fetched-arc-agi-2-semi-private" in out and "fetched-arc-agi-1-semi-private" in out
    assert "v3_Semi_Private: 1 row(s) give a total cost" in err  # left out, and said so
    entries, problems = fetched_catalog()
    assert problems == ()
    assert {e.id for e in entries} == {
        "fetched-arc-agi-1-semi-private",
        "fetched-arc-agi-2-semi-private",
        "fetched-arc-agi-2-public-eval",
    }
    ds = load("fetched-arc-agi-2-semi-private")
    pts = ds.points.to_pandas().set_index("model")
    for (arc_set, effort), (score, cost) in NEW_SCORES.items():
        if arc_set != "v2_Semi_Private":
            continue
        row = pts.loc[f"{NEW_MODEL}-{effort}"]
        assert row["score"] == pytest.approx(score * 100) and row["compute"] == pytest.approx(cost)
        assert row["series"] == NEW_MODEL  # efforts grouped into one series, as bundled
    assert list(ds.points["model"]).count(f"{NEW_MODEL}-high") == 1  # the duplicate row kept once
    assert pd.isna(pts.loc["mystery-system", "compute"])  # "-" cost: kept, compute unknown
    assert ds.origin.startswith("fetched ") and ds.x.kind == "usd"
    assert server in ds.provenance and server in pts.loc[f"{NEW_MODEL}-low", "source"]
    assert NEW_MODEL not in set(load_bundled("arc-agi-2-semi-private").points["model"])


def test_fetched_arc_rows_match_the_bundled_build_for_the_same_source_rows(capsys, server):
    assert run(capsys, "fetch", "arc", "--from", f"{server}/good/arc")[0] == 0  # no trailing slash is fine
    for arc_set, key in (("v1_Semi_Private", "arc-agi-1-semi-private"), ("v2_Semi_Private", "arc-agi-2-semi-private")):
        models = [m for d, m, *_ in BUNDLED_COPIES if d == arc_set]
        fetched = load(PREFIX + key).points.to_pandas().set_index("model").loc[models]
        bundled = load_bundled(key).points.to_pandas().set_index("model").loc[models]
        columns = ["benchmark", "series", "role", "compute", "score", "label"]
        pd.testing.assert_frame_equal(fetched[columns], bundled[columns])
    raw = pd.read_csv(RAW / "arc_agi_score_vs_cost.csv")  # and the copies are true to the source
    for arc_set, model, score, cost, _ in BUNDLED_COPIES:
        row = raw[(raw["dataset"] == arc_set) & (raw["model"] == model)].iloc[0]
        assert row["score_pct"] == pytest.approx(score * 100) and row["cost_per_task_usd"] == pytest.approx(cost)


def test_fetched_arc_carries_the_bundled_question_count_title_and_intervals(capsys, server):
    """newcomer7 problem 4: the fetched copy of the same ARC-AGI-1 numbers lost the set's 100 tasks, so
    its slope interval came from the residuals alone (t(1): [-62.01, 146.87]) where the bundled one is
    binomial from n = 100 ([-152.12, 236.98]), and its title lost '(100 tasks)'."""
    assert run(capsys, "fetch", "arc", "--from", f"{server}/good/arc/")[0] == 0
    for key in ("arc-agi-1-semi-private", "arc-agi-2-semi-private"):
        fetched, bundled = load(PREFIX + key), load_bundled(key)
        assert fetched.n_questions == bundled.n_questions
        assert fetched.title.startswith(bundled.title.split(":")[0] + ":")  # 'ARC-AGI-1 semi-private (100 tasks):'
    assert load(PREFIX + "arc-agi-1-semi-private").n_questions == 100
    fits = {}
    for dataset_id in (PREFIX + "arc-agi-1-semi-private", "arc-agi-1-semi-private"):
        code, out, err = run(capsys, "fit", dataset_id, "--series", "o3-2025-04-16", "--json")
        assert code == 0, err
        fits[dataset_id] = json.loads(out)["fits"]["o3-2025-04-16"]
    fetched, bundled = fits[PREFIX + "arc-agi-1-semi-private"], fits["arc-agi-1-semi-private"]
    assert fetched["slope_per_decade"] == pytest.approx(bundled["slope_per_decade"], rel=1e-12)
    assert fetched["slope_ci"]["ci"] == pytest.approx(bundled["slope_ci"]["ci"], rel=1e-12)
    assert fetched["slope_ci"]["method"] == bundled["slope_ci"]["method"]
    assert "binomial" in bundled["slope_ci"]["method"]
    assert bundled["slope_ci"]["ci"] == pytest.approx([-152.12, 236.98], abs=0.01)  # the newcomer's figures


def test_bundled_arc_catalog_states_the_set_sizes_fetch_uses():
    """One table of ARC set sizes (engine.arc.ARC_SET_TASKS): the bundled catalog's n_questions and
    titles agree with it, so a fetched set gets what the bundled one has."""
    from scalescope.engine.arc import ARC_SETS, set_tasks, set_title

    for key, arc_set in ARC_SETS.items():
        ds = load_bundled(key)
        assert ds.n_questions == set_tasks(arc_set), key
        assert ds.title.startswith(set_title(arc_set) + ":"), (ds.title, set_title(arc_set))


def test_build_py_reads_the_set_sizes_from_the_one_table(monkeypatch):
    """data/build.py takes the semi-private set's 100 tasks from engine.arc.ARC_SET_TASKS (the
    essay dataset's binomial n and the blog's cost per task), not a number of its own: with the
    table changed, what it builds changes. ARC-AGI-2's sets state no size (data/raw/SOURCES.md),
    so they have none."""
    import runpy

    from scalescope.engine import arc

    assert load_bundled("arc-agi-1-o1-o3").n_questions == arc.set_tasks("v1_Semi_Private") == 100
    assert [arc.set_tasks(s) for s in ("v2_Semi_Private", "v2_Public_Eval", "v2_Private_Eval")] == [None] * 3
    monkeypatch.setitem(arc.ARC_SET_TASKS, "v1_Semi_Private", 50)
    build = runpy.run_path(str(ROOT / "data" / "build.py"))
    assert set(build["arc_essay_points"]()["n"].dropna()) == {50.0}
    assert "the blog's $40.24 a task" in build["o3_pricing"]()[2]  # $2,012 / 50


def test_list_and_show_give_origin_and_date(capsys, server):
    run(capsys, "fetch", "arc", "--from", f"{server}/good/arc/")
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["arc-agi-2-semi-private"]["origin"] == "bundled" and rows["arc-agi-2-semi-private"]["date"] is None
    fetched = rows["fetched-arc-agi-2-semi-private"]
    assert fetched["origin"] == "fetched" and len(fetched["date"]) == 10
    assert fetched["source_url"] == f"{server}/good/arc/"
    code, out, _ = run(capsys, "list")
    line = next(x for x in out.splitlines() if "fetched-arc-agi-2-semi-private" in x)
    assert f"fetched {fetched['date']}" in line
    assert "bundled" in next(x for x in out.splitlines() if x.strip().startswith("arc-agi-2-semi-private"))
    code, out, _ = run(capsys, "show", "fetched-arc-agi-2-semi-private")
    assert code == 0 and f"{NEW_MODEL}-high" in out and f"origin: fetched {fetched['date']}" in out
    code, out, _ = run(capsys, "fit", "fetched-arc-agi-2-semi-private", "--series", NEW_MODEL, "--json")
    assert code == 0 and json.loads(out)["fits"][NEW_MODEL]


def test_fetched_ids_never_collide_with_bundled_ones(capsys, server):
    run(capsys, "fetch", "arc", "--from", f"{server}/good/arc/")
    fetched = [e.id for e in fetched_catalog()[0]]
    assert fetched and all(i.startswith(PREFIX) for i in fetched)
    assert not any(i.startswith(PREFIX) for i in dataset_ids())
    assert load("arc-agi-2-semi-private").origin == "bundled"  # the bundled one is still the bundled one


# ---- Epoch ----------------------------------------------------------------------------------


def test_fetch_epoch_goes_through_the_epoch_reader(capsys, server, write):
    code, out, err = run(capsys, "fetch", "epoch", "--from", f"{server}/good/epoch/", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert any("1 republished (*_external.csv) table(s) left out" in n for n in result["notes"])
    assert {d["id"]: d["points"] for d in result["datasets"]}["fetched-epoch-gpqa-diamond"] == 3
    ids = {e.id for e in fetched_catalog()[0]}
    assert ids == {"fetched-epoch-gpqa-diamond", "fetched-epoch-math-level-5"}
    ds = load("fetched-epoch-gpqa-diamond")
    assert ds.title.startswith("GPQA diamond (Epoch AI")  # name from benchmark_metadata.csv
    assert np.isnan(ds.points["compute"]).all() and NO_TOKENS in ds.notes  # says where tokens must come from
    assert ds.points.to_pandas().set_index("model").loc[f"{NEW_MODEL}_high", "score"] == pytest.approx(88.1)
    assert ds.points.to_pandas().set_index("model").loc[f"{NEW_MODEL}_high", "series"] == NEW_MODEL
    tokens = write("tokens.csv", f"model,tokens\nclaude-3-7-sonnet-20250219_64K,5200\n{NEW_MODEL}_high,9000\n")
    joined = load("fetched-epoch-gpqa-diamond", tokens=tokens).points.to_pandas().set_index("model")["compute"]
    assert joined[f"{NEW_MODEL}_high"] == 9000 and pd.isna(joined["claude-3-7-sonnet-20250219"])
    code, out, _ = run(capsys, "show", "fetched-epoch-gpqa-diamond", "--tokens", str(tokens), "--json")
    assert code == 0 and "tokens per question from" in json.loads(out)["provenance"]


# ---- failures: one line, exit 2, cache as it was ---------------------------------------------


FAILURES = [
    ("truncated", [], "truncated download"),
    ("missing", [], "HTTP 404"),
    ("slow", ["--timeout", "0.3"], "timed out"),
    ("bad", [], "evaluations.json: invalid JSON"),
    ("good", ["--max-mb", "0.0001"], "over the size cap"),
]


@pytest.mark.parametrize("mode, extra, message", FAILURES, ids=[f[0] for f in FAILURES])
def test_failures_leave_the_previous_cache_untouched(capsys, server, cache, mode, extra, message):
    assert run(capsys, "fetch", "arc", "--from", f"{server}/good/arc/")[0] == 0
    before = snapshot_state(cache)
    code, out, err = run(capsys, "fetch", "arc", "--from", f"{server}/{mode}/arc/", *extra)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("scalescope: ") and message in err, err
    assert snapshot_state(cache) == before
    assert leftovers(cache) == []
    assert NEW_MODEL in set(load("fetched-arc-agi-2-semi-private").points["series"])


@pytest.mark.parametrize("mode, extra, message", FAILURES, ids=[f[0] for f in FAILURES])
def test_failures_on_an_empty_cache_leave_nothing_to_read(capsys, server, cache, mode, extra, message):
    code, _, err = run(capsys, "fetch", "arc", "--from", f"{server}/{mode}/arc/", *extra)
    assert code == 2 and message in err
    assert fetched_catalog() == ((), ()) and leftovers(cache) == []


def test_an_interrupted_download_leaves_nothing_half_written(capsys, server, cache):
    from scalescope.engine.fetch import fetch

    assert run(capsys, "fetch", "arc", "--from", f"{server}/good/arc/")[0] == 0
    before = snapshot_state(cache)

    class Interrupt:  # Ctrl-C arrives while the first bytes are being written
        def update(self, done, total):
            assert list(cache.rglob("*.part"))  # the download goes to a temporary file
            raise KeyboardInterrupt

        def close(self):
            pass

    with pytest.raises(KeyboardInterrupt):
        fetch("arc", f"{server}/good/arc/", progress=lambda name: Interrupt())
    assert snapshot_state(cache) == before and leftovers(cache) == []


def test_offline_fetch_fails_in_one_line_and_everything_else_works(capsys):
    with socket.socket() as sock:  # a port nobody listens on: connection refused, as offline
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, out, err = run(capsys, "fetch", "epoch", "--from", f"http://127.0.0.1:{port}/")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("scalescope: cannot reach 127.0.0.1") and "Bundled and cached data still work" in err
    assert run(capsys, "list")[0] == 0 and run(capsys, "show", "arc-agi-2-semi-private")[0] == 0
    code, _, err = run(capsys, "show", "fetched-arc-agi-2-semi-private")
    assert code == 2 and "scalescope fetch arc" in err


def test_from_must_be_an_http_url(capsys):
    code, _, err = run(capsys, "fetch", "arc", "--from", "ftp://example.invalid/")
    assert code == 2 and "--from needs an http(s) base URL" in err


def test_damaged_cache_is_reported_not_raised(capsys, server, cache):
    run(capsys, "fetch", "arc", "--from", f"{server}/good/arc/")
    (cache / "fetched" / "arc" / "current").write_text("no-such-snapshot")
    code, out, err = run(capsys, "list")
    assert code == 0 and "arc-agi-2-semi-private" in out and "fetched-" not in out
    assert "cached arc data unreadable" in err


# ---- the app ---------------------------------------------------------------------------------


async def test_app_lists_fetched_datasets_in_their_own_group_and_opens_them(capsys, server, tmp_path):
    from scalescope.tui.app import ScalescopeApp
    from scalescope.tui.widgets.dataset_list import DatasetPane

    from .test_app import press, settle, summary_text

    assert run(capsys, "fetch", "arc", "--from", f"{server}/good/arc/")[0] == 0
    date = fetched_catalog()[0][0].fetched_at[:10]
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        option_list = app.query_one("#datasets", DatasetPane)
        options = [option_list.get_option_at_index(i) for i in range(option_list.option_count)]
        headings = [o.prompt.plain for o in options if o.disabled]
        assert f"Fetched: ARC Prize leaderboard · fetched {date}" in headings
        assert "ARC-AGI score vs cost · bundled" in headings
        index = next(i for i, o in enumerate(options) if o.id == "fetched-arc-agi-2-semi-private")
        await press(app, pilot, "d")  # to the dataset list
        assert app.focused is option_list
        option_list.highlighted = index
        await press(app, pilot, "enter")
        assert app.view.dataset_id == "fetched-arc-agi-2-semi-private"
        assert NEW_MODEL in summary_text(app)


def test_progress_bar_only_on_a_terminal_and_after_a_second(monkeypatch):
    import io

    from scalescope.tui import cli

    class Tty(io.StringIO):
        def isatty(self):
            return True

    now = [100.0]
    for stream, shown in ((io.StringIO(), False), (Tty(), True)):
        monkeypatch.setattr(cli.sys, "stderr", stream)
        bar = cli._Progress("evaluations.json")
        bar.clock = lambda: now[0]
        bar.start = now[0]
        bar.update(10, 100)  # at once: no bar
        assert bar.bar is None
        now[0] += 1.5
        bar.update(50, 100)
        assert (bar.bar is not None) is shown
        if shown:
            assert bar.bar.tasks[0].completed == 50 and bar.bar.tasks[0].total == 100
        bar.close()

"""Exports and names that are not UTF-8 (issue #20 item 13): the Markdown export escapes names
(terminal control, HTML, table syntax), a file whose name is Latin-1 reads in every format and
exports, and nothing half-written is left behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from scalescope.engine.io import load
from scalescope.tui.report import markdown_report
from scalescope.tui.text import markdown_text

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
HOSTILE = [
    "\x1b]0;pwned\x07\x1b[2J",  # retitles and clears a terminal that `cat`s the file
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "a|b|c",
    "line\nbreak",
    "[click](javascript:alert(1))",
    "`code` *bold* _em_ # head \\",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_text_is_inert(name):
    text = markdown_text(name)
    assert "\x1b" not in text and "\x07" not in text and "\n" not in text
    html = MarkdownIt("commonmark").enable("table").render(f"| h |\n|---|\n| {text} |\n")
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert html.count("<td>") == 1  # still one cell: a | in the name never splits the row


def test_markdown_export_of_hostile_series_names(tmp_path):
    from scalescope.engine.fit import fit_all_series_report

    path = tmp_path / "hostile.csv"
    rows = ["model,series,compute,score"]
    for i, name in enumerate(HOSTILE):
        quoted = '"' + name.replace('"', '""') + '"'
        rows += [f"m{i},{quoted},10,{20 + i}", f"m{i}b,{quoted},100,{30 + i}"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ds = load(path)
    fits, _ = fit_all_series_report(ds)
    assert len(fits) == len(HOSTILE)
    report = markdown_report(ds, None, fits, None)
    assert "\x1b" not in report and "\x07" not in report
    html = MarkdownIt("commonmark").enable("table").render(report)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(HOSTILE)
    assert all(tr.count("<td>") == 6 for tr in body.split("<tr>")[1:])  # every row has the table's 6 cells


LATIN1 = [  # (fixture, file name with a byte that is not UTF-8)
    (FIXTURES / "inspect" / "budget-1k.eval", b"log\xe9.eval"),
    (FIXTURES / "epoch" / "gpqa_diamond.csv", b"gpqa_\xe9.csv"),
    (FIXTURES / "persample" / "samples.csv", b"samples_\xe9.csv"),
    (FIXTURES / "persample" / "monkeys.jsonl", b"monkeys_\xe9.jsonl"),
]


@pytest.mark.parametrize(("fixture", "name"), LATIN1, ids=[n.decode("latin-1") for _, n in LATIN1])
def test_a_file_named_in_latin1_reads_like_any_other(tmp_path, fixture, name):
    target = os.path.join(os.fsencode(tmp_path), name)
    shutil.copyfile(fixture, target)
    proc = subprocess.run(
        [sys.executable, "-m", "scalescope", "show", os.fsdecode(target)], capture_output=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr


def test_a_folder_with_one_latin1_log_reads_every_log(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    logs = sorted((FIXTURES / "inspect").glob("budget-*.eval"))
    assert len(logs) >= 2
    shutil.copyfile(logs[0], os.path.join(os.fsencode(folder), b"r\xe9.eval"))
    for log in logs[1:]:
        shutil.copyfile(log, folder / log.name)
    ds = load(folder)
    assert len(ds.points) == len(logs)


async def test_exporting_from_a_latin1_log_writes_every_format(tmp_path):
    from scalescope.tui.app import ScalescopeApp

    target = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"log\xe9.eval"))
    shutil.copyfile(FIXTURES / "inspect" / "budget-1k.eval", target)
    out = tmp_path / "out"
    out.mkdir()
    app = ScalescopeApp(target, export_dir=out, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        from .test_app import settle

        for _ in range(200):  # the read, then the analysis it starts (bounded in rounds, not in time)
            await settle(app, pilot)
            if app.analysis is not None and app.analysis.dataset.id != "math-level-5":
                break
        assert app.analysis is not None and "log" in app.analysis.dataset.id
        written = [app.export(kind) for kind in ("md", "csv", "json")]
    assert all(path is not None and path.stat().st_size > 0 for path in written)
    assert all(path.stat().st_size > 0 for path in out.iterdir())  # nothing half-written
    assert "\\udce9" in written[0].read_text(encoding="utf-8")  # the name's byte shown, not lost

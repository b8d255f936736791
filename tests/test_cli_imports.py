"""What each command line command imports (benchmarks/bench_cli.py times them against
``python -c 'import numpy'``): nothing heavy that its output does not need. scipy is for the
logistic only (t quantiles are engine/student_t.py), pandas and pyarrow for files that need them,
numpy.ma never (np.unique and np.percentile import it on first use; the engine avoids both on
these paths), textual only in the app, rich only for a terminal or a table too wide for a pipe's
160 columns (~20 ms: tui/cli.py's _PipeConsole writes the rest)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

HEAVY = ("scipy", "pandas", "pyarrow", "numpy.ma", "textual", "rich.console", "rich.text")
CODE = """
import sys, io, contextlib
from scalescope.tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main({argv!r})
assert code == 0, code
print(sorted(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["show", "math-level-5"],
        ["fit", "math-level-5"],
        ["fit", "math-level-5", "--json"],
        ["fit", "arc-agi-1-semi-private"],  # intervals with t quantiles
        ["decompose", "math-level-5", "--json"],
        ["decompose", "math-level-5"],
        ["plot", "math-level-5", "--frontier"],
        ["years", "1000"],
    ],
)
def test_a_command_imports_nothing_heavy(argv):
    out = subprocess.run(
        [sys.executable, "-c", CODE.format(argv=argv, heavy=HEAVY)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]", (argv, out)


def _parse(parser, argv):
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result = vars(parser.parse_args(argv))
        except SystemExit as exc:
            result = ("exit", exc.code)
    return result, out.getvalue(), err.getvalue()


def test_the_parser_built_for_one_command_reads_as_the_whole_one():
    """Only the command being run has its arguments built (_parser(only)): the same namespace,
    help and errors as the parser of every command."""
    from scalescope.tui.cli import COMMANDS, _parser

    for command in [*COMMANDS, "app"]:
        for argv in (
            [command, "--help"],
            [command, "math-level-5"],
            [command, "math-level-5", "--json"],
            [command, "--no-such-option"],
            [command],
        ):
            assert _parse(_parser(command), argv) == _parse(_parser(), argv), argv
    assert len(COMMANDS) >= 13


def _run(capsys, monkeypatch, argv, *, rich_only: bool):
    from scalescope.tui import cli

    if rich_only:  # every print through rich's console, as before _PipeConsole
        monkeypatch.setattr(cli, "_console", lambda: cli._rich_pipe_console(cli._TrimmedLines(sys.stdout)))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    monkeypatch.undo()
    return code, out, err


def _commands():
    from scalescope.engine.catalog import dataset_ids

    yield ["list"]
    yield ["claims"]
    for dataset in dataset_ids():
        for command in ("show", "fit", "decompose", "frontier"):
            yield [command, dataset]
    yield ["fit", "math-level-5", "--link", "logistic"]


def test_pipe_output_is_riches_on_every_command_and_bundled_dataset(capsys, monkeypatch):
    """Written to a pipe, every command prints what rich printed there: _PipeConsole writes
    plain lines and tables itself where they come out the same, and hands the rest to rich."""
    from scalescope.tui import cli

    plain = 0
    for argv in _commands():
        ours = _run(capsys, monkeypatch, argv, rich_only=False)
        theirs = _run(capsys, monkeypatch, argv, rich_only=True)
        assert ours == theirs, argv
    table = cli._table(["a", "b"], [["x", "1"]], title="t")
    assert table.plain_lines(cli.PIPE_WIDTH) is not None  # the plain path is taken ...
    for argv in (["show", "math-level-5"], ["fit", "math-level-5"], ["list"]):
        code = subprocess.run(
            [sys.executable, "-c", CODE.format(argv=argv, heavy=("rich.console", "rich.table"))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        plain += code.strip().splitlines()[-1] == "[]"
    assert plain == 3  # ... and rich is not imported for these


cell_text = st.lists(
    st.sampled_from([*"ab Z09-±²→…─", "中", "文", "é", "e\u0301", "😀", "\u200b", "\t", "\n", "\x1b"]),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    headers=st.lists(cell_text.filter(bool), min_size=1, max_size=5),
    rows=st.lists(st.lists(cell_text, min_size=5, max_size=5), max_size=6),
    title=st.one_of(st.none(), cell_text, st.text(alphabet="abc ", min_size=150, max_size=220)),
    wide=st.booleans(),
)
def test_a_plain_table_is_riches(headers, rows, title, wide):
    """A table the pipe console lays out itself has exactly rich's lines; one it cannot (too wide,
    empty, a control character) is left to rich."""
    import io

    from scalescope.tui import cli

    rows = [row[: len(headers)] for row in rows]
    if wide:
        rows = [[cell * 9 for cell in row] for row in rows]
    table = cli._table(headers, rows, title=title)
    buffer = io.StringIO()
    cli._rich_pipe_console(cli._TrimmedLines(buffer)).print(table)
    lines = table.plain_lines(cli.PIPE_WIDTH)
    if lines is not None:
        assert "".join(line + "\n" for line in lines) == buffer.getvalue()
    buffer2 = io.StringIO()
    console = cli._PipeConsole(cli._TrimmedLines(buffer2))
    console.print(table)
    console.print("plain words ± 中文")
    console.print(f"a tab\there, an escape \x1b[31m, {title}")
    buffer3 = io.StringIO()
    rich = cli._rich_pipe_console(cli._TrimmedLines(buffer3))
    rich.print(table)
    rich.print("plain words ± 中文")
    rich.print(f"a tab\there, an escape \x1b[31m, {title}")
    assert buffer2.getvalue() == buffer3.getvalue()


def _program(*argv, code_before: str = "", **kwargs):
    """``python -m scalescope ARGV`` (through cli.entry, as the installed command runs)."""
    import os

    code = f"import sys; {code_before}\nsys.argv = ['scalescope', *{list(argv)!r}]\nfrom scalescope.tui.cli import entry\nentry()"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, **kwargs)


def test_the_program_ends_at_once_with_all_its_output(tmp_path, capsys):
    """After a read-only command the process ends without the interpreter's teardown
    (cli.entry): its output is whole, its status and messages the same, atexit handlers run."""
    from scalescope.tui.cli import main

    path = tmp_path / "many.csv"
    path.write_text(
        "model,series,tokens,score\n" + "".join(f"m{i},s{i % 50},{100 + i},{i % 97}\n" for i in range(6000))
    )
    for argv in (["show", str(path)], ["fit", str(path), "--json"], ["decompose", "math-level-5", "--json"]):
        assert main(argv) == 0
        want = capsys.readouterr().out
        run = _program(*argv)
        assert run.returncode == 0 and run.stdout == want, argv  # every byte, through a pipe
    bye = "import atexit; atexit.register(lambda: print('atexit ran', file=sys.stderr))"
    run = _program("fit", "math-level-5", code_before=bye)
    assert run.returncode == 0 and "atexit ran" in run.stderr
    run = _program("fit", "no-such-dataset-anywhere", code_before=bye)
    assert run.returncode == 2 and "no such file" in run.stderr and "atexit ran" in run.stderr
    late = "import atexit; atexit.register(lambda: print('printed at exit'))"
    run = _program("fit", "math-level-5", code_before=late)
    assert run.stdout.endswith("printed at exit\n")


def test_the_program_waits_for_a_thread_it_did_not_end():
    """A thread still running: the ordinary exit, which waits for it (its output kept)."""
    thread = (
        "import threading, time\n"
        "def late():\n    time.sleep(0.3); print('thread done', flush=True)\n"
        "threading.Thread(target=late).start()"
    )
    run = _program("years", "1000", code_before=thread)
    assert run.returncode == 0 and run.stdout.rstrip().endswith("thread done")


def test_a_profiled_run_still_writes_its_profile(tmp_path):
    """python -m cProfile -o FILE -m scalescope ...: the profile is written after the program
    returns, so the program does not end the process itself under a profiler."""
    out = tmp_path / "fit.prof"
    run = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "scalescope", "fit", "math-level-5"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and out.stat().st_size > 0

"""What each command line command imports (benchmarks/bench_cli.py times them against
``python -c 'import numpy'``): nothing heavy that its output does not need. scipy is for the
logistic only (t quantiles are engine/student_t.py), pandas and pyarrow for files that need them,
numpy.ma never (np.unique and np.percentile import it on first use; the engine avoids both on
these paths), textual only in the app."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("scipy", "pandas", "pyarrow", "numpy.ma", "textual")
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

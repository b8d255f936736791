"""The ``scalescope`` command: the app with no arguments, or a quick answer on the command line.

Bad input: one line on stderr naming the problem, exit code 2, never a traceback.
"""

from __future__ import annotations

import os
import sys

from .text import printable

TYPE_CHECKING = False  # not typing's (see tui/text.py)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

EXIT_BAD_INPUT = 2


# Every numeric argument is bounded: a value outside its range is a one-line error, never an
# allocation of gigabytes, an overflow or a timer that never fires.
MAX_BOOTSTRAP = 100_000
MAX_SEED = 2**32 - 1
MAX_ASSUME_N = 10**9
MAX_WIDTH, MAX_HEIGHT = 1000, 500
MAX_PASSK_POINTS = 1000
MAX_TIMEOUT_S = 86_400.0
MAX_FETCH_MB = 1_000_000.0


def _number(kind: type, low: float, high: float, *, low_open: bool = False):
    """An argparse type: a finite ``kind`` (int or float) within [low, high] (``(low, high]`` when
    ``low_open``); otherwise an error that says the range."""
    import argparse
    import math

    def shown(value: float) -> str:
        return f"{value:,.0f}" if value == int(value) else f"{value:,g}"

    def parse(text: str):
        try:
            value = kind(text)
        except (ValueError, OverflowError):
            value = None
        ok = value is not None and math.isfinite(value)
        ok = ok and (value > low if low_open else value >= low) and value <= high
        if not ok:
            what = "a whole number" if kind is int else "a number"
            where = f"above {shown(low)} up" if low_open else f"from {shown(low)}"
            raise argparse.ArgumentTypeError(f"{text!r}: must be {what} {where} to {shown(high)}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


class _NotBuilt:
    """The parser of a command that is not being run: its arguments are not built (building
    every command's ~100 arguments costs ~8 ms of every command's start). Every method call is
    accepted and ignored."""

    def __getattr__(self, name: str):
        return self._ignore

    def _ignore(self, *args, **kwargs):
        return self


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; ``only``: the command being run (argv's first word, when it
    names one), whose arguments are the only ones built. The others are still listed (the
    subparsers' metavar names every command), so usage and errors read the same."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        """Argument errors as one plain line (no usage block), with where to look."""

        def error(self, message: str):  # type: ignore[override]
            self.exit(EXIT_BAD_INPUT, f"{self.prog}: {printable(message)} (`{self.prog} --help` shows the usage)\n")

    class _VersionAction(argparse.Action):
        """--version, read from the installed metadata only when asked for (importlib.metadata
        costs ~0.1 s, more than `scalescope years` itself)."""

        def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
            super().__init__(option_strings, dest, nargs=0, default=default, help=help or "show the version and exit")

        def __call__(self, parser, namespace, values, option_string=None):
            print(f"{parser.prog} {_version()}")
            parser.exit()

    p = _Parser(
        prog="scalescope",
        description="Inference scaling explorer: benchmark score vs compute on a log-x chart, and Ord's "
        "RL / inference-scaling decomposition. With no command, opens the terminal app.",
    )
    p.add_argument("--version", action=_VersionAction)
    sub = p.add_subparsers(
        dest="command",
        metavar="{PATH_OR_ID,app,list,show,fit,decompose,compare,frontier,plot,passk,budget,reduce,years,claims,fetch}",
    )
    if only is not None:
        add_parser = sub.add_parser
        sub.add_parser = lambda name, **kwargs: add_parser(name, **kwargs) if name == only else _NotBuilt()

    app = sub.add_parser("app", help="open the terminal app on a file, folder of logs or dataset id (the default)")
    app.add_argument("source", nargs="?", help="bundled dataset id or a file to open first")

    sub.add_parser("list", help="list the bundled and fetched datasets").add_argument(
        "--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})'
    )

    def with_source(name: str, help_text: str, *, several: bool = False) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_text)
        if several:
            sp.add_argument(
                "source",
                nargs="+",
                help="bundled or fetched dataset ids, files, or folders of Inspect logs (one or more)",
            )
        else:
            sp.add_argument("source", help="bundled or fetched dataset id, a file, or a folder of Inspect logs")
        sp.add_argument(
            "--x-kind", choices=["tokens", "usd", "samples", "unknown"], help="what compute is (file input)"
        )
        sp.add_argument(
            "--tokens", metavar="FILE", help="tokens per question (model, tokens) to join to an Epoch export"
        )
        sp.add_argument(
            "--columns", metavar="MAP", help="map unrecognised headers, e.g. model=Name,compute=Toks,score=Pct"
        )
        sp.add_argument(
            "--x",
            dest="x_axis",
            choices=["compute", "dollars"],
            default="compute",
            help="dollars: tokens priced per task at each model's date (genai-prices; data with its own cost keeps it)",
        )
        sp.add_argument(
            "--prices", metavar="FILE", help="your own prices (CSV: model,input,output $/MTok[,cached_input,from])"
        )
        sp.add_argument(
            "--price-date", metavar="YYYY-MM-DD", help="price models whose id carries no date on this day (today)"
        )
        _inspect_options(sp)
        return sp

    show = with_source("show", "a dataset's points and provenance")
    show.add_argument(
        "--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})'
    )
    show.add_argument(
        "--follow", action="store_true", help="Inspect logs: keep watching, a line per log that changes (Ctrl-C stops)"
    )

    fit = with_source("fit", "fit score against log10(compute) for each series")
    fit.add_argument("--series", help="only this series")
    fit.add_argument(
        "--link",
        choices=["linear", "logistic"],
        default="linear",
        help="the trend: linear in log10 compute, or logistic",
    )
    fit.add_argument("--weighted", action="store_true", help="stderr-weighted least squares")
    fit.add_argument(
        "--floor",
        type=_number(float, 0, 100),
        metavar="PCT",
        help="the logistic's floor, chance level in percent (default: the dataset's)",
    )
    fit.add_argument("--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})')

    dec = with_source(
        "decompose",
        "split the reasoning gain into RL and inference-scaling boosts (several sources: side by side)",
        several=True,
    )
    dec.add_argument("--base", help="base model id (default: the dataset's)")
    dec.add_argument("--reasoning", help="reasoning series (default: the dataset's)")
    dec.add_argument("--fit", dest="fit_models", help="comma-separated reasoning model ids to fit (default: all)")
    dec.add_argument("--weighted", action="store_true", help="stderr-weighted least squares")
    dec.add_argument(
        "--top",
        choices=["fit", "observed"],
        default="fit",
        help="where the inference boost ends: the trend at the top compute (fit) or the top point's score (observed)",
    )
    dec.add_argument(
        "--link",
        choices=["linear", "logistic"],
        default="linear",
        help="the trend: linear in log10 compute, or logistic",
    )
    dec.add_argument(
        "--floor",
        type=_number(float, 0, 100),
        metavar="PCT",
        help="the logistic's floor, chance level in percent (default: the dataset's)",
    )
    dec.add_argument(
        "--bootstrap",
        type=_number(int, 0, MAX_BOOTSTRAP),
        default=2000,
        metavar="N",
        help="resamples for the share's interval and the logistic's (0 or fewer than 40: none; the straight "
        "line's other intervals are exact)",
    )
    dec.add_argument(
        "--seed", type=_number(int, 0, MAX_SEED), default=0, help="the bootstrap's seed (same seed, same CIs)"
    )
    dec.add_argument(
        "--assume-n",
        type=_number(int, 1, MAX_ASSUME_N),
        metavar="N",
        help="questions per point where no stderr or n is known",
    )
    dec.add_argument(
        "--score",
        action="append",
        metavar="MODEL=PCT",
        help="what-if: use this score (percent) for MODEL, e.g. a later re-run's (repeatable)",
    )
    dec.add_argument("--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})')

    cmp_ = with_source("compare", "compare two series: compute-efficiency multiplier and on-trend test")
    # optional to argparse, so that a missing one is reported with the dataset's series (cmd_compare)
    cmp_.add_argument("series_a", nargs="?", help="series A (without A and B: the dataset's series are listed)")
    cmp_.add_argument("series_b", nargs="?", help="series B")
    cmp_.usage = "%(prog)s [options] source series_a series_b"
    cmp_.add_argument(
        "--at-score", type=_number(float, 0, 100), help="score (percent) for the multiplier from separate fits"
    )
    cmp_.add_argument("--at-compute", type=_number(float, 0, 1e100, low_open=True), help="compute for the vertical gap")
    cmp_.add_argument(
        "--floor",
        type=_number(float, 0, 100),
        metavar="PCT",
        help="the logistic's floor, chance level in percent (default: the dataset's)",
    )
    cmp_.add_argument(
        "--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})'
    )

    front = with_source("frontier", "the Pareto frontier: the points no other point dominates on cost and score")
    front.add_argument(
        "--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})'
    )

    plot = with_source("plot", "draw the chart to stdout (log-x by default)")
    plot.add_argument("--linear-x", action="store_true", help="linear x axis (the diminishing returns view)")
    plot.add_argument("--width", type=_number(int, 30, MAX_WIDTH), default=None)
    plot.add_argument("--height", type=_number(int, 10, MAX_HEIGHT), default=None)
    plot.add_argument(
        "--link",
        choices=["linear", "logistic", "none"],
        default="linear",
        help="the trend lines drawn (none: points only)",
    )
    plot.add_argument("--no-decompose", action="store_true", help="draw the points and trends only")
    plot.add_argument("--frontier", action="store_true", help="draw the cost/score frontier as a step line")
    plot.add_argument(
        "--budget",
        action="store_true",
        help="Inspect logs: each run's budget curve (score within L tokens, truncated) on the same chart",
    )
    plot.add_argument("--json", action="store_true", help="the plotted series, trend lines and ticks as data")
    plot.add_argument(
        "--out",
        metavar="FILE",
        help="write the chart as a figure (.svg, .png or .pdf; needs pip install 'scalescope[export]'), "
        "with FILE's .csv and .json of what it shows beside it",
    )

    pk = sub.add_parser("passk", help="coverage (pass@k) from per-sample results, with a power-law fit")
    pk.add_argument("source", help="per-sample file: problem x sample rows, per-problem n and c, or is_corrects lists")
    pk.add_argument("--points", type=_number(int, 1, MAX_PASSK_POINTS), default=30, help="values of k on the log grid")
    _inspect_options(pk)
    pk.add_argument("--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})')

    red = sub.add_parser(
        "reduce",
        help="per-sample rows (a file, a folder of shards, local or s3:// gs:// https://) to partials: "
        "per model, setting, task and problem the n, c, token and cost sums (Parquet)",
    )
    red.add_argument("source", help="per-sample file or folder of Parquet shards, local or remote; or partials")
    red.add_argument("--out", required=True, help="the partials file to write (.parquet; local, s3:// or gs://)")
    red.add_argument("--engine", choices=["local", "dask"], default="local", help="in this process, or on Dask")
    red.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT", help="a running Dask scheduler (default: start a local cluster)"
    )
    red.add_argument(
        "--workers", type=_number(int, 1, 256), default=2, help="workers of the local Dask cluster (default 2)"
    )
    red.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    red.add_argument("--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})')
    budget = sub.add_parser(
        "budget", help="Inspect logs: score within L output tokens per sample, and the share cut off at L"
    )
    budget.add_argument("source", help="an Inspect log or a folder of them")
    budget.add_argument("--points", type=_number(int, 1, MAX_PASSK_POINTS), default=12, help="budgets on the log grid")
    budget.add_argument(
        "--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})'
    )
    _inspect_options(budget)

    claims = sub.add_parser("claims", help="every numeric claim of Ord's two essays, checked against the bundled data")
    claims.add_argument(
        "--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})'
    )
    claims.add_argument(
        "--claim", metavar="N", help="one row in full: how our figure is computed from the data, its interval, note"
    )

    years = sub.add_parser("years", help="years until a cost ratio becomes affordable")
    years.add_argument("ratio", type=float, help="how many times too expensive, e.g. 1000")
    years.add_argument("--decline", type=float, default=4.0, help="yearly cost decline factor (default 4)")
    years.add_argument(
        "--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})'
    )

    fetch = sub.add_parser(
        "fetch", help="download today's ARC Prize or Epoch AI data into the user cache (the rest works offline)"
    )
    fetch.add_argument(
        "what",
        nargs="?",
        choices=["arc", "epoch", "prices"],
        help="arc: ARC Prize leaderboard; epoch: Epoch AI Hub zip; prices: genai-prices' current price data",
    )
    fetch.add_argument("--from", dest="base_url", metavar="URL", help="a mirror: base URL holding the same file names")
    fetch.add_argument(
        "--timeout",
        type=_number(float, 0, MAX_TIMEOUT_S, low_open=True),
        default=30.0,
        help="seconds without data before giving up (30)",
    )
    fetch.add_argument(
        "--max-mb",
        type=_number(float, 0, MAX_FETCH_MB, low_open=True),
        default=200.0,
        help="refuse downloads larger than this (200 MB)",
    )
    fetch.add_argument(
        "--tokens",
        action="store_true",
        help="epoch: also read each run's .eval log header (HTTP range requests, cached) for its output tokens",
    )
    fetch.add_argument(
        "--json", action="store_true", help='the result as one JSON document (errors too: {"error": ...})'
    )
    return p


def _inspect_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--task", help="folder of Inspect logs: the task to read (each task is its own dataset)")
    sp.add_argument(
        "--include-incomplete",
        action="store_true",
        help="Inspect logs that did not finish (running, cancelled, error) join their model's series and fits",
    )


def _version() -> str:
    import scalescope

    return scalescope.__version__


def _route(argv: list[str]) -> list[str]:
    """``scalescope PATH_OR_ID`` is ``scalescope app PATH_OR_ID``: a first word that is not a command
    or an option opens the app on it."""
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS and argv[0] != "app":
        return ["app", *argv]
    return argv


def _close_words(word: str, choices) -> list[str]:
    import difflib

    return difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)


def _known_ids() -> list[str]:
    from scalescope.engine.catalog import dataset_ids
    from scalescope.engine.fetched import fetched_ids

    return dataset_ids() + fetched_ids()


def _source_problem(source: str, *, as_command: bool) -> str | None:
    """Why the app cannot open ``source`` (a path that does not exist, an id nobody has), or None.

    ``as_command``: the word came first (``scalescope lsit``), so it may be a mistyped command."""
    if os.path.lexists(source):
        return None
    from scalescope.engine.remote import is_remote

    if is_remote(source):  # s3://, gs://, https://: read (and any problem named) when opened
        return None
    ids = _known_ids()
    if source in ids:
        return None
    shown = printable(repr(source))
    if as_command and "/" not in source and "." not in source:
        near = _close_words(source, [*COMMANDS, "app"])
        if near:
            return f"unknown command {shown} (did you mean {near[0]}?)"
    near = _close_words(source, ids)
    hint = f" (did you mean {near[0]}?)" if near else ""
    path_like = "/" in source or "." in source or not as_command or bool(near)
    what = "no such file or dataset id" if path_like else "unknown command, file or dataset id"
    return (
        f"{what} {shown}{hint}; `scalescope --help` lists the commands, `scalescope list` the datasets"
        if not hint
        else f"{what} {shown}{hint}"
    )


def _terminal_problem() -> str | None:
    """Why the full-screen app cannot run here, or None. A driver chosen through TEXTUAL_DRIVER
    (Textual's headless one, in tests) needs no terminal."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return None
    pipe = "`scalescope show|fit|plot|compare|decompose ID_OR_FILE` print the same to a pipe"
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return f"the app needs a terminal (stdin and stdout are not both one); {pipe}"
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        return f"the app needs a terminal that can draw (TERM={os.environ['TERM']} cannot); {pipe}"
    return None


def _quiet_broken_pipe() -> None:
    """Output into a closed pipe (``scalescope list | head -1``) ends the process quietly, with the
    conventional status 128 + SIGPIPE, as ``cat`` does."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def _years_fast(argv: list[str]) -> argparse.Namespace | None:
    """``years RATIO [--decline D] [--json]`` read without argparse (whose import is a third of
    this command's run time); anything else, including a malformed number, goes to argparse and
    its messages."""
    if len(argv) < 2 or argv[0] != "years" or argv[1].startswith("-"):
        return None
    words = argv[2:]
    as_json = "--json" in words
    words = [w for w in words if w != "--json"]
    decline = 4.0
    if words:
        if len(words) != 2 or words[0] != "--decline" or words[1].startswith("--"):
            return None
        try:
            decline = float(words[1])
        except ValueError:
            return None
    try:
        ratio = float(argv[1])
    except ValueError:
        return None
    from types import SimpleNamespace

    return SimpleNamespace(command="years", ratio=ratio, decline=decline, json=as_json)  # type: ignore[return-value]


# characters of our own output that a terminal without UTF-8 (LC_ALL=C, PYTHONIOENCODING=ascii)
# cannot show, written the way people would type them; anything else becomes a visible \xNN escape
_ASCII = {"²": "2", "±": "+/-", "…": "...", "—": "-", "–": "-", "≈": "~", "∞": "inf", "×": "x", "→": "->",
          "█": "#", "░": ".", "▶": ">", "·": ".", "≤": "<=", "≥": ">=", "│": "|", "─": "-", "┃": "|", "┆": ":"}  # fmt: skip


def _ascii_fallback(error: UnicodeEncodeError) -> tuple[str, int]:
    text = error.object[error.start : error.end]
    return "".join(_ASCII.get(ch, ch.encode("ascii", "backslashreplace").decode()) for ch in text), error.end


def _prepare_streams() -> str | None:
    """Standard streams fit to write to, or why not. A closed stderr is replaced by /dev/null; an
    encoding that cannot write our characters falls back to ASCII spellings, never an exception
    half-way through a table."""
    import codecs
    import contextlib

    codecs.register_error("scalescope-ascii", _ascii_fallback)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (lives as long as the process)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):  # detached or already written to
                stream.reconfigure(errors="scalescope-ascii")
    if sys.stdout is None:
        return "standard output is closed: there is nowhere to write the answer"
    return None


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so that the interpreter's final flush of
    what is still buffered cannot fail again (with its own 'Exception ignored' lines)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115


def _is_output_error(exc: OSError) -> bool:
    import errno

    return exc.filename is None and exc.errno in (errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, errno.EDQUOT)


def _fit_address_space_limit() -> None:
    """Under an address-space limit (``ulimit -v``, common on shared machines) pyarrow's default
    allocator reserves about 1.2 GiB of address space on its first read, after which the BLAS
    that scipy loads cannot map its per-thread buffers. With a limit set (and the user's own
    settings left alone), Arrow uses the system allocator and OpenBLAS at most two threads.
    Must run before numpy, scipy or pyarrow are imported."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        return
    if soft == resource.RLIM_INFINITY:
        return
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")


def main(argv: Sequence[str] | None = None) -> int:
    _fit_address_space_limit()
    problem = _prepare_streams()
    if problem:
        print(f"scalescope: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except MemoryError:
        print(
            "scalescope: out of memory (the input, or an argument such as --bootstrap, is too large)", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    except OSError as exc:
        if not _is_output_error(exc):
            raise
        _silence_stdout()
        print(f"scalescope: cannot write the output: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT


# commands that only read and print: when one of them ends, nothing is left for the interpreter's
# teardown to finish (no file of theirs open, no thread), so the process may end at once
READ_ONLY = frozenset(("list", "show", "fit", "decompose", "compare", "frontier", "years", "claims", "passk"))
_ended: dict[str, object] = {}  # what entry() needs to know of the command that ran


def entry() -> None:
    """The program's entry point (``scalescope`` and ``python -m scalescope``): :func:`main`, then
    the process ends. After a read-only command (READ_ONLY; ``plot`` without ``--out``) whose
    output is flushed, with no other thread running and no profiler or tracer, it ends at once
    (atexit handlers run, then ``os._exit``) instead of tearing the interpreter down module by
    module: ~20 ms of a ~100 ms command once numpy is loaded, spent freeing what the process is
    about to drop."""
    code = main()
    command = _ended.get("command")
    if command in READ_ONLY or (command == "plot" and not _ended.get("out")):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed or broken stream: the ordinary exit says so
            sys.exit(code)
        threading = sys.modules.get("threading")
        # a profiler or tracer (cProfile, trace) writes its results after the program returns
        watched = sys.getprofile() is not None or sys.gettrace() is not None
        if not watched and (threading is None or threading.active_count() == 1):
            import atexit

            atexit._run_exitfuncs()
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    sys.exit(code)


def _main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    argv = _route(given)
    routed = argv[:1] == ["app"] and given[:1] != ["app"]
    if routed:  # `scalescope WORD ...`: a typo or a missing path is an error line, never the app
        problem = _source_problem(argv[1], as_command=True)
        if problem:
            print(f"scalescope: {problem}", file=sys.stderr)
            return EXIT_BAD_INPUT
    only = argv[0] if argv and argv[0] in (*COMMANDS, "app") else None  # a command: build its arguments only
    args = _years_fast(argv) or _parser(only).parse_args(argv)
    _ended.update(command=args.command, out=getattr(args, "out", None))
    if args.command in (None, "app"):
        source = getattr(args, "source", None)
        problem = (source is not None and _source_problem(source, as_command=False)) or _terminal_problem()
        if problem:
            print(f"scalescope: {problem}", file=sys.stderr)
            return EXIT_BAD_INPUT
        from .app import run_app

        return run_app(source)
    if args.command != "fetch":  # fetch writes to sockets: a closed one must be an error line, not a signal
        _quiet_broken_pipe()
    from scalescope.engine.errors import ScalescopeError

    try:
        code = COMMANDS[args.command](args)
        for note in getattr(args, "notes", ()):
            print(f"note: {printable(note)}", file=sys.stderr)
        return code
    except BrokenPipeError:  # where SIGPIPE cannot be restored: still quiet, same status
        _silence_stdout()
        return 128 + 13
    except OSError as exc:
        if _is_output_error(exc):
            raise  # main says so, once
        return _fail(args, str(exc))
    except (ScalescopeError, ValueError) as exc:  # ValueError: from reading input
        return _fail(args, str(exc))


def _fail(args, message: str) -> int:
    """One line on stderr; with ``--json`` also ``{"error": ...}`` on stdout, so that a script
    reading JSON gets JSON either way. Exit code 2. Secrets (the environment's keys, a presigned
    URL's query) never reach either."""
    from scalescope.engine.remote import scrub

    message = scrub(message)
    print(f"scalescope: {printable(message)}", file=sys.stderr)
    if getattr(args, "json", False):
        import json

        print(json.dumps({"error": message}))
    return EXIT_BAD_INPUT


class _TrimmedLines:
    """A text stream that drops the spaces rich pads each line with, for output that is not a
    terminal (a file, a pipe, a diff): whole lines are written right-stripped, the rest on flush.
    Everything else (encoding, errors, fileno) is the wrapped stream's."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        *lines, self._pending = (self._pending + text).split("\n")
        if lines:
            self._stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(self._pending)
            self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _console():
    if sys.stdout.isatty():
        from rich.console import Console

        return Console(markup=False, highlight=False, emoji=False, soft_wrap=False)
    return _PipeConsole(_TrimmedLines(sys.stdout))


def _rich_pipe_console(file):
    """rich's console for output that is not a terminal: no styles, nothing wrapped, tables laid
    out in 160 columns."""
    from rich.console import Console

    return Console(file=file, markup=False, highlight=False, emoji=False, soft_wrap=True, width=160)


PIPE_WIDTH = 160


class _PipeConsole:
    """The console for a file or a pipe: writes what rich's (``_rich_pipe_console``) writes there,
    without importing rich (~20 ms of a ~130 ms command) where the output is plain lines (a
    string without control characters: rich neither wraps nor styles it here) or a table that
    fits in 160 columns (``_Table.plain_lines``); anything else goes to rich, on the same stream.
    tests/test_cli_imports.py compares the two on every command and bundled dataset."""

    def __init__(self, file) -> None:
        self._file = file
        self._rich = None

    def print(self, *objects, **kwargs) -> None:
        if not kwargs and len(objects) <= 1:
            obj = objects[0] if objects else ""
            if type(obj) is str and _plain(obj):
                self._file.write(obj + "\n")
                return
            if isinstance(obj, _Table):
                lines = obj.plain_lines(PIPE_WIDTH)
                if lines is not None:
                    self._file.write("".join(line + "\n" for line in lines))
                    return
        if self._rich is None:
            self._rich = _rich_pipe_console(self._file)
        self._rich.print(*objects, **kwargs)


def _plain(text: str) -> bool:
    """Text rich prints unchanged to a pipe: no control characters but newlines (rich expands
    tabs and drops other controls)."""
    return text.isprintable() or all(line.isprintable() for line in text.split("\n"))


def _cell_width(text: str) -> int:
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


class _Table:
    """A table as ``_table`` lays it out: rich's ``Table`` (``__rich__``, so any rich console
    prints it), or for a pipe the same lines without rich (``plain_lines``)."""

    __slots__ = ("headers", "rows", "title")

    def __init__(self, headers: list[str], rows: list[Sequence[str]], title: str | None = None) -> None:
        self.headers = headers
        self.rows = rows
        self.title = title

    def __rich__(self):
        from rich import box
        from rich.table import Table

        from .text import literal

        table = Table(
            *self.headers,
            box=box.SIMPLE_HEAD,
            title=literal(self.title) if self.title else None,
            title_justify="left",
            pad_edge=False,
        )
        for row in self.rows:
            table.add_row(*(literal(cell) for cell in row))
        return table

    def plain_lines(self, width: int) -> list[str] | None:
        """The lines rich draws for this table on a pipe (``SIMPLE_HEAD``: a blank top edge, the
        headers, a rule, the rows, a blank bottom edge; cells one space from the edges and three
        apart; trailing spaces dropped), or None where rich would do more: a table wider than
        ``width`` (its columns wrapped), no rows, a cell that is not one plain line."""
        headers = [str(h) for h in self.headers]  # as rich takes them (the program's own words)
        rows = [[printable(cell) for cell in row] for row in self.rows]
        if not rows or not headers or any(len(row) != len(headers) for row in rows):
            return None
        texts = [*headers, *(cell for row in rows for cell in row)]
        if not all(text.isprintable() for text in texts):
            return None
        widths = [_cell_width(h) for h in headers]
        for row in rows:
            widths = [max(w, _cell_width(cell)) for w, cell in zip(widths, row)]
        if sum(widths) + 3 * (len(widths) - 1) + 2 > width:
            return None
        title = printable(self.title) if self.title else ""
        if title and not title.isprintable():
            return None

        def line(values) -> str:
            return (" " + "   ".join(v + " " * (w - _cell_width(v)) for v, w in zip(values, widths))).rstrip(" ")

        out = [title.rstrip(" ")] if title else []
        out += ["", line(headers), " " + "─" * (sum(widths) + 3 * (len(widths) - 1))]
        out += [line(row) for row in rows]
        out.append("")
        return out


def _table(headers: list[str], rows: list[Sequence[str]], title: str | None = None) -> _Table:
    return _Table(headers, rows, title)


FAST_TABLE_ROWS = 2000  # above this, tables are laid out here: rich takes ~1 ms a row (100k rows: minutes)


def _print_table(console, headers: list[str], rows: list[Sequence[str]]) -> None:
    """A table as ``_table`` draws it (a header, a rule, aligned columns); long tables are laid
    out here in one pass, in the same shape, without rich's per-cell measuring and wrapping."""
    if len(rows) <= FAST_TABLE_ROWS:
        console.print(_table(headers, rows))
        return
    cells = [[printable(cell) for cell in row] for row in rows]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]

    def line(values) -> str:
        return " " + "   ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip() + "\n"

    out = sys.stdout
    out.write(line(headers))
    out.write(" " + "─" * (sum(widths) + 3 * (len(widths) - 1)) + "\n")
    out.writelines(line(row) for row in cells)


def _load(args, *, notes: bool = True):
    from scalescope.engine.io import load

    columns = None
    if getattr(args, "columns", None):
        pairs = [part.split("=", 1) for part in args.columns.split(",") if part.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise ValueError("--columns takes column=header pairs, e.g. model=Name,compute=Toks,score=Pct")
        columns = {k.strip(): v.strip() for k, v in pairs}
    ds = load(
        args.source,
        x_kind=getattr(args, "x_kind", None),
        tokens=getattr(args, "tokens", None),
        columns=columns,
        task=getattr(args, "task", None),
        include_incomplete=getattr(args, "include_incomplete", False),
    )
    floor = getattr(args, "floor", None)
    if floor is not None:
        import dataclasses
        import math

        if not (math.isfinite(floor) and 0 <= floor < ds.ceiling):
            from scalescope.engine.errors import DataError

            raise DataError(f"--floor must be a percentage from 0 to below {ds.ceiling:g}, not {floor:g}")
        ds = dataclasses.replace(ds, floor=float(floor))
    if getattr(args, "x_axis", "compute") == "dollars":
        ds = _in_dollars(ds, args)
    if notes:  # what the reader said about a file (bundled notes: see `show`): printed after the output,
        from .report import input_notes  # when it succeeds, and carried by --json (_json_out)

        args.notes = (*input_notes(ds), *getattr(args, "notes", ()))
    return ds


def _json_out(args, value: dict) -> None:
    """A command's JSON document, with the ``note:`` lines its text output prints (what a reader
    left out and why, where dollars come from) as ``input_notes``: a script reading JSON learns
    them too (they are also on stderr, as for text)."""
    from .report import to_json

    print(to_json({**value, "input_notes": list(dict.fromkeys(getattr(args, "notes", ())))}))


def _in_dollars(ds, args):
    """--x dollars: the dataset re-expressed in dollars per task; the price source and date are
    printed first (not under --json, whose ``show`` output carries them in provenance and notes)."""
    from datetime import date

    from scalescope.engine.prices import PriceTable, to_dollars

    when = None
    if getattr(args, "price_date", None):
        try:
            when = date.fromisoformat(args.price_date)
        except ValueError:
            raise ValueError(f"--price-date {args.price_date!r} is not a date (YYYY-MM-DD)") from None
    out, info = to_dollars(ds, PriceTable.load(getattr(args, "prices", None)), when=when)
    added = out.notes[len(ds.notes) :]
    if getattr(args, "command", None) == "show":  # show lists every note of the dataset: once
        return out
    if not getattr(args, "json", False):
        for line in added:
            print(printable(line))
    else:  # stdout stays one JSON document: the price source goes to stderr as a note
        args.notes = (*getattr(args, "notes", ()), *added)
    return out


def cmd_list(args) -> int:
    from scalescope.engine.catalog import catalog
    from scalescope.engine.fetched import fetched_catalog

    from .report import to_json

    fetched, problems = fetched_catalog()
    entries = catalog() + fetched
    notes = list(problems)
    from scalescope.engine.errors import ScalescopeError
    from scalescope.engine.io import load

    sizes: dict[str, tuple[int | None, int | None]] = {}
    unreadable: dict[str, str] = {}  # why, for --json as for the note
    for e in entries:  # a dataset that cannot be read is listed as such; it never hides the others
        try:
            ds = load(e.id)
            sizes[e.id] = (len(ds.points), len(ds.series))
        except (ScalescopeError, OSError, ValueError) as exc:
            sizes[e.id] = (None, None)
            again = "; `scalescope fetch` replaces it" if e.origin == "fetched" else ""
            unreadable[e.id] = f"{str(exc)[:300]}{again}"
            notes.append(f"{e.id}: cannot be read ({str(exc)[:300]}){again}")
    args.notes = notes
    if args.json:
        print(
            to_json(
                [
                    {
                        "id": e.id,
                        "points": sizes[e.id][0],
                        "series": sizes[e.id][1],
                        "title": e.title,
                        "group": e.group,
                        "x": e.x.name,
                        "exactness": e.exactness,
                        "origin": e.origin,
                        "date": e.fetched_at[:10] or None,
                        "source_url": e.source_url or None,
                        "cannot_read": unreadable.get(e.id),
                    }
                    for e in entries
                ]
            )
        )
        return 0
    rows = [
        [e.id, "?" if p is None else str(p), "?" if n is None else str(n), e.x.kind, e.origin_text, e.title]
        for e in entries
        for p, n in [sizes[e.id]]
    ]
    _console().print(_table(["id", "points", "series", "x", "origin", "title"], rows))
    return 0


class _Progress:
    """A download bar on stderr, only on a terminal and only once a download has taken a second."""

    def __init__(self, name: str) -> None:
        import time

        self.name = name
        self.clock = time.monotonic
        self.start = self.clock()
        self.bar = None
        self.task = None

    def update(self, done: int, total: int | None) -> None:
        if self.bar is None:
            if not sys.stderr.isatty() or self.clock() - self.start < 1.0:
                return
            from rich.console import Console
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                console=Console(stderr=True, markup=False, highlight=False),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(printable(self.name), total=total)
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def cmd_fetch(args) -> int:
    from scalescope.engine.fetch import fetch

    from .report import to_json

    if args.what is None:
        raise ValueError(
            "fetch what? `scalescope fetch arc` (ARC Prize leaderboard, arcprize.org), "
            "`scalescope fetch epoch` (Epoch AI Benchmarking Hub, epoch.ai), or `scalescope fetch prices` "
            "(genai-prices' current price data, for --x dollars)"
        )
    if not args.timeout > 0 or not args.max_mb > 0:
        raise ValueError("--timeout and --max-mb must be > 0")
    if args.what == "prices" and args.tokens:
        raise ValueError("--tokens goes with `fetch epoch`")
    try:
        if args.what == "prices":
            from scalescope.engine.fetch import fetch_prices

            result = fetch_prices(
                args.base_url, timeout=args.timeout, max_bytes=int(args.max_mb * 1024**2), progress=_Progress
            )
        else:
            result = fetch(
                args.what,
                args.base_url,
                timeout=args.timeout,
                max_bytes=int(args.max_mb * 1024**2),
                progress=_Progress,
                tokens=args.tokens,
            )
    except KeyboardInterrupt:
        print("scalescope: fetch interrupted; the cache is as it was", file=sys.stderr)
        return 130

    datasets = [{k: v for k, v in item.items() if k in ("id", "title", "points")} for item in result.datasets]
    if args.json:
        print(
            to_json(
                {
                    "source": result.source,
                    "from": result.base_url,
                    "fetched_at": result.fetched_at,
                    "cache": str(result.snapshot),
                    "datasets": datasets,
                    "notes": list(result.notes),
                }
            )
        )
        return 0
    console = _console()
    if result.source == "prices":
        console.print(
            f"fetched price data from {printable(result.base_url)} on {result.fetched_at[:10]} "
            f"into {printable(result.snapshot)}"
        )
        args.notes = result.notes
        return 0
    console.print(
        f"fetched {len(datasets)} dataset(s) from {printable(result.base_url)} on {result.fetched_at[:10]} "
        f"into {printable(result.snapshot)}"
    )
    rows = [[d["id"], "" if d["points"] is None else str(d["points"]), d["title"]] for d in datasets]
    console.print(_table(["id", "points", "title"], rows))
    args.notes = result.notes
    return 0


FOLLOW_ERROR = (
    "stderr over problems where epochs or partial credit make a binomial wrong, else the binomial "
    "sqrt(p(1-p)/n) from their number, p kept 0.5/n from 0 and 1"
)


def _log_line(log) -> str:
    """One line on the state of an Inspect log, for ``show --follow``."""
    from scalescope.engine.errors import DataError
    from scalescope.engine.readers.inspect_logs import point_of, status_word
    from scalescope.engine.uncertainty import point_sigma

    expected = log.total_samples or (log.dataset_samples or 0) * log.epochs
    of = f"/{expected}" if expected else ""
    try:
        point = point_of(log)
        # the point's stderr over problems, or the binomial one from n (engine.uncertainty)
        (se,), _ = point_sigma([point.score], [point.stderr], [point.n])
        n = f"n {point.n:g} problem{'' if point.n == 1 else 's'}" if point.n == point.n else "n unknown"
        score = f"score {point.score:.1f}% ± {se:.1f} ({n})" if se == se else f"score {point.score:.1f}% ({n})"
        tokens = f", {point.compute:,.0f} tokens per sample" if point.compute == point.compute else ""
    except DataError:
        score, tokens = "no score yet", ""
    return f"{log.task} {log.model_setting} {status_word(log.status)}: {log.completed}{of} samples, {score}{tokens}"


def _follow(args) -> int:
    """``show --follow``: a line per Inspect log when it changes, until Ctrl-C."""
    from datetime import datetime
    from pathlib import Path

    import watchfiles

    from scalescope.engine.errors import DataError
    from scalescope.engine.readers.inspect_logs import read_log, read_log_folder
    from scalescope.engine.remote import is_remote, parse

    if is_remote(args.source):  # it watches a folder's files change: local ones only (never a URL's credentials)
        raise DataError("--follow watches local Inspect logs, not a remote path", file=str(parse(args.source)))
    target = Path(args.source)
    if _inspect_path(args.source) is None:
        raise DataError("--follow watches Inspect logs (.eval, .json, or a folder of them)", file=args.source)
    folder = target if target.is_dir() else target.parent
    state: dict[str, str] = {}

    def say(name: str, text: str) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        print(printable(f"{stamp} {name}: {text}"), flush=True)

    try:
        logs, _ = read_log_folder(target)
    except DataError:
        logs = []
    for log in logs:
        state[log.path] = _log_line(log)
        say(Path(log.path).name, state[log.path])
    # what the ± is: over problems, or the binomial from their number (engine.uncertainty.point_sigma)
    print(printable(f"watching {target} (Ctrl-C stops); ± {FOLLOW_ERROR}"), flush=True)

    def relevant(change, changed: str) -> bool:
        if target.is_dir():
            return changed.lower().endswith((".eval", ".json")) and Path(changed).name not in (
                "logs.json",
                "eval-set.json",
            )
        return Path(changed) == target

    try:
        for changes in watchfiles.watch(folder, watch_filter=relevant, debounce=150, step=50, recursive=True):
            for _, changed in sorted(changes, key=lambda c: c[1]):
                path = Path(changed)
                if not path.exists():
                    if state.pop(str(path), None) is not None:
                        say(path.name, "removed")
                    continue
                try:
                    line = _log_line(read_log(path))
                except DataError as exc:
                    line = f"not readable now ({str(exc)[:160]})"
                if state.get(str(path)) != line:
                    state[str(path)] = line
                    say(path.name, line)
    except KeyboardInterrupt:
        return 0
    return 0


def cmd_show(args) -> int:
    import numpy as np

    if getattr(args, "follow", False):
        return _follow(args)

    from .report import compute_text, input_notes, to_json

    ds = _load(args, notes=False)
    pts = ds.points
    if args.json:
        print(
            to_json(
                {
                    "id": ds.id,
                    "title": ds.title,
                    "x": {"kind": ds.x.kind, "name": ds.x.name},
                    "origin": ds.origin or None,
                    "provenance": ds.provenance,
                    "exactness": ds.exactness,
                    "notes": list(ds.notes),
                    # the key every other command's --json uses for an opened or fetched dataset's notes
                    "input_notes": input_notes(ds),
                    "points": pts.records(),
                }
            )
        )
        return 0
    console = _console()
    console.print(printable(ds.title))
    if ds.origin:
        console.print(f"  origin: {printable(ds.origin)}")
    source = ds.provenance
    for note in ds.notes:  # `--x dollars` ends the source with the price source: said once, as its note
        source = source.removesuffix(" " + note)
    console.print(f"  x: {printable(ds.x.name)}\n  source: {printable(source)}\n  exactness: {ds.exactness}")
    for note in ds.notes:
        console.print(f"  note: {printable(note)}")
    from scalescope.engine.uncertainty import shown_errors

    # the stderr each fit uses: published, else the binomial from n (marked b), else none known
    shown, binomial = shown_errors(pts["score"], pts["score_stderr"], pts["n"], ds.n_questions)
    rows = []
    for i, r in enumerate(pts.rows()):
        value = float(shown[i])
        se = f"±{value:.2f}" + ("b" if binomial[i] else "") if value == value else ""
        rows.append([r.model, r.series, r.role, compute_text(r.compute, ds.x.kind), f"{r.score:.2f}{se}", r.label])
    _print_table(console, ["model", "series", "role", "compute", "score % ± stderr", "label"], rows)
    if binomial.any():
        size = f"n = {ds.n_questions}, the dataset's size" if ds.n_questions else "the rows' n"
        console.print(
            f"±…b: no published stderr; the binomial sqrt(p(1-p)/n) from {size} (p kept 0.5/n from 0 and 1), "
            "the error every fit uses for that point"
        )
    unknown = int(np.isnan(pts["compute"]).sum())
    if unknown:
        console.print(f"{unknown} point(s) have no known compute: shown here, left out of fits and charts.")
    return 0


def cmd_fit(args) -> int:
    import numpy as np

    from scalescope.engine.fit import fit_all_series_report, fit_series, slope_intervals

    from .report import FIT_HEADERS, fit_method_lines, fit_rows, fits_json, unfitted_lines

    ds = _load(args)
    unfitted: list[tuple[str, str]] = []
    if args.series:
        fits = [(args.series, fit_series(ds, args.series, link=args.link, weighted=args.weighted))]
    else:
        fits, unfitted = fit_all_series_report(ds, link=args.link, weighted=args.weighted)
        if not fits:
            from scalescope.engine.errors import FitError

            unknown = (
                " (no point has a known compute: " + "; ".join(ds.notes) + ")"
                if np.isnan(ds.points["compute"]).all()
                else ""
            )
            reasons = "; ".join(unfitted_lines(unfitted))
            single = all(reason.startswith("one point") for _, reason in unfitted)
            hint = (
                " (every series has one point: each model is its own series unless a series column groups them,"
                " or model ids differ only by a setting such as _16K or _high)"
                if single and len(unfitted) > 1
                else ""
            )
            raise FitError(f"{ds.id}: no series could be fitted{unknown}: {reasons}{hint}")
    intervals = slope_intervals(ds, fits)
    if args.json:
        _json_out(
            args,
            {
                "dataset": ds.id,
                "fits": fits_json(ds, fits, intervals),
                "unfitted": dict(unfitted),
            },
        )
        return 0
    console = _console()
    console.print(
        _table(
            FIT_HEADERS,
            [fit_rows(name, fit, ds.x.kind, intervals.get(name)) for name, fit in fits],
            title=f"{ds.title}: score vs log10({ds.x.name}), {args.link}"
            + (f" (floor {ds.floor:g}%, ceiling {ds.ceiling:g}%)" if args.link == "logistic" else ""),
        )
    )
    # one footnote when every interval is of one kind; else one per series, in the table's order
    for line in fit_method_lines(fits, intervals):
        console.print(printable(line))
    for line in unfitted_lines(unfitted):
        console.print(printable(line))
    return 0


def _decompose_options(args):
    from scalescope.engine.decompose import DecomposeOptions

    fit_models = tuple(m.strip() for m in args.fit_models.split(",") if m.strip()) if args.fit_models else None
    if args.bootstrap < 0:
        raise ValueError("--bootstrap must be >= 0")
    return DecomposeOptions(
        base=args.base,
        reasoning=args.reasoning,
        fit_models=fit_models,
        weighted=args.weighted,
        top=args.top,
        link=args.link,
        n_boot=args.bootstrap,
        seed=args.seed,
        assume_n=args.assume_n,
    )


def _with_scores(ds, pairs: list[str] | None):
    """Apply --score MODEL=PCT what-ifs (the rows' source says so)."""
    from scalescope.engine.errors import DataError

    if not pairs:
        return ds
    scores = {}
    for pair in pairs:
        model, sep, value = pair.rpartition("=")
        if not sep or not model:
            raise DataError(f"--score takes MODEL=PCT, got {pair!r}")
        try:
            scores[model.strip()] = float(value)
        except ValueError:
            raise DataError(f"--score {pair!r}: {value!r} is not a number") from None
    return ds.with_scores(scores, why="--score what-if")


def _assume_n_claims_note(dataset_id: str, assume_n: int | None) -> str | None:
    """Why ``--assume-n`` does not change the essays' claims on this dataset (None: no claims, or
    no --assume-n): an assumed question count is not data, so the audit keeps ``cannot_tell``
    where the points have no stderr or count (hclaims, s7); this command's intervals rest on it."""
    if not assume_n:
        return None
    from scalescope.engine.claims import CLAIM_DATASETS

    rows = [i for i, ids in CLAIM_DATASETS.items() if dataset_id in ids]
    if not rows:
        return None
    return (
        f"--assume-n {assume_n} is an assumption, not data: these intervals rest on it, and the essays' "
        f"claims on {dataset_id} (scalescope claims, rows {', '.join(rows)}) do not take it; a row whose points "
        "have no stderr or question count stays cannot_tell until one is published"
    )


def cmd_decompose(args) -> int:
    from scalescope.engine.decompose import decompose

    from .report import decomposition_heading, decomposition_method, decomposition_rows

    if len(args.source) > 1:
        return _decompose_several(args)
    args.source = args.source[0]
    ds = _with_scores(_load(args), args.score)
    d = decompose(ds, _decompose_options(args))
    claims_note = _assume_n_claims_note(ds.id, args.assume_n)
    if args.json:
        _json_out(args, {**d.as_dict(), **({"assume_n_note": claims_note} if claims_note else {})})
        return 0
    console = _console()
    console.print(printable(decomposition_heading(d)))
    console.print(_table(["figure", "value", "95% CI / detail"], decomposition_rows(d, ds.x.kind)))
    console.print(printable(decomposition_method(d)))
    for line in d.warnings:
        console.print(printable(f"warning: {line}"))
    if d.ci:
        console.print(printable(f"intervals: {d.ci_method}"))
    if claims_note:
        console.print(printable(f"note: {claims_note}"))
    return 0


def _decompose_several(args) -> int:
    """Several sources: one table row and one stacked bar (RL, then inference) per dataset. The
    options apply to every source. --json: a list of the single-source objects, each with its
    ``dataset``."""
    import copy

    from scalescope.engine.decompose import decompose

    from .report import BOOST_HEADERS, boost_bars, boost_row, to_json

    options = _decompose_options(args)
    results = []
    notes: list[str] = []
    for source in args.source:
        one = copy.copy(args)
        one.source = source
        ds = _with_scores(_load(one), args.score)
        notes += [f"{source}: {n}" for n in getattr(one, "notes", ())]
        results.append((ds, decompose(ds, options), list(getattr(one, "notes", ()))))
    args.notes = notes
    claims_notes = {ds.id: _assume_n_claims_note(ds.id, args.assume_n) for ds, _, _ in results}
    if args.json:  # each dataset's notes with it
        print(
            to_json(
                [
                    {
                        "dataset": ds.id,
                        **d.as_dict(),
                        **({"assume_n_note": claims_notes[ds.id]} if claims_notes[ds.id] else {}),
                        "input_notes": n,
                    }
                    for ds, d, n in results
                ]
            )
        )
        return 0
    console = _console()
    console.print(_table(BOOST_HEADERS, [boost_row(ds.id, d) for ds, d, _ in results]))
    for line in boost_bars([(ds.id, d) for ds, d, _ in results]):
        console.print(printable(line))
    for ds, d, _ in results:
        for line in d.warnings:
            console.print(printable(f"warning: {ds.id}: {line}"))
    intervals = {d.ci_method for _, d, _ in results if d.ci}
    for method in sorted(intervals):
        console.print(f"intervals: {method}")
    for note in dict.fromkeys(n for n in claims_notes.values() if n):
        console.print(printable(f"note: {note}"))
    return 0


def cmd_compare(args) -> int:
    from scalescope.engine.compare import compare

    from .report import comparison_lines, comparison_rows

    ds = _load(args)
    if args.series_a is None or args.series_b is None:  # as decompose names the series it could use
        from scalescope.engine.compare import series_list
        from scalescope.engine.errors import DataError

        given = "none was given" if args.series_a is None else f"only A ({args.series_a!r}) was given"
        raise DataError(f"{ds.id}: compare needs two series, A and B ({given}); series: {series_list(ds)}")
    paired, paired_notes = _paired(ds, args)
    runs_only = bool(ds.logs) and not {args.series_a, args.series_b} <= set(ds.series)
    if runs_only:  # two runs of Inspect logs (points, not series): the paired comparison alone
        if not paired:
            from scalescope.engine.errors import DataError

            raise DataError("; ".join(paired_notes) or "nothing to compare", file=args.source)
        if args.json:
            _json_out(
                args, {"series_a": args.series_a, "series_b": args.series_b, "paired": [p.as_dict() for p in paired]}
            )
            return 0
        console = _console()
        console.print(printable(ds.title))
        _print_paired(console, paired, paired_notes)
        return 0
    c = compare(ds, args.series_a, args.series_b, at_score=args.at_score, at_compute=args.at_compute)
    if args.json:
        out = c.as_dict()
        if ds.logs:
            out["paired"] = [p.as_dict() for p in paired]
            out["paired_notes"] = paired_notes
        _json_out(args, out)
        return 0
    console = _console()
    console.print(printable(ds.title))
    console.print(printable(f"A = {c.series_a}, B = {c.series_b}"))
    console.print(_table(["figure", "value", "detail"], comparison_rows(c, ds.x.kind)))
    for line in comparison_lines(c):
        console.print(printable(line))
    if ds.logs:
        _print_paired(console, paired, paired_notes)
    return 0


def _paired(ds, args):
    """Paired comparisons where the dataset's Inspect logs hold per-sample scores."""
    if not ds.logs:
        return [], []
    from scalescope.engine.paired import paired_from_logs

    return paired_from_logs(ds.logs, args.series_a, args.series_b)


def _print_paired(console, paired, notes) -> None:
    console.print()
    console.print("paired on the same questions (Inspect per-sample scores):")
    rows = []
    for p in paired:
        mc = ""
        if p.mcnemar_p is not None:
            mc = f"McNemar p {p.mcnemar_p:.3g} ({p.discordant[0]} A-only right, {p.discordant[1]} B-only right)"
        rows.append(
            [
                f"{p.label_a} -> {p.label_b}",
                str(p.n_pairs),
                f"{p.score_a:.1f} -> {p.score_b:.1f}",
                f"{p.difference:+.1f} [{p.ci.low:+.1f}, {p.ci.high:+.1f}]",
                f"[{p.unpaired_ci.low:+.1f}, {p.unpaired_ci.high:+.1f}]",
                p.verdict,
                mc,
            ]
        )
    console.print(
        _table(["A -> B", "questions", "score %", "B - A pp (paired 95%)", "unpaired 95%", "verdict", "McNemar"], rows)
    )
    for p in paired[:1]:
        console.print(printable(f"method: {p.method}"))
    for p in paired:
        console.print(printable(f"{p.label_a} -> {p.label_b}: {p.verdict_text}"))
    for note in notes:
        console.print(printable(f"note: {note}"))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cmd_frontier(args) -> int:
    from scalescope.engine.frontier import frontier

    from .report import compute_text

    ds = _load(args)
    f = frontier(ds)
    if args.json:
        _json_out(args, f.as_dict())
        return 0
    console = _console()
    console.print(printable(f"{ds.title}: cost/score frontier"))
    rows = [
        [p.model, p.series, compute_text(p.compute, ds.x.kind), f"{p.score:.2f}", _clip(p.label, 60)] for p in f.points
    ]
    console.print(_table(["model", "series", "compute", "score %", "label"], rows))
    console.print(
        f"{len(f.points)} of {f.considered} points are on the frontier: no other point is at most as "
        f"{'costly' if ds.x.kind == 'usd' else 'dear in compute'} and at least as good, and strictly better in one "
        "(exact duplicates kept together)."
    )
    if f.error_note:
        console.print(printable(f"note: {f.error_note}"))
    if f.unknown_compute:
        console.print(
            printable(f"{len(f.unknown_compute)} point(s) left out, compute unknown: " + ", ".join(f.unknown_compute))
        )
    return 0


def cmd_plot(args) -> int:
    from dataclasses import replace

    import plotext

    from .chart import LEGEND_MIN, ChartSpec, default_highlight, draw_chart, legend_rows
    from .state import analyse

    ds = _load(args)
    highlighted, curves = None, []
    if getattr(args, "budget", False):  # Inspect logs: each run's budget curve beside the sweep
        from scalescope.engine.readers.inspect_logs import with_budget_curves

        runs = [name for name in ds.series if not name.endswith(("[running]", "[cancelled]", "[error]"))][:2]
        ds, curves = with_budget_curves(ds)
        highlighted = tuple([*runs, *curves[::-1][: 6 - len(runs)]])  # the top settings' curves first
        args.notes = (*getattr(args, "notes", ()), next(n for n in ds.notes if n.startswith("budget curves:")))
    link = None if args.link == "none" else args.link
    result = analyse(ds, link=link, decompose_on=not args.no_decompose, n_boot=0, claims=False)  # not plotted
    spec = ChartSpec(
        dataset=ds,
        log_x=not args.linear_x,
        highlighted=highlighted or default_highlight(ds),
        trends=tuple((name, fit) for name, fit in result.trends if name not in curves),  # a curve is not a sweep
        decomposition=result.decomposition,
        frontier=result.frontier if args.frontier else None,
    )
    if args.out:
        from pathlib import Path

        return _plot_out(spec, Path(args.out), result.messages)
    if args.json:
        from .chart import chart_data

        _json_out(args, {**chart_data(spec), "messages": list(result.messages)})
        return 0
    size = os.get_terminal_size(sys.stdout.fileno()) if sys.stdout.isatty() else os.terminal_size((100, 30))
    width = args.width or min(size.columns, 140)
    height = args.height or max(min(size.lines - 2, 40), 15)
    if width < 30 or height < 10:
        raise ValueError("--width must be >= 30 and --height >= 10")
    plotext.clear_figure()
    plotext.limitsize(False, False)  # honour --width/--height even when stdout is not a terminal
    plotext.plotsize(width, height)
    colour = (
        sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") not in ("dumb", "unknown")
    )
    # a small chart has no legend box over its data: the legend is one line under the chart
    small = width < LEGEND_MIN[0] or height < LEGEND_MIN[1]
    spec = replace(spec, size=(width, height), legend=not small)
    draw_chart(plotext, spec)  # size: room for the legend
    text = plotext.build()
    print(text if colour else plotext.uncolorize(text))
    if small:
        for row in legend_rows(spec, width):
            print(row)
    for line in result.messages:
        print(printable(line))
    return 0


def _inspect_path(source: str):
    """The path of Inspect logs (a file or folder, local or remote: s3://, gs://, https://, read
    through the one file-access layer as every reader does), or None when ``source`` holds none."""
    from pathlib import Path

    from scalescope.engine.readers import detect_format
    from scalescope.engine.remote import is_remote, parse

    if is_remote(source):
        from scalescope.engine.readers import remote_is_inspect

        remote = parse(source)
        return remote if remote_is_inspect(remote) else None
    path = Path(source)
    return path if path.exists() and detect_format(path) == "inspect" else None


def _inspect_problems(args):
    """pass@k counts from Inspect logs: each (model and setting, task, sample id) with n epochs
    scored and c correct; notes on what is left out are printed after the output."""

    from scalescope.engine.errors import DataError
    from scalescope.engine.readers.inspect_logs import log_problems, read_log_folder

    logs, notes = read_log_folder(_inspect_path(args.source))
    if args.task is not None:
        tasks = sorted({g.task for g in logs})
        if args.task not in tasks:
            raise DataError(f"no task {args.task!r} in these logs (tasks: {', '.join(tasks)})", file=args.source)
        logs = [g for g in logs if g.task == args.task]
    problems, more = log_problems(logs, include_incomplete=args.include_incomplete)
    args.notes = (
        "a sample counts as correct when its headline score is 1 (C, true, 1.0); each epoch is one sample",
        *notes,
        *more,
    )
    return problems


def _plot_out(spec, out, messages) -> int:
    """plot --out: the figure and its CSV and JSON, each path printed in full."""
    from .figure import write_figure

    written = write_figure(spec, out, messages)
    for path in written:
        print(printable(str(path.resolve())))
    for line in messages:
        print(printable(line))
    return 0


def _misfit(table, power) -> str | None:
    """The power law's misfit warning (None when it lies within the coverage's uncertainty)."""
    import numpy as np

    from scalescope.engine.passk import misfit_line

    if power is None:
        return None
    coverage = table["coverage"].to_numpy(float)
    z = table["misfit_z"].to_numpy(float)
    live = np.isfinite(coverage) & ~np.isnan(z)
    resid = coverage - table["power_law"].to_numpy(float)
    return misfit_line(table["k"].to_numpy()[live], resid[live], z[live])


def cmd_passk(args) -> int:
    from scalescope.engine.passk import fixed_set_k_max
    from scalescope.engine.readers.persample import coverage_by_model, read_per_sample

    path = args.source
    if not os.path.lexists(path) and path in _known_ids():
        return _passk_dataset(args)
    problems = _inspect_problems(args) if _inspect_path(path) is not None else read_per_sample(path)
    per_model = coverage_by_model(problems, points=args.points)
    sizes = {str(m): g for m, g in problems.groupby("model", sort=False)}
    spend = {model: _per_sample_spend(group) for model, group in sizes.items()}
    if args.json:
        _json_out(
            args,
            {
                "models": {
                    model: {
                        "problems": len(sizes[model]),
                        "samples": [int(sizes[model]["n"].min()), int(sizes[model]["n"].max())],
                        "coverage": table.to_dict(orient="records"),
                        "power_law": None if power is None else power.as_dict(),
                        "power_law_not_fitted": why or None,
                        "power_law_misfit": _misfit(table, power),
                        "problem_set": fixed_set_k_max(sizes[model]["n"].to_numpy())[1]
                        or "every point uses every problem",
                        **spend[model],
                    }
                    for model, table, power, why in per_model
                }
            },
        )
        return 0
    console = _console()
    console.print(printable(f"{path}: {len(per_model)} model(s), each on its own (coverage is never pooled)"))
    for model, table, power, why in per_model:
        group = sizes[model]
        lo, hi = int(group["n"].min()), int(group["n"].max())
        console.print()
        console.print(printable(f"{model}: {len(group)} problems, {lo if lo == hi else f'{lo}-{hi}'} samples each"))
        for key, value in spend[model].items():
            what = "output tokens" if key.startswith("tokens") else "dollars"
            console.print(f"mean {what} per sample: {value['mean']:.6g} ({value['known']:,} samples known)")
        rows = [
            [f"{int(r.k)}", f"{r.coverage:.2f}", "" if power is None else f"{r.power_law:.2f}"]
            for r in table.itertuples()
        ]
        console.print(_table(["k", "coverage %", "power law %"], rows))
        note = fixed_set_k_max(group["n"].to_numpy())[1]
        if note:
            console.print(printable(f"note: {note}"))
        if power is not None:
            console.print(
                f"exponentiated power law: coverage = exp(-{power.a:.3g} k^{-power.beta:.3g}), " + power.r2_text()
            )
            misfit = _misfit(table, power)
            if misfit:
                console.print(printable("warning: " + misfit))
        else:
            console.print(printable(f"power law not fitted: {why}"))
    return 0


def _passk_dataset(args) -> int:
    """``passk ID``: a dataset whose x is samples per problem holds published coverage (or
    accuracy) at a few k, not per-sample results: shown per series as published, with the
    exponentiated power law fitted where the values are coverage."""
    import numpy as np

    from scalescope.engine.errors import DataError, FitError
    from scalescope.engine.passk import fit_power_law

    ds = _load(args)
    if ds.x.kind != "samples":
        raise DataError(
            f"{ds.id}: passk needs per-sample results or a dataset of coverage against samples per problem; "
            f"this one's x is {ds.x.name} (try `scalescope fit {ds.id}` or `scalescope plot {ds.id}`)"
        )
    is_coverage = "coverage" in ds.y_name.lower()
    out = {}
    for name in ds.series:
        pts = ds.series_points(name)
        keep = np.isfinite(pts["compute"])
        ks, cov = pts["compute"][keep], pts["score"][keep]
        order = np.argsort(ks, kind="stable")
        ks, cov = ks[order], cov[order]
        power, why = None, ""
        if not is_coverage:
            why = f"the values are {ds.y_name}, not coverage (pass@k): the power law describes coverage"
        else:
            try:
                power = fit_power_law(ks, cov / 100)
            except FitError as exc:
                why = str(exc)
        out[name] = (ks, cov, power, why)
    if args.json:
        _json_out(
            args,
            {
                "dataset": ds.id,
                "published": True,
                "models": {
                    name: {
                        "coverage": [{"k": float(k), "coverage": float(c)} for k, c in zip(ks, cov)],
                        "power_law": None if power is None else power.as_dict(),
                        "power_law_not_fitted": why or None,
                    }
                    for name, (ks, cov, power, why) in out.items()
                },
            },
        )
        return 0
    console = _console()
    console.print(
        printable(
            f"{ds.title}: {len(out)} series, {ds.y_name} at k as published (no per-sample results, so pass@k "
            "is not recomputed)"
        )
    )
    for name, (ks, cov, power, why) in out.items():
        console.print()
        console.print(printable(f"{name}: {len(ks)} value(s) of k"))
        rows = [
            [f"{k:g}", f"{c:.2f}", "" if power is None else f"{100 * float(power.predict(k)):.2f}"]
            for k, c in zip(ks, cov)
        ]
        console.print(_table(["k", f"{ds.y_name}", "power law %"], rows))
        if power is not None:
            console.print(
                f"exponentiated power law: coverage = exp(-{power.a:.3g} k^{-power.beta:.3g}), " + power.r2_text()
            )
        else:
            console.print(printable(f"power law not fitted: {why}"))
    return 0


def cmd_reduce(args) -> int:
    from scalescope.engine.errors import InputError
    from scalescope.engine.partials import reduce_source, write_partials

    from .report import to_json

    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    if args.engine == "dask":
        from scalescope.engine.distributed import reduce_dask

        reduced = reduce_dask(args.source, scheduler=args.scheduler, workers=args.workers)
    else:
        reduced = reduce_source(args.source)
    out = write_partials(reduced.table, args.out, overwrite=args.overwrite)
    what = "sample rows" if reduced.kind == "samples" else "partial rows"
    from scalescope.engine.remote import is_remote, parse

    summary = {
        "source": str(parse(args.source)) if is_remote(args.source) else str(args.source),
        "out": out,
        "read": reduced.kind,
        "rows": reduced.rows,
        "files": reduced.parts,
        "partials": len(reduced.table),
        "engine": reduced.engine,
        "seconds": round(reduced.seconds, 3),
        "notes": list(reduced.notes),
    }
    if args.json:
        print(to_json(summary))
        return 0
    print(
        printable(
            f"{args.source}: {reduced.rows:,} {what} in {reduced.parts:,} file(s) -> {len(reduced.table):,} partials "
            f"(one per model, setting, task, problem); {reduced.engine}, {reduced.seconds:.2f} s"
        )
    )
    print(printable(f"wrote {out}"))
    args.notes = reduced.notes
    return 0


def _per_sample_spend(group) -> dict:
    """Mean tokens and cost per sample where the partials carry them (only what is known)."""
    out = {}
    for name in ("tokens", "cost"):
        if f"{name}_known" in group and group[f"{name}_known"].sum() > 0:
            known = float(group[f"{name}_known"].sum())
            out[f"{name}_per_sample"] = {"mean": float(group[name].sum(skipna=True)) / known, "known": int(known)}
    return out


def cmd_budget(args) -> int:

    import numpy as np

    from scalescope.engine.budget import CAVEAT
    from scalescope.engine.errors import DataError
    from scalescope.engine.readers.inspect_logs import log_budget_curves, read_log_folder, tasks_of

    path = _inspect_path(args.source)
    if path is None:
        from scalescope.engine.remote import is_remote, parse

        shown = str(parse(args.source)) if is_remote(args.source) else args.source  # never a URL's credentials
        raise DataError("budget reads Inspect logs (.eval, .json, or a folder of them)", file=shown)
    logs, notes = read_log_folder(path)
    tasks = tasks_of(logs)
    task = args.task or (tasks[0] if len(tasks) == 1 else None)
    if task is None:
        raise DataError(f"these logs hold {len(tasks)} tasks ({', '.join(tasks)}); --task picks one", file=args.source)
    if task not in tasks:
        raise DataError(f"no task {task!r} in these logs (tasks: {', '.join(tasks)})", file=args.source)
    curves, more = log_budget_curves(
        [g for g in logs if g.task == task], points=args.points, include_incomplete=args.include_incomplete
    )
    args.notes = (*notes, *more)
    if args.json:
        _json_out(args, {"task": task, "caveat": CAVEAT, "curves": [c.as_dict() for c in curves]})
        return 0
    console = _console()
    console.print(printable(f"{task}: score within L output tokens per sample, each run from its own samples"))
    for c in curves:
        limit = f"limit {c.token_limit:,} tokens" if c.token_limit else "no token limit set"
        console.print()
        console.print(
            printable(
                f"{c.label}: {c.n_samples} samples, {c.full_score:.1f}% untruncated; "
                f"{c.limit_hit:.1f}% hit a limit in the run ({limit})"
                + (f"; {c.unknown_tokens} scored samples without a token count left out" if c.unknown_tokens else "")
            )
        )
        rows = [
            [f"{b:,.0f}", f"{v:.1f}", f"±{e:.1f}" if np.isfinite(e) else "-", f"{x:.1f}"]
            for b, v, e, x in zip(c.budgets, c.success, c.stderr, c.cut)
            if np.isfinite(v)
        ]
        console.print(_table(["L tokens", "score within L %", "± stderr", "cut off at L %"], rows))
        console.print(printable(f"± stderr: {c.stderr_method}"))
    console.print(printable(f"caveat: {CAVEAT}"))
    return 0


def cmd_claims(args) -> int:
    from scalescope.engine.claims import CLAIMS, all_claims, claim

    from .report import CLAIM_HEADERS, claim_detail_lines, claim_notes, claim_rows, claim_status_legend, to_json

    if args.claim is not None:
        if args.claim not in CLAIMS:
            raise ValueError(f"no claim {args.claim!r}: the rows are 1-{len(CLAIMS)}")
        c = claim(args.claim)
        if args.json:
            print(to_json(c.as_dict()))
            return 0
        for line in claim_detail_lines(c):
            print(printable(line))
        return 0
    claims = all_claims()
    if args.json:
        print(to_json([c.as_dict() for c in claims]))
        return 0
    import textwrap

    console = _console()
    legend = (
        "Ord's essays, checked: E1 = Inference Scaling and the Log-x Chart (Jan 2025), E2 = Evidence that "
        "Recent AI Gains are Mostly from Inference-Scaling (Oct 2025). source: ord = his words; cited = a "
        "figure he shows or cites (whose, in the notes); derived = our arithmetic (the formula, in the notes). "
        "in CI: Ord's figure inside our 95 % interval (a bound: the whole interval beyond it); - = no interval; "
        "inside 2 of 3 = the other estimates have none. status:"
    )
    for line in textwrap.wrap(legend, LEGEND_WIDTH, break_long_words=False, break_on_hyphens=False):
        console.print(line)
    for line in claim_status_legend():
        for part in textwrap.wrap(line, LEGEND_WIDTH, subsequent_indent="    ", break_long_words=False):
            console.print(printable(part))
    console.print(_ClaimsTable(_table(CLAIM_HEADERS, claim_rows(claims))))
    for line in claim_notes(claims):
        console.print(printable(line))
    return 0


LEGEND_WIDTH = 80  # the claims legend's lines: within an 80-column terminal, wherever it is printed
WORD_MAX = 24  # a column keeps its longest word whole up to this many cells


class _ClaimsTable:
    """The claims table at the console's width, with every word whole and nothing cut: rich's table
    where it fits; where it must narrow, each column keeps its longest word (the widest column
    narrows first, never below it) and cells wrap at their spaces; where even that cannot fit (8
    columns: about 99 cells, so at 80 columns), one block per claim, its fields one per line,
    wrapped at spaces. rich alone cut words at 80 columns, statuses among them ('within_…')."""

    def __init__(self, table: _Table) -> None:
        self.table = table

    def __rich_console__(self, console, options):
        from rich import box
        from rich.cells import cell_len
        from rich.table import Table

        from .text import literal

        headers = [str(h) for h in self.table.headers]
        rows = [[printable(cell) for cell in row] for row in self.table.rows]
        columns = [[h, *(row[i] for row in rows)] for i, h in enumerate(headers)]
        natural = [max(cell_len(line) for text in col for line in text.splitlines() or [""]) for col in columns]
        words = [min(WORD_MAX, max([cell_len(w) for text in col for w in text.split()] or [1])) for col in columns]
        room = options.max_width - 3 * (len(headers) - 1) - 2  # cells one space from the edges, three apart
        if sum(natural) <= room:
            yield self.table.__rich__()
            return
        if sum(words) <= room:
            widths = list(natural)
            while sum(widths) > room:  # the widest column that can still narrow, a cell at a time
                i = max((i for i in range(len(widths)) if widths[i] > words[i]), key=lambda i: widths[i])
                widths[i] -= 1
            table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
            for header, width in zip(headers, widths):
                table.add_column(header, width=width)
            for row in rows:
                table.add_row(*(literal(cell) for cell in row))
            yield table
            return
        label = max(cell_len(h) for h in headers[3:])
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True, min_width=max(cell_len(r[0]) for r in rows) + 1)
        grid.add_column(no_wrap=True, min_width=label + 1)
        grid.add_column(ratio=1)
        grid.add_row("", "", "")  # a blank line first, as the table's top edge
        for number, essay, source, claim, figure, ours, status, in_ci in rows:
            grid.add_row(literal(number), literal(headers[3]), literal(claim))
            grid.add_row("", literal(headers[4]), literal(figure))
            grid.add_row("", literal(headers[5]), literal(ours))
            grid.add_row("", literal(headers[6]), literal(f"{status}; {headers[7]}: {in_ci}"))
            grid.add_row("", literal(headers[1]), literal(f"{essay}; {headers[2]}: {source}"))
            grid.add_row("", "", "")
        yield grid


def cmd_years(args) -> int:
    from scalescope.engine.affordable import years_until_affordable

    years = years_until_affordable(args.ratio, args.decline)
    if args.json:
        from .report import to_json

        print(to_json({"ratio": args.ratio, "yearly_decline": args.decline, "years": years}))
        return 0
    if args.ratio <= 1:
        print(f"{args.ratio:g}x the affordable cost is affordable already: no years to wait")
        return 0
    print(
        f"{args.ratio:g}x too expensive becomes affordable in {years:.1f} years, if the cost of a fixed "
        f"capability keeps falling {args.decline:g}x a year (an assumption, not a forecast)"
    )
    return 0


COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "fit": cmd_fit,
    "decompose": cmd_decompose,
    "compare": cmd_compare,
    "frontier": cmd_frontier,
    "plot": cmd_plot,
    "passk": cmd_passk,
    "reduce": cmd_reduce,
    "years": cmd_years,
    "claims": cmd_claims,
    "budget": cmd_budget,
    "fetch": cmd_fetch,
}


if __name__ == "__main__":
    sys.exit(main())

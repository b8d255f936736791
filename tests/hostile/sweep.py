"""Run every file of the hostile corpus through every command, each in its own process with a
memory limit and a timeout, and check what came out.

    python tests/hostile/sweep.py [DEST]     # build the corpus (in DEST or a temporary folder), sweep, summarise

Two worker processes (a process pool of 2) each import scalescope once; every (file, command)
then runs in a child forked from a worker, which is what ``python -m scalescope COMMAND FILE``
does (``sys.exit(main(argv))``, a traceback and exit 1 on an uncaught exception) without paying
Python's start-up and imports 1,300 times. Each child gets RLIMIT_AS (address space) of
MEMORY_LIMIT, its stdout and stderr go to files, and it is killed after TIMEOUT seconds. Its peak
resident memory comes from ``wait4``. tests/test_hostile.py also runs a sample of files through
real ``python -m scalescope`` processes.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import signal
import stat
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

COMMANDS = ("show", "fit", "decompose", "compare", "plot", "passk", "frontier", "budget", "reduce", "dollars")
EXTRA = {
    "decompose": ["--bootstrap", "100"],
    "compare": ["a", "b"],
    "plot": ["--width", "100", "--height", "30"],
}
# the commands added after the first sweep; each file of the classes that existed before them runs
# through one of these (in turn) rather than all four, to keep the slow tier's run time down
NEW_COMMANDS = ("frontier", "budget", "reduce", "dollars")
OLD_CLASSES = frozenset(
    ("markup", "control", "inspect-shape", "deep", "bomb", "counts", "numeric", "special", "duplicate",
     "fraction", "size", "encoding", "parquet", "folders", "numbers", "names")
)  # fmt: skip
# classes whose file holds an argument rather than a source, or whose every command goes through
# the same reader (decompose and compare load a file as fit does): they run these commands only,
# which keeps the slow tier's extra run time to a few minutes
ARG_COMMANDS = {
    "remote": ("show", "passk", "budget", "reduce", "dollars"),  # each way a source is opened
    "prices": ("show", "plot"),  # --x dollars --prices FILE on a bundled dataset
    "claim": ("claims",),  # claims --claim N
    "out-path": ("plot",),  # plot DATASET --out PATH
}
PRICED = "math-level-5"  # a bundled dataset whose models a price file can price
# secrets written into the corpus's remote URLs: never to be printed
SECRETS = ("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "hunter2secret")


def commands_for(cls: str, index: int = 0) -> tuple[str, ...]:
    """The commands a file of class ``cls`` runs through in the full sweep (``index``: the file's
    place in the corpus, which picks the new command an old class's file runs)."""
    if cls in ARG_COMMANDS:
        return ARG_COMMANDS[cls]
    if cls in OLD_CLASSES:
        old = tuple(c for c in COMMANDS if c not in NEW_COMMANDS)
        return (*old, NEW_COMMANDS[index % len(NEW_COMMANDS)])
    return tuple(c for c in COMMANDS if c not in ("decompose", "compare"))


MEMORY_LIMIT = 1536 * 1024**2  # RLIMIT_AS of each child
MEMORY_GOAL = 1024**3  # peak resident memory any command may use
TIMEOUT = 60.0  # a child still running after this is a hang (the goal is an answer within 30 s)
SLOW = 30.0

# what must never reach a terminal from our output: C0 but tab and newline, DEL, C1, and the
# bidirectional embedding / override / isolate controls
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def argv_for(command: str, path: str, cls: str = "", scratch: str = "") -> list[str]:
    """The command line of one run: ``command`` on ``path``, or, for the classes whose file holds
    an argument (a URL, a claim number, an output path), on what the file holds."""
    if cls in ("remote", "claim", "out-path"):
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            arg = handle.read()
        if cls == "remote":
            path = arg
        elif cls == "claim":
            return ["claims", "--claim", arg]
        else:
            if arg and not os.path.isabs(arg) and "://" not in arg and arg != "-":
                arg = os.path.join(scratch, arg)
            return ["plot", PRICED, "--out", arg]
    if cls == "prices":
        return [command, PRICED, "--x", "dollars", "--prices", path, *EXTRA.get(command, [])]
    if command == "dollars":
        return ["show", path, "--x", "dollars"]
    if command == "reduce":
        return ["reduce", path, "--out", os.path.join(scratch, f"reduce-{os.getpid()}-{time.monotonic_ns()}.parquet")]
    return [command, path, *EXTRA.get(command, [])]


def _preimport() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import plotext  # noqa: F401
    import pyarrow.csv  # noqa: F401
    import pyarrow.parquet  # noqa: F401
    import rich.console  # noqa: F401
    import rich.table  # noqa: F401
    import scipy.optimize  # noqa: F401
    import scipy.special  # noqa: F401
    import scipy.stats  # noqa: F401

    import scalescope.engine.compare  # noqa: F401
    import scalescope.engine.decompose  # noqa: F401
    import scalescope.engine.fit  # noqa: F401
    import scalescope.engine.io  # noqa: F401
    import scalescope.tui.chart  # noqa: F401
    import scalescope.tui.cli  # noqa: F401
    import scalescope.tui.state  # noqa: F401


def _child(argv: list[str], out: str, err: str) -> None:
    """In the forked child: what ``python -m scalescope ARGV`` does, then exit."""
    code = 1
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        for fd, name in ((1, out), (2, err)):
            handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(handle, fd)
            os.close(handle)
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        sys.argv = ["scalescope", *argv]
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from scalescope.tui.cli import main

        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code if isinstance(code, int) else 1)


def run_one(argv: list[str], workdir: str) -> dict:
    """Fork a child for ``argv``; its exit code, stdout, stderr, peak memory and time."""
    fd_out, out = tempfile.mkstemp(dir=workdir, suffix=".out")
    fd_err, err = tempfile.mkstemp(dir=workdir, suffix=".err")
    os.close(fd_out)
    os.close(fd_err)
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(argv, out, err)
    hang = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - start > TIMEOUT:
            hang = True
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.01)
    seconds = time.monotonic() - start
    stdout = Path(out).read_bytes()
    stderr = Path(err).read_bytes()
    os.unlink(out)
    os.unlink(err)
    code = os.waitstatus_to_exitcode(status)
    return {
        "argv": argv,
        "code": code,
        "stdout": stdout.decode("utf-8", errors="replace"),
        "stderr": stderr.decode("utf-8", errors="replace"),
        "stdout_raw_ok": _raw_ok(stdout),
        "stderr_raw_ok": _raw_ok(stderr),
        "hang": hang,
        "seconds": seconds,
        "maxrss": usage.ru_maxrss * 1024,  # KiB on Linux
    }


def _raw_ok(data: bytes) -> bool:
    """No C0 control byte but tab and newline, no DEL, in the raw bytes (C1 and bidi controls are
    looked for in the decoded text)."""
    return not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data)


def fingerprint(path: Path) -> str:
    """A hash of what a path is and holds, never opening anything but regular files (a FIFO or a
    device is described by its lstat, a folder by its entries)."""
    h = hashlib.sha256()

    stack = [path]  # depth first, without recursion: the corpus holds a folder 1,100 levels deep
    while stack:
        p = stack.pop()
        st = os.lstat(p)
        h.update(f"{os.fsencode(p)!r}:{stat.S_IFMT(st.st_mode)}:{st.st_mode}:{st.st_size}:{st.st_mtime_ns}".encode())
        if stat.S_ISLNK(st.st_mode):
            h.update(os.fsencode(os.readlink(p)))
        elif stat.S_ISREG(st.st_mode):
            with open(p, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    h.update(block)
        elif stat.S_ISDIR(st.st_mode):
            stack.extend(p / child for child in sorted(os.listdir(p), reverse=True))
    return h.hexdigest()


def problems(result: dict) -> list[str]:
    """What is wrong with one command's outcome (empty: fine)."""
    out: list[str] = []
    err = result["stderr"]
    if result["hang"]:
        out.append(f"hang (killed after {TIMEOUT:.0f} s)")
    elif result["code"] not in (0, 2):
        out.append(f"exit {result['code']}")
    if "Traceback" in err or "Traceback" in result["stdout"]:
        out.append("traceback")
    if result["code"] == 2:
        lines = err.splitlines()
        if len(lines) != 1 or not lines[0].startswith("scalescope: "):
            out.append(f"{len(lines)} stderr lines, not one 'scalescope: ...' line")
    if result["code"] == 0 and err and any(not line.startswith("note: ") for line in err.splitlines()):
        out.append("stderr other than notes on success")
    if not (result["stdout_raw_ok"] and result["stderr_raw_ok"]) or CONTROL.search(result["stdout"] + err):
        out.append("control character in the output")
    if any(secret in result["stdout"] + err for secret in SECRETS):
        out.append("a secret from the URL printed")
    if result["maxrss"] > MEMORY_GOAL:
        out.append(f"peak memory {result['maxrss'] / 1024**2:.0f} MiB over {MEMORY_GOAL / 1024**2:.0f} MiB")
    return out


def _job(args: tuple[str, str, str, str]) -> dict:
    command, path, cls, workdir = args
    scratch = tempfile.mkdtemp(dir=workdir, prefix="scratch-")
    try:
        result = run_one(argv_for(command, path, cls, scratch), workdir)
    finally:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)
    result["command"], result["path"] = command, path
    return result


def sweep(
    dest: Path, classes: dict[str, str], workers: int = 2, commands: dict[str, tuple[str, ...]] | None = None
) -> tuple[list[dict], dict[str, str]]:
    """Every file through every command (or through ``commands[name]`` when given); returns the
    results and the names of files changed."""
    before = {name: fingerprint(dest / name) for name in classes}
    jobs = [
        (command, str(dest / name), classes[name], str(dest.parent))
        for i, name in enumerate(classes)
        for command in (commands_for(classes[name], i) if commands is None else commands[name])
    ]
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_preimport) as pool:
        results = list(pool.map(_job, jobs, chunksize=4))
    changed = {name: classes[name] for name in classes if fingerprint(dest / name) != before[name]}
    return results, changed


def summary(results: list[dict], classes: dict[str, str], changed: dict[str, str], dest: Path) -> str:
    rows: dict[str, dict[str, float]] = {}
    for r in results:
        cls = classes[Path(r["path"]).name]
        row = rows.setdefault(
            cls, {"files": 0, "runs": 0, "exit0": 0, "exit2": 0, "tracebacks": 0, "hangs": 0, "slow": 0,
                  "control": 0, "peak_mib": 0.0, "max_s": 0.0, "bad": 0}
        )  # fmt: skip
        row["runs"] += 1
        row["exit0"] += r["code"] == 0
        row["exit2"] += r["code"] == 2
        row["tracebacks"] += "Traceback" in r["stderr"]
        row["hangs"] += r["hang"]
        row["slow"] += r["seconds"] > SLOW
        row["control"] += "control character in the output" in problems(r)
        row["peak_mib"] = max(row["peak_mib"], r["maxrss"] / 1024**2)
        row["max_s"] = max(row["max_s"], r["seconds"])
        row["bad"] += bool(problems(r))
    for cls in classes.values():
        rows[cls]["files"] += 1
    head = f"{'class':14} {'files':>5} {'runs':>5} {'exit0':>5} {'exit2':>5} {'trace':>5} {'hang':>4} {'>30s':>4} {'ctrl':>4} {'changed':>7} {'peak MiB':>8} {'max s':>6} {'bad':>4}"
    lines = [head]
    for cls in sorted(rows):
        row = rows[cls]
        n_changed = sum(1 for c in changed.values() if c == cls)
        lines.append(
            f"{cls:14} {row['files']:5d} {row['runs']:5d} {row['exit0']:5d} {row['exit2']:5d} {row['tracebacks']:5d} "
            f"{row['hangs']:4d} {row['slow']:4d} {row['control']:4d} {n_changed:7d} {row['peak_mib']:8.0f} "
            f"{row['max_s']:6.1f} {row['bad']:4d}"
        )
    total = {
        key: sum(r[key] for r in rows.values())
        for key in ("files", "runs", "exit0", "exit2", "tracebacks", "hangs", "slow", "control", "bad")
    }
    peak = max(r["peak_mib"] for r in rows.values())
    slowest = max(r["max_s"] for r in rows.values())
    lines.append(
        f"{'total':14} {total['files']:5d} {total['runs']:5d} {total['exit0']:5d} {total['exit2']:5d} "
        f"{total['tracebacks']:5d} {total['hangs']:4d} {total['slow']:4d} {total['control']:4d} {len(changed):7d} "
        f"{peak:8.0f} {slowest:6.1f} {total['bad']:4d}"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.hostile.make_corpus import build
    from tests.hostile.sweep import problems, summary, sweep

    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(argv[0]) if argv else Path(tmp) / "corpus"
        classes = build(dest)
        start = time.monotonic()
        results, changed = sweep(dest, classes)
        for r in results:
            found = problems(r)
            if found:
                shown = (r["stderr"].strip().splitlines() or [""])[-1][:300]
                print(
                    f"{classes[Path(r['path']).name]:13} {r['command']:9} {Path(r['path']).name!r}: {'; '.join(found)} | {shown!r}"
                )
        print(summary(results, classes, changed, dest))
        print(f"{len(results)} runs in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

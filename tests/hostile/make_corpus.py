"""Write a hostile corpus: files an attacker or an unlucky user could hand to scalescope.

    python tests/hostile/make_corpus.py DEST        # writes the corpus into DEST, prints a summary

or from a test: ``build(dest) -> {file name: class}``. Nothing here is committed: every file is
generated into a temporary folder at test time (some are FIFOs, sockets, symlinks to devices,
zip bombs or tens of MB), so the repository stays small and ``git status`` stays clean.

Classes (the value in the returned mapping):

markup        Rich/Textual markup in series, model, header, cell and file names
control       terminal control characters (OSC title, clear screen, CR, BEL, C1 CSI, RLO) in
              data and in file names
inspect-shape Inspect logs (.eval zip and .json) whose header has the wrong shape or types
deep          JSON / JSONL / Inspect headers nested 100,000 deep
bomb          small .eval files whose header.json inflates to GiBs (deflate and zstd, honest and
              lying sizes)
counts        per-sample counts files with absurd n (1e18, 1e15, 5000 digits)
numeric       flat series, subnormal, huge, tiny and non-finite numbers
special       FIFOs, a socket, symlinks to /dev/zero and to a FIFO, directories named like files,
              dangling and looping symlinks, folders of logs with such entries
duplicate     two columns for one field (same header twice, tokens and cost, model and
              model_version, duplicate JSON keys)
fraction      score columns whose values all lie in [0, 1]
size          a 1M-column header, a points CSV of tens of MB, one enormous line, many rows
encoding      empty files, BOMs, UTF-16, bad UTF-8, NUL bytes, CR line ends
parquet       Parquet bombs: a few KB of dictionary-encoded text standing for 100 GB (with and
              without the Arrow schema), struct and list id columns, lists nested deep
folders       a folder 900 levels deep (tests/test_files_deep.py: 1,100), a folder of 300 Parquet shards, a folder whose one log
              has a Latin-1 name
numbers       Arabic-Indic and full-width digits, 1_000, a score that underflows (1e-400), Epoch
              runs whose start times mix UTC offsets
names         good files (points CSV, Inspect .eval, Epoch export, per-sample CSV) whose names
              are Latin-1 bytes, not UTF-8 (issue #20 item 13)
arc-harness   ARC Prize harness folders (<task_id>.json of attempts): wrong types, huge numbers
              (1e308 costs that sum to inf, 5000-digit tokens), deep nesting, markup/control names
matharena     MathArena per-attempt tables (CSV, Parquet): wrong columns, NaN / negative / inf
              cost, text in correct, 50,000 attempts of one problem
partials      partials Parquet / CSV: c > n, negative n, n as text or float, 1e18 n, null keys
prices        price files for ``--x dollars --prices FILE`` (swept with a bundled dataset):
              negative, 1e400 and 1e308 prices, bad dates, missing columns, control characters
remote        remote sources (the file holds the URL, swept as the source): s3:// with no bucket,
              https://127.0.0.1:1/x (nothing listening), gs:// with no credentials, credentials
              in a URL (must never be printed)
claim         ``claims --claim N`` with a hostile N (the file holds N)
out-path      ``plot --out PATH`` with a hostile PATH (the file holds it; relative paths land in
              the sweep's scratch folder, never in the corpus)
"""

from __future__ import annotations

import io
import json
import os
import socket
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

GOOD = "model,compute,score\na,10,20\nb,100,30\nc,1000,40\n"
ESC, BEL, CSI1 = "\x1b", "\x07", "\u009b"
OSC_TITLE = f"{ESC}]0;pwned{BEL}"
CLEAR = f"{ESC}[2J"
RLO = "\u202e"

MARKUPS = (
    "[link=https://x.example]S0[/link]",
    "[@click=app.quit]Q0[/]",
    "x[/bold]",
    "[link=file:///x]B[/]",
    "[/]",
    "[bold red]loud[/bold red]",
    "[on red]" + "w" * 30 + "[/on red]",
)
CONTROLS = (
    OSC_TITLE,
    CLEAR,
    "good\rEVIL",
    f"bell{BEL}",
    f"c1{CSI1}31mred",
    f"rlo{RLO}txt.exe",
    "nul\x00byte",
    "del\x7fchar",
    f"{ESC}[31mred{ESC}[0m",
    "line\nbreak",
)


# ---------------------------------------------------------------------------- Inspect logs


def inspect_header(model: str = "m/a", task: str = "toy", accuracy: float = 0.5, tokens: int = 4000) -> dict:
    """A minimal header that scalescope reads as one good point."""
    return {
        "version": 2,
        "status": "success",
        "eval": {
            "task": task,
            "model": model,
            "run_id": "run1",
            "dataset": {"samples": 10},
            "config": {"epochs": 1},
            "model_generate_config": {},
        },
        "plan": {"config": {}},
        "results": {
            "total_samples": 10,
            "completed_samples": 10,
            "headline": {"scorer": "includes"},
            "scores": [{"name": "includes", "metrics": {"accuracy": {"value": accuracy}, "stderr": {"value": 0.1}}}],
        },
        "stats": {"model_usage": {model: {"output_tokens": tokens}}},
    }


def eval_zip(header: object | bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """An .eval container (deflate) holding header.json (an object, or raw bytes)."""
    data = header if isinstance(header, bytes) else json.dumps(header).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_journal/start.json", b"{}")
        archive.writestr("header.json", data)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


NULL = object()  # a change that makes the whole header JSON null


def _mutated(change: Callable[[dict], object]) -> object:
    header = inspect_header()
    out = change(header)
    return header if out is None else (None if out is NULL else out)


def _set(path: str, value: object) -> Callable[[dict], None]:
    keys = path.split(".")

    def change(header: dict) -> None:
        node = header
        for key in keys[:-1]:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(keys[-1]) if isinstance(node, list) else keys[-1]] = value

    return change


WRONG_SHAPES: dict[str, Callable[[dict], object]] = {
    "header_list": lambda h: [h],
    "header_string": lambda h: "header",
    "header_null": lambda h: NULL,
    "total_forty": _set("results.total_samples", "forty"),
    "completed_forty": _set("results.completed_samples", "forty"),
    "total_negative": _set("results.completed_samples", -10),
    "scores_dict": _set("results.scores", {"includes": {"accuracy": 0.5}}),
    "scores_strings": _set("results.scores", ["includes"]),
    "eval_string": _set("eval", "toy"),
    "eval_list": _set("eval", [1, 2]),
    "metrics_list": _set("results.scores.0.metrics", [{"name": "accuracy", "value": 0.5}]),
    "metric_number": _set("results.scores.0.metrics.accuracy", 0.5),
    "model_list": _set("eval.model", ["m/a"]),
    "model_dict": _set("eval.model", {"name": "m/a"}),
    "task_number": _set("eval.task", 7),
    "accuracy_high": _set("results.scores.0.metrics.accuracy.value", "high"),
    "accuracy_bool": _set("results.scores.0.metrics.accuracy.value", True),
    "accuracy_nan": _set("results.scores.0.metrics.accuracy.value", float("nan")),
    "accuracy_huge": _set("results.scores.0.metrics.accuracy.value", 1e308),
    "stderr_string": _set("results.scores.0.metrics.stderr.value", "small"),
    "usage_list": _set("stats.model_usage", ["m/a"]),
    "tokens_string": _set("stats.model_usage.m/a", {"output_tokens": "many"}),
    "tokens_negative": _set("stats.model_usage.m/a", {"output_tokens": -5}),
    "status_list": _set("status", ["success"]),
    "results_string": _set("results", "great"),
    "headline_string": _set("results.headline", "includes"),
    "config_string": _set("plan.config", "fast"),
    "reasoning_tokens_text": _set("eval.model_generate_config", {"reasoning_tokens": "lots"}),
    "epochs_string": _set("eval.config", {"epochs": "two"}),
    "samples_string": _set("eval.dataset", {"samples": "ten"}),
}


def _json_huge_int(digits: int = 5000) -> bytes:
    header = json.dumps(inspect_header())
    return header.replace('"completed_samples": 10', '"completed_samples": ' + "9" * digits).encode()


def _duplicate_key_header() -> bytes:
    header = json.dumps(inspect_header())
    return header.replace('"model": "m/a"', '"model": "m/a", "model": "m/b"', 1).encode()


# ---------------------------------------------------------------------------- zip bombs


def _gf2_times(mat: list[int], vec: int) -> int:
    out, i = 0, 0
    while vec:
        if vec & 1:
            out ^= mat[i]
        vec >>= 1
        i += 1
    return out


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A + B from crc(A), crc(B) and len(B) (zlib's crc32_combine, which Python lacks)."""
    if len2 == 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = [_gf2_times(odd, odd[n]) for n in range(32)]
    odd = [_gf2_times(even, even[n]) for n in range(32)]
    while True:
        even = [_gf2_times(odd, odd[n]) for n in range(32)]
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = [_gf2_times(even, even[n]) for n in range(32)]
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_repeat(chunk: bytes, count: int, crc: int = 0) -> int:
    """CRC-32 of ``crc``'s data followed by ``count`` copies of ``chunk``, without writing them."""
    piece, length = zlib.crc32(chunk), len(chunk)
    while count:
        if count & 1:
            crc = crc32_combine(crc, piece, length)
        piece = crc32_combine(piece, piece, length)
        length *= 2
        count >>= 1
    return crc


def _deflate_run(byte: bytes, size: int) -> tuple[bytes, int]:
    """Raw deflate of ``size`` copies of ``byte``, built from one compressed MiB repeated (each
    chunk ends with a full flush, so the chunks are independent), and its CRC-32."""
    chunk = byte * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    count = size >> 20
    return block * count, crc32_repeat(chunk, count)


def _zstd_rle(prefix: bytes, byte: bytes, size: int, suffix: bytes) -> tuple[bytes, int]:
    """A Zstandard frame written by hand: a raw block, RLE blocks of ``byte`` (4 bytes per 128 KiB),
    a raw last block. Returns the frame and the CRC-32 of what it inflates to."""
    block = 1 << 17
    out = bytearray(struct.pack("<I", 0xFD2FB528))
    out += bytes([0x00, 7 << 3])  # no content size, no checksum; window 128 KiB

    def header(last: int, kind: int, length: int) -> bytes:
        return (last | (kind << 1) | (length << 3)).to_bytes(3, "little")

    out += header(0, 0, len(prefix)) + prefix
    crc = zlib.crc32(prefix)
    out += (header(0, 1, block) + byte) * (size // block)
    crc = crc32_repeat(byte * block, size // block, crc)
    out += header(1, 0, len(suffix)) + suffix
    crc = zlib.crc32(suffix, crc)
    return bytes(out), crc


def _zip_raw(name: str, method: int, payload: bytes, crc: int, size: int, *, declared: int | None = None) -> bytes:
    """A one-member zip written by hand (zipfile would compress the member itself)."""
    return zip_members([(name, method, payload, crc, size if declared is None else declared)])


def zip_members(members: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A zip of already-compressed members: (name, method, payload, crc, declared size)."""
    body, directory = b"", b""
    for name, method, payload, crc, declared in members:
        fname = name.encode()
        offset = len(body)
        local = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(payload), declared, len(fname), 0
        )
        central = struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(payload),
            declared,
            len(fname),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        body += local + fname + payload
        directory += central + fname
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(body), 0)
    return body + directory + end


def bomb_deflate(size: int = 1 << 30, declared: int | None = None) -> bytes:
    payload, _ = _deflate_run(b" ", size)
    prefix = b'{"status": "success", "eval": {"model": "m", "task": "t"}, "pad": "'
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(b'"}') + tail.flush()
    crc = zlib.crc32(b'"}', crc32_repeat(b" " * (1 << 20), size >> 20, zlib.crc32(prefix)))
    total = len(prefix) + size + 2
    return _zip_raw("header.json", 8, head + payload + end, crc, total, declared=declared)


def bomb_zstd(size: int = 3 << 30, declared: int | None = None) -> bytes:
    prefix = b'{"status": "success", "eval": {"model": "m", "task": "t"}, "pad": "'
    frame, crc = _zstd_rle(prefix, b" ", size, b'"}')
    return _zip_raw("header.json", 93, frame, crc, len(prefix) + size + 2, declared=declared)


# ---------------------------------------------------------------------------- the corpus


class Corpus:
    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.classes: dict[str, str] = {}

    def add(self, cls: str, name: str, content: str | bytes) -> Path:
        path = self.dest / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        self.classes[name] = cls
        return path

    def special(self, cls: str, name: str, make: Callable[[Path], None]) -> None:
        path = self.dest / name
        try:
            make(path)
        except OSError as exc:  # e.g. no FIFOs on this file system: leave the case out, say so
            print(f"make_corpus: skipped {name!r}: {exc}", file=sys.stderr)
            return
        self.classes[name] = cls


def _markup(c: Corpus) -> None:
    for i, m in enumerate(MARKUPS):
        c.add("markup", f"markup_series_{i}.csv", f"model,series,compute,score\na,{m},10,20\nb,{m},100,30\n")
        c.add("markup", f"markup_model_{i}.csv", f"model,compute,score\n{m},10,20\nother,100,30\n")
    c.add("markup", "markup_header.csv", "model,compute,[@click=app.quit]Pct[/]\na,10,20\n")
    c.add("markup", "markup_header_unknown.csv", "[link=file:///x]M[/],[b]C[/b],[@click=app.quit]S[/]\na,1,2\n")
    c.add("markup", "markup_bad_cell.csv", "model,compute,score\na,10,20\nb,[/],30\n")
    c.add("markup", "markup_bad_cell_click.csv", "model,compute,score\na,10,[@click=app.quit]x[/]\n")
    c.add(
        "markup", "markup_label.csv", "model,compute,score,label,source\na,10,20,[/],[link=x]s[/link]\nb,100,30,x,y\n"
    )
    c.add("markup", "markup_benchmark.csv", "benchmark,model,compute,score\n[@click=app.quit]B[/],a,10,20\n")
    c.add("markup", "e08_[bold red]file[@click=app.quit]x.csv", GOOD)
    c.add("markup", "[link=https:x.example]name.csv", GOOD)  # no "/" in a file name
    c.add("markup", "[bold]unclosed[@click=app.quit].csv", GOOD)
    c.add("markup", "markup_inspect_model.eval", eval_zip(inspect_header(model="[@click=app.quit]M[/]")))
    c.add("markup", "markup_inspect_task.json", json.dumps(inspect_header(task="[link=https://x]T[/link]")))
    c.add("markup", "markup_persample_model.csv", "model,problem,correct\n[@click=app.quit]P[/],q1,1\nx[/bold],q1,0\n")
    c.add(
        "markup",
        "markup_reasoning.csv",
        "model,series,role,compute,score\n[b]base[/b],[b]base[/b],base,,10\n"
        "r1,[@click=app.quit]R[/],reasoning,100,20\nr2,[@click=app.quit]R[/],reasoning,1000,40\n",
    )


def _control(c: Corpus) -> None:
    for i, ctl in enumerate(CONTROLS):
        cell = ctl.replace("\n", "\\n") if i == 9 else ctl  # a raw newline would split the row
        c.add("control", f"control_series_{i}.csv", f"model,series,compute,score\na,{cell},10,20\nb,{cell},100,30\n")
    c.add("control", "control_model.csv", f"model,compute,score\n{OSC_TITLE}{CLEAR},10,20\ngood\rEVIL,100,30\n")
    c.add("control", "control_header.csv", f"model,compute,sc{ESC}[2Jore\na,10,20\n")
    c.add("control", "control_bad_cell.csv", f"model,compute,score\na,10,20\nb,{OSC_TITLE},30\n")
    c.add("control", "control_json.json", json.dumps([{"model": OSC_TITLE + "m", "compute": 10, "score": 20}]))
    c.add("control", "control_inspect.eval", eval_zip(inspect_header(model=f"m{OSC_TITLE}{CLEAR}")))
    c.add("control", "control_persample.csv", f"model,problem,correct\nm{ESC}[2J,q1,1\nm{ESC}[2J,q2,0\n")
    # control characters in the file names themselves
    for i, name in enumerate(
        (
            f"e07_{OSC_TITLE}{CLEAR}.csv",
            "cr\rEVIL.csv",
            f"bel{BEL}.csv",
            f"c1{CSI1}2J.csv",
            f"rlo{RLO}vsc.csv",
            "tab\tname.csv",
            "nl\nname.csv",
            f"{ESC}[31mred.eval",
        )
    ):
        content = eval_zip(inspect_header()) if name.endswith(".eval") else GOOD
        c.add("control", name, content)
        if i == 0:  # and a bad file with such a name: the error line carries the name
            c.add("control", f"bad_{OSC_TITLE}.csv", "model,compute,score\na,ten,20\n")


def _inspect_shape(c: Corpus) -> None:
    for name, change in WRONG_SHAPES.items():
        header = _mutated(change)
        c.add("inspect-shape", f"inspect_{name}.eval", eval_zip(header))
        c.add("inspect-shape", f"inspect_{name}.json", json.dumps(header))
    c.add("inspect-shape", "inspect_huge_int.json", _json_huge_int())
    c.add("inspect-shape", "inspect_huge_int.eval", eval_zip(_json_huge_int()))
    c.add("inspect-shape", "inspect_duplicate_key.json", _duplicate_key_header())
    c.add("inspect-shape", "inspect_header_not_json.eval", eval_zip(b"\xff\xfe not json"))
    c.add("inspect-shape", "inspect_header_empty.eval", eval_zip(b""))
    # a folder of logs: two good, one of each kind of bad; the good ones must load
    folder = c.dest / "logs_one_bad"
    folder.mkdir()
    (folder / "a.eval").write_bytes(eval_zip(inspect_header(model="m/a", accuracy=0.4, tokens=1000)))
    (folder / "b.eval").write_bytes(eval_zip(inspect_header(model="m/b", accuracy=0.6, tokens=4000)))
    (folder / "bad_list.eval").write_bytes(eval_zip([inspect_header()]))
    (folder / "bad_forty.json").write_text(json.dumps(_mutated(WRONG_SHAPES["total_forty"])))
    (folder / "bad_deep.json").write_text('{"eval": ' + "[" * 100_000 + "]" * 100_000 + ', "version": 2}')
    c.classes["logs_one_bad"] = "inspect-shape"


def _deep(c: Corpus) -> None:
    depth = 100_000
    c.add("deep", "deep_list.json", "[" * depth + "]" * depth)
    c.add("deep", "deep_object.json", '{"a":' * depth + "1" + "}" * depth)
    c.add("deep", "deep_points.json", '[{"model": "a", "compute": 10, "score": ' + "[" * depth + "]" * depth + "}]")
    c.add("deep", "deep_line.jsonl", '{"model": "a", "compute": 10, "score": 20}\n' + "[" * depth + "]" * depth + "\n")
    c.add("deep", "deep_monkeys.jsonl", '{"question": "q", "is_corrects": ' + "[" * depth + "]" * depth + "}\n")
    c.add("deep", "deep_inspect.json", '{"version": 2, "status": "success", "eval": ' + "[" * depth + "]" * depth + "}")
    c.add("deep", "deep_inspect.eval", eval_zip(('{"eval": ' + '{"a":' * depth + "1" + "}" * depth + "}").encode()))
    c.add("deep", "deep_unclosed.json", "[" * depth)
    c.add("deep", "deep_string_brackets.json", json.dumps([{"model": "[" * 5000, "compute": 10, "score": 20}]))


def _bomb(c: Corpus) -> None:
    c.add("bomb", "bomb_deflate_1g.eval", bomb_deflate(1 << 30))
    c.add("bomb", "bomb_deflate_lying.eval", bomb_deflate(1 << 30, declared=200))
    c.add("bomb", "bomb_zstd_3g.eval", bomb_zstd(3 << 30))
    c.add("bomb", "bomb_zstd_lying.eval", bomb_zstd(3 << 30, declared=100))
    # a good header with a 256 MiB bomb beside it (sample members are never read)
    payload, crc = _deflate_run(b"0", 256 << 20)
    header = json.dumps(inspect_header()).encode()
    members = [
        ("header.json", 0, header, zlib.crc32(header), len(header)),
        ("samples/1_epoch_1.json", 8, payload + b"\x03\x00", crc, 256 << 20),
    ]
    c.add("bomb", "bomb_beside_good_header.eval", zip_members(members))
    c.add(
        "bomb", "bomb_many_members.eval", eval_zip(inspect_header(), extra={f"s/{i}.json": b"{}" for i in range(5000)})
    )


def _counts(c: Corpus) -> None:
    c.add("counts", "counts_n_1e18.csv", "problem,n,c\nq1,1000000000000000000,5\n")
    c.add("counts", "counts_n_1e15.csv", "problem,n,c\nq1,1000000000000000,5\nq2,10,3\n")
    c.add("counts", "counts_n_1e308.csv", "problem,n,c\nq1,1e308,1e300\n")
    c.add("counts", "counts_n_5000_digits.csv", "problem,n,c\nq1," + "9" * 5000 + ",1\n")
    c.add("counts", "counts_n_float.csv", "problem,n,c\nq1,10.5,1\n")
    c.add("counts", "counts_n_1e8.json", json.dumps([{"problem": "q1", "n": 10**8, "c": 3}]))
    c.add(
        "counts", "counts_many_problems_huge.csv", "problem,n,c\n" + "".join(f"q{i},{10**12},{i}\n" for i in range(50))
    )
    c.add(
        "counts",
        "monkeys_huge_list.jsonl",
        '{"question": "q", "is_corrects": [' + ",".join(["true"] * 200_000) + "]}\n",
    )
    c.add("counts", "samples_one_problem_many.csv", "problem,correct\n" + "q1,1\nq1,0\n" * 100_000)


def _numeric(c: Corpus) -> None:
    head = "model,series,compute,score\n"
    c.add("numeric", "flat_nearly.csv", head + "a,S,10,50\nb,S,100,50\nc,S,1000,50.000000001\n")
    c.add("numeric", "flat_exact.csv", head + "a,S,10,50\nb,S,100,50\nc,S,1000,50\n")
    c.add("numeric", "flat_compute.csv", head + "a,S,10,20\nb,S,10,50\nc,S,10,70\n")
    c.add("numeric", "subnormal_compute.csv", head + "a,S,5e-324,20\nb,S,1e-323,30\nc,S,1,40\n")
    c.add("numeric", "subnormal_only.csv", head + "a,S,5e-324,20\n")
    c.add("numeric", "huge_compute.csv", head + "a,S,1e300,20\nb,S,1.7e308,30\nc,S,1e10,40\n")
    c.add("numeric", "overflow_compute.csv", head + "a,S,1e309,20\nb,S,10,30\n")
    c.add("numeric", "tiny_score.csv", head + "a,S,10,1e-320\nb,S,100,5e-324\nc,S,1000,0\n")
    c.add("numeric", "huge_int_compute.csv", head + "a,S," + "9" * 5000 + ",20\nb,S,10,30\n")
    c.add("numeric", "huge_int_score.json", '[{"model": "a", "compute": 10, "score": ' + "9" * 5000 + "}]")
    c.add(
        "numeric",
        "nan_json.json",
        '[{"model": "a", "compute": NaN, "score": 20}, {"model": "b", "compute": 10, "score": Infinity}]',
    )
    c.add("numeric", "negative_zero.csv", head + "a,S,-0,20\n")
    c.add("numeric", "wide_range.csv", head + "a,S,1e-300,0\nb,S,1e300,100\nc,S,1,50\n")
    c.add("numeric", "one_point.csv", head + "a,S,10,50\n")
    c.add("numeric", "steep.csv", head + "a,S,10,0\nb,S,10.000000001,100\n")
    c.add(
        "numeric",
        "decompose_flat.csv",
        "model,series,role,compute,score\nbase,base,base,,50\nr1,R,reasoning,10,50\nr2,R,reasoning,100,50.000000001\n",
    )
    c.add("numeric", "stderr_huge.csv", "model,compute,score,score_stderr\na,10,20,1e308\nb,100,30,1e308\n")


def _special(c: Corpus) -> None:
    for name in ("fifo.csv", "fifo.eval", "fifo.parquet", "fifo.json", "fifo.jsonl"):
        c.special("special", name, os.mkfifo)

    def sock(path: Path) -> None:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.bind(str(path))
        finally:
            s.close()

    c.special("special", "socket.csv", sock)
    c.special("special", "zero_link.csv", lambda p: p.symlink_to("/dev/zero"))
    c.special("special", "zero_link.eval", lambda p: p.symlink_to("/dev/zero"))
    c.special("special", "urandom_link.parquet", lambda p: p.symlink_to("/dev/urandom"))
    c.special("special", "null_link.csv", lambda p: p.symlink_to("/dev/null"))
    c.special("special", "fifo_link.csv", lambda p: p.symlink_to(c.dest / "fifo.csv"))
    c.special("special", "dangling_link.csv", lambda p: p.symlink_to(c.dest / "does-not-exist.csv"))
    c.special("special", "loop_link.csv", lambda p: p.symlink_to(p))
    c.special("special", "dir_named.csv", lambda p: p.mkdir())
    c.special("special", "dir_named.eval", lambda p: p.mkdir())

    def good_link(path: Path) -> None:
        target = c.dest / "good_target.csv.txt"
        target.write_text(GOOD)
        path.symlink_to(target)

    c.special("special", "good_link.csv", good_link)

    def logs_with_specials(path: Path) -> None:
        path.mkdir()
        (path / "a.eval").write_bytes(eval_zip(inspect_header(model="m/a", accuracy=0.4, tokens=1000)))
        (path / "b.json").write_text(json.dumps(inspect_header(model="m/b", accuracy=0.6, tokens=4000)))
        os.mkfifo(path / "fifo.eval")
        (path / "zero.eval").symlink_to("/dev/zero")
        (path / "dir.eval").mkdir()
        os.mkfifo(path / "fifo.json")

    c.special("special", "logs_with_specials", logs_with_specials)

    def logs_only_specials(path: Path) -> None:
        path.mkdir()
        os.mkfifo(path / "x.eval")
        (path / "y.eval").symlink_to("/dev/zero")

    c.special("special", "logs_only_specials", logs_only_specials)


def _duplicate(c: Corpus) -> None:
    c.add("duplicate", "dup_same_header.csv", "model,compute,score,score\na,10,20,90\nb,100,30,80\n")
    c.add("duplicate", "dup_model_header.csv", "model,model,compute,score\na,b,10,20\n")
    c.add("duplicate", "dup_tokens_cost.csv", "model,tokens,cost,score\na,1000,0.5,20\nb,10000,5,30\n")
    c.add("duplicate", "dup_model_version.csv", "model,model_version,compute,score\na,a-v1,10,20\nb,b-v1,100,30\n")
    c.add("duplicate", "dup_score_accuracy.csv", "model,compute,score,accuracy\na,10,20,0.9\nb,100,30,0.8\n")
    c.add("duplicate", "dup_compute_samples.csv", "model,compute,samples,score\na,10,1,20\nb,100,2,30\n")
    c.add("duplicate", "dup_case.csv", "Model,model,compute,score\na,b,10,20\n")
    c.add(  # an Epoch runs export (no compute column) that names the model twice
        "duplicate",
        "dup_epoch_model.csv",
        "task,model,Model version,Best score (across scorers),started_at,Status\n"
        "GPQA diamond,a,a_high,0.5,2025-01-01,Success\nGPQA diamond,b,b_high,0.6,2025-01-02,Success\n",
    )
    c.add("duplicate", "dup_json_keys.json", '[{"model": "a", "compute": 10, "score": 20, "score": 90}]')
    c.add("duplicate", "dup_json_keys.jsonl", '{"model": "a", "model": "b", "compute": 10, "score": 20}\n')
    c.add("duplicate", "dup_persample.csv", "problem,problem_id,correct\nq1,q2,1\n")
    c.add("duplicate", "dup_persample_correct.csv", "problem,correct,is_correct\nq1,1,0\n")


def _fraction(c: Corpus) -> None:
    c.add("fraction", "fraction_score.csv", "model,compute,score\na,10,0.31\nb,100,0.72\n")
    c.add("fraction", "fraction_score_pct.csv", "model,compute,score_pct\na,10,0.31\nb,100,0.72\n")
    c.add("fraction", "fraction_score.json", json.dumps([{"model": "a", "compute": 10, "score": 0.31}]))
    c.add("fraction", "fraction_all_zero.csv", "model,compute,score\na,10,0\nb,100,0\n")
    c.add("fraction", "fraction_accuracy.csv", "model,compute,accuracy\na,10,0.31\nb,100,0.72\n")


def _size(c: Corpus, big: bool) -> None:
    c.add("size", "columns_1m.csv", ",".join(f"c{i}" for i in range(1_000_000)) + "\n" + ",".join(["1"] * 1000) + "\n")
    c.add("size", "columns_1m_short.csv", "," * 1_000_000 + "\n")
    c.add(
        "size",
        "columns_5k.csv",
        "model,compute,score," + ",".join(f"x{i}" for i in range(5000)) + "\na,10,20" + ",1" * 5000 + "\n",
    )
    c.add("size", "one_long_line.csv", "model,compute,score\n" + "a" * (20 << 20))
    c.add("size", "long_cell.json", json.dumps([{"model": "a" * (8 << 20), "compute": 10, "score": 20}]))
    rows = 1_500_000 if big else 50_000
    body = "".join(f"m{i},{i + 1},{i % 100}\n" for i in range(rows))
    c.add("size", "points_big.csv", "model,compute,score\n" + body)
    c.add(
        "size",
        "points_big.jsonl",
        "".join(f'{{"model": "m{i}", "compute": {i + 1}, "score": {i % 100}}}\n' for i in range(rows // 5)),
    )
    c.add(
        "size",
        "persample_big.csv",
        "model,problem,correct\n" + "".join(f"m,q{i % 500},{i % 3 == 0:d}\n" for i in range(rows)),
    )


def _encoding(c: Corpus) -> None:
    c.add("encoding", "empty.csv", b"")
    c.add("encoding", "empty.json", b"")
    c.add("encoding", "empty.eval", b"")
    c.add("encoding", "empty.parquet", b"")
    c.add("encoding", "bom_only.csv", b"\xef\xbb\xbf")
    c.add("encoding", "bom_good.csv", b"\xef\xbb\xbf" + GOOD.encode())
    c.add("encoding", "double_bom.csv", b"\xef\xbb\xbf\xef\xbb\xbf" + GOOD.encode())
    c.add(
        "encoding", "bom_good.json", b"\xef\xbb\xbf" + json.dumps([{"model": "a", "compute": 10, "score": 20}]).encode()
    )
    c.add("encoding", "utf16.csv", GOOD.encode("utf-16"))
    c.add("encoding", "bad_utf8.csv", b"model,compute,score\na\xff\xfe,10,20\n")
    c.add("encoding", "overlong_utf8.csv", b"model,compute,score\n\xc0\xafa,10,20\n")
    c.add("encoding", "surrogate_utf8.csv", b"model,compute,score\n\xed\xa0\x80a,10,20\n")
    c.add("encoding", "nul_bytes.csv", b"model,compute,score\na\x00b,10,20\n")
    c.add("encoding", "nul_header.csv", b"mo\x00del,compute,score\na,10,20\n")
    c.add("encoding", "cr_only.csv", GOOD.replace("\n", "\r"))
    c.add("encoding", "crlf.csv", GOOD.replace("\n", "\r\n"))
    c.add("encoding", "json_lone_surrogate.json", b'[{"model": "\\ud800", "compute": 10, "score": 20}]')
    c.add("encoding", "parquet_truncated.parquet", b"PAR1\x00\x00PAR1")
    c.add("encoding", "gzip_as_csv.csv", b"\x1f\x8b\x08\x00" + bytes(100))


# ---------------------------------------------------------------------------- issue #20 item 13


def _parquet(c: Corpus) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows, big = 100_000, "a" * 1_000_000  # 100k rows x 1 MB = 100 GB once expanded

    def write(name: str, table, **options) -> None:
        pq.write_table(table, c.dest / name, compression="zstd", **options)
        c.classes[name] = "parquet"

    bomb = pa.DictionaryArray.from_arrays(pa.array([0] * rows, pa.int32()), pa.array([big]))
    numbers = pa.array([10.0] * rows)
    for store in (True, False):
        tag = "schema" if store else "noschema"
        write(
            f"pq_dict_bomb_{tag}.parquet",
            pa.table({"model": bomb, "compute": numbers, "score": numbers}),
            store_schema=store,
        )
        write(
            f"pq_dict_bomb_samples_{tag}.parquet",
            pa.table({"problem": bomb, "correct": pa.array([True] * rows)}),
            store_schema=store,
        )
    ids = pa.array([{"a": i, "b": "x"} for i in range(50)])
    write("pq_struct_problem.parquet", pa.table({"problem": ids, "correct": pa.array([i % 2 == 0 for i in range(50)])}))
    write(
        "pq_struct_model.parquet",
        pa.table({"model": ids, "compute": pa.array([10.0] * 50), "score": pa.array([5.0] * 50)}),
    )
    write(
        "pq_list_problem.parquet",
        pa.table({"problem": pa.array([[i] for i in range(50)]), "correct": pa.array([True] * 50)}),
    )
    lists = pa.array([[i % 3 == 0 for i in range(50_000)] for _ in range(40)], pa.list_(pa.bool_()))  # 2M values
    write(
        "pq_is_corrects_long.parquet",
        pa.table({"problem": pa.array([f"p{i}" for i in range(40)]), "is_corrects": lists}),
    )
    nested = pa.array([[True, False]] * 4)
    for _ in range(30):  # is_corrects lists of lists, 30 deep
        nested = pa.ListArray.from_arrays(pa.array([0, 1, 2, 3, 4], pa.int32()), nested)
    write("pq_is_corrects_nested.parquet", pa.table({"problem": pa.array(["a", "b", "c", "d"]), "is_corrects": nested}))


def _folders(c: Corpus) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    deep = c.dest / "folder_deep_900"
    path = os.fspath(deep)
    try:
        os.mkdir(path)
        # 900 levels, one at a time (pathlib's parents=True recurses); not more: shutil.rmtree
        # (pytest's clean-up of old temporary folders) recurses once per level
        for _ in range(900):
            path = os.path.join(path, "d")
            os.mkdir(path)
        Path(path, "deep.eval").write_bytes(eval_zip(inspect_header()))
        c.classes[deep.name] = "folders"
    except OSError as exc:  # a file system that limits path length: say so, leave it out
        print(f"make_corpus: skipped {deep.name!r}: {exc}", file=sys.stderr)
    shards = c.dest / "folder_shards_300"
    shards.mkdir()
    table = pa.table({"problem": pa.array(["p1", "p2"]), "correct": pa.array([True, False])})
    for i in range(300):
        pq.write_table(table, shards / f"part-{i:05d}.parquet")
    c.classes[shards.name] = "folders"
    cut = c.dest / "folder_truncated_shard"  # one shard cut short, as if rewritten while read
    cut.mkdir()
    for i in range(3):
        pq.write_table(table, cut / f"part-{i}.parquet")
    data = (cut / "part-1.parquet").read_bytes()
    (cut / "part-1.parquet").write_bytes(data[: len(data) // 2])
    c.classes[cut.name] = "folders"
    wide = c.dest / "folder_wide_2000"  # 2,000 empty folders and one log
    wide.mkdir()
    for i in range(2000):
        (wide / f"d{i:04d}").mkdir()
    (wide / "d1999" / "a.eval").write_bytes(eval_zip(inspect_header()))
    c.classes[wide.name] = "folders"
    logs = c.dest / "folder_latin1_log"
    logs.mkdir()
    (logs / os.fsdecode(b"r\xe9sultat.eval")).write_bytes(eval_zip(inspect_header(model="m/a", tokens=1000)))
    (logs / "b.eval").write_bytes(eval_zip(inspect_header(model="m/b", tokens=4000, accuracy=0.7)))
    c.classes[logs.name] = "folders"


def _numbers(c: Corpus) -> None:
    for name, cell in (
        ("arabic_indic", "\u0661\u0660"),
        ("full_width", "\uff11\uff10"),
        ("underscore", "1_000"),
    ):
        c.add("numbers", f"num_{name}.csv", f"model,compute,score\na,{cell},20\na,100,30\n")
    c.add("numbers", "num_underflow.csv", "model,compute,score\na,10,1e-400\na,100,30\n")
    c.add("numbers", "num_underflow_json.json", '[{"model": "a", "compute": 10, "score": 1e-400}]')
    c.add(
        "numbers",
        "num_mixed_tz_runs.csv",
        "id,task,model,Best score (across scorers),Status,started_at\n"
        "r1,GPQA diamond,m_low,0.5,Success,2025-01-01T10:00:00+01:00\n"
        "r2,GPQA diamond,m_high,0.6,Success,2025-07-02T10:00:00+02:00\n"
        "r3,GPQA diamond,m_high,0.7,Success,2025-07-02T09:30:00+01:00\n",
    )


def _names(c: Corpus) -> None:
    latin1 = os.fsdecode  # bytes that are not UTF-8 -> a str with lone surrogates, as Python reads them
    c.add("names", latin1(b"caf\xe9_points.csv"), GOOD)
    c.add("names", latin1(b"caf\xe9_log.eval"), eval_zip(inspect_header()))
    c.add(
        "names",
        latin1(b"caf\xe9_gpqa_diamond.csv"),
        "Model version,mean_score,stderr\nm_low,0.5,0.02\nm_high,0.7,0.02\n",
    )
    c.add("names", latin1(b"caf\xe9_samples.csv"), "problem_id,correct\nq0,1\nq0,0\nq1,1\nq1,1\n")
    c.add("names", latin1(b"\xff\xfe.csv"), GOOD)


# ---------------------------------------------------------------------------- new formats


def arc_attempt(correct: object = True, cost: object = 0.01, tokens: object = 100, config: object = "cfg") -> dict:
    """One ARC Prize harness attempt (arc-agi-benchmarking schemas.py)."""
    return {
        "answer": [[0]],
        "correct": correct,
        "metadata": {
            "model": "m",
            "test_id": config,
            "usage": {
                "prompt_tokens": 10,
                "completion_tokens": tokens,
                "completion_tokens_details": {"reasoning_tokens": 0},
            },
            "cost": {"total_cost": cost},
        },
    }


def _harness(c: Corpus, name: str, files: dict[str, str | bytes]) -> None:
    folder = c.dest / name
    folder.mkdir()
    for fname, content in files.items():
        (folder / fname).write_bytes(content.encode() if isinstance(content, str) else content)
    c.classes[name] = "arc-harness"


def _arc_task(*attempts: dict) -> str:
    return json.dumps([{f"attempt_{i + 1}": a for i, a in enumerate(attempts)}])


def _arc_harness(c: Corpus) -> None:
    good = _arc_task(arc_attempt(True), arc_attempt(False))
    _harness(c, "arc_good", {"t1.json": good, "t2.json": _arc_task(arc_attempt(False), arc_attempt(False))})
    for key, attempt in {
        "correct_text": arc_attempt("yes"),
        "cost_text": arc_attempt(cost="cheap"),
        "cost_negative": arc_attempt(cost=-1),
        "cost_list": arc_attempt(cost=[1]),
        "tokens_dict": arc_attempt(tokens={"a": 1}),
        "config_list": arc_attempt(config=["a", "b"]),
        "config_markup": arc_attempt(config="[@click=app.quit]C[/]"),
        "config_control": arc_attempt(config=f"c{OSC_TITLE}{CLEAR}"),
        "config_long": arc_attempt(config="x" * 200_000),
        "metadata_list": {"answer": 1, "correct": True, "metadata": [1]},
        "attempt_string": "attempt",
    }.items():
        _harness(c, f"arc_{key}", {"t1.json": good, "t2.json": _arc_task(attempt)})
    body = _arc_task(arc_attempt(cost=1e308), arc_attempt(cost=1e308))
    _harness(c, "arc_cost_sum_inf", {"t1.json": body})
    huge = _arc_task(arc_attempt()).replace('"completion_tokens": 100', '"completion_tokens": ' + "9" * 5000)
    _harness(c, "arc_tokens_5000_digits", {"t1.json": huge})
    big = _arc_task(arc_attempt()).replace('"total_cost": 0.01', '"total_cost": 1' + "0" * 400)
    _harness(c, "arc_cost_1e400_int", {"t1.json": big})
    _harness(c, "arc_cost_1e999", {"t1.json": _arc_task(arc_attempt()).replace("0.01", "1e999")})
    depth = 100_000
    _harness(c, "arc_deep", {"t1.json": '[{"attempt_1": ' + "[" * depth + "]" * depth + "}]"})
    _harness(
        c,
        "arc_deep_metadata",
        {"t1.json": '[{"attempt_1": {"correct": true, "metadata": ' + '{"a":' * depth + "1" + "}" * depth + "}}]"},
    )
    _harness(c, "arc_pair_list", {"t1.json": json.dumps([[arc_attempt(), arc_attempt(), 5]])})
    _harness(c, "arc_attempt_key_huge", {"t1.json": json.dumps([{"attempt_" + "9" * 5000: arc_attempt()}])})
    _harness(
        c,
        "arc_many_attempts",
        {"t1.json": json.dumps([{f"attempt_{i}": arc_attempt(i % 2 == 0) for i in range(1, 10_001)}])},
    )
    _harness(
        c,
        "arc_too_many_attempts",
        {"t1.json": "[{" + ",".join(f'"attempt_{i}": null' for i in range(1, 10_003)) + "}]"},
    )
    _harness(c, "arc_not_list", {"t1.json": json.dumps({"attempt_1": arc_attempt()})})
    _harness(c, "arc_empty_pairs", {"t1.json": "[]", "t2.json": "[{}]"})
    _harness(c, "arc_results_only", {"results.json": '[{"attempt_1": 1}]', "t1.json": '[{"attempt_1": null}]'})
    _harness(c, "arc_bad_utf8", {"t1.json": b'[{"attempt_1": {"correct": true, "metadata": {"test_id": "\xff\xfe"}}}]'})
    _harness(c, "arc_nan", {"t1.json": _arc_task(arc_attempt()).replace("0.01", "NaN")})


MATHARENA_HEAD = "problem_idx,model_name,model_config,idx_answer,input_tokens,output_tokens,cost,correct\n"


def _matharena_rows(cost: str = "0.01", correct: str = "True", config: str = "m/cfg", n: int = 2) -> str:
    return "".join(
        f"{p},m,{config},{i},10,100,{cost},{correct if i == 0 else 'False'}\n" for p in (1, 2) for i in range(n)
    )


def _matharena(c: Corpus) -> None:
    def add(name: str, text: str) -> None:
        c.add("matharena", f"matharena_{name}.csv", text)

    add("good", MATHARENA_HEAD + _matharena_rows())
    add("nan_cost", MATHARENA_HEAD + _matharena_rows(cost="NaN"))
    add("negative_cost", MATHARENA_HEAD + _matharena_rows(cost="-0.5"))
    add("inf_cost", MATHARENA_HEAD + _matharena_rows(cost="inf"))
    add("huge_cost", MATHARENA_HEAD + _matharena_rows(cost="1e308"))
    add("text_cost", MATHARENA_HEAD + _matharena_rows(cost="cheap"))
    add("text_correct", MATHARENA_HEAD + _matharena_rows(correct="maybe"))
    add("no_correct", MATHARENA_HEAD + _matharena_rows(correct=""))
    add("markup_config", MATHARENA_HEAD + _matharena_rows(config="[@click=app.quit]M[/]"))
    add("control_config", MATHARENA_HEAD + _matharena_rows(config=f"m{ESC}[2J{OSC_TITLE}"))
    add("wrong_columns", "problem_idx,model,config,attempt,cost,is_right\n1,m,c,0,0.1,True\n")
    add("no_cost", "problem_idx,model_name,model_config,idx_answer,correct\n1,m,c,0,True\n")
    add("header_only", MATHARENA_HEAD)
    add("huge_problem", MATHARENA_HEAD + _matharena_rows().replace("1,m", "9" * 5000 + ",m"))
    add("many_attempts", MATHARENA_HEAD + "".join(f"1,m,c,{i},10,100,0.001,{i % 2 == 0}\n" for i in range(50_000)))
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return

    def parquet(name: str, table) -> None:
        buffer = io.BytesIO()
        pq.write_table(table, buffer)
        c.add("matharena", f"matharena_{name}.parquet", buffer.getvalue())

    base = {
        "problem_idx": pa.array([1, 1, 2, 2]),
        "model_name": pa.array(["m"] * 4),
        "model_config": pa.array(["m/cfg"] * 4),
        "idx_answer": pa.array([0, 1, 0, 1]),
        "input_tokens": pa.array([10] * 4),
        "output_tokens": pa.array([100] * 4),
        "cost": pa.array([0.01] * 4),
        "correct": pa.array([True, False, False, False]),
    }
    parquet("good", pa.table(base))
    parquet("nan_cost", pa.table({**base, "cost": pa.array([float("nan"), 0.1, 0.1, 0.1])}))
    parquet("negative_cost", pa.table({**base, "cost": pa.array([-1.0, 0.1, 0.1, 0.1])}))
    parquet("cost_strings", pa.table({**base, "cost": pa.array(["a", "b", "c", "d"])}))
    parquet("correct_ints", pa.table({**base, "correct": pa.array([5, -1, 0, 1])}))
    parquet("correct_struct", pa.table({**base, "correct": pa.array([{"x": 1}] * 4)}))
    parquet("config_list", pa.table({**base, "model_config": pa.array([["a"], ["b"], [], None])}))
    parquet("config_null", pa.table({**base, "model_config": pa.array([None] * 4, pa.string())}))
    parquet("wrong_columns", pa.table({k: v for k, v in base.items() if k != "correct"}))


def _partials(c: Corpus) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def table(**cols):
        base = {
            "model": pa.array(["m", "m"]),
            "setting": pa.array(["", ""]),
            "task": pa.array(["t", "t"]),
            "problem": pa.array(["q1", "q2"]),
            "n": pa.array([4, 4], pa.int64()),
            "c": pa.array([1, 2], pa.int64()),
            "tokens": pa.array([400.0, 400.0]),
            "tokens_known": pa.array([4, 4], pa.int64()),
            "cost": pa.array([0.4, 0.4]),
            "cost_known": pa.array([4, 4], pa.int64()),
        }
        base.update(cols)
        return pa.table({k: v for k, v in base.items() if v is not None})

    def add(name: str, t) -> None:
        buffer = io.BytesIO()
        pq.write_table(t, buffer)
        c.add("partials", f"partials_{name}.parquet", buffer.getvalue())

    add("good", table())
    add("c_over_n", table(c=pa.array([9, 2], pa.int64())))
    add("negative_n", table(n=pa.array([-4, 4], pa.int64())))
    add("negative_c", table(c=pa.array([-1, 2], pa.int64())))
    add("zero_n", table(n=pa.array([0, 0], pa.int64()), c=pa.array([0, 0], pa.int64())))
    add("n_strings", table(n=pa.array(["four", "4"])))
    add("n_float", table(n=pa.array([4.5, float("nan")])))
    add("n_1e18", table(n=pa.array([10**18, 9 * 10**18], pa.int64()), c=pa.array([1, 2], pa.int64())))
    add("n_uint64_max", table(n=pa.array([2**64 - 1, 4], pa.uint64())))
    add("n_struct", table(n=pa.array([{"x": 1}, {"x": 2}])))
    add("c_bool", table(c=pa.array([True, False])))
    add("problem_null", table(problem=pa.array([None, None], pa.string())))
    add("problem_list", table(problem=pa.array([["q"], ["r"]])))
    add("model_markup", table(model=pa.array(["[@click=app.quit]M[/]", f"m{OSC_TITLE}"])))
    add("tokens_negative", table(tokens=pa.array([-1.0, float("inf")])))
    add("cost_nan", table(cost=pa.array([float("nan"), -5.0])))
    add("tokens_known_over_n", table(tokens_known=pa.array([10**12, 4], pa.int64())))
    add("no_c", table(c=None))
    add("only_keys", pa.table({"problem": pa.array(["q"]), "n": pa.array([1]), "c": pa.array([1])}))
    head = "model,setting,task,problem,n,c,tokens,cost\n"
    c.add("partials", "partials_c_over_n.csv", head + "m,,t,q1,4,9,10,0.1\n")
    c.add("partials", "partials_negative_n.csv", head + "m,,t,q1,-4,1,10,0.1\n")
    c.add("partials", "partials_n_text.csv", head + "m,,t,q1,four,1,10,0.1\n")
    c.add("partials", "partials_n_huge.csv", head + "m,,t,q1," + "9" * 5000 + ",1,10,0.1\n")
    c.add("partials", "partials_cost_1e400.csv", head + "m,,t,q1,4,1,10,1e400\n")


PRICE_HEAD = "model,input,output,from,source\n"
PRICE_MODEL = "claude-3-7-sonnet-20250219"


def _prices(c: Corpus) -> None:
    def add(name: str, text: str | bytes) -> None:
        c.add("prices", f"prices_{name}.csv", text)

    add("good", PRICE_HEAD + f"{PRICE_MODEL},3,15,2025-01-01,list\n")
    add("negative", PRICE_HEAD + f"{PRICE_MODEL},3,-15,2025-01-01,x\n")
    add("1e400", PRICE_HEAD + f"{PRICE_MODEL},3,1e400,2025-01-01,x\n")
    add("1e308", PRICE_HEAD + f"{PRICE_MODEL},1e308,1e308,2025-01-01,x\n")
    add("nan", PRICE_HEAD + f"{PRICE_MODEL},nan,15,2025-01-01,x\n")
    add("huge_digits", PRICE_HEAD + f"{PRICE_MODEL},3," + "9" * 5000 + ",2025-01-01,x\n")
    add("text", PRICE_HEAD + f"{PRICE_MODEL},three,fifteen,2025-01-01,x\n")
    add("bad_date", PRICE_HEAD + f"{PRICE_MODEL},3,15,2025-13-45,x\n")
    add("date_text", PRICE_HEAD + f"{PRICE_MODEL},3,15,yesterday,x\n")
    add("date_far", PRICE_HEAD + f"{PRICE_MODEL},3,15,9999-12-31,x\n")
    add("date_year0", PRICE_HEAD + f"{PRICE_MODEL},3,15,0000-01-01,x\n")
    add("missing_columns", "model,price\nm,3\n")
    add("empty", "")
    add("header_only", PRICE_HEAD)
    add("ragged", PRICE_HEAD + f"{PRICE_MODEL},3,15,2025-01-01,x,extra,more\n")
    add("control_source", PRICE_HEAD + f"{PRICE_MODEL},3,15,2025-01-01,{OSC_TITLE}{CLEAR}src\n")
    add("markup_source", PRICE_HEAD + f"{PRICE_MODEL},3,15,2025-01-01,[@click=app.quit]S[/]\n")
    add("control_model", PRICE_HEAD + f"m{ESC}[2J,3,15,2025-01-01,x\n")
    add("zero", PRICE_HEAD + f"{PRICE_MODEL},0,0,2025-01-01,x\n")
    add("bad_utf8", b"model,input,output\n\xff\xfe,3,15\n")
    add("nul", b"model,input,output\nm\x00,3,15\n")
    add("many_rows", PRICE_HEAD + "".join(f"m{i},3,15,2025-01-01,x\n" for i in range(200_000)))
    add("long_line", PRICE_HEAD + "m," + "1" * (20 << 20) + "\n")
    c.special("prices", "prices_fifo.csv", os.mkfifo)
    c.special("prices", "prices_dir.csv", lambda p: p.mkdir())
    c.special("prices", "prices_zero_link.csv", lambda p: p.symlink_to("/dev/zero"))


REMOTE_URLS = {
    "s3_no_bucket": "s3://",
    "s3_slash_only": "s3:///",
    "s3_no_key": "s3://bucket",
    "s3_bad_bucket": "s3://-bad_bucket!!/x.parquet",
    "s3_credentials": "s3://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY@bucket/x.csv",
    "gs_no_credentials": "gs://scalescope-no-such-bucket/x.parquet",
    "gs_no_bucket": "gs://",
    "https_nothing_listening": "https://127.0.0.1:1/x",
    "http_nothing_listening": "http://127.0.0.1:1/x.csv",
    "https_userinfo": "https://user:hunter2secret@127.0.0.1:1/x.csv?token=hunter2secret",
    "https_control": f"https://127.0.0.1:1/{OSC_TITLE}{CLEAR}.csv",
    "https_markup": "https://127.0.0.1:1/[@click=app.quit]x[/].csv",
    "https_bad_port": "https://127.0.0.1:99999/x.csv",
    "https_no_host": "https:///x.csv",
    "https_long": "https://127.0.0.1:1/" + "a" * 100_000,
}
SECRETS = ("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "hunter2secret")


def _remote(c: Corpus) -> None:
    for name, url in REMOTE_URLS.items():
        c.add("remote", f"remote_{name}.url", url)


CLAIM_NS = ("0", "-1", "999999", "9" * 5000, "1e3", "nan", "one", "", f"1{OSC_TITLE}", "[@click=app.quit]1[/]", "0x10")


def _claim(c: Corpus) -> None:
    for i, n in enumerate(CLAIM_NS):
        c.add("claim", f"claim_{i}.arg", n)


OUT_PATHS = {
    "no_folder": "no/such/folder/out.png",
    "control": f"out{OSC_TITLE}{CLEAR}.png",
    "markup": "[@click=app.quit]out[/].png",
    "unknown_suffix": "out.exe",
    "no_suffix": "out",
    "is_dir": ".",
    "dev_full": "/dev/full",
    "proc": "/proc/self/mem",
    "long_name": "a" * 300 + ".png",
    "newline": "out\nname.svg",
    "empty": "",
    "dash": "-",
    "remote": "s3://",
    "remote_nothing_listening": "https://127.0.0.1:1/out.png",
}


def _out_path(c: Corpus) -> None:
    for name, target in OUT_PATHS.items():
        c.add("out-path", f"out_{name}.arg", target)


def build(dest: Path, *, big: bool = True) -> dict[str, str]:
    """Write the corpus into ``dest`` (an existing, empty folder); return {file name: class}.

    ``big=False`` keeps the size class small (the 1M-column header stays; the big points and
    per-sample CSVs drop to a few MB), for quick runs such as the app sweep."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    c = Corpus(dest)
    for part in (
        _markup,
        _control,
        _inspect_shape,
        _deep,
        _bomb,
        _counts,
        _numeric,
        _special,
        _duplicate,
        _fraction,
        _encoding,
        _parquet,
        _folders,
        _numbers,
        _names,
        _arc_harness,
        _matharena,
        _partials,
        _prices,
        _remote,
        _claim,
        _out_path,
    ):
        part(c)
    _size(c, big)
    return c.classes


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    classes = build(Path(argv[0]))
    counts: dict[str, int] = {}
    for cls in classes.values():
        counts[cls] = counts.get(cls, 0) + 1
    for cls, n in sorted(counts.items()):
        print(f"{cls:14} {n}")
    print(f"{'total':14} {len(classes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

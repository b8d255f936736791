"""`fetch epoch --tokens`: each run's .eval log read only as far as header.json, with HTTP range
requests, against a local server on 127.0.0.1 that serves byte ranges (and one that does not).

The logs are real zip files in Inspect's layout (header.json plus a large samples member, as an
.eval holds); tokens per question are checked against output_tokens / completed_samples by hand.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import re
import signal
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from scalescope.engine.eval_headers import RangeReader, remote_member
from scalescope.engine.io import load
from scalescope.tui.cli import main

MODELS = {  # run table model version -> (eval.model, output tokens of that model, completed samples)
    "claude-3-7-sonnet-20250219_64K": ("anthropic/claude-3-7-sonnet-20250219", 2_703_240, 198),
    "claude-3-7-sonnet-20250219": ("anthropic/claude-3-7-sonnet-20250219", 163_039, 198),
}
SAMPLES_BYTES = 3 * 1024 * 1024  # what a whole download would cost, per log


def header(model: str, output_tokens: int, completed: int) -> dict:
    """An EvalLog without samples, as Inspect writes header.json (FORMATS.md 1(a))."""
    return {
        "version": 2,
        "status": "success",
        "eval": {
            "run_id": "abc",
            "task": "gpqa_diamond",
            "model": model,
            "dataset": {"name": "gpqa_diamond", "samples": completed},
            "config": {"epochs": 1},
        },
        "plan": {"config": {}},
        "results": {
            "total_samples": completed,
            "completed_samples": completed,
            "scores": [{"name": "choice", "metrics": {"accuracy": {"value": 0.77}, "stderr": {"value": 0.03}}}],
        },
        "stats": {
            "model_usage": {
                model: {"input_tokens": 100_000, "output_tokens": output_tokens},
                "openai/grader": {"input_tokens": 5, "output_tokens": 999_999},  # a grader: not counted
            }
        },
    }


def eval_log(model: str, output_tokens: int, completed: int, *, zstd: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_journal/start.json", json.dumps({"version": 2}))
        archive.writestr("samples/1_epoch_1.json", os.urandom(SAMPLES_BYTES), compress_type=zipfile.ZIP_STORED)
        archive.writestr("header.json", json.dumps(header(model, output_tokens, completed)))
    data = buffer.getvalue()
    if zstd:  # Inspect >= 0.3.2xx: members in Zstandard (method 93); rewrite header.json that way
        import zstandard

        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as dst:
            for info in src.infolist():
                raw = src.read(info)
                if info.filename == "header.json":
                    packed = zstandard.ZstdCompressor().compress(raw)
                    new = zipfile.ZipInfo(info.filename, info.date_time)
                    new.compress_type = zipfile.ZIP_STORED
                    dst.writestr(new, packed)
                    # mark it method 93 with the uncompressed CRC and size, as Inspect's writer does
                    patch = (info.filename, zipfile.crc32(raw) & 0xFFFFFFFF, len(raw))
                else:
                    dst.writestr(info, raw)
        data = _mark_zstd(buffer.getvalue(), *patch)
    return data


def _mark_zstd(data: bytes, name: str, crc: int, size: int) -> bytes:
    """Set a stored member's method to 93 (zstd) and its CRC/size to the uncompressed ones."""
    import struct

    out = bytearray(data)
    encoded = name.encode()
    for sig, method_at, crc_at, usize_at, name_at in ((b"PK\x03\x04", 8, 14, 22, 30), (b"PK\x01\x02", 10, 16, 24, 46)):
        start = 0
        while (i := out.find(sig, start)) >= 0:
            start = i + 4
            if out[i + name_at : i + name_at + len(encoded)] == encoded:
                struct.pack_into("<H", out, i + method_at, 93)
                struct.pack_into("<I", out, i + crc_at, crc)
                struct.pack_into("<I", out, i + usize_at, size)
    return bytes(out)


class RangeHandler(http.server.BaseHTTPRequestHandler):
    """Serves files from ``root``; honours ``Range: bytes=a-b`` and ``bytes=-n`` (RFC 9110) unless
    the path starts with /norange/. Every request is recorded."""

    root: Path
    seen: list

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        no_range = self.path.startswith("/norange/")
        path = self.root / self.path.removeprefix("/norange/").lstrip("/")
        spec = self.headers.get("Range")
        self.seen.append((self.path, spec))
        if not path.is_file():
            self.send_error(404, "Not Found")
            return
        body = path.read_bytes()
        found = re.fullmatch(r"bytes=(\d*)-(\d*)", spec or "")
        if no_range or not found:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        first, last = found.groups()
        if first == "":
            start, end = max(0, len(body) - int(last)), len(body) - 1
        else:
            start, end = int(first), min(int(last) if last else len(body) - 1, len(body) - 1)
        part = body[start : end + 1]
        self.send_response(206)
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(body)}")
        self.send_header("Content-Length", str(len(part)))
        self.end_headers()
        self.wfile.write(part)


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "served"
    (root / "logs").mkdir(parents=True)
    seen: list = []
    handler = type("Handler", (RangeHandler,), {"root": root, "seen": seen})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield base, root, seen
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    yield tmp_path / "xdg-cache" / "scalescope"
    signal.signal(signal.SIGPIPE, previous)


def epoch_zip(base: str, *, prefix: str = "") -> bytes:
    """benchmark_data.zip with one Epoch-run table whose rows link their logs."""
    rows = ["Model version,Best score (across scorers),stderr,Started at,logs"]
    for i, model in enumerate(MODELS):
        rows.append(f"{model},0.77,0.03,2025-03-1{i},{base}/{prefix}logs/run{i}.eval")
    rows.append("gpt-4o-2024-11-20,0.5,0.03,2025-01-01,")  # no log linked
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gpqa_diamond.csv", "\n".join(rows) + "\n")
    return buffer.getvalue()


def serve_logs(root: Path, *, zstd_first: bool = False) -> None:
    for i, (model, tokens, done) in enumerate(MODELS.values()):
        (root / "logs" / f"run{i}.eval").write_bytes(eval_log(model, tokens, done, zstd=zstd_first and i == 0))


def test_fetch_epoch_tokens_reads_only_the_header_and_fills_compute(capsys, served, cache):
    base, root, seen = served
    serve_logs(root, zstd_first=True)
    (root / "epoch").mkdir()
    (root / "epoch" / "benchmark_data.zip").write_bytes(epoch_zip(base))
    assert main(["fetch", "epoch", "--from", f"{base}/epoch/", "--tokens", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    log_requests = [(p, r) for p, r in seen if p.startswith("/logs/")]
    assert log_requests and all(r is not None and r.startswith("bytes=") for _, r in log_requests)
    note = next(n for n in result["notes"] if "output tokens per question for" in n)
    read = int(re.search(r"([\d,]+) bytes read", note)[1].replace(",", ""))
    assert "for 2 of 3 run(s)" in note and read < 2 * 200_000  # two logs of 3 MB each: a few KB read
    assert any("gpt-4o-2024-11-20: no log URL" in n for n in result["notes"])
    ds = load("fetched-epoch-gpqa-diamond")
    compute = dict(zip(ds.points["model"], ds.points["compute"]))
    for model, (_, tokens, done) in MODELS.items():
        assert compute[model] == pytest.approx(tokens / done)  # the evaluated model's tokens only
    assert np.isnan(compute["gpt-4o-2024-11-20"])
    assert ".eval log header" in ds.provenance
    # again: the headers come from the cache, the logs are not asked for
    seen.clear()
    assert main(["fetch", "epoch", "--from", f"{base}/epoch/", "--tokens", "--json"]) == 0
    capsys.readouterr()
    assert not [p for p, _ in seen if p.startswith("/logs/")]


def test_a_server_without_ranges_is_refused_not_downloaded(capsys, served):
    base, root, seen = served
    serve_logs(root)
    (root / "epoch").mkdir()
    (root / "epoch" / "benchmark_data.zip").write_bytes(epoch_zip(base, prefix="norange/"))
    assert main(["fetch", "epoch", "--from", f"{base}/epoch/", "--tokens", "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert any("ignores range requests" in n for n in notes)
    assert any("for 0 of 3 run(s)" in n for n in notes)
    assert np.isnan(load("fetched-epoch-gpqa-diamond").points["compute"]).all()


def test_range_reader_against_the_bytes_and_a_missing_member(served):
    import httpx

    base, root, seen = served
    blob = eval_log("m", 10, 2)
    (root / "logs" / "x.eval").write_bytes(blob)
    with httpx.Client() as client:
        reader = RangeReader(f"{base}/logs/x.eval", client)
        assert reader.size == len(blob)
        reader.seek(1000)
        assert reader.read(5000) == blob[1000:6000]
        reader.seek(-10, io.SEEK_END)
        assert reader.read(100) == blob[-10:]
        data, fetched = remote_member(f"{base}/logs/x.eval", "header.json", client)
        assert json.loads(data)["stats"]["model_usage"]["m"]["output_tokens"] == 10
        assert fetched < len(blob) / 10
        assert remote_member(f"{base}/logs/x.eval", "nothing.json", client)[0] is None


# ---- fetch prices ------------------------------------------------------------------------------

PRICE_DATA = [  # genai-prices' data.json layout (providers -> models -> prices), a made-up price list
    {
        "id": "anthropic",
        "name": "Anthropic",
        "api_pattern": "https://api\\.anthropic\\.com",
        "model_match": {"contains": "claude"},
        "models": [
            {
                "id": "claude-3-7-sonnet",
                "match": {"starts_with": "claude-3-7-sonnet"},
                "prices": {"input_mtok": 3, "output_mtok": 30},
            }
        ],
    }
]


def test_fetch_prices_replaces_the_wheel_data_and_says_so(capsys, served, cache):
    from scalescope.engine.catalog import load_bundled

    base, root, _ = served
    (root / "prices").mkdir()
    (root / "prices" / "data.json").write_text(json.dumps(PRICE_DATA))
    assert main(["fetch", "prices", "--from", f"{base}/prices/"]) == 0
    out, err = capsys.readouterr()
    assert "fetched price data" in out and "1 providers, 1 models" in err
    assert main(["show", "math-level-5", "--x", "dollars", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert "price data fetched" in shown["provenance"]
    tokens = load_bundled("math-level-5").points["compute"]
    dollars = [p["compute"] for p in shown["points"]]
    priced = [t * 30e-6 if "3-7" in p["model"] else None for t, p in zip(tokens, shown["points"])]
    for got, want in zip(dollars, priced):
        if want is None:  # 3.5 Sonnet is not in this price list: unknown, and listed
            assert got is None or got != got
        else:
            assert got == pytest.approx(want)
    assert any("claude-3-5-sonnet-20241022" in n and "no price" in n for n in shown["notes"])
    # a bad download leaves the fetched prices as they were
    before = (cache / "prices" / "data.json").read_bytes()
    (root / "prices" / "data.json").write_text(json.dumps([{"id": "x"}]))
    assert main(["fetch", "prices", "--from", f"{base}/prices/"]) == 2
    assert "not genai-prices data" in capsys.readouterr().err
    assert (cache / "prices" / "data.json").read_bytes() == before

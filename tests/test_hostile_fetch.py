"""Fetch against a hostile server (issue #20 item 13, "Fetch"): a real HTTP server on 127.0.0.1
serves redirects to data: URLs and to other hosts, a body gzipped three times, a 1 byte/s drip,
and Epoch zips holding a huge, an encrypted or an unknown-method CSV. Each fetch fails in one line
(exit 2), quickly, and leaves the cache as it was."""

from __future__ import annotations

import gzip
import http.server
import io
import signal
import struct
import threading
import time
import zipfile

import pytest

from scalescope.engine.fetched import fetched_catalog
from scalescope.tui.cli import main

from .fetch_fixtures import epoch_zip


def _zip_with(name: str, data: bytes, *, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method, compresslevel=1) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def _patched(raw: bytes, *, flag: int | None = None, method: int | None = None) -> bytes:
    """A zip whose first member's local and central headers say encrypted / another method."""
    out = bytearray(raw)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = out.find(signature)
        if flag is not None:
            struct.pack_into("<H", out, at + flag_at, flag)
        if method is not None:
            struct.pack_into("<H", out, at + method_at, method)
    return bytes(out)


CSV = b"Model version,mean_score,stderr\nm_low,0.5,0.02\nm_high,0.7,0.02\n"


@pytest.fixture(scope="module")
def bodies():
    return {
        "/gzip3/benchmark_data.zip": gzip.compress(gzip.compress(gzip.compress(bytes(20_000_000)))),
        "/hugecsv/benchmark_data.zip": _zip_with("gpqa_diamond.csv", CSV + b"x" * (70 * 1024**2)),
        "/encrypted/benchmark_data.zip": _patched(_zip_with("gpqa_diamond.csv", CSV), flag=1),
        "/method/benchmark_data.zip": _patched(_zip_with("gpqa_diamond.csv", CSV), method=99),
        "/good/benchmark_data.zip": epoch_zip(),
    }


@pytest.fixture
def server(bodies):
    release = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            port = self.server.server_address[1]
            if self.path.startswith("/to-data/"):
                self.send_response(302)
                self.send_header("Location", "data:text/plain,hello")
                self.end_headers()
                return
            if self.path.startswith("/to-other/"):
                self.send_response(302)
                self.send_header("Location", f"http://localhost:{port}/good/benchmark_data.zip")
                self.end_headers()
                return
            if self.path.startswith("/loop/"):
                self.send_response(302)
                self.send_header("Location", self.path)
                self.end_headers()
                return
            if self.path.startswith("/drip/"):
                self.send_response(200)
                self.end_headers()
                for _ in range(600):  # 1 byte every 0.2 s, for up to two minutes
                    if release.is_set():
                        return
                    try:
                        self.wfile.write(b"x")
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(0.2)
                return
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            if self.path.startswith("/gzip3/"):
                self.send_header("Content-Encoding", "gzip, gzip, gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    yield
    signal.signal(signal.SIGPIPE, previous)


def fetch(capsys, server, mode: str, *extra: str):
    try:
        code = main(["fetch", "epoch", "--from", f"{server}/{mode}/", *extra])
    finally:
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    out, err = capsys.readouterr()
    return code, out, err


CASES = [
    ("to-data", "to-data/benchmark_data.zip: "),
    ("to-other", "another host (localhost)"),
    ("loop", "TooManyRedirects"),
    ("gzip3", "compressed more than once"),
    ("hugecsv", "decompresses to more than"),
    ("encrypted", "is encrypted"),
    ("method", "compression method 99"),
]


@pytest.mark.parametrize(("mode", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_server_is_one_line_and_no_cache(capsys, server, mode, words):
    code, out, err = fetch(capsys, server, mode)
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("scalescope: ") and words in err, err
    assert "Traceback" not in err
    assert fetched_catalog() == ((), ())


def test_a_drip_stops_near_the_timeout_not_never(capsys, server):
    """1 byte every 0.2 s: each read gets data within --timeout, so a per-read timeout never fires."""
    started = time.monotonic()
    code, out, err = fetch(capsys, server, "drip", "--timeout", "1")
    assert code == 2 and "too slow" in err, err
    assert time.monotonic() - started < 60  # the server would drip for two minutes


def test_the_good_zip_still_fetches(capsys, server):
    code, out, err = fetch(capsys, server, "good")
    assert code == 0, err
    assert fetched_catalog()[0]

"""Local servers for the remote-path tests: an S3 server (moto, in server mode) and an HTTP server
that serves byte ranges, both on 127.0.0.1 on a free port, started by the tests themselves."""

from __future__ import annotations

import os
import re
import socket
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

KEY_ID = "AKIASCALESCOPETESTKEY"
SECRET = "s3cr3t-scalescope-test-value-never-printed"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def s3_server():
    """A moto S3 server on 127.0.0.1; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


S3_ENV = {
    "AWS_ACCESS_KEY_ID": KEY_ID,
    "AWS_SECRET_ACCESS_KEY": SECRET,
    "AWS_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def s3_admin(endpoint: str):
    """A pyarrow S3 filesystem on the local server that may create buckets (for the fixtures)."""
    import pyarrow.fs as pafs

    return pafs.S3FileSystem(
        access_key=KEY_ID,
        secret_key=SECRET,
        endpoint_override=endpoint.split("://", 1)[1],
        scheme="http",
        region="us-east-1",
        allow_bucket_creation=True,
    )


def upload(fs, local: Path, key: str) -> None:
    """Copy a local file or folder to ``bucket/key`` on the server."""
    if local.is_dir():
        for path in sorted(local.rglob("*")):
            if path.is_file():
                upload(fs, path, f"{key}/{path.relative_to(local).as_posix()}")
        return
    with fs.open_output_stream(key) as sink:
        sink.write(local.read_bytes())


class RangeHandler(SimpleHTTPRequestHandler):
    """Serves files from a folder, honouring ``Range: bytes=A-B`` (206) unless told not to."""

    ranges = True

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if self.ranges and match:
            start = int(match.group(1))
            end = min(int(match.group(2) or len(data) - 1), len(data) - 1)
            body = data[start : end + 1]
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        else:
            body = data
            self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class NoRangeHandler(RangeHandler):
    ranges = False


@contextmanager
def http_server(folder: Path, *, ranges: bool = True):
    """An HTTP server on 127.0.0.1 serving ``folder``; yields its base URL."""
    handler = partial(RangeHandler if ranges else NoRangeHandler, directory=os.fspath(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

"""Remote sources: ``s3://``, ``gs://`` and ``https://`` files and folders, through pyarrow's own
filesystems (S3, GCS) and, for HTTP, ranged reads with httpx (pyarrow has no HTTP filesystem).

The same limits as local files apply (engine/files.py): a file larger than MAX_STREAM_BYTES is
refused before it is opened, a folder lists at most MAX_FOLDER_ENTRIES entries and reads at most
MAX_FOLDER_LOGS files, and every request has a connect and a request timeout. Files are only
ever opened for reading.

Credentials and the endpoint come from the usual places and never from the path:

* S3: the AWS SDK's default chain (``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` /
  ``AWS_SESSION_TOKEN``, ``AWS_PROFILE`` and ``~/.aws/credentials``, instance roles); the
  endpoint from ``AWS_ENDPOINT_URL_S3`` or ``AWS_ENDPOINT_URL``, or the profile's
  ``endpoint_url`` in ``~/.aws/config`` (``AWS_CONFIG_FILE``); the region from ``AWS_REGION``,
  ``AWS_DEFAULT_REGION`` or the profile.
* GCS: Google's default credentials (``GOOGLE_APPLICATION_CREDENTIALS``, gcloud); an emulator
  from ``STORAGE_EMULATOR_HOST``.
* HTTPS: no credentials.

A path with credentials in it (``s3://KEY:SECRET@bucket``) is refused, and every error message
from a remote read has the secrets of the environment replaced by ``***`` before it is shown.
"""

from __future__ import annotations

import configparser
import os
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ._frozen import frozen
from .errors import DataError
from .files import MAX_FOLDER_ENTRIES, MAX_FOLDER_LOGS, MAX_STREAM_BYTES, _size_text

SCHEMES = ("s3", "gs", "gcs", "http", "https")
CONNECT_TIMEOUT = 10.0  # seconds to connect
REQUEST_TIMEOUT = 120.0  # seconds for one request
SECRET_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "GOOGLE_APPLICATION_CREDENTIALS",
)


def is_remote(source: object) -> bool:
    """True for ``s3://``, ``gs://``, ``gcs://``, ``http://`` and ``https://`` sources."""
    text = str(source)
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.lower() in SCHEMES


_URL_QUERY = re.compile(r"(https?://[^\s?#]*)\?[^\s#]*", re.IGNORECASE)


def scrub(text: str) -> str:
    """``text`` with every secret of the environment (keys, tokens) replaced by ``***``, and the
    query of every http(s) URL too (a presigned URL carries its signature there: ``?***``)."""
    for name in SECRET_VARIABLES:
        value = os.environ.get(name, "")
        if len(value) >= 4:
            text = text.replace(value, "***")
    return _URL_QUERY.sub(r"\1?***", text)


@frozen
class RemotePath:
    """A remote file or folder: its URI (never with credentials), the pyarrow filesystem's path."""

    uri: str
    scheme: str
    path: str  # bucket/key for S3 and GCS, the URL for HTTP

    def __str__(self) -> str:
        return self.uri

    @property
    def name(self) -> str:
        return PurePosixPath(urlsplit(self.uri).path).name or urlsplit(self.uri).netloc

    @property
    def stem(self) -> str:
        return PurePosixPath(self.name).stem

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    def __fspath__(self) -> str:
        # the URI: a local-file call (os.stat) given a remote path finds no such file and says
        # so, instead of a TypeError; the readers open remote paths through engine/files.py
        return self.uri

    def __truediv__(self, name: str) -> RemotePath:
        if self.scheme in ("http", "https"):
            return RemotePath(f"{self.uri.rstrip('/')}/{name}", self.scheme, f"{self.uri.rstrip('/')}/{name}")
        return self.child(f"{self.path.rstrip('/')}/{name}")

    @property
    def parent(self) -> RemotePath:
        head = self.path.rstrip("/").rsplit("/", 1)[0] if "/" in self.path.rstrip("/") else self.path
        return self.child(head) if self.scheme not in ("http", "https") else self

    def relative_to(self, other: RemotePath) -> PurePosixPath:
        """The key below ``other``'s (as a relative path), for names a reader shows."""
        return PurePosixPath(self.path).relative_to(PurePosixPath(other.path.rstrip("/")))

    def exists(self) -> bool:
        try:
            stat(self)
        except DataError:
            return False
        return True

    def is_dir(self) -> bool:
        """A folder (a prefix with objects under it); asks the server."""
        return self.scheme not in ("http", "https") and stat(self)[0] == "dir"

    def child(self, fs_path: str) -> RemotePath:
        """The remote path of ``fs_path`` (a path the filesystem listed under this one)."""
        if self.scheme in ("http", "https"):
            return RemotePath(fs_path, self.scheme, fs_path)
        return RemotePath(f"{self.scheme}://{fs_path}", self.scheme, fs_path)


def parse(source: str) -> RemotePath:
    """The source as a RemotePath; credentials in it are a DataError (shown without them)."""
    parts = urlsplit(str(source))
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    shown = f"{scheme}://{host}{parts.path}"
    if parts.username or parts.password:
        raise DataError(
            "credentials in the path are refused; give them in the environment or a profile "
            "(AWS_ACCESS_KEY_ID / AWS_PROFILE, GOOGLE_APPLICATION_CREDENTIALS)",
            file=shown,
        )
    if scheme in ("http", "https"):
        return RemotePath(source, scheme, source)
    if not host:
        raise DataError("no bucket in the path (expected s3://BUCKET/KEY)", file=shown)
    if scheme == "gcs":
        scheme = "gs"
    key = parts.path.strip("/")
    fs_path = f"{host}/{key}" if key else host
    return RemotePath(f"{scheme}://{fs_path}", scheme, fs_path)


def _aws_profile() -> dict[str, str]:
    """The AWS profile's settings from the config file (``[default]`` or ``[profile NAME]``)."""
    config = os.environ.get("AWS_CONFIG_FILE") or os.path.expanduser("~/.aws/config")
    profile = os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE") or "default"
    parser = configparser.ConfigParser()
    try:
        parser.read(config, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return {}
    for section in (f"profile {profile}", profile):
        if parser.has_section(section):
            return dict(parser.items(section))
    return {}


def s3_options() -> dict:
    """Keyword arguments for ``pyarrow.fs.S3FileSystem`` from the environment and the profile
    (endpoint, region, scheme, timeouts); credentials are left to the AWS SDK's own chain."""
    profile = _aws_profile()
    endpoint = (
        os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or profile.get("endpoint_url", "")
    ).strip()
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or profile.get("region")
    options: dict = {"connect_timeout": CONNECT_TIMEOUT, "request_timeout": REQUEST_TIMEOUT}
    if endpoint:
        parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
        options["endpoint_override"] = parts.netloc + parts.path.rstrip("/")
        options["scheme"] = parts.scheme or "https"
        options["region"] = region or "us-east-1"
    elif region:
        options["region"] = region
    return options


_FILESYSTEMS: dict[tuple, object] = {}


def filesystem(path: RemotePath):
    """The pyarrow filesystem for a remote path (S3 or GCS), built once per configuration."""
    import pyarrow.fs as pafs

    if path.scheme == "s3":
        options = s3_options()
        key = ("s3", tuple(sorted(options.items())), os.environ.get("AWS_PROFILE"), os.environ.get("AWS_ACCESS_KEY_ID"))
        if key not in _FILESYSTEMS:
            if "endpoint_override" in options or "region" in options:
                _FILESYSTEMS[key] = pafs.S3FileSystem(**options)
            else:  # the bucket's own region, as the AWS SDK resolves it
                bucket = path.path.split("/", 1)[0]
                try:
                    region = pafs.resolve_s3_region(bucket)
                except OSError:
                    region = "us-east-1"
                _FILESYSTEMS[key] = pafs.S3FileSystem(region=region, **options)
        return _FILESYSTEMS[key]
    if path.scheme == "gs":
        emulator = os.environ.get("STORAGE_EMULATOR_HOST", "").strip()
        key = ("gs", emulator)
        if key not in _FILESYSTEMS:
            options: dict = {"retry_time_limit": REQUEST_TIMEOUT}
            if emulator:
                parts = urlsplit(emulator if "://" in emulator else f"http://{emulator}")
                options.update(endpoint_override=parts.netloc, scheme=parts.scheme, anonymous=True)
            _FILESYSTEMS[key] = pafs.GcsFileSystem(**options)
        return _FILESYSTEMS[key]
    raise DataError("HTTP sources are read with ranged requests, not a filesystem", file=str(path))


def remote_error(exc: BaseException, path: RemotePath, what: str = "cannot read") -> DataError:
    """A DataError for a failed remote read: one line, the secrets scrubbed."""
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return DataError(f"{what}: {scrub(detail)[:300]}", file=str(path))


@frozen
class RemoteEntry:
    """A remote file: where it is and its size in bytes."""

    path: RemotePath
    size: int


def stat(path: RemotePath) -> tuple[str, int]:
    """``('file', size)`` or ``('dir', 0)``; a missing object or a refused request is a DataError."""
    if path.scheme in ("http", "https"):
        return "file", _http_size(path)
    import pyarrow.fs as pafs

    try:
        info = filesystem(path).get_file_info(path.path)
    except Exception as exc:
        raise remote_error(exc, path) from None
    if info.type == pafs.FileType.NotFound:
        raise DataError("no such file or folder in the bucket", file=str(path))
    if info.type == pafs.FileType.Directory:
        return "dir", 0
    size = info.size or 0
    if size == 0:
        raise DataError("file is empty (0 bytes)", file=str(path))
    if size > MAX_STREAM_BYTES:
        raise DataError(
            f"file is {_size_text(size)}; the limit for this kind of file is {_size_text(MAX_STREAM_BYTES)}",
            file=str(path),
        )
    return "file", size


def list_files(folder: RemotePath, suffixes: tuple[str, ...]) -> tuple[list[RemoteEntry], list[str]]:
    """Files with one of ``suffixes`` under a remote folder (recursively), in name order, hidden
    ones (``.x``, ``_x``) skipped; notes for what the limits left out."""
    import pyarrow.fs as pafs

    if folder.scheme in ("http", "https"):
        raise DataError("an HTTP address is one file: HTTP cannot list a folder", file=str(folder))
    try:
        infos = filesystem(folder).get_file_info(pafs.FileSelector(folder.path, recursive=True))
    except Exception as exc:
        raise remote_error(exc, folder, "cannot list") from None
    notes: list[str] = []
    if len(infos) > MAX_FOLDER_ENTRIES:
        notes.append(f"stopped after {MAX_FOLDER_ENTRIES:,} entries (MAX_FOLDER_ENTRIES)")
        infos = sorted(infos, key=lambda i: i.path)[:MAX_FOLDER_ENTRIES]
    files = []
    for info in sorted(infos, key=lambda i: i.path):
        name = info.base_name
        if info.type != pafs.FileType.File or not name.lower().endswith(suffixes) or name.startswith((".", "_")):
            continue
        child = folder.child(info.path)
        if info.size and info.size > MAX_STREAM_BYTES:
            notes.append(f"skipped {child}: larger than {_size_text(MAX_STREAM_BYTES)} (MAX_STREAM_BYTES)")
            continue
        if len(files) >= MAX_FOLDER_LOGS:
            notes.append(f"skipped {child}: more than {MAX_FOLDER_LOGS:,} files (MAX_FOLDER_LOGS)")
            continue
        files.append(RemoteEntry(child, int(info.size or 0)))
    return files, notes


def open_input(path: RemotePath):
    """A random-access, read-only file for pyarrow (Parquet footers, zip directories)."""
    if path.scheme in ("http", "https"):
        import pyarrow as pa

        return pa.PythonFile(HttpFile(path), mode="r")
    try:
        return filesystem(path).open_input_file(path.path)
    except Exception as exc:
        raise remote_error(exc, path, "cannot open") from None


def open_stream(path: RemotePath):
    """A sequential read-only stream (CSV), decompressed when the name says so (``.gz``)."""
    if path.scheme in ("http", "https"):
        return open_input(path)
    try:
        return filesystem(path).open_input_stream(path.path)
    except Exception as exc:
        raise remote_error(exc, path, "cannot open") from None


def open_output(path: RemotePath):
    """A stream that writes a new object (``reduce --out s3://...``)."""
    if path.scheme in ("http", "https"):
        raise DataError("cannot write to an HTTP address; give a local path, s3:// or gs://", file=str(path))
    try:
        return filesystem(path).open_output_stream(path.path)
    except Exception as exc:
        raise remote_error(exc, path, "cannot write") from None


def exists(path: RemotePath) -> bool:
    import pyarrow.fs as pafs

    try:
        return filesystem(path).get_file_info(path.path).type != pafs.FileType.NotFound
    except Exception as exc:
        raise remote_error(exc, path) from None


# ---------------------------------------------------------------------------------------- HTTP


def _client():
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(REQUEST_TIMEOUT, connect=CONNECT_TIMEOUT), follow_redirects=True, trust_env=True
    )


def _http_size(path: RemotePath) -> int:
    """The size of an HTTP file (HEAD, else a one-byte ranged GET); the server must serve ranges."""
    import httpx

    try:
        with _client() as client:
            response = client.get(path.uri, headers={"Range": "bytes=0-0"})
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise remote_error(exc, path) from None
    if response.status_code == 404:
        raise DataError("no such file (HTTP 404)", file=str(path))
    if response.status_code != 206:
        raise DataError(
            f"the server answered HTTP {response.status_code} to a ranged request; only servers that serve byte "
            "ranges are read (so that nothing is downloaded whole)",
            file=str(path),
        )
    total = response.headers.get("content-range", "").rpartition("/")[2]
    if not total.isdigit():
        raise DataError("the server did not give the file's size (Content-Range)", file=str(path))
    size = int(total)
    if size == 0:
        raise DataError("file is empty (0 bytes)", file=str(path))
    if size > MAX_STREAM_BYTES:
        raise DataError(
            f"file is {_size_text(size)}; the limit for this kind of file is {_size_text(MAX_STREAM_BYTES)}",
            file=str(path),
        )
    return size


class HttpFile:
    """A read-only, seekable file over HTTP ranged requests (at least 1 MiB per request)."""

    BLOCK = 1 << 20

    def __init__(self, path: RemotePath) -> None:
        self.path = path
        self.size = _http_size(path)
        self.pos = 0
        self.closed = False
        self._client = _client()
        self._buffer, self._start = b"", 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def _fetch(self, start: int, end: int) -> bytes:
        import httpx

        try:
            response = self._client.get(self.path.uri, headers={"Range": f"bytes={start}-{end - 1}"})
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise remote_error(exc, self.path) from None
        if response.status_code != 206:
            raise DataError(f"HTTP {response.status_code} for a ranged request", file=str(self.path))
        return response.content[: end - start]

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.size - self.pos
        end = min(self.size, self.pos + size)
        if end <= self.pos:
            return b""
        lo, hi = self.pos - self._start, end - self._start
        if not (lo >= 0 and hi <= len(self._buffer)):
            self._start = self.pos
            self._buffer = self._fetch(self.pos, min(self.size, max(end, self.pos + self.BLOCK)))
            lo, hi = 0, end - self.pos
        data = self._buffer[lo:hi]
        self.pos += len(data)
        return data

    def close(self) -> None:
        if not self.closed:
            self._client.close()
            self.closed = True

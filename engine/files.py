"""File access for every reader: which files may be opened, and how much of them is read.

Data flows one way: :func:`scalescope.engine.io.load` -> ``readers`` -> this module. Only
regular files are read (a FIFO, device, socket, or a link to one is refused before it is
opened, and files are opened with ``O_NONBLOCK`` so that nothing can block); every read is
bounded by one of the named limits below, and going over one is a :class:`DataError` that
names the file and the limit. Input files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from .errors import DataError

MiB = 1024**2

# Limits. Each is named in the error a file that goes over it gets.
MAX_READ_BYTES = 64 * MiB  # a file read whole: points tables, JSON, JSONL, Inspect .json logs, tokens files
MAX_STREAM_BYTES = 64 * 1024 * MiB  # a file streamed in batches (per-sample CSV / Parquet, .eval containers)
MAX_MEMBER_BYTES = 64 * MiB  # one decompressed member of an .eval zip (header.json)
MAX_HEADER_BYTES = 1 * MiB  # the header line of a delimited text file
MAX_JSON_DEPTH = 100  # nesting of JSON arrays and objects (Inspect headers need about 10)
MAX_JSON_DIGITS = 300  # digits in one JSON integer (a float overflows long before)
MAX_COLUMNS = 1_000  # columns in a table
MAX_POINT_ROWS = 100_000  # rows in a points table (one row per model setting)
MAX_FOLDER_ENTRIES = 100_000  # files and folders looked at in a folder of logs
MAX_FOLDER_LOGS = 10_000  # logs read from one folder
MAX_ZIP_ENTRIES = 500_000  # entries of one .eval zip (a sample per epoch: 100k samples x 5 epochs)
MAX_ZIP_DIRECTORY = 128 * MiB  # its central directory, read whole by zipfile

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _size_text(size: int) -> str:
    return f"{size / 1024**3:.1f} GiB" if size >= 1024**3 else f"{size / MiB:.1f} MiB"


def path_text(path: object) -> str:
    """A path (or a part of one) as text every library can hold: bytes of a file name that are not
    UTF-8 (a Latin-1 ``caf\xe9.csv``, which Python reads as lone surrogates) become visible
    ``\\xNN`` escapes. pandas and Arrow refuse lone surrogates outright."""
    text = os.fspath(path) if isinstance(path, os.PathLike) else str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that did not come from a file name's bytes
            return text.encode("utf-8", "backslashreplace").decode("utf-8")


def not_regular(mode: int) -> str | None:
    """What a non-regular file is ('a FIFO (named pipe)', ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _remote(path) -> bool:
    """True for a remote path (engine/remote.py): s3://, gs://, https:// objects are read
    through the same functions, bounded by the same limits."""
    return type(path).__name__ == "RemotePath"


def _check_remote(path, *, allow_dir: bool, max_bytes: int | None) -> os.stat_result:
    from . import remote

    kind, size = remote.stat(path)  # refuses an empty file and one over MAX_STREAM_BYTES
    if kind == "dir":
        if not allow_dir:
            raise DataError("is a folder; expected a file", file=str(path))
        return os.stat_result((stat.S_IFDIR | 0o555, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    if max_bytes is not None and size > max_bytes:
        raise DataError(
            f"file is {_size_text(size)}; the limit for this kind of file is {_size_text(max_bytes)}"
            + (" (MAX_READ_BYTES: it is read whole)" if max_bytes == MAX_READ_BYTES else ""),
            file=str(path),
        )
    return os.stat_result((stat.S_IFREG | 0o444, 0, 0, 0, 0, 0, size, 0, 0, 0))


def check_regular(path: Path, *, allow_dir: bool = False, max_bytes: int | None = None) -> os.stat_result:
    """The file's status, or a DataError: missing, a link loop, not a regular file (FIFO, device,
    socket, directory unless ``allow_dir``), unreadable, empty, or over ``max_bytes``."""
    if _remote(path):
        return _check_remote(path, allow_dir=allow_dir, max_bytes=max_bytes)
    name = str(path)
    try:
        st = os.stat(path)  # follows symlinks: a link to /dev/zero is a character device
    except FileNotFoundError:
        link = " (a symlink whose target does not exist)" if os.path.islink(path) else ""
        hint = " (not a bundled dataset id either; `scalescope list` shows them)" if os.sep not in name else ""
        raise DataError(f"no such file{link or hint}", file=name) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DataError("symlink loop; expected a file", file=name) from None
        raise DataError(f"cannot read: {exc.strerror or exc}", file=name) from None
    what = not_regular(st.st_mode)
    if what == "a directory":
        if not allow_dir:
            raise DataError("is a directory; expected a file", file=name)
        if not os.access(path, os.R_OK | os.X_OK):
            raise DataError("cannot read: permission denied", file=name)
        return st
    if what is not None:
        raise DataError(f"is {what}, not a regular file: refused (only regular files are read)", file=name)
    if not os.access(path, os.R_OK):
        raise DataError("cannot read: permission denied", file=name)
    if st.st_size == 0:
        raise DataError("file is empty (0 bytes)", file=name)
    if max_bytes is not None and st.st_size > max_bytes:
        raise DataError(
            f"file is {_size_text(st.st_size)}; the limit for this kind of file is {_size_text(max_bytes)}"
            + (" (MAX_READ_BYTES: it is read whole)" if max_bytes == MAX_READ_BYTES else ""),
            file=name,
        )
    return st


def open_regular(path: Path, *, max_bytes: int = MAX_STREAM_BYTES) -> io.BufferedReader:
    """Open a regular file for binary reading. ``O_NONBLOCK`` means a FIFO swapped in after the
    check cannot block the open, and the opened file is checked again. A remote path opens as
    a random-access pyarrow file (engine/remote.py)."""
    check_regular(path, max_bytes=max_bytes)
    if _remote(path):
        from .remote import open_input

        return open_input(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise DataError(f"cannot open: {exc.strerror or exc}", file=str(path)) from None
    try:
        what = not_regular(os.fstat(fd).st_mode)
        if what is not None:
            raise DataError(f"is {what}, not a regular file: refused", file=str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, *, max_bytes: int = MAX_READ_BYTES) -> bytes:
    """The whole file, at most ``max_bytes`` (a file that grows while read is still cut off)."""
    with open_regular(path, max_bytes=max_bytes) as handle:
        # as the file is: a buffer of the limit's size up front would take 64 MiB for any file
        # (and fail under an address-space limit once pyarrow has reserved its share)
        chunks, total = [], 0
        while total <= max_bytes:
            block = handle.read(min(1 << 22, max_bytes + 1 - total))
            if not block:
                break
            chunks.append(block)
            total += len(block)
        data = b"".join(chunks)
    if len(data) > max_bytes:
        raise DataError(f"file is larger than the {_size_text(max_bytes)} limit", file=str(path))
    if not data:
        raise DataError("file is empty (0 bytes)", file=str(path))
    return data


def decode_utf8(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is fine); anything else is a DataError naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            file=name,
            row=line,
        ) from None


def read_text(path: Path, *, max_bytes: int = MAX_READ_BYTES) -> str:
    """The file as UTF-8 text, read whole (bounded by ``max_bytes``)."""
    return decode_utf8(read_bytes(path, max_bytes=max_bytes), str(path))


def read_head(path: Path, size: int = 4096) -> bytes:
    """The first ``size`` bytes of a regular file; b"" for anything that cannot be read."""
    try:
        with open_regular(path) as handle:
            return handle.read(size)
    except (DataError, OSError):
        return b""


def header_line(path: Path, sep: str | None = None) -> tuple[list[str], str]:
    """The first line of a delimited text file as column names, and the delimiter (guessed from
    that line when not given). A file that cannot be read gives no names; a header line longer
    than MAX_HEADER_BYTES or with more than MAX_COLUMNS cells is a DataError."""
    head = read_head(path, MAX_HEADER_BYTES + 1)
    if not head:
        return [], sep or ","
    end = head.find(b"\n")
    if end < 0 and len(head) > MAX_HEADER_BYTES:
        raise DataError(f"header line is longer than {_size_text(MAX_HEADER_BYTES)} (MAX_HEADER_BYTES)", file=str(path))
    line = head[: end if end >= 0 else len(head)].decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r")
    if sep is None:
        sep = "\t" if "\t" in line else ("," if "," in line else ";")
    cells = split_header(line, sep, str(path))
    return [cell.strip() for cell in cells], sep


def split_header(line: str, sep: str, name: str) -> list[str]:
    """The cells of a header line (quotes respected), at most MAX_COLUMNS of them."""
    if line.count(sep) + 1 > MAX_COLUMNS:
        raise DataError(
            f"header has {line.count(sep) + 1:,} columns; the limit is {MAX_COLUMNS:,} (MAX_COLUMNS)", file=name
        )
    try:
        return next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        return line.split(sep)


def check_columns(headers: list[str], name: str) -> None:
    """At most MAX_COLUMNS columns, and no column name twice."""
    if len(headers) > MAX_COLUMNS:
        raise DataError(f"table has {len(headers):,} columns; the limit is {MAX_COLUMNS:,} (MAX_COLUMNS)", file=name)
    seen: dict[str, int] = {}
    for number, header in enumerate(headers, start=1):
        key = str(header).strip()
        if key in seen:
            raise DataError(
                f"column {key!r} appears twice (columns {seen[key]} and {number}); rename or remove one", file=name
            )
        seen[key] = number


# ---------------------------------------------------------------------------------------- JSON


def json_depth_error(data: bytes | str, name: str, *, row: int | None = None) -> DataError | None:
    """A DataError if arrays and objects nest deeper than MAX_JSON_DEPTH (strings are skipped;
    a vectorised scan, so no recursion is involved), else None."""
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return None
    buf = np.frombuffer(raw, dtype=np.uint8)
    chunk = 1 << 22
    depth, inside, prev_backslashes = 0, False, 0
    for start in range(0, len(buf), chunk):
        part = buf[start : start + chunk]
        idx = np.arange(len(part))
        backslash = part == 0x5C
        # length of the run of backslashes just before each position
        not_bs = np.where(~backslash, idx, -1)
        last = np.maximum.accumulate(not_bs)
        run_before = np.empty(len(part), dtype=np.int64)
        run_before[0] = prev_backslashes
        if len(part) > 1:
            prior = last[:-1]
            run_before[1:] = np.where(prior >= 0, idx[:-1] - prior, idx[:-1] + 1 + prev_backslashes)
        quote = (part == 0x22) & (run_before % 2 == 0)
        parity = (np.cumsum(quote) + inside) % 2  # 1 inside a string (and on its opening quote)
        outside = (parity == 0) & ~quote
        delta = np.zeros(len(part), dtype=np.int64)
        delta[((part == 0x5B) | (part == 0x7B)) & outside] = 1
        delta[((part == 0x5D) | (part == 0x7D)) & outside] = -1
        levels = depth + np.cumsum(delta)
        over = np.flatnonzero(levels > MAX_JSON_DEPTH)
        if over.size:
            offset = start + int(over[0])
            line = raw[:offset].count(b"\n") + 1
            where = f" (line {line})" if row is None and line > 1 else ""
            return DataError(
                f"JSON nested more than {MAX_JSON_DEPTH} levels deep{where}; the limit is MAX_JSON_DEPTH",
                file=name,
                row=row,
            )
        depth = int(levels[-1]) if len(levels) else depth
        inside = bool(parity[-1]) if len(parity) else inside
        trailing = len(part) - 1 - int(last[-1]) if last[-1] >= 0 else len(part) + prev_backslashes
        prev_backslashes = trailing
    return None


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _JsonValueError(f"an integer with {len(text.lstrip('-')):,} digits (limit {MAX_JSON_DIGITS})")
    return int(text)


class _JsonValueError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _JsonValueError(f"key {key!r} appears twice in one object")
        out[key] = value
    return out


def parse_json(data: bytes | str, name: str, *, row: int | None = None, what: str = "JSON") -> object:
    """``json.loads`` with the limits: nesting depth checked first, integers of at most
    MAX_JSON_DIGITS digits, no key twice in an object. Every failure is a DataError naming the
    file (and ``row``, a JSONL line)."""
    error = json_depth_error(data, name, row=row)
    if error is not None:
        raise error
    try:
        return json.loads(data, parse_int=_parse_int, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if row is None else ""
        raise DataError(f"invalid {what}: {exc.msg}{where}", file=name, row=row) from None
    except _JsonValueError as exc:
        raise DataError(f"{what}: {exc}", file=name, row=row) from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{what} is not UTF-8 text ({exc.reason})", file=name, row=row) from None
    except RecursionError:  # the depth check should have caught it; never let it escape
        raise DataError(f"{what} nested too deeply to read", file=name, row=row) from None
    except ValueError as exc:  # e.g. Python's own limit on integer digits
        raise DataError(f"{what}: {str(exc).splitlines()[0][:200]}", file=name, row=row) from None


# ---------------------------------------------------------------------------------------- zip


class _Limited(io.RawIOBase):
    """``length`` bytes of a file from its current position."""

    def __init__(self, handle: io.BufferedReader, length: int) -> None:
        self.handle, self.left = handle, length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.left)
        if n <= 0:
            return 0
        data = self.handle.read(n)
        buffer[: len(data)] = data
        self.left -= len(data)
        return len(data)


def _zstd_chunks(raw: _Limited) -> Iterator[bytes]:
    try:
        import zstandard
    except ImportError:  # Python 3.14: compression.zstd, with max_length like zlib
        from compression import zstd  # type: ignore[import-not-found]

        decomp = zstd.ZstdDecompressor()
        while not decomp.eof:
            data = raw.read(1 << 16) if decomp.needs_input else b""
            if decomp.needs_input and not data:
                return
            yield decomp.decompress(data, max_length=1 << 20)
        return
    reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
    while True:
        out = reader.read(1 << 20)  # at most 1 MiB out per call, however well it compressed
        if not out:
            return
        yield out


def _deflate_chunks(raw: _Limited) -> Iterator[bytes]:
    decomp = zlib.decompressobj(-15)
    pending = b""
    while not decomp.eof:
        if not pending:
            pending = raw.read(1 << 16)
            if not pending:
                return
        yield decomp.decompress(pending, 1 << 20)  # at most 1 MiB out per call
        pending = decomp.unconsumed_tail


def zip_member(path: Path, member: str, *, max_bytes: int = MAX_MEMBER_BYTES) -> bytes | None:
    """One member of a zip file, decompressed as a stream and cut off at ``max_bytes`` (a zip bomb
    costs no more than the limit; the sizes the zip declares are not trusted). None when there is
    no such member. Damage of any kind is a DataError naming the file."""
    with open_regular(path) as handle:
        return zip_member_of(handle, member, name=str(path), max_bytes=max_bytes)


def zip_member_of(handle, member: str, *, name: str, max_bytes: int = MAX_MEMBER_BYTES) -> bytes | None:
    """:func:`zip_member` on an open, seekable binary handle (a local file, or a remote one read
    with HTTP range requests: only the central directory and the one member are read)."""
    import zipfile

    try:
        check_zip_directory(handle, name)
    except (OSError, struct.error) as exc:
        raise DataError(f"not a readable .eval file ({type(exc).__name__}: {exc})", file=name) from None
    try:
        with zipfile.ZipFile(handle) as archive:
            try:
                info = archive.getinfo(member)
            except KeyError:
                return None
    except zipfile.BadZipFile as exc:
        raise DataError(f"not a readable .eval file (damaged or truncated zip: {exc})", file=name) from None
    except (OSError, ValueError, EOFError, NotImplementedError, struct.error) as exc:
        raise DataError(f"not a readable .eval file ({type(exc).__name__}: {exc})", file=name) from None
    if info.flag_bits & 0x1:
        raise DataError(f"{member} is encrypted", file=name)
    handle.seek(info.header_offset)
    local = handle.read(30)
    if len(local) != 30 or local[:4] != b"PK\x03\x04":
        raise DataError(f"not a readable .eval file (bad local header for {member})", file=name)
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    handle.seek(info.header_offset + 30 + name_len + extra_len)
    raw = _Limited(handle, info.compress_size)
    if info.compress_type == 0:
        chunks: Iterator[bytes] = iter(lambda: raw.read(1 << 20), b"")
    elif info.compress_type == 8:
        chunks = _deflate_chunks(raw)
    elif info.compress_type == 93:
        chunks = _zstd_chunks(raw)
    else:
        raise DataError(f"{member} uses compression method {info.compress_type}, which is not read", file=name)
    parts, total, crc = [], 0, 0
    try:
        for chunk in chunks:
            total += len(chunk)
            if total > max_bytes:
                raise DataError(
                    f"{member} decompresses to more than {_size_text(max_bytes)} (MAX_MEMBER_BYTES); "
                    "refused (a zip bomb, or a log far larger than any real one)",
                    file=name,
                )
            crc = zlib.crc32(chunk, crc)
            parts.append(chunk)
    except DataError:
        raise
    except Exception as exc:  # zlib.error, zstd errors: a damaged member
        raise DataError(f"not a readable .eval file ({type(exc).__name__}: {exc})", file=name) from None
    if crc != info.CRC:
        raise DataError(f"not a readable .eval file ({member} is damaged: CRC mismatch)", file=name)
    return b"".join(parts)


def check_zip_directory(handle, name: str) -> None:
    """Refuse a zip whose end record announces more than MAX_ZIP_ENTRIES entries or a central
    directory over MAX_ZIP_DIRECTORY, before ``zipfile`` reads that directory whole (3M entries
    took 15 s and 1.2 GiB). Only the last 64 KiB of the file are read here."""
    handle.seek(0, 2)
    size = handle.tell()
    tail_start = max(0, size - (1 << 16) - 22)
    handle.seek(tail_start)
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return  # not a zip (or damaged): zipfile says so
    entries, directory = struct.unpack("<10xHI", tail[at : at + 16])  # total entries, directory size
    locator = tail.rfind(b"PK\x06\x07", 0, at)
    if locator >= 0 and locator + 20 <= at:  # ZIP64: the counts live in the ZIP64 end record
        (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        if 0 <= offset < size:
            handle.seek(offset)
            record = handle.read(56)
            if len(record) == 56 and record[:4] == b"PK\x06\x06":
                entries, directory = struct.unpack("<QQ", record[32:48])  # total entries, directory size
    if entries > MAX_ZIP_ENTRIES:
        raise DataError(
            f"zip announces {entries:,} entries, more than {MAX_ZIP_ENTRIES:,} (MAX_ZIP_ENTRIES); refused", file=name
        )
    if directory > MAX_ZIP_DIRECTORY:
        raise DataError(
            f"zip directory of {_size_text(directory)} is over {_size_text(MAX_ZIP_DIRECTORY)} (MAX_ZIP_DIRECTORY); "
            "refused",
            file=name,
        )
    handle.seek(0)


def zip_names(path: Path) -> set[str]:
    """Member names of a zip file (only its central directory is read)."""
    import zipfile

    with open_regular(path) as handle:
        check_zip_directory(handle, str(path))
        try:
            with zipfile.ZipFile(handle) as archive:
                return set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise DataError(f"not a readable .eval file (damaged or truncated zip: {exc})", file=str(path)) from None
        except (OSError, ValueError, EOFError, NotImplementedError, struct.error) as exc:
            raise DataError(f"not a readable .eval file ({type(exc).__name__}: {exc})", file=str(path)) from None


# ---------------------------------------------------------------------------------------- folders


MAX_FOLDER_DEPTH = 64  # levels of folders below the one opened (Inspect log folders use a few)


def _walk(folder: Path, notes: list[str]):
    """``os.walk`` top-down, sorted, symlinked folders not followed, without recursion (a folder
    1,000+ levels deep made ``os.walk`` raise RecursionError) and at most MAX_FOLDER_DEPTH deep."""
    stack = [(os.fspath(folder), 0)]
    deep_noted = False
    while stack:
        root, depth = stack.pop()
        dirs, names = [], []
        try:
            with os.scandir(root) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir(follow_symlinks=False)
                    except OSError:
                        is_dir = False
                    (dirs if is_dir else names).append(entry.name)
        except OSError as exc:
            notes.append(f"skipped {root}: {exc.strerror or exc}")
            continue
        dirs.sort()
        yield root, dirs, names
        if depth >= MAX_FOLDER_DEPTH:
            if dirs and not deep_noted:
                notes.append(f"folders more than {MAX_FOLDER_DEPTH} levels deep skipped (MAX_FOLDER_DEPTH)")
                deep_noted = True
            continue
        stack.extend((os.path.join(root, d), depth + 1) for d in reversed(dirs))


def folder_files(folder: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """Regular files with one of ``suffixes`` under ``folder`` (symlinked folders not followed),
    sorted; and a note for each entry with such a name that is skipped (FIFO, device, socket,
    folder, broken link) or beyond the limits. A remote folder lists its objects (engine/remote.py)."""
    if _remote(folder):
        from .remote import list_files

        entries, notes = list_files(folder, suffixes)
        return [entry.path for entry in entries], notes
    files, notes, seen = [], [], 0
    for root, dirs, names in _walk(folder, notes):
        for entry in sorted(names) + [d for d in dirs if d.lower().endswith(suffixes)]:
            seen += 1
            if seen > MAX_FOLDER_ENTRIES:
                notes.append(f"stopped after {MAX_FOLDER_ENTRIES:,} entries (MAX_FOLDER_ENTRIES)")
                return sorted(files), notes
            path = Path(root) / entry
            if not entry.lower().endswith(suffixes):
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                notes.append(f"skipped {path}: {exc.strerror or exc}")
                continue
            what = not_regular(mode)
            if what is not None:
                notes.append(f"skipped {path}: {what}, not a regular file")
                continue
            if len(files) >= MAX_FOLDER_LOGS:
                notes.append(f"skipped {path}: more than {MAX_FOLDER_LOGS:,} logs (MAX_FOLDER_LOGS)")
                continue
            files.append(path)
    return sorted(files), notes


def zip_members(
    path: Path,
    wanted,
    *,
    max_bytes: int = MAX_MEMBER_BYTES,
    max_total: int = MAX_MEMBER_BYTES,
    max_members: int = 10_000,
) -> dict[str, bytes]:
    """The members of a zip file whose names ``wanted(name)`` accepts, read through one open of
    the file: each decompressed as a stream and cut off at ``max_bytes``, all of them together at
    ``max_total``, at most ``max_members`` of them (going over any is a DataError naming the limit).
    Damage of any kind is a DataError naming the file."""
    import zipfile

    name = str(path)
    out: dict[str, bytes] = {}
    with open_regular(path) as handle:
        check_zip_directory(handle, name)
        try:
            with zipfile.ZipFile(handle) as archive:
                members = [info.filename for info in archive.infolist() if wanted(info.filename)]
        except zipfile.BadZipFile as exc:
            raise DataError(f"not a readable .eval file (damaged or truncated zip: {exc})", file=name) from None
        except (OSError, ValueError, EOFError, NotImplementedError, struct.error) as exc:
            raise DataError(f"not a readable .eval file ({type(exc).__name__}: {exc})", file=name) from None
        if len(members) > max_members:
            raise DataError(f"more than {max_members:,} members to read; refused", file=name)
        total = 0
        for member in members:
            data = zip_member_of(handle, member, name=name, max_bytes=max_bytes) or b""
            total += len(data)
            if total > max_total:
                raise DataError(
                    f"members decompress to more than {_size_text(max_total)} together (MAX_MEMBER_BYTES); refused",
                    file=name,
                )
            out[member] = data
    return out

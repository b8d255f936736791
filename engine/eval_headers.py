"""Token counts for Epoch AI's runs from their Inspect logs, reading only ``header.json``.

An ``.eval`` log is a zip; its ``header.json`` (the EvalLog without samples) holds
``stats.model_usage``. Epoch's runs link their logs by URL, and a log with every sample in it
runs to hundreds of megabytes: this reads the zip's central directory from the end of the file
and then the one member, with HTTP range requests (two or three small requests per log), through
the same zip code as local logs (:func:`engine.files.zip_member_of`) and the same header reading
as the Inspect reader (:func:`engine.readers.inspect_logs.log_point`). Headers are cached, so a
second ``fetch epoch --tokens`` asks the server for nothing it already has.

The network edge, like :mod:`engine.fetch`: every failure is a :class:`FetchError` or a
:class:`DataError` naming the URL; nothing is downloaded whole.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from ._frozen import frozen
from .errors import DataError, FetchError
from .files import MAX_MEMBER_BYTES, zip_member_of

BLOCK = 64 * 1024  # bytes asked for at a time: the tail (central directory) usually fits in one
MAX_REMOTE_BYTES = MAX_MEMBER_BYTES + 4 * 1024**2  # read from one log at most: a header and a directory
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


class RangeReader(io.RawIOBase):
    """A remote file as a seekable binary stream: each read the cache cannot answer is one
    ``Range: bytes=a-b`` request. A server that answers with the whole file (200) is refused."""

    def __init__(self, url: str, client, *, max_bytes: int = MAX_REMOTE_BYTES) -> None:
        self.url, self.client, self.max_bytes = url, client, max_bytes
        self.fetched = 0
        self.requests = 0
        self.pos = 0
        self.blocks: list[tuple[int, bytes]] = []
        tail_start, tail = self._get(f"bytes=-{BLOCK}")  # the end: where a zip's directory is
        self.blocks.append((tail_start, tail))

    def _get(self, spec: str) -> tuple[int, bytes]:
        import httpx

        self.requests += 1
        try:
            # streamed: a server that ignores the range is refused before its body is read
            with self.client.stream("GET", self.url, headers={"Range": spec}) as response:
                if response.status_code == 200:
                    raise FetchError(
                        f"{self.url}: the server ignores range requests (it would send the whole file); not downloaded"
                    )
                if response.status_code != 206:
                    raise FetchError(f"{self.url}: HTTP {response.status_code} {response.reason_phrase}".strip())
                found = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
                if not found or found[3] == "*":
                    raise FetchError(f"{self.url}: range reply without a usable Content-Range")
                start, end, size = int(found[1]), int(found[2]), int(found[3])
                if end < start or self.fetched + (end - start + 1) > self.max_bytes:
                    raise FetchError(f"{self.url}: would read more than {self.max_bytes:,} bytes of it; refused")
                data = b""
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > end - start + 1:
                        break
        except httpx.TimeoutException:
            raise FetchError(f"{self.url}: timed out") from None
        except httpx.HTTPError as exc:
            first = str(exc).splitlines()[0][:200] if str(exc) else ""
            raise FetchError(f"{self.url}: {type(exc).__name__}: {first}") from None
        if len(data) != end - start + 1:
            raise FetchError(f"{self.url}: range reply of {len(data):,} bytes, announced {end - start + 1:,}")
        self.size = size
        self.fetched += len(data)
        return start, data

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def readinto(self, buffer) -> int:
        want = min(len(buffer), self.size - self.pos)
        if want <= 0:
            return 0
        for start, data in self.blocks:
            if start <= self.pos < start + len(data):
                chunk = data[self.pos - start : self.pos - start + want]
                break
        else:
            end = min(self.size, self.pos + max(want, BLOCK)) - 1
            start, data = self._get(f"bytes={self.pos}-{end}")
            self.blocks.append((start, data))
            chunk = data[self.pos - start : self.pos - start + want]
        buffer[: len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


def remote_member(url: str, member: str, client, *, max_bytes: int = MAX_MEMBER_BYTES) -> tuple[bytes | None, int]:
    """One member of a remote zip and the bytes it took to read it."""
    raw = RangeReader(url, client)
    data = zip_member_of(io.BufferedReader(raw, buffer_size=BLOCK), member, name=url, max_bytes=max_bytes)
    return data, raw.fetched


def header_cache(cache: Path, url: str) -> Path:
    return cache / "eval-headers" / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:24] + ".json")


@frozen
class RunTokens:
    url: str
    tokens: float | None  # output tokens per question of the evaluated model, or None
    why: str  # "" when found; else the reason
    fetched: int  # bytes read from the server (0: from the cache)


def run_tokens(url: str, client, cache: Path) -> RunTokens:
    """Output tokens per question of one run: its log's header.json (cached), read by the Inspect reader."""
    from .fetched import write_atomic
    from .readers.inspect_logs import log_point

    path = header_cache(cache, url)
    fetched = 0
    try:
        if not path.is_file():
            data, fetched = remote_member(url, "header.json", client)
            if data is None:
                return RunTokens(url, None, "no header.json in the log (the run did not finish)", fetched)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        point = log_point(path)
    except (FetchError, DataError) as exc:
        return RunTokens(url, None, str(exc).replace(str(path), "header.json"), fetched)
    return RunTokens(url, float(point["compute"]), "", fetched)


@frozen
class LogUsage:
    """The evaluated model's usage in one Inspect log, per question (grader models left out).
    Inspect's ``input_tokens`` excludes cache reads and writes (``ModelUsage`` docs)."""

    input: float
    cache_read: float
    cache_write: float
    output: float
    reasoning: float
    cost: float | None  # ``total_cost`` per question, where the log recorded one
    created: str  # the run's date (eval.created), "" when absent


def log_usage(path: Path) -> LogUsage | None:
    """Usage per question from a local Inspect log's header (the Inspect reader's own header
    reading), or None when the log records none for its evaluated model."""
    from .readers.inspect_logs import _read_header

    header = _read_header(path)
    ev = header.get("eval") if isinstance(header.get("eval"), dict) else {}
    model = ev.get("model")
    stats = header.get("stats") if isinstance(header.get("stats"), dict) else {}
    usage = stats.get("model_usage") if isinstance(stats.get("model_usage"), dict) else {}
    entry = usage.get(model) if isinstance(model, str) else None
    results = header.get("results") if isinstance(header.get("results"), dict) else {}
    samples = results.get("completed_samples") or results.get("total_samples")
    if not isinstance(entry, dict) or not isinstance(samples, (int, float)) or samples <= 0:
        return None

    def per_question(key: str) -> float:
        value = entry.get(key)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
        return float(value) / samples if ok else 0.0

    cost = entry.get("total_cost")
    cost_ok = isinstance(cost, (int, float)) and not isinstance(cost, bool) and cost > 0
    created = ev.get("created") if isinstance(ev.get("created"), str) else ""
    return LogUsage(
        input=per_question("input_tokens"),
        cache_read=per_question("input_tokens_cache_read"),
        cache_write=per_question("input_tokens_cache_write"),
        output=per_question("output_tokens"),
        reasoning=per_question("reasoning_tokens"),
        cost=float(cost) / samples if cost_ok else None,
        created=created[:10],
    )


def usage_from_logs(sources) -> tuple[dict[int, LogUsage], list[str]]:
    """For each row whose ``source`` is a local Inspect log, its usage per question."""
    found: dict[int, LogUsage] = {}
    problems: list[str] = []
    for i, source in enumerate(sources):
        path = Path(str(source))
        if path.suffix.lower() not in (".eval", ".json") or not path.is_file():
            continue
        try:
            usage = log_usage(path)
        except (DataError, OSError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        if usage is not None:
            found[i] = usage
    return found, problems

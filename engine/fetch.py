"""``scalescope fetch``: download ARC Prize's and Epoch AI's current data into the user cache.

The network edge, as file reading is the edge for files: httpx streams each download into a
temporary file beside its destination (with timeouts, a size cap, and a check that every byte the
server announced arrived), then renames it into place. The datasets are built in a staging folder
and made visible by one atomic pointer update (see :mod:`engine.fetched`), so a failed fetch
leaves the previous cache exactly as it was. No UI here: progress is reported to a callback.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import pandas as pd

from ._frozen import frozen
from .arc import arc_points, finish_points, leaderboard_rows, parse_json_list, set_key, set_tasks, set_title
from .errors import DataError, FetchError
from .fetched import POINTER, PREFIX, SOURCES, source_dir, write_atomic

ARC_BASE = "https://arcprize.org/media/data/"
ARC_FILES = ("evaluations.json", "models.json")
EPOCH_BASE = "https://epoch.ai/data/"
EPOCH_FILE = "benchmark_data.zip"
DEFAULT_TIMEOUT = 30.0  # seconds without progress (connect, read) before giving up
DEFAULT_MAX_BYTES = 200 * 1024**2
EPOCH_LICENCE = (
    "Epoch AI, 'Capabilities & Benchmarking'. Published online at epoch.ai. "
    "Retrieved from 'https://epoch.ai/benchmarks'. CC BY 4.0"
)
EPOCH_POLICY_TABLES = {
    "benchmark_metadata.csv",
    "eci_model_versions.csv",
    "model_metadata.csv",
    "eci_scores.csv",
    "epoch_capabilities_index.csv",
}


class Progress(Protocol):
    def update(self, done: int, total: int | None) -> None: ...
    def close(self) -> None: ...


ProgressFactory = Callable[[str], Progress]


@frozen
class FetchResult:
    source: str  # "arc" or "epoch"
    base_url: str
    fetched_at: str
    snapshot: Path
    datasets: tuple[dict, ...]  # catalog items: id, title, points, ...
    notes: tuple[str, ...]


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def download(
    url: str,
    dest: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> Path:
    """GET ``url`` into ``dest`` atomically: complete, or not there at all. Failures are FetchError."""
    import time

    import httpx

    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            with (
                httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, headers=_headers()) as client,
                _get_following(client, url) as response,
            ):
                started = time.monotonic()
                codings = [c.strip() for c in response.headers.get("Content-Encoding", "").split(",") if c.strip()]
                if len([c for c in codings if c.lower() != "identity"]) > 1:
                    raise FetchError(
                        f"{url}: Content-Encoding {', '.join(codings)[:80]!r} (compressed more than once) refused: "
                        "each layer can multiply the size a thousandfold"
                    )
                if response.status_code != 200:
                    raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".strip())
                announced = response.headers.get("Content-Length")
                total = int(announced) if announced and announced.isdigit() else None
                if total is not None and total > max_bytes:
                    raise FetchError(f"{url}: {total:,} bytes is over the size cap of {max_bytes:,} (--max-mb)")
                written = 0
                for chunk in response.iter_bytes():
                    handle.write(chunk)
                    written += len(chunk)  # decoded bytes: a compressed body may grow
                    if max(written, response.num_bytes_downloaded) > max_bytes:
                        raise FetchError(f"{url}: more than the size cap of {max_bytes:,} bytes (--max-mb)")
                    elapsed = time.monotonic() - started
                    if elapsed > timeout and response.num_bytes_downloaded < MIN_RATE * elapsed:
                        raise FetchError(
                            f"{url}: too slow ({response.num_bytes_downloaded:,} bytes in {elapsed:.0f} s, under "
                            f"{MIN_RATE:,} bytes/s after the first --timeout of {timeout:g} s)"
                        )
                    if progress is not None:
                        progress.update(response.num_bytes_downloaded, total)
                if total is not None and response.num_bytes_downloaded != total:
                    raise FetchError(
                        f"{url}: truncated download ({response.num_bytes_downloaded:,} of {total:,} bytes)"
                    )
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out (no data for {timeout:g} s; --timeout to wait longer)") from None
    except httpx.ConnectError as exc:
        raise FetchError(
            f"cannot reach {_host(url)} ({_first_line(exc)}): offline? Bundled and cached data still work; "
            "--from URL fetches from a mirror"
        ) from None
    except httpx.RemoteProtocolError as exc:
        raise FetchError(f"{url}: truncated download ({_first_line(exc)})") from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"{url}: not an http(s) address ({_first_line(exc)})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {_first_line(exc)}") from None
    except (httpx.InvalidURL, httpx.CookieConflict) as exc:  # not HTTPError subclasses
        raise FetchError(f"{url}: {_first_line(exc)}") from None
    finally:
        if progress is not None:
            progress.close()
        if os.path.exists(tmp):
            os.unlink(tmp)
    return dest


MIN_RATE = 1024  # bytes/s: a download slower than this after its first --timeout seconds stops (a drip)
MAX_REDIRECTS = 5


@contextmanager
def _get_following(client, url: str):
    """GET ``url``, following at most MAX_REDIRECTS redirects, only to http(s) on the same host (a
    redirect elsewhere is an error naming the host: ``--from`` fetches from a mirror knowingly)."""
    import httpx

    host = urlsplit(url).hostname
    for _ in range(MAX_REDIRECTS + 1):
        with client.stream("GET", url) as response:
            if response.status_code not in (301, 302, 303, 307, 308):
                yield response
                return
            target = urljoin(url, response.headers.get("Location", ""))
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"{url}: redirected to a {parts.scheme or 'relative'}: address, not http(s); refused")
        if parts.hostname != host:
            raise FetchError(
                f"{url}: redirected to another host ({parts.hostname}); not followed (--from {target} fetches from it)"
            )
        url = target
    raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects", request=None)


def _headers() -> dict[str, str]:
    try:
        from importlib.metadata import version

        agent = f"scalescope/{version('scalescope')}"
    except Exception:  # not installed as a distribution (a bare checkout)
        agent = "scalescope"
    return {"User-Agent": agent}


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__


def _base(url: str | None, default: str) -> str:
    base = url or default
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"--from needs an http(s) base URL, not {base!r}")
    return base if base.endswith("/") else base + "/"


def _stage(source: str) -> Path:
    """A new staging folder, named after this process; what a killed fetch (``kill -9``) left
    behind is removed first."""
    root = source_dir(source)
    root.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(root)
    return Path(tempfile.mkdtemp(dir=root, prefix=f".staging-{os.getpid()}-"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _remove_leftovers(root: Path) -> None:
    """Staging folders of fetches whose process is gone (or an hour old, when the name carries no
    process id), and temporary ``.part`` files older than an hour: a killed fetch never completes
    them, and nothing reads them."""
    import time

    now = time.time()
    for entry in root.iterdir():
        name = entry.name
        try:
            old = now - entry.lstat().st_mtime > 3600
        except OSError:
            continue
        if name.startswith(".staging-") and entry.is_dir() and not entry.is_symlink():
            pid = name.removeprefix(".staging-").split("-", 1)[0]
            gone = not _alive(int(pid)) if pid.isdigit() and len(pid) < 10 else old
            if gone:
                shutil.rmtree(entry, ignore_errors=True)
        elif name.startswith(".") and name.endswith(".part") and entry.is_file() and old:
            with contextlib.suppress(OSError):
                entry.unlink()


def _publish(source: str, staging: Path, catalog: dict) -> Path:
    """Write the snapshot's catalog, move it into place and point ``current`` at it (atomically)."""
    write_atomic(staging / "catalog.json", json.dumps(catalog, indent=1).encode("utf-8"))
    root = source_dir(source)
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    snapshot = root / name
    os.replace(staging, snapshot)
    write_atomic(root / POINTER, name.encode("utf-8"))
    for old in root.iterdir():  # earlier snapshots: no longer pointed at
        if old.is_dir() and old.name != name and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return snapshot


def fetch(
    source: str,
    base_url: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressFactory | None = None,
    tokens: bool = False,
) -> FetchResult:
    """Download one source and replace its cached snapshot; on any failure the cache is untouched.
    ``tokens`` (epoch): also read each run's linked ``.eval`` log header for its output tokens."""
    if source not in SOURCES:
        raise FetchError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    base = _base(base_url, ARC_BASE if source == "arc" else EPOCH_BASE)
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    staging = _stage(source)
    try:
        files = ARC_FILES if source == "arc" else (EPOCH_FILE,)
        paths = {}
        for name in files:
            bar = progress(name) if progress else None
            paths[name] = download(
                urljoin(base, name), staging / "raw" / name, timeout=timeout, max_bytes=max_bytes, progress=bar
            )
        if source == "arc":
            items, said = _build_arc(paths, staging, base=base, fetched_at=fetched_at)
        else:
            items, said = _build_epoch(paths[EPOCH_FILE], staging, base=base, fetched_at=fetched_at, cap=max_bytes)
            if tokens:
                said += _epoch_tokens(staging, items, timeout=timeout)
        notes = _carry_notes(items, said)
        catalog = {"source": source, "fetched_at": fetched_at, "source_url": base, "notes": notes, "datasets": items}
        snapshot = _publish(source, staging, catalog)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return FetchResult(source, base, fetched_at, snapshot, tuple(items), tuple(notes))


Said = list[tuple[str | None, str]]  # (the dataset a note is about, or None: the whole fetch; the note)
FETCH_NOTE = "in the same fetch: "  # a note about the whole fetch, as each of its datasets carries it


def _carry_notes(items: list[dict], said: Said) -> list[str]:
    """What the fetch changed or left out travels with what it fetched: each dataset's own notes
    go into its catalog entry's ``notes`` (so ``show``, ``fit``, the app's summary and ``--json``'s
    ``input_notes`` say them wherever the dataset is looked at), and a note about the whole fetch (a
    set or a table left out) into every dataset's. Returns the lines ``fetch`` prints."""
    for item in items:
        item["notes"] = [
            *item["notes"],
            *(text for about, text in said if about == item["id"]),
            *(FETCH_NOTE + text for about, text in said if about is None),
        ]
    return [f"{about}: {text}" if about else text for about, text in said]


PRICES_URL = "https://raw.githubusercontent.com/pydantic/genai-prices/refs/heads/main/prices/new_data/v2/data.json"
PRICES_FILE = "data.json"


def fetch_prices(
    base_url: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressFactory | None = None,
) -> FetchResult:
    """Today's genai-prices data (the file its own updater reads, ``PRICES_URL``) into the cache,
    where ``--x dollars`` prefers it to the copy in the wheel. Checked by genai-prices' own parser
    before it replaces the previous copy (atomically): a bad download leaves the cache as it was."""
    from .fetched import cache_dir
    from .prices import _snapshot_from_file

    url = urljoin(_base(base_url, ""), PRICES_FILE) if base_url else PRICES_URL
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    folder = cache_dir() / "prices"
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=".staging-"))
    try:
        part = download(
            url,
            staging / PRICES_FILE,
            timeout=timeout,
            max_bytes=max_bytes,
            progress=progress and progress(PRICES_FILE),
        )
        try:
            snapshot = _snapshot_from_file(part)
        except DataError:
            raise
        except Exception as exc:  # pydantic's validation error: not genai-prices data
            first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            raise DataError(f"not genai-prices data ({first})", file=url) from None
        models = sum(len(p.models) for p in snapshot.providers)
        os.replace(part, folder / PRICES_FILE)
        write_atomic(folder / "fetched_at.txt", fetched_at.encode("utf-8"))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    note = (
        f"{len(snapshot.providers)} providers, {models} models; --x dollars uses these prices (source line: "
        f"'price data fetched {fetched_at[:10]}') instead of the copy in the genai-prices wheel"
    )
    return FetchResult("prices", url, fetched_at, folder / PRICES_FILE, (), (note,))


def _build_arc(paths: dict[str, Path], staging: Path, *, base: str, fetched_at: str) -> tuple[list[dict], Said]:
    """One dataset per ARC set, built exactly as the bundled ones (engine.arc), with fetch provenance."""
    evaluations = parse_json_list(paths["evaluations.json"].read_bytes(), "evaluations.json")
    models = parse_json_list(paths["models.json"].read_bytes(), "models.json")
    date = fetched_at[:10]
    where = f"{base}evaluations.json + models.json"
    source = f"ARC Prize leaderboard data evaluations.json + models.json fetched from {base} on {date}"
    raw, by_set = leaderboard_rows(evaluations, models, source=source, snapshot=f"fetched {date}")
    notes: Said = []
    items = []
    (staging / "points").mkdir(exist_ok=True)
    for arc_set in dict.fromkeys(raw["dataset"]):
        key = set_key(arc_set)
        if key is None:
            notes.append((None, f"ARC set {arc_set!r} left out: its id is not of the form v<N>_<Name>"))
            continue
        frame = finish_points(arc_points(raw, arc_set))
        dataset_id = PREFIX + key
        dropped = int((raw["dataset"] == arc_set).sum()) - len(frame)  # exact duplicates (arc_points keeps one)
        frame, problems = _checked_rows(frame)
        notes += [(dataset_id, line) for line in problems]
        if frame.empty:
            notes.append((None, f"{dataset_id} left out: no row could be read"))
            continue
        set_notes = ["Efforts (low/medium/high, thinking budgets) are grouped into one series per model id."]
        if dropped:
            set_notes.append(f"{dropped} exact duplicate source row(s) kept once.")
        frame.to_csv(staging / "points" / f"{dataset_id}.csv", index=False, lineterminator="\n")
        item = {
            "id": dataset_id,
            "title": f"{set_title(arc_set)}: score vs cost per task (ARC Prize, fetched {date})",
            "group": "Fetched: ARC Prize leaderboard",
            "benchmark": f"ARC-AGI {arc_set}",
            "file": f"points/{dataset_id}.csv",
            "x_kind": "usd",
            "x_name": "retail API cost per task (USD)",
            "y_name": "score (%)",
            "provenance": f"ARC Prize leaderboard data ({where}), fetched {fetched_at}. "
            "Cite ARC Prize Foundation, arcprize.org/leaderboard.",
            "exactness": "exact (copied numbers); costs are retail prices at test time",
            "base": None,
            "reasoning": None,
            "floor": 0,
            "ceiling": 100,
            "n_questions": set_tasks(arc_set),  # as the bundled catalog: the set's tasks, for binomial errors
            "notes": set_notes,
            "points": len(frame),
        }
        problem = _unreadable(item, staging)
        if problem:  # never publish what `list` or the app could not read back
            notes.append((None, f"{dataset_id} left out: {problem}"))
            continue
        items.append(item)
    built = {item["id"] for item in items}
    first: Said = []
    for arc_set, line in by_set:  # with the set it is about; a set not built: a note on the whole fetch
        key = set_key(arc_set) if arc_set else None
        if key and PREFIX + key in built:
            first.append((PREFIX + key, line))
        else:
            first.append((None, f"{arc_set}: {line}" if arc_set else line))
    notes = first + notes
    if not items:
        why = "; ".join(line for _, line in notes)
        raise DataError(
            "no ARC set with a usable row (a score and a cost per task)" + (f": {why[:400]}" if why else ""),
            file="evaluations.json",
        )
    return items, notes


def _checked_rows(frame):
    """The rows of a fetched points table as the reader will check them, before anything is
    written: a cost that cannot be drawn on a log axis (0, negative, not finite, out of range) is
    kept as an unknown cost; a score outside 0-100 or a name longer than the reader takes leaves
    its row out. Returns the table and one line per kind of problem, naming the models."""
    import numpy as np

    from .points import MAX_CELL, MAX_COMPUTE, MIN_COMPUTE

    problems = []

    def names(mask) -> str:
        shown = [str(m)[:60] + ("..." if len(str(m)) > 60 else "") for m in frame.loc[mask, "model"].head(3)]
        more = int(mask.sum()) - len(shown)
        return ", ".join(repr(m) for m in shown) + (f" and {more} more" if more > 0 else "")

    text_cols = [c for c in ("benchmark", "model", "series", "label", "source") if c in frame]
    too_long = np.zeros(len(frame), dtype=bool)
    for column in text_cols:
        too_long |= frame[column].fillna("").astype(str).str.len().to_numpy() > MAX_CELL
    if too_long.any():
        problems.append(f"{int(too_long.sum())} row(s) left out: a name longer than {MAX_CELL:,} characters")
        frame = frame[~too_long]
    score = frame["score"].to_numpy(float)
    bad = ~np.isfinite(score) | (score < 0) | (score > 100)
    if bad.any():
        problems.append(f"{int(bad.sum())} row(s) left out, score not within 0-100 %: {names(bad)}")
        frame = frame[~bad]
    cost = frame["compute"].to_numpy(float)
    bad = ~np.isnan(cost) & (~np.isfinite(cost) | (cost < MIN_COMPUTE) | (cost > MAX_COMPUTE))
    if bad.any():
        problems.append(
            f"{int(bad.sum())} cost(s) per task of 0, below 0 or out of range read as unknown (kept, left out "
            f"of fits): {names(bad)}"
        )
        said = [
            f"[cost per task {c:g} read as unknown: 0, below 0 or out of range]" if b else "" for c, b in zip(cost, bad)
        ]
        label = (frame["label"].fillna("").astype(str) + " " + pd.Series(said, index=frame.index)).str.strip()
        frame = frame.assign(compute=np.where(bad, np.nan, cost), label=label)
    return frame.reset_index(drop=True), problems


def _unreadable(item: dict, staging: Path) -> str | None:
    """Why the points table just written for ``item`` could not be read back, or None."""
    from .catalog import entry_from_json, load_entry

    try:
        load_entry(entry_from_json({**item, "file": str(staging / item["file"])}), staging)
    except (DataError, ValueError, OSError) as exc:
        return str(exc)
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _epoch_headers(data: bytes) -> list[str]:
    import csv
    import io

    first = data.decode("utf-8-sig", errors="replace").splitlines()[:1]
    return next(csv.reader(io.StringIO(first[0]))) if first else []


def _build_epoch(zip_path: Path, staging: Path, *, base: str, fetched_at: str, cap: int) -> tuple[list[dict], Said]:
    """Epoch's own runs (one CSV per benchmark) from the zip, read later by the Epoch reader."""
    from .points import normalise_header
    from .readers.epoch import is_epoch_export

    if not zipfile.is_zipfile(zip_path):
        raise DataError("not a zip file (expected Epoch AI's benchmark_data.zip)", file=EPOCH_FILE)
    notes: Said = []
    items: list[dict] = []
    external = other = 0
    date = fetched_at[:10]
    (staging / "epoch").mkdir(exist_ok=True)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir() and m.filename.lower().endswith(".csv")]
            if sum(m.file_size for m in members) > 5 * cap:
                raise DataError(f"the CSVs unpack to more than {5 * cap:,} bytes", file=EPOCH_FILE)
            titles = _epoch_titles(archive, members)
            for member in sorted(members, key=lambda m: m.filename):
                name = Path(member.filename).name
                if name.lower().endswith("_external.csv"):
                    external += 1
                    continue
                if name.lower() in EPOCH_POLICY_TABLES:
                    continue
                data = _member_bytes(zip_path, member, cap)
                headers = _epoch_headers(data)
                norm = {normalise_header(h) for h in headers}
                if not is_epoch_export(headers) or not norm & {"best_score", "mean_score"}:
                    other += 1
                    continue
                stem = Path(name).stem
                dataset_id = PREFIX + "epoch-" + _slug(stem)
                if any(item["id"] == dataset_id for item in items):
                    notes.append((None, f"{member.filename}: a second table named {name} left out"))
                    continue
                data, problems, usable = _checked_epoch_rows(data)
                if not usable:
                    why = "; ".join(problems) or "no rows"
                    notes.append((None, f"{member.filename} left out: no usable row ({why})"))
                    continue
                notes += [(dataset_id, line) for line in problems]
                (staging / "epoch" / f"{_slug(stem)}.csv").write_bytes(data)
                title = titles.get(name, stem.replace("_", " "))
                items.append(
                    {
                        "id": dataset_id,
                        "title": f"{title} (Epoch AI Benchmarking Hub runs, fetched {date})",
                        "group": "Fetched: Epoch AI Benchmarking Hub",
                        "benchmark": title,
                        "file": f"epoch/{_slug(stem)}.csv",
                        "reader": "epoch",
                        "x_kind": "tokens",
                        "x_name": "tokens per question (joined)",
                        "y_name": "accuracy (%)",
                        "provenance": f"{EPOCH_LICENCE}: {member.filename} in {base}{EPOCH_FILE}, "
                        f"fetched {fetched_at}. Read by the Epoch export reader.",
                        "exactness": "exact (copied numbers); token counts only from a tokens file you give",
                        "notes": [],
                        "points": _row_count(data),
                    }
                )
    except zipfile.BadZipFile as exc:
        raise DataError(f"damaged zip file ({exc})", file=EPOCH_FILE) from None
    if external:
        notes.append((None, f"{external} republished (*_external.csv) table(s) left out: not Epoch's own runs"))
    if other:
        notes.append((None, f"{other} CSV(s) without Epoch run columns (model version and score) left out"))
    if not items:
        why = "; ".join(line for _, line in notes)
        raise DataError(
            "no Epoch-run benchmark table (model version and score columns) with a usable row in the zip"
            + (f": {why[:400]}" if why else ""),
            file=EPOCH_FILE,
        )
    return items, notes


def _checked_epoch_rows(data: bytes) -> tuple[bytes, list[str], int]:
    """An Epoch run table as the fetch keeps it, by the rule for a bad cell in a fetched public
    sweep (README "Fresh data"): a row with no model or with a score that is not a fraction in
    [0, 1] (the Hub's score columns are fractions) is left out, a stderr that is not a number >= 0
    is read as unknown; one note per kind names the rows (row = line of the file). The table is
    returned unchanged when nothing is wrong, else rewritten without those rows; and the number
    of rows left. A table pandas cannot parse is returned as it was: the Epoch reader names the problem."""
    import io

    import numpy as np

    from .points import normalise_header

    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError):
        return data, [], 1
    lookup = {normalise_header(c): c for c in frame.columns}
    score_col = lookup.get("best_score") or lookup.get("mean_score")
    models = [c for c in frame.columns if normalise_header(c) in ("model_version", "model")]
    if score_col is None or len(models) != 1:
        return data, [], len(frame)  # the reader's own errors say what is wrong
    model_col, status_col, stderr_col = models[0], lookup.get("status"), lookup.get("stderr")
    checked = np.ones(len(frame), dtype=bool)
    if status_col is not None:  # the reader leaves a run that did not succeed out, and says so
        checked = frame[status_col].str.strip().str.lower().eq("success").to_numpy()
    model = frame[model_col].str.strip()
    score = pd.to_numeric(frame[score_col].str.strip(), errors="coerce")
    no_model = checked & model.eq("").to_numpy()
    bad_score = checked & ~no_model & ~(score.ge(0) & score.le(1)).to_numpy()
    bad_stderr = np.zeros(len(frame), dtype=bool)
    if stderr_col is not None:
        cell = frame[stderr_col].str.strip()
        se = pd.to_numeric(cell, errors="coerce")
        bad_stderr = checked & ~no_model & ~bad_score & cell.ne("").to_numpy() & ~(se.ge(0) & (se < np.inf)).to_numpy()

    def rows(mask, column) -> str:
        at = np.flatnonzero(mask)
        shown = [f"row {i + 2} {model.iloc[i][:60]!r} ({frame[column].iloc[i][:40]!r})" for i in at[:3]]
        return ", ".join(shown) + (f" and {len(at) - 3} more" if len(at) > 3 else "")

    problems = []
    if no_model.any():
        problems.append(f"{int(no_model.sum())} row(s) left out, no model version: {rows(no_model, score_col)}")
    if bad_score.any():
        problems.append(
            f"{int(bad_score.sum())} row(s) left out, score not a fraction in [0, 1]: {rows(bad_score, score_col)}"
        )
    if bad_stderr.any():
        problems.append(
            f"{int(bad_stderr.sum())} stderr value(s) not a number >= 0 read as unknown (the point kept): "
            + rows(bad_stderr, stderr_col)
        )
    if not problems:
        return data, [], len(frame)
    keep = ~(no_model | bad_score)
    if stderr_col is not None:
        frame[stderr_col] = frame[stderr_col].where(~bad_stderr, "")
    out = frame[keep].to_csv(index=False, lineterminator="\n").encode("utf-8")
    return out, problems, int(keep.sum())


LOG_COLUMNS = ("logs", "log", "log_url", "logs_url")


def _epoch_tokens(staging: Path, items: list[dict], *, timeout: float) -> Said:
    """Output tokens per question for each run whose table links its ``.eval`` log: only the
    log's header.json, read with HTTP range requests and cached (engine.eval_headers). Written
    beside the run table as ``<table>.tokens.csv`` (model, tokens, log), which the fetched
    dataset joins when no --tokens file is given. The run kept per model is the one the Epoch
    reader keeps (the latest); a run whose log cannot be read keeps compute unknown, said in a note."""
    import httpx

    from .eval_headers import run_tokens
    from .fetched import cache_dir
    from .points import normalise_header
    from .readers.epoch import _model_column

    notes: Said = []
    cache = cache_dir()
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True, headers=_headers()) as client:
        for item in items:
            table_path = staging / item["file"]
            frame = pd.read_csv(table_path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
            lookup = {normalise_header(c): c for c in frame.columns}
            log_col = next((lookup[c] for c in LOG_COLUMNS if c in lookup), None)
            model_col = _model_column(frame, str(table_path), None)
            if log_col is None or model_col is None:
                notes.append((item["id"], "the run table links no .eval logs (no 'logs' column): tokens stay unknown"))
                continue
            started = lookup.get("started_at")
            if started is not None:
                order = pd.to_datetime(frame[started], errors="coerce", format="mixed")
                frame = frame.assign(_order=order).sort_values("_order", kind="stable")
            latest = frame.drop_duplicates(subset=[model_col], keep="last")
            rows, failed, read = [], [], 0
            for model, url in zip(latest[model_col].str.strip(), latest[log_col].str.strip()):
                if not url.lower().startswith(("http://", "https://")):
                    failed.append(f"{model}: no log URL")
                    continue
                found = run_tokens(url, client, cache)
                read += found.fetched
                if found.tokens is None:
                    failed.append(f"{model}: {found.why}")
                else:
                    rows.append({"model": model, "tokens": found.tokens, "log": url})
            if rows:
                out = table_path.with_name(table_path.stem + ".tokens.csv")
                pd.DataFrame(rows).to_csv(out, index=False, lineterminator="\n")
            notes.append(
                (
                    item["id"],
                    f"output tokens per question for {len(rows)} of {len(latest)} run(s) from their .eval logs' "
                    f"header.json (HTTP range requests, {read:,} bytes read; cached headers reused)",
                )
            )
            notes += [(item["id"], f"tokens unknown for {line}") for line in failed]
    return notes


def _row_count(data: bytes) -> int | None:
    import io

    try:
        return len(pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig"))
    except (ValueError, pd.errors.ParserError):
        return None  # the Epoch reader names the problem when the table is opened


MAX_EPOCH_TABLE = 64 * 1024**2  # one benchmark's run table (a few MB today)


def _member_bytes(zip_path: Path, member: zipfile.ZipInfo, cap: int) -> bytes:
    """One CSV of the zip, decompressed as a stream and cut off at the smaller of the download cap
    and MAX_EPOCH_TABLE (a 2 MB zip can hold a 900 MiB CSV); an encrypted member or one of an
    unknown compression method is a one-line error (engine/files.zip_member_of)."""
    from .files import zip_member_of

    with open(zip_path, "rb") as handle:
        data = zip_member_of(
            handle, member.filename, name=f"{EPOCH_FILE}: {member.filename}", max_bytes=min(cap, MAX_EPOCH_TABLE)
        )
    return data or b""


def _epoch_titles(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> dict[str, str]:
    """benchmark_metadata.csv maps each source_file to the benchmark's name (when present)."""
    for member in members:
        if Path(member.filename).name.lower() == "benchmark_metadata.csv":
            try:
                if member.file_size > MAX_EPOCH_TABLE or member.flag_bits & 0x1:
                    return {}
                meta = pd.read_csv(archive.open(member), dtype=str, encoding="utf-8-sig")
                return {
                    Path(str(f)).name: str(b)
                    for f, b in zip(meta["source_file"], meta["benchmark"])
                    if isinstance(f, str) and isinstance(b, str)
                }
            except (KeyError, ValueError, pd.errors.ParserError, NotImplementedError, RuntimeError, zipfile.BadZipFile):
                return {}
    return {}

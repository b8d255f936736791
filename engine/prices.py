"""Dollars per task from tokens: a price table with history.

The prices come from Pydantic's ``genai-prices`` (MIT): per model and date, dollars per million
input, cached-input and output tokens, its data shipped inside the wheel (offline). Each point is
priced at its own date: the date a model id carries (``claude-3-7-sonnet-20250219``,
``o1-2024-12-17``), else the date given (``when``), else today. A user's own price file (CSV:
``model, input, output`` in $ per million tokens; optional ``cached_input``, ``reasoning``,
``from`` (YYYY-MM-DD, the day a price starts) and ``source``) overrides it for the models it
names. ``scalescope fetch prices`` stores a newer copy of genai-prices' data in the cache; when
present it is used instead of the copy in the wheel, and the source line says so.

Datasets whose x is already dollars (ARC's cost per task, a log's ``total_cost``) keep their own
cost, and say so. A point whose model has no price keeps its row with compute unknown (listed in
the notes and its ``source``; charts and fits leave it out, as for any unknown compute).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from ._frozen import frozen
from .dataset import Dataset, XAxis
from .errors import DataError

MTOK = 1_000_000
# a sweep's setting appended to a model id: Epoch's "_16K" / "_high", a label in parentheses
_SUFFIX = re.compile(r"(_(\d+(\.\d+)?[kKmM]|low|medium|high|minimal|xhigh|max|thinking)|\s*\(.*\))$")
_DATE8 = re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)")
_DATE_DASH = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")
MAX_PRICE_ROWS = 100_000


def model_date(model: str) -> date | None:
    """The date a model id carries (``...-20250219``, ``...-2024-12-17``), or None."""
    for pattern in (_DATE_DASH, _DATE8):
        found = pattern.search(model)
        if found:
            try:
                return date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                continue
    return None


def model_names(model: str) -> tuple[str, ...]:
    """The names a model is looked up by, in order: as given, without its sweep setting, and
    both without a provider prefix (Inspect's ``anthropic/claude-...``)."""
    names = [model.strip(), base_model(model)]
    if "/" in model:
        bare = model.strip().rsplit("/", 1)[1]
        names += [bare, base_model(bare)]
    return tuple(dict.fromkeys(n for n in names if n))


def base_model(model: str) -> str:
    """The model id without a sweep's setting (``o1-2024-12-17_high`` -> ``o1-2024-12-17``)."""
    stripped = model.strip()
    while True:
        shorter = _SUFFIX.sub("", stripped).strip()
        if shorter == stripped or not shorter:
            return stripped
        stripped = shorter


@frozen
class Price:
    """One model's price on one date, in dollars per million tokens."""

    model: str  # the model as the table names it
    input: float
    output: float
    cached_input: float | None  # None: cached input costs as much as input
    reasoning: float | None  # None: reasoning tokens cost as much as output
    on: date  # the date priced at
    source: str  # "genai-prices 0.2.5 (data in the wheel)" or the user's file
    provider: str = ""
    cache_write: float | None = None  # None: writing to the cache costs as much as input

    def cost(
        self, output: float, input: float = 0.0, cached: float = 0.0, reasoning: float = 0.0, cache_write: float = 0.0
    ) -> float:
        """Dollars for one task: ``input`` excludes ``cached`` and ``cache_write``; ``output``
        excludes ``reasoning``."""
        cached_rate = self.input if self.cached_input is None else self.cached_input
        write_rate = self.input if self.cache_write is None else self.cache_write
        reasoning_rate = self.output if self.reasoning is None else self.reasoning
        # Python floats: an absurd price times many tokens is inf (said by the caller), not a warning
        return (
            float(input) * self.input
            + float(cached) * cached_rate
            + float(cache_write) * write_rate
            + float(output) * self.output
            + float(reasoning) * reasoning_rate
        ) / MTOK

    def text(self) -> str:
        parts = [f"${self.input:g} in", f"${self.output:g} out"]
        if self.cached_input is not None:
            parts.insert(1, f"${self.cached_input:g} cached")
        return f"{self.model} {' / '.join(parts)} per MTok on {self.on.isoformat()} ({self.source})"


def _library_source() -> tuple[object, str]:
    """genai-prices' snapshot: the fetched copy in the cache when there is one, else the wheel's."""
    from importlib.metadata import version

    from genai_prices import data_snapshot

    label = f"genai-prices {version('genai_prices')}"
    fetched = fetched_price_data()
    if fetched is not None:
        path, fetched_on = fetched
        try:
            return _snapshot_from_file(path), f"{label}, price data fetched {fetched_on}"
        except Exception:  # a damaged cache (pydantic's errors included): the wheel's data still prices
            return data_snapshot.get_snapshot(), (
                f"{label} (price data in the wheel; the fetched copy {path} is unreadable: fetch prices again)"
            )
    return data_snapshot.get_snapshot(), f"{label} (price data in the wheel)"


def fetched_price_data() -> tuple[Path, str] | None:
    """The price data ``scalescope fetch prices`` stored, with its date, or None."""
    from .fetched import cache_dir

    path = cache_dir() / "prices" / "data.json"
    stamp = path.with_name("fetched_at.txt")
    if not path.is_file():
        return None
    try:
        fetched_on = stamp.read_text(encoding="utf-8").strip()[:10]
    except OSError:
        fetched_on = "on an unknown date"
    return path, fetched_on


def _snapshot_from_file(path: Path):
    from genai_prices import data_snapshot
    from genai_prices.types import _providers_from_raw  # the library's own reader of its data.json

    from .files import parse_json, read_bytes

    raw = parse_json(read_bytes(path, max_bytes=64 * 1024**2), str(path))
    return data_snapshot.DataSnapshot(providers=_providers_from_raw(raw), from_auto_update=False)


@frozen
class UserPrice:
    model: str
    input: float
    output: float
    cached_input: float | None
    reasoning: float | None
    start: date | None
    source: str


def read_price_file(path: str | Path) -> tuple[UserPrice, ...]:
    """A user's price file: CSV with ``model, input, output`` ($ per million tokens) and optional
    ``cached_input``, ``reasoning``, ``from`` (YYYY-MM-DD) and ``source``."""
    from .files import read_text

    name = str(path)
    try:
        rows = list(csv.DictReader(io.StringIO(read_text(Path(path)), newline="")))
    except csv.Error as exc:  # e.g. a field over the csv module's field limit (131,072 characters)
        raise DataError(f"not a readable CSV price file: {exc}", file=name) from None
    if not rows:
        raise DataError("price file has no rows (needs model, input, output)", file=name)
    if len(rows) > MAX_PRICE_ROWS:
        raise DataError(f"more than {MAX_PRICE_ROWS:,} rows", file=name)
    headers = {h.strip().lower(): h for h in rows[0] if h is not None}
    missing = [h for h in ("model", "input", "output") if h not in headers]
    if missing:
        raise DataError(
            f"price file needs the columns model, input, output ($ per million tokens); missing {', '.join(missing)}",
            file=name,
        )
    out = []
    for number, row in enumerate(rows, start=2):
        if None in row:
            raise DataError("more fields than the header has", file=name, row=number)

        def cell(key: str, row=row) -> str:
            header = headers.get(key)
            return (row.get(header) or "").strip() if header else ""

        def rate(key: str, *, required: bool, number=number, cell=cell) -> float | None:
            text = cell(key)
            if not text:
                if required:
                    raise DataError("value is missing", file=name, row=number, column=headers[key])
                return None
            try:
                value = float(text)
            except ValueError:
                raise DataError(f"{text[:40]!r} is not a number", file=name, row=number, column=headers[key]) from None
            if not math.isfinite(value) or value < 0:
                raise DataError("a price must be a finite number >= 0", file=name, row=number, column=headers[key])
            return value

        model = cell("model")
        if not model:
            raise DataError("model is empty", file=name, row=number, column=headers["model"])
        start = None
        if cell("from"):
            try:
                start = date.fromisoformat(cell("from"))
            except ValueError:
                raise DataError(
                    f"{cell('from')[:40]!r} is not a date (YYYY-MM-DD)", file=name, row=number, column=headers["from"]
                ) from None
        out.append(
            UserPrice(
                model=model,
                input=rate("input", required=True),
                output=rate("output", required=True),
                cached_input=rate("cached_input", required=False),
                reasoning=rate("reasoning", required=False),
                start=start,
                source=cell("source") or f"price file {Path(name).name}",
            )
        )
    return tuple(out)


@frozen
class PriceTable:
    """Prices by model and date: a user's price file first, then genai-prices."""

    user: tuple[UserPrice, ...] = ()
    use_library: bool = True
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, price_file: str | Path | None = None) -> PriceTable:
        return cls(user=read_price_file(price_file) if price_file else ())

    @property
    def library_label(self) -> str:
        return self._library()[1]

    def _library(self):
        if "library" not in self._cache:
            self._cache["library"] = _library_source()
        return self._cache["library"]

    def lookup(self, model: str, on: date) -> Price | None:
        """The price of ``model`` on ``on``: the user's file (exact id, then without the sweep
        setting), else genai-prices (the same two tries). None when neither knows the model."""
        key = (model, on)
        if key in self._cache:
            return self._cache[key]
        found = self._user(model, on)
        if found is None and self.use_library:
            found = self._from_library(model, on)
        self._cache[key] = found
        return found

    def _user(self, model: str, on: date) -> Price | None:
        for name in model_names(model):
            rows = [p for p in self.user if p.model.lower() == name.lower() and (p.start is None or p.start <= on)]
            if rows:
                best = max(rows, key=lambda p: p.start or date.min)  # the latest price started by then
                return Price(best.model, best.input, best.output, best.cached_input, best.reasoning, on, best.source)
        return None

    def _from_library(self, model: str, on: date) -> Price | None:
        from genai_prices import Usage

        snapshot, label = self._library()
        when = datetime(on.year, on.month, on.day, 12, tzinfo=UTC)
        for name in model_names(model):
            try:
                # prices read off one million tokens of each kind: the per-MTok rates on that date
                calc = snapshot.calc(Usage(input_tokens=MTOK), name, None, None, when)
                out = snapshot.calc(Usage(output_tokens=MTOK), name, None, None, when)
                cached = snapshot.calc(Usage(input_tokens=MTOK, cache_read_tokens=MTOK), name, None, None, when)
                write = snapshot.calc(Usage(input_tokens=MTOK, cache_write_tokens=MTOK), name, None, None, when)
            except (LookupError, ValueError, TypeError):
                continue
            return Price(
                model=calc.model.id,
                input=float(calc.total_price),
                output=float(out.total_price),
                cached_input=float(cached.total_price),
                reasoning=None,
                on=on,
                source=label,
                provider=calc.provider.id,
                cache_write=float(write.total_price),
            )
        return None


def _run_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


@frozen
class DollarsInfo:
    """What ``to_dollars`` did: the source line, and the points it could not price."""

    source_line: str
    unpriced: tuple[str, ...]
    used_own_cost: bool
    prices: tuple[tuple[str, str], ...]  # (point's model, the price used, as text)


def to_dollars(
    ds: Dataset,
    table: PriceTable | None = None,
    *,
    when: date | None = None,
    input_tokens: dict[str, float] | None = None,
    cached_tokens: dict[str, float] | None = None,
) -> tuple[Dataset, DollarsInfo]:
    """``ds`` with x in dollars per task.

    Tokens (x kind ``tokens``: output tokens per question, thinking included) are priced at the
    output rate; ``input_tokens`` / ``cached_tokens`` (per model, per question) add the input and
    cached-input rates where the data has them. Each point is priced at its model id's date,
    else ``when``, else today. A dataset already in dollars keeps its own cost. Samples or an
    unknown x cannot be priced: a :class:`DataError` says why.
    """
    if ds.x.kind == "usd":
        line = f"dollars: the data's own cost per task ({ds.x.name}); no price table used"
        return replace(ds, notes=(*ds.notes, line)), DollarsInfo(line, (), True, ())
    if ds.x.kind != "tokens":
        raise DataError(
            f"{ds.id}: x is {ds.x.kind} ({ds.x.name}), not tokens: there is nothing to price "
            "(--x dollars needs tokens per question, or a dataset that carries its cost)"
        )
    table = table or PriceTable()
    today = when or datetime.now(UTC).date()
    pts = ds.points
    compute = pts["compute"].astype(float).copy()
    source = pts["source"].copy()
    logs: dict = {}
    log_problems: list[str] = []
    if "Inspect logs" in ds.x.name:  # each point is one log: its own usage, date and cost where recorded
        from .eval_headers import usage_from_logs

        logs, log_problems = usage_from_logs(pts["source"].tolist())
    unpriced: list[str] = []
    used: dict[str, str] = {}
    dated = {"run": 0, "id": 0}
    rates: dict[str, dict[tuple, list[date]]] = {}  # series -> (model, rates) -> the dates priced at it
    series = pts["series"].tolist()
    own_cost = separate = 0
    sources: list[str] = []
    priced_on: list[date] = []
    for i, model in enumerate(pts["model"].tolist()):
        log = logs.get(i)
        if log is not None and log.cost is not None:  # the log recorded what the run cost
            compute[i] = log.cost
            own_cost += 1
            source[i] = f"{source[i]} [$: the log's own total_cost, per question]".strip()
            continue
        on = _run_date(log.created) if log is not None else None
        origin = "run"
        if on is None:
            on = model_date(model)
            origin = "id" if on is not None else "today"
        on = on or today
        price = table.lookup(model, on)
        tokens = compute[i]
        if price is None:
            compute[i] = math.nan
            unpriced.append(model)
            source[i] = f"{source[i]} [no price for {model}: dollars unknown]".strip()
            continue
        if log is not None:  # input, cache reads and writes, output: each at its own rate
            compute[i] = price.cost(log.output, input=log.input, cached=log.cache_read, cache_write=log.cache_write)
            separate += 1
            what = (
                f"{log.input:.6g} input + {log.cache_read:.6g} cached + {log.cache_write:.6g} cache-write + "
                f"{log.output:.6g} output tokens"
            )
        elif math.isfinite(tokens):
            extra_in = (input_tokens or {}).get(model, 0.0)
            extra_cached = (cached_tokens or {}).get(model, 0.0)
            compute[i] = price.cost(tokens, input=extra_in, cached=extra_cached)
            separate += bool(extra_in or extra_cached)
            what = f"{tokens:.6g} tokens"
        else:
            what = "tokens unknown"
        if not compute[i] > 0:
            compute[i] = math.nan
        elif not math.isfinite(compute[i]):  # e.g. a price of 1e308 $ per MTok: beyond a float
            compute[i] = math.nan
            what += " (dollars beyond the largest number: unknown)"
        used[model] = price.text()
        rate = (price.model, price.input, price.output, price.cached_input, price.reasoning, price.cache_write)
        rates.setdefault(series[i], {}).setdefault(rate, []).append(on)
        if origin != "today":  # counted only where priced: the unpriced have no date in the line
            dated[origin] += 1
        sources.append(price.source)
        priced_on.append(on)
        source[i] = f"{source[i]} [$: {what} x {price.text()}]".strip()
    dates = sorted(set(priced_on))
    span = (
        (dates[0].isoformat() if len(dates) == 1 else f"{dates[0].isoformat()} to {dates[-1].isoformat()}")
        if dates
        else ""
    )
    origins = [f"{dated['run']} on their run's date"] if dated["run"] else []
    origins += [f"{dated['id']} on their model id's date"] if dated["id"] else []
    rest = len(priced_on) - dated["run"] - dated["id"]
    origins += [f"{rest} on {today.isoformat()}"] if rest else []
    how = []
    if separate:
        how.append(f"input, cached-input and output tokens priced separately for {separate} point(s)")
    if len(priced_on) > separate:
        how.append("output tokens only where the data has no input tokens")
    if own_cost:
        how.append(f"{own_cost} point(s) use their log's own total_cost (no price table)")
    parts = ["; ".join(sorted(set(sources))) if sources else table.library_label]
    if dates:
        parts.append(f"priced on {span} ({', '.join(origins)})")
    line = "dollars: " + "; ".join([*parts, *how, f"x was {ds.x.name}"])
    notes = [line, *(f"usage not read from {problem}" for problem in log_problems)]
    for name, by_rate in rates.items():
        models = {rate[0] for rate in by_rate}
        if len(by_rate) > 1 and len(models) < len(by_rate):  # one model of the series at two rates or more
            periods = "; ".join(
                f"{len(days)} point(s) on {min(days).isoformat()}"
                + (f" to {max(days).isoformat()}" if max(days) != min(days) else "")
                + f" at ${rate[1]:g} in / ${rate[2]:g} out per MTok ({rate[0]})"
                for rate, days in sorted(by_rate.items(), key=lambda kv: min(kv[1]))
            )
            notes.append(
                f"⚠ series {name} is priced at {len(by_rate)} different rates ({periods}): its runs straddle a "
                "price change, so a trend across them in dollars reads the price change as well as the compute"
            )
    if unpriced:
        notes.append(
            f"{len(unpriced)} point(s) have no price (model not in the price table): kept with dollars unknown, "
            f"left out of fits and charts: {', '.join(dict.fromkeys(unpriced))}"
        )
    out = replace(
        ds,
        points=pts.with_column("compute", compute).with_column("source", source),
        x=XAxis("usd", f"dollars per task: {ds.x.name}, priced"),
        provenance=f"{ds.provenance} {line}".strip(),
        notes=(*ds.notes, *notes),
    )
    return out, DollarsInfo(line, tuple(unpriced), False, tuple(used.items()))

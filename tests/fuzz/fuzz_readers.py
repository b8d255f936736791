"""Fuzz the readers with hypothesis: random files in every format the engine reads.

    python tests/fuzz/fuzz_readers.py [N]      (default N = 3000 inputs)

Every input must either load or raise the engine's DataError/FitError (a one-line message); any
other exception is a bug and is printed with the input that caused it. Prints how many inputs
were tried. The unit tests run a smaller version of the same property (tests/test_fuzz.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scalescope.engine.errors import ScalescopeError  # noqa: E402
from scalescope.engine.io import load  # noqa: E402

SUFFIXES = [".csv", ".tsv", ".json", ".jsonl", ".eval", ".parquet", ".txt"]
HEADERS = [
    "model",
    "compute",
    "score",
    "tokens",
    "accuracy",
    "series",
    "role",
    "stderr",
    "n",
    "problem_id",
    "correct",
    "is_corrects",
    "Model version",
    "Best score (across scorers)",
    "c",
]
cell = st.one_of(
    st.text(max_size=12),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-5, 200).map(str),
    st.sampled_from(["", "nan", "inf", "-1", "0", "1e309", "true", "[1]"]),
)


@st.composite
def tables(draw):
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6, unique=True))
    rows = draw(st.lists(st.lists(cell, min_size=len(headers), max_size=len(headers)), max_size=6))
    sep = draw(st.sampled_from([",", ";", "\t", " "]))
    quote = lambda v: '"' + v.replace('"', '""') + '"' if any(ch in v for ch in sep + '"\n\r') else v  # noqa: E731
    return "\n".join(sep.join(quote(v) for v in row) for row in [headers, *rows])


contents = st.one_of(tables().map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300))
TRIED = 0


def check(content: bytes, suffix: str) -> None:
    global TRIED
    TRIED += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        try:
            load(path)
        except ScalescopeError as exc:
            assert "\n" not in str(exc).strip(), str(exc)


def run(n: int) -> int:
    @settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(contents, st.sampled_from(SUFFIXES))
    def fuzz(content, suffix):
        check(content, suffix)

    fuzz()
    return TRIED


if __name__ == "__main__":
    count = run(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
    print(f"fuzzed the readers with {count} inputs: every one loaded or gave a one-line error")

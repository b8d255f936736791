"""The reduction at scale: per-sample Parquet shards reduced to partials in this process and on a
local Dask cluster of 2 worker processes; seconds per million rows and peak memory.

    python benchmarks/bench_reduce.py                 # 100M rows in 50 shards (the README figures)
    python benchmarks/bench_reduce.py --rows 10000000 --shards 10
    python benchmarks/bench_reduce.py --only local    # or dask

Shards are generated compactly into a temporary folder (removed afterwards): a dictionary-encoded
problem id (20,000 problems), a dictionary-encoded model (4 models) and a boolean, zstd
compressed. In process, the reduction runs in a fresh child process and its peak is that
child's VmHWM; on the cluster, each worker reports its own VmHWM (resident peak, including
the ~100 MiB of Python, pandas and pyarrow a worker holds before any work). The two
results are checked to be equal row for row.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

MODELS = 4
PROBLEMS = 20_000


def vm_hwm_mib() -> float:
    """This process's peak resident memory (VmHWM), MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def generate(folder: Path, rows: int, shards: int, seed: int = 0) -> int:
    """Shards of per-sample rows (model, problem_id, correct); returns the bytes written."""
    rng = np.random.default_rng(seed)
    models = pa.array([f"model-{i}" for i in range(MODELS)])
    problems = pa.array([f"problem-{i:06d}" for i in range(PROBLEMS)])
    skill = rng.random((MODELS, PROBLEMS)) ** 3  # per model and problem: the chance of a correct sample
    per_shard = np.full(shards, rows // shards)
    per_shard[: rows % shards] += 1
    total = 0
    for i, count in enumerate(per_shard):
        model = rng.integers(0, MODELS, count, dtype=np.int8)
        problem = rng.integers(0, PROBLEMS, count, dtype=np.int32)
        correct = rng.random(count, dtype=np.float32) < skill[model, problem]
        table = pa.table(
            {
                "model": pa.DictionaryArray.from_arrays(pa.array(model), models),
                "problem_id": pa.DictionaryArray.from_arrays(pa.array(problem), problems),
                "correct": pa.array(correct),
            }
        )
        path = folder / f"part-{i:05d}.parquet"
        pq.write_table(table, path, compression="zstd", row_group_size=1 << 20)
        total += path.stat().st_size
    return total


def run_local(folder: Path, out: Path) -> dict:
    """The in-process reduction, in a fresh child process (its own peak memory)."""
    code = (
        "import json, sys, time\n"
        "sys.path.insert(0, sys.argv[3])\n"
        "from bench_reduce import vm_hwm_mib\n"
        "from scalescope.engine.partials import reduce_source, write_partials\n"
        "start = time.perf_counter()\n"
        "reduced = reduce_source(sys.argv[1])\n"
        "seconds = time.perf_counter() - start\n"
        "write_partials(reduced.table, sys.argv[2], overwrite=True)\n"
        "print(json.dumps({'rows': reduced.rows, 'partials': len(reduced.table), 'seconds': seconds,"
        " 'peak_mib': vm_hwm_mib()}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(out), str(Path(__file__).parent)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_dask(folder: Path, out: Path, workers: int) -> dict:
    """The reduction on a local cluster of ``workers`` single-threaded worker processes."""
    from dask.distributed import Client, LocalCluster

    from scalescope.engine.distributed import reduce_dask
    from scalescope.engine.partials import write_partials

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            memory_limit=0,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: sys.path.insert(0, str(Path(__file__).parent)))
        idle = client.run(vm_hwm_mib)
        start = time.perf_counter()
        reduced = reduce_dask(folder, scheduler=cluster.scheduler_address)
        seconds = time.perf_counter() - start
        peaks = client.run(vm_hwm_mib)
    write_partials(reduced.table, out, overwrite=True)
    return {
        "rows": reduced.rows,
        "partials": len(reduced.table),
        "seconds": seconds,
        "worker_peak_mib": sorted(peaks.values()),
        "worker_idle_mib": sorted(idle.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--shards", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=["local", "dask"])
    parser.add_argument("--dir", help="where to write the shards (default: a temporary folder)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-reduce-", dir=args.dir))
    try:
        shards = root / "shards"
        shards.mkdir()
        start = time.perf_counter()
        size = generate(shards, args.rows, args.shards)
        print(
            f"generated {args.rows:,} rows in {args.shards} shards ({size / 1024**2:,.0f} MiB Parquet, "
            f"{MODELS} models x {PROBLEMS:,} problems) in {time.perf_counter() - start:.0f} s"
        )
        results = {}
        if args.only in (None, "local"):
            results["local"] = run_local(shards, root / "local.parquet")
        if args.only in (None, "dask"):
            results["dask"] = run_dask(shards, root / "dask.parquet", args.workers)
        for name, got in results.items():
            per_million = got["seconds"] / (got["rows"] / 1e6)
            memory = (
                f"peak {got['peak_mib']:,.0f} MiB"
                if "peak_mib" in got
                else "peak per worker "
                + ", ".join(f"{m:,.0f}" for m in got["worker_peak_mib"])
                + " MiB (idle "
                + ", ".join(f"{m:,.0f}" for m in got["worker_idle_mib"])
                + ")"
            )
            where = "in process" if name == "local" else f"dask, {args.workers} workers"
            print(
                f"{where:>16}: {got['rows']:,} rows -> {got['partials']:,} partials in {got['seconds']:.1f} s, "
                f"{per_million:.3f} s per million rows; {memory}"
            )
        if len(results) == 2:
            same = pq.read_table(root / "local.parquet").equals(pq.read_table(root / "dask.parquet"))
            print(f"partials equal row for row (in process vs dask): {same}")
            if not same:
                sys.exit(1)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()

"""``scalescope reduce --engine dask`` on a local cluster of 2 workers over the local S3 server:
the partials equal the in-process reduction's, and the per-sample reader's, row for row.

Slow tier (a cluster takes seconds to start); CI installs the ``[dask]`` extra for it, so there
a missing Dask is a failure, not a skip."""

from __future__ import annotations

import json
import os
import sys

import pytest

from scalescope.engine.errors import InputError
from scalescope.engine.partials import reduce_source, to_problems
from scalescope.engine.readers import read_per_sample
from scalescope.tui.cli import main

from . import test_remote
from .test_partials import same_rows

# the S3 server on 127.0.0.1 and the data on it: test_remote's fixtures
data, endpoint, s3 = test_remote.data, test_remote.endpoint, test_remote.s3


def test_without_dask_says_how_to_install(monkeypatch, tmp_path, capsys):
    """Default tier: with no Dask importable, one line naming the extra."""
    from scalescope.engine.distributed import reduce_dask

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    source = tmp_path / "s.csv"
    source.write_text("problem,correct\nq1,1\n")
    with pytest.raises(InputError, match=r"pip install 'scalescope\[dask\]'"):
        reduce_dask(source)
    assert main(["reduce", str(source), "--out", str(tmp_path / "p.parquet"), "--engine", "dask"]) == 2
    assert "scalescope[dask]" in capsys.readouterr().err
    assert main(["reduce", str(source), "--out", str(tmp_path / "p.parquet"), "--scheduler", "tcp://x:1"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def _dask():
    try:
        import distributed  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise  # CI installs the [dask] extra for the slow tier: never skipped there
        pytest.skip("needs the [dask] extra (pip install -e '.[test,dask]'); CI installs it")


@pytest.fixture(scope="module")
def cluster():
    _dask()
    from dask.distributed import LocalCluster

    # two single-threaded workers as threads of this process: fits 2 shared cores
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None, host="127.0.0.1", protocol="tcp"
    ) as local:
        yield local


@pytest.mark.slow
def test_dask_over_s3_equals_in_process_row_for_row(s3, data, cluster, tmp_path, capsys):
    from scalescope.engine.distributed import reduce_dask

    source = f"{s3}/shards"
    local = reduce_source(data / "shards")
    remote = reduce_dask(source, scheduler=cluster.scheduler_address)
    assert remote.parts == 4 and remote.rows == 6000 and "2 worker(s)" in remote.engine
    assert remote.table.equals(local.table)  # same keys, same order, same sums
    same_rows(to_problems(remote.table), read_per_sample(data / "shards"))
    # the command line, pointed at the scheduler, writes the same partials
    out = tmp_path / "p.parquet"
    argv = ["reduce", source, "--engine", "dask", "--scheduler", cluster.scheduler_address, "--out", str(out)]
    assert main([*argv, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows"] == 6000 and report["files"] == 4 and report["engine"].startswith("dask at tcp://127.0.0.1:")
    assert main(["passk", str(out), "--json"]) == 0
    got = capsys.readouterr().out
    assert main(["passk", str(data / "shards"), "--json"]) == 0
    assert got == capsys.readouterr().out


@pytest.mark.slow
def test_dask_partials_of_rich_samples_and_errors(s3, data, cluster):
    from scalescope.engine.distributed import reduce_dask

    got = reduce_dask(f"{s3}/rich.parquet", scheduler=cluster.scheduler_address)
    assert got.table.equals(reduce_source(data / "rich.parquet").table)
    from scalescope.engine.errors import DataError

    with pytest.raises(DataError, match="no such file or folder in the bucket"):
        reduce_dask(f"{s3}/missing/", scheduler=cluster.scheduler_address)


@pytest.mark.slow
def test_dask_local_cluster_started_by_reduce(data, tmp_path):
    """No --scheduler: reduce starts its own local cluster (2 workers) and closes it."""
    _dask()
    from scalescope.engine.distributed import reduce_dask

    got = reduce_dask(data / "shards", workers=2, processes=False)
    assert got.engine.startswith("dask local cluster (2 workers)")
    assert got.table.equals(reduce_source(data / "shards").table)

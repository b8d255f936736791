"""The reduction on a Dask cluster: each worker reduces whole shards where they are (it opens
the file or the ``s3://`` / ``gs://`` object itself, with its own credentials from its own
environment), and the partials are combined on the workers in a tree, eight at a time; only
the final partials come back. The functions run are :func:`scalescope.engine.partials.reduce_part`
and :func:`~scalescope.engine.partials.combine`, the in-process reduction's own, so the result
equals it row for row (the keys keep the order of first appearance: rows are numbered by shard).

Dask is an optional extra (``pip install 'scalescope[dask]'``); without it, ``reduce --engine
dask`` is an error that says how to install it.
"""

from __future__ import annotations

import time
from pathlib import Path

from .errors import DataError, InputError
from .partials import Reduced, combine, find_parts, finish, plan, reduce_part

FAN_IN = 8  # partials combined by one task


def _import_dask():
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError(
            "--engine dask needs Dask's distributed scheduler: pip install 'scalescope[dask]' (or 'dask[distributed]')"
        ) from None
    return Client, LocalCluster


def _pack(table) -> bytes | None:
    """A partials table as Arrow IPC bytes. Tables travel between workers as plain bytes: a
    table Dask deserialises in place can hold buffers that are not aligned to their type,
    which Arrow's aggregation warns about."""
    if table is None:
        return None
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _unpack(data: bytes | None):
    if data is None:
        return None
    import pyarrow as pa

    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def _reduce_one(part, layout, stem, index):
    table, rows = reduce_part(part, layout, stem, index)
    return _pack(table), rows


def _combine(*results):
    tables = [_unpack(data) for data, _ in results]
    return _pack(combine(tables)), sum(rows for _, rows in results)


def reduce_dask(
    source: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    processes: bool = True,
    timeout: float = 30.0,
) -> Reduced:
    """The partials of a source reduced on a Dask cluster: the scheduler at ``scheduler``
    (``tcp://HOST:PORT``), or a local cluster of ``workers`` workers (one thread each) started
    for this call and closed after it."""
    Client, LocalCluster = _import_dask()
    start = time.perf_counter()
    found = find_parts(source)
    layout = plan(found)
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=timeout)
            except OSError as exc:
                raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
                host="127.0.0.1",
                protocol="tcp",
            )
            client = Client(cluster)
        try:
            names = [len(client.scheduler_info().get("workers", {}))]
            futures = [
                client.submit(_reduce_one, part, layout, found.stem, index, pure=False)
                for index, part in enumerate(found.parts)
            ]
            while len(futures) > 1:
                futures = [
                    client.submit(_combine, *futures[i : i + FAN_IN], pure=False)
                    for i in range(0, len(futures), FAN_IN)
                ]
            packed, rows = futures[0].result()
            table = _unpack(packed)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
    table = finish(table, found.stem)
    if rows == 0 or len(table) == 0:
        raise DataError("no data rows", file=found.name)
    where = f"dask at {scheduler}" if scheduler else f"dask local cluster ({workers} workers)"
    return Reduced(
        table,
        rows,
        len(found.parts),
        layout.kind,
        f"{where}, {names[0]} worker(s)",
        time.perf_counter() - start,
        found.notes,
    )

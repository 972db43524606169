"""Dask engine: the same order-preserving, bounded-memory map as the local engine, on
a Dask cluster (for when one machine is not enough), plus a Dask Bag helper.

Install with the ``dask`` extra: ``pip install 'cleaner[dask]'``.  With no scheduler
address a LocalCluster is started on 127.0.0.1 (processes, one thread each).

Determinism: chunks are cleaned independently and results are yielded in input
order, so the output is the same whatever the number of Dask workers.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from .local import ordered_chunks


def _run_chunk(task: Callable, chunk: list) -> list:
    return [task(item) for item in chunk]


def _client(scheduler: str | None, workers: int | None):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - optional extra
        raise RuntimeError("the Dask engine needs the 'dask' extra: pip install 'cleaner[dask]'") from exc
    if scheduler:
        return Client(scheduler), None
    import os
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    return Client(cluster), cluster


def map_ordered_dask(task: Callable, items: Iterable, *, scheduler: str | None = None,
                     workers: int | None = None, chunk_size: int = 64, inflight: int = 4,
                     client=None) -> Iterator[tuple]:
    """Yield ``(item, task(item))`` in input order, computing chunks on Dask workers.
    At most ``inflight`` chunks per worker are submitted ahead of the consumer."""
    own = client is None
    cluster = None
    if own:
        client, cluster = _client(scheduler, workers)
    try:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
        task_f = client.scatter(task, broadcast=True)

        def submit(chunk):
            return client.submit(_run_chunk, task_f, chunk, pure=False)

        yield from ordered_chunks(items, submit, chunk_size=chunk_size, limit=nworkers * inflight)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def clean_bag(bag, spec=None, *, text_field: str = "text", audit: bool = False):
    """Clean a ``dask.bag.Bag`` of records lazily.

    Returns a bag with one output per input record: the cleaned record, or, for a
    record that cannot be cleaned, ``{"id": ..., "rejected": reason}`` so nothing is
    lost.  ``spec`` is a CleanerSpec (default: the default preset).
    """
    from ..pipeline import CleanerSpec, _RecordTask

    task = _RecordTask(spec or CleanerSpec(), text_field, audit)

    def part(records):
        out = []
        for rec in records:
            res = task(rec)
            if res[0] == "ok":
                out.append(res[1])
            else:
                out.append({"id": rec.get("id") if isinstance(rec, dict) else None, "rejected": res[1]})
        return out

    return bag.map_partitions(part)

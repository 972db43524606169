"""Dask engine: the same order-preserving, bounded-memory map as the local engine, on
a Dask cluster (for when one machine is not enough).  (A Dask Bag helper is in
``cleaner.integrations.dask``.)

Install with the ``dask`` extra: ``pip install 'cleaner[dask]'``.  With no scheduler
address a LocalCluster is started on 127.0.0.1 (processes, one thread each).

The work is scattered to every worker once; each worker process builds its handler
(the Cleaner) on first use and keeps it for every later chunk (``handler_of``).
Determinism: chunks are cleaned independently and results are yielded in input
order, so the output is the same whatever the number of Dask workers.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .local import handler_of, ordered_chunks, run_chunk


class SchedulerError(RuntimeError):
    """The Dask scheduler cannot be used: ``usage`` when the address itself is wrong,
    otherwise none answered in time."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


def _run_chunk(work, chunk: list) -> list:
    return run_chunk(handler_of(work), chunk)


def _client(scheduler: str | None, workers: int | None, timeout: float):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - optional extra
        raise SchedulerError("the Dask engine needs the 'dask' extra: pip install 'cleaner[dask]'") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout=timeout), None
        except (ValueError, TypeError) as exc:
            raise SchedulerError(f"bad Dask scheduler address {scheduler!r}: {exc}", usage=True) from None
        except OSError as exc:
            raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from None
    import os
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    return Client(cluster), cluster


def map_ordered_dask(work, items: Iterable, *, scheduler: str | None = None, workers: int | None = None,
                     chunk_size: int = 64, inflight: int = 4, client=None, timeout: float = 10.0
                     ) -> Iterator[tuple]:
    """Yield ``(item, handler(item))`` in input order, computing chunks on Dask workers.
    At most ``inflight`` chunks per worker are submitted ahead of the consumer.
    ``client``: an existing ``distributed.Client`` (else one is made for ``scheduler``,
    waiting at most ``timeout`` seconds for it, or for a local cluster)."""
    own = client is None
    cluster = None
    if own:
        client, cluster = _client(scheduler, workers, timeout)
    try:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
        work_f = client.scatter(work, broadcast=True)

        def submit(chunk):
            return client.submit(_run_chunk, work_f, chunk, pure=False)

        try:
            yield from ordered_chunks(items, submit, chunk_size=chunk_size, limit=nworkers * inflight)
        except Exception as exc:
            if type(exc).__module__.split(".")[0] != "distributed":
                raise
            raise SchedulerError(f"the Dask cluster failed: {type(exc).__name__}: {exc}") from exc
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()

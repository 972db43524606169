"""Order-preserving parallel map over a stream, with bounded memory.

``concurrent.futures``/``multiprocessing`` ``map`` consume the whole input eagerly;
here at most ``workers * inflight`` chunks are in flight, so memory stays constant
however long the stream is.  Output order is input order, whatever the worker count,
so results are deterministic.
"""
from __future__ import annotations

import itertools
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator


def _run_chunk(task: Callable, chunk: list) -> list:
    return [task(item) for item in chunk]


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def map_ordered(task: Callable, items: Iterable, *, workers: int | None = 1, chunk_size: int = 64,
                inflight: int = 4, local=None) -> Iterator[tuple]:
    """Yield ``(item, task(item))`` in input order.

    ``workers`` None or 0 means one per CPU; 1 runs in this process (``local`` is an
    already-built object the task may bind to instead of rebuilding it).
    """
    if not workers:
        workers = default_workers()
    if workers == 1:
        if local is not None and hasattr(task, "bind"):
            task = task.bind(local)
        for item in items:
            yield item, task(item)
        return
    it = iter(items)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        limit = workers * inflight

        def submit() -> bool:
            chunk = list(itertools.islice(it, chunk_size))
            if not chunk:
                return False
            pending.append((chunk, pool.submit(_run_chunk, task, chunk)))
            return True

        more = True
        while more and len(pending) < limit:
            more = submit()
        while pending:
            chunk, fut = pending.popleft()
            results = fut.result()
            if more:
                more = submit()
            for item, res in zip(chunk, results):
                yield item, res

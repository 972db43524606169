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


def ordered_chunks(items: Iterable, submit: Callable, *, chunk_size: int, limit: int) -> Iterator[tuple]:
    """The windowing both engines share: cut ``items`` into chunks, keep at most
    ``limit`` submitted ahead of the consumer, yield ``(item, result)`` in input order.
    ``submit(chunk)`` returns an object with ``result()`` (a future)."""
    it = iter(items)
    pending: deque = deque()

    def more() -> bool:
        chunk = list(itertools.islice(it, chunk_size))
        if chunk:
            pending.append((chunk, submit(chunk)))
        return bool(chunk)

    left = True
    while left and len(pending) < limit:
        left = more()
    while pending:
        chunk, fut = pending.popleft()
        results = fut.result()
        if left:
            left = more()
        yield from zip(chunk, results)


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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from ordered_chunks(items, lambda chunk: pool.submit(_run_chunk, task, chunk),
                                  chunk_size=chunk_size, limit=workers * inflight)

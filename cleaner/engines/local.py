"""Local engine: an ordered, bounded-memory map over a pool of worker processes.

Items are cut into chunks and at most ``workers x inflight`` chunks are in flight, so
memory stays constant however long the stream is.  Output order is input order,
whatever the worker count, so results are deterministic.

Worker processes build their handler once (the pool initializer calls
``work.build()``; forked workers inherit the parent's when it is fork-safe) and keep
it for every chunk: a chunk carries only its items.  They
ignore Ctrl-C (the parent stops them: an interrupted run ends within a second or
two, without waiting for the chunks in flight) and exit by themselves when their
parent dies (even by ``kill -9``), so no worker is ever left orphaned.
"""
from __future__ import annotations

import gc
import itertools
import os
import threading
import time
from collections import deque
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

# how often a worker checks that its parent is still alive (seconds)
PARENT_CHECK_INTERVAL = 0.25

_BUILT: dict[str, Callable] = {}  # this process's handlers, by work key (see handler_of)
_HANDLER: Callable | None = None  # the handler of this pool worker (set by the initializer)


def handler_of(work) -> Callable:
    """The handler of ``work`` in this process, built on first use and then reused
    (``work.key`` names it).  A plain callable is its own handler."""
    build = getattr(work, "build", None)
    if build is None:
        return work
    key = getattr(work, "key", None)
    if key is None:
        return build()
    h = _BUILT.get(key)
    if h is None:
        while len(_BUILT) >= 4:  # a few works per process at most (bounded memory)
            _BUILT.pop(next(iter(_BUILT)))
        h = _BUILT[key] = build()
    return h


def watch_parent(interval: float = PARENT_CHECK_INTERVAL) -> None:
    """Exit this process as soon as its parent is gone (a daemon thread polls
    ``getppid``: an orphan is re-parented, so the value changes)."""
    parent = os.getppid()
    # (not PR_SET_PDEATHSIG: on Linux it fires when the parent *thread* that started
    # the worker ends, which may be long before the parent process does)

    def watch():
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="cleaner-parent-watch", daemon=True).start()


def share(work, handler) -> None:
    """Let worker processes forked from here use ``handler`` (already built in this
    process) for ``work`` instead of building their own: they inherit this process's
    memory.  Only for handlers that say they are ``fork_safe``, and only when workers
    are forked (not spawned)."""
    import multiprocessing

    key = getattr(work, "key", None)
    if (handler is None or key is None or not getattr(handler, "fork_safe", False)
            or multiprocessing.get_start_method(allow_none=False) != "fork"):
        return
    _BUILT.pop(key, None)
    while len(_BUILT) >= 4:
        _BUILT.pop(next(iter(_BUILT)))
    _BUILT[key] = handler


def _init_worker(work) -> None:
    global _HANDLER
    import signal  # in worker processes only

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    watch_parent()
    _HANDLER = handler_of(work)


def run_chunk(handler: Callable, chunk: list) -> list:
    """``handler`` over each item of ``chunk``, in order: in one call when the handler
    takes whole chunks (``many``: a record handler analyses their pages together)."""
    many = getattr(handler, "many", None)
    return many(chunk) if many is not None else [handler(item) for item in chunk]


def _run_chunk(chunk: list) -> list:
    """``run_chunk`` in a pool worker.  What earlier chunks left (compiled rules, loaded
    packs, caches) is frozen for the cycle collector first, so that its collections
    during the chunk look only at the chunk's own objects, as ``parts.young_only`` has
    them do in a single process (a worker inherits the parent's objects frozen, and the
    collector would otherwise go over what the worker built itself again and again: about
    twice the collection time); the chunk's own cycles are collected when it ends, so
    nothing but live objects is ever frozen."""
    gc.freeze()
    try:
        return run_chunk(_HANDLER, chunk)
    finally:
        gc.collect()


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def cut(items: Iterable, chunk_size: int, chunk_chars: int | None = None,
        size: Callable | None = None) -> Iterator[list]:
    """``items`` in chunks of ``chunk_size`` items, a chunk ending early once its items'
    ``size`` (characters) reaches ``chunk_chars``: many short records share the fixed
    cost of a chunk, and a chunk of long ones stays small in memory."""
    it = iter(items)
    if size is None or not chunk_chars:
        while chunk := list(itertools.islice(it, chunk_size)):
            yield chunk
        return
    while True:
        chunk, chars = [], 0
        for x in it:
            chunk.append(x)
            chars += size(x)
            if len(chunk) >= chunk_size or chars >= chunk_chars:
                break
        if not chunk:
            return
        yield chunk


def ordered_chunks(items: Iterable, submit: Callable, *, chunk_size: int, limit: int,
                   chunk_chars: int | None = None, size: Callable | None = None) -> Iterator[tuple]:
    """The windowing every engine shares: cut ``items`` into chunks (``cut``), keep at
    most ``limit`` submitted ahead of the consumer, yield ``(item, result)`` in input
    order.  ``submit(chunk)`` returns an object with ``result()`` (a future)."""
    chunks = cut(items, chunk_size, chunk_chars, size)
    pending: deque = deque()

    def more() -> bool:
        chunk = next(chunks, None)
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


def stop_pool(pool, grace: float = 1.0) -> None:
    """Stop a pool now: cancel what has not started, terminate the workers (their
    chunks in flight are abandoned), reap them."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    deadline = time.monotonic() + grace
    for p in procs:
        p.join(max(0.0, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()
            p.join(grace)


@contextmanager
def worker_pool(work, workers: int):
    """A process pool whose workers build ``work`` once each.  All workers are started
    here (before the caller starts any thread of its own); leaving the block normally
    waits for them, leaving it by an exception (Ctrl-C, a closed generator) stops them."""
    from concurrent.futures import ProcessPoolExecutor  # only when worker processes are asked for

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(work,))
    done = False
    # objects that exist before the fork are frozen for the garbage collector, so forked
    # workers do not copy the pages holding them (a collection would write to every one
    # of them); they stay frozen here until the pool is done, so this process's own
    # collections, while it reads records and writes outcomes, do not go over the
    # pipeline it built either (on one-line records a third of its collection time)
    gc.freeze()
    try:
        for _ in range(workers):  # start every worker process now
            pool.submit(int)
        yield pool
        done = True
    finally:
        try:
            if done:
                pool.shutdown(wait=True)
            else:
                stop_pool(pool)
        finally:
            gc.unfreeze()


def map_ordered(work, items: Iterable, *, workers: int | None = 1, chunk_size: int = 64,
                inflight: int = 4, local=None, batched: bool = False, chunk_chars: int | None = None,
                size: Callable | None = None) -> Iterator[tuple]:
    """Yield ``(item, handler(item))`` in input order.

    ``work`` is a plain callable, or an object whose ``build()`` returns the handler
    (built once per worker process).  ``workers`` None or 0 means one per CPU; 1 runs in
    this process (``local``, when given, is a handler already built here).  A handler
    with a ``many`` method is given whole chunks of ``chunk_size`` items (fewer when
    their ``size`` reaches ``chunk_chars``: ``cut``): by worker processes always, in
    this process when ``batched`` (it then reads a chunk ahead; otherwise it reads no
    item ahead of what is asked)."""
    if not workers:
        workers = default_workers()
    if workers == 1:
        handler = local if local is not None else handler_of(work)
        many = getattr(handler, "many", None) if batched else None
        if many is None:
            for item in items:
                yield item, handler(item)
            return
        for chunk in cut(items, chunk_size, chunk_chars, size):
            yield from zip(chunk, many(chunk))
        return
    share(work, local)
    with worker_pool(work, workers) as pool:
        yield from ordered_chunks(items, lambda chunk: pool.submit(_run_chunk, chunk), chunk_size=chunk_size,
                                  limit=workers * inflight, chunk_chars=chunk_chars, size=size)

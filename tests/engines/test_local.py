"""The local engine: ordered, bounded read-ahead, the work built once per worker
process, and no worker outliving its parent."""
import itertools
import json
import os
import subprocess
import sys
import time

import pytest

from cleaner.engines.local import cut, map_ordered


def double(x):
    return x * 2


def test_in_process_map_keeps_order():
    assert list(map_ordered(double, range(5), workers=1)) == [(i, 2 * i) for i in range(5)]


def test_process_pool_keeps_order_and_reads_ahead_boundedly():
    consumed = []

    def gen():
        for i in itertools.count():
            consumed.append(i)
            yield i

    out = list(itertools.islice(map_ordered(double, gen(), workers=2, chunk_size=5, inflight=2), 12))
    assert out == [(i, 2 * i) for i in range(12)]
    assert len(consumed) <= 12 + 2 * 2 * 5 + 5  # at most workers*inflight chunks ahead


class BuildOnce:
    """A work whose build is logged to a file, one line per build (with the pid)."""

    def __init__(self, log):
        self.log = str(log)
        self.key = "build-once-" + self.log

    def build(self):
        with open(self.log, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        pid = os.getpid()
        return lambda x: (x, pid)


def test_each_worker_process_builds_the_work_once_and_keeps_it(tmp_path):
    log = tmp_path / "builds.txt"
    out = list(map_ordered(BuildOnce(log), range(400), workers=2, chunk_size=5))
    assert [x for x, _ in out] == list(range(400)) and [r[0] for _, r in out] == list(range(400))
    builds = log.read_text().split()
    assert len(builds) == 2 and len(set(builds)) == 2  # 80 chunks, 2 processes, 2 builds
    assert {str(r[1]) for _, r in out} <= set(builds)


def test_in_process_run_builds_once_or_uses_the_given_handler(tmp_path):
    log = tmp_path / "builds.txt"
    work = BuildOnce(log)
    assert [r for _, (r, _pid) in map_ordered(work, range(3), workers=1)] == [0, 1, 2]
    assert [r for _, (r, _pid) in map_ordered(work, range(3), workers=1)] == [0, 1, 2]
    assert len(log.read_text().split()) == 1
    assert list(map_ordered(work, [1], workers=1, local=lambda x: -x)) == [(1, -1)]


def _wait_for(cond, timeout=60.0, step=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = cond()
        if v:
            return v
        time.sleep(step)
    raise AssertionError("timed out waiting")


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    psutil = pytest.importorskip("psutil")
    src = tmp_path / "in.jsonl"
    with open(src, "w") as fh:
        for i in range(100_000):
            fh.write(json.dumps({"id": i, "text": f"Record number {i} of a long run."}) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", str(tmp_path / "out.jsonl"),
                             "--workers", "2", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        parent = psutil.Process(proc.pid)
        workers = _wait_for(lambda: [c for c in parent.children() if c.is_running()][:2]
                            if len(parent.children()) >= 2 else None)
        _wait_for(lambda: (tmp_path / "out.jsonl.part").exists())  # the run is under way
        proc.kill()  # kill -9: no chance to clean up
        proc.wait(10)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"orphaned workers: {[p.pid for p in alive]}"
    finally:
        if proc.poll() is None:
            proc.kill()


class _Shared:
    fork_safe = True

    def __call__(self, x):
        return (x, "shared")


def test_forked_workers_use_the_parents_fork_safe_handler_instead_of_building(tmp_path):
    import multiprocessing
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked here")
    log = tmp_path / "builds.txt"
    out = list(map_ordered(BuildOnce(log), range(50), workers=2, chunk_size=5, local=_Shared()))
    assert [r for _, r in out] == [(i, "shared") for i in range(50)]
    assert not log.exists()  # nobody built


def _die_on_13(x):
    if x == 13:
        os._exit(3)  # a worker killed mid-chunk (out of memory, a crash in C code)
    return x


def test_a_dead_worker_fails_the_run_instead_of_losing_records():
    from concurrent.futures.process import BrokenProcessPool

    got = []
    with pytest.raises(BrokenProcessPool):
        for item, result in map_ordered(_die_on_13, range(100), workers=2, chunk_size=4):
            got.append(result)
    assert got == list(range(len(got))) and len(got) < 13  # in order, and nothing past the loss


class Chunked:
    """A handler that also takes whole chunks (``many``), logging the chunk sizes."""

    def __init__(self):
        self.chunks = []

    def __call__(self, x):
        return 2 * x

    def many(self, chunk):
        self.chunks.append(len(chunk))
        return [2 * x for x in chunk]


def test_in_process_map_gives_whole_chunks_only_when_batched():
    h = Chunked()
    assert list(map_ordered(double, range(7), workers=1, chunk_size=3, local=h)) == [(i, 2 * i) for i in range(7)]
    assert h.chunks == []  # item by item, nothing read ahead
    assert list(map_ordered(double, range(7), workers=1, chunk_size=3, local=h, batched=True)) == \
        [(i, 2 * i) for i in range(7)]
    assert h.chunks == [3, 3, 1]


def test_a_chunk_ends_at_its_size_or_once_its_items_reach_the_characters():
    items = ["a" * 5, "b" * 5, "c" * 20, "d", "e", "f", "g"]
    assert list(cut(items, 3, 10, len)) == [["a" * 5, "b" * 5], ["c" * 20], ["d", "e", "f"], ["g"]]
    assert list(cut(items, 3)) == [items[:3], items[3:6], items[6:]]  # no size: by count alone
    h = Chunked()
    assert list(map_ordered(double, [3, 1, 1, 5, 2], workers=1, chunk_size=4, local=h, batched=True,
                            chunk_chars=5, size=int)) == [(x, 2 * x) for x in [3, 1, 1, 5, 2]]
    assert h.chunks == [3, 1, 1]


class Cyclic:
    """A chunk handler that leaves an object behind (a cache entry) and makes a reference
    cycle that is garbage once the chunk is done."""

    def __init__(self):
        self.kept, self.seen = [], []

    def many(self, chunk):
        import gc
        import weakref

        # objects left by the earlier chunks are frozen: the collector does not go over them again
        self.seen.append([any(k is obj for obj in gc.get_objects()) for k in self.kept])
        self.kept.append({"chunk": list(chunk)})
        a, b = Cyclic(), Cyclic()
        a.other, b.other = b, a
        self.cycle = weakref.ref(a)
        return [2 * x for x in chunk]


def test_a_worker_freezes_what_earlier_chunks_left_and_collects_each_chunks_cycles(monkeypatch):
    import gc

    from cleaner.engines import local

    h = Cyclic()
    monkeypatch.setattr(local, "_HANDLER", h)
    try:
        assert local._run_chunk([1, 2]) == [2, 4]
        assert h.cycle() is None  # the chunk's cycle was collected when it ended
        assert local._run_chunk([3]) == [6]
        assert h.cycle() is None
    finally:
        gc.unfreeze()
    assert h.seen == [[], [False]]


def test_the_parent_keeps_what_it_built_frozen_while_its_workers_run():
    import gc

    built = {"pipeline": [1, 2, 3]}  # made before the pool, like the Cleaner

    def tracked() -> bool:
        return any(obj is built for obj in gc.get_objects())

    assert tracked()
    seen = [tracked() for _item, _result in map_ordered(double, range(4), workers=2, chunk_size=2)]
    assert seen == [False] * 4  # its collections while it feeds the workers do not go over it
    assert tracked()  # handed back to the collector with the pool

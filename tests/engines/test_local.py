import itertools

from cleaner.engines.local import map_ordered


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

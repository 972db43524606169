"""Near-duplicate pairs within a page: exact Jaccard by prefix filtering; on pages
where that would compare too many pairs, candidates from MinHash bands, still
verified exactly."""
from __future__ import annotations

import random

import numpy as np

from cleaner import blockkeys
from cleaner.blockkeys import _similar


def brute_force(sets: dict[int, np.ndarray], t: float) -> list[tuple[int, int, float]]:
    out = []
    ids = sorted(sets)
    for i, a in enumerate(ids):
        for c in ids[i + 1:]:
            x, y = set(sets[a].tolist()), set(sets[c].tolist())
            j = len(x & y) / len(x | y)
            if j >= t:
                out.append((a, c, j))
    return out


def random_sets(rnd: random.Random, n: int, vocab: int, size: tuple[int, int]) -> dict[int, np.ndarray]:
    sets = {}
    for b in range(n):
        base = rnd.sample(range(vocab), rnd.randint(*size))
        sets[b] = np.unique(np.array(base, dtype=np.uint64))
    # near copies of some sets
    for b in range(n, n + n // 4):
        src = sets[rnd.randrange(n)].tolist()
        changed = [x if rnd.random() > 0.15 else rnd.randrange(vocab) for x in src]
        sets[b] = np.unique(np.array(changed, dtype=np.uint64))
    return sets


def test_prefix_filtering_finds_exactly_the_similar_pairs():
    rnd = random.Random(3)
    for t in (0.5, 0.75, 0.9):
        sets = random_sets(rnd, 120, 400, (3, 40))
        assert _similar(sets, t) == brute_force(sets, t)


def test_a_long_page_of_few_words_takes_the_banded_path_and_stays_exact(monkeypatch):
    rnd = random.Random(5)
    sets = random_sets(rnd, 600, 150, (30, 50))  # every set shares most elements with many others
    called = []
    real = blockkeys._banded_pairs
    monkeypatch.setattr(blockkeys, "_banded_pairs", lambda *a: called.append(1) or real(*a))
    monkeypatch.setattr(blockkeys, "PAIR_BUDGET", 10_000)
    got = _similar(sets, 0.75)
    assert called  # the budget was exceeded
    want = brute_force(sets, 0.75)
    assert set(got) <= set(want)  # every pair reported is similar (verified exactly)
    assert len(got) >= 0.9 * len(want) and len(want) >= 50  # and the near copies are found


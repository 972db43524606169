"""The prose classifier: the block-by-block path of short pages decides as the array
path does."""
import numpy as np
import pytest

from cleaner.features import CLASS_NAMES, CODE, GOOD, NEAR, SHORT, SMALL, ProseConfig, classify, classify_one


def _rows(seed: int, size: int):
    rng = np.random.default_rng(seed)
    cfg = ProseConfig()
    # values around every threshold of the default configuration
    ntok = rng.choice([0, 1, 5, 6, 7, 8, 10, 11, 12, 19, 20, 21, 39, 40, 41, 80], size)
    ncjk = np.where(rng.random(size) < 0.4, rng.choice([0, 5, 11, 12, 13, 19, 20, 21, 39, 40, 41, 90], size), 0)
    ntok = np.maximum(ntok, ncjk // 2 * rng.integers(0, 3, size))
    stop = rng.choice([0.0, 0.05, cfg.stop_near, 0.11, 0.17, cfg.stop_good, 0.19, 0.5], size)
    ends = rng.random(size) < 0.5
    clauses = rng.choice([0, 1, 2, 3], size)
    link = rng.choice([0.0, 0.2, cfg.max_link_ratio, 0.51, 1.0], size)
    return ntok.astype(np.int64), ncjk.astype(np.int64), stop.astype(float), ends, clauses.astype(np.int64), link


@pytest.mark.parametrize("has_stopwords", [True, False])
def test_short_page_path_decides_as_the_array_path(has_stopwords):
    cfg = ProseConfig()
    ntok, ncjk, stop, ends, clauses, link = _rows(7, 5000)
    assert len(ntok) >= SMALL  # the array path
    whole = classify(ntok, ncjk, stop, ends, clauses, link, cfg, has_stopwords)
    one = [classify_one(*row, cfg, has_stopwords) for row in
           zip(ntok.tolist(), ncjk.tolist(), stop.tolist(), ends.tolist(), clauses.tolist(), link.tolist())]
    assert whole.tolist() == one
    # every class is reached, so the comparison covers each branch's outcome
    assert {CLASS_NAMES[c] for c in one} == set(CLASS_NAMES)
    # and short pages, which take the block-by-block path, get the same codes
    for lo in range(0, 200, 3):
        part = slice(lo, lo + 1 + lo % (SMALL - 1))
        got = classify(ntok[part], ncjk[part], stop[part], ends[part], clauses[part], link[part], cfg,
                       has_stopwords)
        assert got.dtype == whole.dtype and got.tolist() == whole[part].tolist()


def test_one_block_examples():
    cfg = ProseConfig()
    assert classify_one(25, 0, 0.3, True, 1, 0.0, cfg, True) == CODE[GOOD]
    assert classify_one(8, 0, 0.12, False, 0, 0.0, cfg, True) == CODE[NEAR]
    assert classify_one(3, 0, 0.5, True, 0, 0.0, cfg, True) == CODE[SHORT]
    assert classify_one(25, 0, 0.3, True, 1, 0.9, cfg, True) == CODE["bad"]
    assert classify_one(45, 45, 0.0, True, 2, 0.0, cfg, True) == CODE[GOOD]
    assert classify_one(13, 13, 0.0, True, 0, 0.0, cfg, True) == CODE[NEAR]
    empty = classify(*(np.zeros(0, dtype=t) for t in (np.int64, np.int64, float, bool, np.int64, float)), cfg, True)
    assert empty.dtype == np.int8 and len(empty) == 0

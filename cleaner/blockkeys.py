"""Exact-duplicate keys and near-duplicate pairs of a page's blocks.

Both come from ``blockstats``' token hashes with numbers folded (``key_hashes``), so
a page costs a few array operations, not a regex pass per block:

- a block's **key** hashes its folded token sequence: blocks that differ only in
  case, punctuation, spacing or numbers share it ("© 2023 Example Media. 1,204
  readers online" and "© 2024 example media — 998 readers online");
- **near-duplicates**: pairs of blocks whose sets of token bigrams have an exact
  Jaccard similarity of at least a threshold.  Candidate pairs come from prefix
  filtering (two sets that similar must share one of the first
  ``|A| - ceil(t * |A|) + 1`` elements of each, in one global order), then the
  similarity is computed exactly.  Within one page the sets are small, so an exact
  answer is cheaper than a MinHash estimate; across the pages of a site, where it is
  not, the template store uses MinHash (``corpus.minhash``).
"""
from __future__ import annotations


import numpy as np

from .blockstats import nonzero

_C = np.uint64(0x9E3779B97F4A7C15)
_D = np.uint64(0xC2B2AE3D27D4EB4F)


def _mix(h: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(31))
        h = h * _D
        return h ^ (h >> np.uint64(29))


def block_keys(stats, n: int) -> list[int | None]:
    """The key of each of the page's ``n`` blocks (None for a block without a word)."""
    keep = stats.key_keep
    kh = stats.key_hashes[keep]
    kb = stats.token_block[keep]
    out: list[int | None] = [None] * n
    if not len(kh):
        return out
    with np.errstate(over="ignore"):
        # polynomial over the tokens of each block, in order
        first = np.ones(len(kb), dtype=bool)
        first[1:] = kb[1:] != kb[:-1]
        idx = np.arange(len(kb))
        pos = idx - np.maximum.accumulate(np.where(first, idx, 0))
        powers = np.ones(int(pos.max()) + 1, dtype=np.uint64)
        if len(powers) > 1:
            powers[1:] = np.cumprod(np.full(len(powers) - 1, _C, dtype=np.uint64))
        starts = nonzero(first)
        sums = np.add.reduceat(_mix(kh) * powers[pos], starts)
        counts = np.diff(np.append(starts, len(kb))).astype(np.uint64)
        keys = _mix(sums ^ (counts * _D)) | np.uint64(1)  # never 0
    for b, k in zip(kb[starts].tolist(), keys.tolist()):
        out[b] = k
    return out


def char_grams(folded: str, n: int = 4) -> np.ndarray:
    """The distinct character n-grams of a short block's folded text, hashed: its
    shingle set (a few word bigrams would make every one-word change look like a
    different block).  Python's own string hash will do: only equality of grams
    within one page matters, and prefix filtering finds every similar pair in any
    element order, so the result does not depend on the hash seed."""
    hashes = {hash(folded[i:i + n]) for i in range(max(1, len(folded) - n + 1))}
    return np.sort(np.fromiter(hashes, dtype=np.int64, count=len(hashes)).view(np.uint64))


PAIR_BUDGET = 200_000  # candidate pairs compared exactly on one page
WINDOW = 32  # in a MinHash bucket of many sets: the sets each set meets before it
_BAND_SEEDS = np.array([(0x9E3779B97F4A7C15 * (k + 1)) & 0xFFFFFFFFFFFFFFFF for k in range(32)], dtype=np.uint64)


def near_duplicates(stats, blocks: list[int], threshold: float,
                    short: dict[int, np.ndarray] | None = None) -> list[tuple[int, int, float]]:
    """(a, b, Jaccard similarity) for pairs among ``blocks`` and ``short`` (a < b) whose
    shingle sets are at least ``threshold`` similar: token bigrams for ``blocks``,
    the given sets (``char_grams``) for ``short``."""
    short = short or {}
    if len(blocks) + len(short) < 2:
        return []
    sets: dict[int, np.ndarray] = dict(short)
    if len(blocks) >= 1:
        sets.update(_bigram_sets(stats, blocks))
    return _similar(sets, threshold)


def _bigram_sets(stats, blocks: list[int]) -> dict[int, np.ndarray]:
    keep = stats.key_keep
    kh = stats.key_hashes[keep]
    kb = stats.token_block[keep]
    wanted = np.zeros(int(kb.max()) + 1 if len(kb) else 0, dtype=bool)
    sel = np.array([b for b in blocks if b < len(wanted)], dtype=np.int64)
    if not len(sel):
        return {}
    wanted[sel] = True
    same = (kb[1:] == kb[:-1]) & wanted[kb[1:]]
    with np.errstate(over="ignore"):
        grams = _mix(_mix(kh[:-1]) * _C + kh[1:])[same]
    gblock = kb[1:][same]
    if not len(grams):
        return {}
    # the distinct bigrams of each block, in one global order (by value)
    order = np.lexsort((grams, gblock))
    grams, gblock = grams[order], gblock[order]
    new = np.ones(len(grams), dtype=bool)
    new[1:] = (grams[1:] != grams[:-1]) | (gblock[1:] != gblock[:-1])
    grams, gblock = grams[new], gblock[new]
    bounds = nonzero(np.r_[True, gblock[1:] != gblock[:-1], True])
    return {int(gblock[lo]): grams[lo:hi] for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist())}


def _similar(sets: dict[int, np.ndarray], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs of sets (each sorted, distinct) with Jaccard similarity >= threshold.

    Prefix filtering in the order of increasing frequency on the page: two sets that
    similar share one of the first ``|A| - ceil(t |A|) + 1`` elements of each, and with
    the rarest elements first those prefixes rarely meet by chance."""
    if len(sets) < 2:
        return []
    ids = list(sets)
    sizes = np.array([len(sets[b]) for b in ids])
    allg = np.concatenate([sets[b] for b in ids])
    owner = np.repeat(np.arange(len(ids)), sizes)
    _u, inv, counts = np.unique(allg, return_inverse=True, return_counts=True)
    freq = counts[inv]
    order = np.lexsort((allg, freq, owner))  # per set: rarest first
    allg, owner, freq = allg[order], owner[order], freq[order]
    start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    plen = sizes - np.ceil(threshold * sizes - 1e-9).astype(np.int64) + 1
    rank = np.arange(len(allg)) - start[owner]
    inprefix = (rank < plen[owner]) & (freq >= 2)
    pg, pb = allg[inprefix], owner[inprefix]
    if len(pg) < 2:
        return []
    order = np.lexsort((pb, pg))
    pg, pb = pg[order], pb[order]
    shared = nonzero(pg[1:] == pg[:-1])
    if not len(shared):
        return []
    # runs of equal prefix elements: every pair of their sets is a candidate, unless
    # that makes more than PAIR_BUDGET pairs (a long page written with a few hundred
    # words): then the candidates come from MinHash bands instead (``_banded_pairs``)
    bounds = nonzero(np.r_[True, pg[1:] != pg[:-1], True])
    runs = np.diff(bounds)
    if int((runs * (runs - 1) // 2).sum()) > PAIR_BUDGET:
        pairs = _banded_pairs(allg, owner, start, sizes, threshold)
    else:
        pairs = set()
        run_start = -1
        pgl, pbl = pg.tolist(), pb.tolist()
        for i in shared.tolist():
            if run_start < 0 or pgl[run_start] != pgl[i]:
                run_start = i
            c = pbl[i + 1]
            for j in range(run_start, i + 1):
                a = pbl[j]
                if a != c:
                    pairs.add((a, c) if a < c else (c, a))
    out = []
    members: dict[int, set] = {}  # each set's elements as a Python set, made once

    def members_of(k: int) -> set:
        got = members.get(k)
        if got is None:
            got = members[k] = set(sets[ids[k]].tolist())
        return got

    size = sizes.tolist()
    for x, y in sorted(pairs):
        na, nc = size[x], size[y]
        if min(na, nc) < threshold * max(na, nc):
            continue  # sizes too different for the threshold
        a, c = ids[x], ids[y]
        inter = len(members_of(x) & members_of(y))
        jac = inter / (na + nc - inter)
        if jac >= threshold:
            out.append((min(a, c), max(a, c), jac))
    return sorted(out)


def _banded_pairs(allg, owner, start, sizes, threshold: float) -> set:
    """Candidate pairs of sets from 32 MinHash values per set cut into bands (2 rows
    each below a threshold of 0.6, else 4: a pair at the threshold meets with a chance
    of 0.95 or more): sets that agree on a whole band meet.  For
    pages where exact candidate search would compare too many pairs; deterministic (fixed
    seeds), and a bucket of more than WINDOW sets pairs each with the WINDOW before it."""
    order = np.argsort(owner, kind="stable")
    g, first = allg[order], start
    with np.errstate(over="ignore"):
        sig = np.stack([np.minimum.reduceat(_mix(g ^ seed), first) for seed in _BAND_SEEDS], axis=1)
    rows = 2 if threshold < 0.6 else 4
    pairs: set = set()
    n = len(sizes)
    for b in range(0, sig.shape[1], rows):
        band = sig[:, b:b + rows]
        with np.errstate(over="ignore"):
            key = band[:, 0].copy()
            for r in range(1, band.shape[1]):
                key = _mix(key * _C + band[:, r])
        idx = np.lexsort((np.arange(n), key))
        k = key[idx]
        same = nonzero(k[1:] == k[:-1])
        run_start = -1
        il = idx.tolist()
        kl = k.tolist()
        for i in same.tolist():
            if run_start < 0 or kl[run_start] != kl[i]:
                run_start = i
            c = il[i + 1]
            for j in range(max(run_start, i + 1 - WINDOW), i + 1):
                a = il[j]
                pairs.add((a, c) if a < c else (c, a))
    return pairs


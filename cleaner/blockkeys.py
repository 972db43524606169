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

from typing import NamedTuple

import numpy as np

from .blockstats import nonzero, unique

_C = np.uint64(0x9E3779B97F4A7C15)
_D = np.uint64(0xC2B2AE3D27D4EB4F)


def _mix(h: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(31))
        h = h * _D
        return h ^ (h >> np.uint64(29))


_POWERS: list[np.ndarray] = []  # _C ** i, for the longest block seen yet


def _powers(size: int) -> np.ndarray:
    if not _POWERS or len(_POWERS[0]) < size:
        with np.errstate(over="ignore"):
            _POWERS[:] = [np.cumprod(np.r_[np.uint64(1), np.full(max(size, 1024) - 1, _C, dtype=np.uint64)],
                                     dtype=np.uint64)]
    return _POWERS[0]


def block_keys(stats, n: int) -> np.ndarray:
    """The key of each of the page's ``n`` blocks, as uint64 (0 for a block without a word)."""
    keep = stats.key_keep
    kh = stats.key_hashes[keep]
    kb = stats.token_block[keep]
    out = np.zeros(n, dtype=np.uint64)
    if not len(kh):
        return out
    first = np.empty(len(kb), dtype=bool)
    first[0] = True
    first[1:] = kb[1:] != kb[:-1]
    starts = nonzero(first)
    counts = np.diff(np.append(starts, len(kb)))
    pos = np.arange(len(kb)) - np.repeat(starts, counts)  # each token's place in its block
    with np.errstate(over="ignore"):
        # polynomial over the tokens of each block, in order
        sums = np.add.reduceat(_mix(kh) * _powers(int(counts.max()))[pos], starts)
        out[kb[starts]] = _mix(sums ^ (counts.astype(np.uint64) * _D)) | np.uint64(1)  # never 0
    return out


class GramSets(NamedTuple):
    """Shingle sets of some blocks as (set, element) pairs: ``grams[k]`` belongs to
    the set of block ``ids[owner[k]]`` (an element may be given more than once); the
    sets are laid end to end (``owner`` never decreases)."""

    ids: list[int]
    owner: np.ndarray  # int64, an index into ids
    grams: np.ndarray  # uint64


_PAD = np.uint64(0x110000)  # no character: what a gram shorter than n is padded with


def char_gram_sets(blocks: list[int], folded: list[str], n: list[int]) -> GramSets:
    """The character ``n[k]``-grams of each block's folded text, hashed: its shingle
    set (a few word bigrams would make every one-word change look like a different
    block).  A text shorter than its n has itself as its one gram.  All texts are cut
    in one pass over their code points, each text followed by pads, so that no gram
    reads past them; two grams are one exactly when their strings are (but for 64-bit
    hash collisions)."""
    lens = np.fromiter(map(len, folded), dtype=np.int64, count=len(folded))
    width = np.array(n, dtype=np.int64)
    wmax = int(width.max()) if len(width) else 0
    codes = np.frombuffer("".join(folded).encode("utf-32-le"), dtype=np.uint32)
    gap = wmax  # pads after each text (an empty text's gram is all pads)
    begin = np.cumsum(lens + gap) - (lens + gap)  # each text's start among the padded
    padded = np.full(len(codes) + gap * len(lens), _PAD, dtype=np.uint64)
    padded[np.arange(len(codes)) + np.repeat(begin - (np.cumsum(lens) - lens), lens)] = codes
    count = np.maximum(1, lens - width + 1)
    owner = np.repeat(np.arange(len(blocks)), count)
    pos = np.arange(len(owner)) + np.repeat(begin - (np.cumsum(count) - count), count)
    narrow = int(width.min()) if len(width) else 0  # from there on, a narrower gram is padded
    wide = width[owner] if narrow < wmax else None
    h = np.zeros(len(owner), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(wmax):
            c = padded[pos + j]
            if j >= narrow and wide is not None:
                c = np.where(j < wide, c, _PAD)
            h = _mix(h * _C + c)
    return GramSets(list(blocks), owner, h)


PAIR_BUDGET = 200_000  # candidate pairs compared exactly on one page
WINDOW = 32  # in a MinHash bucket of many sets: the sets each set meets before it
_BAND_SEEDS = np.array([(0x9E3779B97F4A7C15 * (k + 1)) & 0xFFFFFFFFFFFFFFFF for k in range(32)], dtype=np.uint64)


def near_duplicates(stats, blocks: list[int], threshold: float,
                    short: GramSets | None = None) -> list[tuple[int, int, float]]:
    """(a, b, Jaccard similarity) for pairs among ``blocks`` and ``short`` (a < b) whose
    shingle sets are at least ``threshold`` similar: token bigrams for ``blocks``,
    the given sets (``char_gram_sets``) for ``short``."""
    sets = _bigram_sets(stats, blocks) if blocks else None
    if short is not None and sets is not None:
        sets = GramSets(short.ids + sets.ids, np.concatenate([short.owner, sets.owner + len(short.ids)]),
                        np.concatenate([short.grams, sets.grams]))
    sets = sets if sets is not None else short
    if sets is None or len(sets.ids) < 2:
        return []
    return _similar(sets, threshold)


def _bigram_sets(stats, blocks: list[int]) -> GramSets | None:
    """The token bigrams of ``blocks`` (those that have one), in block order (the page's
    tokens are in block order)."""
    keep = stats.key_keep
    kh = stats.key_hashes[keep]
    kb = stats.token_block[keep]
    wanted = np.zeros(int(kb.max()) + 1 if len(kb) else 0, dtype=bool)
    sel = np.array([b for b in blocks if b < len(wanted)], dtype=np.int64)
    if not len(sel):
        return None
    wanted[sel] = True
    same = (kb[1:] == kb[:-1]) & wanted[kb[1:]]
    with np.errstate(over="ignore"):
        grams = _mix(_mix(kh[:-1]) * _C + kh[1:])[same]
    gblock = kb[1:][same]
    if not len(grams):
        return None
    new = np.r_[True, gblock[1:] != gblock[:-1]]
    return GramSets(gblock[new].tolist(), np.cumsum(new) - 1, grams)


def _similar(sets: GramSets, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs of sets with Jaccard similarity >= threshold, as (block, block, similarity).

    Prefix filtering in the order of increasing frequency on the page: two sets that
    similar share one of the first ``|A| - ceil(t |A|) + 1`` elements of each, and with
    the rarest elements first those prefixes rarely meet by chance.  Elements are
    numbered in the order of their values.  An element of one set only (most of a
    page's) can join no pair: the sets' prefixes are ordered only among the elements
    shared by two sets or more, after the set's own ones, and a set whose own elements
    fill its prefix takes no part."""
    ids = sets.ids
    n = len(ids)
    if n < 2:
        return []
    order = np.argsort(sets.grams)
    g, owner = sets.grams[order], sets.owner[order]
    new_g = np.empty(len(g), dtype=bool)
    new_g[:1] = True
    new_g[1:] = g[1:] != g[:-1]
    gid = np.cumsum(new_g) - 1  # elements numbered in the order of their values
    nv = int(gid[-1]) + 1
    given = np.diff(np.append(nonzero(new_g), len(g)))  # how often each element is given
    once = given[gid] == 1
    # the distinct (element, set) pairs of the elements given more than once
    pair = unique(gid[~once] * n + owner[~once])
    mg, mb = pair // n, pair % n
    counts = np.maximum(np.bincount(mg, minlength=nv), 1)  # the sets of each element
    top = int(counts.max())
    if top < 2:
        return []  # no element in two sets
    sizes = np.bincount(owner[once], minlength=n) + np.bincount(mb, minlength=n)
    common = counts[mg] >= 2
    plen = sizes - np.ceil(threshold * sizes - 1e-9).astype(np.int64) + 1
    own = sizes - np.bincount(mb[common], minlength=n)  # elements of the set alone
    common &= (plen > own)[mb]
    sg, sb = mg[common], mb[common]
    if not len(sg):
        return []
    sf = counts[sg]
    small = n * (top + 1) * nv < 2 ** 62  # the keys below fit in an int64
    order = np.argsort((sb * (top + 1) + sf) * nv + sg) if small else np.lexsort((sg, sf, sb))
    sg, sb = sg[order], sb[order]  # per set, rarest first: its shared elements
    scount = np.bincount(sb, minlength=n)
    sstart = np.cumsum(scount) - scount
    inprefix = own[sb] + np.arange(len(sg)) - sstart[sb] < plen[sb]
    pg, pb = sg[inprefix], sb[inprefix]
    if len(pg) < 2:
        return []
    order = np.argsort(pg * n + pb) if small else np.lexsort((pb, pg))
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
        values, sets_of = np.concatenate([g[once], g[new_g][mg]]), np.concatenate([owner[once], mb])
        by_set = np.argsort(sets_of, kind="stable")
        pairs = _banded_pairs(values[by_set], sets_of[by_set], np.cumsum(sizes) - sizes, sizes, threshold)
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
    members: dict[int, set] = {}  # each set's shared elements (all two sets can share) as a Python set
    size, at, count = sizes.tolist(), sstart.tolist(), scount.tolist()

    def members_of(k: int) -> set:
        got = members.get(k)
        if got is None:
            got = members[k] = set(sg[at[k]:at[k] + count[k]].tolist())
        return got

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


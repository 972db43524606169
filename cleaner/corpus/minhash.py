"""MinHash signatures, vectorized with numpy and bit-compatible with datasketch.

``MinHasher(num_perm, seed).signatures(shingle_sets)`` returns, for each set, the
same uint32 hash values as::

    m = datasketch.MinHash(num_perm=num_perm, seed=seed, hashfunc=xxh32)
    m.update_batch([s.encode("utf-8") for s in shingles])
    m.hashvalues

in datasketch's default 2.0 scheme ("affine32"): each shingle is hashed with
32-bit xxhash (seed 0), pre-mixed once with the MurmurHash3 finalizer, then
permuted by ``a_k * h + b_k mod 2**32`` for each of the ``num_perm`` permutations,
whose parameters are drawn exactly as datasketch draws them (``permutations``: from
``numpy.random.RandomState(seed)``).  The signature is the column-wise minimum.
``tests/corpus/test_minhash.py`` checks the equality on random inputs.

The speed comes from doing all blocks of a batch at once: one xxhash call per
shingle, then one ``(shingles x num_perm)`` multiply-add and a segmented minimum
(``np.minimum.reduceat``) per chunk, instead of a numpy round trip per shingle.

LSH helpers: a signature is cut into ``bands`` bands of ``rows`` values; each band
is hashed to 64 bits; two sets whose signatures agree on a whole band are
candidates, confirmed by the estimated Jaccard similarity (share of equal values).
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import xxhash

from ..blockstats import mix64

HASH_NAME = "xxh32"  # the shingle hash (xxhash 32-bit, seed 0)
SCHEME = "affine32"  # datasketch's permutation scheme these signatures follow
MAX32 = np.uint32(0xFFFFFFFF)  # the value of an empty signature (datasketch's too)
_CHUNK = 4096  # shingles per vectorized step (bounds the (m x num_perm) temporary)

_M1 = np.uint32(0x85EBCA6B)
_M2 = np.uint32(0xC2B2AE35)
_P64 = np.uint64(0x9E3779B97F4A7C15)


def xxh32(data: bytes) -> int:
    """The shingle hash, as a datasketch ``hashfunc``."""
    return xxhash.xxh32_intdigest(data)


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch's pre-mix), element-wise, wrapping."""
    h = h ^ (h >> np.uint32(16))
    h = h * _M1
    h = h ^ (h >> np.uint32(13))
    h = h * _M2
    return h ^ (h >> np.uint32(16))



def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` permutation parameters datasketch 2.0 draws for the affine32
    scheme (``MinHash._init_permutations``): odd ``a`` and any ``b``, from
    ``numpy.random.RandomState(seed)`` in this order.  Drawn here rather than by
    instantiating a datasketch MinHash, whose import pulls in scipy (a second of
    start-up in every worker); the tests compare both."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.ascontiguousarray(a), np.ascontiguousarray(b)


class MinHasher:
    """Signatures for many shingle sets at once (see the module doc)."""

    def __init__(self, num_perm: int = 128, seed: int = 1):
        if num_perm < 1:
            raise ValueError("num_perm must be positive")
        self.num_perm = num_perm
        self.seed = seed
        self.a, self.b = permutations(num_perm, seed)

    # -- hashing -------------------------------------------------------------------

    def empty(self, n: int = 1) -> np.ndarray:
        return np.full((n, self.num_perm), MAX32, dtype=np.uint32)

    # -- signatures ------------------------------------------------------------------
    def signature(self, shingles: Iterable[str]) -> np.ndarray:
        """One signature (``num_perm`` uint32 values)."""
        return self.signatures([list(shingles)])[0]

    def signatures(self, sets: Sequence[Sequence[str]]) -> np.ndarray:
        """An ``(len(sets), num_perm)`` uint32 array; row i is the signature of sets[i]."""
        n = len(sets)
        out = self.empty(n)
        if not n:
            return out
        lens = np.fromiter((len(s) for s in sets), dtype=np.int64, count=n)
        total = int(lens.sum())
        if not total:
            return out
        h = xxhash.xxh32_intdigest
        hv = np.fromiter((h(x.encode("utf-8")) for s in sets for x in s), dtype=np.uint32, count=total)
        self._fill(out, fmix32(hv), lens)
        return out

    def _fill(self, out: np.ndarray, mixed: np.ndarray, lens: np.ndarray) -> None:
        # permutations x shingles layout: the segmented minimum runs along contiguous rows
        a = self.a[:, None]
        b = self.b[:, None]
        starts = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=starts[1:])
        i, n = 0, len(lens)
        while i < n:
            if lens[i] > _CHUNK:  # one big set: reduce it in pieces
                s0, s1 = starts[i], starts[i + 1]
                acc = out[i]
                for c in range(s0, s1, _CHUNK):
                    part = np.multiply(a, mixed[None, c:min(s1, c + _CHUNK)])
                    part += b
                    np.minimum(acc, part.min(axis=1), out=acc)
                i += 1
                continue
            j = max(int(np.searchsorted(starts, starts[i] + _CHUNK, side="right")) - 1, i + 1)
            s0, s1 = starts[i], starts[j]
            if s1 > s0:
                phv = np.multiply(a, mixed[None, s0:s1])
                phv += b
                seg = starts[i:j] - s0
                keep = lens[i:j] > 0
                if keep.all():
                    out[i:j] = np.minimum.reduceat(phv, seg, axis=1).T
                else:
                    out[np.arange(i, j)[keep]] = np.minimum.reduceat(phv, seg[keep], axis=1).T
            i = j


# -- similarity and LSH -------------------------------------------------------------------

def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """datasketch's estimate: the share of equal signature values."""
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


def band_hashes(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """``(n, bands)`` uint64: a 64-bit hash of each band of each signature (the band
    index is mixed in, so equal values in different bands never collide)."""
    sigs = np.atleast_2d(sigs)
    if bands * rows > sigs.shape[1]:
        raise ValueError(f"bands x rows = {bands * rows} is more than num_perm = {sigs.shape[1]}")
    n = sigs.shape[0]
    view = sigs[:, :bands * rows].reshape(n, bands, rows).astype(np.uint64)
    h = np.broadcast_to((np.arange(bands, dtype=np.uint64) + np.uint64(1)) * _P64, (n, bands)).copy()
    for r in range(rows):
        with np.errstate(over="ignore"):
            h = mix64(h ^ view[:, :, r])
    return h


def check_lsh(num_perm: int, bands: int, rows: int) -> None:
    if bands < 1 or rows < 1 or bands * rows > num_perm:
        raise ValueError(f"LSH needs bands >= 1, rows >= 1 and bands x rows <= num_perm "
                         f"(got {bands} x {rows} with num_perm {num_perm})")


class LSHIndex:
    """A small in-memory LSH index: ``add(id, signature)``, ``query(signature)``."""

    def __init__(self, bands: int, rows: int):
        self.bands, self.rows = bands, rows
        self._table: dict[int, list] = {}
        self._sigs: dict = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, item, sig: np.ndarray) -> None:
        self._sigs[item] = sig
        for h in band_hashes(sig, self.bands, self.rows)[0].tolist():
            self._table.setdefault(h, []).append(item)

    def add_many(self, items: Sequence, sigs: np.ndarray) -> None:
        if not len(items):
            return
        bh = band_hashes(sigs, self.bands, self.rows)
        for item, sig, row in zip(items, sigs, bh.tolist()):
            self._sigs[item] = sig
            for h in row:
                self._table.setdefault(h, []).append(item)

    def candidates(self, band_row: Iterable[int]) -> list:
        seen: dict = {}
        for h in band_row:
            for item in self._table.get(h, ()):
                seen[item] = None
        return list(seen)

    def query(self, sig: np.ndarray, threshold: float, band_row=None) -> list[tuple]:
        """``[(item, estimated_jaccard)]`` with estimate >= threshold, best first
        (ties in insertion order)."""
        if band_row is None:
            band_row = band_hashes(sig, self.bands, self.rows)[0].tolist()
        out = []
        for item in self.candidates(band_row):
            j = estimate_jaccard(sig, self._sigs[item])
            if j >= threshold:
                out.append((item, j))
        out.sort(key=lambda t: -t[1])
        return out


def similar_pairs(sigs: np.ndarray, bands: int, rows: int, threshold: float,
                  max_bucket: int = 64) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, i < j, of rows whose signatures share a band and whose
    estimated Jaccard similarity is >= threshold, in sorted order.

    In a bucket larger than ``max_bucket`` each member is compared with the bucket's
    first ``max_bucket`` members only (enough to join it to its cluster)."""
    n = len(sigs)
    if n < 2:
        return []
    flat = band_hashes(sigs, bands, rows).ravel()  # band index is mixed in: one table
    order = np.argsort(flat, kind="stable")
    sv = flat[order]
    same = sv[1:] == sv[:-1]
    if not same.any():
        return []
    rows_of = order // bands
    # bucket boundaries among the sorted hashes; keep buckets of two or more
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    ends = np.append(starts[1:], len(sv))
    multi = (ends - starts) >= 2
    pairs: set[tuple[int, int]] = set()
    checked: set[tuple[int, int]] = set()
    for a, b in zip(starts[multi].tolist(), ends[multi].tolist()):
        members = sorted(set(rows_of[a:b].tolist()))
        for x_i, x in enumerate(members):
            for y in members[:min(x_i, max_bucket)]:
                key = (y, x)
                if key in checked:
                    continue
                checked.add(key)
                if np.count_nonzero(sigs[y] == sigs[x]) >= threshold * sigs.shape[1] - 1e-9:
                    pairs.add(key)
    return sorted(pairs)

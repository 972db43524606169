"""The learner's bounded state and its decisions: a Bloom filter of the keys seen,
per-partition runs of aggregated counts (spilled to a temporary folder past a
memory budget), and ``decide_site`` (candidates clustered by MinHash, templates or
protected keys)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np

from .minhash import MinHasher, similar_pairs
from .shingles import fold
from .storeschema import StoreParams, template_id

PARTS = 64  # run partitions, by the top 6 bits of the key
_SHIFT = np.uint64(58)
P64 = np.uint64(0x9E3779B97F4A7C15)


# -- bounded helpers ---------------------------------------------------------------------------------

def _mix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


class SeenFilter:
    """Which (site, key) pairs were seen before: a blocked Bloom filter (one 64-bit
    word per key, ``k`` bits set in it) that grows by adding stages of doubling
    capacity.  No false negatives; about 1-2% false positives (which only keep a
    text that was not needed)."""

    def __init__(self, capacity: int = 1 << 18, bits_per_key: int = 12, k: int = 6):
        self.bits_per_key, self.k = bits_per_key, k
        self.stages: list[list] = []  # [words, capacity, count]
        self._grow(capacity)

    def _grow(self, capacity: int) -> None:
        words = max(64, capacity * self.bits_per_key // 64)
        self.stages.append([np.zeros(words, dtype=np.uint64), capacity, 0])

    def _probe(self, ck: np.ndarray, nwords: int):
        h = _mix64(ck)
        idx = (h % np.uint64(nwords)).astype(np.int64)
        g = _mix64(h ^ P64)
        mask = np.zeros(len(ck), dtype=np.uint64)
        for j in range(self.k):
            mask |= np.uint64(1) << ((g >> np.uint64(6 * j)) & np.uint64(63))
        return idx, mask

    def check(self, ck: np.ndarray) -> np.ndarray:
        hit = np.zeros(len(ck), dtype=bool)
        for words, _cap, _n in self.stages:
            idx, mask = self._probe(ck, len(words))
            hit |= (words[idx] & mask) == mask
        return hit

    def add(self, ck: np.ndarray) -> None:
        stage = self.stages[-1]
        if stage[2] + len(ck) > stage[1]:
            self._grow(max(stage[1] * 2, len(ck)))
            stage = self.stages[-1]
        idx, mask = self._probe(ck, len(stage[0]))
        np.bitwise_or.at(stage[0], idx, mask)
        stage[2] += len(ck)

    @property
    def nbytes(self) -> int:
        return sum(s[0].nbytes for s in self.stages)


RUN = np.dtype([("sid", "<u4"), ("key", "<u8"), ("cnt", "<u4"), ("prot", "<u4")])


class Runs:
    """Aggregated (site, key, pages, protected) records in 64 key partitions: in
    memory up to a budget, then appended to files in a temporary folder."""

    def __init__(self, budget_bytes: int, workdir=None):
        self.budget = budget_bytes
        self.workdir = workdir
        self.mem: list[list[np.ndarray]] = [[] for _ in range(PARTS)]
        self.mem_bytes = 0
        self.tmp: Path | None = None
        self.spilled = 0
        from ..io.tempfiles import sweep
        sweep(workdir, "cleaner-learn-")  # the spill folders of runs that were killed

    def add(self, rec: np.ndarray) -> None:
        part = (rec["key"] >> _SHIFT).astype(np.int64)
        order = np.argsort(part, kind="stable")
        rec, part = rec[order], part[order]
        bounds = np.searchsorted(part, np.arange(PARTS + 1))
        for p in range(PARTS):
            a, b = bounds[p], bounds[p + 1]
            if b > a:
                self.mem[p].append(rec[a:b].copy())
        self.mem_bytes += rec.nbytes
        if self.mem_bytes > self.budget:
            self.spill()

    def spill(self) -> None:
        if self.tmp is None:
            from ..io.tempfiles import tagged
            self.tmp = Path(tempfile.mkdtemp(prefix=tagged("cleaner-learn-"), dir=self.workdir))
        for p in range(PARTS):
            if self.mem[p]:
                with open(self.tmp / f"part{p:02d}.bin", "ab") as fh:
                    for arr in self.mem[p]:
                        fh.write(arr.tobytes())
                self.mem[p] = []
        self.spilled += self.mem_bytes
        self.mem_bytes = 0

    def load(self, p: int) -> np.ndarray:
        parts = list(self.mem[p])
        if self.tmp is not None:
            f = self.tmp / f"part{p:02d}.bin"
            if f.exists():
                parts.insert(0, np.fromfile(f, dtype=RUN))
        self.mem[p] = []
        if not parts:
            return np.zeros(0, dtype=RUN)
        return np.concatenate(parts)

    def close(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def aggregate(sid: np.ndarray, key: np.ndarray, cnt: np.ndarray, prot: np.ndarray):
    """Sum cnt and prot per (sid, key); returns sorted unique (sid, key, cnt, prot)."""
    n = len(key)
    if not n:
        return sid, key, cnt.astype(np.uint32), prot.astype(np.uint32)
    order = np.lexsort((key, sid))
    s, k = sid[order], key[order]
    new = np.ones(n, dtype=bool)
    new[1:] = (s[1:] != s[:-1]) | (k[1:] != k[:-1])
    starts = np.flatnonzero(new)
    c = np.add.reduceat(cnt[order].astype(np.uint64), starts).astype(np.uint32)
    q = np.add.reduceat(prot[order].astype(np.uint64), starts).astype(np.uint32)
    return s[starts], k[starts], c, q


# -- decisions ---------------------------------------------------------------------------------------

def decide_site(site: str, site_pages: int, keys: np.ndarray, pages: np.ndarray, prot: np.ndarray,
                texts: dict[int, str], params: StoreParams, hasher: MinHasher | None = None) -> list[dict]:
    """The templates (and protected candidates) of one site, from its candidate keys
    (those on at least ``params.variant_min(site_pages)`` pages), deterministically.

    Returns dicts with id, key (representative), text, pages, prot, status and
    members ``[(key, pages, signature or None)]``."""
    thr = params.threshold(site_pages)
    n = len(keys)
    if not n:
        return []
    keys_l = [int(k) for k in keys]
    order = sorted(range(n), key=lambda i: keys_l[i])
    keys_l = [keys_l[i] for i in order]
    pages_l = [int(pages[i]) for i in order]
    prot_l = [int(prot[i]) for i in order]
    shingler = params.shingler()
    sig_rows: list[int] = []
    sets = []
    for i, k in enumerate(keys_l):
        t = texts.get(k)
        if t is None:
            continue
        sh = shingler.shingles_folded(fold(t))
        if sh:
            sig_rows.append(i)
            sets.append(sh)
    sigs = None
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if sets:
        hasher = hasher or MinHasher(params.num_perm, params.seed)
        sigs = hasher.signatures(sets)
        for a, b in similar_pairs(sigs, params.bands, params.rows, params.similarity):
            ra, rb = find(sig_rows[a]), find(sig_rows[b])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    sig_of = {sig_rows[j]: sigs[j] for j in range(len(sig_rows))} if sigs is not None else {}
    clusters: dict[int, list[int]] = {}
    for i in range(n):
        clusters.setdefault(find(i), []).append(i)
    out = []
    used_ids: set[str] = set()
    for members in clusters.values():
        total = min(site_pages, sum(pages_l[i] for i in members))
        if total < thr:
            continue
        psum = min(total, sum(prot_l[i] for i in members))
        rep = min(members, key=lambda i: (-pages_l[i], keys_l[i]))
        status = "protected" if psum > params.protect_share * total else "template"
        tid = template_id(site, keys_l[rep])
        if tid in used_ids:
            tid = f"tpl-{site}-{keys_l[rep]:016x}"
        used_ids.add(tid)
        out.append({"id": tid, "key": keys_l[rep], "text": texts.get(keys_l[rep], ""), "pages": total,
                    "prot": psum, "status": status,
                    "members": [(keys_l[i], pages_l[i], sig_of.get(i))
                                for i in sorted(members, key=lambda i: keys_l[i])]})
    out.sort(key=lambda t: (-t["pages"], t["key"]))
    return out


__all__ = ["SeenFilter", "Runs", "RUN", "PARTS", "P64", "aggregate", "decide_site"]

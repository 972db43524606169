"""Learning site templates: blocks that recur on many pages of one site.

Two modes.

**Two passes** (``Learner``; ``cleaner templates learn INPUT... -o STORE``, then
``cleaner clean --templates STORE``).  For every page: its site (the registrable
domain of the record's URL, or a ``--site-field`` value; records without either go
to the run's ``(unknown)`` bucket), its blocks (parsed exactly as the cleaner parses
them), each block's exact key (``shingles.block_key``: casefolded, digits folded)
and whether the block is *protected on this page*: the page's title, or prose of
the page's main body run (``page_roles``).  The learner counts, per site and key,
the pages carrying the key and the pages where it was protected.

Memory stays bounded whatever the corpus size: occurrences are collected in a
window (``window`` page-keys), aggregated with numpy when it fills, and appended to
64 runs partitioned by key (in memory up to ``memory_mb``, then spilled to a
temporary folder).  A block's text is kept only once its key is known to recur: a
compact filter of the keys already seen (a blocked Bloom filter, ~12 bits per key)
tells, at each window flush, which keys were seen before; those and the keys seen
twice inside the window keep a sample text (the smallest of the texts seen).  At
the end each run partition is aggregated (exact counts for every key, written to
the store for merging) and the site's template decisions are made:

- candidates: keys on at least ``variant_min`` pages (2, or 5% of the threshold);
- near-duplicates: candidates are MinHash-signed (``minhash.MinHasher``, LSH bands)
  and keys whose estimated Jaccard similarity reaches ``similarity`` are clustered;
  a cluster carries the pages of all its variants;
- a cluster (or a single key) is a template when its pages reach
  ``max(k, ceil(f x site pages))``; it is *protected* instead (never dropped) when
  on more than ``protect_share`` of those pages it was the title or body prose.

Counts merge exactly (``merge_stores``): the merged store has the sums of the
inputs' counts and the decisions are recomputed from them, so merging stores
learned on shards gives the templates learning on the union gives.  (One edge:
a sample text is kept for keys seen on two pages of one input, so a variant seen
on exactly one page in each of several shards is counted exactly but has no text
to be clustered by similarity; as an exact key it is decided like any other.)

**Single pass** (``corpus.streaming``; ``cleaner templates stream``): for jobs
that cannot read their input twice.  The input is cut into windows of ``window``
records, in input order.  The parent process observes every record of a window
(counting, as above, in bounded per-site counters), then the window is cleaned
(by any number of worker processes) against a snapshot of the templates known
after that window.  Decisions depend on the input order and the window size only,
never on the number of workers; a site's first pages (before a block reaches the
threshold) keep their templates.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

import numpy as np
import regex

from ..document import Document
from ..blockstats import block_stats
from ..features import CODE, GOOD, ProseConfig, classify
from ..parse import parse
from ..records import record_problem
from .minhash import MinHasher, similar_pairs
from .shingles import fold, key_of_folded
from .store import (CHUNK_KEYS, DECISION_PARAMS, SIGNATURE_PARAMS, UNKNOWN_SITE, StoreError,
                    StoreParams, StoreWriter, TemplateStore, template_id)

_PROSE = ProseConfig()
_PARTS = 64  # run partitions, by the top 6 bits of the key
_SHIFT = np.uint64(58)
_P64 = np.uint64(0x9E3779B97F4A7C15)


# -- sites -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def public_suffixes() -> frozenset:
    """Multi-label public suffixes (``cleaner/data/public_suffixes.txt``)."""
    text = resources.files("cleaner").joinpath("data", "public_suffixes.txt").read_text(encoding="utf-8")
    out = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        out.update(x.strip().lower().strip(".") for x in line.split() if x.strip())
    return frozenset(out)


_IPV4 = regex.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def registrable_domain(host: str) -> str:
    """The registrable domain of a host name: the public suffix plus one label.

    A small heuristic, not the full Public Suffix List: the public suffix is the
    longest multi-label suffix listed in ``cleaner/data/public_suffixes.txt``
    (``co.uk``, ``com.br``, ``github.io``, ...), else the last label.  So
    ``www.bbc.co.uk`` -> ``bbc.co.uk``, ``edition.cnn.com`` -> ``cnn.com``.  IP
    addresses and single-label hosts are returned as they are."""
    host = host.lower().strip().rstrip(".")
    if host.startswith("[") or ":" in host or _IPV4.match(host):
        return host
    labels = [x for x in host.split(".") if x]
    if len(labels) <= 2:
        return ".".join(labels)
    suffixes = public_suffixes()
    for n in range(min(len(labels) - 1, 4), 1, -1):
        if ".".join(labels[-n:]) in suffixes:
            return ".".join(labels[-n - 1:])
    return ".".join(labels[-2:])


def site_of_url(url) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    u = url.strip()
    try:
        host = urlsplit(u if "//" in u else "//" + u).hostname
    except ValueError:
        return None
    if not host:
        return None
    return registrable_domain(host)


def site_of(record: dict, *, url_field: str = "url", site_field: str | None = None) -> str:
    """The site of a record: its ``site_field`` value when given, else the
    registrable domain of its URL, else ``(unknown)``."""
    if site_field:
        v = record.get(site_field)
        if isinstance(v, str) and v.strip():
            return v.strip().lower()
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)
        return UNKNOWN_SITE
    return site_of_url(record.get(url_field)) or UNKNOWN_SITE


# -- page roles: the title and the main body run --------------------------------------------------

_TITLE_SEP = regex.compile(r"\s+[|\-–—:·•»~/]\s+|\s*[|｜–—_]\s*|\s+::\s+")
TITLE_WINDOW = 30  # blocks after the page title where the headline is looked for
BODY_MAX_GAP = 4  # non-prose blocks allowed between two prose blocks of one run


def title_blocks(texts: list[str], folded: list[str], page_title: str | None = None) -> set[int]:
    """Indexes of the blocks that are the page's title.

    The page title is the HTML ``<title>`` when known, else the first block (a
    scraper's first line).  The title is the block after it, within
    ``TITLE_WINDOW`` blocks, that equals the page title or one of its parts split at
    separators (``Headline - Site``), the longest such match (every block with that
    text, when it occurs twice); the first line is part of the title too when it was
    used as the page title.  A page without such
    evidence has no title (a constant first line like "Skip to content" is not
    protected by being first)."""
    if not texts:
        return set()
    first = 0 if page_title else 1
    if not page_title:
        page_title = texts[0]
    parts = {fold(page_title)}
    parts.update(fold(p) for p in _TITLE_SEP.split(page_title) if len(p) >= 8)
    parts = {p for p in parts if len(p) >= 8}
    if not parts:
        return set()
    window = range(first, min(len(texts), first + TITLE_WINDOW))
    best = ""
    for i in window:
        f = folded[i]
        if f in parts and len(f) > len(best) and 2 <= f.count(" ") + 1 <= 40:
            best = f
    if not best:
        return set()
    out = {i for i in window if folded[i] == best}
    return out if first == 0 else out | {0}


def _good(text: str, ntok: int) -> bool:
    """The prose classifier's GOOD class without a stopword list (``features.classify``);
    ``ntok`` comes from the folded text."""
    st = block_stats([text])
    code = classify(np.array([ntok]), st.ncjk, np.zeros(1), st.ends, st.clauses, np.zeros(1), _PROSE, False)
    return int(code[0]) == CODE[GOOD]


def _prose_tokens(text: str, folded: str) -> int:
    """The block's token count when it is GOOD prose (see ``_good``), else 0."""
    if not folded:
        return 0
    n = folded.count(" ") + 1
    if n < 11 and (len(text) < 20 or text.isascii()):
        return 0  # shorter than any GOOD block (11 words, or 20 CJK characters)
    return n if _good(text, n) else 0


def body_blocks(texts: list[str], folded: list[str], prose: list[int] | None = None) -> set[int]:
    """Indexes of the prose blocks of the page's main body run.

    Prose is the prose classifier's GOOD class without a stopword list (length and
    sentence punctuation: ``features.classify``).  GOOD blocks with at most
    ``BODY_MAX_GAP`` other blocks between them form a run; the run with the most
    tokens is the main body run, and its GOOD blocks are its prose.  ``prose``:
    the blocks' ``_prose_tokens`` when already known."""
    if prose is None:
        prose = [_prose_tokens(t, f) for t, f in zip(texts, folded)]
    good = [i for i, n in enumerate(prose) if n]
    if not good:
        return set()
    best: list[int] = []
    best_tok = -1
    run = [good[0]]
    for i in good[1:] + [None]:
        if i is not None and i - run[-1] - 1 <= BODY_MAX_GAP:
            run.append(i)
            continue
        tok = sum(prose[j] for j in run)
        if tok > best_tok:
            best, best_tok = run, tok
        if i is not None:
            run = [i]
    return set(best)


def page_roles(texts: list[str], folded: list[str], page_title: str | None = None) -> tuple[set, set]:
    """(title block indexes, main-body prose block indexes) of one page."""
    return title_blocks(texts, folded, page_title), body_blocks(texts, folded)


class BlockCache:
    """Per-text results of the learner's block work (folded text, key, prose tokens).

    Boilerplate lines recur on many pages of a site, so most blocks of a corpus are
    seen before; a bounded cache (emptied when it reaches ``size``) skips refolding
    them.  The values depend on the text alone, so the cache never changes a result."""

    def __init__(self, size: int = 200_000):
        self.size = size
        self.data: dict[str, tuple[str, int | None, int]] = {}

    def get(self, text: str) -> tuple[str, int | None, int]:
        v = self.data.get(text)
        if v is None:
            f = fold(text)
            v = (f, key_of_folded(f) if f else None, _prose_tokens(text, f))
            if len(self.data) >= self.size:
                self.data = {}
            self.data[text] = v
        return v


def doc_page_keys(doc: Document, cache: BlockCache | None = None
                  ) -> tuple[list[str], list[str], dict[int, tuple[bool, int]]]:
    """A page's block texts, folded texts, and ``{key: (protected, first index)}``
    (protected: the page's title, or prose of its main body run)."""
    texts = [b.text for b in doc.blocks]
    cache = cache or BlockCache()
    info = [cache.get(t) for t in texts]
    folded = [x[0] for x in info]
    prot = title_blocks(texts, folded, doc.meta.get("page_title"))
    prot |= body_blocks(texts, folded, [x[2] for x in info])
    page: dict[int, tuple[bool, int]] = {}
    for i, (_f, k, _n) in enumerate(info):
        if k is None:
            continue
        old = page.get(k)
        if old is None:
            page[k] = (i in prot, i)
        elif not old[0] and i in prot:
            page[k] = (True, old[1])
    return texts, folded, page


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
        g = _mix64(h ^ _P64)
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


_RUN = np.dtype([("sid", "<u4"), ("key", "<u8"), ("cnt", "<u4"), ("prot", "<u4")])


class _Runs:
    """Aggregated (site, key, pages, protected) records in 64 key partitions: in
    memory up to a budget, then appended to files in a temporary folder."""

    def __init__(self, budget_bytes: int, workdir=None):
        self.budget = budget_bytes
        self.workdir = workdir
        self.mem: list[list[np.ndarray]] = [[] for _ in range(_PARTS)]
        self.mem_bytes = 0
        self.tmp: Path | None = None
        self.spilled = 0
        from ..io.tempfiles import sweep
        sweep(workdir, "cleaner-learn-")  # the spill folders of runs that were killed

    def add(self, rec: np.ndarray) -> None:
        part = (rec["key"] >> _SHIFT).astype(np.int64)
        order = np.argsort(part, kind="stable")
        rec, part = rec[order], part[order]
        bounds = np.searchsorted(part, np.arange(_PARTS + 1))
        for p in range(_PARTS):
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
        for p in range(_PARTS):
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
                parts.insert(0, np.fromfile(f, dtype=_RUN))
        self.mem[p] = []
        if not parts:
            return np.zeros(0, dtype=_RUN)
        return np.concatenate(parts)

    def close(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def _aggregate(sid: np.ndarray, key: np.ndarray, cnt: np.ndarray, prot: np.ndarray):
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


# -- the two-pass learner ---------------------------------------------------------------------------

@dataclass
class LearnSummary:
    records: int = 0
    pages: int = 0
    blocks: int = 0
    skipped: int = 0
    skip_reasons: dict = field(default_factory=dict)
    unknown_site_pages: int = 0
    sites: int = 0
    templates: int = 0
    protected: int = 0
    keys: int = 0
    seconds: float = 0.0
    spilled_bytes: int = 0

    @property
    def blocks_per_second(self) -> float:
        return self.blocks / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        d = dict(self.__dict__)
        d["blocks_per_second"] = round(self.blocks_per_second, 1)
        return d


class Learner:
    """Counts blocks per site over a stream of pages; ``write(path)`` makes the store.

    >>> ln = Learner()                                       # doctest: +SKIP
    >>> for rec in records: ln.add_record(rec)               # doctest: +SKIP
    >>> ln.write("site.templates")                           # doctest: +SKIP
    """

    def __init__(self, params: StoreParams | None = None, *, window: int = 200_000, memory_mb: int = 256,
                 workdir=None, text_field: str = "text", url_field: str = "url", site_field: str | None = None,
                 input_format: str = "auto"):
        self.params = params or StoreParams()
        self.window = window
        self.text_field, self.url_field, self.site_field = text_field, url_field, site_field
        self.input_format = input_format
        self._site_ids: dict[str, int] = {}
        self._site_names: list[str] = []
        self._site_pages: list[int] = []
        self._w_sid = array("I")
        self._w_key = array("Q")
        self._w_prot = array("B")
        self._w_text: dict[tuple[int, int], str] = {}
        self._seen = SeenFilter()
        self._texts: dict[tuple[int, int], str] = {}
        self._runs = _Runs(memory_mb << 20, workdir)
        self._cache = BlockCache()
        self.summary = LearnSummary()
        self._t0 = time.perf_counter()
        self._closed = False

    # -- input ----------------------------------------------------------------------------
    def site_id(self, site: str) -> int:
        sid = self._site_ids.get(site)
        if sid is None:
            sid = self._site_ids[site] = len(self._site_names)
            self._site_names.append(site)
            self._site_pages.append(0)
        return sid

    def add_document(self, doc: Document, site: str) -> None:
        """Count one parsed page of ``site``."""
        texts, _folded, page = doc_page_keys(doc, self._cache)
        sid = self.site_id(site)
        self._site_pages[sid] += 1
        self.summary.pages += 1
        self.summary.blocks += len(texts)
        if site == UNKNOWN_SITE:
            self.summary.unknown_site_pages += 1
        if not page:
            return
        wt = self._w_text
        for k, (p, i) in page.items():
            t = texts[i]
            tk = (sid, k)
            old = wt.get(tk)
            if old is None or t < old:
                wt[tk] = t
        self._w_key.extend(page.keys())
        self._w_prot.extend(1 if v[0] else 0 for v in page.values())
        self._w_sid.extend([sid] * len(page))
        if len(self._w_key) >= self.window:
            self._flush()

    def add_text(self, text: str, *, url: str | None = None, site: str | None = None, fmt: str | None = None,
                 page_title: str | None = None) -> None:
        doc = parse(text, fmt or self.input_format)
        if page_title and not doc.meta.get("page_title"):
            doc.meta["page_title"] = page_title
        if site is None:
            site = site_of_url(url) or UNKNOWN_SITE
        self.add_document(doc, site)

    def skip(self, reason: str) -> None:
        self.summary.skipped += 1
        key = reason.split(" (")[0]
        self.summary.skip_reasons[key] = self.summary.skip_reasons.get(key, 0) + 1

    def add_record(self, record, fmt: str | None = None) -> str | None:
        """Count one record; returns the reason when it cannot be used (and counts it)."""
        self.summary.records += 1
        reason = record_problem(record, self.text_field)
        if reason:
            self.skip(reason)
            return reason
        site = site_of(record, url_field=self.url_field, site_field=self.site_field)
        try:
            self.add_text(record[self.text_field], site=site, fmt=fmt)
        except Exception as exc:  # a page the parser cannot read teaches nothing; the run goes on
            reason = f"cannot parse the text ({type(exc).__name__}: {exc})"
            self.skip(reason)
            return reason
        return None

    def add_items(self, items: Iterable) -> None:
        """Count Items from ``cleaner.io.readers.read_inputs`` (rejects are counted)."""
        for item in items:
            if item.reject is not None:
                self.summary.records += 1
                self.skip(item.reject)
                continue
            self.add_record(item.record, item.fmt)

    # -- window ----------------------------------------------------------------------------
    def _flush(self) -> None:
        if not len(self._w_key):
            return
        sid = np.frombuffer(self._w_sid, dtype=np.uint32).copy()
        key = np.frombuffer(self._w_key, dtype=np.uint64).copy()
        prot = np.frombuffer(self._w_prot, dtype=np.uint8).copy()
        us, uk, cnt, pc = _aggregate(sid, key, np.ones(len(key), dtype=np.uint32), prot)
        ck = uk ^ (us.astype(np.uint64) * _P64)
        keep = self._seen.check(ck) | (cnt >= 2)
        wt, texts = self._w_text, self._texts
        for s, k in zip(us[keep].tolist(), uk[keep].tolist()):
            t = wt[(s, k)]
            old = texts.get((s, k))
            if old is None or t < old:
                texts[(s, k)] = t
        self._seen.add(ck)
        rec = np.empty(len(uk), dtype=_RUN)
        rec["sid"], rec["key"], rec["cnt"], rec["prot"] = us, uk, cnt, pc
        self._runs.add(rec)
        self._w_sid = array("I")
        self._w_key = array("Q")
        self._w_prot = array("B")
        self._w_text = {}

    # -- output ----------------------------------------------------------------------------
    def write(self, path) -> LearnSummary:
        """Aggregate, decide, and write the store to ``path`` atomically."""
        if self._closed:
            raise RuntimeError("this Learner has already written its store")
        self._flush()
        params = self.params
        summary = self.summary
        try:
            with StoreWriter(path, params) as writer:
                order = sorted(range(len(self._site_names)), key=lambda s: self._site_names[s])
                wid = {s: writer.site_id(self._site_names[s], self._site_pages[s]) for s in order}
                vmin = {s: params.variant_min(self._site_pages[s]) for s in order}
                cands: dict[int, list] = {s: [] for s in order}
                pending: dict[int, list] = {s: [] for s in order}
                pending_n = 0
                texts = self._texts
                for p in range(_PARTS):
                    rec = self._runs.load(p)
                    if not len(rec):
                        continue
                    s_, k_, c_, q_ = _aggregate(rec["sid"], rec["key"], rec["cnt"], rec["prot"])
                    del rec
                    summary.keys += len(k_)
                    bounds = np.flatnonzero(np.diff(s_)) + 1
                    for seg in np.split(np.arange(len(k_)), bounds):
                        s = int(s_[seg[0]])
                        keys, cnt, pc = k_[seg], c_[seg], q_[seg]
                        pending[s].append((keys, cnt, pc))
                        pending_n += len(keys)
                        multi = cnt >= 2
                        if multi.any():
                            writer.add_texts(wid[s], ((k, texts[(s, k)]) for k in keys[multi].tolist()
                                                      if (s, k) in texts))
                        c = cnt >= vmin[s]
                        if c.any():
                            cands[s].append((keys[c], cnt[c], pc[c]))
                    if pending_n >= CHUNK_KEYS * 4:
                        self._write_pending(writer, wid, pending)
                        pending_n = 0
                self._write_pending(writer, wid, pending)
                hasher = MinHasher(params.num_perm, params.seed)
                for s in order:
                    name = self._site_names[s]
                    if not cands[s]:
                        continue
                    keys, cnt, pc = (np.concatenate(x) for x in zip(*cands[s]))
                    ctexts = {k: texts[(s, k)] for k in keys.tolist() if (s, k) in texts}
                    for tpl in decide_site(name, self._site_pages[s], keys, cnt, pc, ctexts, params, hasher):
                        writer.add_template(wid[s], name, tpl)
                        if tpl["status"] == "template":
                            summary.templates += 1
                        else:
                            summary.protected += 1
                summary.sites = len(order)
                summary.seconds = time.perf_counter() - self._t0
                summary.spilled_bytes = self._runs.spilled
                writer.set_meta(learned={k: v for k, v in summary.as_dict().items()
                                         if k not in ("seconds", "blocks_per_second")},
                                grouping={"url_field": self.url_field, "site_field": self.site_field})
        finally:
            self._runs.close()
            self._closed = True
        return summary

    @staticmethod
    def _write_pending(writer, wid, pending) -> None:
        for s in sorted(pending, key=lambda x: wid[x]):
            if pending[s]:
                keys, cnt, pc = (np.concatenate(x) for x in zip(*pending[s]))
                writer.add_counts(wid[s], keys, cnt, pc)
                pending[s] = []

    def close(self) -> None:
        """Discard the learner (removes its temporary files)."""
        self._runs.close()
        self._closed = True


def learn_inputs(inputs: list[str], output, *, params: StoreParams | None = None, input_format: str = "auto",
                 text_field: str = "text", url_field: str = "url", site_field: str | None = None,
                 window: int = 200_000, memory_mb: int = 256, workdir=None, on_item=None) -> LearnSummary:
    """Learn a store from files/folders (as ``cleaner templates learn`` does).
    ``on_item(item)`` is called for every input item (e.g. to show progress)."""
    from ..io.readers import read_inputs

    forced = input_format if input_format in ("text", "markup", "html") else "auto"
    ln = Learner(params, window=window, memory_mb=memory_mb, workdir=workdir, text_field=text_field,
                 url_field=url_field, site_field=site_field, input_format=forced)
    items = read_inputs(inputs, input_format)
    if on_item is not None:
        items = (it for it in items if on_item(it) or True)
    try:
        ln.add_items(items)
    except BaseException:
        ln.close()
        raise
    return ln.write(output)


# -- merging stores -------------------------------------------------------------------------------------

def merge_stores(inputs, output, **decision_overrides) -> dict:
    """Merge stores into ``output``: counts and pages are summed, sample texts and
    vetoes united, and the templates decided again from the merged counts.  All
    inputs must share their signature parameters (and, unless overridden here,
    their decision thresholds)."""
    if not inputs:
        raise StoreError("merge needs at least one store")
    stores = [TemplateStore.open(p) for p in inputs]
    try:
        base = stores[0].params
        given = {k for k, v in decision_overrides.items() if v is not None}
        must_agree = SIGNATURE_PARAMS + tuple(n for n in DECISION_PARAMS if n not in given)
        for st in stores[1:]:
            diff = base.incompatible(st.params, names=must_agree)
            if diff:
                raise StoreError(f"cannot merge {st.path} with {stores[0].path}: different parameters ("
                                 + "; ".join(diff) + "). Stores merge only when learned with the same settings.")
        params = base.with_decisions(**decision_overrides)
        names = sorted({n for st in stores for n in st.site_names()})
        pages = {n: sum(st.site_pages(n) for st in stores) for n in names}
        hasher = MinHasher(params.num_perm, params.seed)
        out_stats = {"sites": len(names), "pages": sum(pages.values()), "templates": 0, "protected": 0}
        with StoreWriter(output, params) as writer:
            wid = {n: writer.site_id(n, pages[n]) for n in names}
            for n in names:
                vmin = params.variant_min(pages[n])
                cands = []
                for keys, cnt, pc in _merged_counts(stores, n):
                    writer.add_counts(wid[n], keys, cnt, pc)
                    c = cnt >= vmin
                    if c.any():
                        cands.append((keys[c], cnt[c], pc[c]))
                texts: dict[int, str] = {}
                for st in stores:
                    for k, t in st.texts(n).items():
                        old = texts.get(k)
                        if old is None or t < old:
                            texts[k] = t
                writer.add_texts(wid[n], sorted(texts.items()))
                if not cands:
                    continue
                keys, cnt, pc = (np.concatenate(x) for x in zip(*cands))
                ctexts = {k: texts[k] for k in keys.tolist() if k in texts}
                for tpl in decide_site(n, pages[n], keys, cnt, pc, ctexts, params, hasher):
                    writer.add_template(wid[n], n, tpl)
                    out_stats["templates" if tpl["status"] == "template" else "protected"] += 1
            vetoes = {}
            for st in stores:
                for s, k, t, r in st.all_vetoes():
                    vetoes[(s, k)] = (s, k, t, r)
            writer.add_vetoes([vetoes[x] for x in sorted(vetoes)])
            writer.set_meta(merged_from=[str(p) for p in inputs])
            groupings = {json.dumps(st.grouping, sort_keys=True) for st in stores}
            if len(groupings) == 1:  # the inputs agree on how sites were grouped: say so
                writer.set_meta(grouping=stores[0].grouping)
        return out_stats
    finally:
        for st in stores:
            st.close()


def _merged_counts(stores, site: str) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The summed counts of one site over stores, in key order, by 64 key ranges."""
    chunks = [st.count_chunks(site) for st in stores]
    cache: dict = {}

    def chunk(i, c):
        if cache.get(i, (None,))[0] != c:
            cache[i] = (c, stores[i].load_chunk(site, c))
        return cache[i][1]

    buf, buf_n = [], 0
    for r in range(_PARTS):
        lo = r << 58
        hi = ((r + 1) << 58) - 1
        parts = []
        for i, lst in enumerate(chunks):
            for c, clo, chi in lst:
                if chi < lo or clo > hi:
                    continue
                keys, cnt, pc = chunk(i, c)
                a = np.searchsorted(keys, np.uint64(lo), side="left")
                b = np.searchsorted(keys, np.uint64(hi), side="right")
                if b > a:
                    parts.append((keys[a:b], cnt[a:b], pc[a:b]))
        if not parts:
            continue
        keys = np.concatenate([p[0] for p in parts])
        cnt = np.concatenate([p[1] for p in parts])
        pc = np.concatenate([p[2] for p in parts])
        _s, keys, cnt, pc = _aggregate(np.zeros(len(keys), dtype=np.uint32), keys, cnt, pc)
        buf.append((keys, cnt, pc))
        buf_n += len(keys)
        if buf_n >= CHUNK_KEYS:
            yield tuple(np.concatenate(x) for x in zip(*buf))  # type: ignore[misc]
            buf, buf_n = [], 0
    if buf:
        yield tuple(np.concatenate(x) for x in zip(*buf))  # type: ignore[misc]


__all__ = ["Learner", "LearnSummary", "learn_inputs", "merge_stores", "decide_site", "page_roles", "title_blocks",
           "body_blocks", "registrable_domain", "site_of", "site_of_url", "public_suffixes", "UNKNOWN_SITE"]

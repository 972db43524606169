"""Learning site templates: blocks that recur on many pages of one site.

Two modes.

**Two passes** (``Learner``; ``cleaner templates learn INPUT... -o STORE``, then
``cleaner clean --templates STORE``).  For every page: its site (the registrable
domain of the record's URL, or a ``--site-field`` value; records without either go
to the run's ``(unknown)`` bucket), its blocks (parsed exactly as the cleaner parses
them), each block's exact key (``shingles.block_key``: casefolded, digits folded)
and whether the block is *protected on this page*: the page's title, or prose of
the page's main body run (``roles.textview``).  The learner counts, per site and key,
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

import time
from array import array
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

from ..document import Document
from ..parse import parse
from ..records import record_problem
from ..roles.textview import body_blocks, page_roles, title_blocks
from .merge import merge_stores
from .minhash import MinHasher
from .pagekeys import BlockCache, doc_page_keys
from .runs import P64, PARTS, RUN, Runs, SeenFilter, aggregate, decide_site
from .sites import public_suffixes, registrable_domain, site_of, site_of_url
from .storeschema import CHUNK_KEYS, UNKNOWN_SITE, StoreParams
from .storewriter import StoreWriter


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
        self._runs = Runs(memory_mb << 20, workdir)
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
        us, uk, cnt, pc = aggregate(sid, key, np.ones(len(key), dtype=np.uint32), prot)
        ck = uk ^ (us.astype(np.uint64) * P64)
        keep = self._seen.check(ck) | (cnt >= 2)
        wt, texts = self._w_text, self._texts
        for s, k in zip(us[keep].tolist(), uk[keep].tolist()):
            t = wt[(s, k)]
            old = texts.get((s, k))
            if old is None or t < old:
                texts[(s, k)] = t
        self._seen.add(ck)
        rec = np.empty(len(uk), dtype=RUN)
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
                for p in range(PARTS):
                    rec = self._runs.load(p)
                    if not len(rec):
                        continue
                    s_, k_, c_, q_ = aggregate(rec["sid"], rec["key"], rec["cnt"], rec["prot"])
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


__all__ = ["Learner", "LearnSummary", "learn_inputs", "merge_stores", "decide_site", "page_roles", "title_blocks",
           "body_blocks", "registrable_domain", "site_of", "site_of_url", "public_suffixes", "UNKNOWN_SITE",
           "BlockCache", "doc_page_keys", "SeenFilter"]

"""Single-pass site templates (``cleaner templates stream``): learn while cleaning.

The input is cut into windows of ``window`` records, in input order.  The parent
process observes every record of a window (counting, as in ``learn.Learner``, in
bounded per-site counters), then the window is cleaned (by any number of worker
processes) against a snapshot of the templates known after that window.  Decisions
depend on the input order and the window size only, never on the number of
workers; a site's first pages (before a block reaches the threshold) keep their
templates.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..document import Document
from ..parse import parse
from .learn import BlockCache, doc_page_keys, record_problem, site_of
from .minhash import MinHasher
from .store import SiteTemplates, StoreParams, template_id


class _SiteCounter:
    """Bounded per-site counts: at most ``cap`` keys; when full, the keys with the
    lowest counts are pruned (their counts are lost: counts are lower bounds, so a
    template can only be found later, never wrongly)."""

    __slots__ = ("pages", "counts", "floor")

    def __init__(self):
        self.pages = 0
        self.counts: dict[int, list[int]] = {}
        self.floor = 0

    def add(self, page: dict[int, tuple[bool, int]], cap: int) -> None:
        self.pages += 1
        counts = self.counts
        for k, (p, _i) in page.items():
            c = counts.get(k)
            if c is None:
                counts[k] = [1, 1 if p else 0]
            else:
                c[0] += 1
                if p:
                    c[1] += 1
        if len(counts) > cap:
            vals = sorted(c[0] for c in counts.values())
            cut = vals[len(vals) // 2]
            if cut == vals[-1]:
                cut -= 1
            self.floor = max(self.floor, cut)
            self.counts = {k: c for k, c in counts.items() if c[0] > cut}


class StreamingTemplates:
    """Single-pass template learning with bounded memory (see the module doc).

    ``observe(site, doc)`` counts one page (call it in input order, in one process);
    ``snapshot(site)`` is the site's current templates as an immutable
    ``SiteTemplates`` (exact keys; ids ``tpl-<site>-<hex>``)."""

    def __init__(self, params: StoreParams | None = None, *, max_keys_per_site: int = 50_000,
                 max_sites: int = 100_000):
        self.params = params or StoreParams()
        self.max_keys = max_keys_per_site
        self.max_sites = max_sites
        self._sites: dict[str, _SiteCounter] = {}
        self._cache = BlockCache()
        self.pages = 0

    def observe(self, site: str, doc: Document) -> None:
        _texts, _folded, page = doc_page_keys(doc, self._cache)
        st = self._sites.pop(site, None)  # re-insert: the dict's order is least recently used first
        if st is None:
            st = _SiteCounter()
            if len(self._sites) >= self.max_sites:
                self._sites.pop(next(iter(self._sites)))
        self._sites[site] = st
        st.add(page, self.max_keys)
        self.pages += 1

    def snapshot(self, site: str) -> SiteTemplates | None:
        st = self._sites.get(site)
        if st is None:
            return None
        p = self.params
        thr = p.threshold(st.pages)
        exact, tpl_pages = {}, {}
        for k, (c, q) in st.counts.items():
            if c >= thr and not q > p.protect_share * c:
                tid = exact[k] = template_id(site, k)
                tpl_pages[tid] = c
        if not exact:
            return None
        return SiteTemplates(site, exact, None, st.pages, tpl_pages)


class SnapshotStore:
    """A stand-in for a TemplateStore holding the one snapshot the current record
    is cleaned against (set by the streaming task before each record)."""

    def __init__(self, params: StoreParams):
        self.params = params
        self.current: SiteTemplates | None = None
        self._shingler = params.shingler()
        self._hasher = None

    @property
    def shingler(self):
        return self._shingler

    @property
    def hasher(self) -> MinHasher:
        if self._hasher is None:
            self._hasher = MinHasher(self.params.num_perm, self.params.seed)
        return self._hasher

    def site_templates(self, site: str) -> SiteTemplates | None:
        cur = self.current
        return cur if cur is not None and cur.site == site else None


class StreamTask:
    """Picklable per-record work of the streaming mode: a Cleaner (rebuilt once per
    process from its spec) whose templates filter reads a ``SnapshotStore``."""

    def __init__(self, spec, params: StoreParams, text_field: str = "text", audit: bool = False):
        self.spec, self.params, self.text_field, self.audit = spec, params, text_field, audit
        self._task = None
        self._store = None

    def __getstate__(self):
        return {"spec": self.spec, "params": self.params, "text_field": self.text_field, "audit": self.audit}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._task = None
        self._store = None

    def _build(self):
        from ..pipeline import Cleaner, _RecordTask

        self._store = SnapshotStore(self.params)
        cleaner = Cleaner(spec=self.spec, templates=self._store)
        self._task = _RecordTask(self.spec, self.text_field, self.audit).bind(cleaner)

    def __call__(self, payload):
        record, fmt, reject, snap = payload
        if self._task is None:
            self._build()
        self._store.current = snap
        try:
            return self._task((record, fmt, reject))
        finally:
            self._store.current = None


def stream_clean(spec, items: Iterable, *, params: StoreParams | None = None, window: int = 1000,
                 workers: int | None = 1, text_field: str = "text", audit: bool = False,
                 url_field: str = "url", site_field: str | None = None, learner: StreamingTemplates | None = None,
                 **learner_options) -> Iterator[tuple]:
    """Clean reader Items in one pass, learning templates as it goes.

    Yields ``(item, outcome)`` in input order (outcome as ``_RecordTask`` returns it).
    The records of each window of ``window`` records are all observed by this process,
    in input order, and the snapshot of the templates of their sites is taken, before
    the first of them is handed to a worker and before the next window is observed: the
    result does not depend on ``workers`` (nor on how far ahead the engine reads)."""
    from collections import deque

    from ..engines.local import map_ordered

    params = params or StoreParams()
    learner = learner or StreamingTemplates(params, **learner_options)
    task = StreamTask(spec, params, text_field, audit)
    forced = None if spec.input_format == "auto" else spec.input_format
    pending: deque = deque()

    def payloads():
        it = iter(items)
        while True:
            batch = []
            for item in it:
                batch.append(item)
                if len(batch) >= window:
                    break
            if not batch:
                return
            sites = []
            for item in batch:
                rec = item.record
                if item.reject is not None or record_problem(rec, text_field):
                    sites.append(None)
                    continue
                site = site_of(rec, url_field=url_field, site_field=site_field)
                try:
                    doc = parse(rec[text_field], item.fmt or forced or "auto")
                except Exception:  # the cleaner reports this record; it teaches nothing
                    sites.append(None)
                    continue
                learner.observe(site, doc)
                sites.append(site)
            snaps = {s: learner.snapshot(s) for s in dict.fromkeys(x for x in sites if x is not None)}
            for item, site in zip(batch, sites):
                pending.append(item)
                yield (item.record, item.fmt, item.reject, snaps.get(site) if site else None)

    for _payload, outcome in map_ordered(task, payloads(), workers=workers):
        yield pending.popleft(), outcome


__all__ = ["StreamingTemplates", "SnapshotStore", "StreamTask", "stream_clean"]

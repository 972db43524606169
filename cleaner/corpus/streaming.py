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

import hashlib
import itertools
import pickle
from functools import partial
from typing import Callable, Iterable, Iterator

from ..document import Document
from ..parse import parse
from ..records import record_problem
from ..run import Payload, RecordOptions, RecordWork, run
from .pagekeys import BlockCache, doc_page_keys
from .sites import site_of
from .minhash import MinHasher
from .store import SiteTemplates
from .storeschema import StoreParams, template_id


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


class _StreamHandler:
    """A worker's streaming handler: cleans ``(payload, snapshot)`` against that snapshot."""

    def __init__(self, store: SnapshotStore, clean: Callable):
        self.store, self.clean = store, clean

    def __call__(self, pair):
        payload, snap = pair
        self.store.current = snap
        try:
            return self.clean(payload)
        finally:
            self.store.current = None


class StreamWork(RecordWork):
    """The per-record work of the streaming mode (built once per worker process): a
    Cleaner whose templates filter reads a ``SnapshotStore``; each payload comes with
    the snapshot of its site's templates."""

    def __init__(self, factory: Callable, params: StoreParams, options: RecordOptions = RecordOptions()):
        super().__init__(factory, options)
        self.params = params
        self.key = hashlib.sha1(pickle.dumps((self.key, params))).hexdigest()

    def build(self) -> _StreamHandler:
        store = SnapshotStore(self.params)
        return _StreamHandler(store, self.handler(self.factory(templates=store)))


def stream_clean(spec, items: Iterable, *, params: StoreParams | None = None, window: int = 1000,
                 workers: int | None = 1, options: RecordOptions | None = None, text_field: str = "text",
                 audit: bool = False, url_field: str = "url", site_field: str | None = None,
                 learner: StreamingTemplates | None = None, engine: str = "local", scheduler: str | None = None,
                 **learner_options) -> Iterator[tuple]:
    """Clean reader Items in one pass, learning templates as it goes.

    Yields ``(item, run.Outcome)`` in input order.  The records of each window of
    ``window`` records are all observed by this process, in input order, and the
    snapshot of the templates of their sites is taken, before the first of them is
    handed to a worker and before the next window is observed: the result does not
    depend on ``workers`` or the engine (nor on how far ahead the engine reads).
    ``options`` (a ``run.RecordOptions``) overrides ``text_field``, ``audit``,
    ``url_field`` and ``site_field``."""
    from ..pipeline import Cleaner

    options = options or RecordOptions(text_field=text_field, audit=audit, url_field=url_field,
                                       site_field=site_field)
    params = params or StoreParams()
    learner = learner or StreamingTemplates(params, **learner_options)
    work = StreamWork(partial(Cleaner, spec=spec), params, options)
    forced = None if spec.input_format == "auto" else spec.input_format

    def windows():
        it = iter(items)
        while True:
            batch = list(itertools.islice(it, window))
            if not batch:
                return
            sites = []
            for item in batch:
                rec = item.record
                if item.reject is not None or record_problem(rec, options.text_field, spec.max_chars):
                    sites.append(None)
                    continue
                site = site_of(rec, url_field=options.url_field, site_field=options.site_field)
                try:
                    doc = parse(rec[options.text_field], item.fmt or forced or "auto")
                except Exception:  # the cleaner reports this record; it teaches nothing
                    sites.append(None)
                    continue
                learner.observe(site, doc)
                sites.append(site)
            snaps = {s: learner.snapshot(s) for s in dict.fromkeys(x for x in sites if x is not None)}
            for item, site in zip(batch, sites):
                yield item, (snaps.get(site) if site else None)

    for (item, _snap), outcome in run(work, windows(), to_payload=lambda pair: (Payload.of(pair[0]), pair[1]),
                                      engine=engine, workers=workers, scheduler=scheduler):
        yield item, outcome


__all__ = ["SnapshotStore", "StreamWork", "StreamingTemplates", "stream_clean"]

"""Site templates (category ``template``): blocks learned to recur on many pages of
the document's site — related-article teasers, newsletter prompts, slogans, footers
with a changing date or count — dropped everywhere on that site.

The templates come from a store made by ``cleaner templates learn`` (see
``cleaner.corpus.learn``), or, in the single-pass mode, from the counts gathered so
far (``cleaner templates stream``).  The document's site is the one its record names
(``--site-field``, as the store was learned), else the registrable domain of its URL;
documents without either use the store's ``(unknown)`` bucket.

A block is dropped when its exact key (casefolded, digits folded) is a key of one
of the site's templates, or — for blocks of at least ``fuzzy_tokens`` tokens — when
its MinHash signature is a near-duplicate (estimated Jaccard similarity >= the
store's ``similarity``) of a template variant.  The verdict's rule is the template
id (``tpl-<site>-<hex>``), so ``cleaner templates show`` and ``veto`` can find it.

Never dropped: blocks with a keep verdict, and the page's own title (the learner
never makes a block that is the title on most pages a template; this guard covers
the page where a template happens to be the title).  Vetoed templates are skipped.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..roles.textview import title_blocks
from ..corpus.minhash import band_hashes
from ..corpus.shingles import fold, key_of_folded
from ..document import DROP, Verdict
from .base import Filter, register


@dataclass(frozen=True)
class TemplatesConfig:
    """fuzzy: also drop near-duplicates of template variants (MinHash LSH), not only
      exact keys.
    fuzzy_tokens: blocks with fewer tokens are matched by exact key only.
    similarity: estimated Jaccard similarity for a near-duplicate match (None: the
      store's own)."""

    fuzzy: bool = True
    fuzzy_tokens: int = 5
    similarity: float | None = None


@register
class TemplatesFilter(Filter):
    id = "templates"
    category = "template"
    Config = TemplatesConfig

    def __init__(self, config=None, *, context=None, store=None, **options):
        super().__init__(config, context=context, **options)
        if store is None:
            raise ValueError("filter 'templates' needs a template store: pass --templates STORE "
                             "(made by `cleaner templates learn`)")
        sim = self.config.similarity
        if sim is not None and not 0.0 < sim <= 1.0:
            raise ValueError("templates: similarity must be within (0, 1]")
        self.store = store

    def apply(self, page) -> None:
        # the store's modules: imported once a store is given (the default pipeline without one
        # has no templates filter)
        from ..corpus.sites import site_of_url
        from ..corpus.storeschema import UNKNOWN_SITE

        doc = page
        site = doc.meta.get("site") or site_of_url(doc.url) or UNKNOWN_SITE
        st = self.store.site_templates(site)
        if st is None:
            return
        blocks = doc.blocks
        folded = [fold(b.text) for b in blocks]
        title = title_blocks([b.text for b in blocks], folded, doc.meta.get("page_title"))
        cfg = self.config
        fuzzy: list[int] = []
        for b, f in zip(blocks, folded):
            if not f or b.dropped or b.protected or b.index in title:
                continue
            tid = st.exact.get(key_of_folded(f))
            if tid is not None:
                b.add(Verdict(self.id, self.category, self._reason(st, tid, site), DROP, tid))
            elif cfg.fuzzy and st.index is not None and f.count(" ") + 1 >= cfg.fuzzy_tokens:
                fuzzy.append(b.index)
        if fuzzy:
            self._fuzzy(doc, st, site, fuzzy, folded)

    def _fuzzy(self, doc, st, site, idx, folded) -> None:
        store = self.store
        p = store.params
        sim = self.config.similarity or p.similarity
        sets = [store.shingler.shingles_folded(folded[i]) for i in idx]
        live = [(i, sig) for i, sig, sh in zip(idx, store.hasher.signatures(sets), sets) if sh]
        if not live:
            return
        bands = band_hashes(np.vstack([sig for _i, sig in live]), st.index.bands, st.index.rows).tolist()
        for (i, sig), band_row in zip(live, bands):
            hits = st.index.query(sig, sim, band_row)
            if not hits:
                continue
            (tid, _key), j = hits[0]
            doc.blocks[i].add(Verdict(self.id, self.category,
                                      self._reason(st, tid, site) + f"; near-duplicate (similarity {j:.2f})",
                                      DROP, tid))

    @staticmethod
    def _reason(st, tid: str, site: str) -> str:
        pages = st.tpl_pages.get(tid)
        if pages:
            return f"site template {tid}: on {pages} of {st.pages} pages of {site}"
        return f"site template {tid} of {site}"

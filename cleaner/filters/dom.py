"""HTML pages: drop what lies outside the main content the DOM analysis found
(category ``layout``; the reason names the evidence).

The analysis (``cleaner.dom.content``) scores the page's containers; its decisions
reach the rest of the pipeline as data: ``doc.meta["content"]`` (``source: dom``,
the block ``regions``, the ``title`` block, the ``page_type`` guess, the
``container``) and per block ``features["dom_main"]``.  The layout filter then
keeps those regions whole and only protects the title.

Inside the content, ``dom_tokens`` are rescoped to the elements below the main
container, so a selector rule never drops the content because the whole page
sits inside, say, an unclosed ``<header class="top-menu">`` or a thread inside
``<div class="comments">``.  Boilerplate tokens come from the rule packs'
selector rules (knowledge in data).  Text and markup inputs pass unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import DROP, Verdict
from .base import Filter, register


@dataclass(frozen=True)
class DomConfig:
    """spread: see ``cleaner.dom.content.ContentConfig`` (the one knob of the region
    search: higher keeps tighter regions); headline: keep an article's headline in
    the text (off: it is the page's title, ``metadata.title``); captions: keep figure
    captions and credits of an article; head_labels: keep bylines, dates and credits
    between an article's headline and its body; rescope_tokens: limit the class/id tokens of
    content blocks to the elements below the main container."""

    spread: float = 0.15
    headline: bool = False
    captions: bool = False
    head_labels: bool = False
    rescope_tokens: bool = True


@register
class DomFilter(Filter):
    id = "dom"
    category = "layout"
    Config = DomConfig

    def apply(self, page) -> None:
        doc = page.doc
        if doc.source_format != "html" or "_nodes" not in doc.meta:
            return
        # the DOM analysis is imported by the first HTML page (text runs never need it)
        from ..dom.content import ContentConfig, analyse
        from ..dom.metadata import declared_type

        tokens = self._boiler_tokens(page)
        content = analyse(doc, tokens, ContentConfig(spread=self.config.spread, headline=self.config.headline,
                                                          captions=self.config.captions,
                                                          head_labels=self.config.head_labels),
                          declared=declared_type(doc), caption_tokens=self._words("caption_tokens"),
                          hidden_tokens=self._words("hidden_class_tokens"),
                          prose_free=self._words("prose_free_categories"),
                          modifier_categories=self._words("bem_modifier_categories"),
                          title_separators=self._title_separators())
        if content is None:
            doc.meta["content"] = {"source": "dom", "regions": [], "page_type": None,
                                   "note": "no text to locate"}
            return
        meta = content.as_meta()
        if content.title is not None and not content.main[content.title]:
            # the headline is the page's title (metadata), not part of the text
            meta["headline"], meta["title"] = content.title, None
        if doc.meta.get("revealed"):
            meta["revealed"] = doc.meta["revealed"]
        doc.meta["content"] = meta
        nodes = doc.meta["_nodes"]
        where = content.describe
        # element -> class/id tokens below the container (less those of elements whose
        # boilerplate marks the analysis set aside)
        below: dict = {content.root: frozenset()}
        cleared = content.cleared
        for i, b in enumerate(doc.blocks):
            b.features["dom_main"] = content.main[i]
            if content.main[i]:
                if self.config.rescope_tokens:
                    b.features["dom_tokens"] = _tokens_below(nodes, b.features.get("node", 0), below, cleared)
                continue
            why = content.reasons.get(i, "outside the main content")
            if not b.dropped:
                b.add(Verdict(self.id, self.category, f"{why} ({where})", DROP))

    def _title_separators(self):
        ctx = self.context
        from ..roles.title import separators

        return separators(ctx.rules) if ctx is not None else "builtin"

    def _words(self, lexicon: str) -> frozenset:
        ctx = self.context
        return ctx.rules.words(lexicon) if ctx is not None else frozenset()

    def _boiler_tokens(self, page) -> dict:
        """Whole class/id/role tokens of the rule packs' selector rules -> their category."""
        ctx = self.context
        if ctx is None:
            return {}
        cached = getattr(ctx, "_dom_tokens", None)
        active = page.active
        if cached is not None and cached[0] is active:
            return cached[1]
        toks: dict = {}
        for r in active.selectors:
            for t in r.tokens or ():
                toks.setdefault(t, r.category)
        ctx._dom_tokens = (active, toks)
        return toks


def _tokens_below(nodes, node: int, below: dict, cleared=frozenset()) -> frozenset:
    """The class/id tokens of ``node`` and its ancestors below the container (``below``
    maps the container to no tokens and keeps what was computed before; an element
    that is not below the container has none)."""
    root = next(iter(below))
    if node <= root:
        return below[root]
    chain = []
    k = node
    while k > root and k not in below:
        chain.append(k)
        k = nodes.parent[k]
    toks = below[k] if k in below else below[root]
    for k in reversed(chain):
        own = nodes.toks[k] if k not in cleared else ()
        if own:
            toks = toks.union(own)
        below[k] = toks
    return toks

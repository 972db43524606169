"""The text filters of an HTML page run over its content only.

Once the DOM analysis (``cleaner.filters.dom``) has located the content, every block
outside it already carries its drop verdict; running the rule, duplicate and layout
filters over those blocks again costs most of a page's time and decides nothing.
``content_view`` gives the filters a document of the content's blocks (the same
Block objects, renumbered while the view is open, so verdicts land on the page's
blocks) and puts everything back when it closes.
"""
from __future__ import annotations

from contextlib import contextmanager

from ..document import Document


@contextmanager
def content_view(doc: Document):
    """Yield a Document of ``doc``'s content blocks (``features["dom_main"]``), or None
    when the analysis located no content (the filters then see the whole page)."""
    content = doc.meta.get("content") or {}
    inner = [b for b in doc.blocks if b.features.get("dom_main")] if content.get("regions") else []
    if not inner:
        yield None
        return
    old = [b.index for b in inner]
    pos = {i: j for j, i in enumerate(old)}
    sub_content = dict(content, regions=[[0, len(inner) - 1]], title=pos.get(content.get("title")))
    meta = dict(doc.meta, content=sub_content)
    sub = Document(inner, id=doc.id, url=doc.url, lang=doc.lang, source_format=doc.source_format, meta=meta)
    for j, b in enumerate(inner):
        b.index = j
    try:
        yield sub
    finally:
        for b, i in zip(inner, old):
            b.index = i
        for k, v in meta.items():  # what the filters noted (rule errors, layout)
            if k == "layout" and isinstance(v, dict) and v.get("source") == "dom":
                t = v.get("title")
                v = dict(v, title=old[t] if t is not None else None, regions=content["regions"])
            if k != "content":
                doc.meta[k] = v

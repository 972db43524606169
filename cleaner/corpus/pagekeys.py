"""A page as the template learner counts it: each block's folded text and exact key,
and whether the block is protected on this page (its title, or prose of its main
body run: ``roles.textview``)."""
from __future__ import annotations

from ..document import Document
from ..roles.textview import body_blocks, prose_tokens, title_blocks
from .shingles import fold, key_of_folded


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
            v = (f, key_of_folded(f) if f else None, prose_tokens(text, f))
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


__all__ = ["BlockCache", "doc_page_keys"]

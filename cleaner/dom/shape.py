"""The page type of a located content, from its shape (a first guess; JSON-LD types
refine it in ``cleaner.dom.metadata``)."""
from __future__ import annotations


def guess_type(blocks, main, bmass, listing: bool) -> str:
    """article, forum, product, collection, listing, documentation or service, from the
    content's shape (a first guess; JSON-LD types refine it in ``metadata``)."""
    kinds = {"heading": 0, "code": 0, "list_item": 0, "table_row": 0, "paragraph": 0}
    prose = 0
    for b, m, w in zip(blocks, main, bmass):
        if not m:
            continue
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
        if w >= 200:
            prose += 1
    if kinds["code"] >= 2 or (kinds["code"] and kinds["table_row"] + kinds["list_item"] >= 2):
        return "documentation"
    if listing:
        return "listing"
    if prose >= 3:
        return "article"
    return "service"

"""The headline of an HTML page: a heading repeating the page ``<title>`` (whole, or
one part between separators, the site name left out), else the ``<h1>``."""
from __future__ import annotations

from ..roles.title import builtin_separators
from ..text import fold_key


def _title_parts(page_title: str, sep) -> set:
    """Fold keys a headline repeating the page title may have: the whole title, each
    part between separators (``sep``: the rule packs' page-title separator pattern),
    and what lies before or after each separator (the title without the site name)."""
    parts = {fold_key(page_title)}
    if sep is None:
        return {p for p in parts if len(p) >= 8}
    parts.update(fold_key(p) for p in sep.split(page_title) if len(p) >= 8)
    for m in sep.finditer(page_title):
        parts.add(fold_key(page_title[:m.start()]))
        parts.add(fold_key(page_title[m.end():]))
    return {p for p in parts if len(p) >= 8}


def headline_node(doc, blocks, nodes, boiler, separators="builtin") -> int | None:
    """The element of the page's headline: a heading that repeats the page title, else
    the first <h1>; never one inside boilerplate.  ``separators``: the page-title
    separator pattern of the active rule packs (default: the built-in common pack's)."""
    sep = builtin_separators() if separators == "builtin" else separators
    parts = _title_parts(doc.meta["page_title"], sep) if doc.meta.get("page_title") else set()
    first_h1 = None
    matches: list[tuple] = []
    for b in blocks:
        if b.kind != "heading" or len(b.text) > 300:
            continue
        k = b.features.get("node", 0)
        level = b.features.get("heading_level")
        if level == 1 or (parts and fold_key(b.text) in parts):
            key = fold_key(b.text)
            if parts and key in parts:
                # a heading repeating the page title is the headline wherever it sits
                # (themes put it in a "sidebar" or "header" column next to the body)
                matches.append((len(key), -k))
                continue
            if any(boiler[a] for a in (k, *nodes.ancestors(k))):
                continue
            if first_h1 is None:
                first_h1 = k
    if matches:
        return -max(matches)[1]
    return first_h1


def title_block(doc, blocks, bnode, nodes, root, main, boiler, separators="builtin") -> int | None:
    """The page's headline: a heading repeating the page title near the start of the
    content; else the last <h1> before the content, or the first one inside it
    (``separators`` as for ``headline_node``)."""
    first = next((i for i, m in enumerate(main) if m), None)
    if first is None:
        return None

    def clear(i):
        return not any(boiler[a] for a in (bnode[i], *nodes.ancestors(bnode[i])))

    page_title = doc.meta.get("page_title")
    if page_title:
        parts = _title_parts(page_title, builtin_separators() if separators == "builtin" else separators)
        best, best_len = None, 0
        for i in range(max(0, first - 40), min(len(blocks), first + 5)):
            if blocks[i].kind != "heading":
                continue
            key = fold_key(blocks[i].text)
            # the longest match: the headline, not the site name's logo heading
            if key in parts and len(key) > best_len and clear(i):
                best, best_len = i, len(key)
        if best is not None:
            return best
    before = inside = None
    for i, b in enumerate(blocks):
        if b.kind != "heading" or b.features.get("heading_level") != 1 or len(b.text) > 300:
            continue
        if i < first:
            if clear(i):
                before = i
        elif main[i]:
            inside = i
            break
    if inside is not None and (before is None or inside - first <= 3):
        return inside
    if before is not None and first - before <= 40:
        return before
    return inside

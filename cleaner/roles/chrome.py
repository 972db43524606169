"""Pages that are chrome only: no prose, and most of the text is enumeration rows.

A naive scraper run over a page whose content is drawn by a script (a shop's product,
an app shell) gets only the page's frame: the footer's link columns flattened into
rows of names ("Help Center, Disputes & Reports, Return Policy, ...", "Privacy Policy -
Sitemap - Terms of Use"), language pickers, the headings over them.  Such a page has no
prose block, and *enumeration rows* — lines made of ``ENUM_ITEMS`` or more short items
between commas, pipes, bullets or dashes, without a sentence end — hold most of its
tokens (``ENUM_SHARE``).  A short text without prose (a poem, a few product labels) has
no such rows and is left alone.
"""
from __future__ import annotations

import regex

ENUM_ITEMS = 5  # items an enumeration row has at least ...
ITEM_TOKENS = 4  # ... of at most this many tokens for the median item
ENUM_SHARE = 0.5  # share of a prose-less page's tokens in enumeration rows that makes it chrome only

_SPLIT = regex.compile(r"\s*(?:,|\||·|•|\s[-–—/]\s)\s*")
_SENTENCE_END = regex.compile(r"[.!?。！？]\W*$")


def enumeration(text: str) -> bool:
    """The line is a row of short names (a link column flattened into one line)."""
    t = text.strip().lstrip(":").strip()
    if _SENTENCE_END.search(t):
        return False
    items = [p for p in _SPLIT.split(t) if p]
    if len(items) < ENUM_ITEMS:
        return False
    sizes = sorted(len(p.split()) for p in items)
    return sizes[len(sizes) // 2] <= ITEM_TOKENS


def chrome_only(texts: list[str], ntok: list[int]) -> bool:
    """A page without prose (the caller checks) whose tokens lie mostly in enumeration
    rows: what the scraper got is the page's frame, not its content."""
    total = sum(ntok)
    if not total:
        return False
    rows = sum(n for t, n in zip(texts, ntok) if n >= ENUM_ITEMS and enumeration(t))
    return rows >= ENUM_SHARE * total

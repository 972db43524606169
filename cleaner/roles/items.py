"""Item grids: runs of priced items, the content of a shop's category page.

A category page ("Decorative Candles", "Men's Running Shoes") scraped as text is a
grid of cards, each a few short lines — the item's name, a label ("Just In", "3
colors"), its price — with no prose at all, so the prose regions of ``region`` never
reach it.  What marks it is the price: a *price line* (a short line that begins with
an amount, ``$24.50``, ``19,90 €``: ``lines.LineShapes.price``, from the packs)
recurring every few blocks.  A run of at least
``GRID_ITEMS`` prices, each at most ``GRID_GAP`` blocks after the one before, is
an item grid; it starts one card before its first price (the card's length is the
median distance between its prices) and ends at its last price.  Price lines one under
the other are one card's prices (was, now, the saving) — or a price filter ("$25 - $50",
"$50 - $100"), which is then no grid at all.

A grid without prices (job cards, a schedule, headlines with their tags) shows itself by
its *card labels*: short lines (``LABEL_TOKENS`` tokens at most) that recur
``LABEL_COPIES`` times or more, numbers folded ("Full-Time", "Featured", "Top Rated",
"$0.0", "Add to Compare"); ``label_share`` is the share of the page's lines they make.
A site's menu printed twice (header and footer) does not reach that many copies.

A product page's *customer reviews* show themselves by their stamps, the rows the packs'
review rules drop (common pack ``review_rules``: "Verified Buyer", "47 people found this
review helpful", "Was this review helpful?"): a run of at least ``REVIEW_STAMPS`` of them,
each at most ``REVIEW_GAP`` blocks after the one before, spans the reviews
(``review_runs``), from the first stamp to the last.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import regex

from ..blockstats import nonzero
from ..features import GOOD
from ..text import fold_key, fold_keys
from .lines import PRICE_LEAD, opening
from .pagetype import ITEM_PROSE

GRID_ITEMS = 4  # prices (cards) an item grid has at least ...
GRID_GAP = 20  # ... each at most this many blocks after the one before
PRICE_TOKENS = 8  # a price line has at most this many tokens ("$66.00 – $165.00", "From $24.50 each")


def price_line(text: str, ntok: int, price) -> bool:
    """A short stripped line that begins with an amount of money (``price``: the packs'
    price pattern, ``lines.line_shapes(rules).price``)."""
    return ntok <= PRICE_TOKENS and price.match(text) is not None


def price_lines(texts: list[str], ntok: list[int], price) -> list[int]:
    """The blocks that are price lines (``price_line``), in page order; only the blocks that
    open with a currency sign or a digit (``lines.PRICE_LEAD``) are matched."""
    return [i for i in opening(texts, PRICE_LEAD) if price_line(texts[i], ntok[i], price)]


_AMOUNT = regex.compile(r"\d+(?:[.,:/]\d+)*")


def stamp_lines(texts: list[str], ntok, digit, skip) -> set[int]:
    """The blocks that are *card stamps*: short lines (``PRICE_TOKENS`` at most) with a
    number, whose text recurs ``GRID_ITEMS`` times or more with every number folded to
    one ("20 reviews / 5 average", "161 reviews / 4.9 average"): each card's rating or
    count.  ``skip(i)``: block i is no stamp (a rule dropped it: a dateline, a comment
    count, which teaser lists of news pages repeat too).  ``ntok``, ``digit``: arrays of
    the blocks' tokens and whether they hold a decimal digit (``blockstats``: a number
    for ``_AMOUNT``), which pick the short lines with a number in one pass; their numbers
    are folded and their keys made in a few passes over their texts joined by line breaks
    (no number holds one: ``text.fold_keys``)."""
    ntok = np.asarray(ntok)
    lines = [i for i in nonzero((ntok > 0) & (ntok <= PRICE_TOKENS) & np.asarray(digit, dtype=bool)).tolist()
             if not skip(i)]
    folded = _AMOUNT.sub("0", "\n".join([texts[i] for i in lines])).split("\n")
    if len(folded) != len(lines):  # a text holding a line break itself (or no line at all)
        folded = [_AMOUNT.sub("0", texts[i]) for i in lines]
    keys: dict = {}
    for i, key in zip(lines, fold_keys(folded)):
        keys.setdefault(key, []).append(i)
    return {i for found in keys.values() if len(found) >= GRID_ITEMS for i in found}


def item_grids(lines: list[int]) -> list[tuple[int, int]]:
    """The item grids of a page as block spans ``(first, last)``, in page order, from its
    price lines (``lines``: the blocks that are ``price_lines`` or ``stamp_lines``, in page
    order)."""
    groups: list[list[int]] = []  # adjacent price lines, one card's prices: [first, last]
    for i in lines:
        if groups and groups[-1][1] == i - 1:
            groups[-1][1] = i
        else:
            groups.append([i, i])
    runs: list[list[list[int]]] = []
    for g in groups:
        if runs and g[0] - runs[-1][-1][0] <= GRID_GAP:
            runs[-1].append(g)
        else:
            runs.append([g])
    grids = []
    for run in runs:
        if len(run) < GRID_ITEMS:
            continue
        gaps = sorted(b[0] - a[0] for a, b in zip(run, run[1:]))
        card = gaps[len(gaps) // 2]  # blocks per card (the median distance between prices)
        grids.append((max(0, run[0][0] - card + 1), run[-1][1]))
    return grids


REVIEW_STAMPS = 3  # review stamps a run of customer reviews has at least ...
REVIEW_GAP = 15  # ... each at most this many blocks after the one before


def review_runs(stamps: list[int]) -> list[tuple[int, int]]:
    """The runs of customer reviews as block spans ``(first stamp, last stamp)``, from the
    blocks that are review stamps (``stamps``, in page order)."""
    runs: list[list[int]] = []
    for i in stamps:
        if runs and i - runs[-1][-1] <= REVIEW_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [(r[0], r[-1]) for r in runs if len(r) >= REVIEW_STAMPS]


LABEL_TOKENS = 4  # a card label has at most this many tokens ...
LABEL_COPIES = 4  # ... and recurs at least this many times on the page (numbers folded)


def label_share(texts: list[str], ntok: list[int]) -> float:
    """The share of the page's lines that are card labels (see the module doc)."""
    if not texts:
        return 0.0
    keys = Counter(fold_key(t) for t, n in zip(texts, ntok) if 0 < n <= LABEL_TOKENS)
    return sum(k for k in keys.values() if k >= LABEL_COPIES) / len(texts)


PROSE_SHARE = 0.08  # a page whose kept prose is under this share of its tokens ...
CARD_LABELS = 0.4  # ... and whose lines are card labels (``items.label_share``) at this share or more


def items_only(cls, ntok, texts, page_ntok) -> bool:
    """The page (typed article, or listing) is made of cards, not of prose regions:
    its prose still kept (GOOD blocks, ``cls``/``ntok``) is under ``PROSE_SHARE`` of all its
    tokens (``page_ntok``), no prose block reaches ``ITEM_PROSE`` tokens (an article
    paragraph's length) and its lines (``texts``) are card labels at ``CARD_LABELS`` or more
    (``items.label_share``, counted only when the prose tests hold): job cards, a shop's
    grid, a front page of headlines, whose few sentences are card captions or a blurb.  A
    short news item has a paragraph of article length; an article whose scraper got only
    the headline and lede has menus, not card labels."""
    good = [n for c, n in zip(cls, ntok) if c == GOOD]
    if not good or max(good) >= ITEM_PROSE or sum(good) >= PROSE_SHARE * sum(page_ntok):
        return False
    return label_share(texts, page_ntok) >= CARD_LABELS


def repeated_headers(heads: list, copies: int, gap: int) -> frozenset:
    """The section headers (``heads[i]``: the section rule whose header block i is, or None)
    that are one of ``copies`` or more headers of their rule each 2 to ``gap`` blocks after the
    one before: a count under every item of a listing (``Roles.repeated_header``)."""
    at: dict = {}
    for i, h in enumerate(heads):
        if h is not None:
            at.setdefault(h.id, []).append(i)
    out: set = set()
    for places in at.values():
        chain = places[:1]
        for i in places[1:] + [None]:
            if i is not None and 2 <= i - chain[-1] <= gap:
                chain.append(i)
                continue
            if len(chain) >= copies:
                out.update(chain)
            chain = [i]
    return frozenset(out)

"""Quantity lists: runs of short lines that each open with an amount ("125 g Mehl",
"2 cups flour", "½ TL Salz", "1 Glas (à 720 ml) Kirschen") — a recipe's ingredients, a
kit's parts list.  They are the article's own content, not chrome, though each line is
short: the article region takes them at no cost (``roles.Roles``).

Shape only, no words: an amount (a whole number, a decimal, a simple fraction, a vulgar
fraction sign) then a word; no price (``lines.LineShapes.price``: a shop's grid is the
item grids' business) and no date ("19.03.2019" opens with no amount followed by a word).
"""
from __future__ import annotations

import regex

from .lines import opening

_AMOUNT = regex.compile(r"^(?:\d+(?:[.,]\d+)?(?:\s?[-–]\s?\d+(?:[.,]\d+)?)?|\d/\d\b|[½⅓⅔¼¾⅛])\s?\(?\p{L}")
AMOUNT_LEAD = r"[\d½⅓⅔¼¾⅛]"  # the characters an amount opens with (``_AMOUNT``)
MAX_TOKENS = 10  # a quantity line is at most this long
MIN_LINES = 4  # quantity lines a list has at least
MAX_GAP = 2  # other kept blocks (labels: "Für die Füllung:", "Salz") between two of its lines at most
LABEL_TOKENS = 4  # tokens of such a label at most


def quantity_line(text: str, price) -> bool:
    """The line opens with an amount and a word, is at most ``MAX_TOKENS`` long and is no
    price (``price``: the packs' price shape)."""
    return (len(text.split(None, MAX_TOKENS)) <= MAX_TOKENS and _AMOUNT.match(text) is not None
            and price.match(text) is None)


def quantity_lists(texts, kept, price) -> list[tuple[int, int]]:
    """The quantity lists of a page as block spans (first, last line): ``MIN_LINES`` quantity
    lines or more among the kept blocks (``kept[i]``), each at most ``MAX_GAP`` kept blocks of
    at most ``LABEL_TOKENS`` tokens after the one before.  Only the blocks that open with an
    amount's first character (``AMOUNT_LEAD``) are tried as quantity lines."""
    out: list[tuple[int, int]] = []
    run: list[int] = []
    gap = 0
    amounts = set(opening(texts, AMOUNT_LEAD))  # the only blocks that may be quantity lines
    for i, text in enumerate(texts):
        if not kept[i]:
            continue
        if i in amounts and quantity_line(text, price):
            run.append(i)
            gap = 0
            continue
        gap += 1
        if run and (gap > MAX_GAP or len(text.split(None, LABEL_TOKENS)) > LABEL_TOKENS):
            if len(run) >= MIN_LINES:
                out.append((run[0], run[-1]))
            run, gap = [], 0
    if len(run) >= MIN_LINES:
        out.append((run[0], run[-1]))
    return out


def quantity_blocks(texts, cls, price) -> list[int]:
    """The kept blocks (``cls[i]`` not None) of the page's quantity lists, the labels between
    their lines included."""
    spans = quantity_lists(texts, [c is not None for c in cls], price)
    return [i for a, b in spans for i in range(a, b + 1) if cls[i] is not None]

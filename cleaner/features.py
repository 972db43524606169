"""The prose classifier: is a block article prose (GOOD), could it be (NEAR), is it
short (SHORT) or link-heavy (BAD)?

It reads the per-block statistics of ``blockstats`` (token counts with each CJK
character one token, stopword share, sentence end, clause punctuation) and decides
for all blocks of a page at once.  Knowledge (which words are function words in a
language) comes from the rule packs' ``stopwords`` lexicons; this module holds only
the mechanism.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# classes
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"
CLASS_NAMES = (BAD, SHORT, NEAR, GOOD)  # index = the class code
CODE = {name: i for i, name in enumerate(CLASS_NAMES)}


@dataclass(frozen=True)
class ProseConfig:
    """Thresholds of the prose classifier (one documented default each).

    good_tokens: a non-CJK block of at least this many tokens can be GOOD prose.
    good_sentence_tokens: a shorter block that ends a sentence can still be GOOD.
    good_cjk: a CJK block of at least this many characters can be GOOD prose.
    good_cjk_sentence: ... or of at least this many when it ends a sentence.
    stop_good: stopword share a GOOD block must reach (when the language has a list).
    stop_near: stopword share of a NEAR block.
    near_tokens: minimum tokens of a NEAR block.
    near_cjk: minimum CJK characters of a NEAR block.
    max_link_ratio: blocks with more link text than this are BAD (markup/HTML input).
    """

    good_tokens: int = 20
    good_sentence_tokens: int = 11
    good_cjk: int = 40
    good_cjk_sentence: int = 20
    stop_good: float = 0.18
    stop_near: float = 0.10
    near_tokens: int = 7
    near_cjk: int = 12
    max_link_ratio: float = 0.5


SMALL = 8  # pages of fewer blocks are classified block by block (``classify_one``)


def classify(ntok: np.ndarray, ncjk: np.ndarray, stop: np.ndarray, ends: np.ndarray, clauses: np.ndarray,
             link_ratio: np.ndarray, cfg: ProseConfig, has_stopwords: bool) -> np.ndarray:
    """Class codes (``CLASS_NAMES`` indexes) of blocks from their statistics; ``stop``
    is the stopword share of each block's tokens."""
    if len(ntok) < SMALL:  # the same decisions without the fixed cost of two dozen array operations
        return np.array([classify_one(*row, cfg, has_stopwords) for row in
                         zip(ntok.tolist(), ncjk.tolist(), stop.tolist(), ends.tolist(), clauses.tolist(),
                             link_ratio.tolist())], dtype=np.int8).reshape(-1)
    n = ntok
    code = np.full(len(n), CODE[SHORT], dtype=np.int8)
    cjk = ncjk * 2 > n
    # CJK blocks: characters and clause punctuation
    c_good = cjk & (ncjk >= cfg.good_cjk) & (clauses >= 1)
    c_good |= cjk & (ncjk >= cfg.good_cjk_sentence) & ends & (clauses >= 1)
    c_near = cjk & ~c_good & (ncjk >= cfg.near_cjk) & ((clauses >= 1) | ends)
    w = ~cjk
    if has_stopwords:
        good = w & (n >= cfg.good_tokens) & (stop >= cfg.stop_good)
        good |= w & (n >= cfg.good_sentence_tokens) & ends & (stop >= cfg.stop_good)
        good |= w & (n >= 2 * cfg.good_tokens) & (stop >= cfg.stop_near) & (ends | (clauses >= 2))
        near = w & ~good & (n >= cfg.near_tokens) & ((stop >= cfg.stop_near) | ends)
    else:  # no stopword list for this language: length and punctuation only
        good = w & (n >= cfg.good_tokens) & (ends | (clauses >= 2))
        good |= w & (n >= cfg.good_sentence_tokens) & ends
        near = w & ~good & (n >= cfg.near_tokens)
    code[c_near | near] = CODE[NEAR]
    code[c_good | good] = CODE[GOOD]
    code[link_ratio > cfg.max_link_ratio] = CODE[BAD]
    return code


def classify_one(n: int, ncjk: int, stop: float, end: bool, clauses: int, link_ratio: float,
                 cfg: ProseConfig, has_stopwords: bool) -> int:
    """``classify`` of one block (the same tests, on numbers instead of arrays)."""
    if link_ratio > cfg.max_link_ratio:
        return CODE[BAD]
    if ncjk * 2 > n:  # CJK: characters and clause punctuation
        if clauses >= 1 and (ncjk >= cfg.good_cjk or (ncjk >= cfg.good_cjk_sentence and end)):
            return CODE[GOOD]
        if ncjk >= cfg.near_cjk and (clauses >= 1 or end):
            return CODE[NEAR]
        return CODE[SHORT]
    if has_stopwords:
        if ((stop >= cfg.stop_good and (n >= cfg.good_tokens or (n >= cfg.good_sentence_tokens and end)))
                or (n >= 2 * cfg.good_tokens and stop >= cfg.stop_near and (end or clauses >= 2))):
            return CODE[GOOD]
        if n >= cfg.near_tokens and (stop >= cfg.stop_near or end):
            return CODE[NEAR]
        return CODE[SHORT]
    if (n >= cfg.good_tokens and (end or clauses >= 2)) or (n >= cfg.good_sentence_tokens and end):
        return CODE[GOOD]
    if n >= cfg.near_tokens:
        return CODE[NEAR]
    return CODE[SHORT]

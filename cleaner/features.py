"""Per-block shape features and the prose classifier used by structural filters.

Knowledge (which words are function words in a language) comes from the rule packs'
``stopwords`` lexicons; this module holds only the mechanism.  Token counts treat
each CJK character as one token, and CJK function characters count as stopwords.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .text import _TOKEN, SENTENCE_END

_CJK_TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_CLAUSE = regex.compile(r"[,，、;；:：]")
_CJK_SENT = regex.compile(r"[。！？，、；]|[.!?](?=\s|$)")  # Korean ends sentences with '.'

# classes
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


@dataclass(frozen=True)
class ProseConfig:
    """Thresholds of the prose classifier (one documented default each).

    good_tokens: a non-CJK block of at least this many tokens can be GOOD prose.
    good_sentence_tokens: a shorter block that ends a sentence can still be GOOD.
    good_cjk: a CJK block of at least this many characters can be GOOD prose.
    stop_good: stopword share a GOOD block must reach (when the language has a list).
    stop_near: stopword share of a NEAR block.
    near_tokens: minimum tokens of a NEAR block.
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


@dataclass(frozen=True, slots=True)
class Shape:
    ntok: int
    ncjk: int
    stop: float  # stopword share of tokens
    ends_sentence: bool
    clauses: int  # clause punctuation count
    link_ratio: float

    @property
    def cjk(self) -> bool:
        return self.ncjk * 2 > self.ntok


def shape(block, stopwords: frozenset) -> Shape:
    """Compute (and cache on the block) the shape of its kept text."""
    cached = block.features.get("_shape")
    if cached is not None:
        return cached
    trimmed = any(v.action == "trim" for v in block.verdicts)
    text = block.kept_text() if trimmed else block.text
    s = shape_of(text, stopwords, block.features.get("link_ratio", 0.0),
                 None if trimmed else block.features.get("_toks"))
    block.features["_shape"] = s
    return s


def shape_of(text: str, stopwords: frozenset, link_ratio: float = 0.0, toks: list | None = None) -> Shape:
    if toks is None:
        toks = _TOKEN.findall(text.casefold())
    ntok = len(toks)
    ncjk = len(_CJK_TOKEN.findall(text)) if not text.isascii() else 0
    stop = sum(map(stopwords.__contains__, toks)) if ntok else 0
    clauses = len(_CLAUSE.findall(text))
    if ncjk:
        clauses += len(_CJK_SENT.findall(text))
    return Shape(ntok=ntok, ncjk=ncjk, stop=stop / max(1, ntok),
                 ends_sentence=bool(SENTENCE_END.search(text)), clauses=clauses, link_ratio=link_ratio)


def classify(s: Shape, cfg: ProseConfig, has_stopwords: bool) -> str:
    """GOOD (article prose), NEAR (could be), SHORT, or BAD (link-heavy)."""
    if s.link_ratio > cfg.max_link_ratio:
        return BAD
    if s.cjk:
        n = s.ncjk
        if n >= cfg.good_cjk and s.clauses >= 1:
            return GOOD
        if n >= cfg.good_cjk_sentence and s.ends_sentence and s.clauses >= 1:
            return GOOD
        if n >= cfg.near_cjk and (s.clauses >= 1 or s.ends_sentence):
            return NEAR
        return SHORT
    n = s.ntok
    if has_stopwords:
        if n >= cfg.good_tokens and s.stop >= cfg.stop_good:
            return GOOD
        if n >= cfg.good_sentence_tokens and s.ends_sentence and s.stop >= cfg.stop_good:
            return GOOD
        if n >= 2 * cfg.good_tokens and s.stop >= cfg.stop_near and (s.ends_sentence or s.clauses >= 2):
            return GOOD
        if n >= cfg.near_tokens and (s.stop >= cfg.stop_near or s.ends_sentence):
            return NEAR
        return SHORT
    # no stopword list for this language: length and punctuation only
    if n >= cfg.good_tokens and (s.ends_sentence or s.clauses >= 2):
        return GOOD
    if n >= cfg.good_sentence_tokens and s.ends_sentence:
        return GOOD
    if n >= cfg.near_tokens:
        return NEAR
    return SHORT

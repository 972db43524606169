"""Blocks that are not text: symbol/punctuation-only rows (``⁺``, ``|||``, ``» »``),
replacement-character junk left by binary or mis-decoded input, and long
unbroken runs (base64, minified code, hashes)."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..document import DROP, Verdict
from .base import Filter, register

_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_JUNK = regex.compile(r"[\ufffd\x00-\x08\x0b-\x1f]")
_LONG_RUN = regex.compile(r"[^\s\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]{120,}")


@dataclass(frozen=True)
class QualityConfig:
    """max_replacement_ratio: share of U+FFFD/control characters above which a block is junk.
    max_run_share: share of a block taken by unbroken 120+ character runs above which it is junk."""

    max_replacement_ratio: float = 0.2
    max_run_share: float = 0.6


@register
class QualityFilter(Filter):
    id = "quality"
    category = "quality"
    Config = QualityConfig

    def apply(self, page) -> None:
        cfg = self.config
        junk = _JUNK.search("\n".join(page.texts)) is not None  # (a newline is not junk)
        for b, ntok in zip(page.blocks, page.ntok):
            t = b.text
            if ntok == 0 or not _ALNUM.search(t):
                b.add(Verdict(self.id, self.category, "no letters or digits", DROP))
                continue
            bad = len(_JUNK.findall(t)) if junk and _JUNK.search(t) else 0
            if bad and bad / len(t) > cfg.max_replacement_ratio:
                b.add(Verdict(self.id, self.category, "undecodable bytes (replacement characters)", DROP))
                continue
            if len(t) >= 120 and max(map(len, t.split())) >= 120:
                run = sum(len(m) for m in _LONG_RUN.findall(t))
                if run / len(t) > cfg.max_run_share:
                    b.add(Verdict(self.id, self.category, "unbroken run (code, base64, hash)", DROP))

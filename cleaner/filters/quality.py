"""Blocks that are not text: symbol/punctuation-only rows (``⁺``, ``|||``, ``» »``),
replacement-character junk left by binary or mis-decoded input, and long
unbroken runs (base64, minified code, hashes)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

import regex

from ..document import DROP, Verdict
from .base import Filter, register

_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_NO_ALNUM_LINE = regex.compile(r"^[^\p{L}\p{N}\n]*$", regex.MULTILINE)  # a block of the joined text
_JUNK = regex.compile(r"[\ufffd\x00-\x08\x0b-\x1f]")
# what _JUNK matches, one character each (``has_junk``): U+FFFD and the C0 controls but tab and newline
_JUNK_CHARS = "\ufffd" + "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A))
_JUNK_BYTES = _JUNK_CHARS[1:].encode("ascii")
_LONG_RUN = regex.compile(r"[^\s\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]{120,}")


FEW_BLOCKS = 8  # blocks a page has at most for all to be read (finding the suspects costs more)


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
        joined = "\n".join(page.texts)
        junk = has_junk(joined)  # (a newline is not junk)
        ntok = page.ntok
        for i in range(page.n) if junk or page.n <= FEW_BLOCKS else _suspects(page.texts, joined, ntok):
            b = page.blocks[i]
            t = b.text
            if ntok[i] == 0 or not _ALNUM.search(t):
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


def has_junk(text: str) -> bool:
    """Whether ``text`` holds a character ``_JUNK`` matches, without the regex's scan of
    every character (tens of nanoseconds each): an ASCII text loses a byte when they are
    deleted from it, another holds one of them (a search for each, a memchr)."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _JUNK_BYTES)) != len(data)
    return any(c in text for c in _JUNK_CHARS)


def _suspects(texts: list[str], joined: str, ntok: list[int]) -> list[int]:
    """The blocks the checks may drop on a page without junk, in order, found over the
    page's joined text instead of block by block: those without tokens, without a
    letter or digit, or of 120+ characters.  (``Page.texts`` differ from the block texts
    only in whitespace, which the letter and run checks do not read.)"""
    out = {i for i, n in enumerate(ntok) if n == 0} if 0 in ntok else set()
    if _NO_ALNUM_LINE.search(joined) is not None:
        starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
        out.update(bisect_right(starts, m.start()) - 1 for m in _NO_ALNUM_LINE.finditer(joined))
    out.update(i for i, t in enumerate(texts) if len(t) >= 120)
    return sorted(out)

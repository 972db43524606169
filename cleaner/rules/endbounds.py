"""What an entry matched to the block end says about the blocks it can match, found
once per pattern and kept on disk (``diskmemo``): the characters such a match can end
with (``tails``) and the most characters it can consume (``widths``).  A section header
is at most ``SECTION_MAX_CHARS`` long whatever its pattern.  ``matcher.RuleIndex`` skips
the (block, entry) pairs these rule out."""
from __future__ import annotations

from ..diskmemo import DiskMemo
from .compile import Rule
from .tails import TailCheck, tail_class
from .widths import max_width

SECTION_MAX_CHARS = 200
ANY_LENGTH = 1 << 40
HEAD, TRIM = 1, 3  # the matcher's channels a bound depends on (``matcher.CHANNELS``)
_TAILS = DiskMemo("rule-tails")
_WIDTHS = DiskMemo("rule-widths")


def to_block_end(rule: Rule, source: str | None, channel: int) -> bool:
    """Whether the entry's pattern is matched from the block start to the block end."""
    return not (source is None or rule.search or rule.lexicon is not None or channel == TRIM)


def tail_check(rule: Rule, source: str | None, channel: int) -> TailCheck | None:
    """The last-character check of an entry matched to the block end (None: any)."""
    if not to_block_end(rule, source, channel):
        return None
    pattern = _TAILS.get(source, lambda: tail_class(source))
    return TailCheck(pattern) if pattern is not None else None


def char_bound(rule: Rule, source: str | None, channel: int) -> int:
    """The longest block the entry can match: SECTION_MAX_CHARS for a section header,
    its pattern's ``widths.max_width`` when matched to the block end."""
    bound = SECTION_MAX_CHARS if channel == HEAD else ANY_LENGTH
    if not to_block_end(rule, source, channel):
        return bound
    width = _WIDTHS.get(source, lambda: max_width(source))
    return bound if width is None else min(bound, width)


__all__ = ["SECTION_MAX_CHARS", "ANY_LENGTH", "to_block_end", "tail_check", "char_bound"]

"""The bounds of entries matched to the block end (``rules.endbounds``): which entries
get them, and that their channel numbers are the matcher's."""
from __future__ import annotations

from cleaner.rules import endbounds
from cleaner.rules.endbounds import ANY_LENGTH, SECTION_MAX_CHARS, char_bound, tail_check, to_block_end
from cleaner.rules.loader import RuleSet
from cleaner.rules.matcher import CHANNELS


def test_the_channels_are_the_matchers():
    assert CHANNELS[endbounds.HEAD] == "head" and CHANNELS[endbounds.TRIM] == "trim"


def test_only_whole_block_regex_entries_are_bounded_by_their_pattern():
    rules = RuleSet.load().rules
    searched = next(r for r in rules if r.search and r.source)
    whole = next(r for r in rules if not r.search and r.lexicon is None and r.source
                 and char_bound(r, r.source, 0) < ANY_LENGTH)
    assert not to_block_end(searched, searched.source, 0)
    assert char_bound(searched, searched.source, 0) == ANY_LENGTH and tail_check(searched, searched.source, 0) is None
    assert char_bound(searched, searched.source, endbounds.HEAD) == SECTION_MAX_CHARS  # a header's own bound
    assert to_block_end(whole, whole.source, 0)
    assert not to_block_end(whole, whole.source, endbounds.TRIM)  # a trim removes part of the block
    assert char_bound(whole, whole.source, endbounds.TRIM) == ANY_LENGTH
    assert not to_block_end(whole, None, 0)  # an entry without a pattern

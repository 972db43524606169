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


def test_every_drop_example_of_a_bounded_entry_is_within_its_bounds():
    """A block a rule matched to the block end drops in its examples ends with a character
    its tail check accepts and is no longer than its width: the bounds never turn away a
    block the rule matches."""
    tails = widths = 0
    for rule in RuleSet.load().rules:
        if not to_block_end(rule, rule.source, 0):
            continue
        tail, width = tail_check(rule, rule.source, 0), char_bound(rule, rule.source, 0)
        for text in (rule.examples or {}).get("drop") or []:
            text = text.get("input") if isinstance(text, dict) else text
            if not (isinstance(text, str) and text.strip() and rule.test_block(text)):
                continue
            text = text.strip()
            if tail is not None:
                assert tail(text[-1]), (rule.id, text)
                tails += 1
            if width < ANY_LENGTH:
                assert len(text) <= width, (rule.id, text)
                widths += 1
    assert tails > 100 and widths > 100

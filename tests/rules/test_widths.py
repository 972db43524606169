"""The length bound of rules matched to the block end (``rules.widths``): what it reads
off a pattern (that it never turns away a block the rule matches: ``test_endbounds``)."""
from __future__ import annotations

from cleaner.rules.widths import max_width


def test_literals_sets_and_bounded_repetitions_add_up():
    assert max_width(r"(?:page \d{1,3})\Z") == 8
    assert max_width(r"(?:(?:share|tweet!?)(?: \w{2})?)\Z") == 9
    assert max_width(r"(?:a(?=b)\b)\Z") == 1  # assertions and lookarounds consume nothing


def test_the_widest_branch_counts():
    assert max_width(r"(?:share)\Z|(?:subscribe now)\Z") == 13


def test_no_bound_when_a_match_may_be_any_length_or_need_not_reach_the_end():
    assert max_width(r"(?:page\s+\d{1,3})\Z") is None  # an unbounded repetition
    assert max_width(r"(?:page \d+)") is None  # matched at the start only
    assert max_width(r"(?:page)\Z|(?:next)") is None  # one branch is not anchored
    assert max_width(r"(?:\X{1,3})\Z") is None  # a grapheme may be several characters
    assert max_width(r"(?:(a)\1)\Z") is None  # a backreference: not modelled
    assert max_width(r"(?f)(?:strasse)\Z") is None  # full case folding: one character may match two

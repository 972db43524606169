"""The last-character check of rules matched to the block end (``rules.tails``): what
it reads off a pattern (that it never turns away a block the rule matches: ``test_endbounds``)."""
from __future__ import annotations


from cleaner.rules.tails import TailCheck, tail_class


def check(source: str) -> TailCheck:
    pattern = tail_class(source)
    assert pattern is not None, source
    return TailCheck(pattern)


def test_the_last_characters_of_a_full_match():
    ok = check(r"(?:page \d+(?: of \d+)?)\Z")
    assert ok("7") and not ok(".") and not ok("e")


def test_optional_endings_add_what_comes_before_them():
    ok = check(r"(?:\d{1,2}:\d{2}(?:\s*(?:uhr|h))?)\Z")
    assert ok("0") and ok("R") and ok("h") and not ok("!")


def test_every_branch_counts():
    ok = check(r"(?:share)\Z|(?:tweet!)\Z")
    assert ok("E") and ok("!") and not ok("t")


def test_no_check_when_a_match_need_not_reach_the_end_or_may_end_anywhere():
    assert tail_class(r"(?:page \d+)") is None  # matched at the start only
    assert tail_class(r"(?:page)\Z|(?:next)") is None  # one branch is not anchored
    assert tail_class(r"(?:date: .{1,60})\Z") is None  # any character
    assert tail_class(r"(?:(a)\1)\Z") is None  # a backreference: not modelled
    assert tail_class(r"(?f)(?:strasse)\Z") is None  # full case folding: one character may match two


def test_lookarounds_and_assertions_consume_nothing():
    ok = check(r"(?:\d+(?!%)\b)\Z")
    assert ok("4") and not ok("%")



def test_the_pattern_is_compiled_when_a_block_first_asks():
    # most rules of a run never meet a block their tail is checked on: their patterns are
    # not compiled at start-up
    ok = check(r"(?:share)\Z")
    assert ok._rx is None
    assert ok("E") and ok._rx is not None and not ok("!")

"""The length bound of rules matched to the block end (``rules.widths``): what it reads
off a pattern, and that it never turns away a block the rule matches."""
from __future__ import annotations

from cleaner.rules.loader import RuleSet
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


def test_the_built_in_rules_pass_their_own_examples():
    """Every block a bounded rule drops in its examples (each example is matched by its
    rule: ``test_rules_examples``) is no longer than its bound."""
    tried = 0
    for rule in RuleSet.load().rules:
        if rule.source is None or rule.search or rule.lexicon is not None:
            continue
        bound = max_width(rule.source)
        if bound is None:
            continue
        for text in (rule.examples or {}).get("drop") or []:
            text = text.get("input") if isinstance(text, dict) else text
            if isinstance(text, str) and text.strip():
                assert len(text.strip()) <= bound, (rule.id, text)
                tried += 1
    assert tried > 100

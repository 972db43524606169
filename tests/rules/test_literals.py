"""Literal triggers must be necessary conditions: whenever a rule's regex matches a
block, the folded block contains one of the rule's triggers (or a digit, for the
DIGIT pseudo-trigger)."""
import random

import pytest

from cleaner.rules.loader import RuleSet
from cleaner.rules.charclass import fold
from cleaner.rules.literals import DIGIT, clauses, triggers
from cleaner.rules.matcher import rule_dispatch


@pytest.mark.parametrize("source, expected", [
    (r"(?:all rights reserved|some rights reserved)", {"all rights reserved", "some rights reserved"}),
    (r"\bthis (?:site|page) is protected by recaptcha\b", {" is protected by recaptcha"}),
    (r"colou?r scheme", {"r scheme"}),
    (r"©|\(c\)\s*(?:19|20)\d\d", {"©", "(c)"}),
    (r"(?:举报|舉報)(?:电话|邮箱)", {"电话", "邮箱"}),  # either group is required; the later one is kept
    (r"\w+ \d+", {DIGIT}),
])
def test_triggers_of_simple_patterns(source, expected):
    assert triggers(source) == frozenset(x if x == DIGIT else fold(x) for x in expected)


@pytest.mark.parametrize("source", [r"(a)\1", r"(?=foo)bar|x", r"(?:ab|c)d", r"[abc]{3}"])
def test_unknown_or_unselective_patterns_give_none(source):
    assert triggers(source) is None


def test_fold_covers_case_insensitive_matches():
    assert fold("içeriğe") in fold("İçeriğe geç")
    assert fold("hakları saklıdır") in fold("TÜM HAKLARI SAKLIDIR")
    assert fold("STRASSE") == fold("straße")
    assert "fi" in fold("ﬁnal")


def test_every_builtin_floating_rule_trigger_is_necessary():
    rs = RuleSet.load()
    rnd = random.Random(7)
    checked = 0
    for r in rs.rules:
        trig = rule_dispatch(r).triggers if r.search else None
        if not trig:
            continue
        ex = r.examples or {}
        samples = [x for k in ("drop", "keep") for x in (ex.get(k) or []) if isinstance(x, str)]
        # the examples, and the examples with their case scrambled
        samples += ["".join(ch.upper() if rnd.random() < 0.5 else ch.lower() for ch in x) for x in samples]
        for text in samples:
            if r.regex.search(text):
                checked += 1
                assert any((t == DIGIT and any(c.isdigit() for c in text)) or t in fold(text)
                           for t in trig), (r.id, text)
    assert checked > 50


def _holds(clause, text: str) -> bool:
    folded = fold(text)
    return any((t == DIGIT and any(c.isdigit() for c in text)) or (t != DIGIT and t in folded) for t in clause)


def test_clauses_of_a_pattern_are_a_conjunction():
    got = clauses(r"(?:jan|feb)\s+\d{1,2}|\d{4}-\d{2}|\d+ days ago")
    assert frozenset({DIGIT}) in got
    assert frozenset({"jan", "feb", "-", " days ago"}) in got
    assert _holds(got[0], "Jan 7") and not all(_holds(c, "Copyright 2024 Example") for c in got)


def test_every_builtin_rule_clause_holds_on_its_matching_examples():
    """Soundness on real rules: every clause holds on every example text the rule's
    regex matches (also with the case scrambled)."""
    rs = RuleSet.load()
    rnd = random.Random(11)
    checked = 0
    for r in rs.rules:
        if r.source is None or r.lexicon is not None:
            continue
        got = clauses(r.source)
        if not got:
            continue
        ex = r.examples or {}
        samples = [x for k in ("drop", "keep") for x in (ex.get(k) or []) if isinstance(x, str)]
        samples += ["".join(ch.upper() if rnd.random() < 0.5 else ch.lower() for ch in x) for x in samples]
        fn = r.regex.search if r.search else r.regex.match
        for text in samples:
            if fn(text):
                checked += 1
                assert all(_holds(c, text) for c in got), (r.id, text, got)
    assert checked > 300


def test_a_mandatory_digit_too_short_to_scan_for_gives_the_digit_condition():
    """'1' alone is no trigger, but a match holding it holds a decimal digit: the rule
    is tried on blocks with a digit only, not on every block."""
    from cleaner.rules.literals import dispatch
    d = dispatch(r"(?:[^\d\n]{0,40}\s)?1\.?\s\w.{8,40}?\s2\.?\s\w", anchored=True)
    assert not d.always and d.triggers == frozenset({DIGIT})
    assert clauses(r"\w+\s7\s\w+") == (frozenset({"7"}),)  # the digit itself: checked per block
    assert triggers(r"\w+ x \w+") is None  # a letter too short to scan for says nothing

"""Literal triggers must be necessary conditions: whenever a rule's regex matches a
block, the folded block contains one of the rule's triggers."""
import random

import pytest

from cleaner.rules.loader import RuleSet
from cleaner.rules.triggers import fold, triggers


@pytest.mark.parametrize("source, expected", [
    (r"(?:all rights reserved|some rights reserved)", {"all rights reserved", "some rights reserved"}),
    (r"\bthis (?:site|page) is protected by recaptcha\b", {" is protected by recaptcha"}),
    (r"colou?r scheme", {"r scheme"}),
    (r"©|\(c\)\s*(?:19|20)\d\d", {"©", "(c)"}),
    (r"(?:举报|舉報)(?:电话|邮箱)", {"举报", "舉報"}),
])
def test_triggers_of_simple_patterns(source, expected):
    assert triggers(source) == frozenset(fold(x) for x in expected)


@pytest.mark.parametrize("source", [r"(a)\1", r"(?=foo)bar|x", r"\w+ \d+", r"(?:ab|c)d", r"[abc]{3}"])
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
        if not (r.search and r.triggers):
            continue
        ex = r.examples or {}
        samples = [x for k in ("drop", "keep") for x in (ex.get(k) or []) if isinstance(x, str)]
        # the examples, and the examples with their case scrambled
        samples += ["".join(ch.upper() if rnd.random() < 0.5 else ch.lower() for ch in x) for x in samples]
        for text in samples:
            if r.regex.search(text):
                checked += 1
                assert any(t in fold(text) for t in r.triggers), (r.id, text)
    assert checked > 50

"""The clause prefilter of the regex rules (``rules.clausecheck``): the verdicts of
checking every clause of every pair, on both of its paths."""
import itertools

import numpy as np
import pytest

from cleaner.blockstats import code_points
from cleaner.rules import clausecheck
from cleaner.rules.charclass import fold
from cleaner.rules.clausecheck import ClauseCheck

# rule 0: {artikel}, {der, die}; rule 1: {7}; rule 2: {digit}, {7, -}; rule 3: none
LITERALS = {"artikel": [0], "der": [1], "die": [1], "7": [2, 4], "-": [4]}
PER_RULE = [[0, 1], [2], [3, 4], []]
DIGIT = [3]
TEXTS = ["Der Artikel", "Artikel 7", "Ein Artikel über die Stadt", "Wetter: 17 Grad", "2024-05",
         "Zum Artikel", "Die Stadt", "", "Seite 12"]


def _page(texts):
    folded = fold("\n".join(texts))
    starts = np.array(list(itertools.accumulate([0] + [len(fold(t)) + 1 for t in texts[:-1]])))
    ends = starts + np.array([len(fold(t)) for t in texts])
    digit = np.array([any(c.isdigit() for c in t) for t in texts])
    return folded, starts, ends, digit, code_points(folded)


def _reference(pairs, texts):
    """Every clause of every pair, checked on its own."""
    def holds(c, text):
        return any(lit in fold(text) for lit, cs in LITERALS.items() if c in cs) \
            or (c in DIGIT and any(ch.isdigit() for ch in text))
    return [[b, i] for b, i in pairs if all(holds(c, texts[b]) for c in PER_RULE[i])]


@pytest.mark.parametrize("small", [64, 0])
def test_the_pairs_kept_are_those_whose_every_clause_holds(small, monkeypatch):
    monkeypatch.setattr(clausecheck, "SMALL_PAIRS", small)
    check = ClauseCheck(5, LITERALS, PER_RULE, DIGIT)
    pairs = [[b, i] for b in range(len(TEXTS)) for i in range(4)]
    got = check.meet(np.array(pairs, dtype=np.int64), *_page(TEXTS))
    assert got.tolist() == _reference(pairs, TEXTS)
    assert [0, 0] in got.tolist() and [5, 0] not in got.tolist() and [4, 2] in got.tolist()


"""``scan.LiteralScan``: the Hyperscan path finds exactly the hits of the substring-search
fallback (packed hits decoded to the right literal and offset)."""
from __future__ import annotations

import random

import pytest

from cleaner.rules import scan
from cleaner.rules.scan import LiteralScan

pytestmark = pytest.mark.skipif(scan._hs is None, reason="Hyperscan is not installed")


def _hits(literals, anchored, whole, text, monkeypatch, fallback: bool):
    with monkeypatch.context() as m:
        if fallback:
            m.setattr(scan, "_hs", None)
        lits, at = LiteralScan(literals, anchored=anchored, whole=whole).find(text)
    return sorted(zip(lits.tolist(), at.tolist()))


@pytest.mark.parametrize("anchored", [False, True])
def test_hyperscan_hits_are_those_of_the_fallback(anchored, monkeypatch):
    rnd = random.Random(5)
    # many literals (a literal index of several bits), some sharing prefixes, some non-ASCII
    literals = sorted({"".join(rnd.choice("abcü -:") for _ in range(rnd.randrange(1, 5))) for _ in range(300)})
    whole = [rnd.random() < 0.3 for _ in literals] if anchored else None
    lines = ["".join(rnd.choice("abcdü -:\u2013") for _ in range(rnd.randrange(0, 60))) for _ in range(40)]
    text = "\n".join(lines)
    got = _hits(literals, anchored, whole, text, monkeypatch, fallback=False)
    assert got == _hits(literals, anchored, whole, text, monkeypatch, fallback=True)
    assert len(literals) > 128 and len(got) > 30 and max(i for i, _ in got) > 128
    for i, last in got:  # each hit ends where its literal does
        assert text[last - len(literals[i]) + 1:last + 1] == literals[i]

"""The user's five seed documents (samples/): every keep segment kept, every drop
segment gone, and shingle F1 >= 0.98 against the expected article."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from cleaner import Cleaner

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEEDS = sorted(p for p in SAMPLES.glob("[0-9][0-9][0-9]_*.txt") if ".expected" not in p.name)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"


def shingles(text, n=4):
    toks = []
    for w in re.findall(r"\w+", text):
        toks.extend(re.findall(f"[{_CJK}]|[^{_CJK}]+", w))
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)))


def f1(gold, pred):
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    prec, rec = tp / max(1, sum(p.values())), tp / max(1, sum(g.values()))
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


@pytest.fixture(scope="module")
def default_cleaner():
    return Cleaner()


def test_all_five_seeds_are_present():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("src", SEEDS, ids=lambda p: p.name[:3])
def test_seed(src, default_cleaner):
    out = default_cleaner.clean(src.read_text(encoding="utf-8")).text
    gold = src.with_name(src.stem + ".expected.txt").read_text(encoding="utf-8")
    segs = json.loads(src.with_name(src.stem + ".segments.json").read_text(encoding="utf-8"))
    assert [s for s in segs["keep"] if s not in out] == []
    assert [s for s in segs["drop"] if s in out] == []
    assert f1(gold, out) >= 0.98

"""The page matcher (``matcher.RuleIndex``: literal dispatch, then the regex of each
candidate rule) must decide exactly what trying every rule on every block decides
(``Rule.test_block``, the per-rule reference): the same first rule per block and
channel, on every built-in rule's examples (with their case scrambled), on the sample
pages and — when the benchmark folder is present — on scraped benchmark pages."""
from __future__ import annotations

import gzip
import json
import os
import random
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import pytest

from cleaner.blockstats import block_stats
from cleaner.rules.loader import RuleSet, known_languages
from cleaner.rules.compile import compile_rule
from cleaner.rules.matcher import CHANNELS, SECTION_MAX_CHARS, RuleIndex

ROOT = Path(__file__).resolve().parents[2]


def _bench_dir() -> Path:
    """As ``bench/quality.py`` finds it: $CLEANER_BENCH_DATA, else the first
    ``shared/bench`` folder above this checkout."""
    env = os.environ.get("CLEANER_BENCH_DATA")
    if env:
        return Path(env)
    for parent in ROOT.parents:
        if (parent / "shared" / "bench").is_dir():
            return parent / "shared" / "bench"
    return ROOT.parent / "shared" / "bench"


BENCH = _bench_dir()


def build_index():
    rs = RuleSet.load()
    active = rs.active(frozenset(known_languages()))
    channels = {
        "block": [r for r in active.rules if r.kind in ("pattern", "lexicon")],
        "head": active.sections,
        "protect": [r for r in active.rules if r.kind == "protect"],
        "trim": active.trims,
    }
    assert set(channels) == set(CHANNELS)
    return RuleIndex(channels, timeout=5.0, frequent=rs.words("stopwords", known_languages()))


@pytest.fixture(scope="module")
def index():
    return build_index()


@pytest.fixture(scope="module", autouse=True)
def _tokens_counted_once_per_text():
    """Each rule's ``test_block`` counts the block's tokens again (the reference tries
    some 500 rules per block): the count, a pure function of the text, is remembered."""
    from cleaner.rules import compile as rule_compile
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rule_compile, "count_tokens", lru_cache(maxsize=8192)(rule_compile.count_tokens))
        yield


def example_texts(rules) -> list[str]:
    rnd = random.Random(11)
    out = []
    for r in rules:
        ex = r.examples or {}
        for key, items in ex.items():
            for x in items or []:
                if isinstance(x, dict):
                    x = x.get("input")
                if isinstance(x, str):
                    out.append(x)
    out += ["".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in x) for x in out]
    return out


def page_of(texts: list[str]):
    texts = [" ".join(t.split()) for t in texts]
    texts = [t for t in texts if t]
    return SimpleNamespace(n=len(texts), texts=texts, stats=block_stats(texts))


# The reference's verdicts on one block text, by the rules of the channels (ids in order):
# a block's verdicts do not depend on its page, and the benchmark pages and the rule
# examples repeat many texts (navigation lines, the same page in three conversions).
_REFERENCE: dict[tuple, dict[str, tuple]] = {}


def _rule_ids(index: RuleIndex) -> tuple:
    return tuple(tuple(r.id for r in index.channels.get(name, ())) for name in CHANNELS)


def reference_of(index: RuleIndex, text: str) -> tuple:
    """``(block, head, protect, trims)`` for ``text``: the id of the first rule of each
    channel whose ``test_block`` matches it (or None), and the ids of the trim rules
    whose ``trim_span`` cuts it: every rule tried on its own."""
    memo = _REFERENCE.setdefault(_rule_ids(index), {})
    got = memo.get(text)
    if got is None:
        firsts = []
        for name in CHANNELS[:3]:
            hit = None
            if name != "head" or len(text) <= SECTION_MAX_CHARS:
                hit = next((r.id for r in index.channels.get(name, ()) if r.test_block(text)), None)
            firsts.append(hit)
        trims = frozenset(r.id for r in index.channels["trim"] if r.trim_span(text) is not None)
        got = memo[text] = (*firsts, trims)
    return got


def assert_same(index: RuleIndex, texts: list[str]) -> int:
    page = page_of(texts)
    got = index.match(page)
    assert not got.errors
    refs = [reference_of(index, text) for text in page.texts]
    ids = lambda xs: [None if r is None else r.id for r in xs]  # noqa: E731
    for c, (name, mine) in enumerate((("block", got.hits), ("head", got.heads), ("protect", got.protects))):
        bad = [(page.texts[b], a, ref[c]) for b, (a, ref) in enumerate(zip(ids(mine), refs)) if a != ref[c]]
        assert not bad, (name, bad[:5])
    # trims: every rule that trims a block is among that block's candidates
    for b, text in enumerate(page.texts):
        missed = refs[b][3] - {r.id for r in got.trims[b]}
        assert not missed, (sorted(missed), text)
    return sum(x is not None for ref in refs for x in ref[:3])


def test_matcher_agrees_with_every_rule_on_the_rule_examples(index):
    texts = example_texts(index.rules)
    assert len(texts) > 1000
    decided = sum(assert_same(index, texts[i:i + 400]) for i in range(0, len(texts), 400))
    assert decided > 500  # the examples do exercise the rules


def test_matcher_agrees_with_every_rule_on_the_sample_pages(index):
    pages = sorted((ROOT / "samples").glob("*[0-9a-f].txt"))
    assert pages
    decided = sum(assert_same(index, p.read_text(encoding="utf-8").split("\n")) for p in pages)
    assert decided > 20


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark folder not present")
def test_matcher_agrees_with_every_rule_on_benchmark_pages(index):
    files = sorted(BENCH.glob("*/text/*.jsonl*"))
    assert files
    checked = 0
    for i, f in enumerate(files):
        # every 80th page, from another start in each file: the three conversions of a
        # set then show different pages (a page's conversions share most of their lines)
        with (gzip.open(f, "rt", encoding="utf-8") if f.suffix == ".gz" else open(f, encoding="utf-8")) as fh:
            for k, line in enumerate(fh):
                if (k + 27 * i) % 80 == 0:
                    checked += 1
                    assert_same(index, json.loads(line)["text"].split("\n"))
    assert checked > 25


def test_the_fallback_without_hyperscan_agrees_too(monkeypatch):
    from cleaner.rules import scan
    monkeypatch.setattr(scan, "_hs", None)
    index = build_index()
    assert index.leads.db is None and index.triggers.db is None
    texts = example_texts(index.rules)
    for i in range(0, len(texts), 400):
        assert_same(index, texts[i:i + 400])
    for p in sorted((ROOT / "samples").glob("*[0-9a-f].txt")):
        assert_same(index, p.read_text(encoding="utf-8").split("\n"))


def test_a_long_page_taken_in_windows_has_the_same_candidates(index, monkeypatch):
    from cleaner.rules import matcher
    texts = []
    for p in sorted((ROOT / "samples").glob("*[0-9a-f].txt")):
        texts += p.read_text(encoding="utf-8").split("\n")
    page = page_of(texts + example_texts(index.rules)[:400])
    whole = index.candidates(page)
    monkeypatch.setattr(matcher, "WINDOW_CHARS", 500)
    windowed = index.candidates(page)
    assert len(whole) > 100 and windowed.tolist() == whole.tolist()


def test_literal_fanout_gives_the_same_pairs_on_both_paths():
    import numpy as np

    from cleaner.rules.scan import Fanout
    rnd = random.Random(3)
    fan = Fanout([[rnd.randrange(50) for _ in range(rnd.randrange(4))] for _ in range(40)])
    for n in (0, 1, 5, 31, 32, 33, 200):
        lits = np.array([rnd.randrange(40) for _ in range(n)], dtype=np.int64)
        blocks = np.array(sorted(rnd.randrange(100) for _ in range(n)), dtype=np.int64)
        small = fan.pairs(lits, blocks)
        fan.SMALL = 0  # the array path
        big = fan.pairs(lits, blocks)
        fan.SMALL = Fanout.SMALL
        assert small.shape[1] == 2 and small.tolist() == big.tolist()


def test_clauses_of_a_few_pairs_are_met_as_on_the_array_path(index, monkeypatch):
    from cleaner.rules import clausecheck, matcher
    texts = example_texts(index.rules)
    pages = [page_of(texts[i:i + k]) for i, k in ((0, 400), (400, 40), (900, 3), (1200, 1))]
    pages += [page_of([t]) for t in texts[::7]]
    few = [index.candidates(p).tolist() for p in pages]
    monkeypatch.setattr(matcher, "SMALL_PAIRS", 0)  # the array paths
    monkeypatch.setattr(clausecheck, "SMALL_PAIRS", 0)
    many = [index.candidates(p).tolist() for p in pages]
    assert few == many and sum(map(len, few)) > 500


def test_matcher_agrees_with_every_rule_on_one_block_pages(index):
    texts = example_texts(index.rules)
    decided = sum(assert_same(index, [t]) for t in texts[::3] if " ".join(t.split()))
    assert decided > 150


def test_a_line_repeated_in_a_page_is_tested_once_per_rule(index, monkeypatch):
    line = "Hans Müller 07.06.2017, 20:28"  # a post header (de-post-header's example)
    texts = [line, "The minister said the talks would continue on Monday.", line, line]
    calls: dict = {}
    real = index._test

    def counted(r, source, text, limited=True, tokens=None):
        calls[r.id, source, text] = calls.get((r.id, source, text), 0) + 1
        return real(r, source, text, limited, tokens)

    monkeypatch.setattr(index, "_test", counted)
    got = index.match(page_of(texts))
    ref = reference_of(index, line)[0]
    assert ref is not None
    assert [None if r is None else r.id for r in got.hits] == [ref, reference_of(index, texts[1])[0], ref, ref]
    assert any(rid == ref and text == line for rid, _, text in calls) and set(calls.values()) == {1}


def _pattern_rule(patterns: list[str], match: str = "full"):
    raw = {"id": "test-rule", "category": "nav", "kind": "pattern", "patterns": patterns, "match": match}
    return compile_rule(raw, pack="test", file="test.yaml", line=1, level=0, pack_language=None,
                        pack_sites=None, lexicons={})


@pytest.mark.parametrize("match", ["full", "start", "any"])
def test_a_rule_of_several_patterns_is_tried_only_on_those_a_block_may_meet(match, monkeypatch):
    """One index entry per condition: the two date patterns (both need a digit) make one,
    the share pattern another; a block is tried on the entries it meets, and the
    verdicts are the rule's own (``Rule.test_block``) on every block."""
    rule = _pattern_rule([r"share (?:this|on) \w+", r"\d{4}-\d{2}-\d{2}", r"\d{2}-\d{2}-\d{4}"], match)
    index = RuleIndex({"block": [rule]}, timeout=5.0)
    assert sorted(index.sources) == sorted([rule.parts[0], "|".join(rule.parts[1:])])
    assert "|".join(rule.parts) == rule.source
    texts = ["Share this article", "2024-01-05", "05-01-2024", "Posted 05-01-2024 by share on twitter",
             "Nothing to see here", "share on 2024-01-05"]
    tried: list = []
    real = index._test
    monkeypatch.setattr(index, "_test", lambda r, src, text, limited=True, tokens=None: tried.append((src, text))
                        or real(r, src, text, limited, tokens))
    got = index.match(page_of(texts))
    assert [r is not None for r in got.hits] == [rule.test_block(t) for t in texts]
    assert (rule.parts[0], "2024-01-05") not in tried  # no "share" in it: the share pattern is not tried
    assert all(text != "Nothing to see here" for _, text in tried)


def test_a_block_is_tokenized_once_for_all_the_lexicon_rules_tried_on_it(index, monkeypatch):
    """The lexicon rules tried on a block share its tokens (``Lexicon.match``'s
    ``tokens``); their verdicts are the reference's."""
    from cleaner.rules import compile as rule_compile
    lexicon_rules = [r.id for r in index.channels["block"] if r.lexicon is not None]
    texts = ["Home News Sport", "Share Tweet Pin Email", "Facebook Twitter WhatsApp", "Facebook | X | LinkedIn",
             "Home News Sport", "The minister said the talks would continue on Monday."]
    tried: list = []
    real = index._test
    monkeypatch.setattr(index, "_test", lambda r, src, text, limited=True, tokens=None: (
        tried.append((r.id, text)) if r.lexicon is not None else None) or real(r, src, text, limited, tokens))
    counted: dict = {}
    real_tokens = rule_compile.lexicon_tokens

    def tokens(text):
        counted[text] = counted.get(text, 0) + 1
        return real_tokens(text)

    monkeypatch.setattr(rule_compile, "lexicon_tokens", tokens)
    got = index.match(page_of(texts))
    once = dict(counted)  # (the reference below tokenizes on its own)
    assert [None if r is None else r.id for r in got.hits] == [reference_of(index, t)[0] for t in texts]
    assert got.hits[0] is not None and got.hits[0].id in lexicon_rules
    per_text = {t: sum(1 for _, x in tried if x == t) for t in texts}
    assert max(per_text.values()) > 1  # several lexicon rules tried on one block
    assert once and set(once.values()) == {1}


def _tried_on(index, texts, monkeypatch) -> list:
    tried: list = []
    real = index._test
    monkeypatch.setattr(index, "_test", lambda r, src, text, limited=True, tokens=None: tried.append(text)
                        or real(r, src, text, limited, tokens))
    got = index.match(page_of(texts))
    assert [r is not None for r in got.hits] == [index.rules[0].test_block(t) for t in texts]
    return tried


def test_a_rule_needing_single_digits_is_tried_only_on_blocks_holding_them(monkeypatch):
    """'1', '2' and '3' are clause literals (looked up per block, not scanned for): a
    block holding a digit but not all three is not tried."""
    rule = _pattern_rule([r"1\.?\s\w+\s2\.?\s\w+\s3\.?\s\w+"])
    index = RuleIndex({"block": [rule]}, timeout=5.0)
    texts = ["1 Alpha 2 Beta 3 Gamma", "Posted 2024-05-06", "1. Alpha 2. Beta", "12 3 45", "No digits"]
    tried = _tried_on(index, texts, monkeypatch)
    assert tried == ["1 Alpha 2 Beta 3 Gamma", "12 3 45"]


def test_a_clause_of_frequent_words_only_is_not_checked(monkeypatch):
    """{'our', 'the'} is met by nearly every English block: with those words
    ``frequent`` the clause is not indexed, and the verdicts stay the rule's own."""
    rule = _pattern_rule([r"download (?:our|the) app"], "any")
    plain = RuleIndex({"block": [rule]}, timeout=5.0)
    index = RuleIndex({"block": [rule]}, timeout=5.0, frequent={"our", "The"})
    assert index._clauses.n == plain._clauses.n - 1
    texts = ["Download the app now", "Download our newest app", "download their app", "The app"]
    assert _tried_on(index, texts, monkeypatch) == texts[:3]  # ("download the" and " app" in "download their app")


def test_a_rule_is_not_tried_on_a_block_longer_than_its_pattern_can_match(monkeypatch):
    """``widths``: 'page 1 of 12' style counters are at most 14 characters long; a longer
    block holding the literal is not tried, and the verdicts stay the rule's own."""
    rule = _pattern_rule([r"page \d{1,3} of \d{1,3}"])
    index = RuleIndex({"block": [rule]}, timeout=5.0)
    texts = ["Page 2 of 12", "Page 2 of 12 of the report covers the budget for 2024", "page 100 of 100"]
    assert index._max_chars.tolist() == [len("page 100 of 100")]
    assert _tried_on(index, texts, monkeypatch) == ["Page 2 of 12", "page 100 of 100"]

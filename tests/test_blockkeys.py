"""Near-duplicate pairs within a page: exact Jaccard by prefix filtering; on pages
where that would compare too many pairs, candidates from MinHash bands, still
verified exactly."""
from __future__ import annotations

import random

import numpy as np

from cleaner import blockkeys
from cleaner.blockkeys import GramSets, char_gram_sets


def _similar(sets: dict[int, np.ndarray], t: float) -> list[tuple[int, int, float]]:
    """``blockkeys._similar`` over sets given by block."""
    ids = list(sets)
    owner = np.repeat(np.arange(len(ids)), [len(sets[b]) for b in ids])
    return blockkeys._similar(GramSets(ids, owner, np.concatenate([sets[b] for b in ids])), t)


def brute_force(sets: dict[int, np.ndarray], t: float) -> list[tuple[int, int, float]]:
    out = []
    ids = sorted(sets)
    for i, a in enumerate(ids):
        for c in ids[i + 1:]:
            x, y = set(sets[a].tolist()), set(sets[c].tolist())
            j = len(x & y) / len(x | y)
            if j >= t:
                out.append((a, c, j))
    return out


def random_sets(rnd: random.Random, n: int, vocab: int, size: tuple[int, int]) -> dict[int, np.ndarray]:
    sets = {}
    for b in range(n):
        base = rnd.sample(range(vocab), rnd.randint(*size))
        sets[b] = np.unique(np.array(base, dtype=np.uint64))
    # near copies of some sets
    for b in range(n, n + n // 4):
        src = sets[rnd.randrange(n)].tolist()
        changed = [x if rnd.random() > 0.15 else rnd.randrange(vocab) for x in src]
        sets[b] = np.unique(np.array(changed, dtype=np.uint64))
    return sets


def test_prefix_filtering_finds_exactly_the_similar_pairs():
    rnd = random.Random(3)
    for t in (0.5, 0.75, 0.9):
        sets = random_sets(rnd, 120, 400, (3, 40))
        assert _similar(sets, t) == brute_force(sets, t)


def test_a_long_page_of_few_words_takes_the_banded_path_and_stays_exact(monkeypatch):
    rnd = random.Random(5)
    sets = random_sets(rnd, 600, 150, (30, 50))  # every set shares most elements with many others
    called = []
    real = blockkeys._banded_pairs
    monkeypatch.setattr(blockkeys, "_banded_pairs", lambda *a: called.append(1) or real(*a))
    monkeypatch.setattr(blockkeys, "PAIR_BUDGET", 10_000)
    got = _similar(sets, 0.75)
    assert called  # the budget was exceeded
    want = brute_force(sets, 0.75)
    assert set(got) <= set(want)  # every pair reported is similar (verified exactly)
    assert len(got) >= 0.9 * len(want) and len(want) >= 50  # and the near copies are found



def test_character_gram_sets_are_the_sets_of_the_texts_substrings():
    """One set per text, of its distinct n-character substrings (the text itself when
    shorter): as many grams, and two texts share as many, as those strings."""
    rnd = random.Random(7)
    alphabet = "ab c\u00e9\u4e2d\u6587\u0e01\U0001f600"
    texts = ["", "a", "ab", "abc", "abcd", "abcab", "\u4e2d\u6587", "\u4e2d\u6587\u4e2d\u6587\u4e2d"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(150)]
    widths = [rnd.choice((3, 4)) for _ in texts]
    blocks = list(range(10, 10 + len(texts)))
    got = char_gram_sets(blocks, texts, widths)
    assert got.ids == blocks
    hashed = [set(got.grams[got.owner == k].tolist()) for k in range(len(texts))]
    strings = [{t[i:i + n] for i in range(max(1, len(t) - n + 1))} for t, n in zip(texts, widths)]
    for h, want in zip(hashed, strings):
        assert len(h) == len(want)
    for x in range(0, len(texts), 3):
        for y in range(len(texts)):
            assert len(hashed[x] & hashed[y]) == len(strings[x] & strings[y]), (texts[x], texts[y], widths[x], widths[y])


def test_numbered_is_unique_with_its_inverse():
    rnd = np.random.default_rng(2)
    for a in (np.array([], dtype=np.uint64), rnd.integers(0, 50, 300).astype(np.uint64),
              rnd.integers(0, 2 ** 63, 100).astype(np.uint64) * np.uint64(2)):
        values, number = blockkeys._numbered(a)
        want_values, want_number = np.unique(a, return_inverse=True)
        assert values.tolist() == want_values.tolist() and number.tolist() == want_number.reshape(-1).tolist()


def test_character_grams_do_not_depend_on_the_hash_seed():
    """The banded search's MinHash reads the gram values themselves: they must be the
    same in every process, whatever PYTHONHASHSEED is."""
    import os
    import subprocess
    import sys
    code = ("from cleaner.blockkeys import char_gram_sets;"
            "print(char_gram_sets([0, 1], ['weiterlesen', 'mehr zum thema'], [4, 3]).grams.tolist())")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    here = char_gram_sets([0, 1], ["weiterlesen", "mehr zum thema"], [4, 3]).grams.tolist()
    assert outs == {f"{here}\n"}

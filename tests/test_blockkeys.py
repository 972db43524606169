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


def test_repeated_elements_and_sets_of_their_own_elements_stay_exact():
    """Elements given twice count once; a set whose prefix holds only elements no other
    set has is left out of the candidates, and that loses no pair at any threshold."""
    rnd = random.Random(5)
    sets = random_sets(rnd, 40, 120, (3, 12))
    for b in range(60, 70):  # sets mostly of their own elements, a few shared ones
        sets[b] = np.array([1000 * b + k for k in range(rnd.randint(2, 9))] + rnd.sample(range(120), 2),
                           dtype=np.uint64)
    twice = {b: np.concatenate([s, s[: len(s) // 2]]) for b, s in sets.items()}
    for t in (0.3, 0.5, 0.75, 0.9, 1.0):
        assert _similar(twice, t) == brute_force(sets, t)


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


def test_character_gram_values_are_the_hash_of_their_padded_characters():
    """Each gram's value hashes its characters (a gram shorter than the widest is
    padded), as the banded search reads it: the values are part of the output."""
    M = (1 << 64) - 1

    def mix(h):
        h ^= h >> 31
        h = (h * 0xC2B2AE3D27D4EB4F) & M
        return h ^ (h >> 29)

    def value(chars, width):
        h = 0
        for j in range(width):
            h = mix((h * 0x9E3779B97F4A7C15 + (ord(chars[j]) if j < len(chars) else 0x110000)) & M)
        return h

    texts = ["", "ab", "weiterlesen", "\u4e2d\u6587\u4e2d\u6587", "mehr zum thema", "x\U0001f600yz"]
    widths = [4, 3, 4, 3, 4, 4]
    got = char_gram_sets(list(range(len(texts))), texts, widths)
    want = [(k, value(t[i:i + n], max(widths))) for k, (t, n) in enumerate(zip(texts, widths))
            for i in range(max(1, len(t) - n + 1))]
    assert list(zip(got.owner.tolist(), got.grams.tolist())) == want
    assert char_gram_sets([0], ["abcde"], [4]).grams.tolist() == [value("abcd", 4), value("bcde", 4)]

"""MinHash signatures: bit-compatible with datasketch; shingles and keys; LSH helpers."""
import random
import string

import numpy as np
import pytest
from datasketch import MinHash

from cleaner.corpus.minhash import (LSHIndex, MinHasher, band_hashes, estimate_jaccard, fmix32,
                                    similar_pairs, xxh32)
from cleaner.corpus.shingles import _NUMBER, Shingling, block_key, fold, jaccard, unspaced
from cleaner.text import fold_key

ALPHABET = string.ascii_letters + string.digits + " éüßçñ中文字日本語한국어ไทย"


def random_sets(rng, n, sizes=(0, 1, 2, 3, 7, 40, 300, 9000, 20000)):
    return [[''.join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12)))
             for _ in range(rng.choice(sizes))] for _ in range(n)]


def datasketch_signature(shingles, num_perm, seed):
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=xxh32)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m.hashvalues


@pytest.mark.parametrize("num_perm,seed", [(128, 1), (64, 7), (256, 42), (1, 3)])
def test_signatures_equal_datasketch_on_random_inputs(num_perm, seed):
    rng = random.Random(num_perm * 1000 + seed)
    sets = random_sets(rng, 30)
    ours = MinHasher(num_perm, seed).signatures(sets)
    assert ours.dtype == np.uint32 and ours.shape == (len(sets), num_perm)
    for s, sig in zip(sets, ours):
        ref = datasketch_signature(s, num_perm, seed)
        assert ref.dtype == np.uint32
        assert np.array_equal(ref, sig), f"set of {len(s)} shingles differs"


def test_signature_with_update_loop_and_duplicates_equals_batch():
    rng = random.Random(5)
    shingles = [rng.choice(["a b c", "b c d", "x y z", "日本語"]) for _ in range(50)]
    m = MinHash(num_perm=128, seed=1, hashfunc=xxh32)
    for s in shingles:
        m.update(s.encode("utf-8"))
    h = MinHasher(128, 1)
    assert np.array_equal(m.hashvalues, h.signature(shingles))
    assert np.array_equal(h.signature(shingles), h.signature(sorted(set(shingles))))


@pytest.mark.parametrize("num_perm,seed", [(128, 1), (64, 7), (3, 123456)])
def test_permutations_are_datasketchs(num_perm, seed):
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    h = MinHasher(num_perm, seed)
    assert h.a.dtype == np.uint32 and np.array_equal(h.a, a) and np.array_equal(h.b, b)
    assert (h.a & 1).all()


def test_empty_set_is_datasketch_empty():
    sig = MinHasher(64, 1).signatures([[]])[0]
    assert np.array_equal(sig, MinHash(num_perm=64, seed=1, hashfunc=xxh32).hashvalues)
    assert int(sig.max()) == 0xFFFFFFFF


def test_fmix32_matches_datasketch():
    from datasketch.minhash import _fmix
    x = np.array([0, 1, 2, 0xFFFFFFFF, 123456789, 0x80000000], dtype=np.uint32)
    assert np.array_equal(fmix32(x), _fmix(x, 32))


def test_estimate_tracks_exact_jaccard():
    rng = random.Random(11)
    base = [f"w{i}" for i in range(400)]
    h = MinHasher(256, 1)
    for overlap in (0.2, 0.5, 0.8, 0.95):
        k = int(len(base) * overlap)
        a = base
        b = base[:k] + [f"v{i}" for i in range(len(base) - k)]
        rng.shuffle(b)
        exact = jaccard(a, b)
        est = estimate_jaccard(*h.signatures([a, b]))
        assert abs(est - exact) < 0.08, (overlap, exact, est)


def test_band_hashes_collide_exactly_on_equal_bands():
    h = MinHasher(128, 1)
    a = h.signature(["one", "two", "three"])
    b = a.copy()
    b[0] += 1  # only band 0 changes
    ba, bb = band_hashes(np.vstack([a, b]), 16, 8)
    assert ba[0] != bb[0]
    assert np.array_equal(ba[1:], bb[1:])
    # equal values in different bands never make equal band hashes
    same = np.zeros(128, dtype=np.uint32)
    row = band_hashes(same, 16, 8)[0]
    assert len(set(row.tolist())) == 16
    with pytest.raises(ValueError):
        band_hashes(a, 17, 8)


def test_similar_pairs_and_lsh_index_find_near_duplicates_only():
    sh = Shingling(word_n=2)
    texts = [
        "The council approved the new budget for the public library on Tuesday evening after a long debate",
        "The council approved the new budget for the public library on Monday evening after a long debate",
        "A completely different sentence about football results from the weekend league games in the north",
        "The council approved the new budget for the public library on Tuesday evening after a long debate",
    ]
    sets = [sh.shingles(t) for t in texts]
    sigs = MinHasher(128, 1).signatures(sets)
    pairs = similar_pairs(sigs, 20, 6, 0.75)
    assert (0, 3) in pairs and (0, 1) in pairs and (1, 3) in pairs
    assert not any(2 in p for p in pairs)
    idx = LSHIndex(20, 6)
    idx.add_many(["a", "b"], sigs[[0, 2]])
    hits = idx.query(sigs[1], 0.75)
    assert [h[0] for h in hits] == ["a"]
    assert idx.query(MinHasher(128, 1).signature(["unrelated"]), 0.75) == []


def test_fold_ascii_fast_path_equals_the_general_path():
    rng = random.Random(3)
    chars = string.ascii_letters + string.digits + string.punctuation + " \t_"
    for _ in range(2000):
        t = "".join(rng.choice(chars) for _ in range(rng.randint(0, 40)))
        assert fold(t) == fold_key(_NUMBER.sub("0", t)), repr(t)
    assert fold("Vượt qua 2 lần") == fold_key("Vượt qua 2 lần")
    assert fold("1,204 readers at 10:30") == "0 readers at 0"


def test_keys_fold_case_punctuation_and_digits():
    assert block_key("© 2023 Example Media. All rights reserved.") == \
        block_key("2024  EXAMPLE media -- all rights reserved!")
    assert block_key("Updated 12 March 2024, 1,204 readers") == block_key("updated 3 march 2023 998 readers")
    assert block_key("Posted 12/03/2024 10:30") == block_key("posted 3.4.2025 9:05")
    assert block_key("Share this") != block_key("Share that")
    assert block_key("* * *") is None and block_key("") is None


def test_shingling_by_script_and_length():
    sh = Shingling(word_n=3, char_n=4, cjk_n=3, short_tokens=6)
    long_text = "one two three four five six seven"
    assert sh.shingles(long_text) == sorted({"one two three", "two three four", "three four five",
                                            "four five six", "five six seven"})
    assert sh.shingles("Share this") == sorted({"shar", "hare", "are ", "re t", "e th", " thi", "this"})
    assert sh.shingles("Hi") == ["hi"]
    zh = "联合调查组通报湘雅医院研究生"
    assert unspaced(fold(zh))
    assert sh.shingles(zh) == sorted({zh[i:i + 3] for i in range(len(zh) - 2)})
    th = "กระทรวงสาธารณสุขประกาศมาตรการใหม่"
    assert unspaced(fold(th)) and all(len(s) == 3 for s in sh.shingles(th))
    assert not unspaced(fold("Ngoại trưởng Trung Quốc"))
    # a signature depends on the key only
    assert sh.shingles("Updated 12 March 2024 by the desk of the paper") == \
        sh.shingles("updated 3 march 2023 by the desk of the paper!")
    assert Shingling.from_spec(sh.spec) == sh
    with pytest.raises(ValueError):
        Shingling.from_spec("w3-c4")

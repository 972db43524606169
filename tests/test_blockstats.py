"""``blockstats`` computes with code-point tables what ``text`` defines with regexes;
every statistic is checked against its regex definition, on the sample pages and on
generated text mixing scripts, digits, punctuation and spaces."""
from pathlib import Path

import numpy as np
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blockstats import WordSet, block_stats, unique
from cleaner.text import SENTENCE_END, tokens

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_CLAUSE = regex.compile(r"[,，、;；:：]")
_CJK_SENT = regex.compile(r"[。！？，、；]|[.!?](?=\s|$)")
_DIGIT = regex.compile(r"\p{Nd}")
_NUMBER_RUN = regex.compile(r"\p{Nd}+(?:[.,:/\-]\p{Nd}+)*")
STOPWORDS = ["the", "and", "of", "der", "die", "und", "que", "de", "的"]


def reference(text: str, stop: set[str]) -> dict:
    folded = text.casefold()
    toks = tokens(folded)
    ncjk = len(_CJK.findall(folded))
    clauses = len(_CLAUSE.findall(folded)) + (len(_CJK_SENT.findall(folded)) if ncjk else 0)
    return dict(ntok=len(toks), ncjk=ncjk, stop=sum(t in stop for t in toks), clauses=clauses,
                ends=bool(SENTENCE_END.search(text)), digit=bool(_DIGIT.search(text)))


def check(texts: list[str]) -> None:
    stop = {w.casefold() for w in STOPWORDS}
    got = block_stats(texts, WordSet(STOPWORDS))
    by_token: dict[str, int] = {}
    for i, text in enumerate(texts):
        ref = reference(text, stop)
        for name, want in ref.items():
            assert getattr(got, name)[i] == want, (name, text)
        # token hashes: one per token, equal exactly when the casefolded tokens are equal
        hashes = got.token_hashes[got.token_block == i]
        toks = tokens(text.casefold())
        assert len(hashes) == len(toks)
        for tok, h in zip(toks, hashes):
            assert by_token.setdefault(tok, int(h)) == int(h), tok
    assert len(set(by_token.values())) == len(by_token)  # no collisions among the tokens seen


def test_statistics_match_the_regex_definitions_on_the_sample_pages():
    pages = sorted(SAMPLES.glob("*[0-9a-f].txt"))
    assert pages
    for page in pages:
        lines = [ln for ln in page.read_text(encoding="utf-8").split("\n")]
        check(lines)


_ALPHABET = st.sampled_from(list("abcXYZ éßİıﬁ的中文ひらカナ한국 ,.;:!?。、！？…»”)]'\"\t\u00a00123456789٣-/_") + ["the", "und", "的"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=30).map("".join), min_size=1, max_size=8))
def test_statistics_match_the_regex_definitions_on_generated_text(texts):
    check(texts)


def test_key_hashes_fold_numbers_and_their_continuations():
    got = block_stats(["© 2019 Example, 1,204 views", "© 2023 example 7 views", "12.03.2024 at 10:15"])
    keys = [got.key_hashes[(got.token_block == i) & got.key_keep] for i in range(3)]
    assert list(keys[0]) == list(keys[1])  # "2019"/"2023" and "1,204"/"7" fold to one number each
    assert len(keys[2]) == 3  # a date and a time: two numbers around "at"
    assert int(np.count_nonzero(~got.key_keep[got.token_block == 2])) == 3


def test_number_runs_are_one_key_token():
    for text in ["1,204", "12.03.2024", "10:15", "2019/20", "3-4"]:
        got = block_stats([text])
        assert int(got.key_keep.sum()) == len(_NUMBER_RUN.findall(text)) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=40))
def test_unique_is_numpys_sorted_distinct_values(values):
    a = np.array(values, dtype=np.uint64)
    got = unique(a)
    assert got.dtype == a.dtype and got.tolist() == np.unique(a).tolist()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=30).map("".join), min_size=1, max_size=6))
def test_a_key_hash_is_the_token_hash_of_the_token_with_its_digit_runs_folded(texts):
    # the reference: the token hashes of the texts with each digit run written as "0"
    # (only the tokens with digits are hashed again: blockstats._folded_hashes)
    got = block_stats(texts)
    want = block_stats([_DIGIT_RUN.sub("0", t) for t in texts])
    assert got.key_hashes.tolist() == want.token_hashes.tolist()


_DIGIT_RUN = regex.compile(r"\p{Nd}+")

"""Block keys and shingles: what MinHash and the exact-key counters see of a block.

Two views of a block's text, both built on ``cleaner.text.fold_key`` (NFKC,
casefolded, every digit run folded to ``0``, punctuation and spacing collapsed):

- the **key**: a 64-bit xxhash of the folded text (numbers folded first, separators
  included).  Two blocks that differ only in case, punctuation, spacing or numbers
  ("© 2023 …, 1,204 readers" and "© 2024 …, 998 readers") share a key.  Keys are the cheap first test everywhere
  (within a page and across a site) and what the template store counts.
- the **shingles**: the set MinHash is computed over, for near-duplicates.

  * word n-grams (``word_n`` tokens) for ordinary text;
  * character n-grams (``cjk_n`` characters, spaces removed) for blocks written in
    scripts without spaces between words (CJK, Thai, Lao, Khmer, Myanmar): a "word"
    there is a character or a whole clause, neither of which shingles well;
  * character n-grams (``char_n``, spaces kept) for short blocks (fewer than
    ``short_tokens`` tokens), whose few word n-grams would make every one-word
    change look like a different block.

Shingles are built from the folded text, so a block's shingle set (and its MinHash
signature) depends only on its key: all texts with one key have one signature.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex
import xxhash

from ..text import cjk_ratio, fold_key, fold_keys

# Scripts written without spaces between words (besides CJK, which text.cjk_ratio
# measures): their blocks are shingled by characters.
_UNSPACED = regex.compile(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]")
_LETTER = regex.compile(r"\p{L}")

# A number, with its inner separators: "1,204", "12.03.2024", "10:30", "2023-24".
_NUMBER = re.compile(r"\d+(?:[.,:/\-]\d+)*")
# ASCII fast path of fold_key (identical output for ASCII input; tested).
_ASCII_TOKEN = re.compile(r"[a-z0-9_]+")

KEY_SCHEME = "numbers0+fold_key/xxh64/v1"


def fold(text: str) -> str:
    """The folded text of a block: every number (with its inner separators, so
    "1,204" and "998", "12/03/2024" and "3/4/2025" fold alike) becomes ``0``, then
    ``text.fold_key`` (NFKC, casefold, digits, punctuation and spacing collapsed).
    ASCII text takes a faster path with the same result."""
    if text.isascii():
        return " ".join(_ASCII_TOKEN.findall(_NUMBER.sub("0", text).lower()))
    return fold_key(_NUMBER.sub("0", text))


def folds(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]``, the texts joined for one pass of each step (a
    number never spans a line break; ``text.fold_keys``)."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1:
        return [fold(t) for t in texts]
    return fold_keys(_NUMBER.sub("0", joined).split("\n"))


def key_of_folded(folded: str) -> int:
    """The 64-bit key of an already folded text (0 is never returned for real text)."""
    return xxhash.xxh64_intdigest(folded.encode("utf-8")) or 1


def block_key(text: str) -> int | None:
    """The exact-duplicate key of a block, or None when it has no word at all
    (separators like ``* * *`` repeat legitimately and are never keyed)."""
    folded = fold(text)
    if not folded:
        return None
    return key_of_folded(folded)


def unspaced(text: str) -> bool:
    """True when most letters belong to scripts written without spaces (CJK, Thai, ...)."""
    if text.isascii():
        return False
    if cjk_ratio(text) >= 0.5:
        return True
    n = len(_UNSPACED.findall(text))
    return n > 0 and n * 2 >= len(_LETTER.findall(text))


@dataclass(frozen=True)
class Shingling:
    """word_n: word n-gram size for ordinary blocks.
    char_n: character n-gram size for short blocks.
    cjk_n: character n-gram size for CJK/Thai/... blocks.
    short_tokens: blocks with fewer word tokens than this are shingled by characters."""

    word_n: int = 2
    char_n: int = 4
    cjk_n: int = 3
    short_tokens: int = 6

    @property
    def spec(self) -> str:
        """A string naming this shingling exactly (stored with a template store)."""
        return f"w{self.word_n}.c{self.char_n}.u{self.cjk_n}.s{self.short_tokens}/v1"

    @classmethod
    def from_spec(cls, spec: str) -> "Shingling":
        m = re.fullmatch(r"w(\d+)\.c(\d+)\.u(\d+)\.s(\d+)/v1", spec or "")
        if not m:
            raise ValueError(f"unknown shingling {spec!r} (this version knows "
                             f"'{cls().spec}'-style specs)")
        return cls(*(int(g) for g in m.groups()))

    def shingles_folded(self, folded: str) -> list[str]:
        """Shingles of an already folded text (``fold``), as a sorted unique list.
        A function of the folded text alone, hence of the block's key."""
        if not folded:
            return []
        if unspaced(folded):
            s = folded.replace(" ", "")
            n = self.cjk_n
            if len(s) <= n:
                return [s]
            return sorted({s[i:i + n] for i in range(len(s) - n + 1)})
        toks = folded.split(" ")
        if len(toks) < self.short_tokens:
            n = self.char_n
            if len(folded) <= n:
                return [folded]
            return sorted({folded[i:i + n] for i in range(len(folded) - n + 1)})
        n = self.word_n
        if len(toks) <= n:
            return [folded]
        return sorted({" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)})

    def shingles(self, text: str) -> list[str]:
        """The shingle set of a block's text, sorted (deterministic order)."""
        return self.shingles_folded(fold(text))


def jaccard(a, b) -> float:
    """Exact Jaccard similarity of two shingle collections."""
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)

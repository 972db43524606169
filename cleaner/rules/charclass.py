"""Character classes as the rule regexes see them, and the folding under which rule
literals are compared with a page's text (``literals``, ``leads``, ``matcher``).

Word characters are Unicode letters, marks and digits (categories L, M, N):
``is_word``.  What a regex character set can match is found by probing it against
every code point (memoized: a pack holds a few hundred distinct sets).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
import regex

MAX_SET_LITERALS = 8
_COMBINING = regex.compile(r"[\p{Mn}\p{Me}]+")


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]")


def is_word(ch: str) -> bool:
    """A letter, mark or digit (by the regex module's Unicode tables, which the rule
    regexes themselves use)."""
    return _WORD.match(ch) is not None


# -- probing character sets ------------------------------------------------------------

@lru_cache(maxsize=1)
def all_chars() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@lru_cache(maxsize=1)
def _word_chars() -> tuple[str, str]:
    """(every word character, every word character that is not a decimal digit)."""
    words = "".join(_WORD.findall(all_chars()))
    return words, "".join(regex.findall(r"[^\p{Nd}]", words))


@lru_cache(maxsize=4096)
def set_members(src: str, ignorecase: bool) -> tuple[str, bool, bool]:
    """What a character set can match among word characters:
    (the word characters when there are at most MAX_SET_LITERALS of them, else '';
    whether it can match any word character; whether those are all digits)."""
    flags = regex.V0 | (regex.IGNORECASE if ignorecase else 0)
    words, non_digits = _word_chars()
    rx = regex.compile(src, flags)
    found = rx.findall(words, concurrent=False)
    if not found:
        return "", False, False
    digits_only = rx.search(non_digits) is None
    small = "".join(sorted({c.casefold() for c in found})) if len(found) <= MAX_SET_LITERALS else ""
    return small, True, digits_only


@lru_cache(maxsize=4096)
def has_non_word(src: str, ci: bool) -> bool:
    """Whether a character set can match a character that is not a word character."""
    flags = regex.V0 | (regex.IGNORECASE if ci else 0)
    return regex.compile(src, flags).search(non_word_chars()) is not None


@lru_cache(maxsize=1)
def non_word_chars() -> str:
    return "".join(regex.findall(r"[^\p{L}\p{M}\p{N}]", all_chars()))


def fold(text: str) -> str:
    """The folding under which triggers are compared: casefold, then (for non-ASCII
    text) compatibility decomposition without combining marks, so that every way a
    case-insensitive regex can match ('İ' ~ 'i', 'ﬁ' ~ 'fi') still contains the
    folded trigger.  Folding both sides only ever makes the test pass more often."""
    t = text.casefold()
    if t.isascii():
        return t
    # dotless ı: case-insensitive regexes pair it with 'I', which casefolds to 'i'
    t = unicodedata.normalize("NFKD", t.replace("ı", "i"))
    if len(t) < _ARRAY_MIN:
        return _COMBINING.sub("", t)
    return _without_marks(t)


_ARRAY_MIN = 2000  # a longer text (a page) loses its combining marks through an array


def _without_marks(t: str) -> str:
    """``_COMBINING.sub("", t)`` as a few array operations on the code points: a
    substitution call costs several times more on a page of accented words."""
    cp = np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    mark = _bmp_marks()[np.minimum(cp, 0xFFFF)]
    astral = (cp > 0xFFFF).nonzero()[0]
    if len(astral):
        mark[astral] = [_COMBINING.match(chr(c)) is not None for c in cp[astral].tolist()]
    if not mark.any():
        return t
    return cp[~mark].tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _bmp_marks() -> np.ndarray:
    """Whether each code point of the Basic Multilingual Plane is a combining mark
    (``_COMBINING``'s class, by the regex module's tables)."""
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(ch) for run in _COMBINING.findall(bmp) for ch in run]] = True
    return table

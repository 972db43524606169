"""Per-block text statistics for a whole document at once, with numpy over code points.

A document's block texts are joined with newlines (block texts never hold one) and
the code points of the joined text are classified through one lookup table.  Every
statistic is then a handful of array operations for the whole document, instead of
several regex calls per block:

- ``ntok``: word tokens — a run of letters, marks, digits and ``_``, or a single
  CJK (Han, kana, Hangul) character — the same tokens as ``text.tokens``;
- ``ncjk``: CJK characters;
- ``stop``: tokens that are stopwords (tokens are hashed; the stopword list is
  hashed the same way);
- ``clauses``: clause punctuation (``, ; :`` and their CJK forms; for blocks with CJK
  characters also CJK sentence marks and ``. ! ?`` before a space or the end);
- ``ends``: the block ends a sentence (``text.SENTENCE_END``);
- ``digit``: the block holds a decimal digit;
- ``token_hashes``: 64-bit hashes of the casefolded tokens, grouped per block;
- ``key_hashes``: the same with numbers folded (every digit run is ``0``, and a number
  continued after ``.,:/-`` by more digits — ``1,204``, ``12.03.2024`` — is one ``0``):
  a token with ``key_keep`` False is such a continuation; a token without a digit keeps
  its token hash, only the tokens with one are hashed again.  ``pagekeys`` builds block
  keys and shingles from them.

The character classes come from the ``regex`` module's Unicode tables (the ones the
rule patterns use), for the Basic Multilingual Plane in a table and for the few
characters beyond it one by one.  ``tests/test_blockstats.py`` checks every
statistic against the regex definitions on real pages.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

from .diskmemo import DiskMemo

# character classes (bits of the table)
TOK = 1        # [\p{L}\p{M}\p{N}_], not CJK: part of a word token
CJK = 2        # [\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]: one token each
WORD = 4       # [\p{L}\p{M}\p{N}]: a word character (rule leads skip the others)
DIGIT = 8      # \p{Nd}
CLAUSE = 16    # clause punctuation
CJK_SENT = 32  # CJK sentence and clause marks
PERIOD = 64    # . ! ? (sentence marks when followed by a space or the end, in CJK text)
SPACE = 128    # \s
TERM = 256     # characters that end a sentence
CLOSER = 512   # closing quotes and brackets after a sentence end
NEWLINE = 1024
NUMBER = 2048  # \p{N}

_CLASSES = {
    TOK: r"[\p{L}\p{M}\p{N}_]", CJK: r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]", WORD: r"[\p{L}\p{M}\p{N}]",
    DIGIT: r"\p{Nd}", CLAUSE: r"[,，、;；:：]", CJK_SENT: r"[。！？，、；]", PERIOD: r"[.!?]", SPACE: r"\s",
    TERM: r"[.!?。！？…‼⁇⁈⁉؟۔।॥։።፧᙮᠃᠉⳹⳾⸼。︒﹒﹖﹗．｡:;：；]", CLOSER: r"['\"”’»›」』）)\]】〕〉》]",
    NEWLINE: r"\n", NUMBER: r"\p{N}",
}

_P = np.uint64(0x100000001B3)  # multiplier of the polynomial token hash
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_CHUNK_CHARS = 1 << 20  # documents are processed in pieces of about this many characters


def _flags_of(chars: str) -> np.ndarray:
    """Class bits of each character of ``chars`` (which must not hold NUL)."""
    out = np.zeros(len(chars), dtype=np.uint16)
    for bit, cls in _CLASSES.items():
        marked = code_points(regex.sub(cls, "\x00", chars)) == 0
        out[marked] |= np.uint16(bit)
    cjk = (out & CJK) != 0  # CJK characters are tokens of their own, not parts of word runs
    out[cjk] &= np.uint16(~TOK & 0xFFFF)
    return out


_TABLES = DiskMemo("char-classes")


@lru_cache(maxsize=1)
def _bmp_table() -> np.ndarray:
    """Class bits of every character of the Basic Multilingual Plane (memoized on disk)."""
    return _TABLES.get(tuple(_CLASSES.items()), _tabulate)


def _tabulate() -> np.ndarray:
    chars = "".join(chr(c) if c and not 0xD800 <= c <= 0xDFFF else " " for c in range(0x10000))
    table = _flags_of(chars)
    table[0] = 0
    table[0xD800:0xE000] = 0
    return table


@lru_cache(maxsize=65536)
def _astral_flags(cp: int) -> int:
    return int(_flags_of(chr(cp))[0])


_POW_CACHE: list = []


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i (mod 2**64) for i < size (P is odd, hence invertible)."""
    if _POW_CACHE and len(_POW_CACHE[0]) >= size:
        return _POW_CACHE[0], _POW_CACHE[1]
    n = max(size, 1 << 16)
    inv_p = np.uint64(pow(int(_P), -1, 1 << 64))
    with np.errstate(over="ignore"):
        pw = np.cumprod(np.full(n, _P, dtype=np.uint64))
        pw = np.concatenate([[np.uint64(1)], pw[:-1]])
        inv = np.cumprod(np.full(n, inv_p, dtype=np.uint64))
        inv = np.concatenate([[np.uint64(1)], inv[:-1]])
    _POW_CACHE[:] = [pw, inv]
    return pw, inv


def mix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer, element-wise (callers wrap it in ``np.errstate(over="ignore")``)."""
    h = h ^ (h >> np.uint64(33))
    h = h * _MIX1
    h = h ^ (h >> np.uint64(33))
    h = h * _MIX2
    return h ^ (h >> np.uint64(33))


def nonzero(a: np.ndarray) -> np.ndarray:
    """``np.flatnonzero`` of a one-dimensional array, without its overhead (which is
    most of the cost on the short arrays of a short document)."""
    return a.nonzero()[0]


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def classify(cp: np.ndarray) -> np.ndarray:
    """The class bits of each code point."""
    table = _bmp_table()
    if cp.size and int(cp.max()) > 0xFFFF:
        flags = table[np.minimum(cp, 0xFFFF)]
        astral = nonzero(cp > 0xFFFF)
        flags[astral] = [_astral_flags(int(c)) for c in cp[astral]]
        return flags
    return table[cp]


def unique(a: np.ndarray) -> np.ndarray:
    """The sorted distinct values of ``a``: ``np.unique``, which imports numpy.ma on its
    first call (a sixth of the start-up of a process that cleans one small file)."""
    a = np.sort(a)
    return a[np.concatenate(([True], a[1:] != a[:-1]))] if len(a) else a


class WordSet:
    """A set of words as a collision-free table of their token hashes: looking up
    every token of a document is three array operations.  Words that are several
    tokens ("à la") have no single token hash and are left out."""

    def __init__(self, words):
        words = [w.casefold() for w in words if w and "\n" not in w]
        hashes = np.zeros(0, dtype=np.uint64)
        if words:
            st = _stats_of(words, None)
            single = nonzero(st.ntok == 1)  # the words that are one token
            hashes = st.token_hashes[np.isin(st.token_block, single)]
        self.hashes = unique(hashes.astype(np.uint64))
        bits = max(8, (len(self.hashes) * 64).bit_length())
        self.mask = np.uint64((1 << bits) - 1)
        for shift in range(0, 64 - bits + 1):
            slots = (self.hashes >> np.uint64(shift)) & self.mask
            if len(unique(slots)) == len(slots):
                break
        else:  # pragma: no cover - 64-bit hashes of a few thousand words never all collide
            raise RuntimeError("no collision-free word table")
        self.shift = np.uint64(shift)
        # empty slots hold a value no slot's own words can have (0 hashes to slot 0)
        self.table = np.full(1 << bits, np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
        if len(self.hashes):
            self.table[slots] = self.hashes
        if not len(self.hashes):
            self.table = np.zeros(0, dtype=np.uint64)

    def __len__(self) -> int:
        return len(self.hashes)


@dataclass
class BlockStats:
    """Statistics of the blocks of one document (arrays of one entry per block)."""

    ntok: np.ndarray
    ncjk: np.ndarray
    stop: np.ndarray  # stopword tokens (count)
    clauses: np.ndarray
    ends: np.ndarray  # bool
    digit: np.ndarray  # bool
    token_hashes: np.ndarray  # every token's hash, in document order
    token_block: np.ndarray  # the block of each token
    key_hashes: np.ndarray  # every token's hash with numbers folded
    key_keep: np.ndarray  # False for a token that continues the number before it

    @property
    def stop_share(self) -> np.ndarray:
        return self.stop / np.maximum(1, self.ntok)


_FIELDS = ("ntok", "ncjk", "stop", "clauses", "ends", "digit", "token_hashes", "token_block", "key_hashes",
           "key_keep")
BLOCK_FIELDS = ("ntok", "ncjk", "stop", "clauses", "ends", "digit")  # the rest: per token
TOKEN_FIELDS = ("token_hashes", "key_hashes", "key_keep")


def block_stats(texts: list[str], stopwords: WordSet | None = None) -> BlockStats:
    """Statistics of ``texts`` (block texts without newlines)."""
    if not texts:
        z = np.zeros(0, dtype=np.int64)
        return BlockStats(z, z, z, z, z.astype(bool), z.astype(bool), z.astype(np.uint64), z,
                          z.astype(np.uint64), z.astype(bool))
    total = sum(map(len, texts))
    if total <= _CHUNK_CHARS:
        return _stats_of(texts, stopwords)
    parts, lo, acc = [], 0, 0
    for i, t in enumerate(texts):
        acc += len(t) + 1
        if acc >= _CHUNK_CHARS:
            parts.append(_stats_of(texts[lo:i + 1], stopwords, offset=lo))
            lo, acc = i + 1, 0
    if lo < len(texts):
        parts.append(_stats_of(texts[lo:], stopwords, offset=lo))
    return BlockStats(*(np.concatenate([getattr(p, f) for p in parts]) for f in _FIELDS))


def stop_counts(token_hashes: np.ndarray, token_block: np.ndarray, n: int, stopwords: WordSet | None) -> np.ndarray:
    """How many tokens of each of ``n`` blocks are in ``stopwords``."""
    th = token_hashes
    if stopwords is None or not len(stopwords.table) or not len(th):
        return np.zeros(n, dtype=np.int64)
    hit = stopwords.table[(th >> stopwords.shift) & stopwords.mask] == th
    return np.bincount(token_block, weights=hit, minlength=n).astype(np.int64)


def _per_block(flags: np.ndarray, bit: int, starts: np.ndarray, n: int) -> np.ndarray:
    """How many characters of each block have class ``bit``."""
    pos = nonzero(flags & bit)
    if not len(pos):
        return np.zeros(n, dtype=np.int64)
    return np.bincount(np.searchsorted(starts, pos, side="right") - 1, minlength=n)


def _stats_of(texts: list[str], stopwords, offset: int = 0) -> BlockStats:
    n = len(texts)
    joined = "\n".join(texts)
    folded = joined.lower() if joined.isascii() else joined.casefold()
    cp = code_points(folded)
    f = classify(cp)
    size = len(cp)
    nl = nonzero(cp == 10)
    if len(nl) != n - 1:
        raise ValueError("block texts must not contain newlines")
    starts = np.empty(n, dtype=np.int64)
    starts[0] = 0
    starts[1:] = nl + 1
    has_cjk = bool((f & CJK).any())
    tstart, tend = _tokens(f, has_cjk)
    tblock = np.searchsorted(starts, tstart, side="right") - 1
    ntok = np.bincount(tblock, minlength=n)
    th = _token_hashes(cp, tstart, tend)
    stop = stop_counts(th, tblock, n, stopwords)
    clause = _per_block(f, CLAUSE, starts, n)
    if has_cjk:
        ncjk = _per_block(f, CJK, starts, n)
        nxt = np.ones(size, dtype=bool)  # followed by a space, a block end or the text end
        nxt[:-1] = (f[1:] & SPACE) != 0
        sent = ((f & CJK_SENT) != 0) | (((f & PERIOD) != 0) & nxt)
        pos = nonzero(sent)
        if len(pos):
            extra = np.bincount(np.searchsorted(starts, pos, side="right") - 1, minlength=n)
            clause = clause + np.where(ncjk > 0, extra, 0)
    else:
        ncjk = np.zeros(n, dtype=np.int64)
    digit = _per_block(f, DIGIT, starts, n) > 0
    ends = np.fromiter(map(sentence_end, texts), dtype=bool, count=n)
    if digit.any():
        kh, keep = _key_hashes(cp, f, tstart, tend, tblock, th)
    else:
        kh, keep = th, np.ones(len(th), dtype=bool)
    return BlockStats(ntok, ncjk, stop, clause, ends, digit, th, tblock + offset, kh, keep)


def _tokens(f: np.ndarray, has_cjk: bool) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of each token.  A token is a run of letters, marks,
    digits and ``_`` that begins with a non-CJK character (it runs on through CJK
    characters, as ``text.tokens``' regex does), or a single CJK character."""
    tok = (f & TOK) != 0
    if not has_cjk:
        t8 = np.zeros(len(tok) + 2, dtype=np.int8)
        t8[1:-1] = tok
        d = t8[1:] - t8[:-1]
        return nonzero(d == 1), nonzero(d == -1)
    cjk = (f & CJK) != 0
    w = tok | cjk
    size = len(f)
    idx = np.arange(size)
    prev_w = np.zeros(size, dtype=bool)
    prev_w[1:] = w[:-1]
    run0 = np.maximum.accumulate(np.where(w & ~prev_w, idx, 0))
    ctok = np.cumsum(tok)
    before = np.where(run0 > 0, ctok[np.maximum(run0 - 1, 0)], 0)
    greedy = w & (ctok - before > 0)  # inside a run begun by a non-CJK character
    prev_g = np.zeros(size, dtype=bool)
    prev_g[1:] = greedy[:-1]
    start = w & ~prev_g
    next_w = np.zeros(size, dtype=bool)
    next_w[:-1] = w[1:]
    last = w & (~next_w | ~greedy)
    return nonzero(start), nonzero(last) + 1


def _token_hashes(cp: np.ndarray, tstart: np.ndarray, tend: np.ndarray) -> np.ndarray:
    """Polynomial hashes of the tokens, from one prefix sum over the text."""
    if not len(tstart):
        return np.zeros(0, dtype=np.uint64)
    pw, inv = _powers(len(cp))
    with np.errstate(over="ignore"):
        s = np.zeros(len(cp) + 1, dtype=np.uint64)  # s[k]: the sum over the first k characters
        np.cumsum(cp.astype(np.uint64) * pw[:len(cp)], out=s[1:])
        h = (s[tend] - s[tstart]) * inv[tstart]
        return mix64(h ^ ((tend - tstart).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)))


_NUMBER_JOINERS = ".,:/-"
_JOINER_TABLE = np.zeros(max(map(ord, _NUMBER_JOINERS)) + 2, dtype=bool)  # the last entry: any other character
_JOINER_TABLE[[ord(c) for c in _NUMBER_JOINERS]] = True


def _key_hashes(cp, f, tstart, tend, tblock, th) -> tuple[np.ndarray, np.ndarray]:
    """Token hashes with every digit run folded to one ``0``, and which tokens are
    kept (a token of digits joined to a number before it by one of ``.,:/-`` is not).
    A token without a digit keeps its hash ``th``: only the tokens with digits are
    hashed again (``_folded_hashes``)."""
    size = len(cp)
    digit = (f & DIGIT) != 0
    # the digits of each token (the characters between two tokens are no digits)
    ndigits = np.add.reduceat(digit.astype(np.int64), tstart) if len(tstart) else np.zeros(0, dtype=np.int64)
    kh = th.copy()
    numeric = nonzero(ndigits)
    if len(numeric):
        kh[numeric] = _folded_hashes(cp, digit, tstart[numeric], tend[numeric])
    # a digits-only token right after a number-ending token, one joiner between them
    first_digit = digit[tstart]
    all_digits = (tend - tstart) == ndigits
    keep = np.ones(len(tstart), dtype=bool)
    if len(tstart) > 1:
        gap_one = (tstart[1:] - tend[:-1]) == 1
        joiner = _JOINER_TABLE[np.minimum(cp[np.minimum(tend[:-1], size - 1)], len(_JOINER_TABLE) - 1)]
        prev_ends_digit = digit[tend[:-1] - 1]
        same = tblock[1:] == tblock[:-1]
        keep[1:] = ~(same & gap_one & joiner & prev_ends_digit & first_digit[1:] & all_digits[1:])
    return kh, keep


def _folded_hashes(cp, digit, tstart, tend) -> np.ndarray:
    """The hashes of the tokens [tstart, tend) with each digit run folded to one ``0``:
    ``_token_hashes`` of the folded tokens, from their characters alone (laid end to
    end; a token's first character never continues a digit run)."""
    lengths = tend - tstart
    at = np.cumsum(lengths) - lengths  # each token's start among the gathered characters
    total = int(lengths.sum())
    idx = np.repeat(tstart - at, lengths) + np.arange(total)
    c, d = cp[idx], digit[idx]
    prev = np.zeros(total, dtype=bool)
    prev[1:] = d[:-1]
    prev[at] = False
    keep_char = ~(d & prev)  # later digits of a run: folded into the first
    kcp = np.where(d, np.uint32(48), c)
    # hash over the kept characters only: positions renumbered among them
    rank = np.cumsum(keep_char) - 1
    end = at + lengths
    pw, inv = _powers(total)
    with np.errstate(over="ignore"):
        s = np.cumsum(np.where(keep_char, kcp.astype(np.uint64) * pw[rank], np.uint64(0)))
        hi = s[end - 1]
        lo = np.where(at > 0, s[np.maximum(at - 1, 0)], np.uint64(0))
        klen = (rank[end - 1] - rank[at] + 1).astype(np.uint64)
        h = (hi - lo) * inv[rank[at]]
        return mix64(h ^ (klen * np.uint64(0x9E3779B97F4A7C15)))


_SPACES = "".join(regex.findall(r"\s", "".join(map(chr, range(0x3000 + 1)))))
_CLOSERS = "'\"”’»›」』）)]】〕〉》"
_TERMS = frozenset(".!?。！？…‼⁇⁈⁉؟۔।॥։።፧᙮᠃᠉⳹⳾⸼。︒﹒﹖﹗．｡:;：；")


_TRAILING = frozenset(_SPACES + _CLOSERS)


def sentence_end(text: str) -> bool:
    """``text.SENTENCE_END``: a terminal, then closing quotes/brackets, then spaces."""
    if not text:
        return False
    last = text[-1]
    if last in _TERMS:
        return True
    if last not in _TRAILING:
        return False
    t = text.rstrip(_SPACES).rstrip(_CLOSERS)
    return bool(t) and t[-1] in _TERMS

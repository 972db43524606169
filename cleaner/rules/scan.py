"""Scanning a page for many literals at once, and turning the hits into (block, rule)
pairs: the first step of ``matcher.RuleIndex``.

``LiteralScan`` finds every occurrence of a set of literals with one Hyperscan database
(compiled once and memoized on disk), or with Python's substring search when Hyperscan
is not installed; ``Fanout`` maps each literal to the rules it stands for.
"""
from __future__ import annotations

import numpy as np
import regex

from ..blockstats import nonzero
from ..diskmemo import DiskMemo

try:  # optional accelerator
    import hyperscan as _hs
except ImportError:  # pragma: no cover - exercised by the fallback test
    _hs = None

_BOUNDED = regex.compile(r"[0-9a-z_]")  # after a whole-token lead: it was not a whole token


_HS_DATABASES = DiskMemo("hyperscan-literals", per_entry=True)
_HEX = [f"\\x{b:02x}" for b in range(256)]  # a byte as a Hyperscan escape


def _compile_hs(exprs: list[bytes], flags: list[int]) -> bytes:
    db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
    db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs), flags=flags)
    return _hs.dumpb(db)


class LiteralScan:
    """A set of literals found in text: Hyperscan when available, else str.find."""

    def __init__(self, literals: list[str], anchored: bool, whole: list[bool] | None = None):
        self.literals = literals
        self.anchored = anchored  # only at line starts
        self.whole = whole or [False] * len(literals)  # a whole token: no letter, digit or _ follows
        self.db = None
        if _hs is not None and literals:
            # Anchored literals follow a newline of the padded text ("\n" + text + "\n"):
            # Hyperscan's multi-line "^" misses line starts after a long first line when
            # several anchored patterns share a database (seen with hyperscan 0.9.1), and
            # the padding also gives a whole token at the end its following character.
            exprs = []
            for lit, whole_tok in zip(literals, self.whole):
                body = "".join(map(_HEX.__getitem__, lit.encode("utf-8")))
                if whole_tok:
                    body += "[^0-9a-z_]"
                exprs.append(("\\x0a" + body if anchored else body).encode("ascii"))
            flags = [0] * len(exprs)
            blob = _HS_DATABASES.get((tuple(exprs), anchored), lambda: _compile_hs(exprs, flags))
            self.db = _hs.loadb(blob, _hs.HS_MODE_BLOCK)
            self.db.scratch = _hs.Scratch(self.db)
            # from a match's end to its literal's last byte in the unpadded text
            self._back = np.array([1 + (1 if w else 0) + (1 if anchored else 0) for w in self.whole])
            self._shift = len(literals).bit_length()  # the bits of a literal index in a packed hit

    def find(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(literal indexes, offsets of the literal's last character) of every
        occurrence; offsets count characters of ``text``."""
        if not self.literals:
            return _NONE, _NONE
        if self.db is not None:
            data = text.encode("utf-8")
            found: list = []
            add, shift = found.append, self._shift
            # each hit as one int (its end offset, then its literal index): a list of ints
            # becomes an array several times faster than a list of pairs
            self.db.scan(b"\n" + data + b"\n" if self.anchored else data,
                         match_event_handler=lambda i, _f, to, _fl, _c: add(to << shift | i))
            if not found:
                return _NONE, _NONE
            arr = np.array(found, dtype=np.int64)
            lits = arr & ((1 << shift) - 1)
            last = (arr >> shift) - self._back[lits]
            if not text.isascii():  # byte offsets -> character offsets
                starts = nonzero((np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80)
                last = np.searchsorted(starts, last, side="right") - 1
            return lits, last
        out = []
        for i, lit in enumerate(self.literals):
            if self.anchored:
                at = [len(lit) - 1] if text.startswith(lit) else []
                pos = text.find("\n" + lit)
                while pos >= 0:
                    at.append(pos + len(lit))
                    pos = text.find("\n" + lit, pos + 1)
                if self.whole[i]:
                    at = [a for a in at if a + 1 >= len(text) or not _BOUNDED.match(text[a + 1])]
                out.extend((i, a) for a in at)
            else:
                pos = text.find(lit)
                while pos >= 0:
                    out.append((i, pos + len(lit) - 1))
                    pos = text.find(lit, pos + 1)
        if not out:
            return _NONE, _NONE
        arr = np.array(out, dtype=np.int64)
        return arr[:, 0], arr[:, 1]


_NONE = np.zeros(0, dtype=np.int64)


class Fanout:
    """Literal index -> the rules it stands for, as flat arrays: the (block, rule)
    pairs of many literal hits in a few array operations."""

    SMALL = 32  # fewer hits than this: a Python loop is cheaper than the array operations

    def __init__(self, rules_of: list[list[int]]):
        self.rules_of = rules_of
        counts = np.array([len(r) for r in rules_of], dtype=np.int64)
        self.ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.flat = np.array([i for r in rules_of for i in r], dtype=np.int64)

    def pairs(self, lits: np.ndarray, blocks: np.ndarray) -> np.ndarray:
        if len(lits) < self.SMALL:
            rules_of = self.rules_of
            out = [(b, i) for lit, b in zip(lits.tolist(), blocks.tolist()) for i in rules_of[lit]]
            return np.array(out, dtype=np.int64).reshape(-1, 2)
        lo, hi = self.ptr[lits], self.ptr[lits + 1]
        counts = hi - lo
        total = int(counts.sum())
        if not total:
            return np.zeros((0, 2), dtype=np.int64)
        first = np.repeat(lo - (np.cumsum(counts) - counts), counts)  # flat index minus running offset
        rules = self.flat[first + np.arange(total)]
        return np.stack([np.repeat(blocks, counts), rules], axis=1)

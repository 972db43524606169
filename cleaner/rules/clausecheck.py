"""The conjunctive prefilter of the regex rules (a regex costs more than a scan for its
clauses' literals), the last step of ``matcher.RuleIndex``'s candidates: such a rule's
``literals.clauses`` are sets of literals one of which the block must hold (besides the
literal that made it a candidate); a (block, rule) pair whose rule has a clause the
block does not meet is dropped."""
from __future__ import annotations

import numpy as np

from ..blockstats import nonzero, unique
from .scan import Fanout, LiteralScan

SMALL_PAIRS = 64  # fewer candidate pairs than this meet their clauses through sets, not arrays
_EMPTY = np.zeros(0, dtype=np.int64)
_DIGIT_CHARS = frozenset("0123456789")


class ClauseCheck:
    """``n`` clauses; ``literals``: literal -> the clauses it meets; ``per_rule``: the
    clauses of each rule (by rule index); ``digit``: the clauses a decimal digit meets."""

    def __init__(self, n: int, literals: dict[str, list[int]], per_rule: list[list[int]], digit: list[int]):
        self.n = n
        # a literal holding a newline could span two blocks: then the whole page is scanned
        self.local = not any("\n" in lit for lit in literals)
        # one ASCII digit is looked up in each block (a scan would report its every occurrence)
        scanned = [lit for lit in literals if lit not in _DIGIT_CHARS]
        chars = sorted(lit for lit in literals if lit in _DIGIT_CHARS)
        self.scan = LiteralScan(scanned, anchored=False)
        self.fan = Fanout([literals[lit] for lit in scanned + chars])
        # ASCII digit -> its literal index in ``fan`` (-1: in no clause)
        self.char_lit = np.full(10, -1, dtype=np.int64)
        for k, ch in enumerate(chars):
            self.char_lit[ord(ch) - 48] = len(scanned) + k
        self.chars = bool(chars)
        # whether a rule has a clause literal to scan for
        scanned_clauses = {c for lit in scanned for c in literals[lit]}
        self.scanned = np.array([any(c in scanned_clauses for c in cs) for cs in per_rule], dtype=bool)
        self.of_rule = Fanout(per_rule)
        self.has = np.array([bool(c) for c in per_rule], dtype=bool)
        self.digit = np.array(digit, dtype=np.int64)
        self.is_digit = np.zeros(n, dtype=bool)
        self.is_digit[self.digit] = True
        self.digit_set = frozenset(digit)

    def hits(self, sel: np.ndarray, folded: str, starts: np.ndarray, ends: np.ndarray, cp: np.ndarray):
        """(literal indexes, blocks) of the clause literals found in the blocks of the
        pairs ``sel``: only the blocks of pairs whose rule has a literal to scan for are
        scanned, one line each, when no clause literal holds a newline (else a hit might
        span two blocks: the page is scanned); the clause digits of every block of the
        page (``cp``: its code points) are read off the array, once per block."""
        lits, where = _EMPTY, _EMPTY
        blocks = sel[self.scanned[sel[:, 1]], 0]
        if not self.local:  # pragma: no cover - no built-in literal holds a newline
            lits, at = self.scan.find(folded)
            where = np.searchsorted(starts, at, side="right") - 1
        elif len(blocks):
            blocks = unique(blocks)
            lo, hi = starts[blocks].tolist(), ends[blocks].tolist()
            lits, at = self.scan.find("\n".join([folded[a:z] for a, z in zip(lo, hi)]))
            if len(lits):
                line_starts = np.concatenate([[0], np.cumsum(ends[blocks] - starts[blocks] + 1)[:-1]])
                where = blocks[np.searchsorted(line_starts, at, side="right") - 1]
        if not self.chars:
            return lits, where
        pos = nonzero((cp >= 48) & (cp <= 57))
        lit = self.char_lit[cp[pos] - 48]
        pos, lit = pos[lit >= 0], lit[lit >= 0]
        if not len(pos):
            return lits, where
        width = len(self.fan.rules_of)
        keys = unique((np.searchsorted(starts, pos, side="right") - 1) * width + lit)
        asked = np.zeros(len(starts), dtype=bool)  # the blocks of the pairs (one mask, not a set lookup)
        asked[sel[:, 0]] = True
        keys = keys[asked[keys // width]]
        return np.concatenate([lits, keys % width]), np.concatenate([where, keys // width])

    def meet(self, pairs: np.ndarray, folded: str, starts: np.ndarray, ends: np.ndarray,
             digit: np.ndarray, cp: np.ndarray) -> np.ndarray:
        """The (block, rule) pairs whose rule's clauses all hold in the block (``cp``:
        the code points of ``folded``)."""
        need = self.has[pairs[:, 1]]
        if not need.any():
            return pairs
        sel = pairs[need]
        if len(sel) < SMALL_PAIRS:
            return self._meet_few(pairs, need, sel, folded, starts, ends, digit, cp)
        width = self.n
        lits, where = self.hits(sel, folded, starts, ends, cp)
        if len(lits):
            found = self.fan.pairs(lits, where)
            held = unique(found[:, 0] * width + found[:, 1])
        else:
            held = _EMPTY
        asked = self.of_rule.pairs(sel[:, 1], np.arange(len(sel)))  # (pair, clause)
        blocks = sel[asked[:, 0], 0]
        keys = blocks * width + asked[:, 1]
        k = np.searchsorted(held, keys)
        ok = (k < len(held)) & (held[np.minimum(k, max(len(held) - 1, 0))] == keys) if len(held) else \
            np.zeros(len(keys), dtype=bool)
        if len(self.digit):  # a digit clause holds in every block with a digit
            ok |= self.is_digit[asked[:, 1]] & digit[blocks]
        failed = np.zeros(len(sel), dtype=bool)
        failed[asked[~ok, 0]] = True
        keep = ~need
        keep[nonzero(need)[~failed]] = True
        return pairs[keep]

    def _meet_few(self, pairs, need, sel, folded, starts, ends, digit, cp) -> np.ndarray:
        """``meet`` for a few pairs, with sets instead of arrays."""
        held = set()
        lits, where = self.hits(sel, folded, starts, ends, cp)
        if len(lits):
            clauses_of = self.fan.rules_of
            for lit, b in zip(lits.tolist(), where.tolist()):
                for c in clauses_of[lit]:
                    held.add((b, c))
        digit_clauses = self.digit_set
        rule_clauses = self.of_rule.rules_of
        keep = ~need
        where = nonzero(need).tolist()
        for k, (b, i) in enumerate(sel.tolist()):
            has_digit = bool(digit[b])
            if all((b, c) in held or (has_digit and c in digit_clauses) for c in rule_clauses[i]):
                keep[where[k]] = True
        return pairs[keep]


__all__ = ["ClauseCheck", "SMALL_PAIRS"]

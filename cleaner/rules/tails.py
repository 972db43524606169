"""How every match of a rule matched to the block end finishes: its last character.

A rule matched against the whole block (``match: full``, section headers) ends every
match at the block end (``\\Z``), so the block's last character is the last character
its regex consumed.  ``tail_class`` reads, from the pattern's shape (``regex_ast``),
the characters and character sets that can be consumed last; ``TailCheck`` tells
whether a block's last character is one of them (memoized per character).  Blocks
ending otherwise (most sentences end with a full stop; a date line ends with a digit)
cannot match and are not tried (``matcher.RuleIndex.match``).  Sound: whenever the
regex matches, the check holds; a pattern the parser cannot model gets no check.
"""
from __future__ import annotations

import regex

from .regex_ast import Alt, Assert, Lit, Rep, Set, Unknown, parse

_END = ("\\Z", "\\z")
_OPAQUE = (".", "\\X", "\\R")  # any character, or atoms that may consume several


def _last(seq: tuple) -> tuple[set, bool]:
    """(atoms that can consume the last character of a match of ``seq``, whether a
    match of ``seq`` can be empty)."""
    atoms: set = set()
    for node in reversed(seq):
        if isinstance(node, Assert):
            continue  # zero-width
        if isinstance(node, (Lit, Set)):
            atoms.add(node)
            return atoms, False
        if isinstance(node, Alt):
            empty = False
            for opt in node.options:
                got, e = _last(opt)
                atoms |= got
                empty = empty or e
            if not empty:
                return atoms, False
            continue
        if isinstance(node, Rep):
            if node.hi == 0:
                continue
            got, e = _last((node.node,))
            atoms |= got
            if node.lo > 0 and not e:
                return atoms, False
            continue
        raise Unknown(f"node {node!r}")
    return atoms, True


def tail_class(source: str) -> str | None:
    """A pattern matching (as one character, case-insensitively) every character a
    match of ``source`` can end with, when every branch of ``source`` ends at the
    block end; None when that cannot be told or is not so."""
    try:
        seq = parse(source)
        if regex.compile(source, regex.V0 | regex.IGNORECASE).flags & regex.FULLCASE:
            return None  # a character may then match several
    except (Unknown, ValueError, IndexError, RecursionError, regex.error):
        return None
    branches = seq[0].options if len(seq) == 1 and isinstance(seq[0], Alt) else (seq,)
    atoms: set = set()
    for br in branches:
        if not br or not isinstance(br[-1], Assert) or br[-1].src not in _END:
            return None
        try:
            got, _ = _last(br[:-1])
        except Unknown:
            return None
        atoms |= got
    if not atoms or any(isinstance(a, Set) and a.src in _OPAQUE for a in atoms):
        return None
    parts = sorted(regex.escape(a.ch) if isinstance(a, Lit) else a.src for a in atoms)
    return "|".join(parts)


class TailCheck(dict):
    """Whether a block's last character can end a match (see ``tail_class``):
    ``check[ch]`` (or ``check(ch)``), a dict of the characters asked about, filled on
    a miss, so that a character seen before costs one lookup.  The pattern is compiled
    when a block first asks: most rules of a run never get one."""

    __slots__ = ("pattern", "_rx")

    def __init__(self, pattern: str):
        super().__init__()
        self.pattern = pattern
        self._rx = None

    def __missing__(self, ch: str) -> bool:
        if self._rx is None:
            self._rx = regex.compile(f"(?:{self.pattern})", regex.V0 | regex.IGNORECASE)
        ok = self[ch] = self._rx.fullmatch(ch) is not None
        return ok

    __call__ = dict.__getitem__


__all__ = ["tail_class", "TailCheck"]

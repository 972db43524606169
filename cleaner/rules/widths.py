"""How long a block a rule matched to the block end can match: the most characters
its pattern can consume.

A rule matched against the whole block (``match: full``, section headers) consumes the
whole block, so a block longer than the most its pattern can consume cannot match.
``max_width`` reads that bound off the pattern's shape (``regex_ast``): a literal or a
character set consumes one character, a repetition its upper bound times its body.  A
pattern with an unbounded repetition (``\\s+``, ``.*``), an atom that may consume
several characters (``\\X``, ``\\R``, full case folding), a branch not ending at the
block end, or a construct the parser does not model gets no bound.  The matcher does
not try a rule on longer blocks (``matcher.RuleIndex``).  Sound: whenever the regex
matches, the block is no longer than the bound.
"""
from __future__ import annotations

import regex

from .regex_ast import Alt, Assert, Lit, Rep, Set, Unknown, parse

_END = ("\\Z", "\\z")
_SEVERAL = ("\\X", "\\R")  # atoms that may consume several characters
# an inline flag that turns on full case folding (the rules are compiled without it):
# found in the source's text, which may over-find (then there is no bound)
_FULLCASE = regex.compile(r"\(\?[\w-]*(?:f|V1)")


class _Unbounded(Exception):
    pass


def _width(seq: tuple) -> int:
    """The most characters a match of ``seq`` can consume (``_Unbounded``: no bound)."""
    total = 0
    for node in seq:
        if isinstance(node, Assert):
            continue
        if isinstance(node, Lit):
            total += 1
        elif isinstance(node, Set):
            if node.src in _SEVERAL:
                raise _Unbounded
            total += 1
        elif isinstance(node, Alt):
            total += max(_width(opt) for opt in node.options)
        elif isinstance(node, Rep):
            body = _width((node.node,))
            if body and node.hi is None:
                raise _Unbounded
            total += body * (node.hi or 0)
        else:
            raise Unknown(f"node {node!r}")
    return total


def max_width(source: str) -> int | None:
    """The most characters a block matching ``source`` (every branch ending at the
    block end) can hold; None when that cannot be told or is unbounded."""
    try:
        if _FULLCASE.search(source):
            return None  # a character may then match several
        seq = parse(source)
        branches = seq[0].options if len(seq) == 1 and isinstance(seq[0], Alt) else (seq,)
        if any(not br or not isinstance(br[-1], Assert) or br[-1].src not in _END for br in branches):
            return None
        return max(_width(br) for br in branches)
    except (_Unbounded, Unknown, ValueError, IndexError, RecursionError, regex.error):
        return None


__all__ = ["max_width"]

"""Backtracking risk of a rule's regex, read off its source (``regex_ast``).

A pattern whose match time may grow faster than the text (a repetition of a group
that itself repeats or has alternatives, ``(\\w+\\s?)+``) runs with the time limit on
every block; any other runs without it on blocks of up to ``matcher.SAFE_CHARS``
characters.
"""
from __future__ import annotations

from ..diskmemo import DiskMemo
from .regex_ast import Alt, Rep, Unknown, parse


def risky(source: str) -> bool:
    """Whether a pattern may backtrack badly: a repetition (``*``, ``+``, ``{n,m}``
    with m > 1) of a group that itself repeats or has alternatives.  Only such
    patterns need a time limit on blocks of up to ``matcher.SAFE_CHARS`` characters
    (longer blocks get one whatever the pattern); a pattern this parser does not model
    counts as risky."""
    return _RISKY.get(source, lambda: _risky_source(source))


_RISKY = DiskMemo("rule-risky")


def _risky_source(source: str) -> bool:
    try:
        return _risky(parse(source))
    except (Unknown, ValueError, IndexError, RecursionError):
        return True


def _varies(node) -> bool:
    if isinstance(node, Rep):
        return node.hi is None or node.hi != node.lo or _varies(node.node)
    if isinstance(node, Alt):
        return len(node.options) > 1 or any(_varies(n) for opt in node.options for n in opt)
    return False


def _risky(seq) -> bool:
    for node in seq:
        if isinstance(node, Rep):
            if (node.hi is None or node.hi > 1) and _varies(node.node):
                return True
            if _risky((node.node,)):
                return True
        elif isinstance(node, Alt) and any(_risky(opt) for opt in node.options):
            return True
    return False

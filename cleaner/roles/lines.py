"""Line shapes read from the rule packs: a line of code or a shell command (evidence for
documentation pages) and a price (shop pages and item grids).

The knowledge is the common pack's: ``code_line_patterns`` (regular expressions a code
line begins with, case as written) and ``currency_codes`` (codes a price may carry
instead of a currency sign, "99 EUR").  Page texts are stripped and on one line, so no
space stands before or after a line's text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, takewhile
from operator import itemgetter

import regex

from ..rules.regex_ast import Lit, Unknown, parse

_CODE_END = frozenset("{}")  # a line of code may end in a brace ...
# ... or in a semicolon, when it is short or holds a sign of code: the items of a prose list
# ("does not correspond with the subject of the post;") end in semicolons too
_CODE_SIGN = regex.compile(r"[=(){}\[\]<>:]")
_SHORT_STATEMENT = 3  # words


@dataclass(frozen=True)
class LineShapes:
    """Line shapes read from the packs: ``code`` tells a line of code or a shell command
    (it ends in a brace, or in a semicolon after a short statement or a sign of code, or it
    begins with one of the packs' ``code_line_patterns``); ``price`` a price ("$12", "12,50 €", "99 EUR": a currency sign
    before or after the number, or one of the ``currency_codes`` after it)."""

    code_start: "regex.Pattern"
    price: "regex.Pattern"
    line_scan: "re.Pattern | None"  # a line break before the opening of a ``code_start`` match

    def code(self, text: str) -> bool:
        """A stripped one-line text that reads as a line of code or a shell command (page
        texts are stripped and on one line, so no space stands before or after it)."""
        end = text[-1:]
        if end in _CODE_END or self.code_start.match(text) is not None:
            return True
        return end == ";" and (len(text.split(None, _SHORT_STATEMENT)) <= _SHORT_STATEMENT
                               or _CODE_SIGN.search(text) is not None)

    def code_lines(self, texts: list[str]) -> list[int]:
        """The blocks whose text is a line of code (``code``), in page order: ``code`` is
        asked only of the blocks that end in a brace or a semicolon (one scan of the string of
        the blocks' last characters) and of those where ``code_starts`` finds a match."""
        lasts = "".join(map(_LAST, texts))
        if len(lasts) != len(texts):  # empty blocks: stand a newline for each
            lasts = "".join([t[-1:] or "\n" for t in texts])
        maybe = {m.start() for m in _CODE_LAST.finditer(lasts)}
        code = self.code
        return [i for i in sorted(maybe.union(self.code_starts(texts))) if code(texts[i])]

    def code_starts(self, texts: list[str]) -> list[int]:
        """The blocks where ``code_start`` may match, in page order: those that open with the
        ``prefix`` of one of its patterns, from one scan of the texts joined by line breaks;
        every block when a pattern has no known opening or a text holds a line break."""
        joined = "\n" + "\n".join(texts)
        if self.line_scan is None or joined.count("\n") != len(texts):
            return list(range(len(texts)))
        at = [m.start() for m in self.line_scan.finditer(joined)]
        if not at:
            return []
        starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
        return [bisect_left(starts, k) for k in at]


# a price opens with a currency sign or a digit (``price`` below): only the blocks that open
# with one of these are matched (``opening``)
PRICE_LEAD = r"[\p{Sc}\d]"


def prefix(pattern: str) -> str:
    """The literal characters every match of ``pattern`` (a ``regex`` pattern) opens with: the
    leading literals of its parse (``rules.regex_ast``), up to the first other construct; ""
    (no known opening) when it parses as an alternation, which may match without them, holds
    a ``(?`` group, which may set flags for them, or is beyond the parser."""
    if "(?" in pattern:
        return ""
    try:
        seq = parse(pattern)
    except Unknown:
        return ""
    return "".join(node.ch for node in takewhile(lambda node: isinstance(node, Lit), seq))


def _prefix_scan(patterns: tuple):
    """A line break before one of the ``prefix``es of ``patterns`` (None: a pattern has none):
    the standard library's engine finds those literal strings much faster than ``regex``
    tries the patterns themselves."""
    heads = sorted({prefix(p) for p in patterns})
    if not heads or not heads[0]:
        return None
    return re.compile("\n(?=" + "|".join(re.escape(h) for h in heads) + ")")


_CODE_LAST = regex.compile(r"[{};]")  # the last characters ``code`` may take without ``code_start``


@lru_cache(maxsize=16)
def _line_shapes(code_patterns: tuple, currency_codes: tuple) -> LineShapes:
    codes = "|".join(regex.escape(c) for c in sorted(currency_codes, key=lambda c: (-len(c), c)))
    unit = r"[\p{Sc}]" + (f"|{codes}" if codes else "")
    start = "|".join(f"(?:{p})" for p in code_patterns) or r"(?!)"
    return LineShapes(
        code_start=regex.compile(start),
        line_scan=_prefix_scan(code_patterns),
        price=regex.compile(rf"^(?:[\p{{Sc}}]\s?\d[\d.,]*|\d[\d.,]*\s?(?:{unit}))(?:\s|$)"))


@lru_cache(maxsize=16)
def _lead(char_class: str) -> "regex.Pattern":
    return regex.compile(char_class)


_FIRST = itemgetter(slice(0, 1))
_LAST = itemgetter(slice(-1, None))


def opening(texts: list[str], char_class: str) -> list[int]:
    """The blocks whose text opens with a character of ``char_class`` (a regular expression
    of one character, never a newline), in page order: one scan of the string of the
    blocks' first characters (a newline for an empty block), instead of one match per
    block.  A line shape that can only open with such a character is then tried on these
    blocks alone."""
    heads = "".join(map(_FIRST, texts))
    if len(heads) != len(texts):  # empty blocks: stand a newline for each
        heads = "".join([t[:1] or "\n" for t in texts])
    return [m.start() for m in _lead(char_class).finditer(heads)]


def line_shapes(rules) -> LineShapes:
    """The line shapes of the loaded packs (the common pack's lexicons, case as written)."""
    return _line_shapes(rules.exact_words("code_line_patterns"), rules.exact_words("currency_codes"))


CODE_MIN_LINES = 3  # lines of code a code block has at least
CODE_GAP = 2  # other kept blocks (a comment line: "initialize git") between two of its lines at most


def code_blocks(code: set[int], cls) -> list[int]:
    """The kept blocks (``cls[i]`` not None) of the page's code blocks: ``CODE_MIN_LINES`` or
    more lines of code (``code``: the blocks that are ``LineShapes.code_lines`` or that the
    parser read as code), each at most ``CODE_GAP`` other kept blocks after the one before,
    those between included."""
    out: list[int] = []
    run: list[int] = []
    for i, c in enumerate(cls):
        if c is None:
            continue
        if i in code:
            if run and sum(cls[k] is not None for k in range(run[-1] + 1, i)) > CODE_GAP:
                run = []
            run.append(i)
            if len(run) == CODE_MIN_LINES:
                out.extend(k for k in range(run[0], i + 1) if cls[k] is not None)
            elif len(run) > CODE_MIN_LINES:
                out.extend(k for k in range(run[-2] + 1, i + 1) if cls[k] is not None)
    return out

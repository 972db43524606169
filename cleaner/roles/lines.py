"""Line shapes read from the rule packs: a line of code or a shell command (evidence for
documentation pages) and a price (shop pages and item grids).

The knowledge is the common pack's: ``code_line_patterns`` (regular expressions a code
line begins with, case as written) and ``currency_codes`` (codes a price may carry
instead of a currency sign, "99 EUR").  Page texts are stripped and on one line, so no
space stands before or after a line's text.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

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

    def code(self, text: str) -> bool:
        """A stripped one-line text that reads as a line of code or a shell command (page
        texts are stripped and on one line, so no space stands before or after it)."""
        end = text[-1:]
        if end in _CODE_END or self.code_start.match(text) is not None:
            return True
        return end == ";" and (len(text.split(None, _SHORT_STATEMENT)) <= _SHORT_STATEMENT
                               or _CODE_SIGN.search(text) is not None)


@lru_cache(maxsize=16)
def _line_shapes(code_patterns: tuple, currency_codes: tuple) -> LineShapes:
    codes = "|".join(regex.escape(c) for c in sorted(currency_codes, key=lambda c: (-len(c), c)))
    unit = r"[\p{Sc}]" + (f"|{codes}" if codes else "")
    return LineShapes(
        code_start=regex.compile("|".join(f"(?:{p})" for p in code_patterns) or r"(?!)"),
        price=regex.compile(rf"^(?:[\p{{Sc}}]\s?\d[\d.,]*|\d[\d.,]*\s?(?:{unit}))(?:\s|$)"))


def line_shapes(rules) -> LineShapes:
    """The line shapes of the loaded packs (the common pack's lexicons, case as written)."""
    return _line_shapes(rules.exact_words("code_line_patterns"), rules.exact_words("currency_codes"))

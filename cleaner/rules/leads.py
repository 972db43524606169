"""How every match of a rule anchored at the block start begins: its lead literals.

For rules matched at the block start (``match: full/start``, section headers, protect
rules): skipping the characters that are not letters, marks or digits (``»``, ``(``,
spaces, bullets), a match starts with one of a few literals ("lesen sie", "von"; "©"
does not count: it is skipped), or with a digit.  ``literals.dispatch`` reads the
leads of each branch; blocks are then dispatched on their own leading text, so a
block meets only the rules that may begin like it.  Sound: whenever the regex
matches, the block begins as its leads say.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .charclass import MAX_SET_LITERALS, all_chars, fold, has_non_word, is_word, set_members
from .regex_ast import Alt, Assert, Lit, Rep, Set, Unknown


@dataclass(frozen=True)
class Leads:
    """How a match begins once leading non-word characters are skipped.

    literals: casefolded prefixes, one of which the rest starts with;
    digit: the rest may start with a decimal digit instead;
    bare: the match may hold no word character at all;
    any: cannot tell (the rule meets every block)."""

    literals: frozenset = frozenset()
    digit: bool = False
    bare: bool = False
    any: bool = False

    def __or__(self, other: "Leads") -> "Leads":
        return Leads(self.literals | other.literals, self.digit or other.digit, self.bare or other.bare,
                     self.any or other.any)


ANY = Leads(any=True)
BARE = Leads(bare=True)


WHOLE = "\x00"  # marks a lead literal that a non-word character (or the block end) must follow


def _run(seq: tuple, start: int, tail: bool) -> str:
    """The literal run beginning with the word character seq[start] (a Lit), marked
    ``WHOLE`` when what follows it cannot begin with a word character."""
    out = [seq[start].ch]
    nxt = None
    for j in range(start + 1, len(seq)):
        node = seq[j]
        if isinstance(node, Lit):
            out.append(node.ch)
        elif isinstance(node, Rep) and node.lo >= 1 and isinstance(node.node, Lit):
            out.append(node.node.ch)
            break
        else:
            nxt = node
            break
    lit = "".join(out).casefold()
    if is_word(lit[-1]) and _ends_word(nxt):
        lit += WHOLE
    return lit


def _ends_word(node) -> bool:
    """Whether ``node`` (what follows a literal) makes the literal end a word: the
    end of the block, a word boundary, or a character that is not a word character."""
    if isinstance(node, Assert):
        return node.src in ("\\Z", "\\z", "$", "\\b")
    if isinstance(node, Rep) and node.lo >= 1:
        node = node.node
    if isinstance(node, Set):
        return not set_members(node.src, True)[1]
    return False


def leads_of(seq: tuple, ci: bool, tail: bool) -> Leads:
    """Leads of a sequence.  ``tail``: the sequence ends the pattern (reaching its
    end means the match held no word character)."""
    acc = Leads()
    for i, node in enumerate(seq):
        rest = seq[i + 1:]
        if isinstance(node, Assert):
            continue
        if isinstance(node, Lit):
            if is_word(node.ch):
                return acc | Leads(literals=frozenset([_run(seq, i, tail)]))
            continue  # a non-word literal is skipped like the block's own leading symbols
        if isinstance(node, Set):
            small, wordy, digits = set_members(node.src, ci)
            if not wordy:
                continue
            if digits:
                acc = acc | Leads(digit=True)
            elif small:
                acc = acc | Leads(literals=frozenset(small))
            else:
                return ANY
            # the set may also match a non-word character: then the lead comes later
            return acc | leads_of(rest, ci, tail) if has_non_word(node.src, ci) else acc
        if isinstance(node, Alt):
            if len(node.options) == 1 and not rest:
                return acc | leads_of(node.options[0], ci, tail)
            out = acc
            for opt in node.options:
                out = out | leads_of(tuple(opt) + rest, ci, tail)
            return out
        if isinstance(node, Rep):
            inner = node.node
            once = (inner,) + rest if node.hi == 1 else (inner,)
            first = leads_of(once, ci, tail if node.hi == 1 else False)
            if node.hi != 1 and first.bare:
                # one copy may hold no word character: the lead may come from a later
                # copy (the same node: already counted) or from what follows
                first = Leads(first.literals, first.digit, False, first.any) | leads_of(rest, ci, tail)
            if node.lo == 0:
                return acc | first | leads_of(rest, ci, tail)
            return acc | first
        raise Unknown(f"node {node!r}")
    return acc | BARE


def first_chars(seq: tuple, ci: bool) -> set[str] | None:
    """The (folded) characters a match of the sequence must begin with, when its
    first element is a mandatory literal or a small character set."""
    for node in seq:
        if isinstance(node, Assert):
            continue
        if isinstance(node, Rep) and node.lo >= 1:
            node = node.node
        if isinstance(node, Lit):
            return {fold(node.ch)[:1] or node.ch}
        if isinstance(node, Set):
            found = regex.compile(node.src, regex.V0 | (regex.IGNORECASE if ci else 0)).findall(all_chars())
            if 0 < len(found) <= MAX_SET_LITERALS:
                return {fold(c)[:1] or c for c in found}
        return None
    return None

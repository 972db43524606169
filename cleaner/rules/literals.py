"""Cheap necessary conditions for a rule's regex, read off its source.

Two analyses over ``regex_ast``; both are *sound*: whenever the regex matches a
block, the condition holds, so a block that fails it never needs the regex.  When
an analysis cannot tell, it says so and the rule is tried on every block.

- ``triggers(source)``: literal strings one of which every match *contains*
  (compared on ``fold``-ed text).  For rules searched anywhere in a block
  (``match: any``): the document is scanned once for all triggers.
- leads (``dispatch(source, anchored=True)``): how every match *begins*, for rules anchored at the block
  start (``match: full/start``, section headers, protect rules).  Skipping the
  characters that are not letters, marks or digits (``»``, ``(``, spaces, bullets),
  a match starts with one of a few literals ("lesen sie", "von", "©" does not
  count: it is skipped), or with a digit.  Blocks are dispatched on their own
  leading text, so a block meets only the rules that may begin like it.

Word characters here are Unicode letters, marks and digits (categories L, M, N):
``is_word``.  Both sides are compared casefolded, which is a superset of every
case-insensitive match.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..diskmemo import DiskMemo
from .regex_ast import Alt, Assert, Lit, Rep, Set, Unknown, parse

MIN_TRIGGER = 3
MAX_SET_LITERALS = 8
_COMBINING = regex.compile(r"[\p{Mn}\p{Me}]+")


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]")


def is_word(ch: str) -> bool:
    """A letter, mark or digit (by the regex module's Unicode tables, which the rule
    regexes themselves use)."""
    return _WORD.match(ch) is not None


# -- probing character sets ------------------------------------------------------------

@lru_cache(maxsize=1)
def _all_chars() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@lru_cache(maxsize=1)
def _word_chars() -> tuple[str, str]:
    """(every word character, every word character that is not a decimal digit)."""
    words = "".join(_WORD.findall(_all_chars()))
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


# -- leads -------------------------------------------------------------------------------

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


def _leads(seq: tuple, ci: bool, tail: bool) -> Leads:
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
            return acc | _leads(rest, ci, tail) if _has_non_word(node.src, ci) else acc
        if isinstance(node, Alt):
            if len(node.options) == 1 and not rest:
                return acc | _leads(node.options[0], ci, tail)
            out = acc
            for opt in node.options:
                out = out | _leads(tuple(opt) + rest, ci, tail)
            return out
        if isinstance(node, Rep):
            inner = node.node
            once = (inner,) + rest if node.hi == 1 else (inner,)
            first = _leads(once, ci, tail if node.hi == 1 else False)
            if node.hi != 1 and first.bare:
                # one copy may hold no word character: the lead may come from a later
                # copy (the same node: already counted) or from what follows
                first = Leads(first.literals, first.digit, False, first.any) | _leads(rest, ci, tail)
            if node.lo == 0:
                return acc | first | _leads(rest, ci, tail)
            return acc | first
        raise Unknown(f"node {node!r}")
    return acc | BARE


@lru_cache(maxsize=4096)
def _has_non_word(src: str, ci: bool) -> bool:
    """Whether a character set can match a character that is not a word character."""
    flags = regex.V0 | (regex.IGNORECASE if ci else 0)
    return regex.compile(src, flags).search(_non_word_chars()) is not None


@lru_cache(maxsize=1)
def _non_word_chars() -> str:
    return "".join(regex.findall(r"[^\p{L}\p{M}\p{N}]", _all_chars()))


# -- triggers ----------------------------------------------------------------------------

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
    return _COMBINING.sub("", t)


def triggers(source: str, case_sensitive: bool = False) -> frozenset[str] | None:
    """Literal strings one of which every match of ``source`` contains (compare them
    with ``fold(text)``), or None.  ``case_sensitive`` rules are folded too: that is
    sound (a superset test)."""
    try:
        out = _required(parse(source))
    except (Unknown, ValueError, IndexError, RecursionError):
        return None
    if not out:
        return None
    return frozenset(fold(x) for x in out)


DIGIT = "\x00digit"  # pseudo-trigger: "the block holds a decimal digit"
_COMMON_PUNCT = frozenset(".,:;-'\"()/!?")


def _score(lit: str) -> float:
    """How selective a trigger is (0: unusable): its length without surrounding
    spaces once folded; a run of uncommon symbols ('@', '>>', '#') and the digit
    condition count as a little less than three letters."""
    if lit == DIGIT:
        return 2.5
    t = fold(lit).strip()
    if not t:
        return 0.0
    if not t.isascii() and len(t.encode("utf-8")) > len(t):
        return max(3.0, float(len(t)))  # a CJK/Cyrillic/... character is selective on its own
    if len(t) >= MIN_TRIGGER:
        return float(len(t))
    if not any(c.isalnum() for c in t) and t not in _COMMON_PUNCT:
        return 2.7
    return 0.0


def _relaxed_score(lit: str) -> float:
    if lit == DIGIT:
        return 2.5
    t = fold(lit).strip()
    return float(len(t)) if len(t) >= 2 else 0.0


def _best(candidates: list[set[str]], relaxed: bool = False) -> set[str] | None:
    """The most selective usable literal set: the highest score of its least
    selective literal, then the fewest literals.  ``relaxed``: when nothing better
    exists, a two-character literal ('v.') will do."""
    score = _relaxed_score if relaxed else _score
    scored = [(min(map(score, c)), -len(c), sorted(c)) for c in candidates if c]
    scored = [x for x in scored if x[0] > 0]
    if not scored:
        return None
    return set(max(scored)[2])


def _required(seq: tuple, relaxed: bool = False) -> set[str] | None:
    """Literals one of which every match of the sequence contains: its longest
    mandatory literal run, else the smallest mandatory group whose every
    alternative has one.  A literal run directly followed by a mandatory group of
    literal alternatives makes one literal per alternative (``\\.(?:com|io)`` gives
    ``.com`` and ``.io``)."""
    runs: list[str] = []
    run: list[str] = []
    groups: list[set[str]] = []

    def end_run():
        if run:
            runs.append("".join(run))
            run.clear()

    for node in seq:
        if isinstance(node, Lit):
            run.append(node.ch)
            continue
        if isinstance(node, Rep) and isinstance(node.node, Lit) and node.lo >= 1:
            run.append(node.node.ch)  # repeated: the run cannot continue past it
            end_run()
            continue
        prefix = "".join(run)
        end_run()
        alt = node.node if isinstance(node, Rep) and node.lo >= 1 else node
        if isinstance(alt, Set):
            chars = _set_literals(alt.src)
            if chars:
                groups.append(chars)
            continue
        if isinstance(alt, Alt):
            sub: set[str] | None = set()
            for opt in alt.options:
                r = _required(opt, relaxed)
                if r is None:
                    sub = None
                    break
                sub |= r
            if sub:
                groups.append(sub)
            starts = _literal_options(alt)
            if prefix and starts:
                groups.append({prefix + x for x in starts})
    end_run()
    return _best([{r} for r in runs] + groups, relaxed)


def _set_literals(src: str) -> set[str] | None:
    """A mandatory character set as triggers: the digit condition when it holds
    only digits among word characters and no other character, or its characters
    when it holds a few non-word characters only."""
    small, wordy, digits = set_members(src, True)
    if wordy:
        return {DIGIT} if digits and not _has_non_word(src, True) else None
    found = regex.compile(src, regex.V0 | regex.IGNORECASE).findall(_non_word_chars())
    return set(found) if 0 < len(found) <= MAX_SET_LITERALS else None


def _literal_options(alt: Alt) -> set[str] | None:
    """The literal each alternative of a group starts with (None if one does not)."""
    out = set()
    for opt in alt.options:
        lit = []
        for node in opt:
            if not isinstance(node, Lit):
                break
            lit.append(node.ch)
        if not lit:
            if len(opt) == 1 and isinstance(opt[0], Alt):
                inner = _literal_options(opt[0])
                if inner is None:
                    return None
                out |= inner
                continue
            return None
        out.add("".join(lit))
    return out


# -- per-branch conditions -------------------------------------------------------------------

def branches(source: str) -> list[tuple]:
    """The top-level alternatives of a pattern (nested single groups opened), each
    with the zero-width assertions that follow its group."""
    seq = parse(source)
    out: list[tuple] = []
    _split(seq, out)
    return out


def _split(seq: tuple, out: list) -> None:
    if seq and isinstance(seq[0], Alt) and all(isinstance(n, Assert) for n in seq[1:]):
        tail = seq[1:]
        for opt in seq[0].options:
            _split(tuple(opt) + tail, out)
        return
    out.append(seq)


@dataclass(frozen=True)
class Dispatch:
    """When a block can match a rule, branch by branch: for a rule anchored at the
    block start, the branch's leads, or else the characters its match must start
    with (``firsts``, compared with the block's first character); else the literals
    it contains (``triggers``).  ``always``: some branch has none of these (the rule
    meets every block)."""

    leads: Leads = Leads()
    triggers: frozenset = frozenset()
    always: bool = False
    firsts: frozenset = frozenset()


_DISPATCHES = DiskMemo("rule-dispatch")


def dispatch(source: str, anchored: bool, ignorecase: bool = True) -> Dispatch:
    """The Dispatch of a pattern (memoized on disk: see ``analysis_cache``)."""
    return _DISPATCHES.get((source, anchored, ignorecase), lambda: _dispatch(source, anchored, ignorecase))


def _dispatch(source: str, anchored: bool, ignorecase: bool) -> Dispatch:
    try:
        parts = branches(source)
    except (Unknown, ValueError, IndexError, RecursionError):
        return Dispatch(always=True)
    lead, trig, firsts = Leads(), set(), set()
    for seq in parts:
        if anchored:
            try:
                got = _leads(seq, ignorecase, tail=True)
            except (Unknown, ValueError, IndexError, regex.error, RecursionError):
                got = ANY
            if not got.any:
                lead = lead | got
                continue
            first = _first_chars(seq, ignorecase)
            if first:
                firsts |= first
                continue
        try:
            req = _required(seq) or _required(seq, relaxed=True)
        except (Unknown, ValueError, IndexError, RecursionError):
            req = None
        if not req:
            return Dispatch(always=True)
        trig.update(x if x == DIGIT else fold(x) for x in req)
    return Dispatch(lead, frozenset(trig), False, frozenset(firsts))


def _first_chars(seq: tuple, ci: bool) -> set[str] | None:
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
            found = regex.compile(node.src, regex.V0 | (regex.IGNORECASE if ci else 0)).findall(_all_chars())
            if 0 < len(found) <= MAX_SET_LITERALS:
                return {fold(c)[:1] or c for c in found}
        return None
    return None


# -- backtracking risk ---------------------------------------------------------------------------

def risky(source: str) -> bool:
    """Whether a pattern may backtrack badly: a repetition (``*``, ``+``, ``{n,m}``
    with m > 1) of a group that itself repeats or has alternatives.  Only such
    patterns need a time limit on short blocks (``rules lint`` reports them, R019);
    a pattern this parser does not model counts as risky."""
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

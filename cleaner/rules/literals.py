"""Cheap necessary conditions for a rule's regex, read off its source.

Analyses over ``regex_ast``, all *sound*: whenever the regex matches a block, the
condition holds, so a block that fails it never needs the regex.  When an analysis
cannot tell, it says so and the rule is tried on every block.

- ``triggers(source)``: literal strings one of which every match *contains*
  (compared on ``charclass.fold``-ed text).  For rules searched anywhere in a block
  (``match: any``): the document is scanned once for all triggers.
- leads (``leads.py``): how every match *begins*, for rules anchored at the block
  start.
- ``dispatch``: per top-level branch, its leads (anchored rules), else the
  characters it must start with, else its triggers.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..diskmemo import DiskMemo
from .charclass import MAX_SET_LITERALS, fold, has_non_word, non_word_chars, set_members
from .leads import ANY, Leads, first_chars, leads_of
from .regex_ast import Alt, Assert, Lit, Rep, Set, Unknown, parse

MIN_TRIGGER = 3


# -- triggers ----------------------------------------------------------------------------

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
    return _best([{r} for r in runs] + groups + _digit_runs(runs), relaxed)


def _digit_runs(runs: list[str]) -> list[set[str]]:
    """The digit condition when a mandatory literal run holds an ASCII digit: a run
    too short to be a trigger (the ``1`` of ``1\\.?\\s``) still says the block holds a
    decimal digit."""
    return [{DIGIT}] if any(ch in _ASCII_DIGITS for r in runs for ch in r) else []


_ASCII_DIGITS = frozenset("0123456789")


def _set_literals(src: str) -> set[str] | None:
    """A mandatory character set as triggers: the digit condition when it holds
    only digits among word characters and no other character, or its characters
    when it holds a few non-word characters only."""
    small, wordy, digits = set_members(src, True)
    if wordy:
        return {DIGIT} if digits and not has_non_word(src, True) else None
    found = regex.compile(src, regex.V0 | regex.IGNORECASE).findall(non_word_chars())
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
                got = leads_of(seq, ignorecase, tail=True)
            except (Unknown, ValueError, IndexError, regex.error, RecursionError):
                got = ANY
            if not got.any:
                lead = lead | got
                continue
            first = first_chars(seq, ignorecase)
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


# -- clauses: what every match contains, all at once ------------------------------------------

MAX_CLAUSES = 4  # per rule, the most selective
_PRODUCT = 64  # an alternation's clause combinations tried at most


def clauses(source: str) -> tuple[frozenset, ...]:
    """Literal sets of which every match of ``source`` contains one literal *each*
    (compare with ``fold(text)``; ``DIGIT``: a decimal digit): a conjunction, where
    ``triggers`` keep one set.  A rule met by a block through its dispatch is tried
    only when the block also meets these (memoized on disk)."""
    return _CLAUSES.get(source, lambda: _rule_clauses(source))


_CLAUSES = DiskMemo("rule-clauses")


def _rule_clauses(source: str) -> tuple[frozenset, ...]:
    try:
        per_branch = [_seq_clauses(seq) for seq in branches(source)]
    except (Unknown, ValueError, IndexError, RecursionError, regex.error):
        return ()
    got = _either(per_branch)
    usable = [c for c in got if c and all(map(_clause_literal, c))]
    folded = [_reduced({x if x == DIGIT else fold(x) for x in c}) for c in usable]
    return tuple(_strongest(folded)[:MAX_CLAUSES])


def _implies(a: str, b: str) -> bool:
    """Whether a block holding literal ``a`` (folded) holds literal ``b``."""
    if b == DIGIT:
        return a == DIGIT or any(ch in _ASCII_DIGITS for ch in a)
    return a != DIGIT and b in a


def _reduced(clause: set) -> frozenset:
    """A clause without its literals that imply another of its literals ('dieser'
    with 'die', '2024' with the digit condition): it holds exactly when it did, and a
    scan reports fewer hits."""
    return frozenset(a for a in clause if not any(b != a and _implies(a, b) for b in clause))


def _strongest(found: list) -> list:
    """``_minimal`` over folded clauses, where a clause is also dropped when another
    implies it (each of the other's literals implies one of its own: '7' implies the
    digit condition)."""
    ranked = _minimal(found)

    def implied(j: int, c: frozenset) -> bool:  # by another clause (by the earlier of two equivalent ones)
        return any(k != c and _holds_with(k, c) and (i < j or not _holds_with(c, k)) for i, k in enumerate(ranked))
    return [c for j, c in enumerate(ranked) if not implied(j, c)]


def _holds_with(k: frozenset, c: frozenset) -> bool:
    """Whether clause ``c`` holds wherever clause ``k`` does."""
    return all(any(_implies(a, b) for b in c) for a in k)


def _minimal(found) -> list:
    """The clauses none of the others implies (a clause that holds a smaller one
    holds whenever it does), most selective first."""
    ranked = sorted(set(map(frozenset, found)), key=lambda c: (len(c), sorted(c)))
    kept: list = []
    for c in ranked:
        if not any(k <= c for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: (-min(map(_clause_score, c)), len(c), sorted(c)))


_FREQUENT_SYMBOLS = frozenset(".,'\"()")


def _clause_literal(lit: str) -> bool:
    """Worth checking a block for: a trigger-grade literal, one ASCII digit, or one
    symbol that is not among the most frequent ones (every hit of a literal costs a
    little)."""
    if lit == DIGIT or _score(lit) > 0 or lit in _ASCII_DIGITS:
        return True  # (a single digit is looked up per block, not scanned for: ``clausecheck``)
    t = fold(lit).strip()
    return len(t) == 1 and not t.isalnum() and t not in _FREQUENT_SYMBOLS


def _clause_score(lit: str) -> float:
    return 2.5 if lit == DIGIT else float(len(fold(lit).strip()))


def _either(options: list[list[set]]) -> list[set]:
    """Clauses that hold whichever of ``options`` (each a list of clauses) matched:
    one clause of each option, united.  Options without a clause make none."""
    if not options or any(not o for o in options):
        return []
    combos: list[set] = [set()]
    for opt in options:
        ranked = _minimal(opt)
        width = max(1, int(_PRODUCT ** (1 / len(options)))) if len(options) > 1 else len(ranked)
        combos = [c | x for c in combos for x in ranked[:width]]
        if len(combos) > _PRODUCT:
            combos = sorted(combos, key=lambda c: (-min(map(_clause_score, c)), len(c)))[:_PRODUCT]
    return combos


def _seq_clauses(seq: tuple) -> list[set]:
    """Every clause a match of the sequence meets: its mandatory literal runs, its
    mandatory character sets of few characters (or digits only), and for each
    mandatory group the clauses that hold whichever alternative matched."""
    out: list[set] = []
    run: list[str] = []

    def end_run():
        if run:
            out.append({"".join(run)})
            run.clear()

    for node in seq:
        if isinstance(node, Lit):
            run.append(node.ch)
            continue
        if isinstance(node, Rep) and isinstance(node.node, Lit) and node.lo >= 1:
            run.append(node.node.ch)
            end_run()
            continue
        end_run()
        inner = node.node if isinstance(node, Rep) and node.lo >= 1 else node
        if isinstance(inner, Set):
            chars = _set_literals(inner.src)
            if chars:
                out.append(set(chars))
        elif isinstance(inner, Alt):
            out.extend(_either([_seq_clauses(opt) for opt in inner.options]))
    end_run()
    out += _digit_runs([next(iter(c)) for c in out if len(c) == 1])
    return [set(c) for c in _minimal(out)]

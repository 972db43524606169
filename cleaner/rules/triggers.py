"""Literal triggers: cheap necessary conditions for a regex, found in its source.

For a pattern searched anywhere in a block (``match: any``), ``triggers(source)``
returns a set of literal strings such that every match contains at least one of
them, or None when it cannot tell.  A block that contains none of them cannot match,
so the (slow) regex search is skipped: Python's substring test is much faster than
the regex engine's alternation scan on long paragraphs.

The analysis is deliberately conservative: anything it does not understand (a
backreference, a lookaround, a construct it cannot parse) gives None, which means
"always run the regex".
"""
from __future__ import annotations

import unicodedata

import regex

_COMBINING = regex.compile(r"[\p{Mn}\p{Me}]+")

_META = set("\\^$.|?*+()[]{}")
_LITERAL_ESCAPES = set(".-()[]{}|?*+^$\\/ '\"#&:;,!@%=<>~`_")
MIN_TRIGGER = 3


class _Unknown(Exception):
    pass


def _split_top(s: str) -> list[str]:
    """Split a pattern into its top-level alternatives."""
    parts, depth, cur, i = [], 0, [], 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            cur.append(s[i:i + 2])
            i += 2
            continue
        if c == "[":
            j = _class_end(s, i)
            cur.append(s[i:j])
            i = j
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur))
    return parts


def _class_end(s: str, i: int) -> int:
    """Index just past the character class starting at s[i] == '['."""
    j = i + 1
    if j < len(s) and s[j] == "^":
        j += 1
    if j < len(s) and s[j] == "]":
        j += 1
    depth = 1
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1  # nested sets (regex V1) or POSIX classes
        elif c == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise _Unknown("unclosed class")


def _group_end(s: str, i: int) -> int:
    """Index just past the group starting at s[i] == '('."""
    depth, j = 0, i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(s, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise _Unknown("unclosed group")


def _quantifier(s: str, j: int) -> tuple[bool, int]:
    """(optional?, index after the quantifier) for an atom ending at j."""
    if j >= len(s):
        return False, j
    c = s[j]
    if c in "?*":
        k = j + 1
    elif c == "+":
        k = j + 1
        if k < len(s) and s[k] in "?+":
            k += 1
        return False, k  # one or more: the atom is mandatory (once)
    elif c == "{":
        close = s.find("}", j)
        if close < 0:
            raise _Unknown("bad quantifier")
        body = s[j + 1:close]
        lo = body.split(",")[0].strip()
        k = close + 1
        if k < len(s) and s[k] in "?+":
            k += 1
        return (not lo.isdigit() or int(lo) == 0), k
    else:
        return False, j
    if k < len(s) and s[k] in "?+":
        k += 1
    return True, k


def _required(s: str) -> set[str] | None:
    """Literals one of which every match of the alternative-free sequence ``s`` contains."""
    runs: list[str] = []
    run: list[str] = []
    group_sets: list[set[str]] = []
    i = 0

    def end_run():
        if run:
            runs.append("".join(run))
            run.clear()

    while i < len(s):
        c = s[i]
        if c == "\\":
            if i + 1 >= len(s):
                raise _Unknown("trailing backslash")
            e = s[i + 1]
            if e in "pPN" and i + 2 < len(s) and s[i + 2] == "{":
                j = s.index("}", i) + 1
                atom_lit = None
            elif e in _LITERAL_ESCAPES:
                j, atom_lit = i + 2, e
            elif e.isdigit() or e in "gk":
                raise _Unknown("backreference")
            else:  # \s \d \w \b \Z \A ...
                j, atom_lit = i + 2, None
            optional, k = _quantifier(s, j)
            if atom_lit is not None and not optional:
                run.append(atom_lit)
                if k != j:  # '+' repeats: the literal run cannot continue past it
                    end_run()
            else:
                end_run()
            i = k
            continue
        if c == "[":
            j = _class_end(s, i)
            _opt, k = _quantifier(s, j)
            end_run()
            i = k
            continue
        if c == "(":
            j = _group_end(s, i)
            inner = s[i + 1:j - 1]
            if inner.startswith("?"):
                if inner.startswith("?:"):
                    inner = inner[2:]
                elif len(inner) > 1 and inner[1] in "imsxLuaV0-" and ":" in inner:
                    flags, _, rest = inner[1:].partition(":")
                    if not all(ch in "imsxLuaV01-" for ch in flags):
                        raise _Unknown("group flags")
                    inner = rest
                elif inner.startswith(("?P<", "?<")) and not inner.startswith(("?<=", "?<!")):
                    inner = inner[inner.index(">") + 1:]
                else:
                    raise _Unknown("lookaround or conditional")
            optional, k = _quantifier(s, j)
            end_run()
            if not optional:
                sub = set()
                for alt in _split_top(inner):
                    r = _required(alt)
                    if r is None:
                        sub = None
                        break
                    sub |= r
                if sub:
                    group_sets.append(sub)
            i = k
            continue
        if c in ".^$":
            _opt, k = _quantifier(s, i + 1)
            end_run()
            i = k
            continue
        if c in "?*+{)|]}":
            raise _Unknown(f"unexpected {c!r}")
        optional, k = _quantifier(s, i + 1)
        if optional:
            # the quantifier applies to this character only: the run before it stands
            end_run()
        else:
            run.append(c)
            if k != i + 1:
                end_run()
        i = k
    end_run()
    best = max(runs, key=len, default="")
    if _usable(best):
        return {best}
    # no long literal: a mandatory group whose every alternative has one will do
    usable = [g for g in group_sets if all(_usable(x) for x in g)]
    if usable:
        return min(usable, key=len)
    return None


def _usable(lit: str) -> bool:
    """Selective enough: three characters, or any non-ASCII one ('©', '关注', 'ß')."""
    t = lit.strip()
    return len(t) >= MIN_TRIGGER or (bool(t) and not t.isascii())


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
    sound (a superset test) and covers their scoped (?i:...) groups."""
    try:
        out: set[str] = set()
        for alt in _split_top(source):
            r = _required(alt)
            if r is None:
                return None
            out |= r
    except (_Unknown, ValueError, IndexError):
        return None
    if not out:
        return None
    return frozenset(fold(x) for x in out)

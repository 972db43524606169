"""A small parser for the regex syntax the rule packs use, for static analysis only.

The analyses built on it (``literals.py``: literal triggers; ``leads.py``: lead literals) need
to know the *shape* of a pattern — which parts are mandatory, which are literal —
not to run it.  Anything the parser does not understand raises ``Unknown``; every
analysis then answers "cannot tell", which is always safe (the rule is simply
tried on every block).

Nodes:

- ``Lit(ch)``: one literal character;
- ``Set(src)``: a character class ``[...]`` or a class escape (``\\s``, ``\\p{L}``,
  ``.``), with its source so it can be compiled and probed;
- ``Assert(src)``: a zero-width assertion (``^``, ``$``, ``\\b``, ``\\Z``, a lookaround);
- ``Alt(options)``: alternatives, each a list of nodes (a sequence);
- ``Rep(node, lo, hi)``: ``node`` repeated ``lo`` to ``hi`` (None: unbounded) times.
"""
from __future__ import annotations

from dataclasses import dataclass


class Unknown(Exception):
    """The pattern uses a construct this parser does not model."""


@dataclass(frozen=True)
class Lit:
    ch: str


@dataclass(frozen=True)
class Set:
    src: str


@dataclass(frozen=True)
class Assert:
    src: str


@dataclass(frozen=True)
class Alt:
    options: tuple  # of tuples of nodes


@dataclass(frozen=True)
class Rep:
    node: object
    lo: int
    hi: int | None


# escapes that stand for themselves
_LITERAL_ESCAPES = set(".-()[]{}|?*+^$\\/ '\"#&:;,!@%=<>~`_»«·•")
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_CLASS_ESCAPES = set("sSdDwWhHvVXR")
_ASSERT_ESCAPES = set("bBAZzGmM")
_INLINE_FLAGS = set("imsxLuaV01-")


def parse(src: str) -> tuple:
    """The pattern as a sequence (tuple) of nodes."""
    p = _Parser(src)
    seq = p.alternation()
    if p.i != len(src):
        raise Unknown(f"unbalanced ')' at {p.i}")
    return seq


class _Parser:
    def __init__(self, src: str):
        self.s = src
        self.i = 0

    def alternation(self) -> tuple:
        options = [self.sequence()]
        while self.i < len(self.s) and self.s[self.i] == "|":
            self.i += 1
            options.append(self.sequence())
        if len(options) == 1:
            return options[0]
        return (Alt(tuple(options)),)

    def sequence(self) -> tuple:
        out: list = []
        s = self.s
        while self.i < len(s) and s[self.i] not in "|)":
            atom = self.atom()
            if atom is None:
                continue
            out.append(self.quantified(atom))
        return tuple(out)

    def quantified(self, atom):
        s = self.s
        if self.i >= len(s):
            return atom
        c = s[self.i]
        if c in "?*+":
            lo, hi = {"?": (0, 1), "*": (0, None), "+": (1, None)}[c]
            self.i += 1
        elif c == "{":
            close = s.find("}", self.i)
            body = s[self.i + 1:close] if close > 0 else ""
            lo_s, comma, hi_s = body.partition(",")
            if close < 0 or not (lo_s.strip().isdigit() or (comma and not lo_s.strip())) or \
                    (hi_s.strip() and not hi_s.strip().isdigit()):
                return atom  # a literal '{' (the regex module reads it so)
            lo = int(lo_s) if lo_s.strip() else 0
            hi = (int(hi_s) if hi_s.strip() else None) if comma else lo
            self.i = close + 1
        else:
            return atom
        if self.i < len(s) and s[self.i] in "?+":  # lazy / possessive: same language
            self.i += 1
        if isinstance(atom, Assert):
            return atom
        return Rep(atom, lo, hi)

    def atom(self):
        s = self.s
        c = s[self.i]
        if c == "(":
            return self.group()
        if c == "[":
            j = class_end(s, self.i)
            node = Set(s[self.i:j])
            self.i = j
            return node
        if c == "\\":
            return self.escape()
        self.i += 1
        if c == ".":
            return Set(".")
        if c in "^$":
            return Assert(c)
        if c in "*+?":
            raise Unknown(f"nothing to repeat at {self.i - 1}")
        return Lit(c)

    def escape(self):
        s = self.s
        if self.i + 1 >= len(s):
            raise Unknown("trailing backslash")
        e = s[self.i + 1]
        if e in "pPN" and self.i + 2 < len(s) and s[self.i + 2] == "{":
            close = s.index("}", self.i)
            src = s[self.i:close + 1]
            self.i = close + 1
            if e == "N":
                import unicodedata
                try:
                    return Lit(unicodedata.lookup(src[3:-1]))
                except KeyError:
                    raise Unknown(f"unknown character name {src}") from None
            return Set(src)
        self.i += 2
        if e in _CLASS_ESCAPES:
            return Set("\\" + e)
        if e in _ASSERT_ESCAPES:
            return Assert("\\" + e)
        if e in _CONTROL_ESCAPES:
            return Lit(_CONTROL_ESCAPES[e])
        if e == "x":
            return self.hex_escape(2)
        if e == "u":
            return self.hex_escape(4)
        if e == "U":
            return self.hex_escape(8)
        if e.isdigit() or e in "gk":
            raise Unknown("backreference")
        if e in _LITERAL_ESCAPES or not e.isalnum():
            return Lit(e)
        raise Unknown(f"escape \\{e}")

    def hex_escape(self, n: int):
        s = self.s
        if s[self.i:self.i + 1] == "{":
            close = s.index("}", self.i)
            digits = s[self.i + 1:close]
            self.i = close + 1
        else:
            digits = s[self.i:self.i + n]
            self.i += n
        try:
            return Lit(chr(int(digits, 16)))
        except ValueError:
            raise Unknown("bad hex escape") from None

    def group(self):
        s = self.s
        self.i += 1
        kind = "group"
        if s.startswith("?", self.i):
            rest = s[self.i:]
            if rest.startswith("?:"):
                self.i += 2
            elif rest.startswith(("?=", "?!")):
                self.i += 2
                kind = "look"
            elif rest.startswith(("?<=", "?<!")):
                self.i += 3
                kind = "look"
            elif rest.startswith(("?P<", "?<")):
                self.i = s.index(">", self.i) + 1
            elif rest.startswith("?>"):  # atomic group: same language
                self.i += 2
            elif rest.startswith("?#"):
                self.i = s.index(")", self.i) + 1
                return None
            else:
                j = self.i + 1
                while j < len(s) and s[j] in _INLINE_FLAGS:
                    j += 1
                if "x" in s[self.i + 1:j]:
                    raise Unknown("verbose patterns are not modelled")
                if j < len(s) and s[j] == ":":
                    self.i = j + 1  # scoped flags (?i:...): case is handled by the callers
                elif j < len(s) and s[j] == ")":
                    if "x" in s[self.i + 1:j]:
                        raise Unknown("verbose patterns are not modelled")
                    self.i = j + 1  # global flags (?i)
                    return None
                else:
                    raise Unknown("conditional or unknown group")
        start = self.i
        seq = self.alternation()
        if self.i >= len(s) or s[self.i] != ")":
            raise Unknown("unclosed group")
        self.i += 1
        if kind == "look":
            return Assert(s[start - 3:self.i])
        return Alt((seq,))


def class_end(s: str, i: int) -> int:
    """Index just past the character class starting at s[i] == '[' (version-0 syntax:
    a '[' inside a class is literal, except a POSIX class such as ``[:alpha:]``)."""
    j = i + 1
    if j < len(s) and s[j] == "^":
        j += 1
    if j < len(s) and s[j] == "]":
        j += 1
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[" and s.startswith(":", j + 1):
            close = s.find(":]", j + 2)
            if close < 0:
                raise Unknown("unclosed POSIX class")
            j = close + 2
            continue
        if c == "]":
            return j + 1
        j += 1
    raise Unknown("unclosed class")

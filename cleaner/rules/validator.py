"""The validator of rule packs: collects every problem of a pack file at once (never
stops at the first), each with file:line:column, the rule id, what is wrong and how to
fix it; the checks shared by every part of the schema (keys, types, string lists,
regexes).  What a pack may hold is ``schema``'s part."""
from __future__ import annotations

import difflib

import regex

from ..diskmemo import DiskMemo
from .problems import Problem

# a global inline flag group such as (?i) or (?ms) — not the scoped (?i:...)
_GLOBAL_FLAGS = regex.compile(r"\(\?[aiLmsuxV01]+\)")


def _regex_hint(msg: str) -> str:
    m = msg.lower()
    if "missing )" in m or "unbalanced parenthesis" in m:
        return "every '(' needs a ')'; write \\( or \\) for a literal parenthesis"
    if "character set" in m or "bad character range" in m:
        return "close the set with ']'; write \\[ for a literal bracket"
    if "nothing to repeat" in m or "multiple repeat" in m:
        return "a quantifier (*, +, ?, {n}) must follow something; write \\* or \\+ for the character"
    if "property" in m:
        return "Unicode properties are written like \\p{Han}, \\p{L}, \\p{Script=Arabic}"
    if "group" in m:
        return "check the group name or number the reference points to"
    return "check brackets and escapes; in single-quoted YAML a backslash is written once ('\\d+')"


_FACTS = DiskMemo("regex-facts")


def _regex_facts(pattern: str) -> tuple[tuple[str, int | None] | None, bool]:
    """(error message and position, or None; whether it matches the empty string).
    Memoized on disk: every load validates every pattern, and compiling them is the slow
    part (see ``analysis_cache``)."""
    return _FACTS.get(pattern, lambda: _compile_facts(pattern))


def _compile_facts(pattern: str) -> tuple[tuple[str, int | None] | None, bool]:
    try:
        compiled = regex.compile(pattern, regex.V0)
    except regex.error as exc:
        return (getattr(exc, "msg", None) or str(exc), getattr(exc, "pos", None)), False
    return None, compiled.search("") is not None


def did_you_mean(word: str, options) -> str | None:
    m = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return m[0] if m else None


class Validator:
    """Collects problems for one pack file."""

    def __init__(self, file: str, positioned, known_languages: set[str]):
        self.file = file
        self.pos = positioned
        self.langs = known_languages
        self.problems: list[Problem] = []

    def add(self, path: tuple, message: str, *, rule=None, hint=None, code="R000",
            char: int | None = None):
        """Record a problem at ``path``; ``char`` points inside the scalar there (e.g. the
        position of a regex error), when its line and column can be located."""
        exact = self.pos.char_pos(path, char) if char is not None else None
        line, col = exact or self.pos.where(path)
        self.problems.append(Problem(self.file, line, col, message, rule, hint, code, tuple(path)))

    # -- helpers ---------------------------------------------------------------
    def check_keys(self, mapping: dict, allowed: dict, path: tuple, rule=None, what="key", kind=None,
                   kinds: dict | None = None):
        """Report unknown keys; ``kinds`` (rule kind -> its keys) names the kinds a
        misplaced key belongs to (``kind``: the rule's own)."""
        for key in mapping:
            if key not in allowed:
                owners = [k for k, keys in kinds.items() if key in keys] if kind is not None and kinds else []
                guess = did_you_mean(str(key), allowed)
                if owners and kind:
                    hint = (f"'{key}' belongs to {' and '.join(owners)} rules, not {kind} rules; "
                            + (f"did you mean '{guess}'?" if guess else "change 'kind' or remove the key"))
                elif owners:
                    hint = f"'{key}' belongs to {' and '.join(owners)} rules: set kind: {owners[0]}"
                else:
                    hint = f"did you mean '{guess}'?" if guess else "allowed: " + ", ".join(allowed)
                self.add(path + (key, "__key__"), f"unknown {what} '{key}'", rule=rule, hint=hint, code="R001")

    def expect(self, value, types, path, rule, name, hint=None) -> bool:
        if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
            ok = False
        else:
            ok = isinstance(value, types)
        if not ok:
            tn = types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
            self.add(path, f"'{name}' must be {_article(tn)}, not {type(value).__name__}",
                     rule=rule, hint=hint or f"write {name}: followed by {_article(tn)}", code="R003")
        return ok

    def str_list(self, value, path, rule, name) -> list[str]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.add(path, f"'{name}' must be a list of strings", rule=rule, code="R003",
                     hint=f"write {name}: [\"a\", \"b\"] or one item per line with '- '")
            return []
        ok = True
        for i, v in enumerate(value):
            if isinstance(v, str):
                continue
            ok = False
            hint = "quote it"
            if isinstance(v, bool) or v is None:
                hint = ("YAML reads unquoted yes/no/on/off/true/false/null as booleans or null: "
                        "write it in quotes, e.g. \"no\"")
            elif isinstance(v, (int, float)):
                hint = "YAML reads it as a number: write it in quotes"
            self.add(path + (i,), f"item {i + 1} of '{name}' is {type(v).__name__} {v!r}, not a string",
                     rule=rule, code="R003", hint=hint)
        return [v for v in value if isinstance(v, str)] if ok else []

    def check_regex(self, pattern: str, path: tuple, rule, name) -> bool:
        """Report a pattern that does not compile or matches the empty string; True when
        it compiles."""
        error, empty = _regex_facts(pattern)
        if error is not None:
            msg, pos = error
            where = ""
            if pos is not None:
                before = pattern[max(0, pos - 12):pos]
                where = f" at character {pos + 1}" + (f" (after '{before}')" if before else "")
            self.add(path, f"bad regex in '{name}'{where}: {msg}", rule=rule, code="R004",
                     hint=_regex_hint(msg), char=pos)
            return False
        m = _GLOBAL_FLAGS.search(pattern)
        if m:
            self.add(path, f"inline global flag '{m.group()}' is not allowed in '{name}'", rule=rule,
                     code="R014", char=m.start(),
                     hint="patterns ignore case by default; use case_sensitive: true, "
                          "or a scoped group like (?i:...)")
        if empty:
            if name in ("pattern", "patterns", "header", "headers"):
                self.add(path, f"regex in '{name}' matches the empty string", rule=rule, code="R004",
                         hint="it would match every block; make it require at least one character")
            elif name in ("prefix", "suffix"):
                self.add(path, f"'{name}' matches the empty string", rule=rule, code="R004",
                         hint="a trim must remove at least one character")
        return True


def _article(tn: str) -> str:
    return ("an " if tn[:1] in "aeiou" else "a ") + tn

"""Compile validated rule dicts into matchers.

Block rules (pattern, lexicon, protect) of one category are combined into a single
alternation so that a block costs one regex call per category, not one per rule; the
alternative that matched names the rule.  Patterns that cannot be combined (named
groups, backreferences) run on their own.  Every call carries a timeout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..text import count_tokens

# Separators allowed around a section header's words: whitespace, punctuation, symbols.
_SEP = r"[\s\p{P}\p{S}\p{Z}]"



class RuleTimeout(Exception):
    def __init__(self, rule_id: str):
        super().__init__(rule_id)
        self.rule_id = rule_id


@dataclass(eq=False)
class Rule:
    """One compiled rule.  ``raw`` keeps the validated dict (for lint/test/list)."""

    id: str
    category: str
    kind: str
    description: str
    pack: str
    file: str
    line: int
    level: int  # override priority: higher wins for the same id
    languages: frozenset | None
    sites: tuple | None
    raw: dict
    case_sensitive: bool = False
    max_tokens: int | None = None
    min_tokens: int | None = None
    # pattern / lexicon / protect / section header
    source: str | None = None  # regex source for the block test (already mode-adjusted)
    search: bool = False  # match: any — the pattern may sit anywhere in the block
    lexicon: Lexicon | None = None
    _regex: object = None
    _part_regexes: dict = field(default_factory=dict, repr=False)
    # section
    extent: object = None
    after_content: bool = True
    # trim
    prefix: object = None
    suffix: object = None
    # selector
    css: str | None = None
    tokens: tuple = ()
    examples: dict = field(default_factory=dict)
    path: tuple = ()  # where the rule sits in its file's data, e.g. ("rules", 3) (for lint)

    @property
    def regex(self):
        """The rule's own compiled block regex (compiled on first use)."""
        if self._regex is None and self.source is not None:
            self._regex = regex.compile(self.source, self.flags)
        return self._regex

    @property
    def parts(self) -> tuple[str, ...]:
        """A pattern or protect rule's patterns, each as a block regex source of its own:
        ``source`` is their alternation, so the rule matches a block exactly when one of
        them does (the matcher tries only those a block may meet).  Other rules: their
        ``source`` alone."""
        if self.kind in ("pattern", "protect") and self.source is not None:
            mode = self.raw.get("match", "full")
            return tuple(_mode_source(p, mode) for p in _patterns(self.raw))
        return (self.source,) if self.source is not None else ()

    def part_regex(self, source: str):
        """The compiled regex of one of ``parts`` (compiled on first use)."""
        if source == self.source:
            return self.regex
        got = self._part_regexes.get(source)
        if got is None:
            got = self._part_regexes[source] = regex.compile(source, self.flags)
        return got

    @property
    def flags(self) -> int:
        return regex.V0 if self.case_sensitive else regex.V0 | regex.IGNORECASE

    def bounds_ok(self, ntok: int) -> bool:
        if self.max_tokens is not None and ntok > self.max_tokens:
            return False
        if self.min_tokens is not None and ntok < self.min_tokens:
            return False
        return True

    def test_block(self, text: str, timeout: float | None = None) -> bool:
        """True when this block rule (pattern/lexicon/protect/section header) matches ``text``."""
        if self.lexicon is not None:
            return self.bounds_ok(count_tokens(text)) and self.lexicon.match(text)
        if self.source is None:
            return False
        if not self.bounds_ok(count_tokens(text)):
            return False
        try:
            fn = self.regex.search if self.search else self.regex.match
            return fn(text.strip(), timeout=timeout) is not None
        except TimeoutError:
            raise RuleTimeout(self.id) from None

    def trim_span(self, text: str, timeout: float | None = None) -> tuple[int, int] | None:
        try:
            if self.prefix is not None:
                m = self.prefix.match(text, timeout=timeout)
                if m and m.end() > 0:
                    return (0, m.end())
            if self.suffix is not None:
                m = self.suffix.search(text, timeout=timeout)
                if m and m.end() > m.start():
                    return (m.start(), len(text))
        except TimeoutError:
            raise RuleTimeout(self.id) from None
        return None

    def applies(self, langs: frozenset, host: str | None) -> bool:
        if self.languages is not None and not (self.languages & langs):
            return False
        if self.sites is not None:
            return host is not None and any(site_matches(s, host) for s in self.sites)
        return True


def site_matches(pattern: str, host: str) -> bool:
    p = pattern[2:] if pattern.startswith("*.") else pattern
    return host == p or host.endswith("." + p)


def _patterns(raw: dict) -> list[str]:
    pats = []
    if isinstance(raw.get("pattern"), str):
        pats.append(raw["pattern"])
    pats.extend(raw.get("patterns") or [])
    return pats


def _mode_source(pat: str, mode: str) -> str:
    if mode == "full":
        return f"(?:{pat})\\Z"
    return f"(?:{pat})"  # start: matched at position 0; any: searched (see Rule.search)


_LEX_SPLIT = regex.compile(r"[\s\p{P}\p{S}\p{Z}]+")
_LEX_HEAD = 160  # characters a long block's first lexicon check looks at


@lru_cache(maxsize=64)
def _count_pattern(suffixes: tuple[str, ...]):
    """A number token as a lexicon skips it: digits, then optionally one of the
    count suffixes the rule packs list (``count_suffixes``: 12k, 1.2M)."""
    alts = "|".join(regex.escape(x) for x in sorted(suffixes, key=lambda x: (-len(x), x)))
    return regex.compile(r"\p{N}+" + (f"(?:{alts})?" if alts else ""))
# scripts written without spaces, where share rows glue their words together
_GLUED_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


def lexicon_tokens(text: str) -> list[str]:
    """Casefolded tokens of a block or a lexicon word: separators (whitespace,
    punctuation, symbols) split, and are otherwise ignored."""
    return [t for t in _LEX_SPLIT.split(text.casefold()) if t]


class Lexicon:
    """'The block is made only of these words' — a set lookup, not a regex.

    A block is split into tokens at separators; tokens are covered greedily by the
    longest listed phrase (phrases may span tokens: 'privacy policy'); a token that
    is no listed word may still be a run of glued words ('点赞收藏分享', 'ShareTweet').
    Numbers (counts like 12, 1.2K: digits and one of ``count_suffixes``) are skipped
    when ``allow_numbers``.
    """

    __slots__ = ("phrases", "singles", "starts", "maxlen", "maxchars", "min_words", "allow_numbers", "_number")

    def __init__(self, words, min_words: int = 1, allow_numbers: bool = True, count_suffixes=()):
        self.phrases: set[tuple] = set()
        self.singles: set[str] = set()
        for w in words:
            toks = tuple(lexicon_tokens(w))
            if not toks:
                continue
            self.phrases.add(toks)
            if len(toks) == 1:
                self.singles.add(toks[0])
        self.starts = {p[0] for p in self.phrases}
        self.maxlen = max((len(p) for p in self.phrases), default=1)
        self.maxchars = max((len(w) for w in self.singles), default=1)
        self.min_words = min_words
        self.allow_numbers = allow_numbers
        self._number = _count_pattern(tuple(sorted({x.casefold() for x in count_suffixes if x})))

    def covers(self, toks: list[str]) -> bool:
        return self._walk(toks, len(toks)) is True

    def _walk(self, toks: list[str], decided: int):
        """Greedy cover of ``toks``: True/False, or None when it reaches a position
        whose phrase candidates need tokens past the first ``decided`` ones."""
        i, n, words = 0, len(toks), 0
        if not n:
            return False
        while i < n:
            if i + self.maxlen > decided and decided < n:
                return None
            t = toks[i]
            L = 1
            if t in self.starts:  # a phrase of several tokens can begin here
                for L in range(min(self.maxlen, n - i), 0, -1):
                    if L == 1:
                        break
                    if tuple(toks[i:i + L]) in self.phrases:
                        i += L
                        words += 1
                        break
                else:
                    L = 1
            if L > 1:
                continue
            if t in self.singles:
                words += 1
            elif self.allow_numbers and self._number.fullmatch(t):
                pass
            else:
                k = self._glued(t) if _GLUED_SCRIPT.match(t) else 0
                if not k:
                    return False
                words += k
            i += 1
        return words >= self.min_words

    def _glued(self, t: str) -> int:
        """Number of listed words that exactly tile ``t`` (0 if they cannot)."""
        n = len(t)
        best = [0] + [-1] * n  # best[j]: words tiling t[:j]
        for j in range(1, n + 1):
            for k in range(max(0, j - self.maxchars), j):
                if best[k] >= 0 and t[k:j] in self.singles:
                    best[j] = max(best[j], best[k] + 1)
        return max(0, best[n])

    def match(self, text: str, tokens: dict | None = None) -> bool:
        """Whether the lexicon covers ``text``; ``tokens``: text -> its ``lexicon_tokens``,
        shared by the lexicons tried on the same blocks (filled as they are needed)."""
        # a long block is first judged on its first tokens: most blocks fail there
        if len(text) > _LEX_HEAD:
            parts = _LEX_SPLIT.split(text[:_LEX_HEAD].casefold(), maxsplit=3 * self.maxlen)
            head = [t for t in parts[:-1] if t]  # the last part may be cut short
            if len(head) > self.maxlen and self._walk(head + ["\x00"], len(head)) is False:
                return False
        if tokens is None:
            return self.covers(lexicon_tokens(text))
        toks = tokens.get(text)
        if toks is None:
            toks = tokens[text] = lexicon_tokens(text)
        return self.covers(toks)


def header_source(rule: dict) -> str:
    alts = []
    for key in ("header", "headers"):
        v = rule.get(key)
        if isinstance(v, str):
            alts.append(v)
        elif isinstance(v, list):
            alts.extend(v)
    words = rule.get("header_words") or []
    if isinstance(words, str):
        words = [words]
    if words:
        w = "|".join(regex.escape(x.strip()).replace(r"\ ", r"\s+") for x in
                     sorted(words, key=lambda s: (-len(s), s)))
        alts.append(f"{_SEP}*(?:{w}){_SEP}*")
    return "(?:" + "|".join(f"(?:{a})" for a in alts) + ")\\Z"


def compile_rule(raw: dict, *, pack: str, file: str, line: int, level: int,
                 pack_language: str | None, pack_sites: list | None,
                 lexicons: dict) -> Rule:
    """Build a Rule from a validated dict.  ``lexicons`` maps 'name' and 'common:name'."""
    kind = raw["kind"]
    langs = raw.get("languages")
    if isinstance(langs, str):
        langs = [langs]
    if langs is None:
        languages = frozenset([pack_language]) if pack_language else None
    elif "*" in langs:
        languages = None
    else:
        languages = frozenset(langs)
    sites = raw.get("sites", pack_sites)
    if isinstance(sites, str):
        sites = [sites]
    rule = Rule(
        id=raw["id"], category=raw["category"], kind=kind, description=raw.get("description", ""),
        pack=pack, file=file, line=line, level=level, languages=languages,
        sites=tuple(sites) if sites else None, raw=raw,
        case_sensitive=bool(raw.get("case_sensitive", False)),
        max_tokens=raw.get("max_tokens"), min_tokens=raw.get("min_tokens"),
        examples=raw.get("examples") or {},
    )
    flags = rule.flags
    if kind in ("pattern", "protect"):
        mode = raw.get("match", "full")
        rule.source = "|".join(_mode_source(p, mode) for p in _patterns(raw))
        rule.search = mode == "any"
    elif kind == "lexicon":
        words = list(raw.get("words") or [])
        names = raw.get("lexicon") or []
        if isinstance(names, str):
            names = [names]
        for name in names:
            words.extend(lexicons.get(name, []))
        suffixes = list(lexicons.get("common:count_suffixes", [])) + list(lexicons.get("count_suffixes", []))
        rule.lexicon = Lexicon(words, raw.get("min_words", 1), raw.get("allow_numbers", True), suffixes)
    elif kind == "section":
        rule.source = header_source(raw)
        rule.extent = raw.get("extent", "until-content")
        rule.after_content = bool(raw.get("after_content", True))
    elif kind == "trim":
        if raw.get("prefix"):
            rule.prefix = regex.compile(f"(?:{raw['prefix']})", flags)
        if raw.get("suffix"):
            rule.suffix = regex.compile(f"(?:{raw['suffix']})\\Z", flags)
    elif kind == "selector":
        rule.css = raw.get("css")
        toks = raw.get("tokens") or []
        rule.tokens = tuple(t.lower() for t in ([toks] if isinstance(toks, str) else toks))
    return rule

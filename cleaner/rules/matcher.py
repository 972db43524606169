"""All the rules of a page in one pass: which rule (if any) each block meets.

Trying every rule's regex on every block is what made cleaning slow.  Instead, each
rule gets a cheap necessary condition from its source (``literals.dispatch``): how
its matches begin (lead literals, for rules anchored at the block start) or which
literals they contain (triggers).  The page's folded text (``charclass.fold``) is
scanned once for all trigger literals, and its blocks' leading texts once for all
lead literals (``scan``: with Hyperscan when it is installed, else with Python's
substring search); regex rules also need one literal of each of their
``literals.clauses``, and rules matched to the block end a block whose last character
can end a match (``tails``) and no longer than their pattern can match (``widths``;
both in ``endbounds``).
Only the (rule, block) pairs found there are checked with the rule's own regex (or
lexicon).  A rule of several patterns with different conditions
has one entry per condition (``_entry_sources``): a block is checked with the patterns it
may meet, not with all of them.  The result is the same as checking every rule on every
block (``Rule.test_block``, the reference; ``tests/rules/test_matcher.py``).

Channels, each with its own order:

- ``block``: pattern and lexicon rules, by the pipeline's category order;
- ``head``: section headers (blocks of at most ``SECTION_MAX_CHARS`` characters);
- ``protect``: protect rules;
- ``trim``: trim rules (the blocks whose prefix or suffix a trim rule may cut).

A rule whose regex runs out of time on a block is skipped on that document and
reported (``on_timeout``); the ``TimeoutBudget`` switches a rule off for the rest of
the run after repeated timeouts.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

from ..blockstats import NEWLINE, NUMBER, WORD, classify, code_points, nonzero, unique
from ..diskmemo import flush_all
from .charclass import fold
from .clausecheck import SMALL_PAIRS, ClauseCheck
from .compile import _GLUED_SCRIPT, Rule, RuleTimeout
from .endbounds import SECTION_MAX_CHARS, char_bound, tail_check
from .hits import PageMatches, TimeoutBudget
from .leads import ANY, WHOLE, Leads
from .literals import DIGIT, Dispatch, clauses, dispatch
from .risk import risky
from .scan import Fanout, LiteralScan

WINDOW_CHARS = 1 << 20  # a long page's candidates are found window by window
SAFE_CHARS = 400  # a pattern without nested repetition runs on blocks this short without a time limit
CHANNELS = ("block", "head", "protect", "trim")
_NUMBER = regex.compile(r"\p{N}")


def rule_dispatch(rule: Rule, source: str | None = None) -> Dispatch:
    """The necessary condition of one rule (see the module doc); ``source``: of one of
    its ``parts`` only."""
    if rule.lexicon is not None:  # see LexiconLeads
        return Dispatch()
    if rule.kind == "trim":
        out = Dispatch()
        if rule.prefix is not None:
            d = dispatch(rule.raw["prefix"], anchored=True, ignorecase=not rule.case_sensitive)
            out = _union(out, d)
        if rule.suffix is not None:
            d = dispatch(rule.raw["suffix"], anchored=False, ignorecase=not rule.case_sensitive)
            out = _union(out, d)
        return out
    source = source or rule.source
    if source is None:
        return Dispatch()
    d = dispatch(source, anchored=not rule.search, ignorecase=not rule.case_sensitive)
    if d.leads.literals:
        lits = frozenset(fold(x.rstrip(WHOLE)) + (WHOLE if x.endswith(WHOLE) else "") for x in d.leads.literals)
        d = Dispatch(Leads(lits, d.leads.digit, d.leads.bare), d.triggers, d.always, d.firsts)
    return d


@lru_cache(maxsize=8192)  # per rule object: the indexes of every language combination share it
def _entry_sources(rule: Rule, channel: int) -> tuple:
    """The sources of a rule's index entries: for a block or protect rule of several
    patterns (``Rule.parts``) whose conditions differ, one per condition (the
    alternation of the patterns that share it), so that a block is tried only on the
    patterns it may meet; else the rule's ``source`` (None for a lexicon)."""
    parts = rule.parts if channel in (0, 2) and rule.lexicon is None else ()
    if len(parts) < 2 or "|".join(parts) != rule.source:
        return (rule.source,)
    by_condition: dict = {}
    for src in parts:
        by_condition.setdefault((rule_dispatch(rule, src), clauses(src)), []).append(src)
    if len(by_condition) < 2:
        return (rule.source,)
    return tuple("|".join(group) for group in by_condition.values())


def _union(a: Dispatch, b: Dispatch) -> Dispatch:
    return Dispatch(a.leads | b.leads, a.triggers | b.triggers, a.always or b.always)


@dataclass(frozen=True)
class LexiconLeads:
    """When a block can be covered by a lexicon: its first token that does not begin
    with a digit (number tokens are skipped, as the lexicon skips them) is the first
    token of a listed phrase (``words``), or begins with the first character of a
    listed word of a script written without spaces (``glue``); or the block begins
    with a digit and some listed phrase does too (``digit``)."""

    words: frozenset
    glue: frozenset
    digit: bool

    @classmethod
    def of(cls, lex) -> "LexiconLeads":
        firsts = {fold(p[0]) for p in lex.phrases}
        glue = {fold(w)[:1] for w in lex.singles if _GLUED_SCRIPT.match(w)}
        digit = any(_NUMBER.match(w[:1]) for w in firsts if w)
        return cls(frozenset(w for w in firsts if w), frozenset(g for g in glue if g), digit)


class RuleIndex:
    """The rules of one active rule set and pipeline, indexed for whole pages."""

    def __init__(self, channels: dict[str, list[Rule]], timeout: float, frequent=frozenset()):
        """``frequent``: words found in most blocks of their language (the stopwords): a
        clause holding one is not checked (``_index_clauses``)."""
        self.timeout = timeout
        self.frequent = frozenset(fold(w) for w in frequent)
        self.channels = channels
        # one entry per rule, or per pattern of a block or protect rule of several
        # (``Rule.parts``: a block is tried only on the patterns it may meet)
        self.rules: list[Rule] = []
        self.sources: list[str | None] = []
        self.channel_of: list[int] = []
        self.rank: list[int] = []
        for c, name in enumerate(CHANNELS):
            for k, r in enumerate(channels.get(name, ())):
                for src in _entry_sources(r, c):
                    self.rules.append(r)
                    self.sources.append(src)
                    self.channel_of.append(c)
                    self.rank.append(k)
        lead_lits: dict[str, list[int]] = {}
        trig_lits: dict[str, list[int]] = {}
        lex_lits: dict[tuple[str, bool], list[int]] = {}
        firsts: dict[int, list[int]] = {}
        self.always: list[int] = []
        self.digit_lead: list[int] = []
        self.bare: list[int] = []
        self.digit_trigger: list[int] = []
        for i, (r, src) in enumerate(zip(self.rules, self.sources)):
            if r.lexicon is not None:
                lx = LexiconLeads.of(r.lexicon)
                for w in sorted(lx.words):
                    lex_lits.setdefault((w, True), []).append(i)
                for g in sorted(lx.glue):
                    lex_lits.setdefault((g, False), []).append(i)
                if lx.digit:
                    self.digit_lead.append(i)
                continue
            d = rule_dispatch(r, src)
            for ch in sorted(d.firsts):
                firsts.setdefault(ord(ch), []).append(i)
            if d.always or d.leads.any:
                self.always.append(i)
                continue
            for lit in sorted(d.leads.literals):
                lead_lits.setdefault(lit, []).append(i)
            if d.leads.digit:
                self.digit_lead.append(i)
            if d.leads.bare:
                self.bare.append(i)
            for lit in sorted(d.triggers):
                if lit == DIGIT:
                    self.digit_trigger.append(i)
                else:
                    trig_lits.setdefault(lit, []).append(i)
        self._lead_rules = Fanout(list(lead_lits.values()))
        self._trig_rules = Fanout(list(trig_lits.values()))
        self._lex_rules = Fanout(list(lex_lits.values()))
        self._first_cps = np.array(sorted(firsts), dtype=np.uint32)
        self.leads = LiteralScan([x.rstrip(WHOLE) for x in lead_lits], anchored=True,
                               whole=[x.endswith(WHOLE) for x in lead_lits])
        self.triggers = LiteralScan(list(trig_lits), anchored=False)
        self.lexicon = LiteralScan([w for w, _ in lex_lits], anchored=True, whole=[b for _, b in lex_lits])
        self.lead_width = max((len(x) for x in lead_lits), default=1)  # (a WHOLE mark: one more)
        self.lex_width = max((len(w) + 1 for w, _ in lex_lits), default=1)
        bounds = [(r.min_tokens, r.max_tokens) for r in self.rules]
        self._lo = np.array([-1 if lo is None else lo for lo, _ in bounds], dtype=np.int64)
        self._hi = np.array([1 << 40 if hi is None else hi for _, hi in bounds], dtype=np.int64)
        self._first_rules = {cp: np.array(r, dtype=np.int64) for cp, r in firsts.items()}
        self._always = np.array(self.always, dtype=np.int64)
        self._digit_lead = np.array(self.digit_lead, dtype=np.int64)
        self._bare = np.array(self.bare, dtype=np.int64)
        self._digit_trigger = np.array(self.digit_trigger, dtype=np.int64)
        self._risky = [src is not None and risky(src) for src in self.sources]
        entries = list(zip(self.rules, self.sources, self.channel_of))
        self._tails = [tail_check(*e) for e in entries]
        self._max_chars = np.array([char_bound(*e) for e in entries], dtype=np.int64)
        self._index_clauses()
        flush_all()

    def _index_clauses(self) -> None:
        """The conjunctive prefilter of the regex rules: ``literals.clauses``, each a
        set of literals one of which the block must hold, besides the literal that made
        it a candidate; but not a clause of ``frequent`` words only (.der., . the .):
        nearly every block meets it, and the scan reports its every occurrence."""
        clause_lits: dict[str, list[int]] = {}
        per_rule: list[list[int]] = [[] for _ in self.rules]
        digit: list[int] = []
        n = 0
        for i, (r, src) in enumerate(zip(self.rules, self.sources)):
            if src is None or r.lexicon is not None or self.channel_of[i] == 3:
                continue
            own = rule_dispatch(r, src).triggers
            for c in clauses(src):
                if c == own or all(lit.strip() in self.frequent for lit in c):
                    continue  # what made the block a candidate, or met by nearly every block
                for lit in sorted(c):
                    if lit == DIGIT:
                        digit.append(n)
                    else:
                        clause_lits.setdefault(lit, []).append(n)
                per_rule[i].append(n)
                n += 1
        self._clauses = ClauseCheck(n, clause_lits, per_rule, digit)

    # -- candidates -----------------------------------------------------------------------------
    def _bounded(self, rules: np.ndarray, blocks: np.ndarray, ntok: np.ndarray, out: list) -> None:
        """Add (block, rule) for each rule and each of ``blocks`` within its token bounds."""
        t = ntok[blocks]
        keep = (t[None, :] >= self._lo[rules][:, None]) & (t[None, :] <= self._hi[rules][:, None])
        r, b = np.nonzero(keep)
        if len(r):
            out.append(np.stack([blocks[b], rules[r]], axis=1))

    def candidates(self, page) -> np.ndarray:
        """(block, rule) pairs whose necessary condition, token bounds and length bound
        (``endbounds.char_bound``) hold, sorted
        by block, then channel and rank.  A long page is taken in windows of whole
        blocks of about WINDOW_CHARS characters (every condition is the block's own), so
        its arrays stay small."""
        return self.candidates_of(page.texts, page.stats.ntok, page.stats.digit)

    def candidates_of(self, texts: list[str], ntok: np.ndarray, digit: np.ndarray) -> np.ndarray:
        """``candidates`` of the blocks ``texts`` with their token counts and digit flags
        (of one page, or of several pages' blocks taken together: every condition is the
        block's own)."""
        n = len(texts)
        if not n:
            return np.zeros((0, 2), dtype=np.int64)
        if sum(map(len, texts)) <= WINDOW_CHARS:
            return self._candidates(texts, ntok, digit)
        parts, lo, acc = [], 0, 0
        for i, t in enumerate(texts):
            acc += len(t) + 1
            if acc >= WINDOW_CHARS or i == n - 1:
                got = self._candidates(texts[lo:i + 1], ntok[lo:i + 1], digit[lo:i + 1])
                got[:, 0] += lo
                parts.append(got)
                lo, acc = i + 1, 0
        return np.concatenate(parts)

    def _candidates(self, texts: list[str], ntok: np.ndarray, digit: np.ndarray) -> np.ndarray:
        n = len(texts)
        folded = fold("\n".join(texts))
        cp = code_points(folded)
        f = classify(cp)
        nl = nonzero((f & NEWLINE) != 0)
        starts = np.empty(n, dtype=np.int64)
        starts[0] = 0
        starts[1:] = nl + 1
        ends = np.empty(n, dtype=np.int64)
        ends[:-1] = nl
        ends[-1] = len(cp)
        # each block's first word character (or its end)
        wpos = nonzero((f & (WORD | NEWLINE)) != 0)
        k = np.searchsorted(wpos, starts)
        lead = np.where(k < len(wpos), wpos[np.minimum(k, len(wpos) - 1)], len(cp)) if len(wpos) else ends.copy()
        lead = np.minimum(lead, ends)
        bare = lead >= ends
        pairs: list = []
        everything = np.arange(n)
        if len(self._first_cps):
            first_cp = cp[np.minimum(starts, max(len(cp) - 1, 0))] if len(cp) else starts
            hit = np.isin(first_cp, self._first_cps) & (starts < ends)
            for b in nonzero(hit).tolist():
                rules_b = self._first_rules[int(first_cp[b])]
                self._bounded(rules_b, np.array([b]), ntok, pairs)
        if len(self._always):
            self._bounded(self._always, everything, ntok, pairs)
        if len(self._bare) and bare.any():
            self._bounded(self._bare, nonzero(bare), ntok, pairs)
        if len(self._digit_lead):
            first = f[np.minimum(lead, len(cp) - 1)] if len(cp) else np.zeros(n, dtype=f.dtype)
            numeric = ~bare & ((first & NUMBER) != 0)
            if numeric.any():
                self._bounded(self._digit_lead, nonzero(numeric), ntok, pairs)
        if len(self._digit_trigger) and digit.any():
            self._bounded(self._digit_trigger, nonzero(digit), ntok, pairs)
        found = []
        if self.leads.literals:
            lo = lead.tolist()
            hi = np.minimum(lead + self.lead_width, ends).tolist()
            buf = "\n".join([folded[a:z] for a, z in zip(lo, hi)])
            lits, at = self.leads.find(buf)
            if len(lits):
                lines = nonzero(code_points(buf) == 10) + 1
                found.append(self._lead_rules.pairs(lits, np.searchsorted(lines, at, side="right")))
        if self.lexicon.literals:
            # the first token not beginning with a digit
            tok0 = nonzero(((f & WORD) != 0) & (np.concatenate([[True], (f[:-1] & WORD) == 0]))
                                  & ((f & NUMBER) == 0))
            k2 = np.searchsorted(tok0, starts)
            lead2 = np.where(k2 < len(tok0), tok0[np.minimum(k2, max(len(tok0) - 1, 0))], ends) \
                if len(tok0) else ends.copy()
            lead2 = np.minimum(lead2, ends)
            hi2 = np.minimum(lead2 + self.lex_width, ends)
            buf = "\n".join([folded[a:z] for a, z in zip(lead2.tolist(), hi2.tolist())])
            lits, at = self.lexicon.find(buf)
            if len(lits):
                lines = nonzero(code_points(buf) == 10) + 1
                found.append(self._lex_rules.pairs(lits, np.searchsorted(lines, at, side="right")))
        if self.triggers.literals:
            lits, at = self.triggers.find(folded)
            if len(lits):
                found.append(self._trig_rules.pairs(lits, np.searchsorted(starts, at, side="right") - 1))
        if found:
            arr = np.concatenate(found)
            t = ntok[arr[:, 0]]
            pairs.append(arr[(t >= self._lo[arr[:, 1]]) & (t <= self._hi[arr[:, 1]])])
        if not pairs:
            return np.zeros((0, 2), dtype=np.int64)
        allp = np.concatenate(pairs)
        if len(allp) < SMALL_PAIRS:  # a few pairs: sorted and made unique without array calls
            out = np.array(sorted(set(map(tuple, allp.tolist()))), dtype=np.int64).reshape(-1, 2)
        else:
            width = len(self.rules)
            keys = unique(allp[:, 0] * width + allp[:, 1])  # sorted by block, then rule
            out = np.stack([keys // width, keys % width], axis=1)
        # a block longer than an entry can match (before the clauses: it is not scanned for them)
        chars = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        out = out[chars[out[:, 0]] <= self._max_chars[out[:, 1]]]
        return self._clauses.meet(out, folded, starts, ends, digit, cp) if self._clauses.n else out

    # -- matching --------------------------------------------------------------------------------
    def match(self, page, budget: "TimeoutBudget | None" = None, pairs: np.ndarray | None = None) -> PageMatches:
        """The page's matches; ``pairs``: its ``candidates`` when already found."""
        n = page.n
        out = PageMatches([None] * n, [None] * n, [None] * n, [[] for _ in range(n)])
        if not n:
            return out
        failed: set[str] = set(budget.disabled) if budget is not None else set()
        texts = page.texts
        rules, channel_of, tails = self.rules, self.channel_of, self._tails
        decided = [out.hits, out.heads, out.protects]
        # (rule, text) -> whether it matched: a line repeated in the page (a menu, a
        # footer row, a teaser) is tested once per rule
        tested: dict = {}
        tokens: dict = {}  # block text -> its lexicon tokens, for every lexicon rule tried on it
        for b, i in (self.candidates(page) if pairs is None else pairs).tolist():
            c = channel_of[i]
            r = rules[i]
            if failed and r.id in failed:
                continue
            if c == 3:
                out.trims[b].append(r)
                continue
            if decided[c][b] is not None:
                continue  # an earlier rule of this channel already matched this block
            text = texts[b]
            tail = tails[i]
            if tail is not None and text and not tail[text[-1]]:
                continue  # no match of the rule can end like this block
            ok = tested.get((i, text))
            if ok is None:
                try:
                    limited = self._risky[i] or len(text) > SAFE_CHARS
                    ok = tested[i, text] = self._test(r, self.sources[i], text, limited, tokens)
                except RuleTimeout:
                    failed.add(r.id)
                    if r.id not in out.errors:
                        out.errors.append(r.id)
                    if budget is not None:
                        budget.timed_out(r.id)
                    continue
            if ok:
                decided[c][b] = r
        return out

    def _test(self, r: Rule, source: str | None, text: str, limited: bool = True,
              tokens: dict | None = None) -> bool:
        if r.lexicon is not None:
            return r.lexicon.match(text, tokens)
        rx = r.part_regex(source)
        fn = rx.search if r.search else rx.match
        if not limited:
            return fn(text) is not None
        try:
            return fn(text, timeout=self.timeout) is not None
        except TimeoutError:
            raise RuleTimeout(r.id) from None


__all__ = ["RuleIndex", "PageMatches", "TimeoutBudget", "rule_dispatch", "SECTION_MAX_CHARS", "ANY"]

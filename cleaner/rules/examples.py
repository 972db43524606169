"""Run every rule's examples as tests (``cleaner rules test`` and the pytest suite).

- ``drop``: the rule must match the block (pattern, lexicon, section header, selector);
- ``keep``: the rule must leave the block alone;
- ``trim``: cutting the rule's span from ``input`` must give ``output``;
- ``documents``: cleaning ``input`` with only this rule must leave ``output``
  (compared line by line, blank lines ignored) — the before/after of a section rule;
- ``protect``: a protect rule must match the block.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..document import Document
from .compile import Rule, RuleTimeout
from .loader import RuleSet

_WS = regex.compile(r"\s+")


@dataclass
class ExampleFailure:
    rule: Rule
    kind: str  # drop / keep / trim / documents / protect
    example: str
    message: str
    index: int = 0  # which example of that kind (0-based)

    @property
    def path(self) -> tuple:
        """Where the example sits in the rule's file data (for file:line:column)."""
        return tuple(self.rule.path) + ("examples", self.kind, self.index)

    def __str__(self) -> str:
        r = self.rule
        return (f"{r.file}:{r.line}: [{r.id}] {self.kind} example {self.index + 1} failed: {self.message}\n"
                f"    example: {self.example!r}")


def _lines(text: str) -> list[str]:
    return [_WS.sub(" ", x).strip() for x in text.split("\n") if x.strip()]


def _selector_drops(rule: Rule, html: str, ruleset: RuleSet) -> bool:
    from ..filters.context import Context
    from ..filters.rulebased import RuleFilter
    from ..page import Page
    from ..parse import parse

    doc = parse(html if "<" in html else f"<p>{html}</p>", "html")
    ctx = Context(ruleset)
    f = RuleFilter(context=ctx)
    f.category = rule.category  # type: ignore[misc]  (instance-level category for this check)
    f._selectors(Page(doc, ctx), [rule])
    return any(b.dropped for b in doc.blocks)


def run_document(rule: Rule, text: str, ruleset: RuleSet) -> str:
    """Clean ``text`` (plain text, or HTML for selector rules) with this one rule alone."""
    from ..document import DROP, Verdict
    from ..filters.context import Context
    from ..filters.rulebased import RuleFilter
    from ..page import Page
    from ..parse import parse
    from ..render import render

    html = rule.kind == "selector"
    doc: Document = parse(text if not html or "<" in text else f"<p>{text}</p>", "html" if html else "text")
    if rule.languages:
        lang, langs = sorted(rule.languages)[0], set(rule.languages)
    else:  # a rule for every language (common and site packs): the example's own language
        from ..lang import detect
        lang, langs = detect([b.text for b in doc.blocks])
    doc.lang = lang
    doc.meta["langs"] = set(langs) or {lang}
    ctx = Context(ruleset, always_languages=())
    page = Page(doc, ctx)
    f = RuleFilter(context=ctx)
    f.category = rule.category  # type: ignore[misc]  (instance-level category for this check)
    t = ruleset.timeout
    if rule.kind == "section":
        heads = [rule if len(b.text) <= 200 and rule.test_block(b.text, t) else None for b in doc.blocks]
        f._sections(page, heads)
    elif rule.kind == "trim":
        f._trims(page, [[rule] if rule.bounds_ok(n) else [] for n in page.ntok])
    elif rule.kind == "selector":
        f._selectors(page, [rule])
    elif rule.kind in ("pattern", "lexicon"):
        for b in doc.blocks:
            if rule.test_block(b.text, t):
                b.add(Verdict("examples", rule.category, rule.id, DROP, rule.id))
    return render(doc)


def check_rule(rule: Rule, ruleset: RuleSet) -> list[ExampleFailure]:
    ex = rule.examples or {}
    fails: list[ExampleFailure] = []

    def matches(text: str) -> bool:
        if rule.kind == "selector":
            return _selector_drops(rule, text, ruleset)
        if rule.kind == "trim":
            return rule.trim_span(text, ruleset.timeout) is not None
        return rule.test_block(text, ruleset.timeout)

    timed_out = "the rule timed out on this example (its regex backtracks too much)"
    for kind in ("drop", "protect"):
        for i, t in enumerate(ex.get(kind) or []):
            try:
                ok = matches(t)
            except RuleTimeout:
                fails.append(ExampleFailure(rule, kind, t, timed_out, i))
                continue
            if not ok:
                what = "match (as a section header)" if rule.kind == "section" else "match"
                fails.append(ExampleFailure(rule, kind, t, f"the rule does not {what} this block", i))
    for i, t in enumerate(ex.get("keep") or []):
        try:
            hit = matches(t)
        except RuleTimeout:
            fails.append(ExampleFailure(rule, "keep", t, timed_out, i))
            continue
        if hit:
            fails.append(ExampleFailure(rule, "keep", t, "the rule matches a block it must keep", i))
    for i, item in enumerate(ex.get("trim") or []):
        src, want = item["input"], item["output"]
        try:
            span = rule.trim_span(src, ruleset.timeout)
        except RuleTimeout:
            fails.append(ExampleFailure(rule, "trim", src, timed_out, i))
            continue
        got = src if span is None else (src[:span[0]] + src[span[1]:]).strip()
        if _WS.sub(" ", got).strip() != _WS.sub(" ", want).strip():
            what = "the rule cuts nothing" if span is None else f"got {got!r}"
            fails.append(ExampleFailure(rule, "trim", src, f"{what}, expected {want!r}", i))
    for i, item in enumerate(ex.get("documents") or []):
        if rule.kind == "protect":
            continue  # protect rules only keep; their 'protect' examples say what they match
        try:
            got = run_document(rule, item["input"], ruleset)
        except RuleTimeout:
            fails.append(ExampleFailure(rule, "documents", item["input"][:80], timed_out, i))
            continue
        if _lines(got) != _lines(item["output"]):
            fails.append(ExampleFailure(rule, "documents", item["input"][:80],
                                        f"got {_lines(got)!r}, expected {_lines(item['output'])!r}", i))
    return fails


def check_all(ruleset: RuleSet, rules=None) -> tuple[int, list[ExampleFailure]]:
    """(number of examples run, failures) over ``rules`` (default: all)."""
    rules = ruleset.rules if rules is None else rules
    fails: list[ExampleFailure] = []
    count = 0
    for r in rules:
        ex = r.examples or {}
        count += sum(len(ex.get(k) or []) for k in ("drop", "keep", "trim", "documents", "protect"))
        fails.extend(check_rule(r, ruleset))
    return count, fails

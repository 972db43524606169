"""The mechanism behind every category filter (nav, share, related, ...): apply the
rule packs' rules of one category to a document.

- pattern / lexicon rules: a block that matches is dropped;
- section rules: the header and its extent (next N blocks, until article prose
  resumes, or to the end) are dropped;
- trim rules: a prefix/suffix span inside a block is cut (the whole block is
  dropped if nothing is left);
- selector rules (HTML input): blocks inside matching elements are dropped.

The knowledge is all in ``rules/``; this module is only the machinery.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..document import DROP, TRIM, Verdict
from ..features import GOOD
from ..rules.compile import RuleTimeout
from .base import Filter


@dataclass(frozen=True)
class RuleFilterConfig:
    """sections: apply section rules; trims: apply trim rules; selectors: apply
    HTML selector rules (ignored for text input)."""

    sections: bool = True
    trims: bool = True
    selectors: bool = True


@lru_cache(maxsize=512)
def _css(selector: str):
    from lxml.cssselect import CSSSelector
    return CSSSelector(selector)


class RuleFilter(Filter):
    """Applies the rules of ``category``; subclasses only name the category."""

    Config = RuleFilterConfig

    def apply(self, page) -> None:
        cat = self.category
        if self.config.selectors and page.source_format in ("html", "markup"):
            self._selectors(page, [r for r in page.active.selectors if r.category == cat])
        m = page.matches
        if not m.acts_on(cat):
            return
        hits, heads = m.hits, m.heads
        blocks = page.blocks
        for i in m.hit_blocks(cat):
            b, rule = blocks[i], hits[i]
            if not b.dropped:
                b.add(Verdict(self.id, cat, rule.description or rule.id, DROP, rule.id))
        if self.config.sections and m.has_head(cat):
            self._sections(page, [h if h is not None and h.category == cat else None for h in heads], heads, hits)
        if self.config.trims and m.has_trims:
            self._trims(page, [[r for r in rules if r.category == cat] for rules in m.trims])

    # -- sections ------------------------------------------------------------------
    def _sections(self, page, heads, all_heads=None, hits=None):
        """``heads[i]``: the section rule of this category whose header block i is (or None).

        A section ends where another section header (of any category) begins, and its
        verdict goes only to blocks no block rule names, so each block is reported
        under the most specific rule that matched it."""
        all_heads = all_heads or heads
        hits = hits or [None] * len(heads)
        blocks = page.blocks
        seen_good = False
        i = 0
        n = len(blocks)
        while i < n:
            b = blocks[i]
            hit = heads[i]
            if hit is None:
                if not seen_good and page.roles.is_content(i):
                    seen_good = True
                i += 1
                continue
            if hit.extent == "to-end" and hit.after_content and (not seen_good or page.roles.in_article_head(i)
                                                                 or page.roles.head_button(i)):
                i += 1
                continue
            if (self._menu_item(page, i) or page.roles.thread_section(hit)
                    or (hit.extent == "to-end" and (page.roles.repeated_header(i) or page.roles.lowercase_line(i)))):
                i += 1
                continue
            header = b.text if len(b.text) <= 60 else b.text[:57] + "..."
            b.add(Verdict(self.id, self.category, f"section header: {hit.description or hit.id}", DROP, hit.id))
            j = i + 1
            if hit.extent == "to-end":
                end = n
            elif hit.extent == "until-content":
                end = page.roles.content_resumes(j)
            else:
                end = min(n, j + int(hit.extent))
            for k in range(j, end):
                if all_heads[k] is not None and hit.extent != "to-end":
                    end = k  # another section starts here
                    break
                if hits[k] is None:
                    blocks[k].add(Verdict(self.id, self.category, f"in section '{header}'", DROP, hit.id))
            i = max(end, i + 1)

    def _menu_item(self, page, i) -> bool:
        """A header word standing inside a list of menu items ('News · Sport · Comment ·
        Finance · Travel': short items two deep on each side, or next to an item a rule
        named as menu/share, like a share row's 'Comments' button) is a link in a menu,
        not the start of a section."""
        blocks = page.blocks
        menu = page.roles.menu_categories

        def menu_like(j) -> bool:
            if j < 0 or j >= len(blocks):
                return False
            v = blocks[j].drop_verdict
            if v is not None:
                return v.category in menu
            return page.ntok[j] <= 3 and page.cls[j] != GOOD

        if not (menu_like(i - 1) and menu_like(i + 1)):
            return False
        if menu_like(i - 2) and menu_like(i + 2):
            return True
        # or next to an item a rule already named as a menu/share item after it (a section
        # header often follows a share row or a rating widget: what precedes it is no menu)
        return i + 1 < len(blocks) and blocks[i + 1].drop_verdict is not None \
            and blocks[i + 1].drop_verdict.category in menu

    # -- trims ----------------------------------------------------------------------
    def _trims(self, page, per_block):
        """``per_block[i]``: the trim rules (in order) that may cut block i."""
        timeout = page.context.rules.timeout
        failed = set(page.meta.get("rule_errors", ()))
        for i, (b, rules) in enumerate(zip(page.blocks, per_block)):
            if not rules or b.dropped:
                continue
            for r in rules:
                if r.id in failed:
                    continue
                try:
                    span = r.trim_span(b.text, timeout)
                except RuleTimeout as exc:
                    errs = page.meta.setdefault("rule_errors", [])
                    if exc.rule_id not in errs:
                        errs.append(exc.rule_id)
                    failed.add(exc.rule_id)
                    continue
                if span is None:
                    continue
                # a span another trim already cut is not cut (or counted) twice
                if any(t.span[0] < span[1] and span[0] < t.span[1] for t in b.trims()):
                    continue
                taken = sorted([t.span for t in b.trims()] + [span])
                rest, pos = [], 0
                for s0, e0 in taken:
                    rest.append(b.text[pos:s0])
                    pos = max(pos, e0)
                rest.append(b.text[pos:])
                if not "".join(rest).strip():
                    b.add(Verdict(self.id, self.category, r.description or r.id, DROP, r.id))
                    break
                b.add(Verdict(self.id, self.category, r.description or r.id, TRIM, r.id, span))
                page.retext(i)

    # -- selectors (HTML) -------------------------------------------------------------
    def _selectors(self, page, rules):
        if not rules:
            return
        tree = page.meta.get("_tree")
        css_hits: dict = {}
        for r in rules:
            if r.css and tree is not None:
                try:
                    css_hits[r.id] = set(_css(r.css)(tree))
                except Exception:  # validated at load; a tree quirk must not stop the run
                    css_hits[r.id] = set()
        # without CSS rules, a block none of whose tokens any rule names is passed at once
        named = None if css_hits else frozenset().union(*(r.tokens for r in rules))
        for b in page.blocks:
            if b.dropped:
                continue
            toks = b.features.get("dom_tokens") or frozenset()
            if named is not None and toks.isdisjoint(named):
                continue
            el = b.features.get("_el")
            for r in rules:
                hit = bool(r.tokens) and not toks.isdisjoint(r.tokens)
                if not hit and r.id in css_hits and el is not None:
                    hits = css_hits[r.id]
                    hit = el in hits or any(a in hits for a in el.iterancestors())
                if hit:
                    b.add(Verdict(self.id, self.category, r.description or r.id, DROP, r.id))
                    break

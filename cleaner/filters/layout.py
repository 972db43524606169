"""Page structure around the article: find the article's region and its title, and
drop what lies outside them (category ``layout``).

How it decides:

1. Each block gets a prose class (GOOD article prose, NEAR, SHORT, BAD link-heavy)
   and a weight: GOOD counts its tokens, NEAR a share of them, a headline-shaped NEAR
   block and SHORT/BAD blocks count against.  Blocks already dropped by a rule weigh
   nothing, except *hard boundaries* (comment and footer drops, related sections),
   which the region never crosses.
2. The article is the contiguous region with the highest total weight (a maximum-sum
   subarray): prose with short subheadings and captions inside it stays together,
   while menus, teaser lists and footers around it cost more than they bring.
3. When a headline repeats the page title (the HTML ``<title>``, or a scraper's first
   line) and prose follows it, the first prose block after it gets a bonus: that is
   where the article starts, whatever larger prose blocks (comments, legal text)
   the page also carries.
4. The title: that headline; else a headline followed by a metadata line; else the
   nearest headline-shaped block just before the region.  The title is protected and
   everything before it is dropped.  Between title and text, lede-like blocks stay
   and short ones (bylines, captions, labels) go.
5. Everything after the region's end is dropped, except up to ``tail_near`` NEAR
   blocks that directly continue it.

``strictness`` is the one precision/recall knob: it scales every penalty (above 1:
cut boilerplate harder, at some cost to recall; below 1: keep more).  A document
with no prose at all is left to the rule filters (nothing structural is dropped),
so short legitimate texts are never emptied by this filter.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..document import DROP, KEEP, Verdict
from ..features import BAD, GOOD, NEAR, SHORT
from ..text import fold_key
from .base import Filter, register

HARD_CATEGORIES = frozenset(("related", "comments", "footer"))
_TITLE_SEP = regex.compile(r"\s+[|\-–—:·•»~/]\s+|\s*[|｜–—_]\s*|\s+::\s+")
_TERMINAL_DOT = regex.compile(r"[.。]['\"”’»)]*$")
_LABEL_END = regex.compile(r"[:：]$")


@dataclass(frozen=True)
class LayoutConfig:
    """strictness: scales every penalty below (the precision/recall knob; default 1).
    near_weight: weight per token of a NEAR block that ends a sentence.
    headline_weight: weight of a NEAR block that does not end a sentence (a teaser title).
    short_penalty / mid_penalty: cost of a SHORT block of 1-2 / 3-5 tokens.
    long_short_weight: weight per token of a SHORT block of 6+ tokens.
    bad_penalty: cost of a link-heavy block (markup/HTML input).
    anchor_title / anchor_bonus: favour the region right after a headline that repeats
    the page title.
    head_lookback: blocks before the region searched for a title without such a headline.
    title_window: how far before the region a page-title or metadata match may be.
    tail_near: NEAR blocks kept right after the region.
    keep_lede: keep NEAR/GOOD blocks between the title and the region."""

    strictness: float = 1.0
    near_weight: float = 0.3
    headline_weight: float = -6.0
    short_penalty: float = 8.0
    mid_penalty: float = 5.0
    long_short_weight: float = 0.0
    bad_penalty: float = 3.0
    anchor_title: bool = True
    anchor_bonus: float = 100.0
    teaser_series: int = 3
    head_lookback: int = 5
    title_window: int = 25
    tail_near: int = 0
    keep_lede: bool = True


@register
class LayoutFilter(Filter):
    id = "layout"
    category = "layout"
    Config = LayoutConfig

    def apply(self, page) -> None:
        doc = page
        blocks = page.blocks
        n = len(blocks)
        if not n:
            return
        cfg = self.config
        cls, hard, ntok = [], [], []
        for i, b in enumerate(blocks):
            v = b.drop_verdict
            if v is not None:
                cls.append(None)
                hard.append(self._is_hard(v))
                ntok.append(0)
                continue
            cls.append(page.cls[i])
            hard.append(False)
            ntok.append(page.kept_ntok[i])
        if not any(c in (GOOD, NEAR) for c in cls):
            doc.meta["layout"] = "no prose: nothing structural dropped"
            return
        if GOOD not in cls:  # only near-prose: it is the best this page has
            cls = [GOOD if c == NEAR else c for c in cls]
        anchor = self._anchor(doc, blocks, cls) if cfg.anchor_title else None
        sentence = [c is not None and page.ends[i] for i, c in enumerate(cls)]
        teasers = self._teaser_series(doc, blocks, cls, sentence, cfg)
        bonus = {i: -self._weight(cls[i], ntok[i], cfg, sentence[i]) for i in teasers}
        if anchor is not None:
            first = next((k for k in range(anchor + 1, min(n, anchor + 10)) if cls[k] == GOOD), None)
            if first is not None:
                bonus[first] = cfg.anchor_bonus
        start, end = self._density(cls, hard, ntok, cfg, sentence, bonus)
        if anchor is not None and not anchor < start <= anchor + 10:
            anchor = None  # the article is elsewhere: that headline was a teaser
        title = anchor if anchor is not None else self._title(doc, blocks, cls, start, cfg)
        end = self._tail(cls, hard, end, cfg.tail_near)
        lid = self.id
        if title is not None:
            blocks[title].add(Verdict(lid, "protect", "article title", KEEP))
            for i in range(title):
                if cls[i] is not None and not blocks[i].protected:
                    blocks[i].add(Verdict(lid, lid, "before the article title", DROP))
            if title >= start:
                start = title + 1
            for i in range(title + 1, start):
                if cls[i] is None or blocks[i].protected:
                    continue
                if cfg.keep_lede and cls[i] in (GOOD, NEAR):
                    continue
                blocks[i].add(Verdict(lid, lid, "between the title and the text", DROP))
        else:
            for i in range(start):
                if cls[i] is not None and not blocks[i].protected:
                    blocks[i].add(Verdict(lid, lid, "before the article text", DROP))
        for i in range(end + 1, n):
            if cls[i] is not None and not blocks[i].protected:
                blocks[i].add(Verdict(lid, lid, "after the article end", DROP))
        doc.meta["layout"] = {"title": title, "start": start, "end": end}

    # -- the article's head: the page title repeated as a headline -----------------------
    def _page_title_parts(self, doc, blocks, cls) -> set:
        page_title = doc.meta.get("page_title")
        if not page_title and blocks and cls[0] is not None:
            page_title = blocks[0].text  # a scraper's first line is often the <title>
        if not page_title:
            return set()
        parts = {fold_key(page_title)}
        parts.update(fold_key(p) for p in _TITLE_SEP.split(page_title) if len(p) >= 8)
        parts.discard("")
        return {p for p in parts if len(p) >= 8}

    def _anchor(self, doc, blocks, cls) -> int | None:
        """The first headline that repeats (part of) the page title and is followed, within
        four blocks, by a metadata line or article prose: the head of the article."""
        parts = self._page_title_parts(doc, blocks, cls)
        if not parts:
            return None
        first = 0 if doc.meta.get("page_title") else 1
        for i in range(first, len(blocks)):
            if cls[i] is None or fold_key(blocks[i].text) not in parts:
                continue
            if not self._headline(doc, i, strict=False):
                continue
            for j in range(i + 1, min(len(blocks), i + 5)):
                if cls[j] == GOOD or any(v.category == "metadata" for v in blocks[j].verdicts):
                    return i
        return None

    def _teaser_series(self, doc, blocks, cls, sentence, cfg) -> set:
        """Prose blocks that are the summaries of a teaser list: each right after a
        headline-shaped line and a dateline/byline, three or more in a row (an article
        has that head once).  They weigh nothing, so the article region stops there."""
        if cfg.teaser_series <= 0:
            return set()
        units = []
        for i, c in enumerate(cls):
            if c != GOOD:
                continue
            meta = headline = False
            for j in range(i - 1, max(-1, i - 4), -1):
                v = blocks[j].drop_verdict
                if v is not None and v.category == "metadata":
                    meta = True
                elif cls[j] in (NEAR, SHORT) and not sentence[j]:
                    headline = True
                elif cls[j] == GOOD:
                    break
            if meta and headline:
                units.append(i)
        out: set = set()
        run = []
        for i in units:
            if run and i - run[-1] > 6:
                if len(run) >= cfg.teaser_series:
                    out.update(run)
                run = []
            run.append(i)
        if len(run) >= cfg.teaser_series:
            out.update(run)
        return out

    def _is_hard(self, v) -> bool:
        """Drops the article region never spans: comment and footer drops, and related
        *sections* (a header and the teasers after it).  A single in-article teaser line
        ('Read also: …', 'Lesen Sie auch: …') is not a boundary: the article goes on."""
        if v.category not in HARD_CATEGORIES:
            return False
        if v.category != "related":
            return True
        rule = self.context.rules.rule(v.rule) if v.rule else None
        return rule is not None and rule.kind == "section"

    # -- the densest region ------------------------------------------------------------
    def _weight(self, c, n, cfg, sentence=True) -> float:
        if c is None:
            return 0.0
        if c == GOOD:
            return float(n)
        k = cfg.strictness
        if c == NEAR:
            return cfg.near_weight * n if sentence else k * cfg.headline_weight
        if c == BAD:
            return -k * cfg.bad_penalty
        if n <= 2:
            return -k * cfg.short_penalty
        if n <= 5:
            return -k * cfg.mid_penalty
        return cfg.long_short_weight * n

    def _density(self, cls, hard, ntok, cfg, sentence, bonus=None):
        """The contiguous region with the highest total weight (maximum-sum subarray),
        never crossing a hard boundary; ties go to the earlier region."""
        best = (float("-inf"), 0, 0)
        cur, cur_start = 0.0, 0
        for i, c in enumerate(cls):
            if hard[i]:
                cur, cur_start = 0.0, i + 1
                continue
            w = self._weight(c, ntok[i], cfg, sentence[i])
            if bonus and i in bonus:
                w += bonus[i]
            if cur <= 0:
                cur, cur_start = w, i
            else:
                cur += w
            if cur > best[0] and c is not None:
                best = (cur, cur_start, i)
        _, start, end = best
        # the region starts and ends on a kept block
        while start < end and cls[start] is None:
            start += 1
        return start, end

    @staticmethod
    def _tail(cls, hard, end, tail_near):
        taken = 0
        i = end + 1
        while i < len(cls) and taken < tail_near:
            if cls[i] is None:
                if hard[i]:
                    break
                i += 1
                continue
            if cls[i] != NEAR:
                break
            end = i
            taken += 1
            i += 1
        return end

    # -- title -----------------------------------------------------------------------
    def _headline(self, page, i, strict: bool) -> bool:
        ntok, ncjk = page.kept_ntok[i], page.kept_ncjk[i]
        if ncjk * 2 > ntok:
            if not 5 <= ncjk <= 80:
                return False
        elif not 2 <= ntok <= 40:
            return False
        text = page.blocks[i].text
        if _LABEL_END.search(text):
            return False
        if strict and _TERMINAL_DOT.search(text) and ntok > 1:
            return False
        return True

    def _title(self, doc, blocks, cls, start, cfg) -> int | None:
        lo = max(0, start - cfg.title_window)
        hi = min(len(blocks), start + 3)
        # A: the page title (HTML <title>, or a scraper's first line) names the headline
        page_title = doc.meta.get("page_title")
        if not page_title and blocks and cls[0] is not None:
            page_title = blocks[0].text
        if page_title:
            parts = {fold_key(page_title)}
            parts.update(fold_key(p) for p in _TITLE_SEP.split(page_title) if len(p) >= 8)
            parts.discard("")
            best = None
            for i in range(lo, hi):
                if cls[i] is None or (i == 0 and not doc.meta.get("page_title")):
                    continue
                key = fold_key(blocks[i].text)
                if len(key) >= 8 and key in parts and self._headline(doc, i, strict=False):
                    best = i
                    if i >= start:
                        break
            if best is not None:
                return best
        # B: a headline followed (within two blocks) by a metadata line
        for i in range(hi - 1, lo - 1, -1):
            if cls[i] is None or not self._headline(doc, i, strict=True):
                continue
            for j in range(i + 1, min(len(blocks), i + 3)):
                if any(v.category == "metadata" for v in blocks[j].verdicts):
                    return i
                if cls[j] in (GOOD,):
                    break
        # C: the nearest headline-shaped block just before the text
        seen = 0
        for i in range(start - 1, max(-1, start - 1 - cfg.head_lookback * 2), -1):
            if cls[i] is None:
                continue
            if self._headline(doc, i, strict=True):
                return i
            seen += 1
            if seen >= cfg.head_lookback:
                break
        return None

"""Page structure around the article: find the article's text run and its title, and
drop what lies outside them (category ``layout``).

How it decides:

1. Each block gets a prose class (GOOD article prose, NEAR, SHORT, BAD link-heavy);
   blocks already dropped by a rule are transparent, except *hard boundaries*
   (related/comments/footer drops), which a run never crosses.
2. GOOD blocks form runs; two GOOD blocks belong to one run when the non-prose
   blocks between them cost at most ``max_gap`` (SHORT 1, BAD 1.5, NEAR 0.5).
3. The run with the most prose tokens is the article.  Other runs join it when
   they carry at least ``join_ratio`` of its tokens, sit within ``join_gap`` and
   no hard boundary lies between.
4. The title is found before the run: a block equal to (part of) the page title;
   else a headline-shaped block followed by a metadata line; else the nearest
   headline-shaped block just before the text.  The title is protected, and
   everything before it is dropped.  Between title and text, lede-like blocks
   stay and short ones (bylines, captions, labels) go.
5. Everything after the run's end is dropped, except up to ``tail_near`` NEAR
   blocks that directly continue it.

A document with no prose at all is left to the rule filters (nothing structural
is dropped), so short legitimate texts are never emptied by this filter.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..document import DROP, KEEP, Document, Verdict
from ..features import BAD, GOOD, NEAR, SHORT, shape
from ..text import fold_key
from .base import Filter, register

HARD_CATEGORIES = frozenset(("related", "comments", "footer"))
_TITLE_SEP = regex.compile(r"\s+[|\-–—:·•»~/]\s+|\s*[|｜–—_]\s*|\s+::\s+")
_TERMINAL_DOT = regex.compile(r"[.。]['\"”’»)]*$")
_LABEL_END = regex.compile(r"[:：]$")


@dataclass(frozen=True)
class LayoutConfig:
    """max_gap: non-prose cost allowed between two prose blocks of one run.
    join_ratio / join_gap: when a second prose run joins the article run.
    head_lookback: blocks before the text searched for a title without a page-title match.
    tail_near: NEAR blocks kept right after the run.
    title_window: how far before the run (in blocks) a page-title or metadata match may be.
    keep_lede: keep NEAR/GOOD blocks between the title and the text run."""

    max_gap: float = 4.0
    join_ratio: float = 0.25
    join_gap: float = 12.0
    head_lookback: int = 5
    tail_near: int = 2
    title_window: int = 25
    keep_lede: bool = True
    method: str = "density"
    near_weight: float = 0.3
    short_penalty: float = 5.0
    mid_penalty: float = 4.0
    long_short_weight: float = 0.0
    bad_penalty: float = 3.0
    headline_weight: float = -4.0


@register
class LayoutFilter(Filter):
    id = "layout"
    category = "layout"
    Config = LayoutConfig
    needs_rules = True

    def apply(self, doc: Document) -> Document:
        blocks = doc.blocks
        n = len(blocks)
        if not n:
            return doc
        ctx = self.context
        cfg = self.config
        cls, hard, ntok = [], [], []
        for b in blocks:
            v = b.drop_verdict
            if v is not None:
                cls.append(None)
                hard.append(v.category in HARD_CATEGORIES)
                ntok.append(0)
                continue
            c = ctx.prose_class(doc, b)
            cls.append(c)
            hard.append(False)
            ntok.append(shape(b, ctx.stopwords(doc)).ntok)
        seed_class = GOOD
        seeds = [i for i, c in enumerate(cls) if c == GOOD]
        if not seeds:
            seed_class = NEAR
            seeds = [i for i, c in enumerate(cls) if c == NEAR]
        if not seeds:
            doc.meta["layout"] = "no prose: nothing structural dropped"
            return doc
        if cfg.method == "density" and seed_class == GOOD:
            sentence = [c is not None and shape(b, ctx.stopwords(doc)).ends_sentence for b, c in zip(blocks, cls)]
            start, end = self._density(cls, hard, ntok, cfg, sentence)
        else:
            runs = self._runs(seeds, cls, hard, cfg.max_gap)
            scores = [sum(ntok[i] for i in range(s, e + 1) if cls[i] == seed_class) for s, e in runs]
            m = max(range(len(runs)), key=lambda k: (scores[k], -k))
            start, end = self._join(runs, scores, m, cls, hard, cfg)
        title = self._title(doc, blocks, cls, start, cfg)
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
        return doc

    # -- the densest region ------------------------------------------------------------
    def _weight(self, c, n, cfg, sentence=True) -> float:
        if c is None:
            return 0.0
        if c == GOOD:
            return float(n)
        if c == NEAR:
            return cfg.near_weight * n if sentence else cfg.headline_weight
        if c == BAD:
            return -cfg.bad_penalty
        if n <= 2:
            return -cfg.short_penalty
        if n <= 5:
            return -cfg.mid_penalty
        return cfg.long_short_weight * n

    def _density(self, cls, hard, ntok, cfg, sentence):
        """The contiguous region with the highest total weight (maximum-sum subarray),
        never crossing a hard boundary; ties go to the earlier region."""
        best = (float("-inf"), 0, 0)
        cur, cur_start = 0.0, 0
        for i, c in enumerate(cls):
            if hard[i]:
                cur, cur_start = 0.0, i + 1
                continue
            w = self._weight(c, ntok[i], cfg, sentence[i])
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

    # -- runs ------------------------------------------------------------------------
    @staticmethod
    def _gap_cost(c) -> float:
        if c is None:
            return 0.0
        return {SHORT: 1.0, BAD: 1.5, NEAR: 0.5, GOOD: 0.0}[c]

    def _runs(self, seeds, cls, hard, max_gap):
        runs = []
        s = e = seeds[0]
        for i in seeds[1:]:
            cost = sum(self._gap_cost(cls[k]) for k in range(e + 1, i))
            if cost > max_gap or any(hard[e + 1:i]):
                runs.append((s, e))
                s = i
            e = i
        runs.append((s, e))
        return runs

    def _join(self, runs, scores, m, cls, hard, cfg):
        start, end = runs[m]
        best = scores[m]
        # extend forward, then backward, while neighbours qualify
        k = m + 1
        while k < len(runs):
            s, e = runs[k]
            cost = sum(self._gap_cost(cls[i]) for i in range(end + 1, s))
            if scores[k] >= cfg.join_ratio * best and cost <= cfg.join_gap and not any(hard[end + 1:s]):
                end = e
                k += 1
            else:
                break
        k = m - 1
        while k >= 0:
            s, e = runs[k]
            cost = sum(self._gap_cost(cls[i]) for i in range(e + 1, start))
            if scores[k] >= cfg.join_ratio * best and cost <= cfg.join_gap and not any(hard[e + 1:start]):
                start = s
                k -= 1
            else:
                break
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
    def _headline(self, doc, b, strict: bool) -> bool:
        s = shape(b, self.context.stopwords(doc))
        if s.cjk:
            if not 5 <= s.ncjk <= 80:
                return False
        elif not 2 <= s.ntok <= 40:
            return False
        text = b.text
        if _LABEL_END.search(text):
            return False
        if strict and _TERMINAL_DOT.search(text) and s.ntok > 1:
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
                if len(key) >= 8 and key in parts and self._headline(doc, blocks[i], strict=False):
                    best = i
                    if i >= start:
                        break
            if best is not None:
                return best
        # B: a headline followed (within two blocks) by a metadata line
        for i in range(hi - 1, lo - 1, -1):
            if cls[i] is None or not self._headline(doc, blocks[i], strict=True):
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
            if self._headline(doc, blocks[i], strict=True):
                return i
            seen += 1
            if seen >= cfg.head_lookback:
                break
        return None

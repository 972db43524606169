"""Near-duplicate blocks within one page (category ``duplicate``).

Scraped pages repeat themselves: a teaser's title printed twice (link text and link
title), its summary twice, a whole related list twice, a share row at the top and
the bottom.  This filter finds blocks that repeat inside one document and drops
the extra copies, without touching the article.

**Finding repeats.**  Every block still kept has its exact key (casefolded, numbers
folded: ``blockkeys``); blocks with one key are copies.  Blocks of at least
``fuzzy_tokens`` tokens whose token-bigram sets have a Jaccard similarity of at
least ``similarity`` (computed exactly) are copies too.  Copies form clusters.

**The article.**  The page's *core* (``roles.region.prose_core``) is the span from
the first to the last block that is article prose (GOOD) and has no copy on the page
(prose that repeats is a teaser or an echo, not evidence of the article), widened
over the prose blocks (good or near) that directly adjoin it: a lede or a paragraph
that is repeated elsewhere still belongs to the article it touches.

**Policy** (one copy of each cluster is *kept*: a protected copy, else the first copy
inside the core, else the copy nearest to the core, else the first):

1. Repeated teaser group — after the core, a run of consecutive blocks that are all
   copies, whose clusters lie wholly inside the run, and that holds a prose (good
   or near) block: the teaser list printed twice.  Every block of those clusters is
   dropped, first copies included.
2. After the core, every copy but the kept one is dropped (a teaser repeating the
   article's lede, a share row printed at the top and the bottom, a list printed
   twice).
3. Inside the core nothing is dropped: a refrain, a list item, an interview's
   repeated question, a quote shown again after a tweet are the article's own text.
   Before the core nothing is dropped either: that is the title area, which the
   layout filter judges; a dek or lede printed twice there is its to keep or drop
   (dropping one copy here can move the layout filter's title, and with it the
   article).
4. Without a core (no prose without copies, e.g. a whole article printed twice),
   only later copies of prose (good) blocks are dropped.

Protected blocks (keep verdicts) and the blocks of item grids (``roles.items``: every
card of a shop's grid repeats its label and, numbers folded, its price) are never dropped.  Each verdict names the block
the copy repeats (the cluster's first copy) by its index.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from ..blockkeys import char_gram_sets, near_duplicates
from ..blockstats import nonzero
from ..corpus.shingles import folds, unspaced
from ..document import DROP, Verdict
from ..features import GOOD, NEAR
from .base import Filter, register


SHORT_TOKENS = 6  # blocks with fewer tokens are compared by their characters
_DROPPED = attrgetter("dropped")
_UNSPACED = re.compile("[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f]")


@dataclass(frozen=True)
class DuplicatesConfig:
    """similarity: Jaccard similarity of token-bigram sets at which two blocks are
      near-duplicates.
    fuzzy_tokens: blocks with fewer tokens are compared by exact key only.
    teaser_groups: drop whole repeated teaser groups after the article (rule 1);
      off: keep the first copy of each teaser block instead."""

    similarity: float = 0.75
    fuzzy_tokens: int = 5
    teaser_groups: bool = True


@register
class DuplicatesFilter(Filter):
    id = "duplicates"
    category = "duplicate"
    Config = DuplicatesConfig

    def __init__(self, config=None, *, context=None, **options):
        super().__init__(config, context=context, **options)
        if not 0.0 < self.config.similarity <= 1.0:
            raise ValueError("duplicates: similarity must be within (0, 1]")

    # -- clusters ------------------------------------------------------------------------
    def clusters(self, page, dropped: np.ndarray | None = None) -> list[list[int]]:
        """Clusters (lists of block indexes, ascending; two or more) of copies among
        the blocks not dropped yet (``dropped``: the page's mask of them, if known)."""
        if page.n < 2:
            return []  # a cluster has two blocks or more
        if dropped is None:
            dropped = np.fromiter(map(_DROPPED, page.blocks), dtype=bool, count=page.n)
        live = nonzero((page.keys != 0) & ~dropped)
        if not len(live):
            return []
        # the blocks of each key, in page order: a stable sort by key
        order = np.argsort(page.keys[live], kind="stable")
        members = live[order]
        ks = page.keys[members]
        new = np.empty(len(ks), dtype=bool)
        new[0] = True
        new[1:] = ks[1:] != ks[:-1]
        starts = nonzero(new)
        sizes = np.diff(np.append(starts, len(ks)))
        firsts = members[starts]  # each key's first block
        near = self._near(page, np.sort(firsts).tolist())
        lst = members.tolist()
        bounds = np.append(starts, len(ks)).tolist()
        if not near:  # the blocks of each key with a copy, the keys by their first block
            multi = nonzero(sizes >= 2)
            multi = multi[np.argsort(firsts[multi])].tolist()
            return [lst[bounds[g]:bounds[g + 1]] for g in multi]
        group = np.empty(page.n, dtype=np.int64)  # each live block's key, numbered
        group[members] = np.cumsum(new) - 1
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while x in parent:
                x = parent[x]
            return x

        for a, c in {(int(group[a]), int(group[c])) for a, c, _j in near}:  # near keys join
            ra, rc = find(a), find(c)
            if ra != rc:
                parent[max(ra, rc)] = min(ra, rc)
        involved = sorted({int(group[a]) for pair in near for a in pair[:2]})
        joined: dict[int, list[int]] = {}
        for g in involved:
            joined.setdefault(find(g), []).extend(lst[bounds[g]:bounds[g + 1]])
        out = [sorted(m) for m in joined.values()]
        seen = set(involved)
        out += [lst[bounds[g]:bounds[g + 1]] for g in nonzero(sizes >= 2).tolist() if g not in seen]
        return sorted(out, key=lambda m: m[0])

    def _near(self, page, firsts: list[int]) -> list[tuple[int, int, float]]:
        """Near-duplicate pairs among ``firsts`` (one block of each key): token bigrams
        for blocks of SHORT_TOKENS tokens or more, character grams for shorter ones and
        for blocks written without spaces; blocks under ``fuzzy_tokens`` tokens and
        4 * ``fuzzy_tokens`` characters are left out."""
        cfg = self.config
        at = np.array(firsts, dtype=np.int64)
        ntok = page.stats.ntok[at]
        texts = page.texts
        chars = np.fromiter(map(len, [texts[i] for i in firsts]), dtype=np.int64, count=len(firsts))
        fuzzy = (ntok >= cfg.fuzzy_tokens) | (chars >= 4 * cfg.fuzzy_tokens)
        at, ntok = at[fuzzy], ntok[fuzzy]
        width = np.where(ntok >= SHORT_TOKENS, 0, 4)  # 0: token bigrams
        fuzzy_texts = [texts[i] for i in at.tolist()]
        ncjk = page.stats.ncjk[at]
        if ncjk.any() or _UNSPACED.search("\n".join(fuzzy_texts)):
            ncjk = ncjk.tolist()
            for k, text in enumerate(fuzzy_texts):
                if not text.isascii() and (ncjk[k] or _UNSPACED.search(text)) and unspaced(text):
                    width[k] = 3  # CJK, Thai, ...: character trigrams, spaces removed
        words = at[width == 0].tolist()
        short = at[width > 0].tolist()
        widths = width[width > 0].tolist()
        grams = None
        if short:
            folded = folds([texts[i] for i in short])
            folded = [f.replace(" ", "") if w == 3 else f for f, w in zip(folded, widths)]
            grams = char_gram_sets(short, folded, widths)
        return near_duplicates(page.stats, words, cfg.similarity, grams)

    # -- policy --------------------------------------------------------------------------
    def apply(self, page) -> None:
        dropped = np.fromiter(map(_DROPPED, page.blocks), dtype=bool, count=page.n)
        clusters = self.clusters(page, dropped)
        if not clusters:
            return
        blocks = page.blocks
        cluster_of: dict[int, int] = {}
        for c, members in enumerate(clusters):
            for i in members:
                cluster_of[i] = c
        live = nonzero(~dropped).tolist()
        page_cls = page.cls
        cls = {i: page_cls[i] for i in live}
        core = page.roles.prose_core(live, cls, cluster_of)
        dropped: set[int] = set()
        grid = set()
        for a, b in page.roles.item_grids:
            grid.update(range(a, b + 1))

        def drop(i: int, reason: str, rule: str) -> None:
            if i in dropped or i in grid or blocks[i].protected:
                return
            blocks[i].add(Verdict(self.id, self.category, reason, DROP, rule))
            dropped.add(i)

        # 1. repeated teaser groups after the core
        handled: set[int] = set()
        if core is not None and self.config.teaser_groups:
            for run in self._runs(live, cluster_of, core[1]):
                inside = set(run)
                local = [c for c in dict.fromkeys(cluster_of[i] for i in run)
                         if all(m in inside for m in clusters[c])]
                if not local or not any(cls[m] in (GOOD, NEAR) for c in local for m in clusters[c]):
                    continue
                group = f"repeated teaser group (blocks {run[0]}-{run[-1]})"
                for c in local:
                    first = clusters[c][0]
                    for m in clusters[c]:
                        drop(m, f"{group}: copy of block {first}" if m != first else
                             f"{group}: first of {len(clusters[c])} copies", "teaser-group")
                    handled.add(c)
        # 2-3. per cluster: keep one copy; drop the others after the article only
        for c, members in enumerate(clusters):
            if c in handled:
                continue
            kept = self._kept(members, blocks, core)
            first = members[0]
            for m in members:
                if m == kept:
                    continue
                if core is None:
                    if cls.get(m) != GOOD or m < kept:
                        continue  # no article found: only later copies of prose go
                elif m <= core[1]:
                    continue  # inside the article (a refrain, a repeated question) or before it
                what = "repeat" if page.keys[m] == page.keys[first] else "near-duplicate"
                drop(m, f"{what} of block {first}" + (f" (block {kept} kept)" if kept != first else ""),
                     f"duplicate-{'exact' if what == 'repeat' else 'near'}")

    @staticmethod
    def _kept(members, blocks, core) -> int:
        for m in members:
            if blocks[m].protected:
                return m
        if core is None:
            return members[0]
        lo, hi = core
        return min(members, key=lambda m: (0 if lo <= m <= hi else min(abs(m - lo), abs(m - hi)), m))

    @staticmethod
    def _runs(live, cluster_of, after: int):
        """Maximal runs (two or more blocks) of consecutive live blocks after ``after``
        that all have copies."""
        run: list[int] = []
        for i in live:
            if i <= after:
                continue
            if i in cluster_of:
                run.append(i)
                continue
            if len(run) >= 2:
                yield run
            run = []
        if len(run) >= 2:
            yield run

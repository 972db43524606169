"""Page structure around the article: find the article's region and its title, and
drop what lies outside them (category ``layout``).

How it decides:

1. Each block gets a prose class (GOOD article prose, NEAR, SHORT, BAD link-heavy)
   and a weight: GOOD counts its tokens, NEAR a share of them, a headline-shaped NEAR
   block and SHORT/BAD blocks count against.  Blocks already dropped by a rule weigh
   nothing, except *hard boundaries* (comment and footer drops, related sections),
   which the region never crosses — but a credit that recurs between the paragraphs
   (a gallery's "2/28 photos © Shutterstock") is no boundary.
2. The article is the contiguous region with the highest total weight (a maximum-sum
   subarray): prose with short subheadings and captions inside it stays together,
   while menus, teaser lists and footers around it cost more than they bring.
3. When a headline repeats the page title (the HTML ``<title>``, or a scraper's first line;
   or opens a part of it, the words the title adds left out; when no block repeats that first
   line, a headline that spells the URL's slug: ``roles.slug``) and prose follows it, the first
   prose block after it gets a bonus: that is where the article starts, whatever larger
   prose blocks (comments, legal text) the page also carries. When that bonus holds only the
   head (the paragraphs under the headline) and the body follows a short box (a
   related-articles box), or when the body lies beyond a long one (a paywall pitch), the
   body is the region and the head stays with it as the lede (when the body lies farther
   than ``title_window`` below the headline, the head is the densest run under it).
4. The title: that headline; else a headline followed by a metadata line; else the
   nearest headline-shaped block just before the region.  The title is protected and
   everything before it is dropped.  Between title and text, lede-like blocks stay
   and short ones (bylines, captions, labels) go.
5. Everything after the region's end is dropped, except up to ``tail_near`` NEAR
   blocks that directly continue it.  A related-articles box inside the article (a few
   blocks, related sections its only boundaries) does not end it when a run of
   paragraphs of at least half the region's weight follows it.  An author box closing the
   region (the writer's name on a line, then a paragraph opening with that name, named by a
   byline or with no prose after it: ``region.author_box``) ends it before the box.  A list
   of amounts (``roles.quantities``: a recipe's ingredients) costs the region nothing,
   however short its lines.
6. On page types made of several regions (``roles.pagetype``: forum, product,
   documentation, service, listings of items), other dense regions are kept too: after
   the title, and before it when they hold ``head_regions`` prose blocks or more.
7. Item grids (``roles.items``: runs of priced items, a shop's category grid) are kept
   as regions on every page type; on a product page only when they end before its
   description.

``strictness`` is the one precision/recall knob: it scales every penalty (above 1:
cut boilerplate harder, at some cost to recall; below 1: keep more).  A document
with no prose at all is left to the rule filters (nothing structural is dropped but
a first line that is the page's <title>, "Headline | Site"), so short legitimate
texts are never emptied by this filter — unless most of its text is enumeration rows
(``roles.chrome``: "Help Center, Disputes & Reports, Return Policy, ..."): then it is
a page's frame only (its content drawn by a script) and all of it is dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import DROP, KEEP, Verdict
from ..roles import ARTICLE
from .base import Filter, register


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
    keep_lede: keep NEAR/GOOD blocks between the title and the region.
    extra_regions: on page types made of several regions (forum, listing, product,
    documentation, service: ``roles.pagetype``), other regions of at least this weight
    are kept too (0: one region for every page).
    type_strictness: ``strictness`` is multiplied by this on the multi-region page types
    (their content is made of short items, labels and headings).
    head_regions: on those page types, a further region before the title is kept when it
    holds at least this many prose blocks (0: nothing before the title is kept).
    item_grids: keep runs of priced items (``roles.items``: a shop's category grid) as
    content regions (on a product page only when they end before its description)."""

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
    extra_regions: float = 30.0
    type_strictness: float = 0.5
    head_regions: int = 2
    item_grids: bool = True


@register
class LayoutFilter(Filter):
    id = "layout"
    category = "layout"
    Config = LayoutConfig

    def apply(self, page) -> None:
        blocks = page.blocks
        if not blocks:
            return
        content = page.meta.get("content")
        if content and content.get("source") == "dom" and content.get("regions"):
            # an HTML page whose content the DOM analysis located (filters/dom.py): keep
            # its regions whole, only protect the title it found
            title = content.get("title")
            if title is not None:
                blocks[title].add(Verdict(self.id, "protect", "article title (page structure)", KEEP))
            page.meta["layout"] = {"title": title, "regions": content["regions"], "source": "dom"}
            return
        art = page.roles.article(self.config)
        ptype = page.roles.assumed_type
        page.meta["page_type"] = str(ptype)
        # the assumed page type is named in each verdict (explain, --audit) unless an article
        suffix = "" if ptype.name == ARTICLE else f" ({ptype.name} page)"
        if art is None:
            if page.roles.chrome_only():
                page.meta["layout"] = "no prose, enumeration rows only: the page's frame, all dropped"
                v = Verdict(self.id, self.id, "page without prose made of enumeration rows" + suffix, DROP)
                for b in blocks:
                    if b.drop_verdict is None and not b.protected:
                        b.add(v)
                return
            page.meta["layout"] = "no prose: nothing structural dropped but the page-title line"
            t = page.roles.title_line()
            if t is not None and page.blocks[t].drop_verdict is None and not page.blocks[t].protected:
                page.blocks[t].add(Verdict(self.id, self.id, "page-title line of a page without prose" + suffix,
                                           DROP))
            return
        lid = self.id

        def drop(indices, why):  # one (frozen) verdict for all the blocks a reason drops
            v = Verdict(lid, lid, why + suffix, DROP)
            for i in indices:
                b = blocks[i]
                if b.drop_verdict is None and not b.protected:
                    b.add(v)

        start, end, title = art.start, art.end, art.title
        for a, b in art.reviews:
            drop(range(a, b + 1), "customer reviews")
        extra = set()
        for a, b in art.extra:
            extra.update(range(a, b + 1))
        if title is not None:
            blocks[title].add(Verdict(lid, "protect", "article title", KEEP))
            drop((i for i in range(title) if i not in extra), "before the article title")
            lede = set(art.lede)
            drop((i for i in range(title + 1, start) if i not in lede and i not in extra),
                 "between the title and the text")
        else:
            drop((i for i in range(start) if i not in extra), "before the article text")
        drop((i for i in range(end + 1, len(blocks)) if i not in extra), "after the article end")
        page.meta["layout"] = {"title": title, "start": start, "end": end}
        if art.extra:
            page.meta["layout"]["regions"] = art.regions

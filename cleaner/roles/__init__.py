"""Roles: the one place that decides, from a Page, where the content is — the title,
the lede, the article region(s), the main body run, the tail — and what kind of page
it is (``pagetype``), and its item grids (``items``: runs of priced items).  Layout,
duplicates, section rules (``until-content``) and the template learner all ask here,
so they agree by construction.

``page.roles`` (cached on the Page) is a ``Roles``; each role is computed the first
time a filter asks for it, on the page as the filters before that one left it (the
duplicate policy asks for the prose core after the rule filters; the layout filter
asks for the article last), and kept.

Knowledge comes from the rule packs (common pack lexicons): the page-title
separators (``title``), the marks that end a summary cut short (``truncation_marks``),
the categories whose drops the article never crosses
(``hard_boundary_categories``; a ``related`` drop only when it is a section; a drop of
one of the ``credit_rules`` not when it recurs between prose: ``region.interleaved``) and the
categories of menu items (``menu_categories``); the language packs' ``slug_spellings``
(``title`` and ``slug``: the headline a URL's slug spells).
"""
from __future__ import annotations

from dataclasses import replace

from ..features import GOOD, NEAR
from ..lazy import cached
from . import boxes, chrome, items, quantities, region, title as _title
from .article import Article
from .lines import code_blocks, line_shapes
from .pagetype import ARTICLE, DOCS, FORUM, LISTING, PAGE_TYPES, PRODUCT, SERVICE, PageType, page_type


def _opens_lower(text: str) -> bool:
    return text.lstrip()[:1].islower()


REPEATED_HEADERS = 3  # a section header with this many copies close together ...
REPEAT_GAP = 12  # ... each at most this many blocks after the one before is an item's count

DATELINE_GAP = 2  # blocks under a headline where its dateline or byline lies
LONG_SECTION = 40  # blocks an until-content section spans before any title headline ends it
HEAD_SPAN = 8  # blocks under the headline where the article's head (byline, counts, share row) lies


class Roles:
    """The roles of one page (see the module doc)."""

    def __init__(self, page):
        self.page = page
        self._article = None
        self._assumed = None  # the page type the article finder settled on
        self._title_blocks: dict = {}

    # -- knowledge ------------------------------------------------------------------------
    @cached
    def separators(self):
        return _title.separators(self.page.context.rules)

    @cached
    def hard_categories(self) -> frozenset:
        return self.page.context.rules.words("hard_boundary_categories")

    @cached
    def credit_rules(self) -> frozenset:
        return self.page.context.rules.words("credit_rules")

    @cached
    def menu_categories(self) -> frozenset:
        return self.page.context.rules.words("menu_categories")

    @cached
    def _truncation(self) -> tuple:
        return tuple(sorted(self.page.context.rules.words("truncation_marks")))

    def truncated(self, i: int) -> bool:
        """Block i ends in a truncation mark (common pack ``truncation_marks``): a teaser
        summary cut short."""
        marks = self._truncation
        return bool(marks) and self.page.blocks[i].text.rstrip().endswith(marks)

    def is_hard(self, v) -> bool:
        """Drops the article region never spans: comment and footer drops, and related
        *sections* (a header and the teasers after it).  A single in-article teaser line
        ('Read also: …') is not a boundary: the article goes on."""
        if v.category not in self.hard_categories:
            return False
        if v.category != "related":
            return True
        rule = self.page.context.rules.rule(v.rule) if v.rule else None
        return rule is not None and rule.kind == "section"

    def thread_section(self, rule) -> bool:
        """A section rule that must not cut this page: on a forum thread, the replies a
        comment header opens are the thread's posts."""
        return (rule.category in self.page.context.rules.words("thread_categories")
                and self.page_type.name == FORUM)

    def repeated_header(self, i: int) -> bool:
        """Block i, a section header, is one of ``REPEATED_HEADERS`` or more headers of its
        rule each 2 to ``REPEAT_GAP`` blocks after the one before: a count under every item
        of a listing ("Comment Icon Bubble 19", "0 comments", "1 comment"), not the start of
        one section.  A comment section's header has no such neighbours (a teaser list's
        counts after the comments are far from it)."""
        return i in self._repeated_headers

    def lowercase_line(self, i: int) -> bool:
        """Block i is a line of a hard-wrapped paragraph, not a heading: it opens with a
        lower-case letter, and so does the line before it, or that line ends mid-sentence
        (a quoted mail's "what do you think?" under "more work done by not stepping on each
        others toes."). A header written in lower case under a paragraph ("leave a reply")
        is still a header; a letter of a script without case is never lower case."""
        texts = self.page.texts
        if i == 0 or not _opens_lower(texts[i]):
            return False
        return _opens_lower(texts[i - 1]) or not self.page.ends[i - 1]

    @cached
    def _repeated_headers(self) -> frozenset:
        return items.repeated_headers(self.page.matches.heads, REPEATED_HEADERS, REPEAT_GAP)

    @cached
    def slug_spellers(self) -> list[int]:
        """The blocks that may be the headline the URL's slug spells (``title.slug_spellers``),
        found once."""
        return _title.slug_spellers(self.page)

    def title_blocks(self, title, sep) -> list[int]:
        """The blocks that fold to one of the ``title_runs`` of ``title`` (``title.run_blocks``),
        found once a page for each title."""
        if (title, sep) not in self._title_blocks:
            self._title_blocks[title, sep] = _title.run_blocks(self.page, _title.folded_runs(title, sep))
        return self._title_blocks[title, sep]

    # -- the page type ----------------------------------------------------------------------
    @cached
    def page_type(self) -> PageType:
        return page_type(self.page, self)

    @cached
    def code_lines(self) -> set[int]:
        """The page's lines of code (``lines.LineShapes.code_lines``) and the blocks the parser
        read as code, found once for the page type and the code blocks."""
        page = self.page
        code = set(line_shapes(page.context.rules).code_lines(page.texts))
        code.update(i for i, b in enumerate(page.blocks) if b.kind == "code")
        return code

    @property
    def assumed_type(self) -> PageType:
        """The page type the article was found with: ``page_type``, or a listing when the
        page's prose is mostly a teaser series (``region.teaser_page``); what the layout
        filter reports."""
        return self._assumed or self.page_type

    # -- the article ------------------------------------------------------------------------
    def article(self, cfg) -> Article | None:
        """The article region, title and lede (None: the page has no prose, nothing
        structural is decided).  ``cfg``: the layout filter's configuration."""
        if self._article is None:
            self._article = self._find_article(cfg) or False
        return self._article or None

    def _find_article(self, cfg) -> Article | None:
        page = self.page
        blocks = page.blocks
        n = len(blocks)
        if not n:
            return None
        drops = [b.drop_verdict for b in blocks]  # each block's, asked once
        cls = [None if v is not None else c for v, c in zip(drops, page.cls)]
        if GOOD not in cls and NEAR not in cls:
            return None
        hard = [v is not None and self.is_hard(v) for v in drops]
        ntok = [0 if v is not None else k for v, k in zip(drops, page.kept_ntok)]
        credits = self.credit_rules
        keys = [v.rule if h and v.rule in credits else None for v, h in zip(drops, hard)]
        for i in region.interleaved(keys, cls):
            hard[i] = False  # a credit under every picture, not the page's footer
        if GOOD not in cls:  # only near-prose: it is the best this page has
            cls = [GOOD if c == NEAR else c for c in cls]
        ptype = self.page_type
        if ptype.name in (ARTICLE, LISTING, SERVICE) and items.items_only(cls, ntok, page.texts, page.ntok):
            return None  # a page of cards: no region is chosen
        return (self._one_block if n == 1 else self._regions)(cfg, cls, hard, ntok, keys, ptype, drops)

    def _one_block(self, cfg, cls, hard, ntok, keys, ptype, drops) -> Article:
        """A page of one prose block: that block, no title, lede or further region (what
        ``_regions`` finds there, without the work; the tests compare both)."""
        self._assumed = ptype
        return Article(None, 0, 0, page_type=ptype.name)

    def _regions(self, cfg, cls, hard, ntok, keys, ptype, drops) -> Article:
        """The article of a page with prose: its region(s), title and lede (``drops``: each
        block's drop verdict)."""
        page, blocks, n = self.page, self.page.blocks, len(self.page.blocks)
        sep = self.separators
        anchor = _title.anchor(page, cls, sep, GOOD) if cfg.anchor_title else None
        sentence = [c is not None and page.ends[i] for i, c in enumerate(cls)]
        for i, c in enumerate(cls):
            if c in (GOOD, NEAR) and region.doubled(blocks[i].text):
                # a teaser card whose headline the scraper printed twice (link text and
                # image alt): it weighs as a headline, not as prose
                cls[i], sentence[i] = NEAR, False
        teasers = region.teaser_series(blocks, cls, sentence, cfg.teaser_series)
        if region.teaser_page(teasers, cls, ntok):
            # the page is a list of teasers (a blog's front page): they are its content
            ptype = PageType(LISTING, {"teaser summaries": len(teasers)})
            teasers = set()
        self._assumed = ptype
        reviews = self._reviews(keys=[v.rule if v else None for v in drops]) if ptype.name == PRODUCT else []
        for a, b in reviews:  # no region takes a product's customer reviews in
            hard[a:b + 1] = [True] * (b + 1 - a)
        if ptype.multi_region and cfg.type_strictness != 1.0:
            cfg = replace(cfg, strictness=cfg.strictness * cfg.type_strictness)
        bonus = {i: -region.weight(cls[i], ntok[i], cfg, sentence[i]) for i in teasers}
        for i in quantities.quantity_blocks(page.texts, cls, line_shapes(page.context.rules).price):
            # a list of amounts (a recipe's ingredients) is the article's, however short its lines
            bonus[i] = max(0.0, -region.weight(cls[i], ntok[i], cfg, sentence[i]))
        if ptype.name == DOCS:
            # the code blocks of a documentation page are its content, however short their lines
            for i in code_blocks(self.code_lines, cls):
                bonus[i] = max(bonus.get(i, 0.0), -region.weight(cls[i], ntok[i], cfg, sentence[i]))
        first = None
        if anchor is not None:
            first = next((k for k in range(anchor + 1, min(n, anchor + 10)) if cls[k] == GOOD), None)
            if first is not None:
                bonus[first] = cfg.anchor_bonus
        start, end = region.densest(cls, hard, ntok, cfg, sentence, bonus)
        head: list[int] = []
        if first is not None:
            bonus.pop(first)
            body = region.densest(cls, hard, ntok, cfg, sentence, bonus)
            head_bonus = {**bonus, first: cfg.anchor_bonus}
            head, (start, end) = boxes.head_and_body(self, cls, hard, sentence, cfg, anchor, first, (start, end), body,
                                                     lambda: region.weights(cls, ntok, cfg, sentence, head_bonus))
        if not head:
            start = boxes.before_boxes(self, cls, hard, lambda: region.weights(cls, ntok, cfg, sentence, bonus),
                                       start, end)
        if not head and anchor is not None and not anchor < start <= anchor + 10:
            anchor = None  # the article is elsewhere: that headline was a teaser
        title = anchor if anchor is not None else _title.find_title(
            page, cls, start, sep, window=cfg.title_window, lookback=cfg.head_lookback, good=GOOD, end=end)
        end = boxes.across_boxes(self, cls, hard, lambda: region.weights(cls, ntok, cfg, sentence), start, end)
        end = region.tail(cls, hard, end, cfg.tail_near)
        bylines = set(range(start)).union(k for k, v in enumerate(drops) if v is not None and v.category == "metadata")
        box = region.author_box(page.texts, cls, start, end, bylines)
        if box is not None:
            end = max(k for k in range(start, box) if cls[k] is not None)  # the writer's bio is no article text
        lede: list[int] = []
        if head:
            lede = [i for i in range(title + 1, first) if cls[i] is not None and blocks[i].protected] + head
        elif title is not None:
            if title >= start:
                start = title + 1
            lede = [i for i in range(title + 1, start)
                    if cls[i] is not None and (blocks[i].protected or (cfg.keep_lede and cls[i] in (GOOD, NEAR)))]
        extra: list[tuple[int, int]] = []
        if ptype.multi_region and cfg.extra_regions > 0:
            # several content regions: keep the other dense runs after the title too
            lo = title + 1 if title is not None else 0
            # a summary cut short ("… […]") is a teaser, not a content item: it weighs as a headline
            cut = [(c == GOOD or s) and self.truncated(i) for i, (c, s) in enumerate(zip(cls, sentence))]
            ecls = [NEAR if c == GOOD and cut[i] else c for i, c in enumerate(cls)]
            esent = [s and not cut[i] for i, s in enumerate(sentence)]
            extra = [r for r in region.further_regions(ecls, hard, ntok, cfg, esent, lo, n, cfg.extra_regions)
                     if r[1] < start or r[0] > end]
            if title is not None and cfg.head_regions > 0:
                # content items before the title too (a thread's opening post, the first
                # cards of a grid): regions of several prose blocks, never one lone block
                # (a cookie notice, a quote box)
                extra = [r for r in region.further_regions(ecls, hard, ntok, cfg, esent, 0, title, cfg.extra_regions)
                         if sum(ecls[i] in (GOOD, NEAR) for i in range(r[0], r[1] + 1)) >= cfg.head_regions] + extra
        if cfg.item_grids:
            # runs of priced items (a shop's category grid) are content; on a product page only
            # when they end before its description: a grid that reaches past it is other
            # products ("Complete the set"), and may have taken the product's own price in.
            # A grid of stamped items only (a rating, a count) holds at least as many tokens as
            # the article region: a news article's teaser list (dates, counts) is far smaller
            body, priced = sum(ntok[start:end + 1]), self.priced_grids
            extra += [g for g in self.item_grids if (ptype.name != PRODUCT or g[1] < start) and (
                any(a <= g[1] and g[0] <= b for a, b in priced) or sum(ntok[g[0]:g[1] + 1]) >= body)]
        return Article(title, start, end, lede, extra, page_type=ptype.name, reviews=reviews)

    def _reviews(self, keys: list) -> list[tuple[int, int]]:
        """The runs of customer reviews (``items.review_runs``), from the blocks dropped by
        the common pack's ``review_rules`` (``keys``: the rule that dropped each block)."""
        stamps = self.page.context.rules.words("review_rules")
        return items.review_runs([i for i, k in enumerate(keys) if k in stamps])

    @cached
    def item_grids(self) -> list[tuple[int, int]]:
        """The page's item grids (``items``): runs of priced items and, on a page that is no
        thread (whose posts repeat their counts), of stamped items (``items.stamp_lines``: a
        rating, a count; no line a rule dropped, a dateline), as block spans."""
        page = self.page
        stamps = frozenset() if self.page_type.name == FORUM else items.stamp_lines(
            page.texts, page.stats.ntok, page.stats.digit, lambda i: page.blocks[i].drop_verdict is not None)
        if not stamps:  # most pages: the priced grids, found once
            return self.priced_grids
        return items.item_grids(sorted(stamps.union(self.price_lines)))

    @cached
    def priced_grids(self) -> list[tuple[int, int]]:
        """The item grids made of priced items only."""
        return items.item_grids(self.price_lines)

    @cached
    def price_lines(self) -> list[int]:
        """The page's price lines (``items.price_lines``), found once for the page type and
        the item grids."""
        page = self.page
        return items.price_lines(page.texts, page.ntok, line_shapes(page.context.rules).price)

    def chrome_only(self) -> bool:
        """The page has no prose and its text lies mostly in enumeration rows (a script-drawn
        page whose scraper got only the footer's link columns; ``chrome``).  Asked only of
        pages without prose."""
        return chrome.chrome_only(self.page.texts, self.page.ntok)

    def title_line(self) -> int | None:
        """The scraper's first line when it is the page's <title> ("Headline | Site": it
        splits at a title separator into two or more parts), else None."""
        page = self.page
        if not page.blocks or page.meta.get("page_title") or page.blocks[0].kind == "heading":
            return None
        sep = self.separators
        text = page.blocks[0].text
        if sep is None or len([p for p in sep.split(text) if p.strip()]) < 2:
            return None
        return 0

    # -- for the duplicate policy and section rules -------------------------------------------
    def prose_core(self, live, cls, repeated):
        return region.prose_core(live, cls, repeated)

    @cached
    def headline(self) -> int | None:
        """The page's headline as the page prints it: the first kept block that repeats
        (part of) the page title (``title.repeats_title``), as the filters before the
        first one that asks left the page."""
        page = self.page
        cls = [None if b.dropped else c for b, c in zip(page.blocks, page.cls)]
        return _title.repeats_title(page, cls, self.separators)

    def in_article_head(self, i: int) -> bool:
        """Block i lies in the article's head: just under the page's headline, before any
        article prose follows it, or just above it (a breadcrumb's row), no prose between
        them (within ``HEAD_SPAN`` blocks either way): a comment count there ('5 Kommentare',
        '31 comments') is a link to the comments, not the start of a comment section."""
        h = self.headline
        if h is None or i == h or abs(i - h) > HEAD_SPAN:
            return False
        return not any(self.is_content(k) for k in range(min(h, i) + 1, max(h, i)))

    def head_button(self, i: int) -> bool:
        """Block i, a section header, is a button of the share row under the headline ("réagir",
        "Ver comentarios" between "Compartir" and "Guardar"): within ``HEAD_SPAN`` blocks of the
        headline, after at most one paragraph (the standfirst), a menu item itself or next to
        one (``menu_categories``)."""
        h, blocks = self.headline, self.page.blocks
        if h is None or not h < i <= h + HEAD_SPAN or sum(map(self.is_content, range(h + 1, i))) > 1:
            return False
        drops = (blocks[j].drop_verdict for j in (i - 1, i, i + 1) if 0 <= j < len(blocks))
        return any(v is not None and v.category in self.menu_categories for v in drops)

    def is_content(self, i: int) -> bool:
        """Block i is article prose still kept (a ``to-end`` section that must follow
        content starts only after one)."""
        return self.page.cls[i] == GOOD and not self.page.blocks[i].dropped

    def content_resumes(self, start: int) -> int:
        """Where an ``until-content`` section from ``start`` ends: where article prose resumes,
        or at the article's headline when it comes first (``_dated_headlines``) — a menu's
        "Videos" header before the article's head is not the head of a section holding it; or,
        ``LONG_SECTION`` blocks on, at any headline repeating the page title: a list that long
        under one header has run past the recommendations into the article's head."""
        end = region.content_resumes(self.page.cls, start, self.page.n)
        return min(next((h for h in self._dated_headlines if start <= h < end), end),
                   next((h for h in self._title_headlines if start + LONG_SECTION <= h < end), end))

    @cached
    def _title_headlines(self) -> list[int]:
        """The blocks that repeat the page title with a headline's shape (``title``)."""
        page = self.page
        return list(_title.title_headlines(page, [None if b.dropped else c for b, c in zip(page.blocks, page.cls)],
                                           self.separators))

    @cached
    def _dated_headlines(self) -> list[int]:
        """The ``_title_headlines`` that have a metadata line (a dateline, a byline) within
        ``DATELINE_GAP`` blocks under them: the article's head, not a teaser of it in a list
        of latest posts."""
        hits, n = self.page.matches.hits, self.page.n
        return [h for h in self._title_headlines if any(hits[k] is not None and hits[k].category == "metadata"
                                                         for k in range(h + 1, min(n, h + 1 + DATELINE_GAP)))]


__all__ = ["Roles", "Article", "PageType", "PAGE_TYPES", "ARTICLE"]

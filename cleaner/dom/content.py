"""Where the content of an HTML page is: container scoring over the block elements.

The walk (``parse.tree``) numbers every block element in document order, so each
subtree is an id range and each block names its element.  From one pass over the
blocks and one bottom-up pass over the elements this module computes, per
subtree, its prose mass (non-link text, full weight for sentence-like blocks and a
fraction for short labels), its text and link characters and its block count, and
then decides:

1. **The main container**: starting at ``<body>``, step into the child that holds
   nearly all of the current element's prose mass (``1 - spread``), as long as
   one does.  The element where the mass spreads over several children is the
   content: an article body, a thread of posts, the sections of a service page, a
   grid of items.  Boilerplate regions (``nav``/``aside``/``footer``, ARIA
   landmarks, whole class/id tokens of the rule packs' selector rules) weigh
   nothing, unless one holds most of the page's text (a menu element left
   unclosed around the whole page is not a menu).
2. **Chrome inside it**: link lists (sub-containers of several blocks that are
   mostly link text and carry little prose) are left out, unless the container
   itself is a listing of links.
3. **The title**: the ``<h1>`` (or the headline repeating the page ``<title>``)
   at or before the start of the content.
4. **A page-type guess** from the shape of the content (and JSON-LD types when the
   page declares them).

Decisions are data: ``analyse`` returns them and ``cleaner.filters.dom`` turns them
into verdicts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .marks import boiler_nodes
from .parts import between_prose, figure_captions, repeated_links, signup_form
from .shape import guess_type
from .tail import tail_chrome
from .title import headline_node as _headline_node
from .title import title_block as _title

_PUNCT = regex.compile(r"[.!?。！？…؟।,，、;；:：]")
# kinds of blocks in an article's head that are never its labels (a byline, a date): an
# introduction's subheadings and lists (ingredients, key points)
_HEAD_KEEP = frozenset(("heading", "list_item"))


@dataclass(frozen=True)
class ContentConfig:
    """spread: share of an element's prose mass its children may hold elsewhere
    when the analysis steps into its heaviest child (higher: tighter regions).
    label_weight: weight of the non-link characters of a block that is not
    sentence-like (labels, names, prices) against a sentence-like block's 1.
    prose_chars: non-link characters from which a block with sentence punctuation
    counts as prose.
    boiler_share: a boilerplate-marked element that holds more than this share of
    the page's prose mass is not boilerplate (a menu element left unclosed around
    the page); comment sections only when they hold all but ``1 - comments_share``.
    prose_share: where an element's prose mass is under this share of its text
    characters, the analysis steps into a child only if it holds this share of them.
    teaser_chars: a paragraph of an article that is all link text, with prose before
    and after it, is a teaser of another article from this many characters (when the
    article has ``teaser_ratio`` prose paragraphs or more for each).
    chrome_prose: an element marked as a boilerplate category that holds no paragraphs
    (``prose_free``) is not boilerplate when it holds more sentence-like text than this.
    inner_boiler_share: inside the container, a boilerplate-marked element is left
    out unless it holds this share of the container's prose mass or more.
    linklist_ratio / linklist_blocks / linklist_prose: a sub-container of at least
    ``linklist_blocks`` blocks, more than ``linklist_ratio`` link text and under
    ``linklist_prose`` prose characters is a link list.
    min_mass: below this prose mass the page has no content to locate (nothing is
    decided).
    head_blocks: a title at most this many blocks before the container starts the
    content (what lies between, less boilerplate, is the article's head).
    title_share: where no child holds nearly all the mass, the analysis steps into
    the child holding the page's headline if it holds at least this share.
    link_run: this many link-only blocks in a row inside the content are a link list.
    link_repeats: a link-only block whose text recurs this many times inside the content
    is a widget (a share row under each post).
    ahead_share: blocks of the container before its headline are left out when they
    weigh less than this share of what follows it.
    headline: keep an article's headline in the content (else it is left out with a
    reason; it stays the page's title).
    captions: keep the figure captions and credits of an article (a block of under
    ``caption_chars`` characters next to an image, in an element of at most two blocks,
    is one too, on a page declared an article or with ``box_ratio`` prose paragraphs or
    more for each such image box).
    head_labels: keep the short label blocks (bylines, dates, credits) between an
    article's headline and its container (its headings and list items are never labels)."""

    spread: float = 0.15
    label_weight: float = 0.3
    prose_chars: int = 50
    boiler_share: float = 0.85
    comments_share: float = 0.97
    inner_boiler_share: float = 0.5
    prose_share: float = 0.25
    chrome_prose: float = 400.0
    teaser_chars: int = 20
    caption_chars: int = 300
    teaser_ratio: int = 4
    box_ratio: int = 2
    linklist_ratio: float = 0.6
    linklist_blocks: int = 3
    linklist_prose: int = 120
    min_mass: float = 30.0
    head_blocks: int = 40
    title_share: float = 0.3
    link_run: int = 3
    link_repeats: int = 3
    ahead_share: float = 0.25
    headline: bool = True
    captions: bool = True
    head_labels: bool = True


@dataclass
class Content:
    """What the analysis decided about one page (all indexes are block indexes)."""

    root: int  # the main container's element id
    regions: list[list[int]]  # [[first_block, last_block], ...] in document order
    main: list[bool]  # per block: inside the content
    reasons: dict[int, str] = field(default_factory=dict)  # block -> why it is outside
    title: int | None = None
    page_type: str = "article"
    describe: str = ""  # the main container, e.g. "div.post-body"
    cleared: frozenset = frozenset()  # elements whose boilerplate marks were set aside

    def as_meta(self) -> dict:
        return {"source": "dom", "regions": self.regions, "page_type": self.page_type,
                "title": self.title, "container": self.describe}


def _describe(nodes, i: int) -> str:
    toks = [t for t in nodes.toks[i] if not t.startswith(("tag:", "role:", "data-"))]
    return nodes.tag[i] + ("." + ".".join(toks[:2]) if toks else "")


def block_weights(blocks, cfg: ContentConfig) -> tuple[list[float], list[float], list[float]]:
    """Per block: prose mass, text characters, link characters."""
    mass, chars, links = [], [], []
    for b in blocks:
        n = len(b.text)
        lr = b.features.get("link_ratio", 0.0)
        own = n * (1.0 - lr)
        chars.append(n)
        links.append(n - own)
        if b.kind == "heading":
            mass.append(0.0)
        elif own >= cfg.prose_chars and lr < 0.5 and _PUNCT.search(b.text):
            mass.append(own)
        else:
            mass.append(own * cfg.label_weight)
    return mass, chars, links


def analyse(doc, boiler_tokens: dict | None = None, cfg: ContentConfig | None = None,
            declared: str | None = None, caption_tokens: frozenset = frozenset(),
            hidden_tokens: frozenset = frozenset(), prose_free: frozenset = frozenset(),
            modifier_categories: frozenset = frozenset(), title_separators="builtin") -> Content | None:
    """The content of an HTML page (None when the page has no element table or no text).
    ``declared``: the page type the page declares (JSON-LD, ``og:type``); an article
    whose paragraphs are too short for the shape guess is still an article.
    ``caption_tokens``: class/id names of caption and credit elements;
    ``hidden_tokens``: utility classes that hide an element; ``prose_free``: boilerplate
    categories whose elements hold no paragraphs (share bars, menus);
    ``modifier_categories``: boilerplate categories a BEM modifier may name;
    ``title_separators``: the rule packs' page-title separator pattern (default: the
    built-in common pack's)."""
    cfg = cfg or ContentConfig()
    nodes = doc.meta.get("_nodes")
    blocks = doc.blocks
    if nodes is None or not blocks or not len(nodes):
        return None
    n = len(nodes)
    parent = nodes.parent
    bmass, bchars, blinks = block_weights(blocks, cfg)
    own_mass = [0.0] * n
    own_chars = [0.0] * n
    own_links = [0.0] * n
    own_blocks = [0] * n
    prose = [0.0] * n  # mass of sentence-like blocks only (subtree sums below)
    bnode = []
    for i, b in enumerate(blocks):
        k = b.features.get("node", 0)
        bnode.append(k)
        if bmass[i] >= cfg.prose_chars:
            prose[k] += bmass[i]
        own_mass[k] += bmass[i]
        own_chars[k] += bchars[i]
        own_links[k] += blinks[i]
        own_blocks[k] += 1
    # subtree sums, bottom-up (children have larger ids than their parents)
    raw = own_mass[:]
    chars = own_chars[:]
    links = own_links[:]
    nblocks = own_blocks[:]
    for i in range(n - 1, 0, -1):
        p = parent[i]
        raw[p] += raw[i]
        chars[p] += chars[i]
        links[p] += links[i]
        nblocks[p] += nblocks[i]
        prose[p] += prose[i]
    total = raw[0]
    if total < cfg.min_mass:
        return None
    # boilerplate subtrees weigh nothing (unless one holds most of the page)
    boiler = boiler_nodes(nodes, boiler_tokens or {}, hidden_tokens, modifier_categories)
    mass = own_mass[:]
    cleared = set()
    for i in range(n):
        if boiler[i] and (raw[i] > (cfg.comments_share if boiler[i] == "comments" else cfg.boiler_share) * total
                          or (boiler[i] in prose_free and prose[i] > cfg.chrome_prose)):
            # (a share bar or a menu holds no paragraphs: a class naming one on an
            # element full of them marks, say, a post that may be shared)
            boiler[i] = None
            cleared.add(i)
    end = nodes.end
    i = 0
    vis = own_chars[:]  # text characters outside boilerplate
    while i < n:  # zero the mass of every block inside a (topmost) boilerplate subtree
        if boiler[i]:
            for j in range(i, end[i] + 1):
                mass[j] = 0.0
                vis[j] = 0.0
            i = end[i] + 1
        else:
            i += 1
    for i in range(n - 1, 0, -1):
        mass[parent[i]] += mass[i]
        vis[parent[i]] += vis[i]
    if mass[0] < cfg.min_mass:
        mass, vis = raw, chars  # everything is marked boilerplate: ignore the marks
        boiler = [None] * n
    # 1. step into the child holding nearly all the mass; where the mass spreads, into
    # the child holding the page's headline if that one holds a fair share of it
    head = _headline_node(doc, blocks, nodes, boiler, title_separators)
    root = 0
    while True:
        kids = nodes.children(root)
        if not kids:
            break
        best = max(kids, key=mass.__getitem__)
        if (mass[best] >= (1.0 - cfg.spread) * mass[root] and mass[best] > 0
                and (declared == "article" or mass[root] >= cfg.prose_share * vis[root]
                     or vis[best] >= cfg.prose_share * vis[root])):
            # (where prose is a small part of the text, a listing of links and labels, the
            # few sentences of one child do not make it the content, unless the page
            # declares itself an article)
            if end[best] == best and nblocks[root] > nblocks[best]:
                break  # one leaf block (a paragraph): the content is its container
            root = best
            continue
        if head is not None and root < head <= end[root]:
            holder = next((k for k in kids if k <= head <= end[k]), None)
            if holder is not None and mass[holder] >= cfg.title_share * mass[root]:
                root = holder
                continue
        break
    # 2. blocks inside the container, less link lists and boilerplate sub-containers
    listing = chars[root] > 0 and links[root] / chars[root] > 0.5
    rend = end[root]
    main = [root <= k <= rend for k in bnode]
    title = _title(doc, blocks, bnode, nodes, root, main, boiler, title_separators)
    # 3. the article's head: from a title just before the container down to it
    # (standfirst, lede, ingredients, a summary box), boilerplate and link lists left out
    top = root
    head_from = None
    first = next((i for i, m in enumerate(main) if m), None)
    if title is not None and first is not None and title < first and first - title <= cfg.head_blocks:
        top = _common_ancestor(nodes, bnode[title], root)
        head_from = title
    drop_node: list = [None] * n  # per element: why it is left out (the topmost decides)
    for k in range(top + 1, end[top] + 1):
        if drop_node[parent[k]]:
            drop_node[k] = drop_node[parent[k]]
            continue
        if boiler[k] and (not root <= k <= rend or (
                raw[k] < cfg.inner_boiler_share * raw[root]
                and (boiler[k] != "form" or signup_form(nodes.el[k])))):
            # boilerplate in the article's head, or a menu, dialog, search box or sign-up
            # form inside the content (not one wrapping most of it; other forms hold
            # posts and product options)
            drop_node[k] = f"{boiler[k]} boilerplate inside the content"
        elif (not listing and nblocks[k] >= cfg.linklist_blocks and chars[k]
                and links[k] / chars[k] > cfg.linklist_ratio and raw[k] < cfg.linklist_prose):
            drop_node[k] = "a link list inside the content"
    reasons: dict[int, str] = {}
    for i, k in enumerate(bnode):
        inside = root <= k <= rend or (head_from is not None and head_from <= i < first
                                       and top <= k <= end[top])
        main[i] = False
        if not inside:
            reasons[i] = "outside the main content"
        elif drop_node[k]:
            reasons[i] = drop_node[k]
        elif (not cfg.head_labels and head_from is not None and head_from < i < first
                and not root <= k <= rend and bmass[i] < cfg.prose_chars and blocks[i].kind not in _HEAD_KEEP):
            reasons[i] = "a label in the article's head (byline, date, credit)"
        else:
            main[i] = True
    # 4. before the headline inside the container: tickers and teasers, not the article
    if title is not None and main[title] and first is not None and title > first:
        ahead = sum(bmass[i] for i in range(first, title) if main[i])
        after = sum(bmass[i] for i in range(title, len(blocks)) if main[i])
        if ahead < cfg.ahead_share * after:
            for i in range(first, title):
                if main[i]:
                    main[i] = False
                    reasons[i] = "before the headline"
    # 5. runs of link-only blocks inside the content (link farms, tag rows)
    if not listing:
        run: list[int] = []
        for i in range(len(blocks) + 1):
            if i < len(blocks) and main[i] and blocks[i].features.get("link_ratio", 0.0) >= 0.9:
                run.append(i)
                continue
            if i < len(blocks) and not main[i] and run:
                continue  # a block outside the content does not break a run
            if len(run) >= cfg.link_run:
                for j in run:
                    main[j] = False
                    reasons[j] = "a run of links inside the content"
            run = []
    for i in repeated_links(blocks, main, cfg.link_repeats):
        main[i] = False  # the same row of links under every post or item: a widget
        reasons[i] = "a row of links repeated inside the content"
    page_type = guess_type(blocks, main, bmass, listing)
    if page_type == "service" and declared == "article":
        page_type = "article"
    if page_type == "article":
        # 6. a paragraph that is one link between an article's paragraphs: a teaser of
        # another article ("ALSO READ" lines, inline recommendations)
        # (a few of them: where they alternate with summaries, the page lists articles)
        teasers = [i for i, b in enumerate(blocks)
                   if main[i] and b.kind == "paragraph" and b.features.get("link_ratio", 0.0) >= 0.9
                   and len(b.text) >= cfg.teaser_chars and between_prose(main, bmass, i, cfg.prose_chars)]
        prose = sum(1 for i, m in enumerate(main) if m and bmass[i] >= cfg.prose_chars)
        if teasers and len(teasers) * cfg.teaser_ratio <= prose:
            for i in teasers:
                main[i] = False
                reasons[i] = "a link to another article between the paragraphs"
        # 7. after the last paragraph: links and headings that end the content
        for i, why in tail_chrome(blocks, main, bmass, cfg.prose_chars).items():
            main[i] = False
            reasons[i] = why
    if not cfg.captions and page_type == "article":
        paragraphs = {i for i, m in enumerate(main) if m and bmass[i] >= cfg.prose_chars}

        def few(boxes):  # an image box per ``box_ratio`` other paragraphs at most
            return len(boxes) * cfg.box_ratio <= len(paragraphs.difference(boxes))

        for i in figure_captions(blocks, main, nodes, bnode, root, caption_tokens, box_chars=cfg.caption_chars,
                                 nblocks=nblocks, declared=declared == "article", few=few):
            main[i] = False
            reasons[i] = "a figure caption"
    if (not cfg.headline and page_type == "article" and title is not None and main[title]
            and any(m for i, m in enumerate(main) if i != title)):
        # an article's headline is its title (metadata), not its text
        main[title] = False
        reasons[title] = "the headline (metadata title)"
    content = Content(root=root, regions=_runs(main), main=main, reasons=reasons, title=title,
                      describe=_describe(nodes, root), cleared=frozenset(cleared))
    content.page_type = page_type
    return content


def _common_ancestor(nodes, a: int, b: int) -> int:
    while not nodes.inside(b, a):
        a = nodes.parent[a]
    return a


def _runs(flags: list[bool]) -> list[list[int]]:
    out, start = [], None
    for i, f in enumerate(flags):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append([start, i - 1])
            start = None
    if start is not None:
        out.append([start, len(flags) - 1])
    return out

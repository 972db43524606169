"""Walk an lxml tree into Blocks, iteratively (deeply nested pages cannot overflow).

Used by the markup parser (markdown + HTML fragments, text nodes keep their line
breaks) and by the HTML page parser (whitespace collapses as a browser would).
Each block records what the tree knew: its tag, the class/id tokens of its
ancestors (whole tokens, never substrings), its link-text ratio and its element.

Given a ``Nodes`` table, the walk also numbers every block-level element in
document (pre-)order, so a subtree is the id range ``[i, end[i]]`` and each block
names its element (``features["node"]``): the DOM analysis (``cleaner.dom``) scores
containers from these without walking the tree again.  With ``inline=True`` each
block also gets its markdown inline form (``features["inline"]``: ``[text](url)``,
``**b**``, ``*i*``, `` `code` ``) for the markdown and HTML renderers.
"""
from __future__ import annotations

import regex
from lxml import etree

from ..document import Block, TooManyBlocks
from .builder import _CELL_SEP, _LINK_CLOSE, _LINK_HREF, _LINK_OPEN, _Builder, _LineBuilder

SKIP_TAGS = frozenset("""script style noscript template svg math iframe object embed canvas
select option button input textarea datalist head meta link base audio video source track
map area dialog""".split())
INLINE_TAGS = frozenset("""a abbr b bdi bdo cite code data dfn em font i kbd mark q rp rt ruby s
samp small span strong sub sup time u var wbr label del ins img nobr tt big strike acronym
picture""".split())
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CELL_TAGS = frozenset(("td", "th"))
LIST_TAGS = frozenset(("ul", "ol", "menu", "dl"))
SEMANTIC_TAGS = frozenset(("nav", "footer", "aside", "header", "form", "menu", "article", "main"))
# inline markup kept in features["inline"]: tag -> (opening, closing) markdown
# the block kind a block element starts (others: paragraph)
_BLOCK_KINDS = {**dict.fromkeys(HEADING_TAGS, "heading"), "li": "list_item", "dt": "list_item", "dd": "list_item",
                "tr": "table_row", "figcaption": "caption", "caption": "caption", "pre": "code"}
_MD_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`", "kbd": "`", "samp": "`",
             "tt": "`"}
# a form control left unclosed: the parser nests the rest of the page inside it
_CONTROLS = frozenset(("button", "select", "label"))
_WRAPS_CONTENT = etree.XPath("boolean(descendant::main | descendant::article | descendant::p[3] | descendant::h1)")
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)


def _tokens_of(attrs) -> list[str]:
    """Class/id/role tokens of an element from its ``items()`` (whole tokens, lower case)."""
    toks = []
    for name, value in attrs:
        if name == "class":
            if value:
                toks.extend(value.lower().split())
        elif name == "id":
            if value.strip():
                toks.append(value.strip().lower())
        elif name == "role":
            if value.strip():
                toks.append("role:" + value.strip().lower())
        elif not value and name.startswith("data-"):
            toks.append(name.lower())  # valueless markers like data-selfpromo-newsletter
    return toks


def hidden_attrs(attrs, tag: str) -> bool:
    """Whether an element with these ``items()`` is hidden (``hidden``, ``aria-hidden``
    on a non-inline element, ``display:none`` / ``visibility:hidden`` styles)."""
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "aria-hidden":
            if value.lower() == "true" and tag not in INLINE_TAGS:
                return True
        elif name == "style" and value:
            v = value.lower()
            if ("none" in v or "hidden" in v) and _HIDDEN_STYLE.search(v):
                return True
    return False


class Nodes:
    """The block-level elements of a page, numbered in document (pre-)order.

    ``parent[i]`` is the enclosing block element (-1 for the root), ``end[i]`` the last
    id inside ``i``'s subtree, ``toks[i]`` the element's own class/id/role tokens
    (plus ``tag:NAME`` for semantic tags), ``el[i]`` the lxml element."""

    __slots__ = ("el", "tag", "parent", "end", "toks", "deepest")

    def __init__(self):
        self.el: list = []
        self.tag: list[str] = []
        self.parent: list[int] = []
        self.end: list[int] = []
        self.toks: list[tuple] = []
        self.deepest = 0  # depth of the deepest element of any kind (set by walk)

    def __len__(self) -> int:
        return len(self.tag)

    def add(self, el, tag: str, parent: int, toks) -> int:
        i = len(self.tag)
        self.el.append(el)
        self.tag.append(tag)
        self.parent.append(parent)
        self.end.append(i)
        self.toks.append(tuple(toks))
        return i

    def close(self, i: int) -> None:
        self.end[i] = len(self.tag) - 1

    def inside(self, node: int, root: int) -> bool:
        return root <= node <= self.end[root]

    def children(self, i: int) -> list[int]:
        out, j, end = [], i + 1, self.end[i]
        while j <= end:
            out.append(j)
            j = self.end[j] + 1
        return out

    def ancestors(self, i: int):
        p = self.parent[i]
        while p >= 0:
            yield p
            p = self.parent[p]


def walk(root, *, keep_newlines: bool, nodes: Nodes | None = None, inline: bool = False,
         reveal=frozenset(), max_blocks: int | None = None, hidden: list | None = None) -> list[Block]:
    """Blocks of ``root`` in document order.

    ``nodes``: a table to number block elements into (HTML pages); ``inline``: also
    record each block's markdown inline form; ``reveal``: elements (hidden or
    ``<noscript>``) whose content is walked although a browser with scripts would
    not show it (see ``cleaner.dom.reveal``); ``max_blocks``: raise TooManyBlocks
    past this many blocks; ``hidden``: a list the walk appends the ``<noscript>`` and
    hidden elements it skips to (the candidates to reveal)."""
    b = (_LineBuilder if keep_newlines else _Builder)(inline)
    text, flush = b.text, b.flush
    root_node = nodes.add(root, "body", -1, ()) if nodes is not None else None
    root_ctx = ("paragraph", root, frozenset(), 0, root_node, ())
    # lxml's iterwalk visits the tree in C; the frames are the open elements:
    # (own_ctx, is_block, parent_ctx, parent_in_link, suffix, skipped)
    frames: list[tuple] = []
    push, pop = frames.append, frames.pop
    ctx, in_link = root_ctx, False
    deepest = 0
    it = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    skip = it.skip_subtree
    for event, el in it:
        if event == "end":
            own_ctx, is_block, ctx, in_link, suffix, skipped = pop()
            if not skipped:
                if suffix:
                    b.mark(suffix)
                if is_block:
                    if b.parts:
                        flush(own_ctx)
                    if nodes is not None and own_ctx[4] is not None:
                        nodes.close(own_ctx[4])
            tail = el.tail
            if tail:
                text(tail, in_link)
            continue
        if event != "start":  # a comment or processing instruction: only its tail is text
            if el.tail:
                text(el.tail, in_link)
            continue
        tag = el.tag
        if not isinstance(tag, str):  # an entity reference
            skip()
            push((ctx, False, ctx, in_link, "", True))
            continue
        tag = tag.lower()
        attrs = el.items()
        if (tag in SKIP_TAGS or (attrs and hidden_attrs(attrs, tag))) and el not in reveal and not (
                tag in _CONTROLS and _WRAPS_CONTENT(el)):
            if hidden is not None and (tag == "noscript" or tag not in SKIP_TAGS):
                hidden.append(el)
            skip()
            push((ctx, False, ctx, in_link, "", True))
            continue
        kind = ctx[0]
        if tag == "br" or (tag == "img" and b.inline):
            if tag == "br":
                if kind == "code":
                    text("\n", in_link)
                elif b.parts:
                    flush(ctx)
            skip()
            push((ctx, False, ctx, in_link, "", True))
            continue
        in_row_cell = kind == "table_row" and tag in CELL_TAGS
        # inside <pre> everything is text of the one code block
        is_block = tag not in INLINE_TAGS and not in_row_cell and kind != "code"
        new_ctx = ctx
        suffix = ""
        if is_block:
            if b.parts:
                flush(ctx)
            if max_blocks is not None and len(b.blocks) > max_blocks:
                raise TooManyBlocks(f"the page has more than {max_blocks:,} blocks (paragraphs, items, rows)")
            extra = _tokens_of(attrs) if attrs else []
            if tag in SEMANTIC_TAGS:
                extra.append("tag:" + tag)
            toks = ctx[2] | frozenset(extra) if extra else ctx[2]
            node = None
            if nodes is not None:
                node = nodes.add(el, tag, ctx[4] if ctx[4] is not None else -1, extra)
            lists = ctx[5]
            if tag in LIST_TAGS:
                lists = lists + (tag,)
            new_ctx = (_BLOCK_KINDS.get(tag, "paragraph"), el, toks, HEADING_TAGS.get(tag, 0), node, lists)
        elif in_row_cell:
            text(_CELL_SEP, False)
        elif b.inline and kind != "code":
            mark = _MD_MARKS.get(tag)
            if mark:
                b.mark(mark)
                suffix = mark
            elif tag == "a" and not in_link:
                href = (el.get("href") or "").strip()
                if href and not href.startswith(("javascript:", "#")) and " " not in href:
                    b.mark(_LINK_OPEN)
                    suffix = _LINK_HREF + href + _LINK_CLOSE
        link = in_link or tag == "a"
        push((new_ctx, is_block, ctx, in_link, suffix, False))
        if len(frames) > deepest:
            deepest = len(frames)
        ctx, in_link = new_ctx, link
        s_ = el.text
        if s_:
            text(s_, link)
    b.flush(root_ctx)
    if nodes is not None and root_node is not None:
        nodes.close(root_node)
        nodes.deepest = deepest
    return b.blocks

"""Walk an lxml tree into Blocks, iteratively (deeply nested pages cannot overflow).

Used by the markup parser (markdown + HTML fragments, text nodes keep their line
breaks) and by the HTML page parser (whitespace collapses as a browser would).
Each block records what the tree knew: its tag, the class/id tokens of its
ancestors (whole tokens, never substrings), its link-text ratio and its element.
"""
from __future__ import annotations

import regex

from ..document import Block

SKIP_TAGS = frozenset("""script style noscript template svg math iframe object embed canvas
select option button input textarea datalist head meta link base audio video source track
map area dialog""".split())
INLINE_TAGS = frozenset("""a abbr b bdi bdo cite code data dfn em font i kbd mark q rp rt ruby s
samp small span strong sub sup time u var wbr label del ins img nobr tt big strike acronym
picture""".split())
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CELL_TAGS = frozenset(("td", "th"))
_WS = regex.compile(r"\s+")
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)


def _tokens_of(el) -> list[str]:
    toks = []
    cls = el.get("class")
    if cls:
        toks.extend(t.lower() for t in cls.split())
    ident = el.get("id")
    if ident:
        toks.append(ident.strip().lower())
    role = el.get("role")
    if role:
        toks.append("role:" + role.strip().lower())
    for name in el.attrib:
        if name.startswith("data-") and not el.get(name):
            toks.append(name.lower())  # valueless markers like data-selfpromo-newsletter
    return toks


def _is_hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").lower() == "true" and el.tag not in INLINE_TAGS:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Builder:
    def __init__(self, keep_newlines: bool):
        self.keep_newlines = keep_newlines
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.meta: dict = {}

    def text(self, s: str, in_link: bool):
        if s:
            self.parts.append((s, in_link))

    def flush(self, ctx):
        parts = self.parts
        self.parts = []
        if not parts:
            return
        kind, el, toks, level = ctx
        # split into pieces at newlines (markup mode), counting link characters per piece
        pieces: list[list] = [["", 0]]  # text, link characters
        for s, in_link in parts:
            chunks = s.split("\n") if self.keep_newlines else [s]
            for j, chunk in enumerate(chunks):
                if j:
                    pieces.append(["", 0])
                pieces[-1][0] += chunk
                if in_link:
                    pieces[-1][1] += len(_WS.sub("", chunk))
        first = True
        blank_run = False
        for text, links in pieces:
            text = _WS.sub(" ", text).strip()
            if not text:
                blank_run = True
                continue
            total = len(_WS.sub("", text)) or 1
            feats = {"tag": el.tag if isinstance(el.tag, str) else "",
                     "dom_tokens": toks, "link_ratio": min(1.0, links / total), "_el": el}
            if level:
                feats["heading_level"] = level
            self.blocks.append(Block(len(self.blocks), text, kind, feats, gap_before=first or blank_run))
            first = blank_run = False


SEMANTIC_TAGS = frozenset(("nav", "footer", "aside", "header", "form", "menu", "article", "main"))


def walk(root, *, keep_newlines: bool) -> list[Block]:
    """Blocks of ``root`` in document order."""
    b = _Builder(keep_newlines)
    root_ctx = ("paragraph", root, frozenset(), 0)
    # ("open", el, ctx, in_link) | ("close", el, own_ctx, is_block, parent_in_link)
    stack: list[tuple] = [("open", root, root_ctx, False)]
    while stack:
        entry = stack.pop()
        if entry[0] == "close":
            _, el, own_ctx, is_block, parent_link = entry
            if is_block:
                b.flush(own_ctx)
            b.text(el.tail, parent_link)
            continue
        _, el, ctx, in_link = entry
        if not isinstance(el.tag, str):  # comment / processing instruction
            b.text(el.tail, in_link)
            continue
        tag = el.tag.lower()
        if tag in SKIP_TAGS or _is_hidden(el):
            b.text(el.tail, in_link)
            continue
        if tag == "br":
            b.flush(ctx)
            b.text(el.tail, in_link)
            continue
        in_row_cell = tag in CELL_TAGS and ctx[0] == "table_row"
        is_block = tag not in INLINE_TAGS and not in_row_cell
        new_ctx = ctx
        if is_block:
            b.flush(ctx)
            extra = _tokens_of(el)
            if tag in SEMANTIC_TAGS:
                extra.append("tag:" + tag)
            toks = ctx[2] | frozenset(extra) if extra else ctx[2]
            if tag in HEADING_TAGS:
                new_ctx = ("heading", el, toks, HEADING_TAGS[tag])
            elif tag in ("li", "dt", "dd"):
                new_ctx = ("list_item", el, toks, 0)
            elif tag == "tr":
                new_ctx = ("table_row", el, toks, 0)
            elif tag in ("figcaption", "caption"):
                new_ctx = ("caption", el, toks, 0)
            elif tag == "pre":
                new_ctx = ("code", el, toks, 0)
            else:
                new_ctx = ("paragraph", el, toks, 0)
        elif in_row_cell:
            b.text(" ", False)
        link = in_link or tag == "a"
        stack.append(("close", el, new_ctx, is_block, in_link))
        b.text(el.text, link)
        for child in reversed(el):
            stack.append(("open", child, new_ctx, link))
    b.flush(root_ctx)
    return b.blocks

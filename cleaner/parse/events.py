"""An event-based HTML walker (Python's html.parser) for pages nested deeper than
libxml2 will build a tree for (it stops near depth 2048 and drops what lies below).

It produces the same blocks and features as the tree walker (tag, class/id tokens,
link ratio), with no element references, so CSS selector rules do not apply to
such pages; token selector rules still do.
"""
from __future__ import annotations

from html.parser import HTMLParser

from ..document import Block
from .builder import _WS
from .tree import CELL_TAGS, HEADING_TAGS, INLINE_TAGS, SEMANTIC_TAGS, SKIP_TAGS

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[tuple] = []  # (tag, kind, tokens, level, is_block)
        self.skip = 0
        self.links = 0
        self.parts: list[tuple[str, bool]] = []

    # context of the innermost block element
    def _ctx(self):
        for tag, kind, toks, level, is_block in reversed(self.stack):
            if is_block:
                return tag, kind, toks, level
        return "body", "paragraph", frozenset(), 0

    def _flush(self):
        if not self.parts:
            return
        text = _WS.sub(" ", "".join(p for p, _ in self.parts)).strip()
        links = sum(len(_WS.sub("", p)) for p, link in self.parts if link)
        self.parts = []
        if not text:
            return
        tag, kind, toks, level = self._ctx()
        total = len(_WS.sub("", text)) or 1
        feats = {"tag": tag, "dom_tokens": toks, "link_ratio": min(1.0, links / total)}
        if level:
            feats["heading_level"] = level
        self.blocks.append(Block(len(self.blocks), text, kind, feats, gap_before=True))

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag not in VOID:
                self.skip += 1
            return
        a = dict(attrs)
        if tag in SKIP_TAGS or "hidden" in a:
            if tag not in VOID:
                self.skip = 1
            return
        if tag == "br":
            self._flush()
            return
        if tag in VOID:
            return
        in_row = tag in CELL_TAGS and self._ctx()[1] == "table_row"
        is_block = tag not in INLINE_TAGS and not in_row
        toks = self._ctx()[2]
        if is_block:
            self._flush()
            extra = [t.lower() for t in (a.get("class") or "").split()]
            if a.get("id"):
                extra.append(a["id"].strip().lower())
            if a.get("role"):
                extra.append("role:" + a["role"].strip().lower())
            if tag in SEMANTIC_TAGS:
                extra.append("tag:" + tag)
            toks = toks | frozenset(extra) if extra else toks
        elif in_row:
            self.parts.append((" ", False))
        kind = ("heading" if tag in HEADING_TAGS else "list_item" if tag in ("li", "dt", "dd")
                else "table_row" if tag == "tr" else "caption" if tag in ("figcaption", "caption")
                else "code" if tag == "pre" else "paragraph")
        self.stack.append((tag, kind, toks, HEADING_TAGS.get(tag, 0), is_block))
        if tag == "a":
            self.links += 1

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
            return
        # close up to the matching open tag (tolerates unclosed inner tags)
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                if any(e[4] for e in self.stack[k:]):
                    self._flush()
                for e in self.stack[k:]:
                    if e[0] == "a":
                        self.links -= 1
                del self.stack[k:]
                return

    def handle_data(self, data):
        if not self.skip and data:
            self.parts.append((data, self.links > 0))


def walk_events(html: str) -> list[Block]:
    w = _Walker()
    w.feed(html)
    w.close()
    w._flush()
    return w.blocks

"""A block's text as a tree walk meets it (``tree.walk``): whitespace collapsing, table cells,
links and inline marks kept apart and joined once per block, preformatted code kept whole, and
(the markup parser's builder) one block per line."""
from __future__ import annotations

import regex

from ..document import Block

# control characters never left in page text (the parser strips them first): a table
# cell boundary, and a link's start / href / end in the inline form
_CELL_SEP = "\x1f"
_LINK_OPEN, _LINK_HREF, _LINK_CLOSE = "\x02", "\x03", "\x04"
_LINK = regex.compile("\x02([^\x02\x03\x04]*)\x03([^\x02\x03\x04]*)\x04")
_SENTINELS = regex.compile("[\x02\x03\x04\x1f]")
_WS = regex.compile(r"\s+")
_CODE_LANG = regex.compile(r"(?:^|\s)(?:language-|lang-|highlight-source-|highlight-|brush:\s*)([A-Za-z0-9_+#.]{1,24})")


class _Builder:
    """The text of the block being walked, as the walk meets it (whitespace collapses);
    ``flush`` makes it blocks.  Text, link text and the inline form are kept apart as
    they come, so a block's strings are joined once and never sorted out again."""

    def __init__(self, inline: bool):
        self.inline = inline
        self.blocks: list[Block] = []
        self.blank = True  # no part with a visible character since the last flush
        self._reset()

    def _reset(self) -> None:
        self.parts: list[str] = []  # every string since the last flush, markup marks included
        self.texts = [] if self.inline else self.parts  # its text (only marks are not text)
        self.links: list[str] = []  # its text inside links

    def text(self, s: str, in_link: bool):
        if s:
            self.parts.append(s)
            if self.inline:
                self.texts.append(s)
            if in_link:
                self.links.append(s)
            if self.blank and not s.isspace():
                self.blank = False

    def mark(self, s: str):
        self.parts.append(s)

    def _pieces(self) -> tuple:
        """(text, link characters, inline markdown) of each piece: here one."""
        return (("".join(self.texts), _link_chars(self.links), "".join(self.parts) if self.inline else ""),)

    def flush(self, ctx):
        if not self.parts:
            return
        if self.blank:
            self._reset()
            return  # only whitespace and markup marks: no block
        self.blank = True
        kind, el, toks, level, node, lists = ctx
        if kind == "code":
            raw = "".join(self.texts)
            self._reset()
            self._flush_code(raw, ctx)
            return
        pieces = self._pieces()
        self._reset()
        first = True
        blank_run = False
        tag = el.tag if isinstance(el.tag, str) else ""
        for raw, links, md in pieces:
            cells = None
            if kind == "table_row" and _CELL_SEP in raw:
                cells = [" ".join(c.split()) for c in raw.split(_CELL_SEP)[1:]]
                text = " ".join(c for c in cells if c)
            else:
                words = raw.split()
                text = " ".join(words)
            if not text:
                blank_run = True
                continue
            total = (len(text) - text.count(" ")) or 1
            feats = {"tag": tag, "dom_tokens": toks, "link_ratio": min(1.0, links / total), "_el": el}
            if node is not None:
                feats["node"] = node
            if level:
                feats["heading_level"] = level
            if lists:
                feats["list_depth"] = len(lists)
                feats["ordered"] = lists[-1] == "ol"
            if cells is not None:
                feats["cells"] = cells
                if el is not None and all(c.tag == "th" for c in el if isinstance(c.tag, str)):
                    feats["header_row"] = True
            if self.inline:
                inline = _inline(md)
                if inline != text:
                    feats["inline"] = inline
            self.blocks.append(Block(len(self.blocks), text, kind, feats, gap_before=first or blank_run))
            first = blank_run = False

    def _flush_code(self, raw: str, ctx):
        """Preformatted text keeps its lines and indentation (one block per <pre>)."""
        kind, el, toks, level, node, lists = ctx
        lines = [ln.rstrip() for ln in raw.replace("\r\n", "\n").split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return
        text = "\n".join(lines)
        feats = {"tag": el.tag if isinstance(el.tag, str) else "", "dom_tokens": toks, "link_ratio": 0.0,
                 "_el": el}
        if node is not None:
            feats["node"] = node
        lang = _code_lang(el)
        if lang:
            feats["code_lang"] = lang
        self.blocks.append(Block(len(self.blocks), text, kind, feats, gap_before=True))


class _LineBuilder(_Builder):
    """The markup parser's builder: text nodes keep their line breaks, and each line
    of a block's text becomes a block of its own."""

    def _reset(self) -> None:
        super()._reset()
        self.seq: list[tuple] = []  # (text, in_link, is_markup) in order

    def text(self, s: str, in_link: bool):
        if s:
            super().text(s, in_link)
            self.seq.append((s, in_link, False))

    def mark(self, s: str):
        super().mark(s)
        self.seq.append((s, False, True))

    def _pieces(self) -> list[tuple]:
        return _pieces(self.seq)


def _link_chars(texts: list[str]) -> int:
    """Visible (non-whitespace) characters of link text."""
    return len("".join("".join(texts).split())) if texts else 0


def _pieces(parts) -> list[tuple]:
    """``parts`` split at newlines (markup mode): (text, link characters, inline markdown)
    per piece, each joined once."""
    pieces: list[tuple] = []
    text: list[str] = []
    links: list[str] = []
    md: list[str] = []
    for s, in_link, is_mark in parts:
        if is_mark:
            md.append(s)
            continue
        chunks = s.split("\n")
        for j, chunk in enumerate(chunks):
            if j:
                pieces.append(("".join(text), _link_chars(links), "".join(md)))
                text, links, md = [], [], []
            text.append(chunk)
            md.append(chunk)
            if in_link:
                links.append(chunk)
    pieces.append(("".join(text), _link_chars(links), "".join(md)))
    return pieces


def _link_md(m) -> str:
    label = m.group(1).strip()
    return f"[{label}]({m.group(2)})" if label else ""


def _inline(md: str) -> str:
    if _LINK_OPEN in md:
        md = _LINK.sub(_link_md, md)
    md = _SENTINELS.sub(" ", md)  # a link split by a block boundary: keep its text only
    return _WS.sub(" ", md).replace("****", "").replace("``", "").strip()


def _code_lang(el) -> str | None:
    parent = el.getparent()
    for e in (el, *el.iterchildren("code"), *((parent,) if parent is not None else ())):
        m = _CODE_LANG.search(e.get("class") or "")
        if m:
            return m.group(1).lower()
        lang = e.get("data-lang") or e.get("data-language")
        if lang:
            return lang.strip().lower()[:24]
    return None

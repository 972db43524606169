"""Mixed markdown and HTML (seed 004): HTML fragments go through lxml, markdown
syntax is then turned into plain text line by line.

HTML: comments, tags, entities, ``<img>``, ``<div>``/``<p>``/``<br>`` boundaries.
Markdown: ATX and setext headings, links ``[text](url)`` -> text, images, emphasis,
inline code, lists, block quotes, tables, code fences, horizontal rules.
"""
from __future__ import annotations

import lxml.html
import regex

from ..document import Block, Document
from .tree import walk

_AUTOLINK = regex.compile(r"<((?:https?|ftp)://[^\s<>]+|[\w.+-]+@[\w-]+\.[\w.-]+)>")
_ATX = regex.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = regex.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_HR = regex.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_LIST = regex.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)")
_QUOTE = regex.compile(r"^\s*(?:>\s?)+")
_FENCE = regex.compile(r"^\s*(```|~~~)")
_TABLE_SEP = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = regex.compile(r"!\[([^\]\n]*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)")
_LINK = regex.compile(r"\[([^\]\n]*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)")
_REF_LINK = regex.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REF_DEF = regex.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+(?:\s+\"[^\"]*\")?\s*$")
_STRONG = regex.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = regex.compile(r"(?<![\w*\\])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = regex.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE = regex.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = regex.compile(r"`+([^`]+?)`+")
_ESCAPE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_WS = regex.compile(r"\s+")
# a link whose text runs over several lines (a teaser card: title, byline and date all
# inside one [...](url))
_MULTILINE_LINK = regex.compile(r"\[([^\[\]]*\n[^\[\]]*)\]\(([^()\s]*)(?:\s+\"[^\"\n]*\")?\)")
_LINE_MARK = regex.compile(r"^\s*(?:#{1,6}\s+|[-*+•]\s+|\d{1,3}[.)]\s+|>\s*)*")
# a link or image destination in angle brackets ("![](<Base64-Image-Removed>)", "[a](<x y>)"):
# lxml would read "<Base64-Image-Removed>" as an HTML tag and split the line around it
_ANGLE_DEST = regex.compile(r"\]\(<([^<>\n]*)>")
# elements whose content an HTML parser reads as raw text up to their closing tag: one
# opened and never closed ("you used <iframe> to embed…" in a web developer's story) would
# take the rest of the page with it
_RAW_OPEN = regex.compile(r"<(script|style|iframe|textarea|title|noscript|xmp|noembed|noframes|plaintext)\b[^<>]*>",
                          regex.I)
_RAW_CLOSE = regex.compile(r"</(script|style|iframe|textarea|title|noscript|xmp|noembed|noframes)\s*>", regex.I)
# a link whose text opens with a heading marker, after other text on its line ("March 6,
# 2026[# Building brains](url)": a card's date, then its headline)
_HEADING_LINK = regex.compile(r"^([^\n]*?\S)?[ \t]*\[(#{1,6})[ \t]+(?=[^\]\n]*\]\()", regex.M)


def plain_destinations(text: str) -> str:
    """Link and image destinations in angle brackets written without them (spaces as
    ``%20``), so no HTML parser takes them for tags and the link syntax reads as usual."""
    if "](<" not in text:
        return text
    return _ANGLE_DEST.sub(lambda m: "](" + m.group(1).replace(" ", "%20"), text)


def literal_raw_tags(text: str) -> str:
    """A raw-text element's opening tag with no closing tag after it (``<iframe>`` named in
    a sentence, ``<plaintext>`` always) is written as text (``&lt;``), so the parser reads on;
    an element that is closed stays an element (a ``<script>…</script>`` is still left out)."""
    if not _RAW_OPEN.search(text):
        return text
    last_close = {m.group(1).lower(): m.start() for m in _RAW_CLOSE.finditer(text)}

    def opening(m) -> str:
        closed = m.start() < last_close.get(m.group(1).lower(), -1)
        return m.group(0) if closed else "&lt;" + m.group(0)[1:]

    return _RAW_OPEN.sub(opening, text)


def split_multiline_links(text: str) -> str:
    """A link over several lines becomes one link per line (each line keeps its list or
    heading marker), so every line of a teaser card is seen as link text; images are
    taken out first (they are no text, and a card's photo, first or last in the link's
    text, "[![photo](src)\n\n#### Title](url)", "[### Title\n\nSource\n\n![photo](src)](url)",
    would hide the link).  When the cards' descriptions (``prose_words``) hold more prose
    than the rest of the page (a search page, a service page made of linked cards), they
    stay text: they are the page's content, not teasers beside an article."""
    if "](" not in text:
        return text
    if "![" in text:
        text = _IMAGE.sub("", text)
    cards = list(_MULTILINE_LINK.finditer(text))
    if not cards:
        return text
    inside = sum(prose_words(line) for m in cards for line in m.group(1).split("\n"))
    rest = "".join(text[a:z] for a, z in zip([0] + [m.end() for m in cards], [m.start() for m in cards] + [len(text)]))
    described = inside > 0 and inside > sum(map(prose_words, rest.split("\n")))

    def one(m):
        url = m.group(2)
        out = []
        for line in m.group(1).split("\n"):
            if not line.strip():
                out.append(line)
                continue
            mark = _LINE_MARK.match(line).end()
            if described and prose_words(line):
                out.append(line)  # a card's description: text, as the page prints it
                continue
            out.append(f"{line[:mark]}[{line[mark:].strip()}]({url})")
        if m.end() < len(m.string) and m.string[m.end()] != "\n":
            out.append("\n")  # the next card starts right after this one's "](url)"
        return "\n".join(out)

    out, last = [], 0
    for m in cards:  # the matches found above, rewritten (no second search)
        out += (text[last:m.start()], one(m))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


CARD_PROSE = 12  # words of a sentence inside a card's link that make it the card's description


def prose_words(line: str) -> int:
    """The words of a line that is a sentence of ``CARD_PROSE`` words or more (it ends in a
    full stop, a question or exclamation mark), else 0."""
    text = line.strip()
    if text[-1:] not in ".!?…":
        return 0
    n = len(text.split())
    return n if n >= CARD_PROSE else 0


def heading_links(text: str) -> str:
    """A link whose text opens with a heading marker, ``[# Title](url)``, becomes a heading
    holding the link, on a line of its own (``# [Title](url)``): before, the marker stayed
    in the text and the headline ran on from the text before it ("March 6, 2026# Title")."""
    if "[#" not in text:
        return text
    return _HEADING_LINK.sub(lambda m: (m.group(1) + "\n\n" if m.group(1) else "") + m.group(2) + " [", text)


def inline_markdown(text: str) -> tuple[str, int]:
    """Markdown inline syntax -> plain text.  Returns (text, link characters)."""
    link_chars = 0
    if "](" in text or "][" in text:
        text = _IMAGE.sub("", text)

        def _link(m):
            nonlocal link_chars
            link_chars += len(m.group(1).replace(" ", ""))
            return m.group(1)

        text = _LINK.sub(_link, text)
        text = _REF_LINK.sub(_link, text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDER.sub(r"\1", text)
    if "~~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return _WS.sub(" ", text).strip(), link_chars


def parse_markup(text: str, doc_id: str | None = None) -> Document:
    text = heading_links(split_multiline_links(plain_destinations(_AUTOLINK.sub(r"\1", text))))
    text = literal_raw_tags(text)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True,
                                  recover=True, default_doctype=False)
    try:
        root = lxml.html.document_fromstring("<div>" + text + "</div>", parser=parser)
    except Exception:  # lxml refuses empty or pathological input
        root = lxml.html.document_fromstring("<div></div>", parser=parser)
    body = root.find("body")
    from .html import DEPTH_LIMIT, max_depth
    if max_depth(root) >= DEPTH_LIMIT:
        from .events import walk_events
        raw_blocks = walk_events(text)  # too deep for libxml2's tree: see parse.events
    else:
        raw_blocks = walk(body if body is not None else root, keep_newlines=True)
    blocks: list[Block] = []
    removed = 0
    in_code = False
    for b in raw_blocks:
        line = b.text
        if _FENCE.match(line):
            in_code = not in_code
            removed += 1
            continue
        if in_code:
            b.kind = "code"
            blocks.append(b)
            continue
        if _SETEXT.match(line) and len(line.strip()) >= 2:
            prev = blocks[-1] if blocks else None
            if prev is not None and not b.gap_before and prev.kind != "heading":
                prev.kind = "heading"
                prev.features["heading_level"] = 1 if "=" in line else 2
            removed += 1
            continue
        if _HR.match(line) or _TABLE_SEP.match(line) or _REF_DEF.match(line):
            removed += 1
            continue
        m = _ATX.match(line)
        if m:
            b.kind = "heading"
            b.features["heading_level"] = len(m.group(1))
            line = m.group(2)
        else:
            m = _LIST.match(line)
            if m:
                b.kind = "list_item"
                line = line[m.end():]
            q = _QUOTE.match(line)
            if q:
                line = line[q.end():]
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            b.kind = "table_row"
            line = " ".join(c.strip() for c in line.strip().strip("|").split("|"))
        new, links = inline_markdown(line)
        if not new:
            removed += 1
            continue
        if links:
            total = len(new.replace(" ", "")) or 1
            b.features["link_ratio"] = min(1.0, b.features.get("link_ratio", 0.0) + links / total)
        b.text = new
        blocks.append(b)
    for i, b in enumerate(blocks):
        b.index = i
    doc = Document(blocks, id=doc_id, source_format="markup")
    doc.meta["markup_removed"] = removed
    doc.meta["_tree"] = root  # for CSS selector rules
    return doc

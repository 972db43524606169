"""Whole HTML pages: decode (declared charset, then detection), parse with lxml,
and walk the body into blocks with DOM features (tag, class/id tokens, link ratio,
the numbered block element each block belongs to).

The page ``<title>`` goes to ``doc.meta['page_title']`` (the title finder uses it),
the tree to ``doc.meta['_tree']`` (CSS selector rules, metadata) and the table of
block elements to ``doc.meta['_nodes']`` (the DOM analysis, ``cleaner.dom``).

Safety: the parser never loads a DTD, never resolves entities of an internal
subset and never touches the network (XXE and entity bombs stay inert text).
Pages nested deeper than libxml2 builds a tree for are walked by an event parser
instead (``parse.events``), so no text is lost; they get no DOM analysis.
"""
from __future__ import annotations

import re
import threading

import lxml.etree as etree
import regex

from ..document import Block, Document
from .tree import Nodes, TooManyBlocks, walk  # noqa: F401  (TooManyBlocks: for callers)

_WS = regex.compile(r"\s+")
# stdlib re for these whole-page scans: much faster than regex on plain classes
_XML_DECL = re.compile(r"\s*<\?xml[^>]*>")
# an internal DTD subset (entity declarations): HTML never needs one, and the HTML
# parser would show its tail as text; it is cut, never expanded (see _cut_dtd_subset)
_SUBSET_END = re.compile(r"\]\s*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# the same characters as UTF-8 bytes (never part of a multi-byte sequence): deleted from
# the encoded page in one pass, much faster than a scan of the str per character
_CONTROL_BYTES = bytes((*range(0, 9), 11, 12, *range(14, 32), 127))


def decode_html(data: bytes) -> tuple[str, dict]:
    """Bytes -> text: BOM, declared charset (meta/XML), then detection (bs4's UnicodeDammit)."""
    from bs4.dammit import UnicodeDammit

    notes: dict = {}
    dammit = UnicodeDammit(data, is_html=True)
    text = dammit.unicode_markup
    if text is None:
        text = data.decode("utf-8", errors="replace")
        notes["invalid_utf8"] = text.count("\ufffd")
    else:
        notes["encoding"] = dammit.original_encoding
        if dammit.contains_replacement_characters:
            notes["invalid_utf8"] = text.count("\ufffd")
    return text, notes


DEPTH_LIMIT = 1500
# Blocks one page may have: a guard on time and memory (a page of a million <p>
# elements is rejected with this reason instead of taking minutes and gigabytes).
MAX_BLOCKS = 100_000


def max_depth(root) -> int:
    depth = deepest = 0
    for event, _el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


_LOCAL = threading.local()


def _parser(encoding: str | None = None):
    """One parser per thread and input kind (lxml parsers must not be shared between
    threads): ``encoding="utf-8"`` for UTF-8 bytes, None for a str.  libxml2's HTML
    parser loads no DTD and expands no entity of an internal subset."""
    key = "parser_" + (encoding or "str")
    p = getattr(_LOCAL, key, None)
    if p is None:
        # plain lxml elements (no lxml.html element classes: their lookup costs on every node)
        p = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, recover=True,
                             default_doctype=False, no_network=True, collect_ids=False, encoding=encoding)
        setattr(_LOCAL, key, p)
    return p


def _cut_dtd_subset(html: str) -> str:
    """``<!DOCTYPE x [ ... ]>`` -> ``<!DOCTYPE x>`` (linear scans, no backtracking)."""
    pos = 0
    while True:  # leading whitespace and comments
        while pos < len(html) and html[pos].isspace():
            pos += 1
        if html.startswith("<!--", pos):
            end = html.find("-->", pos + 4)
            if end < 0:
                return html
            pos = end + 3
            continue
        break
    if html[pos:pos + 9].upper() != "<!DOCTYPE":
        return html
    bracket, close = html.find("[", pos), html.find(">", pos)
    if bracket < 0 or (0 <= close < bracket):
        return html
    m = _SUBSET_END.search(html, bracket)
    if m is None:
        return html
    return html[:bracket] + ">" + html[m.end():]


def page_tree(html: str):
    """The lxml tree of a page (an empty page for input lxml refuses)."""
    # lxml refuses str input that declares an encoding in an XML prolog
    m = _XML_DECL.match(html)
    if m:
        html = html[m.end():]
    if "[" in html[:512]:
        html = _cut_dtd_subset(html)
    root = None
    if html and not html.isspace():
        try:
            root = etree.fromstring(_page_bytes(html), _parser("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate: lxml reads the str as it can
            root = _from_str(_CONTROL.sub("", html))
        except Exception:  # lxml refuses empty or pathological documents
            root = None
    if root is None:
        root = etree.fromstring("<html><body></body></html>", _parser())
    return root


def _page_bytes(html: str) -> bytes:
    """The page as UTF-8 without control characters: libxml2 parses UTF-8 bytes faster
    than a str, which it is handed in the str's own storage and converts."""
    return html.encode("utf-8").translate(None, _CONTROL_BYTES)


def _from_str(html: str):
    try:
        return etree.fromstring(html, _parser())
    except Exception:
        return None


def parse_html(html: str, doc_id: str | None = None, *, inline: bool = False) -> Document:
    root = page_tree(html)
    title_el = root.find(".//title")
    page_title = " ".join("".join(title_el.itertext()).split()) if title_el is not None else ""
    body = root.find("body")
    start = body if body is not None else root
    nodes = Nodes()
    hidden: list = []
    blocks = walk(start, keep_newlines=False, nodes=nodes, inline=inline, max_blocks=MAX_BLOCKS, hidden=hidden)
    revealed = None
    if body is not None and hidden:
        from ..dom.reveal import to_reveal
        reveal, revealed = to_reveal(hidden, blocks)
        if reveal:
            nodes = Nodes()
            blocks = walk(start, keep_newlines=False, nodes=nodes, inline=inline, reveal=reveal,
                          max_blocks=MAX_BLOCKS)
    # libxml2 stops building the tree near depth 2048 and drops what lies deeper
    deep = nodes.deepest >= DEPTH_LIMIT
    if deep:
        # walk the page with the event parser instead, so no text is lost
        from .events import walk_events
        blocks = walk_events(html)
        nodes = None
    doc = Document(blocks, id=doc_id, source_format="html")
    doc.meta["_tree"] = root
    if not blocks and body is not None and nodes is not None:
        _shell_text(doc)
    if deep:
        doc.meta["deep_nesting"] = True
    if revealed:
        doc.meta["revealed"] = revealed
    if page_title:
        doc.meta["page_title"] = page_title
    if nodes is not None:
        doc.meta["_nodes"] = nodes
    return doc


def _shell_text(doc) -> None:
    """A page that shows no text at all but declares itself a dated post (the app shell
    of a forum topic or a blog post, its text loaded by scripts): its description is the
    one text it has, as one paragraph (``doc.meta['revealed']`` says so)."""
    from ..dom.metadata import post_description
    text = post_description(doc)
    if not text:
        return
    feats = {"tag": "meta", "node": 0, "link_ratio": 0.0, "dom_tokens": frozenset()}
    doc.blocks = [Block(0, text, "paragraph", feats, gap_before=True)]
    doc.meta["revealed"] = ["the page's description (it shows no text and declares a dated post)"]


_TAG = regex.compile(r"<[A-Za-z!/][^>]{0,2000}>")
_MAGIC = ((b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive"))


def not_html(text: str) -> str | None:
    """Why a string given as HTML is not a page (None when it may be one):
    a PDF or image read as text, JSON, or plain text without a single tag."""
    head = text[:2048].lstrip("\ufeff \t\r\n")
    raw = head[:8].encode("latin-1", "replace")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return f"holds {what}, not HTML"
    if head[:1] in ("{", "["):
        try:
            import json
            json.loads(text)
            return "holds JSON, not HTML"
        except ValueError:
            pass
    if head and not _TAG.search(text[:200_000]):
        return "holds plain text without any HTML tag (give it as the text field)"
    return None


def empty_reason(doc) -> str:
    """Why an HTML page gave no text (for the run summary)."""
    tree = doc.meta.get("_tree")
    if not doc.blocks:
        if tree is not None and (tree.find(".//frameset") is not None or tree.find(".//frame") is not None):
            return "frames only (the text is in the framed documents)"
        return "the page has no visible text"
    content = doc.meta.get("content") or {}
    if content.get("source") == "dom" and not content.get("regions"):
        return "no content found (" + content.get("note", "only boilerplate") + ")"
    return "every block was removed as boilerplate"

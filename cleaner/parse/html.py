"""Whole HTML pages: decode (declared charset, then detection), parse with lxml,
and walk the body into blocks with DOM features (tag, class/id tokens, link ratio).

The page ``<title>`` goes to ``doc.meta['page_title']`` (the title finder uses it).
"""
from __future__ import annotations

import lxml.etree as etree
import lxml.html
import regex

from ..document import Document
from .tree import walk

_WS = regex.compile(r"\s+")


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


def parse_html(html: str, doc_id: str | None = None) -> Document:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True,
                                  recover=True, default_doctype=False)
    # lxml refuses str input that declares an encoding in an XML prolog
    html = regex.sub(r"^\s*<\?xml[^>]*>", "", html, count=1)
    try:
        root = lxml.html.document_fromstring(html or "<html></html>", parser=parser)
    except Exception:
        root = lxml.html.document_fromstring("<html></html>", parser=parser)
    title_el = root.find(".//title")
    page_title = _WS.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    body = root.find("body")
    if max_depth(root) >= DEPTH_LIMIT:
        # libxml2 stops building the tree near this depth and drops what lies deeper:
        # walk the page with the event parser instead, so no text is lost
        from .events import walk_events
        blocks = walk_events(html)
        deep = True
    else:
        blocks = walk(body if body is not None else root, keep_newlines=False)
        deep = False
    doc = Document(blocks, id=doc_id, source_format="html")
    if deep:
        doc.meta["deep_nesting"] = True
    if page_title:
        doc.meta["page_title"] = page_title
    doc.meta["_tree"] = root
    return doc

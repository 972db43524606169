"""Any input -> Document.  ``parse(text, fmt="auto")`` sniffs the format:

- ``html``: a whole page (doctype, ``<html>``, ``<body>`` or ``<head>``);
- ``markup``: text mixed with HTML tags/comments or markdown links, or with two or more
  markdown headings, rules or code fences (one alone is a plain text's line as often);
- ``text``: plain scraped text, one block per line.

Text is repaired with ftfy first (mojibake, entities, odd whitespace, NBSP,
zero-width and control characters).
"""
from __future__ import annotations

import regex

from ..document import Document
from ..text import repair, repair_blocks
from .plain import parse_plain

FORMATS = ("auto", "text", "markup", "html")

_PAGE = regex.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
                      regex.I | regex.S)
_BODY = regex.compile(r"<body[\s>]", regex.I)
_TAG = regex.compile(r"</?(?:p|div|br|img|a|span|strong|em|b|i|h[1-6]|ul|ol|li|table|tr|td|section|"
                     r"article|blockquote|figure|figcaption|aside|header|footer|nav)\b[^>]*>", regex.I)
_COMMENT = regex.compile(r"<!--")
_MD_LINK = regex.compile(r"\[[^\]\n]+\]\((?:https?://|/)[^)\s]*\)")
# headings, setext underlines / rules and code fences: one alone is as likely a plain text's
# line ("# of guests", a code comment, a "---" separator) as markdown
_MD_LINE = regex.compile(r"^(?:#{1,6}[ \t]+\S|(?:={3,}|-{3,})[ \t]*$|```)", regex.M)
MD_LINES = 2  # markdown line shapes that make a text markdown without a link or tag


def sniff(text: str) -> str:
    sample = text[:200_000]
    if "<" in sample:  # a page start, a tag and a comment all begin with one
        if _PAGE.match(text[:4096]) or _BODY.search(text[:65536]):
            return "html"
        if len(_TAG.findall(sample)) >= 2 or _COMMENT.search(sample):
            return "markup"
    # (a link holds "](" and one line holds one line shape at most)
    if "](" in sample and _MD_LINK.search(sample) or "\n" in sample and _count(_MD_LINE, sample, MD_LINES) >= MD_LINES:
        return "markup"
    return "text"


def _count(pattern, text: str, enough: int) -> int:
    """Matches of ``pattern`` in ``text``, counted up to ``enough``."""
    n = 0
    for _ in pattern.finditer(text):
        n += 1
        if n >= enough:
            break
    return n


def parse(text: str, fmt: str = "auto", *, doc_id: str | None = None, repair_text: bool = True,
          inline: bool = False) -> Document:
    """``inline``: HTML pages also record each block's markdown inline form
    (``features["inline"]``, for markdown and HTML output)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}; known: {', '.join(FORMATS)}")
    notes: dict = {}
    if fmt == "auto":
        fmt = sniff(text)
    if repair_text and fmt != "html":
        # entities in markup/HTML are the HTML parser's job (it knows '&lt;p&gt;' from '<p>')
        text, notes = repair(text, entities=(fmt == "text"))
    if fmt == "html":
        # a page is repaired after the walk, block by block: most of its bytes are markup
        from .html import parse_html  # lxml is imported by the first HTML page

        doc = parse_html(text, doc_id, inline=inline)
        if repair_text:
            notes = repair_blocks(doc.blocks)
    elif fmt == "markup":
        from .markup import parse_markup  # lxml is imported by the first markup document

        doc = parse_markup(text, doc_id)
    else:
        doc = parse_plain(text, doc_id)
    doc.meta.update(notes)
    if fmt != "text":  # (plain text's blocks all hold text and are numbered in order)
        doc.blocks = [b for b in doc.blocks if b.text]
        for i, b in enumerate(doc.blocks):
            b.index = i
    return doc


def decode_html(data: bytes) -> tuple[str, dict]:
    """Bytes of a page -> text and notes (``parse.html.decode_html``)."""
    from .html import decode_html as decode

    return decode(data)


__all__ = ["parse", "sniff", "decode_html", "FORMATS"]

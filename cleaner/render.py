"""Assemble the kept blocks: title first, paragraphs separated by one blank line.

Three output formats:

- ``text`` (default): each kept block's text, blank-line separated;
- ``markdown``: headings (``#``), list items (``-`` / ``1.``, indented by nesting),
  tables (GFM pipes), code fences with the language, emphasis and inline code
  from the block's inline form (``features["inline"]``); links as ``[text](url)``
  only with ``links=True``;
- ``html``: the kept blocks as clean HTML (``<h1>``…, ``<p>``, ``<ul>/<ol>``,
  ``<table>``, ``<pre><code>``), no attributes but ``href`` (with ``links``) and a
  code block's ``class="language-…"``.

A block a trim rule shortened is rendered from its kept text (its inline form no
longer matches it).  Inputs without structure (plain text) render as paragraphs.
"""
from __future__ import annotations

from operator import attrgetter, itemgetter

import regex

from .document import Block, Document

OUTPUT_FORMATS = ("text", "markdown", "html")

_MD_LINK = regex.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)")
_STRONG = regex.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = regex.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")
_CODE = regex.compile(r"`([^`]+)`")
_MD_SPECIAL_START = regex.compile(r"^(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|\||```)")
_VERDICTS = attrgetter("verdicts")
_COUNTED = itemgetter("text", "category", "rule")


def render(doc: Document, fmt: str = "text", *, links: bool = False) -> str:
    if fmt == "text":
        return "\n\n".join(filter(None, map(Block.kept_text, doc.blocks)))
    if fmt == "markdown":
        return _markdown(doc, links)
    if fmt == "html":
        return _html_out(doc, links)
    raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(OUTPUT_FORMATS)}")


def _kept(doc):
    """(block, inline text) of each kept block; the inline form only when the block
    was not trimmed."""
    for b in doc.blocks:
        t = b.kept_text()
        if not t:
            continue
        inline = b.features.get("inline") if t == b.text else None
        yield b, inline


def _strip_links(md: str) -> str:
    return _MD_LINK.sub(r"\1", md) if "](" in md else md


def _inline_md(b, inline, links: bool) -> str:
    if inline is None:
        text = b.kept_text()
        return "\\" + text if _MD_SPECIAL_START.match(text) else text
    return inline if links else _strip_links(inline)


def _markdown(doc: Document, links: bool) -> str:
    out: list[str] = []
    prev_kind = None
    table_cols = 0
    for b, inline in _kept(doc):
        kind = b.kind
        f = b.features
        if kind == "heading":
            level = min(6, max(1, int(f.get("heading_level") or 2)))
            line = "#" * level + " " + _inline_md(b, inline, links)
        elif kind == "list_item":
            depth = max(1, int(f.get("list_depth") or 1))
            marker = "1." if f.get("ordered") else "-"
            line = "  " * (depth - 1) + marker + " " + _inline_md(b, inline, links)
        elif kind == "table_row" and f.get("cells"):
            cells = [c.replace("|", "\\|") for c in f["cells"]]
            line = "| " + " | ".join(cells) + " |"
            if prev_kind != "table_row":
                table_cols = len(cells)
                line += "\n|" + " --- |" * table_cols
        elif kind == "code":
            lang = f.get("code_lang") or ""
            fence = "````" if "```" in b.text else "```"
            line = f"{fence}{lang}\n{b.kept_text()}\n{fence}"
        else:
            line = _inline_md(b, inline, links)
        tight = prev_kind == kind and kind in ("list_item", "table_row")
        if out:
            out.append("\n" if tight else "\n\n")
        out.append(line)
        prev_kind = kind
    return "".join(out)


def _inline_html(b, inline, links: bool) -> str:
    import html as _html  # only HTML output needs it

    if inline is None:
        return _html.escape(b.kept_text(), quote=False)
    s = _html.escape(inline, quote=False)
    if "](" in s:
        if links:
            s = _MD_LINK.sub(lambda m: f'<a href="{_html.escape(_html.unescape(m.group(2)))}">{m.group(1)}</a>', s)
        else:
            s = _strip_links(s)
    if "`" in s:
        s = _CODE.sub(r"<code>\1</code>", s)
    if "*" in s:
        s = _STRONG.sub(r"<strong>\1</strong>", s)
        s = _EM.sub(r"<em>\1</em>", s)
    return s


def _html_out(doc: Document, links: bool) -> str:
    import html as _html

    out: list[str] = []
    lists: list[str] = []  # open list tags, innermost last
    in_table = False

    def close_lists(depth=0):
        while len(lists) > depth:
            out.append(f"</{lists.pop()}>")

    for b, inline in _kept(doc):
        kind = b.kind
        f = b.features
        if kind != "table_row" and in_table:
            out.append("</table>")
            in_table = False
        if kind == "list_item":
            depth = max(1, int(f.get("list_depth") or 1))
            tag = "ol" if f.get("ordered") else "ul"
            close_lists(depth)
            if len(lists) == depth and lists[-1] != tag:
                close_lists(depth - 1)
            while len(lists) < depth:
                lists.append(tag)
                out.append(f"<{tag}>")
            out.append(f"<li>{_inline_html(b, inline, links)}</li>")
            continue
        close_lists()
        if kind == "heading":
            level = min(6, max(1, int(f.get("heading_level") or 2)))
            out.append(f"<h{level}>{_inline_html(b, inline, links)}</h{level}>")
        elif kind == "table_row":
            if not in_table:
                out.append("<table>")
                in_table = True
            cell = "th" if f.get("header_row") else "td"
            cells = f.get("cells") or [b.kept_text()]
            out.append("<tr>" + "".join(f"<{cell}>{_html.escape(c, quote=False)}</{cell}>" for c in cells)
                       + "</tr>")
        elif kind == "code":
            lang = f.get("code_lang")
            cls = f' class="language-{_html.escape(lang)}"' if lang else ""
            out.append(f"<pre><code{cls}>{_html.escape(b.kept_text(), quote=False)}</code></pre>")
        elif kind == "caption":
            out.append(f"<figcaption>{_inline_html(b, inline, links)}</figcaption>")
        else:
            out.append(f"<p>{_inline_html(b, inline, links)}</p>")
    close_lists()
    if in_table:
        out.append("</table>")
    return "\n".join(out)


def removed_records(doc: Document) -> list[dict]:
    """The audit trail: one entry per dropped block and per trimmed span."""
    out = []
    for b in filter(_VERDICTS, doc.blocks):  # the blocks with a verdict
        v = b.drop_verdict
        if v is not None:
            out.append({"block": b.index, "text": b.text, "rule": v.rule or v.filter,
                        "filter": v.filter, "category": v.category, "reason": v.reason})
            continue
        if b.dropped:
            continue
        for t in b.trims():
            s, e = t.span
            out.append({"block": b.index, "text": b.text[s:e], "rule": t.rule or t.filter,
                        "filter": t.filter, "category": t.category, "reason": t.reason,
                        "span": [s, e]})
    return out


def chars_by(removed: list[dict]) -> tuple[dict[str, int], dict[str, int]]:
    """Characters removed per category and per rule id of an audit trail, in one pass."""
    by_category: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for text, c, r in map(_COUNTED, removed):
        n = len(text)
        by_category[c] = by_category.get(c, 0) + n
        by_rule[r] = by_rule.get(r, 0) + n
    return by_category, by_rule

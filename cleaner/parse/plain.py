"""Plain scraped text (WET-like): one block per line, blank lines mark gaps.

Hard-wrapped prose (paragraphs broken at a fixed width, separated by blank lines)
is detected and its lines are joined back into paragraphs.
"""
from __future__ import annotations

import regex

from ..document import Block, Document

# list markers (not the dashes that open dialogue lines in many languages)
_BULLET = regex.compile(r"^\s*(?:[•·●◦▪▫■□◆◇►▶➤✓✔*+-]|\d{1,3}[.)](?=\s))\s+")
_ASCII_MARKER_STARTS = frozenset("*+-0123456789")
_CJK_END = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}，。、；：！？]$")
_CJK_START = regex.compile(r"^[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}，。、；：！？]")


def looks_hard_wrapped(lines: list[str]) -> bool:
    """Most lines sit in multi-line paragraphs and reach a common width."""
    lens = [len(x) for x in lines if x.strip()]
    if len(lens) < 8:
        return False
    width = sorted(lens)[int(len(lens) * 0.9)]
    if not 40 <= width <= 120:
        return False
    runs, cur = [], 0
    for x in lines:
        if x.strip():
            cur += 1
        else:
            if cur:
                runs.append(cur)
            cur = 0
    if cur:
        runs.append(cur)
    in_para = sum(r for r in runs if r >= 3)
    near_width = sum(1 for n in lens if n >= 0.7 * width)
    return in_para >= 0.6 * len(lens) and near_width >= 0.5 * len(lens)


def parse_plain(text: str, doc_id: str | None = None) -> Document:
    raw_lines = text.split("\n")
    # collapse runs of spaces/tabs (split() also takes the Unicode spaces ftfy left)
    lines = [" ".join(x.split()) for x in raw_lines]
    blocks: list[Block] = []
    if looks_hard_wrapped(raw_lines):
        para: list[str] = []
        gap = False
        for x in lines + [""]:
            if x:
                para.append(x)
                continue
            if para:
                joined = para[0]
                for nxt in para[1:]:
                    sep = "" if _CJK_END.search(joined) and _CJK_START.search(nxt) else " "
                    joined += sep + nxt
                blocks.append(Block(len(blocks), joined, "paragraph", gap_before=gap))
                para = []
            gap = True
        doc = Document(blocks, id=doc_id, source_format="text")
        doc.meta["hard_wrapped"] = True
        return doc
    gap = False
    for x in lines:
        if not x:
            gap = True
            continue
        kind = "line"
        # lines hold no leading space: an ASCII first character other than a bullet or a
        # digit cannot begin a list marker (most lines; the regex is the slow part)
        c = x[0]
        m = None if c.isascii() and c not in _ASCII_MARKER_STARTS else _BULLET.match(x)
        if m and len(x) > m.end():
            x = x[m.end():].strip()
            kind = "list_item"
        if not x:
            continue
        blocks.append(Block(len(blocks), x, kind, gap_before=gap))
        gap = False
    return Document(blocks, id=doc_id, source_format="text")

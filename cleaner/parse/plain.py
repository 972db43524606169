"""Plain scraped text (WET-like): one block per line, blank lines mark gaps.

Hard-wrapped prose (paragraphs broken at a fixed width, separated by blank lines)
is detected and its lines are joined back into paragraphs.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import numpy as np
import regex

from ..document import Block, Document

# list markers (not the dashes that open dialogue lines in many languages)
_BULLET = regex.compile(r"^\s*(?:[•·●◦▪▫■□◆◇►▶➤✓✔*+-]|\d{1,3}[.)](?=\s))\s+")
_ASCII_MARKER_STARTS = frozenset("*+-0123456789")
# ``str.split()``'s whitespace (``str.isspace``) but the space and the newline: all of
# it lies below U+3001 (tests/parse/test_plain.py reads the whole range)
_OTHER_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
_ASCII_SPACES = "".join(c for c in _OTHER_SPACES if c.isascii())
_CJK_END = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}，。、；：！？]$")
_CJK_START = regex.compile(r"^[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}，。、；：！？]")


def looks_hard_wrapped(lines: list[str]) -> bool:
    """Most lines sit in multi-line paragraphs and reach a common width (array operations
    over the lines' lengths: a page has thousands of lines)."""
    if len(lines) < 8:
        return False
    filled = np.fromiter(map(bool, map(str.strip, lines)), dtype=bool, count=len(lines))
    lens = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))[filled]
    if len(lens) < 8:
        return False
    width = int(np.sort(lens)[int(len(lens) * 0.9)])
    if not 40 <= width <= 120:
        return False
    edges = np.diff(np.concatenate(([0], filled.view(np.int8), [0])))
    runs = (edges == -1).nonzero()[0] - (edges == 1).nonzero()[0]  # lengths of the runs of filled lines
    in_para = int(runs[runs >= 3].sum())
    near_width = int((lens >= 0.7 * width).sum())
    return in_para >= 0.6 * len(lens) and near_width >= 0.5 * len(lens)


FEW_LINES = 8  # lines a text has at most for them to be tidied one by one (the search costs more)


def tidy_lines(text: str, raw_lines: list[str]) -> list[str]:
    """``raw_lines`` (``text`` split at newlines) with runs of whitespace made one space
    and the ends stripped, as ``" ".join(line.split())`` makes them.  The lines to
    change are found by searching the whole text for what such a line holds (two
    spaces, a space at a line end, any other whitespace): most lines need nothing."""
    if len(raw_lines) <= FEW_LINES:
        return [" ".join(x.split()) for x in raw_lines]
    lines = raw_lines.copy()
    for i in {0, len(lines) - 1}:  # the text's ends, which no newline marks
        if lines[i][:1] == " " or lines[i][-1:] == " ":
            lines[i] = " ".join(lines[i].split())
    starts: list[int] | None = None
    for needle in _needles(text):
        at = text.find(needle)
        while at >= 0:
            if starts is None:
                starts = list(accumulate((len(x) + 1 for x in raw_lines), initial=0))
            i = bisect_right(starts, at + (needle[0] == "\n")) - 1
            lines[i] = " ".join(raw_lines[i].split())
            at = text.find(needle, starts[i + 1] - 1)  # from the newline that ends line i
    return lines


def _needles(text: str) -> list[str]:
    out = ["  ", " \n", "\n "]
    spaces = _ASCII_SPACES if text.isascii() else _OTHER_SPACES
    out.extend(c for c in spaces if c in text)
    return out


def parse_plain(text: str, doc_id: str | None = None) -> Document:
    raw_lines = text.split("\n")
    lines = tidy_lines(text, raw_lines)
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
                blocks.append(Block(len(blocks), joined, "paragraph", {}, [], gap))
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
        blocks.append(Block(len(blocks), x, kind, {}, [], gap))  # (positional: a tenth faster)
        gap = False
    return Document(blocks, id=doc_id, source_format="text")

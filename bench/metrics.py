"""Scoring functions for the two public benchmarks (their authors' metrics).

- ScrapingHub: token 4-gram shingles of gold and output (``\\w+`` tokens, one token
  per CJK character); per page TP/FP/FN normalised to sum 1; mean precision and mean
  recall over pages; F1 from the two means.
- trafilatura: "with" segments must appear in the output, "without" segments must
  not (whitespace-normalised substring test), micro-averaged; in text mode only the
  segments present in the page's input text are scored.
"""
from __future__ import annotations

import re
from collections import Counter

_CJK = ("\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u309f\u30a0-\u30ff"
        "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u1100-\u11ff"
        "\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uffa0-\uffdc"
        "\U0001b000-\U0001b16f\U00020000-\U0003ffff")
_WORD = re.compile(r"\w+")
_SPLIT = re.compile(f"[{_CJK}]|[^{_CJK}]+")
_WS = re.compile(r"\s+")


def tokens(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text or ""):
        out.extend(_SPLIT.findall(w))
    return out


def shingles(text: str, n: int = 4) -> Counter:
    t = tokens(text)
    return Counter(tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1)) if t[i:i + n])


def page_tp_fp_fn(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if not total:
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def shingle_prf(gold: dict, pred: dict) -> tuple[float, float, float]:
    """(F1, precision, recall) over pages: mean P and mean R, F1 of the means."""
    ps, rs = [], []
    for key, g in gold.items():
        tp, fp, fn = page_tp_fp_fn(g, pred.get(key, ""))
        ps.append(tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0))
        rs.append(tp / (tp + fn) if tp + fn else 1.0)
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def norm(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip()


def segment_prf(gold: dict, out: dict, inp: dict | None = None) -> tuple[float, float, float]:
    """trafilatura's metric: (F1, precision, recall), micro-averaged over segments."""
    tp = fp = fn = 0
    for key, g in gold.items():
        o = norm(out.get(key))
        x = None if inp is None else norm(inp.get(key))
        for side in ("with", "without"):
            for seg in map(norm, g[side]):
                if x is not None and seg not in x:
                    continue
                kept = seg in o
                if side == "with":
                    tp += kept
                    fn += not kept
                else:
                    fp += kept
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


# -- the markdown variant: scored as plain text ---------------------------------------------
# The benchmark READMEs score the `markdown` variant after stripping markdown syntax from
# the output (and, for the trafilatura "present in the input" test, from the input), the
# same way for every tool: image -> its alt text, link -> its text, heading/list/quote/table
# markers, paired * _ ~~ ` delimiters and backslash escapes removed, a table row -> its
# cells joined by spaces.  Code-fence lines and thematic breaks (---) are syntax too and go.

_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_ESCAPE = re.compile(r"\\([" + re.escape(_PUNCT) + "])")
_ESC_BASE = 0xE000  # escaped characters are parked in the private-use area, then restored
_UNESCAPE = {_ESC_BASE + ord(c): c for c in _PUNCT}
_LITERAL = {_ESC_BASE + ord(c): "\\" + c for c in _PUNCT}
_CODE_OPEN, _CODE_CLOSE = "\uF000", "\uF001"
_CODE_REF = re.compile(_CODE_OPEN + r"(\d+)" + _CODE_CLOSE)

_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})")
_HRULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_BLOCK_MARK = re.compile(r"^\s*(?:>\s?|#{1,6}(?:\s+|$)|(?:[-*+]|\d{1,9}[.)])(?:\s+|$))")

_LABEL = r"((?:[^\[\]]|\[[^\[\]]*\])*)"  # link text / alt: one level of nested brackets
_DEST = r"\(\s*(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
_IMAGE = re.compile(r"!\[" + _LABEL + r"\]" + _DEST)
_LINK = re.compile(r"\[" + _LABEL + r"\]" + _DEST)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]*)>")
_CODE = re.compile(r"(?<!`)(`+)(?!`)([\s\S]+?)(?<!`)\1(?!`)")
_PARAGRAPH = r"(?:(?!\n\s*\n)[\s\S])"  # inline spans never cross a blank line
_STRONG = re.compile(r"(\*\*|__)(?=\S)(" + _PARAGRAPH + r"+?)(?<=\S)\1")
_EMPH = re.compile(r"(\*|_)(?=\S)(" + _PARAGRAPH + r"+?)(?<=\S)\1")
_STRIKE = re.compile(r"~~(?=\S)(" + _PARAGRAPH + r"+?)(?<=\S)~~")


def _strip_line(line: str) -> str | None:
    """Block-level syntax of one line outside code fences; None drops the line."""
    if _HRULE.match(line) or _TABLE_SEP.match(line):
        return None
    while True:  # "> - ## x": quote, list and heading markers, in any nesting
        m = _BLOCK_MARK.match(line)
        if not m or not m.group(0):
            break
        line = line[m.end():]
    row = _TABLE_ROW.match(line)
    if row:
        line = " ".join(c.strip() for c in row.group(1).split("|"))
    return line


def strip_markdown(text: str) -> str:
    """Markdown as plain text, the way the benchmark READMEs score the markdown variant."""
    if not text:
        return ""
    text = _ESCAPE.sub(lambda m: chr(_ESC_BASE + ord(m.group(1))), text)
    codes: list[str] = []

    def parked(s: str) -> str:  # code is literal: no markers, links, emphasis or escapes inside
        codes.append(s.translate(_LITERAL))
        return f"{_CODE_OPEN}{len(codes) - 1}{_CODE_CLOSE}"

    lines, fence = [], None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if m and (fence is None or m.group(0).strip()[0] == fence):
            fence = m.group(0).strip()[0] if fence is None else None
            continue  # the fence line itself (``` or ~~~, with its info string) goes
        if fence is not None:
            lines.append(parked(line))
            continue
        line = _strip_line(line)
        if line is not None:
            lines.append(line)
    text = "\n".join(lines)
    text = _CODE.sub(lambda m: parked(m.group(2).strip(" ") or m.group(2)), text)
    text = _IMAGE.sub(r"\1", text)
    while True:  # nested links: innermost first
        new = _LINK.sub(r"\1", text)
        if new == text:
            break
        text = new
    text = _AUTOLINK.sub(r"\1", text)
    for pat in (_STRONG, _EMPH):
        while True:
            new = pat.sub(r"\2", text)
            if new == text:
                break
            text = new
    text = _STRIKE.sub(r"\1", text)
    text = _CODE_REF.sub(lambda m: codes[int(m.group(1))], text)
    return text.translate(_UNESCAPE)

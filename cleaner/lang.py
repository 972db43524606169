"""Language identification for documents, with CLD2 (``pycld2``: compiled, its model
in the wheel, about a hundred times faster than a pure-Python n-gram model).

A document gets a primary language and, for mixed pages (seed 002: Chinese then its
English version), the other languages that hold a fair share of its text.  Only the
longest blocks are read — article text, not menus — so a German article under an
English menu is German.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable
from itertools import compress

import pycld2

# CLD2's names for languages whose ISO 639-1 code differs
_CODES = {"zh-Hant": "zh", "iw": "he", "jw": "jv", "in": "id", "mo": "ro", "sh": "sr", "tl": "fil"}


def _cld(text: str) -> list[tuple[str, int]]:
    """(language, percent of the text) pairs, most text first; [] when CLD2 cannot tell."""
    data = text.encode("utf-8", "replace")
    try:
        _reliable, _nbytes, found = pycld2.detect(data, bestEffort=True)
    except pycld2.error:  # control characters CLD2 refuses
        clean = bytes(b for b in data if b >= 32 or b in (9, 10, 13))
        try:
            _reliable, _nbytes, found = pycld2.detect(clean, bestEffort=True)
        except pycld2.error:
            return []
    out: dict[str, int] = {}
    for _name, code, percent, _score in found:
        if code in ("un", "xxx") or not percent:
            continue
        code = _CODES.get(code, code)
        out[code] = out.get(code, 0) + percent
    if len(out) < 2:  # (a short text is mostly one language)
        return list(out.items())
    return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))


def identify(text: str) -> str:
    """Language of one piece of text (ISO 639-1), or 'und'."""
    found = _cld(text)
    return found[0][0] if found else "und"


def _may_rank(blocks_text: list[str]) -> Iterable[int]:
    """The blocks that may be among the ten largest by UTF-8 size: a character takes at
    most 4 bytes, so a block under a quarter of the tenth longest's length cannot."""
    lens = list(map(len, blocks_text))
    if len(lens) <= 10:
        return range(len(lens))
    floor = (sorted(lens, reverse=True)[9] + 3) // 4
    return compress(range(len(lens)), map(floor.__le__, lens))


def _sample(blocks_text: list[str], sample_chars: int) -> list[str]:
    """The longest blocks of 20 characters or more (by UTF-8 size), largest first, the
    first 600 characters of each, until they hold ``sample_chars`` characters."""
    sized = [(len(t) if t.isascii() else len(t.encode("utf-8")), i)
             for i in _may_rank(blocks_text) if len(t := blocks_text[i]) >= 20]
    # (size, index) pairs are distinct: the ten largest, largest first, either way
    ranked = sorted(sized, reverse=True) if len(sized) <= 10 else heapq.nlargest(10, sized)
    parts, used = [], 0
    for _n, i in ranked:
        t = blocks_text[i][:600]
        parts.append(t)
        used += len(t)
        if used >= sample_chars:
            break
    return parts


def detect(blocks_text: list[str], sample_chars: int = 4000, min_share: float = 0.2) -> tuple[str, set[str]]:
    """(primary language, languages holding at least ``min_share`` of the sample).

    The sample is the longest blocks (by UTF-8 size: a CJK character is a word's
    worth of text), up to ``sample_chars`` characters."""
    if len(blocks_text) == 1:  # (a record of one line: its sample is that line, from 20 characters)
        parts = [blocks_text[0][:600]] if len(blocks_text[0]) >= 20 else []
    else:
        parts = _sample(blocks_text, sample_chars)
    if not parts:
        joined = " ".join(blocks_text)[:1500]
        if not joined.strip():
            return "und", set()
        parts = [joined]
    found = _cld("\n".join(parts))
    if not found:
        return "und", set()
    primary = found[0][0]
    langs = {code for code, pct in found if pct >= 100 * min_share}
    langs.add(primary)
    return primary, langs

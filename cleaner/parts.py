"""Huge documents in parts: time and memory that grow with the size, never faster.

A text or markup document longer than twice ``CleanerSpec.part_chars`` (default
500,000 characters, so documents up to 1,000,000 characters are never affected) is
cut into parts of about ``part_chars`` characters, and each part is cleaned as a page
of its own: its own language, title, article region and within-page duplicates.  A
part's end is not a page's end, so comment sections (a header that runs to the end of
its page) are not applied within parts (``pipeline.PART_OPTIONS``).  The
cleaned parts are joined in order.  Peak memory is then that of one part (plus the
input and the output), and steps that compare blocks with each other stay within a
part.

A part ends at a blank line near its target size, else at a line end, else at a space
(a line longer than a part is cut there, and its two halves become two blocks), else
at the target itself.  The cut points depend on the text only, so the output is the
same in every run.  HTML pages are never cut (their block count is guarded instead).

The result says what happened: the note ``parts`` (how many), each audit entry's
``part`` (counted from 0) and ``block`` (counted over the whole document).
"""
from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager

from .document import Document

# between the cleaned text of two parts: what the renderer puts between two blocks
JOINERS = {"text": "\n\n", "markdown": "\n\n", "html": "\n"}

# notes that are true of the document when true of one part
_ANY_NOTES = ("repaired", "mojibake_fixed", "invalid_utf8")


def cut_points(text: str, size: int) -> list[int]:
    """Where to cut ``text`` into parts of about ``size`` characters (each part is
    ``text[a:b]`` for consecutive points, with 0 and ``len(text)`` added)."""
    n = len(text)
    if size <= 0 or n <= 2 * size:
        return []
    count = -(-n // size)
    slack = max(1, size // 4)
    cuts: list[int] = []
    start = 0
    for k in range(1, count):
        target = k * n // count
        cut = _boundary(text, max(target, start + 1), slack)
        if start < cut < n:
            cuts.append(cut)
            start = cut
    return cuts


def _boundary(text: str, at: int, slack: int) -> int:
    """A cut near ``at``: a blank line, else a line end, else a space (looking after
    ``at`` first, then before), else ``at``."""
    lo, hi = max(1, at - slack), min(len(text), at + slack)
    for sep in ("\n\n", "\n", " "):
        i = text.find(sep, at, hi)
        if i < 0:
            i = text.rfind(sep, lo, at)
        if i > 0:
            return i
    return at


def split(text: str, size: int) -> list[str]:
    """The parts of ``text`` (one part when it is not over ``2 * size``)."""
    points = [0, *cut_points(text, size), len(text)]
    return [text[a:b] for a, b in zip(points, points[1:])]


def clean_in_parts(clean_page, text: str, size: int, *, fmt: str, output_format: str = "text",
                   lang=None, url=None, doc_id=None, site=None, audit: bool = True) -> dict:
    """``Cleaner.clean`` of a huge document: each part cleaned on its own by
    ``clean_page`` (``Cleaner.clean_page``), the results joined.  Returns the fields of
    the document's ``Result``.  Its document holds no blocks (that is the point); the
    characters in and removed (by category and rule) and the notes cover every part,
    and so does the audit trail (``removed``) when ``audit`` asks for it."""
    points = [0, *cut_points(text, size), len(text)]
    texts, removed, chars_removed, by_rule, langs = [], [], Counter(), Counter(), Counter()
    notes: dict = {}
    chars_in = offset = 0
    with young_only():
        for part, (a, b) in enumerate(zip(points, points[1:])):
            res = clean_page(text[a:b], fmt=fmt, lang=lang, url=url, doc_id=doc_id, site=site, part=True)
            if res.text:  # kept as UTF-8 until the end: a str of a text with one emoji takes 4 bytes a character
                texts.append(res.text.encode("utf-8", "surrogatepass"))
            for entry in res.removed if audit else ():
                entry["part"] = part
                entry["block"] += offset
                removed.append(entry)
            chars_removed.update(res.chars_removed)
            by_rule.update(res.chars_by_rule)
            chars_in += res.chars_in
            offset += len(res.document.blocks)
            if res.lang:
                langs[res.lang] += res.chars_in
            _merge_notes(notes, res.notes)
            del res
            _give_back()
    notes["parts"] = len(points) - 1
    primary = max(langs, key=lambda k: (langs[k], k)) if langs else None
    doc = Document([], id=doc_id, url=url, lang=primary, source_format=fmt,
                   meta={"parts": notes["parts"], "blocks": offset})
    joined = JOINERS.get(output_format, "\n\n").encode().join(texts)
    del texts
    return {"text": joined.decode("utf-8", "surrogatepass"), "removed": removed, "document": doc,
            "lang": primary, "chars_removed": dict(chars_removed), "notes": notes, "chars_in": chars_in,
            "chars_by_rule": dict(by_rule)}


@contextmanager
def young_only():
    """While the parts (or a chunk of records: ``batch``) are cleaned, the cycle collector
    looks only at the objects made since they began (``gc.freeze``: the rule packs and the
    caller's objects are not traversed again at every part); all objects are handed back
    to it afterwards.  A caller that froze objects itself is left as it is."""
    mine = gc.get_freeze_count() == 0
    if mine:
        gc.freeze()
    try:
        yield
    finally:
        if mine:
            gc.unfreeze()


def _give_back() -> None:
    """Return the heap memory a part's analysis freed to the system (glibc keeps freed
    blocks for reuse, and a part's numpy arrays and block lists are spread over it): the
    peak of a huge document is then one part's, not the high-water mark of all of them.
    A part's page is freed by reference counting once its filters ran (``Page.done``), and
    cleaning leaves no reference cycles (``tests/test_page.py``), so no collection is run
    here: a full one cost about 45 ms a part and found nothing to free."""
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes
            import ctypes.util
            _TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM = None


def _merge_notes(into: dict, notes: dict) -> None:
    for k, v in notes.items():
        if k in _ANY_NOTES:
            into[k] = into.get(k) or v
        elif k == "rule_errors":
            into[k] = sorted(set(into.get(k, ())) | set(v))
        elif k == "langs":
            into[k] = set(into.get(k, ())) | set(v)
        elif k not in into:
            into[k] = v  # the first part's (language source, page type, ...)

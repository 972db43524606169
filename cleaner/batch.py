"""Many pages cleaned together, with the results of cleaning them one by one.

A page's block statistics (``blockstats``), prose classes (``features``) and rule
candidates (``rules.matcher``) are a fixed number of array operations whatever its size:
on a record of a line or two, their fixed cost is most of the cleaning.  All are each
block's own (nothing depends on the blocks around it), so the blocks of all the pages of
a batch are analysed as one document (the stopwords of each page's languages counted
apart; the pages that share a rule index have their candidates found together), and each
page is given its part (``Page.prime``): the very arrays it would find alone.  The filters then run page by page,
in order, as ``Cleaner.clean`` runs them.

Only short pages (``SHORT_CHARS``) that ``clean`` takes whole as text or markup are
analysed together; a longer text, an HTML page or a call ``clean`` refuses goes through
``clean`` itself.  ``tests/test_batch.py`` compares both ways.
"""
from __future__ import annotations

import numpy as np

from .blockstats import block_stats, split_stats, stop_counts
from .features import classify
from .page import Page
from .parse import sniff
from .parts import young_only
from .text import fix_surrogates

# a longer text is cleaned alone: its fixed cost is nothing next to its length, and a
# chunk of such pages held at once would hold their arrays too
SHORT_CHARS = 100_000


def analyse(pages: list[Page]) -> None:
    """Find the statistics, prose classes and rule candidates of ``pages`` together and
    prime each page with its own (pages without blocks are left to themselves)."""
    live = [p for p in pages if p.n]
    if not live:
        return
    bounds = np.cumsum([0] + [p.n for p in live]).tolist()
    texts = [t for p in live for t in p.texts]
    whole = block_stats(texts)  # stopwords apart: each page counts its own languages'
    parts = split_stats(whole, [p.n for p in live])
    stops: dict[int, np.ndarray] = {}
    for k, p in enumerate(live):
        words = p.stopwords
        if id(words) not in stops:
            stops[id(words)] = stop_counts(whole.token_hashes, whole.token_block, len(texts), words)
        parts[k].stop = stops[id(words)][bounds[k]:bounds[k + 1]]
    codes = _codes(live, parts)
    by_index: dict[int, tuple] = {}
    for k, p in enumerate(live):
        index = p.context.matcher(p.active).index
        by_index.setdefault(id(index), (index, []))[1].append(k)
    for index, ks in by_index.values():
        pairs = index.candidates_of([t for k in ks for t in live[k].texts],
                                    np.concatenate([parts[k].ntok for k in ks]),
                                    np.concatenate([parts[k].digit for k in ks]))
        at = np.cumsum([0] + [live[k].n for k in ks]).tolist()
        cuts = np.searchsorted(pairs[:, 0], at).tolist()
        for j, k in enumerate(ks):
            own = pairs[cuts[j]:cuts[j + 1]]
            own[:, 0] -= at[j]
            live[k].prime(parts[k], codes[k], own)


def _codes(pages: list[Page], parts: list) -> list[np.ndarray]:
    """``Page.codes`` of each page, classified together with the pages that share its
    classifier settings and stopword-list presence."""
    groups: dict[tuple, list[int]] = {}
    for k, p in enumerate(pages):
        groups.setdefault((id(p.context.prose), p.has_stopwords), []).append(k)
    out: list = [None] * len(pages)
    for ks in groups.values():
        cat = {f: np.concatenate([getattr(parts[k], f) for k in ks]) for f in ("ntok", "ncjk", "stop", "ends",
                                                                               "clauses")}
        lr = np.concatenate([pages[k].link_ratio for k in ks])
        p = pages[ks[0]]
        got = classify(cat["ntok"], cat["ncjk"], cat["stop"] / np.maximum(1, cat["ntok"]), cat["ends"],
                       cat["clauses"], lr, p.context.prose, p.has_stopwords)
        lo = 0
        for k in ks:
            out[k] = got[lo:lo + pages[k].n]
            lo += pages[k].n
    return out


def whole_page(cleaner, text, *, lang=None, url=None, fmt=None, doc_id=None, site=None, audit=True):
    """The parsed document and the surrogates replaced in ``text`` (``text.fix_surrogates``)
    when ``cleaner.clean`` takes ``text`` whole as one page of text or markup and it is
    short enough to be held with others (``SHORT_CHARS``); None when it is cleaned alone."""
    if not isinstance(text, str) or len(text) > SHORT_CHARS:
        return None
    text, replaced = fix_surrogates(text)
    size = cleaner.spec.part_chars
    if size and len(text) > 2 * size:
        return None
    fmt = fmt or cleaner.spec.input_format
    if fmt == "auto":
        fmt = sniff(text)
    if fmt == "html":
        return None
    return cleaner.parse(text, fmt=fmt, doc_id=doc_id, url=url, lang=lang, site=site), replaced


def clean_many(cleaner, calls: list[dict]) -> list:
    """``cleaner.clean(**call)`` of each call, in order: its ``Result``, or the exception it
    raised.  The pages it takes whole are analysed together (``analyse``); the cycle
    collector meanwhile looks only at the objects made for them (``parts.young_only``: on
    short records its runs over the rule packs cost more than the pages themselves)."""
    with young_only():
        return _clean_many(cleaner, calls)


def _clean_many(cleaner, calls: list[dict]) -> list:
    out: list = [None] * len(calls)
    held = []
    for k, call in enumerate(calls):
        try:
            got = whole_page(cleaner, **call)
            if got is None:
                out[k] = cleaner.clean(**call)
            else:
                held.append((k, *got))
        except Exception as exc:  # as clean would have raised it
            out[k] = exc
    pages = [Page(doc, cleaner.context) for _, doc, _ in held]
    try:
        analyse(pages)
    except Exception:  # a page that cannot be analysed fails alone below, as in clean
        pass
    for (k, doc, replaced), page in zip(held, pages):
        try:
            cleaner.process(doc, page=page)
            out[k] = cleaner.result_of(doc, replaced)
        except Exception as exc:
            out[k] = exc
    return out

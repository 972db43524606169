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

from .blockstats import BLOCK_FIELDS, TOKEN_FIELDS, BlockStats, block_stats
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
    counts = [p.n for p in live]
    texts = [t for p in live for t in p.texts]
    whole = block_stats(texts)  # stopwords apart: each page counts its own languages'
    bounds = np.cumsum([0] + counts)
    cuts = np.searchsorted(whole.token_block, bounds).tolist()  # each page's first token
    bounds = bounds.tolist()
    whole.stop = _stop_counts(live, whole, cuts)
    parts = [StatsPart(whole, bounds[k], bounds[k + 1], cuts[k], cuts[k + 1]) for k in range(len(live))]
    codes = _codes(live, whole, whole.stop, bounds)
    by_index: dict[int, tuple] = {}
    for k, p in enumerate(live):
        index = p.context.matcher(p.active).index
        by_index.setdefault(id(index), (index, []))[1].append(k)
    for index, ks in by_index.values():
        if len(ks) == len(live):
            group, ntok, digit, at = texts, whole.ntok, whole.digit, bounds
        else:
            rows = _rows(bounds, ks)
            group = [t for k in ks for t in live[k].texts]
            ntok, digit = whole.ntok[rows], whole.digit[rows]
            at = np.cumsum([0] + [counts[k] for k in ks]).tolist()
        pairs = index.candidates_of(group, ntok, digit)
        cuts = np.searchsorted(pairs[:, 0], at).tolist()
        # each pair's block counted from its page's first block
        pairs[:, 0] -= np.repeat(at[:-1], np.diff(cuts))
        for j, k in enumerate(ks):
            live[k].prime(parts[k], codes[k], pairs[cuts[j]:cuts[j + 1]])


def _rows(bounds: list[int], ks: list[int]) -> np.ndarray:
    """The rows of pages ``ks``, in order, page k's rows being ``bounds[k]:bounds[k + 1]``
    (its blocks of the batch, or its tokens)."""
    b = np.asarray(bounds)
    lo = b[ks]
    size = b[np.asarray(ks) + 1] - lo
    return np.arange(int(size.sum())) + np.repeat(lo - (np.cumsum(size) - size), size)


def _stop_counts(pages: list[Page], whole: BlockStats, cuts: list[int]) -> np.ndarray:
    """The stopwords of each block of ``pages`` (their blocks are those of ``whole``, in
    order; page k's tokens are ``cuts[k]:cuts[k + 1]``), each page's counted with its own
    languages' table: each table is looked up only by the tokens of the pages that use it."""
    by_words: dict[int, tuple] = {}
    for k, p in enumerate(pages):
        words = p.stopwords
        by_words.setdefault(id(words), (words, []))[1].append(k)
    th = whole.token_hashes
    hit = np.zeros(len(th), dtype=bool)
    for words, ks in by_words.values():
        if words is None or not len(words.table):
            continue
        rows = slice(None) if len(ks) == len(pages) else _rows(cuts, ks)
        t = th[rows]
        hit[rows] = words.table[(t >> words.shift) & words.mask] == t
    return np.bincount(whole.token_block, weights=hit, minlength=len(whole.ntok)).astype(np.int64)


class StatsPart:
    """One document's part of the ``BlockStats`` of several (blocks ``lo:hi``, tokens
    ``a:z``), read like them: a field is sliced out the first time it is read (a one-line
    page reads few).  Every statistic is a block's own (token hashes do not depend on
    where a token lies; a block without a digit has its key hashes equal to its token
    hashes), so each part equals ``block_stats`` of that document alone."""

    stop_share = BlockStats.stop_share

    def __init__(self, whole: BlockStats, lo: int, hi: int, a: int, z: int):
        self._whole, self._blocks, self._tokens = whole, (lo, hi), (a, z)

    def __getattr__(self, name: str):
        if name in BLOCK_FIELDS:
            lo, hi = self._blocks
            got = getattr(self._whole, name)[lo:hi]
        elif name in TOKEN_FIELDS:
            a, z = self._tokens
            got = getattr(self._whole, name)[a:z]
        elif name == "token_block":
            a, z = self._tokens
            got = self._whole.token_block[a:z] - self._blocks[0]
        else:
            raise AttributeError(name)
        self.__dict__[name] = got
        return got


def _codes(pages: list[Page], whole, stop: np.ndarray, bounds: list[int]) -> list[np.ndarray]:
    """``Page.codes`` of each page: the blocks of all pages are classified together, once
    for each classifier setting and stopword-list presence the pages have, and each page
    takes its own from the run for its own."""
    links = np.fromiter((b.features.get("link_ratio", 0.0) for p in pages for b in p.blocks), dtype=float,
                        count=bounds[-1])
    share = stop / np.maximum(1, whole.ntok)
    got: dict[tuple, np.ndarray] = {}
    by_lang: dict[tuple, np.ndarray] = {}  # (context, language): the run for its pages
    out = []
    for k, p in enumerate(pages):
        scope = (id(p.context), p.doc.lang)  # what ``Page.has_stopwords`` reads
        codes = by_lang.get(scope)
        if codes is None:
            key = (id(p.context.prose), p.has_stopwords)
            codes = got.get(key)
            if codes is None:
                codes = got[key] = classify(whole.ntok, whole.ncjk, share, whole.ends, whole.clauses, links,
                                            p.context.prose, p.has_stopwords)
            by_lang[scope] = codes
        out.append(codes[bounds[k]:bounds[k + 1]])
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

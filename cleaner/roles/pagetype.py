"""What kind of page this is, from its text alone.

Evidence, counted over the page's blocks (knowledge from the rule packs' lexicons of
the page's languages):

- **forum** (a thread of posts): repeated post headers — a metadata line (a date, a
  byline, "Posted …") right after a short line (the poster's name) — and rows of
  forum chrome (``forum_chrome``: Reply, Quote, Report, "Joined:", "Posts:"); or, on a
  page whose URL names a thread, ``THREAD_CHROME`` rows of forum chrome without post
  headers (name and age on lines of their own);
- **product**: shop chrome (``shop_chrome``: Add to cart, In stock, Quantity, SKU) and
  price lines;
- **documentation**: code blocks and docs chrome (``docs_chrome``: "Was this page
  helpful?", "Edit this page", "On this page", Previous/Next);
- **listing**: many short item rows of one shape (a headline-shaped line followed by
  a one-line summary), at least ``LIST_ITEMS`` of them, and no prose block longer
  than ``ITEM_PROSE`` tokens; it is made of several regions only when no run of
  adjacent prose blocks reaches ``LIST_BODY`` tokens and the page does not have
  exactly one post header (a news article with short paragraphs and a teaser list
  has a body run, or one dateline over its text; a page of items has neither);
- **service**: several section headings (``SECTIONS``) and short paragraphs only (none
  over ``SECTION_PROSE`` tokens);
- else **article**.

A page that is a thread is a forum whatever else it shows (answers quote code, posts
quote prices); otherwise the type with the most evidence wins.

The type is reported (``meta["page_type"]``, the summary and ``--audit``) and tells
the layout filter whether the content is one region (an article) or several
(``MULTI_REGION``, and listings without a body run).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from urllib.parse import urlsplit

import numpy as np
import regex

from ..blockstats import WordSet, nonzero
from ..features import CODE, GOOD, NEAR, SHORT
from ..text import fold_key, key_keeps_tokens

ARTICLE, FORUM, LISTING, PRODUCT, DOCS, SERVICE = ("article", "forum", "listing", "product",
                                                   "documentation", "service")
PAGE_TYPES = (ARTICLE, FORUM, LISTING, PRODUCT, DOCS, SERVICE)
MULTI_REGION = frozenset((FORUM, PRODUCT, DOCS, SERVICE))

LIST_ITEMS = 6  # item rows a listing needs ...
ITEM_PROSE = 60  # ... with no prose block longer than this many tokens (items carry short summaries)
LIST_BODY = 250  # a listing is made of several regions when no prose run reaches this many tokens
THREAD_LEAD = 0.3  # share of the prose a thread may carry before its first post header ...
THREAD_LEAD_URL = 0.5  # ... or when its URL names a thread (a sidebar, the submission)
# prose a thread may have before its second post header (the opening post); more is an
# article whose byline or first comment looked like a post header (unless the URL names a thread)
OPENING_POST = 400
# rows of forum chrome that make a thread without post headers (the poster's name and the
# post's age on lines of their own: "AtlanG CO", "2y"), when the URL names a thread
THREAD_CHROME = 8
SECTIONS = 4  # section headings a service page needs ...
SECTION_PROSE = 50  # ... with no prose block longer than this many tokens
MIN_BLOCKS = 2  # every type but an article needs two rows of evidence (shop chrome) or more
CHROME_TOKENS = 8  # a row of chrome has at most this many tokens


@dataclass
class PageType:
    name: str = ARTICLE
    evidence: dict = field(default_factory=dict)

    @property
    def multi_region(self) -> bool:
        if self.name == LISTING:
            ev = self.evidence
            if "teaser summaries" in ev:  # a list of teasers (``region.teaser_page``)
                return True
            return ev.get("post headers") != 1 and ev.get("prose run", LIST_BODY) < LIST_BODY
        return self.name in MULTI_REGION

    def __str__(self) -> str:
        if not self.evidence:
            return self.name
        return self.name + " (" + ", ".join(f"{k} {v}" for k, v in self.evidence.items()) + ")"


@lru_cache(maxsize=64)
def _folded(words: frozenset) -> frozenset:
    """A lexicon's phrases as fold keys, the form ``ChromeTable`` compares ("Was this page
    helpful?" -> "was this page helpful")."""
    return frozenset(k for k in map(fold_key, words) if k)


class ChromeTable:
    """Membership of a line in several chrome lexicons at once: bit k of ``mask(key)``
    is set when the line (as its fold key) is one of lexicon k's phrases, or up to four
    of its words.  One dictionary lookup per token instead of one set test per
    lexicon."""

    def __init__(self, lexicons: tuple):
        member: dict[str, int] = {}
        for k, words in enumerate(lexicons):
            for w in words:
                member[w] = member.get(w, 0) | (1 << k)
        self.member = member
        self.full = (1 << len(lexicons)) - 1
        # a line is a member only when its key's first token opens one of the phrases (a
        # word is a phrase of one token): those tokens as ``blockstats`` hashes them, which
        # casefolds them again (a token that would change cannot be looked up so: no table)
        firsts = {k.split(" ")[0] for k in member}
        self.firsts = WordSet(firsts) if all(f.casefold() == f for f in firsts) else None

    def rows(self, texts: list[str], stats, most: int) -> list[int]:
        """The blocks of at most ``most`` tokens whose fold key may be a member (``mask``
        not 0), in page order, from the page's ``blockstats`` in one pass: those whose
        first token opens a phrase, and those whose fold key's tokens may differ from the
        tokens ``blockstats`` hashed (a digit folded to 0, a text NFKC changes:
        ``text.key_keeps_tokens``).  The others' keys cannot be members."""
        short = nonzero(stats.ntok <= most)
        if self.firsts is None or not len(self.firsts):
            return short.tolist() if self.firsts is None else []
        maybe = stats.digit[short].copy()
        tb, th = stats.token_block, stats.token_hashes
        at = np.searchsorted(tb, short)
        has = at < len(tb)
        has[has] = tb[at[has]] == short[has]
        h = th[at[has]]
        table = self.firsts
        maybe[has] |= table.table[(h >> table.shift) & table.mask] == h
        rest = short[~maybe].tolist()
        if not key_keeps_tokens("\n".join([texts[i] for i in rest])):  # (a newline is left as it is)
            maybe[~maybe] = [not key_keeps_tokens(texts[i]) for i in rest]
        return short[maybe].tolist()

    def mask(self, key: str) -> int:
        if not key:
            return 0
        member = self.member
        found = member.get(key, 0)
        if found == self.full:
            return found
        toks = key.split()
        if len(toks) > 4:
            return found
        m = self.full
        for t in toks:
            m &= member.get(t, 0)
            if not m:
                return found
        return found | m


@lru_cache(maxsize=64)
def _chrome_table(*lexicons: frozenset) -> ChromeTable:
    return ChromeTable(tuple(_folded(w) for w in lexicons))


def _url_words(url: str | None) -> set:
    if not url:
        return set()
    path = urlsplit(url if "//" in url else "//" + url).path.casefold()
    return set(regex.split(r"[^\p{L}\p{N}]+", path)) - {""}


_KIND = attrgetter("kind")


def _prose_shape(page) -> tuple:
    """The page's prose, from its block arrays in one pass: the GOOD tokens up to and with
    each block (an array), the tokens of the longest run of adjacent prose blocks (GOOD,
    or NEAR ending a sentence), the tokens of the longest GOOD block, the item rows (a
    NEAR or SHORT block of two tokens or more, no sentence end, before a GOOD or NEAR one)
    and which blocks are GOOD or NEAR (an array)."""
    nt, codes = page.stats.ntok, page.codes
    good, near = codes == CODE[GOOD], codes == CODE[NEAR]
    ends = np.array(page.ends, dtype=bool)
    prose = good | (near & ends)
    upto = np.cumsum(np.where(prose, nt, 0))
    broken = np.maximum.accumulate(np.where(prose, -1, np.arange(len(nt))))  # the last block no prose
    run = upto - np.where(broken >= 0, upto[np.maximum(broken, 0)], 0)  # the run each prose block ends
    body = int(run[prose].max()) if prose.any() else 0
    longest = int(nt[good].max()) if good.any() else 0
    kept = good | near
    items = int(((near | (codes == CODE[SHORT])) & (nt >= 2) & ~ends & np.append(kept[1:], False)).sum())
    return np.cumsum(np.where(good, nt, 0)), body, longest, items, kept


def page_type(page, lines) -> PageType:
    """The page type from the page's text and rule hits (not from verdicts: the type is
    the same whichever filter asks first).  ``lines``: the page's line shapes, found once
    (``roles.Roles``): ``price_lines`` (``items.price_lines``: lines of at most
    ``items.PRICE_TOKENS`` tokens) and ``code_lines`` (``lines.LineShapes.code_lines`` and
    the blocks parsed as code)."""
    n = page.n
    if n < MIN_BLOCKS:
        return PageType(ARTICLE)
    price, code = len(lines.price_lines), len(lines.code_lines)
    rules = page.context.rules
    langs = page.langs
    table = _chrome_table(rules.words("forum_chrome", langs), rules.words("shop_chrome", langs),
                          rules.words("docs_chrome", langs))
    chrome = table.mask
    blocks, texts, ntok = page.blocks, page.texts, page.ntok
    good_tok, body, longest, items, kept = _prose_shape(page)
    forum = shop = docs = posts = 0
    docs_kinds: set = set()  # distinct docs chrome rows
    good_chrome = 0
    for i in table.rows(texts, page.stats, CHROME_TOKENS):  # the only blocks that may be chrome
        key = page.fold_key(i)
        m = chrome(key)
        if m & 1:
            forum += 1
            if forum == 1:
                good_chrome = int(good_tok[i])  # prose before the first row of forum chrome
        if m & 2:
            shop += 1
        if m & 4:
            docs += 1
            docs_kinds.add(key)
    heads = list(map(_KIND, blocks)).count("heading")
    first_post = second_post = None
    good_before = good_second = 0
    for i, h in enumerate(page.matches.hits):
        # a post header: a dateline (a name and a date) followed by prose
        if h is not None and h.category == "metadata" and ntok[i] <= 14 and kept[i + 1:i + 3].any():
            posts += 1
            if first_post is None:
                first_post, good_before = i, int(good_tok[i])
            elif second_post is None:
                second_post, good_second = i, int(good_tok[i])
    good_tok = int(good_tok[-1])
    scores, ev = {}, {}
    url_forum = bool(_url_words(page.url) & rules.words("forum_url_words"))
    # a thread: posts from the start (no long article before the first post header; nor,
    # unless the URL names a thread, before the second: the first may be an article's byline)
    lead = THREAD_LEAD_URL if url_forum else THREAD_LEAD
    by_headers = (posts >= 3 and (url_forum or forum >= 2) and good_before <= lead * max(1, good_tok)
                  and (url_forum or good_second <= OPENING_POST))
    # no post headers: the rows of chrome under each post mark the thread, from the start
    by_chrome = url_forum and forum >= THREAD_CHROME and good_chrome <= lead * max(1, good_tok)
    if by_headers or by_chrome:
        scores[FORUM] = forum + 2 * posts
        ev[FORUM] = {"post headers": posts, "forum chrome": forum}
    if shop >= 2:
        scores[PRODUCT] = 2 * shop + price
        ev[PRODUCT] = {"shop chrome": shop, "prices": price}
    # two different controls: one "Copied!" repeated is a share widget's
    if (docs >= 2 and len(docs_kinds) >= 2) or code >= 5:
        scores[DOCS] = 2 * docs + code
        ev[DOCS] = {"docs chrome": docs, "code lines": code}
    if not scores:
        if items >= LIST_ITEMS and longest <= ITEM_PROSE:
            scores[LISTING] = items
            ev[LISTING] = {"item rows": items, "prose run": body, "post headers": posts}
        elif heads >= SECTIONS and longest <= SECTION_PROSE and good_tok >= SECTION_PROSE:
            scores[SERVICE] = heads
            ev[SERVICE] = {"section headings": heads}
    if not scores:
        return PageType(ARTICLE)
    if FORUM in scores:  # a thread of posts stays a thread, whatever code or prices its posts quote
        return PageType(FORUM, ev[FORUM])
    name = max(scores, key=lambda k: (scores[k], -PAGE_TYPES.index(k)))
    return PageType(name, ev[name])

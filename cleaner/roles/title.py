"""The article's title: which block repeats the page title, which headline-shaped
block heads the article.

Knowledge comes from the rule packs: the separators a page title splits at
(``Headline | Site``, ``Headline - Site``) are the common pack's lexicons
``title_separators_spaced`` (a separator standing between spaces) and
``title_separators_tight`` (one that splits with or without spaces).  Without a page
title, the headline is the block that spells the URL's slug (``roles.slug``; the language
packs' ``slug_spellings``).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..text import fold_key, key_keeps_tokens
from . import slug as _slug

_TERMINAL_DOT = regex.compile(r"[.。]['\"”’»)]*$")
_LABEL_END = regex.compile(r"[:：]$")
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")
MIN_PART = 8  # characters a page-title part needs to name a headline
MIN_WORD_CHARS = 6  # letters and digits a headline of words (not CJK) has at least
MAX_HEADLINE_TOKENS = 40  # tokens of a headline at most


class Separators:
    """The page-title separators of two lexicons: ``split`` and ``finditer`` as the
    compiled ``regex`` of ``pattern``.  A text that cannot hold a separator is not
    searched (most lines hold none, and the pattern, which may begin with spaces
    anywhere, costs some 15 µs on a line): one holds a spaced separator's first
    character after a space, or a tight one's first character."""

    def __init__(self, pattern: str, spaced, tight):
        self.pattern = pattern
        self.regex = regex.compile(pattern)
        self._marks = _marks(spaced, tight) if all(spaced) and all(tight) else None

    def _may_split(self, text: str) -> bool:
        return self._marks is None or self._marks.search(text) is not None

    def split(self, text: str) -> list[str]:
        return self.regex.split(text) if self._may_split(text) else [text]

    def finditer(self, text: str):
        return self.regex.finditer(text) if self._may_split(text) else iter(())


def _marks(spaced, tight):
    """What a text holding a separator holds: a match of the spaced separators' pattern
    begins with a space before a separator, one of the tight ones' holds a separator."""
    def first(words):
        return "[" + "".join(sorted({regex.escape(w[0]) for w in words})) + "]"
    return regex.compile("|".join(([r"\s" + first(spaced)] if spaced else []) + ([first(tight)] if tight else [])))


@lru_cache(maxsize=16)
def separator_pattern(spaced: frozenset, tight: frozenset) -> Separators | None:
    """The page-title separators of two separator lexicons."""
    def alt(words):
        return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    parts = []
    if spaced:
        parts.append(rf"\s+(?:{alt(spaced)})\s+")
    if tight:
        parts.append(rf"\s*(?:{alt(tight)})\s*")
    return Separators("|".join(parts), spaced, tight) if parts else None


def separators(rules) -> Separators | None:
    """The separator pattern of a rule set (``RuleSet.words`` of the common pack)."""
    return separator_pattern(rules.words("title_separators_spaced"), rules.words("title_separators_tight"))


@lru_cache(maxsize=1)
def builtin_separators():
    """The separator pattern of the built-in common pack, read without compiling the
    rule set (for the template learner, which parses pages without rules)."""
    from ..rules.loader import builtin_rules_dir
    from ..rules.yamlpos import load

    path = builtin_rules_dir() / "common.yaml"
    data = load(path.read_text(encoding="utf-8"), str(path)).value
    lex = data.get("lexicons") or {}
    return separator_pattern(frozenset(w.casefold() for w in lex.get("title_separators_spaced") or ()),
                             frozenset(w.casefold() for w in lex.get("title_separators_tight") or ()))


def title_parts(page_title: str | None, sep, fold=fold_key) -> set:
    """The folded page title and its parts (split at separators) long enough to name
    a headline."""
    if not page_title:
        return set()
    parts = {fold(page_title)}
    if sep is not None:
        parts.update(fold(p) for p in sep.split(page_title) if len(p) >= MIN_PART)
    return {p for p in parts if len(p) >= MIN_PART}


def headline(page, i: int, strict: bool) -> bool:
    """Block i has a headline's shape: 2-40 tokens of ``MIN_WORD_CHARS`` letters and digits
    or more (5-80 CJK characters), not a label ending in a colon; ``strict``: not a sentence
    ending in a full stop either.  Initials ("K O", a reviewer's avatar) name no article."""
    ntok, ncjk = page.kept_ntok[i], page.kept_ncjk[i]
    text = page.blocks[i].text
    if ncjk * 2 > ntok:
        if not 5 <= ncjk <= 80:
            return False
    elif not 2 <= ntok <= MAX_HEADLINE_TOKENS or not _enough_word_chars(text):
        return False
    if _LABEL_END.search(text):
        return False
    if strict and _TERMINAL_DOT.search(text) and ntok > 1:
        return False
    return True


def _enough_word_chars(text: str) -> bool:
    n = 0
    for _ in _WORD_CHAR.finditer(text):
        n += 1
        if n >= MIN_WORD_CHARS:
            return True
    return False


def page_title_of(page, cls) -> tuple[str | None, bool]:
    """(the page title, whether it is a title of its own rather than the first line): the
    HTML <title>; else, in markdown, the page's one level-1 heading (scrapers that write
    markdown drop the <title> but keep the headline as ``# …``); else a scraper's first
    line."""
    t = page.meta.get("page_title")
    if t:
        return t, True
    h1 = [b for b in page.blocks if b.kind == "heading" and b.features.get("heading_level") == 1]
    if len(h1) == 1 and cls[h1[0].index] is not None:
        return h1[0].text, True
    if page.blocks and cls[0] is not None:
        return page.blocks[0].text, False
    return None, False


PREFIX_SHARE = 0.6  # of a page-title part's characters a headline that opens it covers at least


def title_runs(page_title: str | None, sep, fold=fold_key) -> set:
    """``title_parts``, every run of neighbouring parts ("Topic: Headline - Sub |
    Site" names the headline "Topic: Headline - Sub" too), and the leading words of each
    part that cover ``PREFIX_SHARE`` of it or more ("Mandarinen-Schmand-Kuchen von
    jesusfreak | Chefkoch", "Lemon cake Rezept | Site": the headline without the words the
    title adds)."""
    parts = title_parts(page_title, sep, fold)
    parts |= {p[:k] for p in parts for k in range(len(p)) if p[k] == " " and k >= max(MIN_PART, PREFIX_SHARE * len(p))}
    if not parts or sep is None:
        return parts
    pieces = [fold(p) for p in sep.split(page_title)]
    for a in range(len(pieces)):
        for b in range(a + 2, len(pieces) + 1):
            run = " ".join(p for p in pieces[a:b] if p)
            if len(run) >= MIN_PART:
                parts.add(run)
    return parts


@lru_cache(maxsize=64)
def folded_runs(page_title: str | None, sep) -> frozenset:
    """``title_runs`` with ``fold_key``, kept for the next page of a site, or the next
    role of a page, with the same title."""
    return frozenset(title_runs(page_title, sep))


def repeats_title(page, cls, sep) -> int | None:
    """The first kept block that repeats the page title, a part of it or a run of its
    parts (``title_runs``), with a headline's shape, or else one that spells the URL's slug
    (``slug_headlines``): the article's headline as the page prints it (None: no block does)."""
    title, from_meta = page_title_of(page, cls)
    return next(_title_headlines(page, cls, title, sep, from_meta, slug=True), None)


def title_headlines(page, cls, sep):
    """Every kept block, in page order, that repeats (a run of parts of) the page title with a
    headline's shape."""
    title, from_meta = page_title_of(page, cls)
    return _title_headlines(page, cls, title, sep, from_meta)


def _title_headlines(page, cls, title, sep, from_meta, slug=False):
    """The kept blocks, in page order, whose folded text is one of the ``title_runs`` of
    ``title`` (``run_blocks``, found once a page for each title) and which have a headline's
    shape (the first block is the page title itself unless the title came from the
    metadata); when the title is only the scraper's first line and no block repeats it,
    those that spell the URL's slug instead (``slug_headlines``).  The runs are made only
    when there is a block to compare (a one-line page has none)."""
    lo = 0 if from_meta else 1
    found = False
    if len(page.blocks) > lo:
        for i in page.roles.title_blocks(title, sep):
            if i >= lo and cls[i] is not None and headline(page, i, strict=False):
                found = True
                yield i
    if slug and not found and not from_meta:
        yield from slug_headlines(page, cls)


def run_blocks(page, runs) -> list[int]:
    """The blocks whose fold key (``page.fold_key``) is one of ``runs`` (folded texts), in
    page order, from the page's token counts in one pass: a block whose fold key has as many
    tokens as its text (``key_keeps_tokens``; every block, when the page's texts joined by
    line breaks do) and whose token count (``page.ntok``) is no run's cannot be one, and is
    not folded."""
    if not runs:
        return []
    sizes, ntok, texts = run_sizes(runs), page.ntok, page.texts
    rest = [i for i, k in enumerate(ntok) if k not in sizes]
    maybe = [i for i, k in enumerate(ntok) if k in sizes]
    if rest and not key_keeps_tokens("\n".join([texts[i] for i in rest])):  # (a newline is left as it is)
        maybe = sorted(maybe + [i for i in rest if not key_keeps_tokens(texts[i])])
    fold = page.fold_key
    return [i for i in maybe if fold(i) in runs]


def slug_headlines(page, cls) -> list[int]:
    """The kept headline-shaped blocks after the first (the scraper's first line is the page
    title when there is one) that spell the page URL's slug (``slug_spellers``), in page
    order, but for one that holds another of them whole (a breadcrumb trail ending in the
    headline: "Home Holidays Homemade Spiced Honey Pear Jam")."""
    hits = [i for i in page.roles.slug_spellers if cls[i] is not None and headline(page, i, strict=False)]
    keys = {i: page.fold_key(i) for i in hits}
    return [i for i in hits if not any(keys[j] != keys[i] and keys[j] in keys[i] for j in hits)]


def slug_spellers(page) -> list[int]:
    """The blocks after the first, short enough for a headline, that spell the page URL's slug
    (``slug.spells``, with the ``slug_spellings`` of the page's languages), in page order."""
    slug = _slug.slug_of(page.url)
    if not slug:
        return []
    rules = page.context.rules if page.context is not None else None
    spellings = _slug.spelling_map(rules.words("slug_spellings", page.langs)) if rules is not None else ()
    ntok = page.ntok
    return [i for i in range(1, page.n) if ntok[i] <= MAX_HEADLINE_TOKENS
            and _slug.spells(page.texts[i], slug, spellings)]


def run_sizes(runs: set) -> frozenset:
    """The token counts of folded texts (``fold_key``: tokens joined by single spaces)."""
    return frozenset(r.count(" ") + 1 for r in runs)


def anchor(page, cls, sep, good) -> int | None:
    """The first headline that repeats (a run of parts of) the page title and is followed, within
    four blocks, by a metadata line or article prose: the head of the article."""
    title, from_meta = page_title_of(page, cls)
    blocks = page.blocks
    for i in _title_headlines(page, cls, title, sep, from_meta, slug=True):
        for j in range(i + 1, min(len(blocks), i + 5)):
            if cls[j] == good or any(v.category == "metadata" for v in blocks[j].verdicts):
                return i
    return None


def find_title(page, cls, start: int, sep, *, window: int, lookback: int, good, end: int) -> int | None:
    """The article's title for a region [``start``, ``end``]: A) a headline the page
    title names; B) a headline followed (within two blocks) by a metadata line; C) the
    nearest headline-shaped block just before the text.  The region's last block or one after
    it is no title of it (a teaser's headline under a short article): the region would be
    left empty."""
    blocks = page.blocks
    lo = max(0, start - window)
    hi = min(len(blocks), start + 3)
    title, from_meta = page_title_of(page, cls)
    parts = None  # made only when there is a kept block to compare
    best = None
    for i in range(lo, hi):
        if cls[i] is None or (i == 0 and not from_meta) or i >= end:
            continue
        if parts is None:
            parts = title_parts(title, sep)
        if not parts:
            break
        key = page.fold_key(i)
        if len(key) >= MIN_PART and key in parts and headline(page, i, strict=False):
            best = i
            if i >= start:
                break
    if best is not None:
        return best
    for i in range(hi - 1, lo - 1, -1):
        if cls[i] is None or i >= end or not headline(page, i, strict=True):
            continue
        for j in range(i + 1, min(len(blocks), i + 3)):
            if any(v.category == "metadata" for v in blocks[j].verdicts):
                return i
            if cls[j] == good:
                break
    seen = 0
    for i in range(start - 1, max(-1, start - 1 - lookback * 2), -1):
        if cls[i] is None:
            continue
        if headline(page, i, strict=True):
            return i
        seen += 1
        if seen >= lookback:
            break
    return None


# -- the template learner's view: texts only ------------------------------------------------
TITLE_WINDOW = 30  # blocks after the page title where the headline is looked for


def text_title(texts: list[str], folded: list[str], page_title: str | None = None, sep=None) -> set[int]:
    """Indexes of the blocks that are the page's title, from the texts alone.

    The page title is the HTML ``<title>`` when known, else the first block (a
    scraper's first line).  The title is the block after it, within ``TITLE_WINDOW``
    blocks, that equals the page title or one of its parts (``title_parts``), the
    longest such match (every block with that text, when it occurs twice); the first
    line is part of the title too when it was used as the page title.  A page without
    such evidence has no title (a constant first line like "Skip to content" is not
    protected by being first)."""
    from ..corpus.shingles import fold

    if not texts:
        return set()
    first = 0 if page_title else 1
    if not page_title:
        page_title = texts[0]
    parts = title_parts(page_title, builtin_separators() if sep is None else sep, fold)
    if not parts:
        return set()
    window = range(first, min(len(texts), first + TITLE_WINDOW))
    best = ""
    for i in window:
        f = folded[i]
        if f in parts and len(f) > len(best) and 2 <= f.count(" ") + 1 <= 40:
            best = f
    if not best:
        return set()
    out = {i for i in window if folded[i] == best}
    return out if first == 0 else out | {0}

"""A page: one parsed document analysed once, for every filter to read.

``Page(doc, context)`` holds the document's blocks and what the filters need to
know about them, each computed once (the first time it is asked for) and kept in
arrays with one entry per block:

- ``stats``: token counts, CJK characters, stopwords, clause marks, sentence ends,
  digits (``blockstats``), for the page's languages' stopword list;
- ``cls``: the prose class of each block (``features.classify``), recomputed for
  a block whose text a trim verdict shortened;
- ``candidates``, ``matches``: the rule hits of the whole document (``rules.matcher``);
- ``keys``: the exact-duplicate key of each block (casefolded tokens, numbers
  folded to 0), 0 for a block without a word;
- ``roles``: title, article region(s), body run (``roles``).

Filters read the page and add verdicts to its blocks; nothing here changes a block.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import numpy as np

from .blockkeys import block_keys
from .blockstats import block_stats
from .document import Document
from .features import CLASS_NAMES, CODE, GOOD, classify
from .lazy import cached
from .text import fold_key, fold_keys
from .roles import Roles


FOLD_TOKENS = 8  # blocks folded ahead (``Page.fold_key``): the short lines page-type tests fold


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def _clean(text: str) -> str:
    """``text`` on one line, stripped (``str.strip`` strips what ``isspace`` calls a space)."""
    if "\n" in text:
        text = text.replace("\n", " ")
    if text[:1].isspace() or text[-1:].isspace():
        text = text.strip()
    return text


class Page:
    """One document and its per-block analysis (see the module doc)."""

    def __init__(self, doc: Document, context=None):
        self.doc = doc
        self.context = context
        self.blocks = doc.blocks
        self.meta = doc.meta
        self.n = len(doc.blocks)
        # block texts as rules see them: stripped, on one line (parsers make them so)
        texts = [b.text for b in doc.blocks]
        self.texts = list(map(str.strip, texts)) if "\n" not in "".join(texts) else list(map(_clean, texts))

    # -- what the document is ------------------------------------------------------------
    @property
    def lang(self) -> str | None:
        return self.doc.lang

    @property
    def url(self) -> str | None:
        return self.doc.url

    @property
    def source_format(self) -> str:
        return self.doc.source_format

    @cached
    def langs(self) -> frozenset:
        langs = set(self.meta.get("langs") or ([self.doc.lang] if self.doc.lang else []))
        if self.context is not None:
            langs.update(self.context.always_languages)
        return frozenset(langs)

    @cached
    def host(self) -> str | None:
        return host_of(self.doc.url)

    @cached
    def active(self):
        """The rules in force for this page's languages and site."""
        return self.context.rules.active(self.langs, self.host)

    @cached
    def has_stopwords(self) -> bool:
        """True when the page's main language has a stopword list."""
        lang = self.doc.lang
        return bool(lang and lang in self.context.rules.lexicon_languages("stopwords"))

    # -- per-block statistics and prose classes -------------------------------------------------
    @cached
    def stopwords(self):
        """The stopword table of the page's languages (None without a rule set)."""
        return self.context.stopword_set(self.langs) if self.context is not None else None

    @cached
    def stats(self):
        return block_stats(self.texts, self.stopwords)

    @cached
    def link_ratio(self) -> np.ndarray:
        return np.fromiter((b.features.get("link_ratio", 0.0) for b in self.blocks), dtype=float, count=self.n)

    @cached
    def ntok(self) -> list[int]:
        """Tokens of each block's text (what rule bounds count)."""
        return self.stats.ntok.tolist()

    @cached
    def kept_ntok(self) -> list[int]:
        """Tokens of each block's kept text (differs from ``ntok`` after a trim)."""
        return list(self.ntok)

    @cached
    def kept_ncjk(self) -> list[int]:
        """CJK characters of each block's kept text."""
        return self.stats.ncjk.tolist()

    @cached
    def ends(self) -> list[bool]:
        """Whether each block's kept text ends a sentence."""
        return self.stats.ends.tolist()

    @cached
    def codes(self) -> np.ndarray:
        st = self.stats
        return classify(st.ntok, st.ncjk, st.stop_share, st.ends, st.clauses, self.link_ratio,
                        self.context.prose, self.has_stopwords)

    @cached
    def cls(self) -> list[str]:
        """The prose class of each block (GOOD, NEAR, SHORT, BAD)."""
        return [CLASS_NAMES[c] for c in self.codes.tolist()]

    def good(self, i: int) -> bool:
        return self.cls[i] == GOOD

    def retext(self, i: int) -> None:
        """Block i's kept text changed (a trim verdict): recompute its statistics and
        prose class from the kept text."""
        b = self.blocks[i]
        text = b.kept_text()
        if not text:
            return
        one = block_stats([text], self.stopwords)
        lr = np.array([b.features.get("link_ratio", 0.0)])
        code = int(classify(one.ntok, one.ncjk, one.stop_share, one.ends, one.clauses, lr,
                            self.context.prose, self.has_stopwords)[0])
        self.cls[i] = CLASS_NAMES[code]
        self.codes[i] = code
        self.kept_ntok[i] = int(one.ntok[0])
        self.kept_ncjk[i] = int(one.ncjk[0])
        self.ends[i] = bool(one.ends[0])

    # -- rule hits --------------------------------------------------------------------------------
    @cached
    def candidates(self):
        """The (block, rule) pairs of the page's rule index whose cheap necessary
        conditions hold (``RuleIndex.candidates``): what ``matches`` checks."""
        return self.context.matcher(self.active).index.candidates(self)

    @cached
    def matches(self):
        """Per block: the first block rule and the first section-header rule that match
        (over the pipeline's rule categories, in its order), and the first protect rule."""
        return self.context.matcher(self.active).match(self)

    def prime(self, stats, codes, candidates) -> None:
        """Set ``stats``, ``codes`` and ``candidates``, found for this page among others
        (``cleaner.batch``), as the page would find them."""
        self.__dict__["stats"] = stats
        self.__dict__["codes"] = codes
        self.__dict__["candidates"] = candidates

    # -- duplicate keys ---------------------------------------------------------------------------
    @cached
    def keys(self) -> np.ndarray:
        """Exact-duplicate key of each block, as uint64 (0 for a block without any word)."""
        return block_keys(self.stats, self.n)

    @cached
    def _short_keys(self) -> list[str | None]:
        """``fold_key`` of each block of FOLD_TOKENS tokens or fewer (None for the
        others), folded in one pass (``text.fold_keys``)."""
        ntok, texts = self.ntok, self.texts
        short = [i for i in range(self.n) if ntok[i] <= FOLD_TOKENS]
        out: list[str | None] = [None] * self.n
        for i, k in zip(short, fold_keys([texts[i] for i in short])):
            out[i] = k
        return out

    def fold_key(self, i: int) -> str:
        """``text.fold_key`` of block i's text, each short block's folded once a page:
        title and page-type tests ask for the keys of the page's short lines."""
        k = self._short_keys[i]
        return k if k is not None else fold_key(self.texts[i])

    # -- roles ------------------------------------------------------------------------------------
    @cached
    def roles(self):
        """Title, article region(s), body run and page type (``cleaner.roles``)."""
        return Roles(self)

    def done(self) -> None:
        """The filters are through with the page: let go of its roles, which refer back
        to it, so that the page and all it holds are freed by reference counting as soon
        as the caller lets go of them, instead of piling up for the cycle collector (on
        short records, its runs over those piles cost a fifth of the cleaning)."""
        self.__dict__.pop("roles", None)


__all__ = ["Page", "host_of", "GOOD", "CODE"]

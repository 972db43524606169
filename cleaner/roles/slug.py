"""The page's URL slug as a witness of its headline.

A scraper that writes no ``<title>`` line (resiliparse's text, most markdown scrapers) leaves
the article's headline without the page title that names it, but most article URLs spell
it: ``…/2019/11/17/elektro-zapfsaeulen/``, ``…/us-sport-corona-100.html``.  The slug is
the last path segment with letters in it, split into words (ids and long numbers left out); a
headline spells it when most of the slug's words are words of the headline.

Knowledge comes from the language packs: ``slug_spellings`` (``ä=ae``: how a letter is
written in a URL), applied to the headline's words before they are compared; other
diacritics are stripped on both sides (``é`` → ``e``: ``rules.charclass.fold``, the
matcher's folding).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import regex

from ..rules.charclass import fold

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_EXTENSION = regex.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", regex.IGNORECASE)
MIN_WORDS = 2  # slug words a slug needs to name a headline
COVER = 0.6  # share of the slug's words a headline spells at least
SMALL_NUMBER = 2  # digits of a number that is a word of the headline ("scherenschnitt-3", "top-10-…"), not an id
STEM = 5  # characters of a slug word that may stand for a longer headline word ("module": "Solarmodule")


class Slug(NamedTuple):
    """A URL's slug: its ``words`` and the ``segment`` as the URL writes it (casefolded)."""

    words: tuple[str, ...]
    segment: str


@lru_cache(maxsize=256)
def slug_of(url: str | None) -> Slug | None:
    """The URL's slug: the last path segment with letters, its extension left out, split at
    anything not a letter or digit into words; words with digits (ids, years, counts) are
    left out but for numbers of up to ``SMALL_NUMBER`` digits.  None when the slug has fewer than ``MIN_WORDS`` words."""
    if not url or "/" not in url:
        return None
    try:
        path = urlsplit(url if "//" in url else "//" + url).path
    except ValueError:
        return None
    for seg in reversed([s for s in unquote(path).split("/") if s]):
        seg = _EXTENSION.sub("", seg).casefold()
        if not any(ch.isalpha() for ch in seg):
            continue
        words = tuple(w for w in _WORD.findall(fold(seg))
                      if not any(ch.isdigit() for ch in w) or (w.isdigit() and len(w) <= SMALL_NUMBER))
        return Slug(words, seg) if len(words) >= MIN_WORDS else None
    return None


def spelling_map(spellings) -> tuple[tuple[str, str], ...]:
    """The ``slug_spellings`` lexicon (``letter=spelling`` entries) as pairs."""
    return tuple(sorted(tuple(e.split("=", 1)) for e in spellings if "=" in e))


def _spelled(text: str, spellings) -> str:
    """A casefolded text with the ``spellings`` applied, diacritics stripped (``charclass.fold``)."""
    for letter, spelled in spellings:
        if letter in text:
            text = text.replace(letter, spelled)
    return fold(text)


def spells(text: str, slug: Slug | None, spellings=()) -> bool:
    """The text (a headline) spells the slug: ``COVER`` of the slug's words are words of
    the text, or, ``STEM`` characters or longer, the end or the start of one.  A text that
    holds the slug as the URL writes it is a link or an address, no headline."""
    if not slug:
        return False
    text = text.casefold()
    if slug.segment in text:
        return False
    need = max(MIN_WORDS, COVER * len(slug.words))
    text = _spelled(text, spellings)
    found = [s for s in slug.words if s in text]  # a word that is no part of the text is no word of it
    if len(found) < need:
        return False
    words = set(_WORD.findall(text))
    hit = sum(1 for s in found if s in words or (len(s) >= STEM and any(w.endswith(s) or w.startswith(s)
                                                                         for w in words)))
    return hit >= need

"""Content a script-less walk would miss: ``<noscript>`` blocks and hidden containers.

Some pages carry their text where a browser with scripts does not show it: forum
software serves the posts of a thread inside ``<noscript>`` (the crawler view), and
streaming renderers send the whole body inside a hidden ``<div>`` that a script
moves into place.  Such a container is revealed only when it holds the page: more than
``SHOWN_FACTOR`` times the text (not counting link text) of everything the normal
walk found, and a real amount of it.  A hidden mobile menu, an image fallback, a
consent dialog or a tab next to a shown page never is.
"""
from __future__ import annotations

MIN_CHARS = 200  # non-link characters a container needs before it can be revealed
SHOWN_FACTOR = 2.0  # ... and how many times the text the page shows


def _candidate(el) -> bool:
    """A ``<noscript>``, an element with the ``hidden`` attribute, a ``display: none``
    style or a ``visibility: hidden`` one (an app that shows its page once its scripts
    and fonts are loaded hides the root so); not ``aria-hidden``, which hides nothing."""
    if el.tag == "noscript" or el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _text(el) -> str:
    return "".join(el.itertext())


def visible_chars(blocks) -> float:
    return sum(len(b.text) * (1.0 - b.features.get("link_ratio", 0.0)) for b in blocks)


def to_reveal(hidden, blocks) -> tuple[frozenset, list[str]]:
    """(elements to walk although hidden, a note for each), from the hidden elements and
    ``<noscript>`` blocks the walk skipped (in document order, outermost only)."""
    cands = [el for el in hidden if _candidate(el)]
    if not cands:
        return frozenset(), []
    visible = None
    out, notes = [], []
    for el in cands:
        if any(el is o or o in el.iterancestors() for o in out):
            continue
        chars = len(" ".join(_text(el).split()))
        if chars < MIN_CHARS:
            continue
        if visible is None:
            visible = visible_chars(blocks)
        links = sum(len(" ".join(_text(a).split())) for a in el.iter("a"))
        own = chars - links
        if own >= MIN_CHARS and own > SHOWN_FACTOR * visible:
            out.append(el)
            what = "noscript" if el.tag == "noscript" else f"hidden <{el.tag}>"
            notes.append(f"{what} with {own:,} characters of text (the page shows {int(visible):,})")
    return frozenset(out), notes

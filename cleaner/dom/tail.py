"""What follows an article's last paragraph: its tail.

After the last prose paragraph of an article come its notes (a source, a dateline, a
list of ingredients, a table) and then the page's chrome that sits inside the same
container: links to other articles ("Read also: ...", the next post, a tag line made of
links), calls to action under a heading with nothing of the article after it ("Rate this
article", "Sign in to comment").  ``tail_chrome`` names the blocks of that tail which are
not the article: the blocks made of link text, and a heading that ends the content (no
kept block of text after it).  A heading written as a sentence (it ends in a full stop)
is text, not a label, and stays.
"""
from __future__ import annotations

LINKS = "a link after the article's last paragraph"
HEADING = "a heading with nothing after it at the end of the article"


def tail_chrome(blocks, main: list[bool], bmass: list[float], prose: float,
                link_ratio: float = 0.9) -> dict[int, str]:
    """Block index -> reason, for the tail blocks of an article to leave out.

    ``main``: per block, inside the content; ``bmass``: per block, its prose mass (a
    block of at least ``prose`` is a prose paragraph); ``link_ratio``: a block with this
    share of link text or more is a link."""
    last = next((i for i in range(len(blocks) - 1, -1, -1)
                 if main[i] and bmass[i] >= prose and blocks[i].kind != "heading"), None)
    if last is None:
        return {}
    out: dict[int, str] = {}
    tail = [i for i in range(last + 1, len(blocks)) if main[i]]
    for i in tail:
        if blocks[i].features.get("link_ratio", 0.0) >= link_ratio:
            out[i] = LINKS
    # headings at the end, with no text of the article after them
    for i in reversed(tail):
        if i in out:
            continue
        b = blocks[i]
        if b.kind != "heading" or b.text.rstrip().endswith("."):
            break
        out[i] = HEADING
    return out

"""Boxes inside an article: a related-articles box, a paywall pitch or an author's contact
form of a few blocks (``BOX_SPAN``) between the article's head and its body, or between
parts of its body.  The article region (``Roles.article``) reaches over them."""
from __future__ import annotations

from ..features import GOOD, NEAR
from . import region

BOX_SPAN = 12  # blocks a box inside an article (related articles, a pitch) spans at most


def head_and_body(roles, cls, hard, sentence, cfg, anchor, first, region_, body, head_weights):
    """(the head blocks, the article region).  The article's head (the paragraphs under
    the headline, ``first`` on) and its body may be parted by a box (a related-articles
    box, a paywall pitch, an author's contact form): ``region_`` is the densest region
    with the headline's bonus, ``body`` the densest without it.  When the bonus keeps
    only the head and the body follows a box, the body is the article and the head stays
    with it; when the region lies farther from the headline than the title search
    reaches, the densest run under the headline stays with it (``region.head_region``, by
    ``head_weights()``: the blocks' weights with the headline's bonus, made only then)."""
    start, end = region_
    if start == first and body[0] > end and is_box(roles, end + 1, body[0]):
        return [i for i in range(first, end + 1) if cls[i] in (GOOD, NEAR)], body
    if start == first < body[0] and body[1] == end:
        head = region.head_run(cls, sentence, first, body[0], hard)
        if head and region.headline_list(cls, sentence, head[-1] + 1, body[0], BOX_SPAN):
            # only the headline's bonus carried the region over a list of headlines (a
            # video playlist, a teaser rail) between the first paragraph and the body
            return head, body
    if start > anchor + cfg.title_window:
        return region.head_region(cls, sentence, head_weights(), first, start, hard), region_
    return [], region_


def across_boxes(roles, cls, hard, weights, start: int, end: int) -> int:
    """The article's end, moved over each related-articles box inside it: a box of at most
    ``BOX_SPAN`` blocks whose only boundaries are related sections, right after the
    region, followed by a run of paragraphs (``region.prose_run``) of at least half the
    region's weight, or else by a densest run (``region.densest_from``: the story's sections,
    their lists opening with a label, "Pros:") of that weight that is mostly paragraphs
    (``region.mostly_prose``; a teaser list, a headline over each summary, is neither).
    ``weights()`` gives the blocks' weights; it is called only when a box is found."""
    w = main = None
    while True:
        k = past_box(roles, cls, hard, end, 1)
        if k is None:
            return end
        if w is None:
            w = weights()
            main = sum(w[start:end + 1])
        hi, score = region.prose_run(cls, hard, w, k)
        if score < main / 2:
            hi, score = region.densest_from(cls, hard, w, k)
            if score < main / 2 or not region.mostly_prose(cls, k, hi):
                return end
        end = hi


def before_boxes(roles, cls, hard, weights, start: int, end: int) -> int:
    """The article's start, moved back over each related-articles box just before it (what
    ``across_boxes`` does after it): a box of at most ``BOX_SPAN`` blocks whose only
    boundaries are related sections, after the paragraphs of the article's first part — the
    densest run ending on the paragraph right before the box (``region.densest_ending``),
    of at least half the region's weight.  A box in the middle of an article whose second
    part is the longer one parts nothing either.  ``weights()`` as in ``across_boxes``."""
    w = main = None
    while True:
        k = past_box(roles, cls, hard, start, -1)
        if k is None:
            return start
        if w is None:
            w = weights()
            main = sum(w[start:end + 1])
        lo, score = region.densest_ending(cls, hard, w, k)
        if score < main / 2:
            return start
        start = lo


def past_box(roles, cls, hard, edge: int, step: int) -> int | None:
    """The first paragraph past a related-articles box right beside block ``edge`` (``step``
    1: after it, -1: before it): a box of at most ``BOX_SPAN`` blocks whose only boundaries
    are related sections.  None when there is no such box with a paragraph past it."""
    n, k, box = len(cls), edge + step, False
    while 0 <= k < n and abs(k - edge) <= BOX_SPAN and cls[k] != GOOD:
        if hard[k]:
            if not related_drop(roles, k):
                return None
            box = True
        k += step
    return k if box and 0 <= k < n and cls[k] == GOOD else None


def related_drop(roles, k: int) -> bool:
    """Block k was dropped as a related section (a hard boundary without a drop — a
    product's customer reviews, kept out of every region — is no box)."""
    v = roles.page.blocks[k].drop_verdict
    return v is not None and v.category == "related"


def is_box(roles, lo: int, hi: int) -> bool:
    """Blocks [lo, hi) may be a box inside an article: a few blocks (``BOX_SPAN``), no
    comment section or footer among them (a related-articles box is one)."""
    if hi - lo > BOX_SPAN:
        return False
    for i in range(lo, hi):
        v = roles.page.blocks[i].drop_verdict
        if v is not None and v.category != "related" and roles.is_hard(v):
            return False
    return True

"""Parts of the located content that are not its text, by the element's shape: sign-up
forms, image boxes and figures, and the position of a block between an article's
paragraphs (``cleaner.dom.content`` decides with these)."""
from __future__ import annotations

from .marks import token_names

_CHROME_INPUTS = frozenset(("email", "password", "search"))


def signup_form(el) -> bool:
    """A form asking for an e-mail address, a password or a search term (newsletter,
    log-in, search), not one holding posts or a product's options."""
    return any((i.get("type") or "").lower() in _CHROME_INPUTS for i in el.iter("input"))


def between_prose(main, bmass, i: int, prose: float) -> bool:
    """Kept prose paragraphs both before and after block ``i``."""
    before = any(main[j] and bmass[j] >= prose for j in range(i - 1, -1, -1))
    return before and any(main[j] and bmass[j] >= prose for j in range(i + 1, len(main)))


def beside_image(nodes, k: int, root: int, nblocks) -> bool:
    """The short text of an image box: the block's element, or its parent, holds an
    ``<img>`` and at most two blocks of text (a <figure> in all but name).  A paragraph
    whose images come after some of its text (a formula or an icon inside a sentence)
    is not an image box."""
    for level in range(2):
        if k <= root:
            return False
        if nblocks[k] <= 2:
            el = nodes.el[k]
            imgs = list(el.iter("img"))
            if imgs and (level or not any(_after_text(img, el) for img in imgs)):
                return True
        k = nodes.parent[k]
    return False


def _after_text(img, el) -> bool:
    """Text of ``el`` comes before the ``<img>`` (the image sits in its text flow)."""
    node = img
    while node is not el and node is not None:
        if any((n.tail or "").strip() or "".join(n.itertext()).strip()
               for n in node.itersiblings(preceding=True)):
            return True
        parent = node.getparent()
        if parent is not None and (parent.text or "").strip():
            return True
        node = parent
    return False


def in_figure(nodes, k: int, root: int, caption_tokens: frozenset) -> bool:
    """Inside a <figure>, or an element named as a caption or photo credit, below ``root``."""
    while k > root:
        if nodes.tag[k] == "figure":
            return True
        if caption_tokens and any(t in caption_tokens for tok in nodes.toks[k] for t in token_names(tok)):
            return True
        k = nodes.parent[k]
    return False


def figure_captions(blocks, main, nodes, bnode, root: int, caption_tokens: frozenset, *, box_chars: int,
                    nblocks, declared: bool, few) -> list[int]:
    """The content blocks of an article that are figure captions and credits: a
    ``<figcaption>``, a block inside a ``<figure>`` or an element named as a caption,
    and the short text (under ``box_chars``) of an image box.  Image boxes count on a
    page declared an article, or when they are ``few(boxes)`` against its other
    paragraphs (where every item is an image and a line, the page is a list of items)."""
    named, boxes = [], []
    for i, b in enumerate(blocks):
        if not main[i]:
            continue
        if b.kind == "caption" or in_figure(nodes, bnode[i], root, caption_tokens):
            named.append(i)
        elif len(b.text) < box_chars and beside_image(nodes, bnode[i], root, nblocks):
            boxes.append(i)
    if boxes and (declared or few(boxes)):
        return sorted(named + boxes)
    return named


def repeated_links(blocks, main, times: int, link_ratio: float = 0.9) -> list[int]:
    """The content blocks made of several links whose text recurs ``times`` times or more
    in the content (a share row under every post; one link repeated, such as a "show the
    solution" toggle, may be the text's own)."""
    seen: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        if main[i] and b.features.get("link_ratio", 0.0) >= link_ratio and _links(b) >= 2:
            seen.setdefault(b.text, []).append(i)
    return sorted(i for same in seen.values() if len(same) >= times for i in same)


def _links(block) -> int:
    el = block.features.get("_el")
    return 0 if el is None else sum(1 for _ in zip(range(2), el.iter("a")))

"""The one data model: a Document is an ordered list of Blocks; filters add Verdicts.

Filters never delete text.  A verdict says which filter (and rule) decided, in which
category, and why.  A block is dropped when it carries a ``drop`` verdict and no
``keep`` (protect) verdict; a ``trim`` verdict removes a span inside a kept block.
The renderer (``cleaner.render``) assembles what was kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

# Categories a verdict can carry.  Rule packs and filters must use one of these.
CATEGORIES: dict[str, str] = {
    "nav": "navigation menus, breadcrumbs, login/app/subscribe banners, skip links",
    "share": "share widgets and follow-us prompts",
    "related": "related-article and related-video lists, read-also sections",
    "comments": "comment sections and comment prompts",
    "cookie": "cookie and consent notices",
    "metadata": "datelines, bylines, source, keywords/tags, editor lines",
    "footer": "license/copyright footers, registration numbers, footer link rows",
    "ads": "advertising labels and sponsored-content markers",
    "layout": "page structure outside the article (before its title, after its end)",
    "template": "blocks learned as site templates (recur on many pages of a site)",
    "duplicate": "near-duplicate repeats of a block within the page",
    "quality": "blocks that are not text (binary junk, symbol runs)",
    "protect": "protected blocks (title, lede): never dropped",
}

DROP = "drop"
KEEP = "keep"
TRIM = "trim"


@dataclass(frozen=True, slots=True)
class Verdict:
    """One decision about a block: who decided, in which category, and why."""

    filter: str
    category: str
    reason: str
    action: str = DROP
    rule: str | None = None
    span: tuple[int, int] | None = None  # for trims: [start, end) in block.text

    def as_dict(self) -> dict:
        d = {"filter": self.filter, "category": self.category, "action": self.action,
             "reason": self.reason}
        if self.rule:
            d["rule"] = self.rule
        if self.span:
            d["span"] = list(self.span)
        return d


@dataclass(slots=True, init=False)
class Block:
    """A line, paragraph, heading or list item, in document order.

    ``kind`` is one of: ``line`` (plain-text line), ``paragraph``, ``heading``,
    ``list_item``, ``table_row``, ``caption``, ``code``.  ``features`` holds what
    the parser knew (``link_ratio``, ``tag``, ``dom_tokens``, ``heading_level``) and,
    for HTML pages: ``node`` (the numbered block element, see ``parse.tree.Nodes``),
    ``inline`` (markdown inline form: ``[text](url)``, ``**b**``, ``*i*``, `` `c` ``;
    only when markdown/HTML output is asked for and it differs from ``text``),
    ``list_depth`` and ``ordered`` (list items), ``cells`` and ``header_row`` (table
    rows), ``code_lang`` (code blocks, whose ``text`` keeps its lines), ``dom_main``
    (inside the content the DOM analysis found).
    """

    index: int
    text: str
    kind: str = "line"
    features: dict = field(default_factory=dict)
    verdicts: list[Verdict] = field(default_factory=list)
    gap_before: bool = False  # a blank line (or block boundary) preceded this block
    # what the verdicts decide, plain attributes kept current by ``add`` (filters read
    # them hundreds of thousands of times a pass; a property costs twice a slot read):
    # ``protected``: a keep verdict; ``drop_verdict``: the first drop verdict unless
    # protected (the one reported); ``dropped``: there is such a verdict
    protected: bool = field(default=False, repr=False, compare=False)
    dropped: bool = field(default=False, repr=False, compare=False)
    drop_verdict: Verdict | None = field(default=None, repr=False, compare=False)
    _first_drop: Verdict | None = field(default=None, repr=False, compare=False)

    # written out: the generated ``__init__`` with its default factories and
    # ``__post_init__`` cost twice as much, and parsing makes one block per line
    def __init__(self, index: int, text: str, kind: str = "line", features: dict | None = None,
                 verdicts: list[Verdict] | None = None, gap_before: bool = False) -> None:
        self.index = index
        self.text = text
        self.kind = kind
        self.features = {} if features is None else features
        self.verdicts = []
        self.gap_before = gap_before
        self.protected = self.dropped = False
        self.drop_verdict = self._first_drop = None
        if verdicts:  # given verdicts: decide from them as ``add`` would
            for v in verdicts:
                self.add(v)

    # -- decisions -------------------------------------------------------------
    def add(self, verdict: Verdict) -> None:
        self.verdicts.append(verdict)
        action = verdict.action
        if action == DROP:
            if self._first_drop is None:
                self._first_drop = verdict
                if not self.protected:
                    self.dropped = True
                    self.drop_verdict = verdict
        elif action == KEEP:
            self.protected = True
            self.dropped = False
            self.drop_verdict = None

    def trims(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.action == TRIM and v.span]

    def kept_text(self) -> str:
        """The block's text with trimmed spans removed ('' when dropped)."""
        if not self.verdicts:  # most blocks of a page
            return self.text
        if self.dropped:
            return ""
        trims = self.trims()
        if not trims:
            return self.text
        spans = sorted(v.span for v in trims)
        out, pos = [], 0
        for start, end in spans:
            if start > pos:
                out.append(self.text[pos:start])
            pos = max(pos, end)
        out.append(self.text[pos:])
        return "".join(out).strip()


@dataclass(slots=True)
class Document:
    """An input document as ordered blocks, plus what is known about it."""

    blocks: list[Block]
    id: str | None = None
    url: str | None = None
    lang: str | None = None
    source_format: str = "text"
    meta: dict = field(default_factory=dict)  # parser notes: repairs, markup removed, ...

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)

    def kept(self) -> list[Block]:
        return [b for b in self.blocks if not b.dropped]

    def removed(self) -> list[Block]:
        return [b for b in self.blocks if b.dropped]


class TooManyBlocks(ValueError):
    """A page with more blocks than a parser may build (a guard on time and memory)."""

"""The article a page's roles found (``roles.Roles.article``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .pagetype import ARTICLE


@dataclass
class Article:
    """The article of a page: its title block, the region [start, end] and the lede
    blocks kept between title and region, plus the blocks kept outside the region as
    further content items (``extra``: page types made of several regions)."""

    title: int | None
    start: int
    end: int
    lede: list[int] = field(default_factory=list)
    extra: list[tuple[int, int]] = field(default_factory=list)
    page_type: str = ARTICLE
    reviews: list[tuple[int, int]] = field(default_factory=list)  # a product's customer reviews

    @property
    def regions(self) -> list[tuple[int, int]]:
        return sorted([(self.start, self.end)] + self.extra)

"""What the page matcher (``matcher.RuleIndex``) returns for one page, and the run's
record of rules that keep running out of time."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageMatches:
    """Per block, the first rule of each channel that matches (or None)."""

    hits: list
    heads: list
    protects: list
    trims: list  # per block: the trim rules (in order) whose condition holds
    errors: list = field(default_factory=list)  # rule ids that timed out on this page
    _by_category: dict | None = field(default=None, repr=False, compare=False)

    def _index(self) -> dict:
        if self._by_category is None:
            by: dict = {}
            for i, r in enumerate(self.hits):
                if r is not None:
                    by.setdefault(("hit", r.category), []).append(i)
            for r in self.heads:
                if r is not None:
                    by[("head", r.category)] = True
            by["trims"] = any(self.trims)
            self._by_category = by
        return self._by_category

    def hit_blocks(self, category: str) -> list[int]:
        """The blocks (ascending) whose block rule is of ``category``."""
        return self._index().get(("hit", category), [])

    def has_head(self, category: str) -> bool:
        """Whether some block is a section header of ``category``."""
        return ("head", category) in self._index()

    @property
    def has_trims(self) -> bool:
        return self._index()["trims"]

    def acts_on(self, category: str) -> bool:
        """Whether a block rule or a section header of ``category``, or any trim rule, holds
        on some block (most pages: none of a category, which then has nothing to do)."""
        by = self._index()
        return by["trims"] or ("hit", category) in by or ("head", category) in by


class TimeoutBudget:
    """Rules whose regex keeps running out of time are switched off for the run.

    ``limit`` timeouts (on any documents) disable a rule; ``disabled`` lists them, and
    the run summary warns about each."""

    def __init__(self, limit: int = 3):
        self.limit = limit
        self.counts: dict[str, int] = {}
        self.disabled: list[str] = []

    def timed_out(self, rule_id: str) -> None:
        k = self.counts[rule_id] = self.counts.get(rule_id, 0) + 1
        if k >= self.limit and rule_id not in self.disabled:
            self.disabled.append(rule_id)


__all__ = ["PageMatches", "TimeoutBudget"]

"""Protect rules: blocks matching a ``protect`` rule (a site's lede format, say) get a
keep verdict, which overrides every drop."""
from __future__ import annotations

from ..document import KEEP, Verdict
from .base import Filter, register


@register
class ProtectFilter(Filter):
    id = "protect"
    category = "protect"

    def apply(self, page) -> None:
        for b, rule in zip(page.blocks, page.matches.protects):
            if rule is not None:
                b.add(Verdict(self.id, self.category, rule.description or rule.id, KEEP, rule.id))

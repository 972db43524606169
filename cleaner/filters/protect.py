"""Protect rules: blocks matching a ``protect`` rule (a site's lede format, say) get a
keep verdict, which overrides every drop."""
from __future__ import annotations

from ..document import KEEP, Document, Verdict
from ..rules.compile import RuleTimeout
from .base import Filter, register


@register
class ProtectFilter(Filter):
    id = "protect"
    category = "protect"
    needs_rules = True

    def apply(self, doc: Document) -> Document:
        ctx = self.context
        matcher = ctx.active(doc).protect
        if not matcher:
            return doc
        failed: set[str] = set()
        for b in doc.blocks:
            while True:
                try:
                    rule = matcher.first(b.text, ctx.ntok(b), ctx.rules.timeout, skip=failed or None)
                    break
                except RuleTimeout as exc:
                    ctx.rule_failed(doc, exc)
                    failed.add(exc.rule_id)
            if rule is not None:
                b.add(Verdict(self.id, self.category, rule.description or rule.id, KEEP, rule.id))
        return doc

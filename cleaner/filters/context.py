"""What filters of one pipeline share: the rule set, the prose classifier settings,
and per-document lookups (active rules for the document's languages and site,
its stopwords, each block's prose class), cached on the document itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..features import ProseConfig, classify, shape
from ..rules.compile import RuleTimeout
from ..rules.loader import ActiveRules, RuleSet
from ..text import tokens


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


@dataclass
class Context:
    rules: RuleSet
    prose: ProseConfig = field(default_factory=ProseConfig)
    always_languages: tuple = ("en",)
    categories: tuple = ()  # rule categories in pipeline order (set by the Cleaner)

    def langs(self, doc) -> frozenset:
        cached = doc.meta.get("_langs")
        if cached is None:
            langs = set(doc.meta.get("langs") or ([doc.lang] if doc.lang else []))
            langs.update(self.always_languages)
            cached = doc.meta["_langs"] = frozenset(langs)
        return cached

    def active(self, doc) -> ActiveRules:
        cached = doc.meta.get("_active")
        if cached is None:
            cached = doc.meta["_active"] = self.rules.active(self.langs(doc), host_of(doc.url))
        return cached

    def ntok(self, block) -> int:
        n = block.features.get("_ntok")
        if n is None:
            toks = block.features["_toks"] = tokens(block.text.casefold())  # reused by shape()
            n = block.features["_ntok"] = len(toks)
        return n

    def matches(self, doc) -> tuple[list, list]:
        """Per block, the first block rule and the first section-header rule that match,
        over all rule categories of the pipeline in its order (computed once per document)."""
        cached = doc.meta.get("_matches")
        if cached is None:
            active = self.active(doc)
            # blocks the page structure already put outside the content (HTML pages:
            # filters/dom.py) are not matched: no rule can drop them again
            skip = [b.features.get("dom_main") is False for b in doc.blocks]
            cached = active.match_blocks([("" if s else b.text) for b, s in zip(doc.blocks, skip)],
                                         [(0 if s else self.ntok(b)) for b, s in zip(doc.blocks, skip)],
                                         self.categories, lambda exc: self.rule_failed(doc, exc))
            doc.meta["_matches"] = cached
        return cached

    def stopwords(self, doc) -> frozenset:
        cached = doc.meta.get("_stop")
        if cached is None:
            cached = doc.meta["_stop"] = self.rules.words("stopwords", self.langs(doc))
        return cached

    def has_stopwords(self, doc) -> bool:
        """True when the document's main language has a stopword list."""
        lang = doc.lang
        return bool(lang and lang in self.rules.lexicon_languages("stopwords"))

    def prose_class(self, doc, block) -> str:
        c = block.features.get("_class")
        if c is None:
            c = classify(shape(block, self.stopwords(doc)), self.prose, self.has_stopwords(doc))
            block.features["_class"] = c
        return c

    def rule_failed(self, doc, exc: RuleTimeout) -> None:
        """Record a rule that timed out on this document (the document goes on)."""
        errs = doc.meta.setdefault("rule_errors", [])
        if exc.rule_id not in errs:
            errs.append(exc.rule_id)

"""What the filters of one pipeline share: the rule set, the prose classifier
settings, the languages every page is matched for, the rule categories in pipeline
order, and what is built once per rule scope and reused by every page (stopword
tables, rule indexes)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..blockstats import WordSet
from ..features import ProseConfig
from ..rules.loader import ActiveRules, RuleSet
from ..rules.matcher import CHANNELS, RuleIndex, TimeoutBudget


@dataclass
class Context:
    rules: RuleSet
    prose: ProseConfig = field(default_factory=ProseConfig)
    always_languages: tuple = ("en",)
    categories: tuple = ()  # rule categories in pipeline order (set by the Cleaner)
    budget: TimeoutBudget = field(default_factory=TimeoutBudget)

    def __post_init__(self):
        self._stopwords: dict = {}
        self._indexes: dict = {}

    def stopword_set(self, langs: frozenset) -> WordSet:
        got = self._stopwords.get(langs)
        if got is None:
            if len(self._stopwords) > 256:
                self._stopwords.clear()
            got = self._stopwords[langs] = WordSet(self.rules.words("stopwords", langs))
        return got

    def matcher(self, active: ActiveRules) -> "_BoundIndex":
        key = id(active)
        got = self._indexes.get(key)
        if got is None or got[0] is not active:
            if len(self._indexes) > 256:
                self._indexes.clear()
            got = self._indexes[key] = (active, _BoundIndex(self.index_for(active), self.budget))
        return got[1]

    def index_for(self, active: ActiveRules) -> RuleIndex:
        rank = {c: i for i, c in enumerate(self.categories)}

        def by_category(rules):
            return sorted((r for r in rules if r.category in rank), key=lambda r: rank[r.category])

        channels = {
            "block": by_category(r for r in active.rules if r.kind in ("pattern", "lexicon")),
            "head": by_category(active.sections),
            "protect": [r for r in active.rules if r.kind == "protect"],
            "trim": by_category(active.trims),
        }
        assert set(channels) == set(CHANNELS)
        langs = {lang for r in active.rules if r.languages for lang in r.languages}
        return RuleIndex(channels, self.rules.timeout, frequent=self.rules.words("stopwords", langs))


class _BoundIndex:
    """A rule index with the run's timeout budget."""

    def __init__(self, index: RuleIndex, budget: TimeoutBudget):
        self.index, self.budget = index, budget

    def match(self, page):
        m = self.index.match(page, self.budget, page.candidates)
        if m.errors:
            errs = page.meta.setdefault("rule_errors", [])
            errs.extend(e for e in m.errors if e not in errs)
        return m

"""``cleaner rules try``: what a draft rule pack would do to a sample of documents.

Each document is parsed once and then cleaned three ways:

- with the current rules (built-in packs plus any ``--rules`` folders): the *base* run;
- with the draft on top of them: the *draft* run, whose difference from the base run is
  the draft's real effect;
- for each draft rule, with that rule alone (every other rule removed, lexicons and
  ``disable:`` lists kept) through the filter of its category: what the rule fires on.

Per draft rule the report gives the blocks it drops (or trims, or protects), the
documents it touched, examples, and which of those blocks the current rules already
drop (and by which rule).  A rule that drops every block of a document is over-firing.

No I/O here: the caller passes records and renders the report.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..document import DROP, KEEP, TRIM, Block, Document
from ..page import Page
from .compile import Rule
from .loader import Pack, RuleSet, builtin_rules_dir, known_languages, pack_files

# parse-time data kept when a parsed document is copied for another run; every other
# underscore key is a per-run cache (active rules, matches, prose classes, ...)
_KEEP_META = {"_tree"}
_KEEP_FEATURES = {"_el"}


def clone(doc: Document) -> Document:
    """A fresh copy of a parsed document: same blocks and parse data, no verdicts or caches."""
    blocks = [Block(b.index, b.text, b.kind,
                    {k: v for k, v in b.features.items() if not k.startswith("_") or k in _KEEP_FEATURES},
                    [], b.gap_before) for b in doc.blocks]
    meta = {k: (set(v) if isinstance(v, set) else v) for k, v in doc.meta.items()
            if (not k.startswith("_") or k in _KEEP_META) and k not in ("rule_errors", "layout")}
    return Document(blocks, doc.id, doc.url, doc.lang, doc.source_format, meta)


@dataclass
class Example:
    doc: str
    block: int
    text: str
    already: str | None  # the rule/filter that drops this block today, if any
    cut: str | None = None  # for trims: the span removed


@dataclass
class RuleTrial:
    rule: Rule
    applied_by: str | None  # the pipeline filter that applies the rule (None: no filter does)
    docs_in_scope: int = 0  # documents where the rule is in force (languages, sites, overrides)
    dropped: int = 0  # blocks the rule drops on its own
    trimmed: int = 0  # blocks it trims
    protected: int = 0  # blocks it protects (protect rules)
    docs_touched: int = 0
    already: Counter = field(default_factory=Counter)  # current rule/filter -> blocks of ours it drops
    in_draft_run: int = 0  # of those, blocks where the draft run's verdict names this rule
    examples: list[Example] = field(default_factory=list)
    already_examples: list[Example] = field(default_factory=list)
    over_fired: list[tuple[str, int]] = field(default_factory=list)  # (document, blocks)
    timeouts: list[str] = field(default_factory=list)  # documents on which the rule timed out

    @property
    def hits(self) -> int:
        return self.dropped + self.trimmed + self.protected

    @property
    def already_total(self) -> int:
        return sum(self.already.values())

    @property
    def new(self) -> int:
        """Blocks the rule drops that the current rules keep."""
        return self.dropped - self.already_total if self.rule.kind != "protect" else 0

    def as_dict(self) -> dict:
        r = self.rule
        return {
            "id": r.id, "kind": r.kind, "category": r.category, "file": r.file, "line": r.line,
            "applied_by": self.applied_by, "documents_in_scope": self.docs_in_scope,
            "dropped": self.dropped, "trimmed": self.trimmed, "protected": self.protected,
            "documents_touched": self.docs_touched, "new": self.new,
            "already_dropped": dict(self.already.most_common()), "in_draft_run": self.in_draft_run,
            "over_fired": [{"document": d, "blocks": n} for d, n in self.over_fired],
            "timeouts": self.timeouts,
            "examples": [e.__dict__ for e in self.examples + self.already_examples],
        }


@dataclass
class TrialReport:
    draft_files: list[str]
    rules: list[RuleTrial]
    documents: int = 0
    rejected: int = 0  # unreadable inputs, skipped
    blocks: int = 0
    newly_dropped: int = 0  # blocks the draft run drops and the base run keeps
    newly_kept: int = 0  # blocks the base run drops and the draft run keeps
    docs_changed: int = 0
    emptied: list[str] = field(default_factory=list)  # documents the draft run empties (base did not)
    kept_examples: list[Example] = field(default_factory=list)  # newly kept blocks (what dropped them before)
    limited: bool = False  # the sample was cut at --limit

    @property
    def over_firing(self) -> list[RuleTrial]:
        return [t for t in self.rules if t.over_fired]

    def as_dict(self) -> dict:
        return {"draft": self.draft_files, "documents": self.documents, "rejected": self.rejected,
                "blocks": self.blocks, "limited": self.limited,
                "changes": {"documents": self.docs_changed, "newly_dropped": self.newly_dropped,
                            "newly_kept": self.newly_kept, "emptied": self.emptied,
                            "newly_kept_examples": [e.__dict__ for e in self.kept_examples]},
                "over_firing": [t.rule.id for t in self.over_firing],
                "rules": [t.as_dict() for t in self.rules]}


def _isolated(ruleset: RuleSet, rule: Rule) -> RuleSet:
    """The same packs (lexicons, ``disable:`` lists) holding ``rule`` alone."""
    packs = [Pack(p.id, p.kind, p.file, p.level, p.language, p.sites, p.lexicons, p.disable,
                  [r for r in p.rules if r is rule], p.description) for p in ruleset.packs]
    return RuleSet(packs, ruleset.languages, timeout=ruleset.timeout)


class Trial:
    """Set up once (rule sets and cleaners), then ``run(records)``.

    ``draft``: a rule file or folder.  ``spec``: the CleanerSpec of the current setup
    (its ``rules_dirs`` are part of the current rules).  A draft file that lives inside
    the built-in rules folder replaces its built-in version in the base run.
    """

    def __init__(self, draft, spec=None, examples: int = 5):
        from ..pipeline import Cleaner, CleanerSpec
        from ..filters.rulebased import RuleFilter

        spec = spec or CleanerSpec()
        self.examples = max(0, examples)
        draft = Path(draft)
        self.draft_paths = [f.resolve() for f in pack_files(draft)]
        root = builtin_rules_dir()
        langs = known_languages(str(root))
        base_sources = RuleSet.sources(spec.rules_dirs, spec.include_builtin_rules, exclude=self.draft_paths)
        extra = list(spec.rules_dirs) + [draft]
        draft_sources = RuleSet.sources(extra, spec.include_builtin_rules, exclude=())
        # the draft's own files: at the top level, and not also as built-in/--rules files
        top = draft_sources[-1][1] if draft_sources else 0
        draft_sources = [s for s in draft_sources if s[0].resolve() not in self.draft_paths or s[1] == top]
        self.base_rules = RuleSet.from_files(base_sources, langs, timeout=spec.timeout)
        self.draft_rules = RuleSet.from_files(draft_sources, langs, timeout=spec.timeout)
        self.base = Cleaner(spec=spec, rules=self.base_rules)
        self.draft = Cleaner(spec=spec, rules=self.draft_rules)
        self.draft_files = sorted({os.path.relpath(f) for f in self.draft_paths})
        mine = set(self.draft_files)
        self.trials: list[RuleTrial] = []
        self._iso: list = []
        by_category = {f.category: f for f in self.draft.filters if isinstance(f, RuleFilter)}
        for r in self.draft_rules.rules:
            if r.file not in mine:
                continue
            if r.kind == "protect":
                fid = "protect" if "protect" in self.draft.filter_ids else None
            else:
                f = by_category.get(r.category)
                fid = f.id if f is not None else None
            trial = RuleTrial(r, fid)
            self.trials.append(trial)
            iso = None
            if fid is not None:
                iso = Cleaner(spec=CleanerSpec(**{**spec.__dict__, "filters": ((fid, ()),), "templates": None}),
                              rules=_isolated(self.draft_rules, r))
                iso.context.categories = (r.category,)
            self._iso.append(iso)

    def run(self, records: Iterable, limit: int | None = None) -> TrialReport:
        """``records``: (doc id, text, fmt or None, url or None, lang or None) tuples, or
        None for an unreadable input (counted and skipped)."""
        rep = TrialReport(self.draft_files, self.trials)
        for rec in records:
            if limit is not None and rep.documents >= limit:
                rep.limited = True
                break
            if rec is None:
                rep.rejected += 1
                continue
            self._one(rep, *rec)
        return rep

    def _one(self, rep: TrialReport, doc_id, text, fmt, url, lang) -> None:
        doc0 = self.base.parse(text, fmt=fmt, doc_id=doc_id, url=url, lang=lang)
        rep.documents += 1
        rep.blocks += len(doc0.blocks)
        base = self.base.process(clone(doc0))
        draft = self.draft.process(clone(doc0))
        changed = False
        for b0, b1 in zip(base.blocks, draft.blocks):
            if b1.dropped and not b0.dropped:
                rep.newly_dropped += 1
                changed = True
            elif b0.dropped and not b1.dropped:
                rep.newly_kept += 1
                changed = True
                if len(rep.kept_examples) < self.examples:
                    v = b0.drop_verdict
                    rep.kept_examples.append(Example(str(doc_id), b0.index, b0.text, v.rule or v.filter))
            elif b0.kept_text() != b1.kept_text():
                changed = True
        rep.docs_changed += changed
        name = str(doc_id)
        if doc0.blocks and all(b.dropped for b in draft.blocks) and not all(b.dropped for b in base.blocks):
            rep.emptied.append(name)
        for trial, iso in zip(self.trials, self._iso):
            if iso is None:
                continue
            d = iso.process(clone(doc0))
            r = trial.rule
            if r in Page(d, iso.context).active.rules:
                trial.docs_in_scope += 1
            if r.id in d.meta.get("rule_errors", ()):
                trial.timeouts.append(name)
            touched = 0
            for b, bb, bd in zip(d.blocks, base.blocks, draft.blocks):
                acts = {v.action for v in b.verdicts if v.rule == r.id}
                if not acts:
                    continue
                touched += 1
                v0 = bb.drop_verdict
                already = (v0.rule or v0.filter) if v0 is not None else None
                vd = bd.drop_verdict
                if vd is not None:
                    trial.in_draft_run += vd.rule == r.id
                elif bd.protected:
                    trial.in_draft_run += any(v.rule == r.id for v in bd.verdicts if v.action == KEEP)
                else:
                    trial.in_draft_run += any(v.rule == r.id for v in bd.trims())
                if DROP in acts and b.dropped:
                    trial.dropped += 1
                    if already:
                        trial.already[already] += 1
                    self._example(trial, name, b, already)
                elif KEEP in acts:
                    trial.protected += 1
                    if already:
                        trial.already[already] += 1
                    self._example(trial, name, b, already)
                elif TRIM in acts:
                    trial.trimmed += 1
                    if already is None and bb.trims():  # the current rules cut this block too
                        t0 = bb.trims()[0]
                        already = t0.rule or t0.filter
                    cut = next((b.text[v.span[0]:v.span[1]] for v in b.verdicts
                                if v.rule == r.id and v.span), None)
                    if already:
                        trial.already[already] += 1
                    self._example(trial, name, b, already, cut)
            if touched:
                trial.docs_touched += 1
            if d.blocks and r.kind != "protect" and all(b.dropped for b in d.blocks):
                trial.over_fired.append((name, len(d.blocks)))

    def _example(self, trial: RuleTrial, doc: str, b: Block, already, cut=None) -> None:
        bucket = trial.already_examples if already else trial.examples
        if len(bucket) < self.examples and all(e.text != b.text for e in bucket):
            bucket.append(Example(doc, b.index, b.text, already, cut))

"""``cleaner rules list``: the loaded rules as rows, filtered by category, language,
site or kind, with hit counts over a sample when one is given.  No I/O here."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .compile import Rule, site_matches
from .loader import RuleSet


@dataclass
class Row:
    rule: Rule
    status: str = ""  # "", "off" (enabled: false), "overridden by FILE:LINE", "disabled on SITE"
    hits: int | None = None  # blocks dropped (or trimmed/protected) by this rule id over the sample

    @property
    def scope(self) -> str:
        r = self.rule
        parts = []
        if r.languages is not None:
            parts.append(", ".join(sorted(r.languages)))
        if r.sites:
            parts.append("sites " + ", ".join(r.sites))
        return "; ".join(parts) or "all languages"

    def as_dict(self) -> dict:
        r = self.rule
        d = {"id": r.id, "category": r.category, "kind": r.kind,
             "languages": None if r.languages is None else sorted(r.languages),
             "sites": list(r.sites) if r.sites else None, "file": r.file, "line": r.line,
             "description": r.description, "status": self.status}
        if self.hits is not None:
            d["hits"] = self.hits
        return d


@dataclass
class Listing:
    rows: list[Row]
    disabled: dict = field(default_factory=dict)  # with --site: rule id -> disabling pack file
    documents: int | None = None  # sample size when hit counts were asked for
    other_hits: Counter = field(default_factory=Counter)  # drops by filters that are not rules


def select(ruleset: RuleSet, category: str | None = None, language: str | None = None,
           site: str | None = None, kind: str | None = None) -> Listing:
    """Rows for the rules that match every given filter, in file order."""
    top: dict[str, Rule] = {}
    for r in ruleset.rules:
        cur = top.get(r.id)
        if cur is None or r.level > cur.level:
            top[r.id] = r
    host = site.lower().removeprefix("*.") if site else None
    rows = []
    for r in ruleset.rules:
        if category and r.category != category:
            continue
        if kind and r.kind != kind:
            continue
        if language and r.languages is not None and language not in r.languages:
            continue
        if host and not (r.sites and any(site_matches(s, host) for s in r.sites)):
            continue
        status = ""
        if r.raw.get("enabled", True) is False:
            status = "off (enabled: false)"
        elif top[r.id] is not r:
            w = top[r.id]
            status = f"overridden by {w.file}:{w.line}" + (" where that applies" if w.sites or w.languages else "")
        rows.append(Row(r, status))
    disabled = {}
    if host:
        for p in ruleset.packs:
            if p.kind == "site" and p.disable and any(site_matches(s, host) for s in p.sites or ()):
                for rid in p.disable:
                    disabled[rid] = p.file
    return Listing(rows, disabled)


def count_hits(listing: Listing, results: Iterable) -> Listing:
    """Fill in hit counts from cleaned documents (``Result`` objects or Documents):
    blocks whose reported verdict names the rule (drops, trims, protects)."""
    by_id: Counter = Counter()
    other: Counter = Counter()
    n = 0
    for res in results:
        doc = getattr(res, "document", res)
        n += 1
        for b in doc.blocks:
            v = b.drop_verdict
            if v is not None:
                (by_id if v.rule else other)[v.rule or v.filter] += 1
                continue
            if b.protected:
                keep = next(x for x in b.verdicts if x.action == "keep")
                if keep.rule:
                    by_id[keep.rule] += 1
                continue
            for t in {t.rule for t in b.trims() if t.rule}:
                by_id[t] += 1
    for row in listing.rows:  # counts are per rule id (an override and its original share one)
        row.hits = by_id.get(row.rule.id, 0)
    listing.documents = n
    listing.other_hits = other
    return listing

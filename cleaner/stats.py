"""Run statistics: documents in/out/rejected, characters removed per category and
per rule, documents emptied, and notes (invalid UTF-8, repairs, rule timeouts).
Plain data, fed one ``run.Outcome`` at a time; the CLI's report module renders it."""
from __future__ import annotations

import codecs
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class RunStats:
    docs_in: int = 0
    docs_out: int = 0
    rejected: int = 0
    reject_reasons: Counter = field(default_factory=Counter)
    chars_in: int = 0
    chars_out: int = 0
    categories: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    rule_errors: Counter = field(default_factory=Counter)
    emptied: int = 0  # documents that had text and kept none

    # a run that empties more than this share of its documents is warned about
    EMPTIED_WARNING_SHARE = 0.5

    def add(self, outcome) -> None:
        """Count one ``run.Outcome`` (cleaned or rejected)."""
        if outcome.reason is not None:
            self.add_reject(outcome.reason)
        else:
            self.add_document(outcome.summary)

    def add_document(self, summary: dict) -> None:
        self.docs_in += 1
        self.docs_out += 1
        self.chars_in += summary.get("chars_in", 0)
        self.chars_out += summary.get("chars_out", 0)
        cats, rules = summary.get("categories"), summary.get("rules")
        if cats:
            self.categories.update(cats)
        if rules:
            self.rules.update(rules)
        if summary.get("emptied"):
            self.emptied += 1
        notes = summary.get("notes", {})
        if notes.get("invalid_utf8"):
            self.notes["documents with invalid UTF-8 (replaced)"] += 1
        if notes.get("encoding") and not _utf8(notes["encoding"]):
            self.notes[f"decoded as {notes['encoding']} (not UTF-8)"] += 1
        if notes.get("repaired"):
            self.notes["documents repaired by ftfy"] += 1
        if notes.get("empty"):
            self.notes[f"empty output: {notes['empty']}"] += 1
        if notes.get("parts"):
            self.notes["huge documents cleaned in parts (each part a page of its own)"] += 1
        if notes.get("page_type"):
            self.notes[f"page type assumed: {notes['page_type']}"] += 1
        for rid in notes.get("rule_errors", ()):
            self.rule_errors[rid] += 1

    def add_reject(self, reason: str) -> None:
        self.docs_in += 1
        self.rejected += 1
        # group reasons by their stable prefix (before any ':' detail or number)
        key = reason.split(" (")[0]
        self.reject_reasons[key] += 1

    @property
    def reconciled(self) -> bool:
        return self.docs_in == self.docs_out + self.rejected

    @property
    def mostly_emptied(self) -> bool:
        """More than ``EMPTIED_WARNING_SHARE`` of the cleaned documents lost all their text."""
        return self.emptied > 0 and self.emptied > self.EMPTIED_WARNING_SHARE * self.docs_out

    def merge(self, other: "RunStats") -> None:
        """Add another run's counts (e.g. of another worker or shard)."""
        self.docs_in += other.docs_in
        self.docs_out += other.docs_out
        self.rejected += other.rejected
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.emptied += other.emptied
        for name in ("reject_reasons", "categories", "rules", "notes", "rule_errors"):
            getattr(self, name).update(getattr(other, name))

    def as_dict(self) -> dict:
        return {
            "documents": {"in": self.docs_in, "out": self.docs_out, "rejected": self.rejected},
            "emptied": self.emptied,  # cleaned documents that kept no text
            "reject_reasons": dict(self.reject_reasons),
            "chars": {"in": self.chars_in, "out": self.chars_out},
            "removed_by_category": dict(self.categories.most_common()),
            "top_rules": dict(self.rules.most_common(15)),
            "notes": dict(self.notes),
            "rule_timeouts": dict(self.rule_errors),
        }


def _utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in ("utf-8", "ascii")
    except LookupError:
        return False

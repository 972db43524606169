"""Assemble the kept blocks: title first, paragraphs separated by one blank line."""
from __future__ import annotations

from .document import Document


def render(doc: Document) -> str:
    parts = []
    for b in doc.blocks:
        t = b.kept_text()
        if t:
            parts.append(t)
    return "\n\n".join(parts)


def removed_records(doc: Document) -> list[dict]:
    """The audit trail: one entry per dropped block and per trimmed span."""
    out = []
    for b in doc.blocks:
        v = b.drop_verdict
        if v is not None:
            out.append({"block": b.index, "text": b.text, "rule": v.rule or v.filter,
                        "filter": v.filter, "category": v.category, "reason": v.reason})
            continue
        if b.dropped:
            continue
        for t in b.trims():
            s, e = t.span
            out.append({"block": b.index, "text": b.text[s:e], "rule": t.rule or t.filter,
                        "filter": t.filter, "category": t.category, "reason": t.reason,
                        "span": [s, e]})
    return out


def chars_by(removed: list[dict], key: str) -> dict[str, int]:
    """Characters removed per ``key`` ('category' or 'rule') of an audit trail."""
    out: dict[str, int] = {}
    for x in removed:
        out[x[key]] = out.get(x[key], 0) + len(x["text"])
    return out

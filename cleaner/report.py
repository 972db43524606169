"""Terminal rendering (rich) for the run summary and ``explain``.  The streaming core
never imports this module; objects here render themselves via ``__rich__``."""
from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .document import Document
from .stats import RunStats

CATEGORY_STYLE = {
    "nav": "magenta", "share": "cyan", "related": "blue", "comments": "yellow", "cookie": "bright_yellow",
    "metadata": "bright_blue", "footer": "bright_magenta", "ads": "red", "layout": "bright_black",
    "template": "green", "duplicate": "bright_cyan", "quality": "bright_red",
}


class Summary:
    def __init__(self, stats: RunStats, rejects_path: str | None = None, elapsed: float | None = None):
        self.stats, self.rejects_path, self.elapsed = stats, rejects_path, elapsed

    def __rich__(self):
        s = self.stats
        head = Table.grid(padding=(0, 2))
        ok = "reconciled" if s.reconciled else "DOES NOT RECONCILE"
        line = (f"documents: {s.docs_in:,} in = {s.docs_out:,} out + {s.rejected:,} rejected ({ok})")
        head.add_row(Text(line, style="bold" if s.reconciled else "bold red"))
        if s.chars_in:
            kept = s.chars_out / s.chars_in * 100
            extra = ""
            if self.elapsed:
                rate = s.docs_in / max(self.elapsed, 1e-9)
                extra = f" in {self.elapsed:.1f}s ({rate:,.0f} docs/s)" if rate >= 10 else \
                    f" in {self.elapsed:.1f}s ({rate:.2f} docs/s)"
            head.add_row(f"text characters: {s.chars_in:,} in, {s.chars_out:,} kept ({kept:.1f}%){extra}")
        if s.emptied:
            share = s.emptied / max(1, s.docs_out) * 100
            head.add_row(Text(f"documents emptied (no text kept): {s.emptied:,} ({share:.1f}% of those cleaned)",
                              style="bold red" if s.mostly_emptied else "yellow"))
        parts = [head]
        if s.rejected:
            t = Table(title="rejected records", title_justify="left", show_edge=False)
            t.add_column("reason")
            t.add_column("count", justify="right")
            for reason, n in s.reject_reasons.most_common():
                t.add_row(reason, f"{n:,}")
            parts.append(t)
            if self.rejects_path:
                parts.append(Text(f"rejects written to {self.rejects_path}", style="yellow"))
        if s.categories:
            t = Table(title="removed, by category", title_justify="left", show_edge=False)
            t.add_column("category")
            t.add_column("characters", justify="right")
            t.add_column("share of input", justify="right")
            for cat, n in s.categories.most_common():
                t.add_row(Text(cat, style=CATEGORY_STYLE.get(cat, "")), f"{n:,}",
                          f"{n / max(1, s.chars_in) * 100:.1f}%")
            parts.append(t)
        if s.rules:
            t = Table(title="top rules", title_justify="left", show_edge=False)
            t.add_column("rule / filter")
            t.add_column("characters", justify="right")
            for rid, n in s.rules.most_common(10):
                t.add_row(rid, f"{n:,}")
            parts.append(t)
        notes = dict(s.notes)
        for rid, n in s.rule_errors.most_common():
            notes[f"rule '{rid}' timed out (documents passed on without it)"] = n
        if notes:
            t = Table(title="notes", title_justify="left", show_edge=False)
            t.add_column("what")
            t.add_column("documents", justify="right")
            for k, n in notes.items():
                t.add_row(k, f"{n:,}")
            parts.append(t)
        return Group(*parts)


class Explanation:
    """Every block of a document with its verdict, for ``cleaner explain``."""

    def __init__(self, doc: Document, width: int = 100):
        self.doc, self.width = doc, width

    def __rich__(self):
        doc = self.doc
        t = Table(show_edge=False, pad_edge=False, expand=True,
                  title=f"{len(doc.blocks)} blocks · language {doc.lang} · format {doc.source_format}"
                  + (f" · page type {doc.meta['page_type']}" if doc.meta.get("page_type") else ""),
                  title_justify="left")
        t.add_column("#", justify="right", style="bright_black", no_wrap=True)
        t.add_column("verdict", no_wrap=True)
        t.add_column("rule / reason", overflow="fold", ratio=1)
        t.add_column("text", overflow="fold", ratio=3)
        for b in doc.blocks:
            v = b.drop_verdict
            text = b.text if len(b.text) <= 400 else b.text[:397] + "..."
            if v is not None:
                style = CATEGORY_STYLE.get(v.category, "red")
                why = v.rule if v.rule else f"{v.filter}: {v.reason}"
                t.add_row(str(b.index), Text(f"drop {v.category}", style=style), Text(why, style=style),
                          Text(text, style="strike bright_black"))
                continue
            trims = b.trims() if not b.dropped else []
            if b.protected:
                keep = next(x for x in b.verdicts if x.action == "keep")
                verdict, why = Text("keep", style="bold green"), Text(keep.rule or f"{keep.filter}: {keep.reason}")
            elif trims:
                verdict = Text("trim", style="yellow")
                why = Text("; ".join(x.rule or f"{x.filter}: {x.reason}" for x in trims))
            else:
                verdict, why = Text("keep", style="green"), Text("")
            body = Text()
            pos = 0
            for x in sorted(trims, key=lambda x: x.span):
                s, e = x.span
                body.append(text[pos:s])
                body.append(text[s:e], style="strike yellow")
                pos = max(pos, e)
            body.append(text[pos:])
            t.add_row(str(b.index), verdict, why, body)
        return t

"""The run summary renders the reconciliation, emptied documents and notes."""
from rich.console import Console

from cleaner.report import Summary
from cleaner.run import Outcome
from cleaner.stats import RunStats


def render(obj) -> str:
    c = Console(record=True, width=120, color_system=None)
    c.print(obj)
    return c.export_text()


def test_summary_shows_emptied_documents_and_rejects():
    s = RunStats()
    s.add(Outcome({}, {"chars_in": 10, "chars_out": 0, "categories": {"ads": 10}, "rules": {"drop-all": 10},
                       "notes": {}, "emptied": True}))
    s.add(Outcome(reason="record has no 'text' field"))
    text = render(Summary(s, "out.rejects.jsonl", 1.0))
    assert "documents: 2 in = 1 out + 1 rejected (reconciled)" in text
    assert "documents emptied (no text kept): 1 (100.0% of those cleaned)" in text
    assert "rejects written to out.rejects.jsonl" in text and "drop-all" in text

from cleaner.document import Block, Document
from cleaner.filters.quality import QualityFilter
from cleaner.page import Page


def run(*lines):
    doc = Document([Block(i, t) for i, t in enumerate(lines)])
    QualityFilter().apply(Page(doc))
    return doc


def test_symbol_rows_replacement_junk_and_long_runs():
    doc = run("⁺", "| » |", "\ufffd\ufffd\ufffd\ufffdab", "x" * 200, "A normal line of text.", "第2712号决议")
    reasons = [b.drop_verdict.reason if b.dropped else None for b in doc.blocks]
    assert reasons[0] == reasons[1] == "no letters or digits"
    assert reasons[2].startswith("undecodable bytes")
    assert reasons[3].startswith("unbroken run")
    assert reasons[4] is None and reasons[5] is None
    assert all(b.drop_verdict.category == "quality" for b in doc.blocks[:4])

"""Huge documents in parts (cleaner/parts.py): where the cuts fall, that a document up
to twice the part size is cleaned exactly as before, and that a larger one is cleaned
part by part (each a page of its own) in memory that does not grow with its size."""
from __future__ import annotations

import tracemalloc

import pytest

from cleaner import Cleaner
from cleaner.parts import cut_points, split
from cleaner.run import Payload, RecordOptions, clean_one
from cleaner.stats import RunStats

PROSE = ("The council approved the new budget on Tuesday after a long debate about schools, roads "
         "and the future of the harbour, which several members said had been neglected for years.")


def word(n: int) -> str:
    return "".join(chr(97 + (n // 26 ** k) % 26) for k in range(4))


def page(n: int) -> str:
    """One small news page: navigation, a title, prose, a share widget, a footer (its
    title and paragraphs differ in words, not only in numbers: no two are duplicates)."""
    def sentence(k: int) -> str:
        w = [word(n * 1009 + k * 31 + j) for j in range(8)]
        return (f"The {w[0]} and the {w[1]} of the {w[2]} were discussed with {w[3]} on Tuesday, while "
                f"the {w[4]} said that {w[5]} would follow the {w[6]} of {w[7]} next year.")
    body = "\n\n".join(f"{sentence(2 * i)} {sentence(2 * i + 1)}" for i in range(4))
    return (f"Home\n\nNews\n\nCouncil approves budget for {word(n * 7 + 5)}\n\n{body}\n\nShare on Facebook"
            f"\n\n© 2024 Example News")


# -- cut points -----------------------------------------------------------------------------

def test_no_cut_up_to_twice_the_part_size():
    assert cut_points("x" * 200, 100) == [] and cut_points("x" * 201, 100) != []
    assert cut_points("x" * 10_000, 0) == []


def test_cuts_fall_on_blank_lines_then_line_ends_then_spaces():
    paras = "\n\n".join("word " * 30 for _ in range(40))
    for at in cut_points(paras, 1000):
        assert paras[at:at + 2] == "\n\n"
    lines = "\n".join("word " * 30 for _ in range(40))
    for at in cut_points(lines, 1000):
        assert lines[at] == "\n"
    one_line = "word " * 2000
    for at in cut_points(one_line, 1000):
        assert one_line[at] == " "
    solid = "x" * 5000
    assert cut_points(solid, 1000) == [1000, 2000, 3000, 4000]


def test_parts_cover_the_text_in_order_and_are_about_the_part_size():
    text = "\n\n".join(page(i) for i in range(60))
    parts = split(text, 5000)
    assert "".join(parts) == text
    assert len(parts) == -(-len(text) // 5000)
    assert all(3000 < len(p) < 7000 for p in parts)
    assert split(text, 5000) == parts  # the text alone decides


# -- cleaning ---------------------------------------------------------------------------------

def test_a_document_up_to_twice_the_part_size_is_cleaned_as_one_page():
    text = "\n\n".join(page(i) for i in range(8))
    whole = Cleaner(part_chars=0).clean(text)
    near = Cleaner(part_chars=-(-len(text) // 2)).clean(text)  # exactly twice: not cut
    assert "parts" not in near.notes and near.text == whole.text
    assert [(r["block"], r["rule"]) for r in near.removed] == [(r["block"], r["rule"]) for r in whole.removed]
    assert len(near.document.blocks) == len(whole.document.blocks)


def test_a_huge_document_is_cleaned_part_by_part_each_a_page_of_its_own():
    text = "\n\n".join(page(i) for i in range(40))
    size = 3000
    c = Cleaner(part_chars=size)
    res = c.clean(text)
    pieces = split(text, size)
    assert res.notes["parts"] == len(pieces) > 2
    alone = [c.clean_page(p, part=True) for p in pieces]
    assert res.text == "\n\n".join(r.text for r in alone if r.text)
    assert res.document.blocks == [] and res.document.meta["parts"] == len(pieces)
    assert res.chars_in == sum(r.chars_in for r in alone)
    # the audit trail: every part's removals, blocks numbered over the whole document
    assert len(res.removed) == sum(len(r.removed) for r in alone)
    offset = len(alone[0].document.blocks)
    second = [r for r in res.removed if r["part"] == 1]
    assert [r["block"] - offset for r in second] == [r["block"] for r in alone[1].removed]
    # which rule decided, part by part: the share widget and the footer of every page
    rules = {r["rule"] for r in res.removed if r["text"] == "Share on Facebook"}
    assert rules and all(r["rule"] in rules for r in res.removed if r["text"] == "Share on Facebook")
    assert sum(1 for r in res.removed if r["text"] == "Share on Facebook") == 40
    assert res.chars_by_rule == {k: sum(r.chars_by_rule.get(k, 0) for r in alone)
                                 for k in res.chars_by_rule}


def test_a_comments_header_in_a_part_does_not_run_over_the_rest_of_the_part():
    """On a page, a comments header drops the rest of the page as its section; a part's
    end is not a page's end, so within parts no comment section is applied (what follows
    the header is judged by the other rules and the part's layout)."""
    pages = [page(i) for i in range(30)]
    pages[3] = pages[3].replace("Share on Facebook", "Comments")
    text = "\n\n".join(pages)
    whole = Cleaner(part_chars=0).clean(text)
    parted = Cleaner(part_chars=3000).clean(text)
    follows = page(4).split("\n\n")[3]  # the first paragraph of the next page
    section = [r for r in whole.removed if r["rule"] == "en-comments-header"]
    assert any(r["text"] == follows and r["reason"].startswith("in section") for r in section)
    assert parted.notes["parts"] > 2
    assert not [r for r in parted.removed if r["rule"] == "en-comments-header"]
    assert Cleaner(part_chars=3000).clean(pages[3]).removed == Cleaner(part_chars=0).clean(pages[3]).removed


def test_without_audit_the_trail_is_not_kept_but_the_counts_are():
    text = "\n\n".join(page(i) for i in range(20))
    c = Cleaner(part_chars=2000)
    with_trail, without = c.clean(text), c.clean(text, audit=False)
    assert without.removed == [] and with_trail.removed
    assert without.text == with_trail.text
    assert without.chars_removed == with_trail.chars_removed
    assert without.chars_by_rule == with_trail.chars_by_rule


def test_the_run_summary_counts_documents_cleaned_in_parts():
    c = Cleaner(part_chars=2000)
    stats = RunStats()
    big = clean_one(c, Payload({"id": "big", "text": "\n\n".join(page(i) for i in range(20))}), RecordOptions())
    small = clean_one(c, Payload({"id": "small", "text": page(0)}), RecordOptions(audit=True))
    for outcome in (big, small):
        stats.add(outcome)
    assert big.summary["notes"]["parts"] > 2 and "parts" not in small.summary["notes"]
    assert "removed" not in big.record and small.record["removed"]
    assert stats.notes["huge documents cleaned in parts (each part a page of its own)"] == 1
    assert big.summary["rules"] and big.summary["chars_in"] > big.summary["chars_out"] > 0


def test_html_pages_are_never_cut():
    html = "<html><body>" + "".join(f"<p>{PROSE} {i}</p>" for i in range(60)) + "</body></html>"
    res = Cleaner(part_chars=1000).clean(html)
    assert "parts" not in res.notes and res.document.blocks


def test_part_chars_in_a_config_is_checked():
    from cleaner import CleanerSpec
    assert CleanerSpec.from_dict({"part_chars": 5000}).part_chars == 5000
    with pytest.raises(ValueError, match="part_chars"):
        CleanerSpec.from_dict({"part_chars": -1})
    with pytest.raises(ValueError, match="part_chars"):
        CleanerSpec.from_dict({"part_chars": "big"})


def _peak(c: Cleaner, text: str) -> int:
    tracemalloc.start()
    try:
        c.clean(text, audit=False)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_that_of_one_part_whatever_the_document_size():
    """Eight times the text in parts peaks little above one part's worth: what grows
    is the input and the output, not the analysis (blocks, features, verdicts)."""
    size = 10_000
    c = Cleaner(part_chars=size)
    text = "\n\n".join(page(i) for i in range(400))
    small, big = text[: 3 * size], text[: 24 * size]
    c.clean(big)  # warm: rules compiled, memos read (not what is measured)
    peak_small, peak_big = _peak(c, small), _peak(c, big)
    assert peak_big < peak_small + 4 * len(big)  # the output and the slices of the input


def test_parts_leave_the_cycle_collector_as_they_found_it():
    """While parts are cleaned, older objects are frozen (not traversed at every part);
    they are handed back afterwards, and a caller's own freeze is left alone."""
    import gc

    text = "\n\n".join(page(i) for i in range(12))
    c = Cleaner(part_chars=3000)
    assert gc.get_freeze_count() == 0
    assert c.clean(text).notes["parts"] > 2
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        c.clean(text)
        assert gc.get_freeze_count() > 0  # still frozen: not handed back by the parts
    finally:
        gc.unfreeze()

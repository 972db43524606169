import pytest

from cleaner.document import Block, Document
from cleaner.filters.quality import FEW_BLOCKS, QualityFilter
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


def test_suspects_are_found_over_the_joined_text():
    from cleaner.filters.quality import _suspects

    texts = ["A normal line of text.", "| » |", "x" * 130, "___", "Another line", "⁺"]
    page = Page(Document([Block(i, t) for i, t in enumerate(texts)]))
    # no tokens (1, 5), tokens but no letter or digit (3: '_' is a token character), 120+ characters (2)
    assert _suspects(page.texts, "\n".join(page.texts), page.ntok) == [1, 2, 3, 5]


@pytest.mark.parametrize("filler", [0, FEW_BLOCKS])  # every block read / the suspects found
def test_underscores_hold_no_letters_and_a_page_with_junk_reads_every_block(filler):
    doc = run("___", "A line with a stray \x07 bell.", "\ufffd\ufffd\ufffd\ufffdab", "fine", *["text"] * filler)
    reasons = [b.drop_verdict.reason if b.dropped else None for b in doc.blocks]
    assert reasons[0] == "no letters or digits" and reasons[1] is None and reasons[3] is None
    assert reasons[2].startswith("undecodable bytes")
    assert not any(reasons[4:])


@pytest.mark.parametrize("filler", [0, FEW_BLOCKS])
def test_the_checks_drop_the_same_blocks_with_and_without_the_suspects(filler):
    doc = run("⁺", "| » |", "x" * 200, "A normal line of text.", "___", "y" * 119, *["text"] * filler)
    reasons = [b.drop_verdict.reason if b.dropped else None for b in doc.blocks]
    assert reasons[:6] == ["no letters or digits"] * 2 + ["unbroken run (code, base64, hash)", None,
                                                          "no letters or digits", None]


def test_has_junk_finds_what_the_junk_pattern_matches():
    from cleaner.filters.quality import _JUNK, has_junk

    # the characters below U+3000 and from U+FF00 (the controls, U+FFFD and their neighbours),
    # alone and inside ASCII and non-ASCII text
    chars = [chr(c) for c in (*range(0x3000), *range(0xFF00, 0x10000))]
    matched = [c for c in chars if _JUNK.search(c)]
    assert {c for c in chars if has_junk(c)} == set(matched) and len(matched) == 31
    for c in matched + ["\t", "\n", " ", "\u3000", "é"]:
        for text in (f"plain text {c} here", f"texte accentué {c} ici", f"中文{c}文本", c * 3 + "a"):
            assert has_junk(text) is (_JUNK.search(text) is not None), repr(text)

import pytest

from cleaner.parse import parse, sniff
from cleaner.parse.plain import _OTHER_SPACES, FEW_LINES, looks_hard_wrapped, parse_plain, tidy_lines


def test_one_block_per_line_with_gaps():
    doc = parse("Title\n\nFirst line\nSecond line\n", "text")
    assert [b.text for b in doc.blocks] == ["Title", "First line", "Second line"]
    assert [b.gap_before for b in doc.blocks] == [False, True, False]


def test_bullets_become_list_items():
    doc = parse("  • 关于我们\n- item two\n1. first", "text")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list_item", "关于我们"), ("list_item", "item two"), ("list_item", "first")]


def test_hard_wrapped_paragraphs_are_joined():
    para = ("This paragraph was wrapped at a fixed width by an old tool that\n"
            "broke every line near seventy characters, so each line alone looks\n"
            "like a fragment and not like the prose that it really is in fact.\n")
    text = "\n".join([para] * 4)
    assert looks_hard_wrapped(text.split("\n"))
    doc = parse(text, "text")
    assert len(doc.blocks) == 4 and doc.meta["hard_wrapped"]
    assert doc.blocks[0].text.startswith("This paragraph was wrapped") and "\n" not in doc.blocks[0].text


def test_sniff_formats():
    assert sniff("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff("<div>a</div><p>b</p> some text") == "markup"
    assert sniff("[A title](https://example.com/a)\n------\ntext") == "markup"
    assert sniff("plain text\nwith a < sign and 3 > 2") == "text"


def test_one_markdown_line_shape_alone_is_plain_text():
    # scraped text: a code comment, a lone '#' over a line, a '-' separator, one '---' rule
    code = "To boot the machine, type\n# boot sd0a:/bsd\nand wait for the prompt."
    assert sniff(code) == "text"
    assert sniff("Ingredients\n#\nAll recipes\n-\nFlour, 500 g") == "text"
    assert sniff("First part of the story.\n---\nSecond part of the story.") == "text"
    # two line shapes, or any markdown link, make it markdown
    assert sniff("# A title\n\nSome prose.\n\n## A section\n\nMore prose.") == "markup"
    assert sniff("Title\n=====\n\nSome prose.\n\n---\n") == "markup"
    assert sniff("See [the docs](https://example.com/docs) for more.") == "markup"


def test_empty_text_gives_empty_document():
    assert parse("", "auto").blocks == []
    assert parse("\n\n   \n", "text").blocks == []


def test_list_markers_are_found_whatever_the_first_character():
    """parse_plain runs the marker regex only on lines whose first character may begin a
    marker; every other line must be one the regex would not have matched either."""
    from cleaner.parse.plain import _BULLET

    starts = [chr(c) for c in range(33, 127)] + ["•", "▶", "١", "٣", "é", "中"]
    lines = [f"{c} item" for c in starts] + [f"{c}2) item" for c in starts] + [f"{c}. item" for c in starts]
    doc = parse_plain("\n".join(lines))
    for line, block in zip(lines, doc.blocks):
        m = _BULLET.match(line)
        expected = ("list_item", line[m.end():].strip()) if m and len(line) > m.end() else ("line", line)
        assert (block.kind, block.text) == expected, line


def test_other_spaces_are_all_of_str_split_whitespace_but_space_and_newline():
    whitespace = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(_OTHER_SPACES) == whitespace - {" ", "\n"}


@pytest.mark.parametrize("text", [
    "plain line\nanother", "  lead\ntrail  \n mid  dle \n", "tab\there\n\u00a0nbsp\u3000ideo\n",
    "\x1c\x1dinfo seps\r\nwindows\r\n", " ", "", "\n\n", "x \n \ny", "a\u2028b\u0085c\n\u200bzero width",
])
@pytest.mark.parametrize("filler", ["", "line\n" * FEW_LINES])  # read line by line / searched
def test_tidy_lines_are_the_split_and_joined_lines(text, filler):
    for text in (filler + text, text + filler):
        raw = text.split("\n")
        assert tidy_lines(text, raw) == [" ".join(x.split()) for x in raw]
        assert raw == text.split("\n")  # the raw lines are left as they were


def test_a_line_after_a_tidied_one_is_tidied_too():
    text = "a\n b\n c\nd  e\nf\t\n" + "g\n" * FEW_LINES
    assert tidy_lines(text, text.split("\n"))[:6] == ["a", "b", "c", "d e", "f", "g"]


def test_a_link_or_two_markdown_lines_make_markup_and_one_line_shape_alone_does_not():
    assert sniff("See [the docs](https://example.com/docs) for more") == "markup"
    assert sniff("# of guests: 4") == "text" and sniff("# One\n\n## Two") == "markup"
    assert sniff("brackets [here] and (there)") == "text"

"""The tree walk's block text and link share, joined once per block (``parse.tree``)."""
from __future__ import annotations

from lxml import etree

from cleaner.parse.html import parse_html
from cleaner.parse.markup import parse_markup


def test_a_paragraph_of_many_links_is_one_block_with_its_link_ratio():
    links = " ".join(f'<a href="/t/{i}">tag{i}</a>' for i in range(300))
    doc = parse_html(f"<html><body><p>Tags: {links} and more</p></body></html>")
    [b] = doc.blocks
    assert b.text.startswith("Tags: tag0 tag1") and b.text.endswith("tag299 and more")
    visible = len(b.text) - b.text.count(" ")
    assert b.features["link_ratio"] == sum(len(f"tag{i}") for i in range(300)) / visible


def test_markup_keeps_one_block_per_line_and_each_line_its_link_share():
    doc = parse_markup("<div>Plain words here\n<a href=\"/x\">linked words</a>\nmore plain</div>")
    assert [(b.text, b.features["link_ratio"]) for b in doc.blocks] == [
        ("Plain words here", 0.0), ("linked words", 1.0), ("more plain", 0.0)]


def test_headings_items_rows_and_code_get_their_kinds():
    doc = parse_html("<html><body><h2>Head</h2><ul><li>item</li></ul><table><tr><td>a</td><td>b</td></tr>"
                     "</table><pre>x = 1\n  y</pre><figure><figcaption>cap</figcaption></figure></body></html>")
    assert [(b.kind, b.text, b.features.get("heading_level")) for b in doc.blocks] == [
        ("heading", "Head", 2), ("list_item", "item", None), ("table_row", "a b", None),
        ("code", "x = 1\n  y", None), ("caption", "cap", None)]
    assert etree.iselement(doc.blocks[0].features["_el"])


def test_inline_marks_go_to_the_inline_form_only_and_a_marks_only_run_makes_no_block():
    doc = parse_html('<html><body><p>Read <b>bold</b> and <a href="/x">a link</a></p>'
                     "<p><b> </b></p><p>next</p></body></html>", inline=True)
    assert [(b.text, b.features.get("inline")) for b in doc.blocks] == [
        ("Read bold and a link", "Read **bold** and [a link](/x)"), ("next", None)]
    assert doc.blocks[0].features["link_ratio"] == len("alink") / len("Readboldandalink")

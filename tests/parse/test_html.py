from lxml import etree

from cleaner.parse import decode_html, parse
from cleaner.parse.html import _parser, page_tree, parse_html


PAGE = """<!DOCTYPE html><html><head><title>A story | Example News</title>
<script>var x = "<p>not text</p>";</script><style>p{}</style></head>
<body><nav class="site-nav main"><a href="/">Home</a> <a href="/news">News</a></nav>
<article id="story"><h1>A story</h1><p>First paragraph with <a href="/x">a link</a> inside it.</p>
<div hidden>hidden text</div><div style="display: none">also hidden</div>
<figure><figcaption>A caption</figcaption></figure>
<table><tr><td>cell one</td><td>cell two</td></tr></table>
<ul><li>item</li></ul></article><footer>© Example</footer></body></html>"""


def test_html_page_blocks_and_features():
    doc = parse(PAGE, "auto")
    assert doc.source_format == "html"
    assert doc.meta["page_title"] == "A story | Example News"
    t = [b.text for b in doc.blocks]
    assert t == ["Home News", "A story", "First paragraph with a link inside it.", "A caption",
                 "cell one cell two", "item", "© Example"]
    nav = doc.blocks[0]
    assert nav.features["link_ratio"] == 1.0
    assert {"site-nav", "main", "tag:nav"} <= nav.features["dom_tokens"]
    h1 = doc.blocks[1]
    assert h1.kind == "heading" and h1.features["heading_level"] == 1 and "story" in h1.features["dom_tokens"]
    assert 0 < doc.blocks[2].features["link_ratio"] < 0.5
    assert [b.kind for b in doc.blocks[3:6]] == ["caption", "table_row", "list_item"]
    assert "tag:footer" in doc.blocks[6].features["dom_tokens"]


def test_deeply_nested_page_does_not_crash():
    depth = 5000
    html = "<html><body>" + "<div>" * depth + "<p>deep text</p>" + "</div>" * depth + "</body></html>"
    doc = parse(html, "html")
    assert any("deep text" in b.text for b in doc.blocks)


def test_decode_html_uses_declared_charset_and_detection():
    gbk = '<html><head><meta charset="gbk"></head><body><p>中文内容测试</p></body></html>'.encode("gbk")
    text, notes = decode_html(gbk)
    assert "中文内容测试" in text
    undeclared = ("<html><body><p>" + "这是一段没有声明编码的中文网页内容。" * 20 + "</p></body></html>").encode("gbk")
    text, _ = decode_html(undeclared)
    assert "没有声明编码" in text


def test_crawler_envelope_without_html_tag():
    doc = parse('<text id="http://x" encoding="utf-8"><p>Body text here.</p></text>', "html")
    assert [b.text for b in doc.blocks] == ["Body text here."]


# -- the numbered block elements, inline forms, structure features ---------------------
def test_nodes_number_block_elements_in_document_order():
    doc = parse(PAGE, "html")
    nodes = doc.meta["_nodes"]
    art = next(i for i in range(len(nodes)) if nodes.tag[i] == "article")
    inside = [b.text for b in doc.blocks if nodes.inside(b.features["node"], art)]
    assert inside == ["A story", "First paragraph with a link inside it.", "A caption", "cell one cell two", "item"]
    assert nodes.children(art) and all(nodes.parent[k] == art for k in nodes.children(art))


def test_inline_form_cells_lists_and_code():
    html = ("<html><body><p>Read <b>this</b> and <a href='/x'>that</a> <code>now</code>.</p>"
            "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
            "<ol><li>one<ul><li>deep</li></ul></li></ol>"
            "<pre class='language-rust'>fn main() {\n    x();\n}</pre></body></html>")
    doc = parse(html, "html", inline=True)
    b = {x.text: x for x in doc.blocks}
    assert b["Read this and that now."].features["inline"] == "Read **this** and [that](/x) `now`."
    assert b["a b"].features["cells"] == ["a", "b"] and b["a b"].features["header_row"]
    assert b["1 2"].features["cells"] == ["1", "2"] and "header_row" not in b["1 2"].features
    assert b["one"].features["ordered"] and b["one"].features["list_depth"] == 1
    assert b["deep"].features["list_depth"] == 2 and not b["deep"].features["ordered"]
    code = next(x for x in doc.blocks if x.kind == "code")
    assert code.text == "fn main() {\n    x();\n}" and code.features["code_lang"] == "rust"
    assert "inline" not in parse(html, "html").blocks[0].features  # only when asked


# -- bad pages ----------------------------------------------------------------------
def test_xxe_and_entity_bomb_are_never_expanded():
    xxe = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           "<html><body><p>Before &xxe; after.</p></body></html>")
    doc = parse(xxe, "html")
    assert [b.text for b in doc.blocks] == ["Before &xxe; after."]
    lol = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 9))
    bomb = f'<!DOCTYPE b [<!ENTITY l0 "lol">{lol}]><html><body><p>Start &l8; end.</p></body></html>'
    doc = parse(bomb, "html")
    assert sum(len(b.text) for b in doc.blocks) < 100


def test_ten_thousand_deep_nesting_keeps_its_text():
    html = "<html><body>" + "<div>" * 10000 + "<p>deep text</p>" + "</div>" * 10000 + "</body></html>"
    doc = parse(html, "html")
    assert doc.meta.get("deep_nesting") and [b.text for b in doc.blocks] == ["deep text"]


def test_too_many_blocks_is_a_clear_error(monkeypatch):
    import pytest

    from cleaner.parse import html as html_mod
    monkeypatch.setattr(html_mod, "MAX_BLOCKS", 50)
    with pytest.raises(html_mod.TooManyBlocks, match="more than 50 blocks"):
        parse("<html><body>" + "<p>x</p>" * 60 + "</body></html>", "html")


def test_not_html_names_what_the_field_holds():
    from cleaner.parse.html import not_html
    assert not_html("%PDF-1.7\n%âãÏÓ\n1 0 obj") == "holds a PDF document, not HTML"
    assert not_html("\x89PNG\r\n\x1a\n") == "holds a PNG image, not HTML"
    assert not_html('{"title": "x", "body": "<p>y</p>"}') == "holds JSON, not HTML"
    assert not_html("just words").startswith("holds plain text")
    assert not_html("<p>a fragment</p>") is None and not_html(PAGE) is None


def test_empty_and_frames_only_pages_say_why(cleaner):
    r = cleaner.clean("<html><head><title>x</title></head><body>  </body></html>", fmt="html")
    assert r.text == "" and r.notes["empty"] == "the page has no visible text"
    frames = '<html><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>'
    r = cleaner.clean(frames, fmt="html")
    assert r.text == "" and r.notes["empty"].startswith("frames only")


def test_leading_comments_and_conditional_comments_parse_quickly():
    # a theme's debug comments before the doctype and IE conditional comments after it:
    # the doctype scan is linear (a backtracking pattern hung on such a page)
    head = "\n".join(f"<!-- FILE NAME SUGGESTIONS: * html--node--{i}.tpl.php -->" for i in range(40))
    html = (head + "<!DOCTYPE html>\n<!--[if lt IE 7]><html class='ie'><![endif]-->\n<html><body>"
            + "<p>text [with brackets] here</p>" * 2000 + "</body></html>")
    doc = parse(html, "html")
    assert len(doc.blocks) == 2000 and doc.blocks[0].text == "text [with brackets] here"


def test_unclosed_button_around_the_page_does_not_hide_it():
    html = ("<html><body><header><div class='menu'><button class='menu-button'>Menu"
            "<main><article><h1>Headline</h1><p>First paragraph.</p><p>Second paragraph.</p>"
            "<p>Third paragraph.</p></article></main></body></html>")
    doc = parse(html, "html")
    assert [b.text for b in doc.blocks][-3:] == ["First paragraph.", "Second paragraph.", "Third paragraph."]
    plain = parse("<html><body><button>Buy now</button><p>Text.</p></body></html>", "html")
    assert [b.text for b in plain.blocks] == ["Text."]  # a plain button stays out


def test_control_characters_are_dropped_before_libxml2_sees_them():
    # libxml2 would read them as U+FFFD; the page's text never shows them
    doc = parse_html("<html><body><p>con\x00trol\x01 cha\x7fracters\x1f here</p></body></html>")
    assert [b.text for b in doc.blocks] == ["control characters here"]


def test_a_declared_charset_does_not_change_how_a_decoded_page_is_read():
    # the page is a str already: its <meta charset> must not make libxml2 re-decode it
    doc = parse_html('<html><head><meta charset="gbk"><title>新闻</title></head>'
                     "<body><p>中文内容 é ü</p></body></html>")
    assert [b.text for b in doc.blocks] == ["中文内容 é ü"] and doc.meta["page_title"] == "新闻"


def test_a_lone_surrogate_is_parsed_from_the_str_as_before():
    # not encodable as UTF-8: the page is handed to lxml as a str (page_tree's fallback)
    html = "<html><body><p>ok \ud800 text</p><p>second</p></body></html>"
    root = page_tree(html)
    assert root.find("body") is not None
    assert etree.tostring(root) == etree.tostring(etree.fromstring(html, _parser()))

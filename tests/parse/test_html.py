from cleaner.parse import decode_html, parse


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

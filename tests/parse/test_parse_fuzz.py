"""Property test: the parsers take any text (generated HTML, markup, plain text) and
return a Document, never an exception."""
import os
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.parse import parse

EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=EXAMPLES or 80, deadline=timedelta(seconds=10), derandomize=not EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow])

TAGS = ["html", "head", "body", "title", "p", "div", "span", "a", "br", "h1", "h2", "ul", "li", "table", "tr",
        "td", "script", "style", "nav", "footer", "article", "pre", "code", "img", "meta", "svg", "template",
        "noscript", "iframe", "textarea", "select", "option", "form", "button", "!--", "![CDATA["]
ATTRS = st.sampled_from(['', ' class="nav share"', ' id="x"', ' href="/a"', ' style="display:none"',
                         ' charset="gbk"', ' role="navigation"', ' hidden', ' class=', ' a="<p>"', " x='y"])
pieces = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), ATTRS),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&#99999999;", "&nbsp;", "&", "<!--", "-->", "<?xml ?>",
                     "<!DOCTYPE html>", "]]>", "\r", "\n\n", "\t", "\x00", "\ufeff", "\u202e", "\ud800",
                     "[link](http://x)", "# Heading", "===", "```", "* item", "| a | b |"]),
    st.text(max_size=30),
)
documents = st.lists(pieces, max_size=60).map("".join)


@FUZZ
@given(text=documents, fmt=st.sampled_from(["auto", "text", "markup", "html"]))
def test_any_markup_parses(text, fmt):
    doc = parse(text, fmt)
    assert all(isinstance(b.text, str) and b.text for b in doc.blocks)


@FUZZ
@given(depth=st.integers(1, 3000), tag=st.sampled_from(["div", "span", "b", "li", "table"]))
def test_deep_nesting_parses(depth, tag):
    doc = parse(f"<html><body>{f'<{tag}>' * depth}Deep text here.{f'</{tag}>' * depth}</body></html>", "html")
    assert "Deep text here." in " ".join(b.text for b in doc.blocks)

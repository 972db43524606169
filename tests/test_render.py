"""Output formats: text, markdown (headings, lists, tables, code, emphasis, links only
when asked) and clean HTML, on page shapes and on markdown input."""
import pytest

from cleaner import Cleaner
from cleaner.render import render

from .dom import pages


@pytest.fixture(scope="module")
def md():
    return Cleaner(output_format="markdown")


def test_markdown_keeps_page_structure(md):
    out = md.clean(pages.DOC_PAGE, fmt="html").text
    assert out.startswith("# Loading files\n\n")
    assert "The `load` function reads a JSON file" in out
    assert "*ValueError*" in out and "**never**" in out
    assert "```python\n" + pages.CODE + "\n```" in out
    assert "## Options" in out
    assert "| name | default |\n| --- | --- |\n| encoding | utf-8 |\n| strict | True |" in out
    assert "- Files are read once.\n  - Nested detail about caching.\n- Paths may be relative." in out
    assert "1. Open the file.\n1. Parse it." in out
    assert "Install" not in out  # the sidebar is still dropped


def test_links_only_when_asked(md):
    html = pages.page(f"<article><h1>Council approves budget</h1><p>{pages.P1} See the "
                      f'<a href="https://example.org/budget.pdf">full budget</a> for details.</p>'
                      f"<p>{pages.P2}</p></article>")
    assert "See the full budget for details." in md.clean(html, fmt="html").text
    with_links = Cleaner(output_format="markdown", links=True).clean(html, fmt="html").text
    assert "See the [full budget](https://example.org/budget.pdf) for details." in with_links


def test_html_output_is_clean_markup():
    c = Cleaner(output_format="html", links=True)
    out = c.clean(pages.DOC_PAGE, fmt="html").text
    assert out.startswith("<h1>Loading files</h1>")
    assert '<pre><code class="language-python">def load(path):' in out
    assert "<table>\n<tr><th>name</th><th>default</th></tr>" in out
    assert "<ul>\n<li>Files are read once.</li>\n<ul>\n<li>Nested detail about caching.</li>\n</ul>" in out
    assert "<ol>\n<li>Open the file.</li>" in out
    assert "<p>The <code>load</code> function" in out and "<strong>never</strong>" in out
    assert "class=\"body\"" not in out and "role=" not in out


def test_text_output_unchanged_by_structure(cleaner):
    out = cleaner.clean(pages.DOC_PAGE, fmt="html").text
    assert "# " not in out and "```" not in out and "| name" not in out
    assert "The load function reads a JSON file" in out


def test_markdown_output_from_markdown_input(md):
    text = "# Budget approved\n\n" + pages.P1 + "\n\n## Next steps\n\n" + pages.P2 + "\n\n" + pages.P3 + "\n"
    out = md.clean(text).text
    assert out.startswith("# Budget approved\n\n")
    assert "\n\n## Next steps\n\n" + pages.P2 in out


def test_trimmed_block_renders_its_kept_text():
    from cleaner.document import TRIM, Block, Document, Verdict
    b = Block(0, "Share this: The council met.", "paragraph", {"inline": "**Share this:** The council met."})
    b.add(Verdict("share", "share", "share prefix", TRIM, "x", (0, 12)))
    doc = Document([b], source_format="html")
    assert render(doc, "markdown") == "The council met."


def test_unknown_output_format():
    with pytest.raises(ValueError, match="unknown output format"):
        Cleaner(output_format="pdf")


def test_characters_removed_by_category_and_by_rule_in_one_pass():
    from cleaner.render import chars_by

    removed = [{"text": "abc", "category": "nav", "rule": "r1"}, {"text": "de", "category": "ads", "rule": "r2"},
               {"text": "f", "category": "nav", "rule": "r2"}]
    by_category, by_rule = chars_by(removed)
    assert by_category == {"nav": 4, "ads": 2} and list(by_category) == ["nav", "ads"]
    assert by_rule == {"r1": 3, "r2": 3}

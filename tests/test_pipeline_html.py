"""HTML records: the html field (or --html-field), text written to the text field,
the html field dropped unless kept, page metadata under 'metadata', and a clear
reason for every record that is not a page."""
import pytest

from cleaner import Cleaner
from cleaner.pipeline import Rejected

from .dom import pages


def test_html_field_is_read_and_dropped(cleaner):
    rec = {"id": 7, "url": "https://example.org/budget", "html": pages.ARTICLE_WITH_COMMENTS, "lang": "en"}
    out, res = cleaner.clean_record(rec)
    assert "html" not in out and out["id"] == 7 and out["lang"] == "en"
    assert out["text"].startswith("Council approves budget") and pages.P2 in out["text"]
    assert out["metadata"]["title"] == "Council approves budget" and out["metadata"]["language"] == "en"
    assert res.document.source_format == "html"


def test_keep_html_custom_field_and_record_metadata_wins():
    c = Cleaner(html_field="page", keep_html=True)
    rec = {"id": 1, "page": pages.FORUM_THREAD, "text": "ignored: the html field is given",
           "metadata": {"title": "From the crawl", "crawl": "2025-10"}}
    out, _ = c.clean_record(rec)
    assert out["page"] == pages.FORUM_THREAD and pages._POSTS[1][2] in out["text"]
    assert out["metadata"]["title"] == "From the crawl" and out["metadata"]["crawl"] == "2025-10"
    assert out["metadata"]["language"] == "en"


def test_no_metadata():
    out, _ = Cleaner(metadata=False).clean_record({"html": pages.FORUM_THREAD})
    assert "metadata" not in out


def test_text_records_are_unchanged(cleaner):
    out, _ = cleaner.clean_record({"id": 1, "text": "Council approves budget\n" + pages.P1})
    assert set(out) == {"id", "text"}


@pytest.mark.parametrize("value, reason", [
    ('{"title": "a JSON object, not a page"}', "field 'html' holds JSON, not HTML"),
    ("plain words without markup", "field 'html' holds plain text"),
    ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "field 'html' holds a PDF document, not HTML"),
    ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "field 'html' looks binary"),
    (12, "field 'html' is int, not a string"),
])
def test_what_is_not_a_page_is_rejected_with_a_reason(cleaner, value, reason):
    with pytest.raises(Rejected) as e:
        cleaner.clean_record({"id": 1, "html": value})
    assert e.value.reason.startswith(reason)


def test_a_record_without_text_or_html(cleaner):
    with pytest.raises(Rejected, match="record has no 'text' field"):
        cleaner.clean_record({"id": 1, "body": "x"})
    with pytest.raises(Rejected, match="no 'page' field"):
        Cleaner(html_field="page").clean_record({"id": 1, "body": "x"})

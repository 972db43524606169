"""The text filters of an HTML page see only its content: the view renumbers the
content's blocks while it is open and puts the page back when it closes."""
from cleaner.dom.scope import content_view
from cleaner.filters.dom import DomFilter
from cleaner.page import Page

from . import pages


def _located(cleaner, html):
    doc = cleaner.parse(html, fmt="html")
    dom = next(f for f in cleaner.html_filters if isinstance(f, DomFilter))
    dom.apply(Page(doc, cleaner.context))
    return doc


def test_view_holds_the_content_blocks_renumbered_and_restores_them(cleaner):
    doc = _located(cleaner, pages.FORUM_THREAD)
    inside = [b for b in doc.blocks if b.features["dom_main"]]
    before = [b.index for b in doc.blocks]
    with content_view(doc) as sub:
        assert sub.blocks == inside and [b.index for b in sub.blocks] == list(range(len(inside)))
        assert sub.meta["content"]["regions"] == [[0, len(inside) - 1]]
        sub.meta["rule_errors"] = ["a note a filter left"]
        sub.meta["layout"] = {"title": 0, "regions": [[0, len(inside) - 1]], "source": "dom"}
    assert [b.index for b in doc.blocks] == before
    assert doc.meta["rule_errors"] == ["a note a filter left"]
    # the layout note is put back in the page's numbering
    assert doc.meta["layout"] == {"title": inside[0].index, "regions": doc.meta["content"]["regions"],
                                  "source": "dom"}


def test_no_view_without_located_content(cleaner):
    doc = cleaner.parse("<html><body><p>Too short.</p></body></html>", fmt="html")
    DomFilter(context=cleaner.context).apply(Page(doc, cleaner.context))
    with content_view(doc) as sub:
        assert sub is None


def test_rule_filters_leave_blocks_outside_the_content_alone(cleaner):
    res = cleaner.clean(pages.FORUM_THREAD, fmt="html")
    outside = [b for b in res.document.blocks if not b.features.get("dom_main")]
    assert outside and all([v.filter for v in b.verdicts] == ["dom"] for b in outside)

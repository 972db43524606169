"""The dom filter: verdicts in category 'layout' naming the evidence, never a deletion;
text and markup input untouched; the layout filter keeps DOM regions whole."""
from cleaner import Cleaner
from cleaner.filters.dom import DomFilter
from cleaner.page import Page

from ..dom import pages


def test_verdicts_name_the_container_and_keep_every_block(cleaner):
    res = cleaner.clean(pages.FORUM_THREAD, fmt="html")
    blocks = res.document.blocks
    dropped = [b for b in blocks if any(v.filter == "dom" for v in b.verdicts)]
    assert dropped and all(v.category == "layout" and "(div.posts)" in v.reason
                           for b in dropped for v in b.verdicts if v.filter == "dom")
    assert sum(len(b.text) for b in blocks) > len(res.text)  # nothing deleted: dropped blocks are still there
    assert res.document.meta["layout"]["source"] == "dom"


def test_layout_keeps_dom_regions_whole(cleaner):
    # short list items inside the content would weigh against a text-only article region
    res = cleaner.clean(pages.DOC_PAGE, fmt="html")
    assert "Open the file." in res.text and "Parse it." in res.text
    title = next(b.index for b in res.document.blocks if b.text == "Loading files")
    assert res.document.meta["layout"] == {"title": title, "regions": res.document.meta["content"]["regions"],
                                           "source": "dom"}


def test_text_and_markup_input_pass_unchanged(cleaner):
    f = next(x for x in cleaner.filters if isinstance(x, DomFilter))
    doc = cleaner.parse("Council approves budget\n" + pages.P1, fmt="text")
    f.apply(Page(doc, cleaner.context))
    assert "content" not in doc.meta and not any(b.verdicts for b in doc.blocks)
    doc = cleaner.parse("# Budget\n\n<div>" + pages.P1 + "</div>", fmt="markup")
    f.apply(Page(doc, cleaner.context))
    assert "content" not in doc.meta


def test_spread_knob_and_token_rescoping_can_be_turned_off():
    c = Cleaner(filters=(("quality", ()), ("dom", (("rescope_tokens", False),)), ("nav", ()), ("layout", ())))
    res = c.clean(pages.UNCLOSED_HEADER, fmt="html")
    p1 = next(b for b in res.document.blocks if b.text == pages.P1)
    assert "top-menu" in p1.features["dom_tokens"]
    assert p1.drop_verdict.rule == "html-nav-region"  # why the rescoping exists

"""The DOM analysis on page shapes: which container holds the content, and which
filter (and reason) decided about each block."""
import pytest

from cleaner.dom.content import analyse

from . import pages


def _verdict(res, part):
    for b in res.document.blocks:
        if part in b.text:
            v = b.drop_verdict
            return None if v is None else (v.filter, v.category, v.reason)
    raise AssertionError(f"no block contains {part!r}")


def test_article_keeps_body_drops_chrome_and_comments(cleaner):
    res = cleaner.clean(pages.ARTICLE_WITH_COMMENTS, fmt="html")
    content = res.document.meta["content"]
    assert content["source"] == "dom" and content["container"].startswith("div.entry-content")
    assert res.text.startswith("Council approves budget\n\n")  # the headline, protected by layout
    for p in (pages.P1, pages.P2, pages.P3):
        assert p in res.text
    assert _verdict(res, "Sport")[:2] == ("dom", "layout")
    assert "outside the main content" in _verdict(res, "disgrace")[2]
    assert _verdict(res, "Cheap watches")[2].startswith("a run of links inside the content")
    assert "newsletter" not in res.text and "Privacy" not in res.text


def test_menu_left_unclosed_around_the_page_is_not_boilerplate(cleaner):
    res = cleaner.clean(pages.UNCLOSED_HEADER, fmt="html")
    assert pages.P1 in res.text and pages.P3 in res.text
    # the content's class/id tokens stop at its container: no selector rule sees 'top-menu'
    p1 = next(b for b in res.document.blocks if b.text == pages.P1)
    assert "top-menu" not in p1.features["dom_tokens"] and p1.features["dom_main"] is True
    assert _verdict(res, "Blog")[0] == "dom"


def test_noscript_thread_is_revealed_and_every_post_kept(cleaner):
    res = cleaner.clean(pages.NOSCRIPT_THREAD, fmt="html")
    meta = res.document.meta
    assert meta["revealed"] and meta["revealed"][0].startswith("noscript")
    for _user, _date, text in pages._POSTS:
        assert text in res.text
    assert "Powered by Discourse" not in res.text


def test_forum_thread_keeps_posts_and_drops_sidebar(cleaner):
    res = cleaner.clean(pages.FORUM_THREAD, fmt="html")
    assert all(text in res.text for _u, _d, text in pages._POSTS)
    assert res.document.meta["content"]["container"].startswith("div.posts")
    assert _verdict(res, "Similar topics")[:2] == ("dom", "layout")
    assert _verdict(res, "Dashboard slow")[:2] == ("dom", "layout")


def test_hidden_streaming_container_is_revealed(cleaner):
    res = cleaner.clean(pages.HIDDEN_STREAM, fmt="html")
    assert "hidden <div>" in res.document.meta["revealed"][0]
    assert pages.P1 in res.text and pages.P3 in res.text


def test_invisible_app_root_is_revealed_without_its_hidden_header(cleaner):
    res = cleaner.clean(pages.INVISIBLE_ROOT, fmt="html")
    assert "hidden <div>" in res.document.meta["revealed"][0]
    assert pages.P1 in res.text and pages.P3 in res.text
    assert "Tutorials" not in res.text


def test_hidden_menu_stays_hidden(cleaner):
    res = cleaner.clean(pages.HIDDEN_MENU, fmt="html")
    assert "revealed" not in res.document.meta
    assert "Section A" not in [b.text for b in res.document.blocks]


def test_hidden_dialog_with_less_than_the_page_twice_stays_hidden(cleaner):
    from cleaner.dom.reveal import SHOWN_FACTOR
    html = pages.HIDDEN_CONSENT
    res = cleaner.clean(html, fmt="html")
    shown = len(pages.P1 + pages.P2 + pages.P3)
    assert shown < len(pages._CONSENT) < SHOWN_FACTOR * shown  # more than the page, not twice
    assert "revealed" not in res.document.meta
    assert "Privacy settings" not in res.text and pages.P2 in res.text


def test_text_less_shell_of_a_dated_post_has_its_description_as_text(cleaner):
    res = cleaner.clean(pages.APP_SHELL_POST, fmt="html")
    assert res.text.startswith("I have nothing smart in my flat yet.")
    assert res.document.meta["revealed"][0].startswith("the page's description")
    # a text-less page that declares no dated post (a shop, a landing page) stays empty
    res = cleaner.clean(pages.APP_SHELL_SHOP, fmt="html")
    assert res.text == "" and "revealed" not in res.document.meta


def test_card_grid_keeps_description_and_is_a_listing(cleaner):
    res = cleaner.clean(pages.CARD_GRID, fmt="html")
    assert "our running shoes are tested by runners" in res.text
    assert "Sport" not in res.text and "Privacy" not in res.text


def test_documentation_keeps_code_table_and_lists(cleaner):
    res = cleaner.clean(pages.DOC_PAGE, fmt="html")
    code = next(b for b in res.document.blocks if b.kind == "code")
    assert code.text == pages.CODE and code.features["code_lang"] == "python" and not code.dropped
    assert res.document.meta["content"]["page_type"] == "documentation"
    assert "encoding utf-8" in res.text and "Nested detail about caching." in res.text
    assert _verdict(res, "Install")[:2] == ("dom", "layout")
    assert "Created using Sphinx" not in res.text


def test_analyse_without_dom_or_text_decides_nothing(cleaner):
    doc = cleaner.parse("Just a line of text.\nAnother one.", fmt="text")
    assert analyse(doc) is None
    doc = cleaner.parse("<html><body><p>Hi</p></body></html>", fmt="html")
    assert analyse(doc) is None  # too little text to locate anything


@pytest.mark.parametrize("shape", ["ARTICLE_WITH_COMMENTS", "FORUM_THREAD", "CARD_GRID", "DOC_PAGE"])
def test_regions_cover_exactly_the_kept_dom_blocks(cleaner, shape):
    res = cleaner.clean(getattr(pages, shape), fmt="html")
    regions = res.document.meta["content"]["regions"]
    inside = {i for a, b in regions for i in range(a, b + 1)}
    assert inside == {b.index for b in res.document.blocks if b.features.get("dom_main")}


def test_news_article_headline_is_the_metadata_title_not_text(cleaner):
    res = cleaner.clean(pages.NEWS_ARTICLE, fmt="html")
    assert res.document.meta["content"]["page_type"] == "article"
    assert res.text.startswith(pages.P1) and pages.P5 in res.text
    assert res.metadata["title"] == "Council approves budget"
    assert _verdict(res, "Council approves budget") == ("dom", "layout", _reason(res, "the headline"))
    assert _verdict(res, "Jane Doe")[2].startswith("a label in the article's head")
    assert _verdict(res, "The council chamber on Tuesday")[2].startswith("a figure caption")


def test_list_in_an_articles_head_is_not_a_label(cleaner):
    res = cleaner.clean(pages.RECIPE_HEAD, fmt="html")
    assert _verdict(res, "Jane Doe")[2].startswith("a label in the article's head")
    for item in ("1 large chicken", "1 tablespoon cinnamon", "4 cups of water"):
        assert _verdict(res, item) is None  # an ingredient list, not a byline


def test_headline_captions_and_head_labels_can_be_kept():
    from cleaner import Cleaner
    keep = (("headline", True), ("captions", True), ("head_labels", True))
    c = Cleaner(filters=(("quality", ()), ("dom", keep), ("layout", ())))
    res = c.clean(pages.NEWS_ARTICLE, fmt="html")
    assert res.text.startswith("Council approves budget\n\nJane Doe")
    assert "Photo: John Roe" in res.text and pages.P5 in res.text


def test_customer_reviews_under_a_product_are_a_comment_section(cleaner):
    from cleaner.page import Page
    res = cleaner.clean(pages.PRODUCT_WITH_REVIEWS, fmt="html")
    assert "grippy sole" in res.text and "recycled materials" in res.text
    assert "no blisters" not in res.text and "laces" not in res.text
    assert res.document.meta["content"]["container"] == "div.product-description"
    # the reviews weigh nothing in the container search: the comments rule marks them
    dom = next(f for f in cleaner.html_filters if f.id == "dom")
    tokens = dom._boiler_tokens(Page(cleaner.parse(pages.PRODUCT_WITH_REVIEWS, fmt="html"), cleaner.context))
    assert tokens["customer-reviews"] == "comments" and "review" not in tokens


def _reason(res, start):
    for b in res.document.blocks:
        v = b.drop_verdict
        if v is not None and v.reason.startswith(start):
            return v.reason
    raise AssertionError(f"no verdict starts with {start!r}")

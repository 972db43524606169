"""Parts of an article the DOM analysis leaves out, each decided by a named rule or
reason: captions named by class, rails and newsletter boxes inside the body, inline
teasers, search and sign-up forms; and what it keeps (posts in forms, index items)."""
from cleaner.dom.content import analyse
from cleaner.dom.marks import token_names
from cleaner.dom.metadata import declared_type

from . import pages


def _verdict(res, part):
    for b in res.document.blocks:
        if part in b.text:
            v = b.drop_verdict
            return None if v is None else (v.filter, v.rule or v.reason)
    raise AssertionError(f"no block contains {part!r}")


def test_token_names_split_bem_elements_not_modifiers():
    assert token_names("media__caption") == ("media__caption", "caption")
    assert token_names("rail__item--wide") == ("rail__item--wide", "item")
    assert token_names("section--ads") == ("section--ads",)  # a modifier is a state, not a part
    assert token_names("image-caption") == ("image-caption",)


def test_declared_type_from_jsonld_then_opengraph(cleaner):
    assert declared_type(cleaner.parse(pages.TABLOID, fmt="html")) == "article"
    og = pages.page("<p>x</p>", head='<meta property="og:type" content="product">')
    assert declared_type(cleaner.parse(og, fmt="html")) == "product"
    assert declared_type(cleaner.parse(pages.CARD_GRID, fmt="html")) is None


def test_declared_article_with_short_paragraphs_is_an_article(cleaner):
    res = cleaner.clean(pages.TABLOID, fmt="html")
    assert res.document.meta["content"]["page_type"] == "article"
    # as an article, its headline is the metadata title, not text
    assert res.metadata["title"] == "Hunter catches plague after eating rabbit"
    assert res.text.startswith(pages.S1)
    # without the declaration the same shape is not taken for an article
    doc = cleaner.parse(pages.TABLOID, fmt="html")
    assert analyse(doc, declared=None).page_type == "service"
    assert analyse(doc, declared="article").page_type == "article"


def test_captions_and_credits_named_by_class_are_left_out(cleaner):
    res = cleaner.clean(pages.TABLOID, fmt="html")
    # a BEM element named 'caption', a credit named by class
    assert _verdict(res, "The hospital where") == ("dom", "a figure caption (div.story__body)")
    assert _verdict(res, "Photo: Example Agency") == ("dom", "a figure caption (div.story__body)")
    assert "caption" in cleaner.context.rules.words("caption_tokens")


def test_rail_newsletter_and_author_box_inside_the_article(cleaner):
    res = cleaner.clean(pages.TABLOID, fmt="html")
    for s in (pages.S1, pages.S2, pages.S3, pages.S4, pages.S5):
        assert s in res.text
    # inside the body the analysis leaves them out, naming the selector rule's category
    assert _verdict(res, "straight to your inbox")[1].startswith("nav boilerplate inside the content")
    assert _verdict(res, "Prince parties")[1].startswith("related boilerplate inside the content")
    assert _verdict(res, "is a health reporter")[1].startswith("metadata boilerplate inside the content")
    tokens = {t for r in cleaner.context.rules.active(()).selectors for t in r.tokens or ()
              if r.id in ("html-newsletter-region", "html-author-box")}
    assert {"newsletter-signup", "author-bio"} <= tokens
    assert "Most read" not in res.text and "Prince parties" not in res.text


def test_inline_link_paragraph_is_a_teaser_but_index_items_are_kept(cleaner):
    res = cleaner.clean(pages.TABLOID, fmt="html")
    v = _verdict(res, "Second plague case")
    assert v == ("dom", "a link to another article between the paragraphs (div.story__body)")
    index = cleaner.clean(pages.NEWS_INDEX, fmt="html")
    for title, summary in pages._ITEMS:
        assert title in index.text and summary in index.text


def test_search_and_signup_forms_inside_the_content_but_not_posts(cleaner):
    res = cleaner.clean(pages.FORMS, fmt="html")
    assert pages.P1 in res.text and pages.P2 in res.text and pages.P4 in res.text
    assert pages.P3 in res.text  # a post inside a <form> without e-mail/search/password input
    assert _verdict(res, "Find stories from 1990")[1].startswith("form boilerplate inside the content")


def test_catalogue_of_links_is_not_reduced_to_its_description(cleaner):
    res = cleaner.clean(pages.CATALOGUE, fmt="html")
    content = res.document.meta["content"]
    assert content["container"] != "div.page-intro"
    assert "Bolts and bolts accessories" in res.text and "Find item details" in res.text


def test_utility_hidden_elements_inside_the_content_unless_responsive(cleaner):
    res = cleaner.clean(pages.HIDDEN_UTILITY, fmt="html")
    assert _verdict(res, "Back to Gallery")[1].startswith("hidden boilerplate inside the content")
    assert _verdict(res, pages.P4[:40])[1].startswith("hidden boilerplate inside the content")
    assert pages.P5 in res.text  # 'hidden md:block': shown on larger screens
    assert pages.P1 in res.text and pages.P2 in res.text and pages.P3 in res.text
    assert "hidden" in cleaner.context.rules.words("hidden_class_tokens")


def test_a_share_class_on_a_post_full_of_paragraphs_is_not_a_share_bar(cleaner):
    res = cleaner.clean(pages.SHAREABLE_POST, fmt="html")
    for p in (pages.P1, pages.P2, pages.P3):
        assert p in res.text
    assert res.document.meta["content"]["container"] == "div.entry-inner"
    assert _verdict(res, pages.P4[:40]) == ("dom", "outside the main content (div.entry-inner)")
    assert "share" in cleaner.context.rules.words("prose_free_categories")
    # with the mark taken at its word, the post weighs nothing and the column wins
    doc = cleaner.parse(pages.SHAREABLE_POST, fmt="html")
    dom = next(f for f in cleaner.html_filters if f.id == "dom")
    from cleaner.page import Page
    tokens = dom._boiler_tokens(Page(doc, cleaner.context))
    i = next(b.index for b in doc.blocks if b.text == pages.P1)
    assert analyse(doc, tokens).main[i] is False
    content = analyse(doc, tokens, prose_free=frozenset({"share"}))
    assert content.main[i] is True and content.describe == "div.entry-inner"


def test_short_text_in_an_image_box_of_a_declared_article_is_a_caption(cleaner):
    res = cleaner.clean(pages.IMAGE_BOXES, fmt="html")
    assert _verdict(res, "The council chamber on Tuesday") == ("dom", "a figure caption (div.body)")
    assert _verdict(res, "The mayor after the vote") == ("dom", "a figure caption (div.body)")
    for p in (pages.P1, pages.P2, pages.P3, pages.P5):
        assert p in res.text  # a paragraph with an inline image and long text is not a caption
    # undeclared, the page structure leaves the same boxes (on service and listing pages
    # they are items); a line that ends in its photo credit is still a caption by its text
    undeclared = pages.IMAGE_BOXES.replace('<meta property="og:type" content="article">', "")
    plain = cleaner.clean(undeclared, fmt="html")
    assert _verdict(plain, "The mayor after the vote") == ("metadata", "en-photo-caption")
    # without its credit, no rule names the line, and the page structure keeps it
    uncredited = cleaner.clean(undeclared.replace(" (Photo: John Roe)", ""), fmt="html")
    assert "The mayor after the vote." in uncredited.text


def test_inline_formula_images_do_not_make_a_paragraph_a_caption(cleaner):
    res = cleaner.clean(pages.FORMULA_ARTICLE, fmt="html")
    # images with text before them sit in the paragraph's text flow: not an image box
    assert _verdict(res, "The share of the budget is") is None
    assert "set at" in res.text


def test_links_and_closing_headings_after_the_last_paragraph_are_the_tail(cleaner):
    from cleaner.dom.tail import HEADING, LINKS
    res = cleaner.clean(pages.ARTICLE_TAIL, fmt="html")
    assert _verdict(res, "Opposition doubts the forecasts") == ("dom", f"{LINKS} (div.body)")
    assert _verdict(res, "Mayor presents the spending plan") == ("dom", f"{LINKS} (div.body)")
    assert _verdict(res, "Was this article helpful?") == ("dom", f"{HEADING} (div.body)")
    assert _verdict(res, "Sign in to comment") == ("dom", f"{HEADING} (div.body)")
    # the article's notes after its last paragraph stay: a label, a list of figures
    for kept in ("Budget in figures:", "Schools: 12 million", "Parks: 3 million", pages.P3):
        assert kept in res.text


def test_bem_modifier_names_a_related_rail_not_other_regions(cleaner):
    from cleaner.dom.marks import modifier_names
    assert modifier_names("rail--trending") == ("trending",)
    assert modifier_names("list--related--wide") == ("related", "wide")
    assert "related" in cleaner.context.rules.words("bem_modifier_categories")
    res = cleaner.clean(pages.BEM_RAIL, fmt="html")
    assert _verdict(res, "Star spotted on a beach") == ("dom", "related boilerplate inside the content (div.story__body)")
    # 'section--ads' is a section where ads may go: a modifier of another category is a state
    for p in (pages.P1, pages.P2, pages.P3, pages.P4):
        assert p in res.text


def test_image_box_of_an_undeclared_article_is_a_caption_unless_boxes_are_the_items(cleaner):
    res = cleaner.clean(pages.UNDECLARED_PHOTO, fmt="html")
    assert res.document.meta["content"]["page_type"] == "article"
    assert _verdict(res, "The mayor after the vote") == ("dom", "a figure caption (div.body)")
    # a page whose paragraphs are image boxes, one per item: the boxes are its text
    res = cleaner.clean(pages.POST_BOXES, fmt="html")
    assert res.document.meta["content"]["page_type"] == "article"
    for text in (pages.P1, pages.P2, pages.P3, pages.P4):
        assert text in res.text


def test_row_of_links_repeated_under_every_item_is_a_widget(cleaner):
    res = cleaner.clean(pages.SHARE_ROWS, fmt="html")
    rows = [b for b in res.document.blocks if b.text == "Whatsapp Facebook Pint Baixar"]
    assert len(rows) == 4
    for b in rows:
        v = b.drop_verdict
        assert (v.filter, v.reason) == ("dom", "a row of links repeated inside the content (div.quotes)")
    for p in (pages.P1, pages.P2, pages.P3, pages.P4):
        assert p in res.text
    # one link repeated under every item is not a row of links (it may be the text's own)
    more = [b for b in res.document.blocks if b.text == "Show the whole quote"]
    assert len(more) == 4 and all(
        b.drop_verdict is None or "repeated" not in b.drop_verdict.reason for b in more)

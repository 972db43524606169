"""Page metadata: JSON-LD first, then OpenGraph/<meta>, canonical link, <html lang>,
the headline; dates from htmldate when the page declares none."""
from cleaner import Cleaner

from . import pages

JSONLD = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Example News"},
 {"@type": "NewsArticle", "headline": "Council approves budget", "datePublished": "2025-03-03T18:00:00Z",
  "dateModified": "2025-03-04T09:30:00Z", "author": [{"@type": "Person", "name": "Jane Doe"},
  {"@type": "Person", "name": "John Roe"}], "description": "The council approved the budget.",}
]}</script>"""
OG = """<meta property="og:title" content="OG title"><meta property="og:site_name" content="OG site">
<meta name="description" content="A description."><meta name="author" content="Ann Author">
<meta property="article:published_time" content="2024-12-01T10:00:00+01:00">
<link rel="canonical" href="https://example.org/news/budget">"""
BODY = f"<article><h1>Council approves budget</h1><p>{pages.P1}</p><p>{pages.P2}</p></article>"


def test_jsonld_wins_and_is_read_despite_a_trailing_comma(cleaner):
    r = cleaner.clean(pages.page(BODY, head=JSONLD + OG), fmt="html")
    m = r.metadata
    assert m["title"] == "Council approves budget" and m["authors"] == ["Jane Doe", "John Roe"]
    assert m["published"] == "2025-03-03" and m["modified"] == "2025-03-04"
    assert m["site_name"] == "Example News" and m["page_type"] == "article"
    assert m["url"] == "https://example.org/news/budget" and m["language"] == "en"
    assert m["description"] == "The council approved the budget."


def test_opengraph_and_meta_without_jsonld(cleaner):
    m = cleaner.clean(pages.page(BODY, head=OG), fmt="html").metadata
    assert m["title"] == "OG title" and m["site_name"] == "OG site" and m["authors"] == ["Ann Author"]
    assert m["published"] == "2024-12-01" and m["description"] == "A description."


def test_page_alone_gives_headline_and_type(cleaner):
    m = cleaner.clean(pages.FORUM_THREAD, fmt="html", url="https://forum.example.org/t/42").metadata
    assert m["title"] == "Dashboard never finishes loading after upgrade"
    assert m["language"] == "en" and m["page_type"]


def test_forum_and_product_types_from_jsonld(cleaner):
    forum = '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "Q"}</script>'
    assert cleaner.clean(pages.page(BODY, head=forum), fmt="html").metadata["page_type"] == "forum"
    product = '<script type="application/ld+json">[{"@type": "Product", "name": "Trail Runner 2"}]</script>'
    m = cleaner.clean(pages.page(BODY, head=product), fmt="html").metadata
    assert m["page_type"] == "product"


def test_broken_jsonld_is_skipped(cleaner):
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    m = cleaner.clean(pages.page(BODY, head=broken), fmt="html").metadata
    assert m["title"] == "Council approves budget"  # from the page


def test_no_metadata_option_and_text_input():
    c = Cleaner(metadata=False)
    assert c.clean(pages.page(BODY, head=OG), fmt="html").metadata == {}
    assert Cleaner().clean("Just a line of scraped text.\nAnother line of it.").metadata == {}

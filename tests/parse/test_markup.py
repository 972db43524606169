from pathlib import Path

from cleaner.parse import parse

SEED = Path(__file__).resolve().parents[2] / "samples" / "004_45ae7c165677c033.txt"


def texts(doc):
    return [b.text for b in doc.blocks]


def test_seed_004_markup_is_plain_text_with_structure():
    doc = parse(SEED.read_text(encoding="utf-8"), "auto")
    assert doc.source_format == "markup"
    t = texts(doc)
    joined = "\n".join(t)
    # HTML comment, tags, image, link URL and setext underline are gone
    for junk in ("<!--", "<div", "<img", "<p>", "</strong>", "https://", "------"):
        assert junk not in joined
    title = doc.blocks[0]
    assert title.text == "中国召集巴勒斯坦及阿拉伯国家外长大会"
    assert title.kind == "heading" and title.features["link_ratio"] == 1.0
    assert "19/11/2023 - 15:34" in t
    assert any(x.startswith("中国周日宣布") for x in t)


def test_markdown_syntax_to_text():
    md = ("# Heading one\n\nSome **bold** and *italic* and `code` and ~~old~~ text.\n"
          "![alt](http://x/img.png) [link text](http://x/page) and [ref][1].\n"
          "[1]: http://x/ref\n\n- item *a*\n2. item b\n> quoted line\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
          "\n***\n\nSetext\n======\n")
    doc = parse(md, "markup")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Heading one"),
        ("paragraph", "Some bold and italic and code and old text."),
        ("paragraph", "link text and ref."),
        ("list_item", "item a"), ("list_item", "item b"), ("paragraph", "quoted line"),
        ("table_row", "a b"), ("table_row", "1 2"),
        ("heading", "Setext"),
    ]


def test_html_entities_br_and_inline_tags():
    doc = parse("<p>Fish &amp; chips<br>second&nbsp;line</p><p>a <em>b</em> c</p>", "markup")
    assert texts(doc) == ["Fish & chips", "second line", "a b c"]


def test_snake_case_is_not_emphasis():
    doc = parse("<p>call my_func_name now</p>", "markup")
    assert texts(doc) == ["call my_func_name now"]


def test_code_fences_keep_their_lines():
    doc = parse("text\n```\nx = 1\ny = 2\n```\nafter", "markup")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "text"), ("code", "x = 1"), ("code", "y = 2"), ("paragraph", "after")]


def _kinds_texts_links(md: str) -> list[tuple]:
    return [(b.kind, b.text, b.features.get("link_ratio", 0.0)) for b in parse(md, "markup").blocks]


def test_a_link_over_several_lines_is_link_text_on_every_line():
    # a teaser card as markdown scrapers write it (shape of a news site's "latest" list)
    md = ("Intro paragraph with no link at all.\n\n"
          "[Netanyahu - Gantz meeting ends\n\n- By JERUSALEM POST STAFF\n- 11/20/2019 01:19 AM]"
          "(https://news.example/Breaking-News/608380 \"Netanyahu - Gantz meeting ends\")\n")
    assert _kinds_texts_links(md) == [
        ("paragraph", "Intro paragraph with no link at all.", 0.0),
        ("paragraph", "Netanyahu - Gantz meeting ends", 1.0),
        ("list_item", "By JERUSALEM POST STAFF", 1.0),
        ("list_item", "11/20/2019 01:19 AM", 1.0),
    ]


def test_a_teaser_card_opened_by_an_image_is_link_text():
    # a news site's "most read" cards as a markdown scraper writes them: the link's text
    # starts with the photo and runs over a blank line to the headline
    md = ("Intro paragraph with no link at all.\n\n"
          "  [![‘I am an American,’ witness reminds Trump allies in hearing - Photo]()\n\n"
          "  #### ‘I am an American,’ witness reminds Trump allies in hearing]"
          "(https://news.example/article/I-am-an-American-14847796.php)\n\n"
          "[![logo](https://news.example/logo.png)](https://news.example/)\n")
    assert _kinds_texts_links(md) == [
        ("paragraph", "Intro paragraph with no link at all.", 0.0),
        ("heading", "‘I am an American,’ witness reminds Trump allies in hearing", 1.0),
    ]


def test_destinations_in_angle_brackets_are_no_html_tags():
    # a markdown scraper writes removed inline images as "![](<Base64-Image-Removed>)" (shape
    # of a news aggregator's result card); an HTML parser took the destination for a tag and
    # left "![](" and ")![](" lines in the text
    md = ("Intro paragraph with no link at all.\n\n"
          "![](<Base64-Image-Removed>)![](<Base64-Image-Removed>)![](<Base64-Image-Removed>)\n\n"
          "See [the style guide](<https://docs.example/style guide.html>) before you write.\n")
    doc = parse(md, "markup")
    assert [(b.text, b.features.get("link_ratio", 0.0) > 0) for b in doc.blocks] == [
        ("Intro paragraph with no link at all.", False),
        ("See the style guide before you write.", True),
    ]


def test_a_teaser_card_closed_by_an_image_is_link_text():
    # a news aggregator's card: headline, source and age, then the photo, all one link
    md = ("Intro paragraph with no link at all.\n\n"
          "  [### Donaldsonville man accused of fraud\n\n  WAFB • 15 hours ago\n\n"
          "  ![article img](https://img.example/1f.jpg?type=thumbnail)](https://news.example/wafb/44056)\n")
    assert _kinds_texts_links(md) == [
        ("paragraph", "Intro paragraph with no link at all.", 0.0),
        ("heading", "Donaldsonville man accused of fraud", 1.0),
        ("paragraph", "WAFB • 15 hours ago", 1.0),
    ]


def test_cards_written_one_after_the_other_are_blocks_of_their_own():
    # a blog's "From the network" cards as a scraper writes them: each card one link over
    # several lines, the next card's "[" right after the last one's "](url)"; before, the
    # summary and the next card's site ran together ("...the sands of time.english.stackexchange.com")
    md = ("[softwareengineering.example.com\n\n# Can commit messages include volatile information?\n\n"
          "Even commit messages must heed the sands of time.](https://a.example.com/q/1)[english.example.com\n\n"
          "# Why does \"orange\" rhyme with (almost) nothing?\n\nNothing rhymes with orange.](https://b.example.com/q/2)\n")
    doc = parse(md, "markup")
    assert texts(doc) == ["softwareengineering.example.com", "Can commit messages include volatile information?",
                          "Even commit messages must heed the sands of time.", "english.example.com",
                          "Why does \"orange\" rhyme with (almost) nothing?", "Nothing rhymes with orange."]
    assert all(b.features["link_ratio"] == 1.0 for b in doc.blocks)


def test_a_heading_link_after_a_date_is_a_heading_of_its_own():
    # a blog's list of posts: "March 6, 2026[# Title](url)"; before, one paragraph
    # "March 6, 2026# Building brains for bulldozers"
    md = ("March 6, 2026[# Building brains for bulldozers](https://blog.example.com/2026/03/06/bulldozers/)\n\n"
          "Ryan chats with the CTO of a robotics company about self-driving machines.\n\n"
          "[## Issue 315: Are developers stuck in Groundhog Day?](https://blog.example.com/newsletter/315)\n")
    doc = parse(md, "markup")
    assert texts(doc) == ["March 6, 2026", "Building brains for bulldozers",
                          "Ryan chats with the CTO of a robotics company about self-driving machines.",
                          "Issue 315: Are developers stuck in Groundhog Day?"]
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading", "paragraph", "heading"]
    assert [b.features.get("heading_level") for b in doc.blocks] == [None, 1, None, 2]


CARD = ("[#### {site}\n\nwebsite](https://news.example.com/a/{n} \"{site}\")\n\n[### {title}\n\n{summary}](https://news.example.com/a/{n})\n\n"
        "9d\n\n")
SUMMARY = ("In 2025 the pace of change in online learning is unlike anything the education sector has seen, "
           "and platforms now let students learn at their own pace.")


def test_card_descriptions_that_are_the_page_s_prose_stay_text():
    # a search page of a news aggregator: every result a card (the source, then the headline and
    # its summary inside one link); the summaries are all the prose the page has
    md = "".join(CARD.format(site=f"site{n}.example.com", n=n, title=f"Online learning is exploding, part {n}",
                             summary=SUMMARY) for n in range(3))
    doc = parse(md, "markup")
    summaries = [b for b in doc.blocks if b.text == SUMMARY]
    assert len(summaries) == 3 and all(not b.features.get("link_ratio") for b in summaries)
    heads = [b for b in doc.blocks if b.kind == "heading" and b.text.startswith("Online learning")]
    assert len(heads) == 3 and all(b.features["link_ratio"] == 1.0 for b in heads)


def test_teaser_cards_beside_an_article_stay_link_text():
    # the same cards under an article whose own paragraphs hold more prose: teasers, link text
    article = "\n\n".join([SUMMARY.replace("2025", str(y)) + " The ministry said so on Monday, and more." for y in range(2000, 2004)])
    md = "# The article\n\n" + article + "\n\n" + "".join(
        CARD.format(site="site.example.com", n=n, title=f"Teaser {n} of the week", summary=SUMMARY) for n in range(3))
    doc = parse(md, "markup")
    summaries = [b for b in doc.blocks if b.text == SUMMARY]
    assert len(summaries) == 3 and all(b.features["link_ratio"] == 1.0 for b in summaries)


def test_a_raw_text_tag_named_in_a_sentence_does_not_take_the_rest_of_the_page():
    # a web developer's story names "<iframe>" in running text (shape of a WCXB article scraped
    # to text with a few tags in it): the parser read everything after it as the iframe's content
    md = ("Every page on your site needed the same header, and there was no way to <b>share</b> it.\n"
          "You either copied and pasted your header, or you used <iframe> to embed shared elements.\n"
          "Browser compatibility was already a nightmare.\n"
          "A widget <script>track(1)</script> is still left out.\n"
          "The last paragraph, after <plaintext>, is read too.\n")
    assert texts(parse(md, "markup")) == [
        "Every page on your site needed the same header, and there was no way to share it.",
        "You either copied and pasted your header, or you used <iframe> to embed shared elements.",
        "Browser compatibility was already a nightmare.",
        "A widget is still left out.",
        "The last paragraph, after <plaintext>, is read too.",
    ]

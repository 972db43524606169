from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def seed(prefix):
    return next(p for p in SAMPLES.glob(prefix + "_*.txt") if ".expected" not in p.name).read_text(encoding="utf-8")


def test_vietnamese_related_list_is_dropped_to_the_end(cleaner, removed_by):
    r = cleaner.clean(seed("001"))
    assert removed_by(r, "Tin liên quan") == "vi-related-header"
    assert removed_by(r, "Israel sẵn sàng cho kịch bản") == "vi-related-header"
    assert "Srettha Thavisin" not in r.text
    assert r.text.rstrip().endswith("đưa quan hệ Trung-Mỹ trở lại quỹ đạo phát triển ổn định.")


def test_arabic_read_also_drops_the_unrelated_article(cleaner, removed_by):
    r = cleaner.clean(seed("003"))
    assert removed_by(r, "إقرأ أيضاً") == "ar-read-also"
    assert removed_by(r, "هاكان فيدان") == "ar-read-also"
    assert "لإجراء محادثات أمنية." in r.text


def test_chinese_recommended_videos(cleaner, removed_by):
    r = cleaner.clean(seed("000"))
    assert removed_by(r, "推荐视频") == "zh-related-header"
    assert removed_by(r, "联合调查组通报湘雅医院研究生坠江离世") in ("zh-related-header", "zh-comments-header")
    assert "01:06" not in r.text


def test_in_article_read_more_teaser(cleaner, removed_by):
    body = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
            "table, and that a ceasefire remained the first priority for everyone involved in them.")
    r = cleaner.clean("Talks to resume\n" + body + "\nREAD MORE: Talks stall as deadline nears\n" + body)
    assert removed_by(r, "READ MORE") == "en-read-more-teaser"


def test_related_header_inside_a_menu_is_not_a_section(cleaner, removed_by):
    body = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
            "table, and that a ceasefire remained the first priority for everyone involved in them.")
    other = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
             "several points were still contested and the envoy said more time would be needed.")
    text = "\n".join(["Talks to resume", body, "Politics", "Sport", "Comments", "Finance", "Travel", other])
    r = cleaner.clean(text)
    # 'Comments' inside a list of menu items is a menu link, not a comment-section header
    rules = {v.rule for b in r.document.blocks for v in b.verdicts}
    assert "en-comments-header" not in rules
    assert removed_by(r, "Diplomats said") != "en-comments-header"


def test_a_section_header_after_a_share_row_is_a_section(cleaner, removed_by):
    # the author box after the share row: the share row before the header is no menu it
    # stands in, the author's name after it no menu item (nothing a rule named follows)
    body = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
            "table, and that a ceasefire remained the first priority for everyone involved in them.")
    bio = ("Jane Doe has written about diplomacy for twenty years and was posted to Moscow, Cairo and Brussels "
           "before she joined the paper's foreign desk in London.")
    r = cleaner.clean("\n".join(["Talks to resume", body, "Facebook Twitter Pinterest E-Mail WhatsApp",
                                 "About the author", "Jane Doe", bio]))
    assert removed_by(r, "About the author") == "en-author-box"
    assert removed_by(r, "Jane Doe has written") == "en-author-box"
    # a 'Comments' button inside the share row, a named share item after it, stays a menu link
    r = cleaner.clean("\n".join(["Talks to resume", body, "Facebook", "Comments", "Twitter", bio]))
    assert "en-comments-header" not in {v.rule for b in r.document.blocks for v in b.verdicts}

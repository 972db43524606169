OTHER = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
         "several points were still contested and would need further discussion before any signing.")
BODY = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
        "table, and that a ceasefire remained the first priority for everyone involved in them.")


def test_chinese_comment_section_and_prompts(cleaner, removed_by):
    text = "\n".join(["王毅会见联合国秘书长古特雷斯",
                      "当地时间2023年11月28日,中共中央政治局委员、外交部长王毅在纽约联合国总部会见联合国秘书长古特雷斯,双方就巴以冲突交换了意见。",
                      "全部评论", "请先登录后发表评论", "暂无评论,快来发表你的评论吧"])
    r = cleaner.clean(text)
    assert removed_by(r, "全部评论") == "zh-comments-header"
    assert removed_by(r, "请先登录后发表评论") in ("zh-comment-prompt", "zh-comments-header")
    assert "评论" not in r.text


def test_english_comment_section_runs_to_the_end(cleaner, removed_by):
    comment = "I think this is a terrible idea and the minister should resign immediately, frankly, as we all know."
    other = "Nonsense, the talks are the only way forward and everybody in the region knows it by now."
    r = cleaner.clean("\n".join(["Talks to resume", BODY, "12 Comments", comment, other]))
    header = next(b for b in r.document.blocks if b.text == "12 Comments")
    assert "en-comments-header" in [v.rule for v in header.verdicts]
    assert removed_by(r, "terrible idea") == "en-comments-header"
    assert removed_by(r, "Nonsense, the talks") == "en-comments-header"
    assert r.text.endswith("everyone involved in them.")


def test_comment_form_boilerplate(cleaner, removed_by):
    r = cleaner.clean("\n".join(["Talks to resume", BODY,
                                 "Your email address will not be published. Required fields are marked *"]))
    assert removed_by(r, "Your email address") == "en-comment-prompt"


def test_responses_to_the_title_open_the_comment_section(cleaner, removed_by):
    # a sports blog's comment list: "34 responses to “<headline>”", then "name says:" and the comment
    comment = "It's a good thing we have no fans left, because this season has been a dumpster fire from the start."
    r = cleaner.clean("\n".join(["Talks to resume", BODY, BODY.replace("Geneva", "Vienna"),
                                 "34 responses to “ Talks to resume ”", "thelastfan says:", comment]))
    assert removed_by(r, "34 responses to") == "en-comments-header"
    assert removed_by(r, "dumpster fire") == "en-comments-header"
    assert BODY in r.text


def test_a_comment_count_under_every_teaser_opens_no_section(cleaner, removed_by):
    # a company blog's front page: date, headline, summary, author, "N comments", tags
    teasers = [("February 25, 2026", "Your sneak peek at the redesigned site",
                "Come check out the new beta experience, tell us what you think, and help shape what comes next.",
                "Zach Rutta", "14 comments", "Company Community Design"),
               ("February 23, 2026", "Defense against uploads: a Q&A with an open source file scanner",
                "API and network traffic get all the press, but some folks are still trying to build a better scanner.",
                "Ryan Donovan", "0 comments", "security"),
               ("February 18, 2026", "Mind the gap: closing the trust gap for developers",
                "Developer trust is the willingness to deploy generated code to production systems with little review.",
                "Eira May", "2 comments", "engineering leadership"),
               ("February 12, 2026", "How everyone and anyone can use machine learning for good",
                "There are big hitters in the space that use this technology for humanitarian and environmental good.",
                "Phoebe Sajor", "5 comments", "agtech medical tech")]
    r = cleaner.clean("\n".join(["The Example Blog", "Latest articles", *[line for t in teasers for line in t]]))
    assert removed_by(r, "14 comments") == "en-share-row"  # the count row itself goes
    for t in teasers[1:]:
        assert removed_by(r, t[2]) != "en-comments-header"


def test_comment_count_under_the_headline_is_a_link_not_a_section(cleaner, removed_by):
    # "12 Comments" between the headline (it repeats the page title) and the article's
    # first paragraph links to the comments, even after prose higher up the page (a
    # teaser): the article after it stays, and the real comment section at the end goes
    comment = "I think this is a terrible idea and the minister should resign immediately, frankly, as we all know."
    teaser = "Farmers in the north said the harvest had been the best in a decade, thanks to a wet, mild spring."
    r = cleaner.clean("\n".join(["Talks to resume in Geneva | Example News", teaser, "Talks to resume in Geneva",
                                 "12 Comments", BODY, OTHER, "Leave a Reply", comment]))
    header = next(b for b in r.document.blocks if b.text == "12 Comments")
    assert "en-comments-header" not in [v.reason for v in header.verdicts]
    assert not any("section header" in v.reason for v in header.verdicts)
    assert removed_by(r, "continue next week in Geneva") is None
    assert removed_by(r, "draft agreement") is None
    assert removed_by(r, "terrible idea") == "en-comments-header"


def test_a_lowercase_header_line_is_running_text_not_a_comment_section(cleaner, removed_by):
    # a mail quoted in a story, hard-wrapped: its "what do you think?" line opens in lower
    # case, a line of the quoted text; the same words as a heading still open the comments
    mail = ["Date: Thu, 7 Feb 2002 11:09:01 -0500 (EST)", "From: Matt Fredette",
            "just in case the idea of sharing the changes sounded",
            "strange, let me put my point why i think it's a good thing.",
            "what do you think?",
            "I'm a big believer in sharing, absolutely. Within the next",
            "week I hope to start committing to NetBSD's CVS."]
    r = cleaner.clean("\n".join(["The scariest boot loader code", BODY] + mail + [OTHER]))
    assert removed_by(r, "what do you think?") is None
    assert removed_by(r, "Diplomats said") is None
    r = cleaner.clean("\n".join(["Talks to resume", BODY, "What do you think?", OTHER]))
    assert removed_by(r, "What do you think?") == "en-comments-header"
    assert removed_by(r, "Diplomats said") == "en-comments-header"
    # a comment section's header written in lower case (a theme that prints its headings so)
    # under the article's last paragraph is still the comment section's header
    comment = "I think this is a terrible idea and the minister should resign immediately, frankly, as we all know."
    r = cleaner.clean("\n".join(["Talks to resume", BODY, OTHER.replace("Sunday", "Monday"), "leave a reply",
                                  comment, comment.replace("terrible", "dreadful")]))
    assert removed_by(r, "leave a reply") == "en-comments-header"
    assert removed_by(r, "dreadful idea") == "en-comments-header"

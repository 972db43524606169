def test_ad_labels_inside_the_article(cleaner, removed_by):
    p1 = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
          "table, and that a ceasefire remained the first priority for everyone involved in them.")
    p2 = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
          "several points were still contested and would need further discussion before any signing.")
    r = cleaner.clean("\n".join(["Talks to resume", p1, "Advertisement", "Story continues below advertisement", p2,
                                 "We may earn a commission when you buy through links on our site."]))
    assert removed_by(r, "Advertisement") == "en-ad-label"
    assert removed_by(r, "Story continues below") == "en-ad-label"
    assert removed_by(r, "We may earn a commission") == "en-affiliate-disclaimer"
    assert p1 in r.text and p2 in r.text

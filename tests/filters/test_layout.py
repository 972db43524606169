from cleaner import Cleaner

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
Q = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
     "several points were still contested and would need further discussion before any signing.")


def verdict(r, part):
    b = next(b for b in r.document.blocks if part in b.text)
    v = b.drop_verdict
    return (v.filter, v.reason) if v else None


def test_menu_before_title_and_teasers_after_end_are_layout_drops(cleaner):
    menu = ["World", "Business", "Markets", "Opinion", "Culture", "Travel"]
    tail = ["Trump visits Paris", "Stocks rally again", "Weather turns cold"]
    r = cleaner.clean("\n".join(menu + ["Talks to resume in Geneva", P, Q] + tail))
    assert verdict(r, "Markets") == ("layout", "before the article title")
    assert verdict(r, "Stocks rally again") == ("layout", "after the article end")
    title = next(b for b in r.document.blocks if b.text == "Talks to resume in Geneva")
    assert title.protected
    assert r.text == "\n\n".join(["Talks to resume in Geneva", P, Q])


def test_title_found_by_metadata_line_drops_the_slogan_before_it(cleaner):
    slogan = ("We will stay firmly rooted in our culture and tell our stories well, so that the world can "
              "hear our voice and see a country that is credible, appealing and respectable.")
    r = cleaner.clean("\n".join([slogan, "Talks to resume in Geneva", "Published: November 18, 2019", P, Q]))
    assert verdict(r, "We will stay firmly") == ("layout", "before the article title")
    assert r.text.startswith("Talks to resume in Geneva")


def test_page_title_line_names_the_headline(cleaner):
    r = cleaner.clean("\n".join(["Talks to resume in Geneva | Example News", "Home", "News",
                                 "Talks to resume in Geneva", P, Q]))
    assert r.text.startswith("Talks to resume in Geneva\n\n" + P)
    assert verdict(r, "| Example News") == ("layout", "before the article title")


def test_short_text_without_prose_is_not_emptied(cleaner):
    r = cleaner.clean("Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you")
    assert r.text.count("\n\n") == 3
    assert r.document.meta["layout"].startswith("no prose")


def test_region_does_not_cross_a_comment_section():
    c = Cleaner()
    comment = ("I strongly disagree with the minister and think the whole process has been a waste of time "
               "for everyone, as I have said many times before on this site and elsewhere.")
    r = c.clean("\n".join(["Talks to resume in Geneva", P, "3 Comments"] + [comment] * 6))
    assert r.text == "\n\n".join(["Talks to resume in Geneva", P])


def test_page_title_line_alone_is_not_content(cleaner):
    # a shop page whose scraper got nothing but the <title> (the product sits in a script)
    r = cleaner.clean("Beatrice Tan Rug | Ruggable US")
    assert r.text == ""
    assert verdict(r, "Beatrice Tan Rug") == ("layout", "page-title line of a page without prose")
    assert r.document.meta["layout"].startswith("no prose")
    # without a site part the first line of a text without prose stays
    r = cleaner.clean("Beatrice Tan Rug\nHand-tufted wool\nMachine washable cover")
    assert r.text.startswith("Beatrice Tan Rug")

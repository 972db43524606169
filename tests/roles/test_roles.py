"""The roles module: title, region, lede, prose core, section extents, the learner's
text view, and page types — each decided once per page, from the rule packs' data."""
from __future__ import annotations

from cleaner.features import BAD, GOOD, NEAR, SHORT
from cleaner.filters.layout import LayoutConfig
from cleaner.page import Page
from cleaner.roles import Roles, region, title
from cleaner.roles.textview import body_blocks, page_roles, prose_tokens, title_blocks

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
Q = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
     "several points were still contested and would need further discussion before any signing.")


def page_of(cleaner, lines, url=None):
    doc = cleaner.parse("\n".join(lines), url=url)
    return Page(doc, cleaner.context)


def test_roles_are_cached_on_the_page(cleaner):
    page = page_of(cleaner, ["Talks to resume", P, Q])
    assert isinstance(page.roles, Roles) and page.roles is page.roles
    a = page.roles.article(LayoutConfig())
    assert a is page.roles.article(LayoutConfig(strictness=3.0))  # computed once per page


def test_article_title_region_and_lede(cleaner):
    lines = ["Talks to resume in Geneva | Example News", "World", "Markets", "Talks to resume in Geneva",
             "A lede that runs to eight words, or more.", "Agencies", P, Q, "Stocks rally again"]
    page = page_of(cleaner, lines)
    a = page.roles.article(LayoutConfig())
    assert a.title == 3 and (a.start, a.end) == (6, 7)
    assert a.lede == [4] and a.page_type == "article" and a.regions == [(6, 7)]


R = ("Officials said the border crossings would reopen on Friday morning, and that aid convoys were "
     "already waiting at two of them with food, water and medical supplies for the region.")
S = ("Residents interviewed on Thursday said they hoped the agreement would hold this time, after two "
     "earlier truces had collapsed within days and the fighting had resumed in the city.")


def test_a_related_box_between_head_and_body_parts_nothing(cleaner, removed_by):
    # the headline's first paragraph, a related-articles box (a hard boundary), then the
    # body: the body is the article, the paragraph under the headline stays with it
    lines = ["Talks to resume in Geneva | Example News", "World", "Talks to resume in Geneva", P,
             "Related articles", "Storm hits the coast", "Markets rally again", Q, R, S, "Most Popular"]
    r = cleaner.clean("\n".join(lines))
    a = r.document.meta["layout"]
    assert (a["title"], a["start"], a["end"]) == (2, 7, 9)
    assert removed_by(r, "continue next week") is None  # the head (P), kept as the lede
    assert removed_by(r, "Storm hits the coast") == "en-related-header"
    assert all(removed_by(r, x[:30]) is None for x in (Q, R, S))


def test_a_long_box_between_head_and_body_keeps_only_the_first_paragraphs(cleaner):
    # a paywall pitch of many short lines parts the head from the body, farther than the
    # title search reaches: the headline and the paragraph under it stay, the pitch goes
    pitch = ["Read on with Plus", "Digital", "Yearly plan", "99.00 EUR", "in the first year",
             "then 122.40 EUR a year", "Save 20%", "New customers only", "Daily news and prices",
             "Exclusive reports and videos", "Join now"] * 3
    body = [Q, R, S, Q.replace("Sunday", "Monday"), R.replace("Friday", "Saturday"), S.replace("Thursday", "Friday")]
    lines = ["Talks to resume in Geneva | Example News", "World", "Talks to resume in Geneva", P] + pitch + body
    page = page_of(cleaner, lines)
    a = page.roles.article(LayoutConfig())
    first = len(lines) - len(body)
    assert a.title == 2 and a.lede == [3] and (a.start, a.end) == (first, len(lines) - 1)


def test_no_prose_no_article(cleaner):
    page = page_of(cleaner, ["Roses are red", "Violets are blue"])
    assert page.roles.article(LayoutConfig()) is None


def _job_board():
    from tests.roles.test_items import job_cards
    return (["Remote Full-Stack Programming Jobs", "Find Jobs", "Post a job", "Full Stack Programming Jobs",
             "Looking for remote roles? Advance your career with specialized, in-demand remote full-stack jobs."]
            + job_cards() + ["Privacy Policy", "Terms of Service"])


def test_a_page_of_cards_with_a_blurb_is_no_article(cleaner, removed_by):
    # one short blurb among six job cards: no region is chosen (the blurb is not an article
    # and the cards after it are not "after the article end"); the rules still run
    page = page_of(cleaner, _job_board())
    assert page.roles.page_type.name == "article" and page.roles.article(LayoutConfig()) is None
    r = cleaner.clean("\n".join(_job_board()))
    assert r.document.meta["layout"].startswith("no prose")
    assert removed_by(r, "Senior Ruby on Rails Developer") is None
    assert removed_by(r, "Nimbus Works") is None


def test_a_listing_of_cards_without_prose_has_no_region(cleaner):
    # each card with a one-line note makes the page a listing, but its cards carry no prose
    # for further regions: the page of cards is kept whole, as a page without prose
    from tests.roles.test_items import CARD, JOBS
    lines = _job_board()[:5]
    for job, age, company in JOBS:
        lines += [job, "Applications close at the end of this month.", age, company, *CARD]
    page = page_of(cleaner, lines)
    assert page.roles.page_type.name == "listing" and page.roles.article(LayoutConfig()) is None


def test_a_service_typed_page_of_cards_has_no_region(cleaner):
    # the job board as a markdown scraper writes it: each card's title a heading, so the
    # headings make it a "service" page; its prose is still a blurb among cards
    from tests.roles.test_items import CARD, JOBS
    lines = ["# Remote Full-Stack Programming Jobs", "Find Jobs", "Post a job",
             "Looking for remote roles? Advance your career with specialized, in-demand remote full-stack "
             "jobs, posted by companies that hire from anywhere in the world.",
             "Every listing is checked by our team before it goes live, and new jobs are added every day of "
             "the week, so come back often or sign up for the daily email."]
    for n in ("", " II", " III"):
        for job, age, company in JOBS:
            lines += ["### " + job + n, age, company, *CARD]
    doc = cleaner.parse("\n\n".join(lines), fmt="markup")
    page = Page(doc, cleaner.context)
    assert page.roles.page_type.name == "service" and page.roles.article(LayoutConfig()) is None


def test_an_article_cut_to_its_lede_keeps_its_region(cleaner, removed_by):
    # a news page whose scraper got only the headline and the lede, under a site menu
    # printed twice: menus are no card labels, the lede is the article
    menu = ["Home", "News", "World", "Business", "Sport", "Culture", "Travel", "Video"]
    lines = (menu + ["Talks to resume in Geneva", "The minister said the talks would continue next week, "
                     "with all parties at the table."] + menu)
    page = page_of(cleaner, lines)
    assert page.roles.article(LayoutConfig()) is not None
    r = cleaner.clean("\n".join(lines))
    assert removed_by(r, "The minister said") is None and removed_by(r, "Culture") is not None


def test_title_separators_come_from_the_common_pack(cleaner):
    sep = title.separators(cleaner.rules)
    assert sep.split("Talks resume | Example News") == ["Talks resume", "Example News"]
    assert sep.split("Talks resume – Example News") == ["Talks resume", "Example News"]
    assert sep.split("well-known") == ["well-known"]  # a hyphen splits only between spaces
    assert title.builtin_separators().pattern == sep.pattern
    assert title.title_parts("Big storm hits the coast | Daily News", sep) == {
        "big storm hits the coast daily news", "big storm hits the coast", "daily news"}


def test_headline_repeats_a_run_of_title_parts(cleaner):
    sep = title.separators(cleaner.rules)
    runs = title.title_runs("Storm: Coast braces for the worst - Ports closed | Daily News", sep)
    assert "storm coast braces for the worst ports closed" in runs  # the headline without the site
    assert {"storm coast braces for the worst", "ports closed daily news", "daily news"} <= runs
    lines = ["Storm: Coast braces for the worst - Ports closed | Daily News", "World",
             "Storm: Coast braces for the worst - Ports closed", "12 Comments", P, Q]
    roles = page_of(cleaner, lines).roles
    assert roles.headline == 2
    assert roles.in_article_head(3) and not roles.in_article_head(2)
    assert not roles.in_article_head(5)  # article prose (block 4) lies between
    # the headline, a run of parts, is the article's anchor too
    page = page_of(cleaner, lines)
    assert title.anchor(page, page.cls, title.separators(cleaner.rules), GOOD) == 2


def test_a_page_without_its_title_repeated_has_no_headline(cleaner):
    roles = page_of(cleaner, ["Talks to resume | Example News", "12 Comments", P, Q]).roles
    assert roles.headline is None and not roles.in_article_head(1)


def test_category_traits_come_from_the_common_pack(cleaner):
    page = page_of(cleaner, ["x"])
    assert page.roles.hard_categories == {"related", "comments", "footer"}
    assert {"nav", "share"} <= page.roles.menu_categories
    assert page.roles.credit_rules == {"copyright-symbol"}


def test_densest_region_and_further_regions():
    cfg = LayoutConfig()
    cls = [SHORT, GOOD, GOOD, SHORT, SHORT, SHORT, GOOD, NEAR]
    ntok = [2, 30, 25, 1, 1, 1, 40, 8]
    hard = [False] * len(cls)
    sentence = [True] * len(cls)
    assert region.densest(cls, hard, ntok, cfg, sentence) == (1, 7)
    hard[4] = True  # a hard boundary (a comment section) splits it
    assert region.densest(cls, hard, ntok, cfg, sentence) == (1, 2)
    assert region.further_regions(cls, hard, ntok, cfg, sentence, 3, len(cls), 30.0) == [(6, 7)]


def test_head_run_is_the_first_paragraphs_under_the_headline():
    cls = [GOOD, None, GOOD, NEAR, GOOD, GOOD]
    hard = [False] * len(cls)
    sentence = [True] * len(cls)
    assert region.head_run(cls, sentence, 0, len(cls), hard) == [0, 2]  # a dropped block is passed over
    hard[1] = True
    assert region.head_run(cls, sentence, 0, len(cls), hard) == [0]  # never over a hard boundary
    sentence[0] = False  # a line of teaser links is no lede
    assert region.head_run(cls, sentence, 0, len(cls), hard) == []


def test_further_regions_are_the_densest_of_what_is_left_each_time():
    """``further_regions`` (weights computed once, ranges searched in place) finds what
    taking ``densest`` of each slice left beside a region finds (the reference)."""
    import random

    cfg = LayoutConfig()

    def reference(cls, hard, ntok, sentence, lo, hi, min_weight):
        if hi - lo <= 0:
            return []
        s, e, score = region.densest(cls[lo:hi], hard[lo:hi], ntok[lo:hi], cfg, sentence[lo:hi], with_score=True)
        if score < min_weight:
            return []
        s, e = s + lo, e + lo
        return (reference(cls, hard, ntok, sentence, lo, s, min_weight) + [(s, e)]
                + reference(cls, hard, ntok, sentence, e + 1, hi, min_weight))

    rnd = random.Random(5)
    found = 0
    for _ in range(300):
        n = rnd.randint(1, 40)
        cls = [rnd.choice([GOOD, GOOD, NEAR, SHORT, BAD, None]) for _ in range(n)]
        ntok = [rnd.randint(0, 60) for _ in range(n)]
        hard = [rnd.random() < 0.1 for _ in range(n)]
        sentence = [rnd.random() < 0.6 for _ in range(n)]
        lo = rnd.randint(0, n - 1)
        got = region.further_regions(cls, hard, ntok, cfg, sentence, lo, n, 20.0)
        assert got == reference(cls, hard, ntok, sentence, lo, n, 20.0)
        found += len(got)
    assert found > 100

def test_prose_core_and_content_resumes():
    live = list(range(6))
    cls = {0: SHORT, 1: NEAR, 2: GOOD, 3: GOOD, 4: NEAR, 5: GOOD}
    assert region.prose_core(live, cls, repeated={5}) == (1, 5)
    assert region.prose_core(live, cls, repeated={2, 3, 5}) is None
    assert region.content_resumes([SHORT, SHORT, GOOD], 0, 3) == 2
    assert region.content_resumes([SHORT, SHORT], 0, 2) == 2


def test_text_view_for_the_learner():
    from cleaner.corpus.shingles import fold
    texts = ["Big storm hits the coast | Daily News", "Home", "Big storm hits the coast", P, "Share", Q]
    folded = [fold(t) for t in texts]
    assert title_blocks(texts, folded) == {0, 2}
    assert body_blocks(texts, folded) == {3, 5}
    assert page_roles(texts, folded) == ({0, 2}, {3, 5})
    assert prose_tokens("Share", "share") == 0 and prose_tokens(P, fold(P)) > 20


def test_page_type_reads_rule_hits_not_verdicts(cleaner):
    post = ("I am starting from scratch with my woodworking skills and would be glad of any hints from "
            "the more experienced members of this forum, thank you all.")
    lines = ["Beginner projects", "Ann Jun 7, 2017 at 8:28 pm", post, "Bob Jun 7, 2017 at 9:09 pm", post + " Yes.",
             "Cid Jun 8, 2017 at 3:56 am", post + " No.", "Reply Quote Report"]
    page = page_of(cleaner, lines, url="https://forum.example/threads/beginner-projects.12/")
    pt = page.roles.page_type
    assert pt.name == "forum" and pt.multi_region and pt.evidence["post headers"] == 3
    assert str(pt).startswith("forum (post headers 3")
    # a news URL and no forum chrome: the same posts are an article's comments
    page = page_of(cleaner, lines[:-1], url="https://news.example/2017/06/beginner-projects")
    assert page.roles.page_type.name == "article"


def test_markdown_level_one_heading_names_the_headline(cleaner):
    md = "\n\n".join(["[Home](https://x.example/)", "# Talks to resume in Geneva", "By Jane Smith", P, Q,
                      "## Latest", "[Other story one](https://x.example/1)"])
    page = page_of(cleaner, [md])
    assert page.doc.source_format == "markup"
    heading = next(b.index for b in page.blocks if b.text == "Talks to resume in Geneva")
    assert title.page_title_of(page, page.cls) == ("Talks to resume in Geneva", True)
    assert title.anchor(page, page.cls, title.separators(cleaner.rules), GOOD) == heading


def test_doubled_teaser_cards_weigh_as_headlines(cleaner):
    from cleaner.roles.region import doubled
    assert doubled("The best Black Friday TV deals of 2019 The best Black Friday TV deals of 2019")
    assert not doubled("New York, New York")  # too short to be a card
    assert not doubled("Talks resume in Geneva as the ceasefire holds for a third day in the north")
    # a tabloid's article with a rail of doubled teaser cards after it: the cards are
    # no further region of prose, even on a page named a listing
    body = [P, Q, "The talks will be chaired by a retired judge from Norway, whom both sides accepted after "
                  "weeks of argument over the venue, the agenda and the order in which the delegations speak."]
    cards = [f"{t} {t}" for t in ("Apple's best Black Friday deals this year on iPhones, watches and more",
                                  "The best TV deals of the season from every big store in the country",
                                  "Now half off, this Bluetooth turntable lets you jam out in retro style",
                                  "Slash an extra fifteen percent off these early Black Friday sales",
                                  "The best Black Friday deals on mattresses and bedding this week",
                                  "Tom Hanks discovers that he is related to a famous television host")]
    lines = ["Talks to resume in Geneva | Example News", "Talks to resume in Geneva", *body]
    for c in cards:
        lines += ["Shopping deals", c]
    r = cleaner.clean("\n".join(lines))
    for c in cards:
        b = next(b for b in r.document.blocks if b.text == c)
        assert b.drop_verdict is not None and b.drop_verdict.filter == "layout"
    assert all(p in r.text for p in body)


def test_a_section_header_every_few_blocks_is_a_repeated_count(cleaner):
    # a count under each teaser: three headers of one rule, two blocks apart
    lines = ["Latest articles", P, "14 comments", Q, "1 comment", P.replace("Geneva", "Vienna"), "2 comments"]
    page = page_of(cleaner, lines)
    assert [page.roles.repeated_header(i) for i in (2, 4, 6)] == [True] * 3
    once = page_of(cleaner, ["Talks to resume", P, Q, "12 comments", "I think this is a terrible idea."])
    assert not once.roles.repeated_header(3)
    # a comment section's header, then the counts of a teaser list far below it
    far = ["Talks to resume", P, "[ 167 comments ]", *[Q] * 14, "8 comments", P, "44 comments", P, "24 comments"]
    page = page_of(cleaner, far)
    assert not page.roles.repeated_header(2) and page.roles.repeated_header(17)


T = ("Aid agencies warned on Wednesday that the winter would make every delay more costly, as fuel and "
     "blankets were running short in the camps along the northern border.")


def test_a_credit_under_every_picture_is_no_boundary(cleaner, removed_by):
    # a gallery article (a picture's credit, its heading, its paragraph, slide after slide):
    # the credits are dropped, and the article runs across them (a copyright line once, at
    # the end of a page, is its footer and a boundary)
    paras = [P, Q, R, S, T]
    lines = ["Talks to resume in Geneva | Example News", "Talks to resume in Geneva"]
    for k, p in enumerate(paras, 1):
        lines += [f"{k}/5 photos © Shutterstock", f"Slide heading number {k}", p]
    r = cleaner.clean("\n".join(lines))
    page = r.document
    assert removed_by(r, "2/5 photos") == "copyright-symbol"
    assert all(removed_by(r, p[:40]) is None for p in paras)
    assert page.meta["layout"]["end"] == len(lines) - 1
    page = page_of(cleaner, ["Talks to resume", P, Q, "© 2019 Example News", R])
    assert not region.interleaved([None, None, None, "copyright-symbol", None], page.cls)


def test_the_article_goes_on_across_a_related_box_inside_it(cleaner, removed_by):
    # a magazine's article with two "Related" boxes between its paragraphs: the region
    # runs across them, the boxes' teasers are dropped
    lines = ["Show more sharing options", P, Q, R, "Related", "Storm hits the coast again", "Markets rally on Friday",
             "Related", "Ten songs we loved this week", S, T]
    r = cleaner.clean("\n".join(lines))
    assert removed_by(r, "Storm hits the coast") == "en-related-header"
    assert all(removed_by(r, x[:40]) is None for x in (P, Q, R, S, T))
    assert (r.document.meta["layout"]["start"], r.document.meta["layout"]["end"]) == (1, 10)
    # a single short paragraph after the box is not the article going on (a teaser's summary)
    short = "The singer said the tour would start in June."
    r = cleaner.clean("\n".join(lines[:9] + [short]))
    assert r.document.meta["layout"]["end"] == 3 and short not in r.text


def test_a_section_before_the_headline_ends_at_it(cleaner, removed_by):
    # a menu's "Latest News" header runs until article prose resumes; this article is a
    # list of short rows, so the section would swallow it: it ends at the headline, which a
    # dateline follows
    rows = ["Round 1: March 10 – Interlagos", "Round 2: April 8 – Curitiba", "Round 3: April 22 – Velopark"]
    lines = ["Stock Car calendar for 2018 | Autoracing", "Home", "Latest News", "Formula 1", "IndyCar",
             "Stock Car calendar for 2018", "Monday, January 22, 2018"] + rows + [
             "The calendar is subject to the many changes the organizer usually makes."]
    r = cleaner.clean("\n".join(lines))
    assert removed_by(r, "IndyCar") == "en-related-header"
    assert removed_by(r, "Stock Car calendar for 2018") != "en-related-header"  # the page title line
    assert r.document.blocks[5].drop_verdict is None and r.document.meta["layout"]["title"] == 5
    assert all(removed_by(r, x) != "en-related-header" for x in rows)


def test_a_teaser_repeating_the_title_does_not_end_a_section(cleaner, removed_by):
    # the same article as a teaser in a list of latest posts (no dateline under it): the
    # section goes on over it
    lines = ["Talks to resume in Geneva | Example News", "Latest News", "Storm hits the coast",
             "Talks to resume in Geneva", "Markets rally again", "Talks to resume in Geneva", "By Jane Smith", P, Q]
    r = cleaner.clean("\n".join(lines))
    assert r.document.blocks[3].drop_verdict.rule == "en-related-header"
    assert r.document.blocks[5].drop_verdict is None


def test_a_playlist_between_the_first_paragraph_and_the_body_is_left_out(cleaner, removed_by):
    # a markdown article: headline, byline, dateline, a one-line paragraph, then a video
    # playlist (linked headlines) and the body; only the headline's bonus would carry the
    # region over the playlist: the first paragraph stays as the head, the playlist goes
    videos = ["Storm hits the coast", "Markets rally again after a week of losses", "Rebels take the airport",
              "Ministers meet in Brussels on energy prices", "Floods in the north leave thousands homeless",
              "Inside the new parliament building", "Why the talks failed last time", "A day with the peacekeepers",
              "The envoy who never gives up", "What the ceasefire means for trade", "Refugees return to the city",
              "How the border was drawn", "The map of the front line explained", "Voices from the camps"]
    lines = ["# Talks to resume in Geneva", "By [Jane Smith](https://x.example/jane)",
             "Updated 0339 GMT November 19, 2019",
             "Chat with us in Messenger. Find out what's happening in the world as it unfolds.",
             "JUST WATCHED", "MUST WATCH"] + [f"[{v}](https://x.example/videos/{i})" for i, v in enumerate(videos)]
    r = cleaner.clean("\n\n".join(lines + [P, Q, R, S]))
    layout = r.document.meta["layout"]
    assert (layout["title"], layout["start"], layout["end"]) == (0, len(lines), len(lines) + 3)
    assert removed_by(r, "Chat with us") is None  # the head, kept as the lede
    assert all(removed_by(r, v) == "layout" for v in videos)


def test_the_writers_bio_under_the_article_is_not_article_text(cleaner, removed_by):
    # a review's end: the byline named the writer, then her name and bio, then a shop rail
    bio = ("Jane Miller is a senior writer covering consumer technology. When she is not reviewing "
           "gadgets, she tests kitchen robots, smart thermometers and sous-vide cookers at home.")
    rail = "Galaxy S10 128GB for 565.98 and Philips HU 4811/10 Series 2000 humidifier, 17 watts, white."
    lines = ["Talks to resume in Geneva | Example News", "Talks to resume in Geneva",
             "March 19, 2019 | By Jane Miller", P, Q, R, "Jane Miller", bio, "MOST POPULAR PRODUCTS", rail]
    r = cleaner.clean("\n".join(lines))
    assert r.document.meta["layout"]["end"] == 5
    assert removed_by(r, "senior writer") == "layout" and removed_by(r, "Galaxy S10") == "layout"
    assert all(removed_by(r, x[:30]) is None for x in (P, Q, R))


def test_a_recipes_ingredient_list_is_part_of_the_article(cleaner, removed_by):
    # the headline, its lede, the ingredients (short lines with amounts, labels between them),
    # the method: one article; without the list's amounts its short lines would part lede and method
    lines = ["Lemon sheet cake recipe | Example Kitchen", "Lemon sheet cake", P, "Ingredients", "For the batter:",
             "250 g flour", "200 g sugar", "6 medium eggs", "1/2 tsp salt", "Zest of two lemons", "100 ml milk",
             "For the glaze:", "150 g icing sugar", "3 tbsp lemon juice", "Method", Q, R, S, "Rate this recipe"]
    r = cleaner.clean("\n".join(lines))
    a = r.document.meta["layout"]
    assert (a["title"], a["start"], a["end"]) == (1, 2, 17)
    assert all(removed_by(r, x) is None for x in ("250 g flour", "1/2 tsp salt", "For the glaze:", "3 tbsp lemon"))
    assert removed_by(r, "Rate this recipe") == "layout"


def test_a_recommendation_list_ends_at_the_headline_after_a_long_run(cleaner, removed_by):
    # "Most Popular" opens a menu column, a gallery of image ratings and a share row (no prose
    # among them, so the section runs on) and then the recipe's headline with no dateline under it
    items = ["Quick oven dishes", "Soups and stews", "Spring pasta", "Rate this picture", "Very good",
             "Good", "Poor", "Cancel", "Sign in to rate", "Show all pictures", "Share on Facebook"]
    lines = (["Lemon sheet cake | Example Kitchen", "Most Popular"] + items * 4
             + ["Lemon sheet cake", "The creamiest cake I know", "953 comments", P, Q, R])
    r = cleaner.clean("\n".join(lines))
    head = len(lines) - 6
    assert r.document.meta["layout"]["title"] == head and not r.document.blocks[head].dropped
    assert removed_by(r, "Quick oven dishes") == "en-related-header"


def test_a_comments_button_in_the_share_row_under_the_standfirst_opens_no_section(cleaner, removed_by):
    # headline, standfirst, a comment count as a button of the share row, byline, then the article:
    # the button is no comment section's header; the one after the article is
    lines = ["Talks to resume in Geneva | Example News", "Talks to resume in Geneva", P, "12 Comments", "Save",
             "Print", "By Jane Miller", Q, R, S, "12 Comments", "Great piece, thanks for writing it!"]
    r = cleaner.clean("\n".join(lines))
    assert all(removed_by(r, x[:30]) is None for x in (P, Q, R, S))
    assert r.document.blocks[11].drop_verdict.rule == "en-comments-header"


def test_a_comment_count_just_above_the_headline_opens_no_section(cleaner, removed_by):
    # resiliparse's text of a news page (no <title> line): the breadcrumb ends in the headline
    # with its kicker, then the comment count, a date, the kicker alone and the headline the URL's
    # slug spells; the count lies in the article's head, above the headline, no prose between
    de1 = ("Der Machthaber zeigte sich nach drei Wochen zum ersten Mal wieder in der Öffentlichkeit, "
           "wie die staatlichen Medien am Samstag berichteten.")
    de2 = ("Über seinen Gesundheitszustand war zuvor viel spekuliert worden, doch die Regierung in Seoul "
           "hatte stets betont, es gebe keine Hinweise auf eine Erkrankung.")
    de3 = "Leser haben bereits eine lebhafte Diskussion über die Bilder begonnen, die am Wochenende erschienen."
    notice = ("Wir haben unser Angebot überarbeitet und freuen uns über Ihre Rückmeldung zu den neuen Seiten, "
              "die seit Montag online sind.")  # prose above the article: the section rule's gate is open
    lines = [notice, "Frankfurter Rundschau Startseite", "Politik",
             "Nordkorea: Kim Jong Un - Der Diktator ist zurück", "5 Kommentare", "Weitere", "04.05.20 14:50",
             "Nordkorea", "Kim Jong Un: Der Diktator ist zurück", de1, de2, "5 Kommentare", de3]
    url = "https://www.example.de/politik/kim-jong-un-nordkorea-diktator-zurueck-zr-13680734.html"
    page = page_of(cleaner, lines, url=url)
    assert page.roles.headline == 8  # not the breadcrumb's last item, which holds it
    assert page.roles.in_article_head(4) and not page.roles.in_article_head(11)
    r = cleaner.clean("\n".join(lines), url=url)
    assert removed_by(r, de1[:30]) is None and removed_by(r, de2[:30]) is None
    assert removed_by(r, de3[:30]) == "de-comments-header"  # the count after the article opens it


def test_a_one_block_page_gets_the_article_the_full_search_finds(cleaner, monkeypatch):
    """``Roles._one_block``, the short way for a page of one block, against ``_regions`` (the
    full search) on every line of the seed samples as a page of its own, with and without a
    URL whose slug spells it: the same article, page type, kept text and removals."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "samples"
    lines = sorted({x.strip() for f in sorted(root.glob("0*_*.txt")) if "expected" not in f.name
                    for x in f.read_text(encoding="utf-8").splitlines() if x.strip()})
    calls = []

    def seen(lines_):
        out = []
        for k, line in enumerate(lines_):
            url = "https://example.com/news/" + "-".join(line.lower().split()[:8]) if k % 2 else None
            page = Page(cleaner.parse(line, url=url, lang="en"), cleaner.context)
            art = page.roles.article(LayoutConfig())
            res = cleaner.clean(line, lang="en", url=url)
            out.append((art, str(page.roles.assumed_type), res.text, res.removed, res.notes))
        return out

    short = Roles._one_block
    monkeypatch.setattr(Roles, "_one_block", lambda self, *a: calls.append(1) or short(self, *a))
    fast = seen(lines)
    assert len(lines) > 150 and len(calls) > 50  # the short way was taken on many of them
    monkeypatch.setattr(Roles, "_one_block", Roles._regions)
    assert seen(lines) == fast

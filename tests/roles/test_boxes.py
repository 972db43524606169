"""Boxes inside an article (``roles.boxes``): a few blocks whose only boundaries are related
sections part nothing; a comment section or a longer run does."""
from __future__ import annotations

from cleaner.page import Page
from cleaner.roles import boxes

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
Q = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
     "several points were still contested and would need further discussion before any signing.")


def filtered_page(cleaner, lines):
    """A page with every filter's verdicts on it (the roles are kept: no ``Page.done``)."""
    page = Page(cleaner.parse("\n".join(lines)), cleaner.context)
    for f in cleaner.filters:
        f.apply(page)
    return page


def test_a_related_box_is_a_box_and_a_comment_section_is_not(cleaner):
    lines = ["Talks to resume", P, "Related articles", "Storm hits the coast", "Markets rally again", Q,
             "Leave a Reply", "Your email address will not be published.", Q.replace("Sunday", "Monday")]
    page = filtered_page(cleaner, lines)
    rules = {i: b.drop_verdict.rule for i, b in enumerate(page.blocks) if b.drop_verdict is not None}
    assert rules[2] == "en-related-header" and rules[6] == "en-comments-header", rules
    assert boxes.is_box(page.roles, 2, 5)  # the related-articles box
    assert not boxes.is_box(page.roles, 6, 8)  # the comment section is a hard boundary
    assert not boxes.is_box(page.roles, 0, boxes.BOX_SPAN + 1)  # longer than a box


R = ("Officials said the border crossings would reopen on Friday morning, and that aid convoys were "
     "already waiting at two of them with food, water and medical supplies for the region.")
S = ("Residents interviewed on Thursday said they hoped the agreement would hold this time, after two "
     "earlier truces had collapsed within days and the fighting had resumed in the city.")


def test_the_article_reaches_back_over_a_related_box_before_its_longer_part(cleaner, removed_by):
    # a story's first paragraphs, a "You May Also Like" box (a related section, a hard
    # boundary), then its longer second part: the region found is the second part, and its
    # start moves back over the box to the first part (``boxes.before_boxes``)
    first = [P, Q.replace("Sunday", "Monday"), R.replace("Friday", "Monday")]
    box = ["You May Also Like", "HEALTH", "A walk after eating can change how the brain and body respond to food",
           "HEALTH", "What medical experts really want caffeine drinkers to know"]
    second = [Q, R, S, R.replace("Friday", "Saturday"), S.replace("Thursday", "Friday")]
    lines = ["Premium", "HEALTH"] + first + box + second + ["Privacy Policy", "Terms of Use"]
    r = cleaner.clean("\n".join(lines))
    layout = r.document.meta["layout"]
    assert layout["start"] == 2 and layout["end"] == len(lines) - 3
    assert all(removed_by(r, x) is None for x in first)
    assert removed_by(r, "A walk after eating") == "en-related-header"


def test_a_short_first_part_before_a_box_stays_out(cleaner, removed_by):
    # a lone teaser summary before the box weighs less than half the article: no part of it
    box = ["You May Also Like", "A walk after eating can change how the brain and body respond to food",
           "What medical experts really want caffeine drinkers to know"]
    body = [Q, R, S, R.replace("Friday", "Saturday"), S.replace("Thursday", "Friday"), Q.replace("Sunday", "Monday")]
    lines = ["Premium", P] + box + body
    r = cleaner.clean("\n".join(lines))
    assert r.document.meta["layout"]["start"] == 2 + len(box)


def test_the_article_reaches_over_a_box_to_a_part_whose_lists_have_labels(cleaner, removed_by):
    # after the box, the story goes on in sections whose lists open with a label ("Pros:"):
    # not one unbroken run of paragraphs, but its densest run is mostly paragraphs
    # (``region.mostly_prose``) and weighs half the first part: the article reaches over the box
    first = [P, Q, R, S]
    box = ["Related Content:", "37 Best Social Media Marketing Platforms for 2025"]
    second = ["Snapchat is another platform popular among younger audiences, and about half of its users "
              "open the app every single day to share short videos with their friends.",
              "Pros:",
              "Customizable filters and lenses: brands can use the templates or design their own, which "
              "lets a campaign look like the rest of what people share on a given day.",
              "Shoppable ads: advertisers create and edit ads that link users directly to a product page, "
              "so that a viewer can buy without leaving the app at any point.",
              "Cons:",
              "Not ideal for older shoppers or formal businesses: the playful tone of the app suits some "
              "brands much better than others, and the audience is young."]
    lines = ["Comparing social platforms"] + first + box + second + ["Privacy Policy"]
    r = cleaner.clean("\n".join(lines))
    assert removed_by(r, "37 Best Social") == "en-related-header"
    assert all(removed_by(r, x) is None for x in second)
    assert r.document.meta["layout"]["end"] == len(lines) - 2


def test_a_hard_boundary_without_a_drop_is_no_box(cleaner):
    # a product's customer reviews are a hard boundary with no drop on their lines (the
    # roles keep them out of every region): next to the region they part it, and asking
    # whether they were a related section must not fail on the missing drop
    from cleaner.features import GOOD
    page = filtered_page(cleaner, ["Cordless drill", P, "Works well, battery lasts.", Q])
    assert page.blocks[2].drop_verdict is None
    cls, hard, w = [None, GOOD, None, GOOD], [False, False, True, False], [0.0, 1.0, 0.0, 1.0]
    assert boxes.across_boxes(page.roles, cls, hard, lambda: w, 1, 1) == 1
    assert boxes.before_boxes(page.roles, cls, hard, lambda: w, 3, 3) == 3

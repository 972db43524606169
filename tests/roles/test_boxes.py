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

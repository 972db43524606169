"""The title finder (``roles.title``): which block has a headline's shape."""
from __future__ import annotations

from cleaner.filters.layout import LayoutConfig
from cleaner.page import Page
from cleaner.roles import title

P = ("It solved my daughter's problems with the screen, although I did have to order the tools with it "
     "and the battery took two weeks to arrive at our house in the countryside.")
Q = ("The kit has every bit the repair guides ask for, and the case keeps them in order; after a year of "
     "use none of the drivers has lost its grip and the spudger is still straight.")


def page_of(cleaner, lines):
    return Page(cleaner.parse("\n".join(lines)), cleaner.context)


def test_initials_are_no_headline(cleaner):
    # a reviewer's initials (an avatar's letters) just before the review text: two tokens,
    # but too few letters to name an article
    page = page_of(cleaner, ["Customer Reviews", "K O", P, Q])
    assert not title.headline(page, 1, strict=True)
    assert page.roles.article(LayoutConfig()).title == 0  # the nearest headline before the text


def test_short_headlines_keep_their_shape(cleaner):
    page = page_of(cleaner, ["Talks resume", "東京五輪が開幕", "F1 2018", "A b", P])
    assert title.headline(page, 0, strict=True)
    assert title.headline(page, 1, strict=True)  # CJK: counted in characters, not letters
    assert title.headline(page, 2, strict=True)  # digits count with the letters
    assert not title.headline(page, 3, strict=True)


def test_a_teaser_headline_after_the_text_is_no_title(cleaner):
    # a short news item (headline, byline, date, two paragraphs) followed by a list of
    # teasers, each a headline, a byline and a date: the title is the item's own headline,
    # not the first teaser's, though a byline follows both
    lines = ["BREAKING NEWS", "Son of former president stabbed to death in Berlin", "By POST STAFF",
             "NOVEMBER 20, 2019 10:43", P, Q, "Both parties are to blame for the lack of a government",
             "By POST STAFF", "11/20/2019 01:14 PM", "Strikes on Syria were the wrong move, Moscow says", "By REUTERS",
             "11/20/2019 10:08 AM"]
    layout = cleaner.clean("\n".join(lines)).document.meta["layout"]
    assert (layout["title"], layout["start"], layout["end"]) == (1, 4, 5)

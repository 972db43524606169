"""Page-title separators: the first-character check before the pattern (a fast path)
splits and finds exactly what the pattern alone does; the title runs are made only
when a block may repeat them."""
from __future__ import annotations

import pytest

from cleaner.features import GOOD
from cleaner.filters.layout import LayoutConfig
from cleaner.page import Page
from cleaner.roles import title

LINES = [
    "Talks resume | Example News", "Talks resume – Example News", "Talks resume - Example News",
    "well-known talks", "A ratio of 3:2", "Topic: Headline - Sub | Site", "標題｜新聞網", "snake_case_name",
    "No separator at all here", "", "   ", "Trailing |", "| leading", "a :: b", "x » y • z ~ w / v · u",
    "The quick brown fox jumps over the lazy dog",
]


@pytest.mark.parametrize("line", LINES)
def test_the_separators_split_and_find_as_their_pattern_does(cleaner, line):
    sep = title.separators(cleaner.rules)
    assert sep.split(line) == sep.regex.split(line)
    assert [m.span() for m in sep.finditer(line)] == [m.span() for m in sep.regex.finditer(line)]


def test_an_empty_separator_word_turns_the_check_off():
    sep = title.separator_pattern(frozenset({"-", ""}), frozenset())
    assert sep.split("a b") == sep.regex.split("a b")


def test_a_one_line_page_has_no_anchor_and_no_title_from_the_page_title(cleaner):
    # a one-line record: its line is its own page title, and no other block can repeat it
    line = "Talks to resume in Geneva | Example News"
    page = Page(cleaner.parse(line), cleaner.context)
    sep = title.separators(cleaner.rules)
    assert title.anchor(page, [GOOD], sep, GOOD) is None
    assert title.find_title(page, [GOOD], 0, sep, window=25, lookback=5, good=GOOD) is None
    art = page.roles.article(LayoutConfig())
    assert art is None or art.title is None

"""A block's text, link characters and inline form, joined once per piece (``parse.builder``)."""
from __future__ import annotations

from cleaner.parse.builder import _link_chars, _pieces


def test_link_chars_count_visible_characters_of_link_text():
    assert _link_chars([]) == 0
    assert _link_chars(["Read ", "more\n", " now"]) == len("Readmorenow")


def test_pieces_split_parts_at_newlines_with_their_own_link_share():
    # (text, in_link, is_markup) as the walk collects them; markup marks go to the inline form only
    parts = [("Intro ", False, False), ("\x02", False, True), ("a link\nnext", True, False),
             ("\x03/x\x04", False, True), (" line", False, False)]
    assert _pieces(parts) == [("Intro a link", len("alink"), "Intro \x02a link"),
                              ("next line", len("next"), "next\x03/x\x04 line")]

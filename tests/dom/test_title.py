"""The HTML headline finder splits the page title at the rule packs' separators."""
from cleaner.dom.title import _title_parts
from cleaner.roles.title import builtin_separators, separator_pattern
from cleaner.text import fold_key


def test_page_title_parts_come_from_the_common_packs_separators():
    parts = _title_parts("Storm floods the coastal towns | Daily Courier", builtin_separators())
    assert fold_key("Storm floods the coastal towns") in parts
    assert fold_key("Daily Courier") in parts


def test_a_separator_the_packs_do_not_name_does_not_split():
    # a pack set without "|" keeps the title whole: the separators are data, not code
    sep = separator_pattern(frozenset({"-"}), frozenset())
    parts = _title_parts("Storm floods the coastal towns | Daily Courier", sep)
    assert fold_key("Storm floods the coastal towns") not in parts
    parts = _title_parts("Storm floods the coastal towns - Daily Courier", sep)
    assert fold_key("Storm floods the coastal towns") in parts
    assert _title_parts("Storm floods the coastal towns | Daily Courier", None) == {
        fold_key("Storm floods the coastal towns | Daily Courier")}

"""What the page matcher returns for one page (``rules.hits.PageMatches``): the blocks and
section headers of each category, which the category filters read."""
from __future__ import annotations

from types import SimpleNamespace

from cleaner.rules.hits import PageMatches


def _rule(rid: str, category: str):
    return SimpleNamespace(id=rid, category=category)


def test_acts_on_names_the_categories_with_a_block_rule_or_a_header():
    share, footer = _rule("share-this", "share"), _rule("footer-links", "footer")
    m = PageMatches(hits=[None, share, None], heads=[None, None, footer], protects=[None] * 3,
                    trims=[[], [], []])
    assert m.hit_blocks("share") == [1] and m.has_head("footer") and not m.has_trims
    assert m.acts_on("share") and m.acts_on("footer")
    assert not m.acts_on("nav") and not m.acts_on("cookie")


def test_a_trim_rule_on_any_block_makes_every_category_act():
    trim = _rule("read-more-suffix", "related")
    m = PageMatches(hits=[None, None], heads=[None, None], protects=[None, None], trims=[[], [trim]])
    assert m.has_trims and m.acts_on("nav") and m.acts_on("related")

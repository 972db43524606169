"""The Page: a parsed document's analysis, freed as soon as the filters are through."""
from __future__ import annotations

import gc
import weakref
from collections import Counter

from cleaner.filters.layout import LayoutConfig
from cleaner.page import Page

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")


def test_done_lets_go_of_the_roles_so_the_page_is_freed_without_the_collector(cleaner):
    gc.collect()
    gc.disable()
    try:
        page = Page(cleaner.parse("Talks to resume\n" + P), cleaner.context)
        assert page.roles.article(LayoutConfig()) is not None  # the roles refer to the page
        ref = weakref.ref(page)
        page.done()
        del page
        assert ref() is None  # freed by reference counting alone
    finally:
        gc.enable()


def test_cleaning_leaves_no_reference_cycles(cleaner):
    """Short records by the thousand: garbage in cycles would pile up for the collector."""
    texts = ["Share this article on Facebook", "Talks to resume\n" + P + "\nRead more",
             "# Title\n\n" + P + "\n\n[Home](/) [News](/news)"]
    for t in texts:
        cleaner.clean(t)  # warm: whatever is built once is built
    gc.collect()
    gc.disable()
    try:
        gc.set_debug(gc.DEBUG_SAVEALL)  # keep what the collector finds, to name it
        for t in texts:
            cleaner.clean(t)
        found = gc.collect()
        kinds = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.garbage)
        assert found == 0, kinds.most_common(20)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()

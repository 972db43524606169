"""The Page: a parsed document's analysis, freed as soon as the filters are through."""
from __future__ import annotations

import gc
import json
import subprocess
import sys
import weakref

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


# run in a process of its own: the collector finds garbage of every thread, and the
# test session's other threads (the Dask cluster's event loop) make some of their own
_NO_CYCLES = """
import gc, json, sys
from collections import Counter
from cleaner import Cleaner
texts = json.loads(sys.argv[1])
cleaner = Cleaner()
for t in texts:
    cleaner.clean(t)  # warm: whatever is built once is built
gc.collect()
gc.disable()
gc.set_debug(gc.DEBUG_SAVEALL)  # keep what the collector finds, to name it
for t in texts:
    cleaner.clean(t)
found = gc.collect()
kinds = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.garbage)
print(json.dumps([found, kinds.most_common(20)]))
"""


def test_cleaning_leaves_no_reference_cycles():
    """Short records by the thousand: garbage in cycles would pile up for the collector."""
    texts = ["Share this article on Facebook", "Talks to resume\n" + P + "\nRead more",
             "# Title\n\n" + P + "\n\n[Home](/) [News](/news)"]
    run = subprocess.run([sys.executable, "-c", _NO_CYCLES, json.dumps(texts)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    found, kinds = json.loads(run.stdout.strip().splitlines()[-1])
    assert found == 0, kinds


def test_fold_key_of_a_block_is_the_fold_key_of_its_text(cleaner):
    from cleaner.text import fold_key

    long_line = "Word " * 50 + "2024."
    page = Page(cleaner.parse(f"Talks to RESUME\n{P}\nShare · 12 comments\n{long_line}\n日本語 ２０２４"), cleaner.context)
    assert page._short_keys[0] is not None and page._short_keys[1] is None  # a long block is folded when asked
    assert [page.fold_key(i) for i in range(page.n)] == [fold_key(b.text) for b in page.blocks]


def test_block_texts_are_on_one_line_and_stripped_of_every_space():
    """``Page.texts``: a page without line breaks takes ``str.strip``, one with them
    replaces them first; both strip exactly the characters ``isspace`` calls spaces."""
    from cleaner.document import Block, Document

    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    texts = [f"{s}Word and word{s}" for s in spaces] + ["", " ", "\u200b zero width stays\u200b", "x\u00a0"]

    def reference(t):
        t = t.replace("\n", " ")
        while t and t[0].isspace():
            t = t[1:]
        while t and t[-1].isspace():
            t = t[:-1]
        return t

    flat = [t for t in texts if "\n" not in t]
    assert Page(Document([Block(i, t) for i, t in enumerate(flat)])).texts == [reference(t) for t in flat]
    broken = texts + ["two\nlines "]
    assert Page(Document([Block(i, t) for i, t in enumerate(broken)])).texts == [reference(t) for t in broken]

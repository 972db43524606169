"""The cycle collector kept off the objects a process makes to live as long as it does.

Importing the package's modules, reading a memo back from disk and building the pipeline
make hundreds of thousands of objects that live as long as the process (modules,
classes, functions, the built packs).  The collector, run every 700 new objects, would go
over each of them in its young generations before they reach the oldest: a tenth of the
command line's start-up.  ``collector_paused`` turns it off for such a block (and back on
after, unless the caller had turned it off); ``long_lived`` also moves what exists at the
block's end straight to the oldest generation (frozen and unfrozen at once: no
traversal), where only full collections look, so that cycles made inside are still
collected.  It does so only when no objects are frozen (``gc.freeze``: a chunk being
cleaned, a worker's pipeline), leaving a caller's frozen objects as they are.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextmanager
def long_lived():
    with collector_paused():
        yield
        # (counting the frozen objects walks them: cheap only when there are none, as at start-up)
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()  # every tracked object joins the oldest generation, untraversed


__all__ = ["collector_paused", "long_lived"]

"""The cycle collector kept off long-lived objects (``gcpause``): off inside a block, as it
was after whatever happens inside; with ``long_lived``, what the block made joins the
oldest generation, unless objects are frozen."""
from __future__ import annotations

import gc

import pytest

from cleaner.gcpause import collector_paused, long_lived


@pytest.fixture
def collector_on():
    was_on = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was_on else gc.disable)()


@pytest.mark.parametrize("block", [collector_paused, long_lived])
def test_the_collector_is_off_inside_and_on_again_after(collector_on, block):
    with block():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.parametrize("block", [collector_paused, long_lived])
def test_an_error_inside_turns_it_back_on(collector_on, block):
    with pytest.raises(KeyError):
        with block():
            raise KeyError("x")
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off(collector_on):
    gc.disable()
    with long_lived():
        with collector_paused():  # nested: the inner block does not turn it on
            pass
        assert not gc.isenabled()
    assert not gc.isenabled()


def _young(obj) -> bool:
    return any(o is obj for g in (0, 1) for o in gc.get_objects(generation=g))


def test_what_a_long_lived_block_made_joins_the_oldest_generation(collector_on):
    with long_lived():
        made = [[] for _ in range(10)]
        assert _young(made)
    gc.disable()  # (no collection may move anything while we look)
    assert not _young(made) and gc.get_freeze_count() == 0
    with collector_paused():  # a plain pause moves nothing
        young = [[] for _ in range(10)]
    assert _young(young)


def test_objects_frozen_by_the_caller_stay_frozen(collector_on):
    kept = [[] for _ in range(10)]
    gc.freeze()
    try:
        with long_lived():
            made = [[] for _ in range(10)]
        gc.disable()
        in_a_generation = {id(o) for g in (0, 1, 2) for o in gc.get_objects(generation=g)}
        assert id(kept) not in in_a_generation and _young(made)  # both left where they were
    finally:
        gc.unfreeze()
